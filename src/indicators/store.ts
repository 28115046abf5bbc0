// Reading the indicator facts (SQL), dossier by dossier: the summed counts of dossiers received in a period, and the
// dossiers that play a part in indicator 2.1 and the period report (received by the period's end, not finished
// before it began, or returned in it). This is the reference path, used for periods that are not whole months and
// checked against the monthly rollup (rollup-store.ts) by the tests; the dossiers behind a figure (behind.ts); and
// the catalogue read once per view. Every query is scoped to one commune (and optionally a unit, field or
// procedure), on the (commune_id, …) indexes.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import type { Principal } from '../identity/core/principal.ts';
import { scoped } from '../dossiers/store.ts';
import type { ProcedureData } from './core/catalogue-measures.ts';
import type { Count } from './core/contributions.ts';
import type { Period } from './core/progress.ts';

export interface Scope {
  communeId: string;
  unitCode?: string;
  fieldCode?: string;
  procedureCode?: string;
}

export function base(db: Kysely<Database>, s: Scope) {
  let q = db.selectFrom('indicator_facts as f').where('f.commune_id', '=', s.communeId);
  if (s.unitCode) q = q.where('f.unit_code', '=', s.unitCode);
  if (s.fieldCode) q = q.where('f.field_code', '=', s.fieldCode);
  if (s.procedureCode) q = q.where('f.procedure_code', '=', s.procedureCode);
  return q;
}

const COUNTS: readonly Count[] = [
  'received', 'received_online', 'eligible_full_online', 'full_online', 'fee_due', 'paid_online', 'paper_result', 'e_result',
  'digitised', 'reused', 'linked_to_store', 'eid', 'complained',
];

/** Counts (countsOf) summed over the dossiers received in the period: one pass over the period's rows, one
 *  FILTER per count (cheaper than unnesting every row's array and grouping; see docs/benchmarks.md). */
export async function receivedCounts(db: Kysely<Database>, s: Scope, p: Period): Promise<Partial<Record<Count, number>>> {
  const row = await base(db, s)
    .select(COUNTS.map((c) => sql<number>`(count(*) FILTER (WHERE f.counts @> ARRAY[${c}]::text[]))::int`.as(c)))
    .where('f.received_at', '>=', p.start)
    .where('f.received_at', '<', p.end)
    .executeTakeFirst();
  const r = (row ?? {}) as Record<string, number>;
  return Object.fromEntries(COUNTS.filter((c) => r[c]).map((c) => [c, r[c]!]));
}

/** Name and field name of each procedure (of its latest version), for the report's rows. */
export async function procedureNames(db: Kysely<Database>) {
  const rows = await db.selectFrom('procedures').select(['code', 'name', 'field_name'])
    .distinctOn('code').orderBy('code').orderBy('version', 'desc').execute();
  return new Map(rows.map((r) => [r.code, r]));
}

/** The dossiers active in the period (for 2.1, 5.4 and the period report; with those returned in it, whatever their
 *  dates), with what those need. The procedure names are joined in memory (a few dozen procedures), not per row. */
export async function activeDossiers(db: Kysely<Database>, s: Scope, p: Period) {
  const [rows, names] = await Promise.all([
    base(db, s)
      .select([
        'f.dossier_id', 'f.field_code', 'f.procedure_code', 'f.channel', 'f.received_at', 'f.finished_at', 'f.returned_at',
        'f.original_due_at', 'f.paused_at', 'f.supplement_count', 'f.late_by_supplement_rule', 'f.counts',
      ])
      .where((eb) => eb.or([
        eb.and([eb('f.received_at', '<', p.end), eb.or([eb('f.finished_at', 'is', null), eb('f.finished_at', '>=', p.start)])]),
        eb.and([eb('f.returned_at', '>=', p.start), eb('f.returned_at', '<', p.end)]),
      ]))
      .execute(),
    procedureNames(db),
  ]);
  return rows.map((r) => {
    const n = names.get(r.procedure_code);
    return { ...r, procedure_name: n?.name ?? r.procedure_code, field_name: n?.field_name ?? r.field_code };
  });
}
export type ActiveDossier = Awaited<ReturnType<typeof activeDossiers>>[number];

/** The catalogue in force on the day of `at` (every procedure version in force), read once per view for 1.3 and
 *  the plan's catalogue targets (core/catalogue-measures.ts, which keep the commune's own: ownProcedures). */
export async function proceduresInForce(db: Kysely<Database>, at: Date): Promise<ProcedureData[]> {
  const day = vnDate(at);
  const rows = await db
    .selectFrom('procedures').select(['data'])
    .where('effective_from', '<=', day)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', day)]))
    .execute();
  return rows.map((r) => r.data as ProcedureData);
}

/** A narrower list behind a figure: one procedure, one unit (null: the dossiers not sent to a unit yet). */
export interface BehindFilter { procedureCode?: string; unitCode?: string | null }

/** The dossiers the principal may see (scoped like every dossier query) among `ids`, or among those received in the
 *  period whose facts hold `count` (of one procedure or unit: `filter`), with their procedure's name; oldest received
 *  first, at most `limit`. */
export async function dossiersListed(
  db: Kysely<Database>, p: Principal, which: { ids: string[] } | { count: Count; period: Period; filter?: BehindFilter }, limit: number,
) {
  let q = scoped(db.selectFrom('dossiers as d'), p);
  if ('ids' in which) {
    q = q.where('d.id', 'in', which.ids);
  } else {
    const { count, period, filter = {} } = which;
    const procedure = filter.procedureCode !== undefined ? sql`and f.procedure_code = ${filter.procedureCode}` : sql``;
    const unit = filter.unitCode === undefined ? sql`` : filter.unitCode === null ? sql`and f.unit_code is null` : sql`and f.unit_code = ${filter.unitCode}`;
    q = q.where(sql<boolean>`exists (select 1 from indicator_facts f where f.dossier_id = d.id and f.received_at >= ${period.start}
      and f.received_at < ${period.end} and ${count} = any(f.counts) ${procedure} ${unit})`);
  }
  return q
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
    .select(['d.id', 'd.code', 'd.reference', 'd.state', 'd.received_at', 'd.finished_at', 'p.name as procedure_name'])
    .orderBy('d.received_at').limit(limit).execute();
}


/** The codes of the procedures with at least one online payment settled in [start, end) in the commune (766 3.5b):
 *  a 'paid' entry of an 'online' order (payments, migration 007), dated by the gateway's time of payment. */
export async function proceduresPaidOnline(db: Kysely<Database>, communeId: string, p: Period): Promise<Set<string>> {
  const rows = await db.selectFrom('payment_orders as o')
    .innerJoin('payment_entries as e', (j) => j.onRef('e.order_ref', '=', 'o.ref').on('e.kind', '=', 'paid'))
    .innerJoin('dossiers as d', 'd.id', 'o.dossier_id')
    .select('d.procedure_code').distinct()
    .where('o.commune_id', '=', communeId).where('o.method', '=', 'online')
    .where('e.at', '>=', p.start).where('e.at', '<', p.end)
    .execute();
  return new Set(rows.map((r) => r.procedure_code));
}
