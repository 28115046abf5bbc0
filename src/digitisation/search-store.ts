// The blind index of OCR text, SQL edge (migration 040, ocr_terms): one row per done digitisation job with the keyed
// hashes of its words (core/terms.ts), the search's condition on a `dossiers as d` query, the backfill's walk, and the
// access log of a search.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Stores (or replaces: hashed again with a new key) the terms of a done job, in the caller's transaction. The
 *  dossier and commune are the job's. */
export async function storeTerms(trx: Db, t: { jobId: string; terms: readonly string[]; keyId: string; now: Date }) {
  await trx.insertInto('ocr_terms')
    .columns(['job_id', 'dossier_id', 'commune_id', 'key_id', 'terms', 'made_at'])
    .expression((eb) => eb.selectFrom('digitisation_jobs as j')
      .select([
        'j.id', 'j.dossier_id', 'j.commune_id', sql.lit(t.keyId).as('key_id'),
        sql<string[]>`${[...t.terms]}::bigint[]`.as('terms'), sql<Date>`${t.now}::timestamptz`.as('made_at'),
      ])
      .where('j.id', '=', t.jobId).where('j.status', '=', 'done'))
    .onConflict((oc) => oc.column('job_id').doUpdateSet((eb) => ({
      key_id: eb.ref('excluded.key_id'), terms: eb.ref('excluded.terms'), made_at: eb.ref('excluded.made_at'),
    })))
    .execute();
}

/** Done jobs after `afterId` (by id, at most `limit`) with no terms made with the key `keyId`: done before migration
 *  040, or by a worker that could not index them, or hashed with a former key. With the OCR text's file to read. */
export function jobsWithoutTerms(db: Db, afterId: string, limit: number, keyId: string) {
  return db.selectFrom('digitisation_jobs as j')
    .select(['j.id', 'j.commune_id', 'j.ocr_sha256'])
    .where('j.id', '>', afterId)
    .where('j.status', '=', 'done')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('ocr_terms as t').select('t.job_id')
      .whereRef('t.job_id', '=', 'j.id').where('t.key_id', '=', keyId))))
    .orderBy('j.id')
    .limit(limit)
    .execute();
}

/** The newest job's id ('0' when none): where the backfill's walk ends. */
export async function lastJobId(db: Db): Promise<string> {
  const r = await db.selectFrom('digitisation_jobs').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return String(r?.id ?? '0');
}

/** A search of the scans' text as the dossier list takes it: the terms of the words typed (search.ts searchTerms). */
export interface ScanTextFilter {
  keyId: string;
  terms: readonly string[];
}

/**
 * The condition "the dossier `d` has done scans holding every one of the terms" (each term may be in a different scan
 * of the dossier), for a `dossiers as d` query already scoped to the caller (dossiers/store.ts scoped). Each term is
 * one lookup of the GIN index ocr_terms_terms; their dossiers are intersected. Only rows of the caller's commune and of
 * the current key count.
 */
export function scansHoldAll(communeId: string, f: ScanTextFilter): RawBuilder<boolean> {
  if (!f.terms.length) return sql<boolean>`false`;
  const per = f.terms.map((term) => sql`SELECT t.dossier_id FROM ocr_terms t
    WHERE t.commune_id = ${communeId} AND t.key_id = ${f.keyId} AND t.terms @> ARRAY[${term}::bigint]`);
  return sql<boolean>`(d.id IN (${sql.join(per, sql` INTERSECT `)}))`;
}

/** A search of the scans' text, in the access log: one entry for the search (no dossier), one per dossier shown. The
 *  words are never logged (they are personal data): only how many there were. */
export async function logScanSearch(db: Db, actor: string, words: number, shown: readonly string[]) {
  const detail = JSON.stringify({ words, shown: shown.length });
  await db.insertInto('access_log')
    .values([{ actor, action: SEARCH_ACTION, dossier_id: null, detail }, ...shown.map((id) => ({ actor, action: SEARCH_ACTION, dossier_id: id, detail: JSON.stringify({ words }) }))])
    .execute();
}

/** The access log's name of a search of the scans' text. */
export const SEARCH_ACTION = 'search_scan_text';
