// Procedure catalogue: SQL edge (versions, effective dates, diacritic-insensitive search).
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ProcedureVersionInput, StoredProcedure } from './core/types.ts';
import { seedProcedures } from './seed/index.ts';
import { Problem } from '../http/problem.ts';
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

/** Adds a new version (the previous open-ended version is closed the day the new one starts).
 *  Call inside a transaction: the last version's row is locked until commit. */
export async function addVersion(trx: Kysely<Database>, p: ProcedureVersionInput): Promise<number> {
  {
    const last = await trx
      .selectFrom('procedures')
      .select(['version', 'effective_from', 'effective_to'])
      .where('code', '=', p.code)
      .orderBy('version', 'desc')
      .forUpdate()
      .executeTakeFirst();
    if (last && p.effectiveFrom <= last.effective_from) {
      throw new Problem(422, 'VERSION_NOT_LATER', 'Phiên bản mới phải có ngày hiệu lực sau phiên bản hiện hành.',
        `Phiên bản ${last.version} có hiệu lực từ ${last.effective_from}.`);
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
    return version;
  }
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
  opts: { q?: string; field?: string; at: Date; limit: number },
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
