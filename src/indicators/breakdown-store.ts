// The digitisation (766 4.2) and reuse (4.3) counts of a period broken down by procedure and by unit, in ONE query
// that returns the whole (the overall row), each procedure and each unit (GROUPING SETS). For periods of whole months
// (every dashboard and public view) it reads the monthly rollup's 'count' buckets of the finished dossiers (a few rows
// per procedure, unit and month, whatever the number of dossiers: migration 016's primary key, commune and month first)
// plus the unfinished dossiers received in the period, read live from indicator_facts (its partial index
// indicator_facts_commune_unfinished) — the same two halves as the 766 index (figures.ts); for other periods, dossier
// by dossier from indicator_facts on (commune_id, received_at). Both give the same counts (test/indicators).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Count } from './core/contributions.ts';
import type { Period } from './core/progress.ts';
import { monthSpan } from './core/rollup.ts';
import { ensureRollup } from './rollup-store.ts';
import type { Scope } from './store.ts';


/** The counts broken down: 4.2's and 4.3's numerators over their denominator, the dossiers received. */
export const BREAKDOWN_COUNTS = ['received', 'digitised', 'reused'] as const satisfies readonly Count[];
export type BreakdownCount = (typeof BREAKDOWN_COUNTS)[number];

/** One row: the whole (`by` 'all'), one procedure ('procedure': `key` its code) or one unit ('unit': `key` its code,
 *  '' for dossiers not sent to a unit yet). */
export interface BreakdownRow {
  by: 'all' | 'procedure' | 'unit';
  key: string;
  counts: Record<BreakdownCount, number>;
}

const filters = (s: Scope, alias: 'r' | 'f', unitNullAsEmpty: boolean): RawBuilder<unknown>[] => {
  const out: RawBuilder<unknown>[] = [];
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  if (s.unitCode) out.push(sql`${unitNullAsEmpty ? sql`COALESCE(${col('unit_code')}, '')` : col('unit_code')} = ${s.unitCode}`);
  if (s.fieldCode) out.push(sql`${col('field_code')} = ${s.fieldCode}`);
  if (s.procedureCode) out.push(sql`${col('procedure_code')} = ${s.procedureCode}`);
  return out;
};
const and = (parts: RawBuilder<unknown>[]) => (parts.length ? sql`AND ${sql.join(parts, sql` AND `)}` : sql``);

/** The labelled rows (procedure_code, unit_code, label, n) of the dossiers received in the period. */
function source(s: Scope, p: Period, byRollup: boolean): RawBuilder<unknown> {
  const labels = sql`(${sql.join([...BREAKDOWN_COUNTS])})`;
  const span = byRollup ? monthSpan(p) : null;
  const live = (finishedToo: boolean) => sql`
    SELECT f.procedure_code, COALESCE(f.unit_code, '') AS unit_code, c.label, 1 AS n
      FROM indicator_facts f CROSS JOIN LATERAL unnest(f.counts) AS c(label)
     WHERE f.commune_id = ${s.communeId} AND f.received_at >= ${p.start} AND f.received_at < ${p.end}
       ${finishedToo ? sql`` : sql`AND f.finished_at IS NULL`} AND c.label IN ${labels} ${and(filters(s, 'f', true))}`;
  if (!span) return live(true);
  return sql`
    SELECT r.procedure_code, r.unit_code, r.label, r.n
      FROM indicator_rollup r
     WHERE r.commune_id = ${s.communeId} AND r.month >= ${span.first} AND r.month <= ${span.last} AND r.kind = 'count'
       AND r.label IN ${labels} ${and(filters(s, 'r', false))}
    UNION ALL ${live(false)}`;
}

/** The counts of the period's received dossiers: overall, by procedure and by unit, from one query (by the rollup for
 *  whole months unless `via: 'facts'`, the reference path the tests compare it with). */
export async function digitisationBreakdown(db: Kysely<Database>, s: Scope, p: Period, opts: { via?: 'rollup' | 'facts' } = {}): Promise<BreakdownRow[]> {
  const byRollup = opts.via !== 'facts' && monthSpan(p) !== null;
  if (byRollup) await ensureRollup(db, s.communeId);
  const sums = BREAKDOWN_COUNTS.map((c) => sql`COALESCE(sum(x.n) FILTER (WHERE x.label = ${c}), 0)::int AS ${sql.ref(c)}`);
  const r = await sql<{ gp: number; gu: number; procedure_code: string | null; unit_code: string | null } & Record<BreakdownCount, number>>`
    SELECT GROUPING(x.procedure_code) AS gp, GROUPING(x.unit_code) AS gu, x.procedure_code, x.unit_code, ${sql.join(sums)}
      FROM (${source(s, p, byRollup)}) x
     GROUP BY GROUPING SETS ((), (x.procedure_code), (x.unit_code))`.execute(db);
  return r.rows.map((row) => {
    const by = row.gp && row.gu ? 'all' : row.gp ? 'unit' : 'procedure';
    const counts = Object.fromEntries(BREAKDOWN_COUNTS.map((c) => [c, row[c]])) as Record<BreakdownCount, number>;
    return { by, key: by === 'procedure' ? row.procedure_code! : by === 'unit' ? row.unit_code! : '', counts };
  });
}

/** The codes of the procedures with at least one dossier received in the period whose facts hold `count` (766 4.5a:
 *  'eid'), in the scope. */
export async function proceduresWithCount(db: Kysely<Database>, s: Scope, p: Period, count: Count): Promise<Set<string>> {
  const r = await sql<{ procedure_code: string }>`
    SELECT DISTINCT f.procedure_code FROM indicator_facts f
     WHERE f.commune_id = ${s.communeId} AND f.received_at >= ${p.start} AND f.received_at < ${p.end}
       AND f.counts @> ARRAY[${count}]::text[] ${and(filters(s, 'f', true))}`.execute(db);
  return new Set(r.rows.map((x) => x.procedure_code));
}

/** The names of the commune's units, by code. */
export async function unitNames(db: Kysely<Database>, communeId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['code', 'name']).where('commune_id', '=', communeId).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
