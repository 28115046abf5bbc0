// Procedure catalogue: SQL edge (versions, effective dates, diacritic-insensitive search).
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Component, ProcedureVersionInput, StoredProcedure } from './core/types.ts';
import { seedProcedures } from './seed/index.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { TtlCache } from '../shared/ttl-cache.ts';



const row = (p: ProcedureVersionInput, version: number) => ({
  code: p.code,
  version,
  effective_from: p.effectiveFrom,
  effective_to: p.effectiveTo,
  name: p.name,
  field_code: p.field.code,
  field_name: p.field.name,
  handling_unit_code: p.handlingUnitCode,
  data: JSON.stringify(p),
});

/** Loads the shipped catalogue; version numbers follow effective dates. Repeatable without duplicates. */
export async function seedCatalogue(db: Kysely<Database>): Promise<number> {
  const byCode = new Map<string, ProcedureVersionInput[]>();
  for (const p of seedProcedures) byCode.set(p.code, [...(byCode.get(p.code) ?? []), p]);
  const rows = [...byCode.values()].flatMap((versions) =>
    versions.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).map((p, i) => row(p, i + 1)),
  );
  if (!rows.length) return 0;
  const r = await db
    .insertInto('procedures')
    .values(rows)
    .onConflict((oc) => oc.columns(['code', 'version']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

/** What adding a version did: its number, or the current version the new one does not start after (nothing written). */
export type AddedVersion = { ok: true; version: number } | { ok: false; last: { version: number; effectiveFrom: string } };

/** Adds a new version (the previous open-ended version is closed the day the new one starts), unless it does not
 *  start after the last version. Call inside a transaction: the last version's row is locked until commit. */
export async function insertVersion(trx: Kysely<Database>, p: ProcedureVersionInput): Promise<AddedVersion> {
  const last = await trx
    .selectFrom('procedures')
    .select(['version', 'effective_from', 'effective_to'])
    .where('code', '=', p.code)
    .orderBy('version', 'desc')
    .forUpdate()
    .executeTakeFirst();
  if (last && p.effectiveFrom <= last.effective_from) {
    return { ok: false, last: { version: last.version, effectiveFrom: last.effective_from } };
  }
  if (last && last.effective_to === null) {
    await trx
      .updateTable('procedures')
      .set({ effective_to: p.effectiveFrom, data: sql`jsonb_set(data, '{effectiveTo}', to_jsonb(${p.effectiveFrom}::text))` })
      .where('code', '=', p.code)
      .where('version', '=', last.version)
      .execute();
  }
  const version = (last?.version ?? 0) + 1;
  await trx.insertInto('procedures').values(row(p, version)).execute();
  return { ok: true, version };
}

const inForce = (day: string) => (eb: ExpressionBuilder<Database, 'procedures'>) =>
  eb.and([eb('effective_from', '<=', day), eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', day)])]);

// Versions are read on every intake and action; publishing a version clears the cache.
const procedures = new TtlCache<StoredProcedure | undefined>(60_000);

/** Call after committing a catalogue change. */
export function forgetProcedures() {
  procedures.clear();
}

export function procedureAt(db: Kysely<Database>, code: string, at: Date): Promise<StoredProcedure | undefined> {
  const day = vnDate(at);
  return procedures.get(`${code}@${day}`, async () => {
    const r = await db.selectFrom('procedures').select(['version', 'data']).where('code', '=', code).where(inForce(day)).executeTakeFirst();
    return r ? { ...(r.data as ProcedureVersionInput), version: r.version } : undefined;
  });
}

export function procedureVersion(db: Kysely<Database>, code: string, version: number): Promise<StoredProcedure | undefined> {
  return procedures.get(`${code}#${version}`, async () => {
    const r = await db.selectFrom('procedures').select(['version', 'data']).where('code', '=', code).where('version', '=', version).executeTakeFirst();
    return r ? { ...(r.data as ProcedureVersionInput), version: r.version } : undefined;
  });
}

/** The components of a procedure version, read uncached (throws when the version is missing). */
export async function componentsOf(db: Kysely<Database>, code: string, version: number): Promise<Component[]> {
  const r = await db.selectFrom('procedures').select('data')
    .where('code', '=', code).where('version', '=', version).executeTakeFirstOrThrow();
  return (r.data as ProcedureVersionInput).components;
}

/** Which of these versions can be filed online (`code#version` keys). */
export async function onlineVersions(db: Kysely<Database>, refs: readonly { code: string; version: number }[]): Promise<Set<string>> {
  if (!refs.length) return new Set();
  const rows = await db
    .selectFrom('procedures')
    .select(['code', 'version', sql<string[]>`data->'methods'`.as('methods')])
    .where((eb) => eb.or(refs.map((h) => eb.and([eb('code', '=', h.code), eb('version', '=', h.version)]))))
    .execute();
  return new Set(rows.filter((r) => r.methods.includes('online')).map((r) => `${r.code}#${r.version}`));
}

/** The current name of each procedure code (its latest version). */
export async function procedureNames(db: Kysely<Database>, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db.selectFrom('procedures').select(['code', 'name']).where('code', 'in', [...new Set(codes)]).orderBy('version').execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The (field code, field name) pairs of the open-ended procedure versions, unordered. */
export async function openFields(db: Kysely<Database>) {
  return db.selectFrom('procedures').select(['field_code', 'field_name']).distinct()
    .where('effective_to', 'is', null).execute();
}

export async function listVersions(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('procedures')
    .select(['version', 'effective_from as effectiveFrom', 'effective_to as effectiveTo', 'name'])
    .where('code', '=', code)
    .orderBy('version')
    .execute();
}

export interface SearchHit {
  code: string;
  version: number;
  name: string;
  fieldCode: string;
  fieldName: string;
  score: number;
}

/**
 * Diacritic-insensitive, typo-tolerant, ranked search over the procedures in force (unaccent + pg_trgm):
 * an exact folded substring ranks first, then word similarity, then whole-name similarity.
 */
export async function searchProcedures(
  db: Kysely<Database>,
  opts: { q?: string; field?: string; at: Date; limit: number; /** Only those the commune receives (not `routingOnly`). */ received?: boolean },
): Promise<SearchHit[]> {
  const q = opts.q?.trim();
  const folded = sql`vi_fold(${q ?? ''})`;
  const score = q
    ? sql<number>`round((greatest(word_similarity(${folded}, search_text),
        case when strpos(search_text, ${folded}) > 0 then 1 else 0 end))::numeric, 3)::float8`
    : sql<number>`1::float8`;
  let query = db
    .selectFrom('procedures')
    .select(['code', 'version', 'name', 'field_code as fieldCode', 'field_name as fieldName', score.as('score')])
    .where(inForce(vnDate(opts.at)));
  if (opts.field) query = query.where('field_code', '=', opts.field);
  if (opts.received) query = query.where(sql<boolean>`data->'routingOnly' IS NULL`);
  if (q) {
    query = query
      .where(sql<boolean>`(${folded} <% search_text OR strpos(search_text, ${folded}) > 0)`)
      .orderBy(sql`strpos(search_text, ${folded}) > 0`, 'desc')
      .orderBy(sql`word_similarity(${folded}, search_text)`, 'desc')
      .orderBy(sql`similarity(${folded}, vi_fold(name))`, 'desc');
  } else {
    query = query.orderBy('field_name').orderBy('name');
  }
  return query.orderBy('code').limit(opts.limit).execute();
}
