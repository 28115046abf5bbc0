// The figures of the public transparency page (and their JSON): the 766 index, the plan's targets with their
// current values, the monthly on-time trend of the year, and the satisfaction ratings — aggregates only.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/vn-time.ts';
import { periodOf, type PeriodSpec } from './core/periods.ts';
import type { IndicatorResult, IndexResult } from './core/score.ts';
import { PLAN_TARGETS, targetStatus, type TargetStatus } from './core/targets.ts';
import { index766 } from './service.ts';

export interface RatingSummary {
  very_satisfied: number;
  satisfied: number;
  dissatisfied: number;
  total: number;
}

export interface PublicFigures {
  index: IndexResult;
  targets: TargetStatus[];
  /** The on-time rate (2.1) of each month of the year up to the period's end. */
  trend: { month: number; value: number | null }[];
  ratings: RatingSummary;
}

const rateOf = (r: IndicatorResult | undefined) => (r && r.status === 'ok' ? r.rate : null);

/** The catalogue-level measures of the plan (procedures, not dossiers). */
async function catalogueRates(db: Kysely<Database>, at: Date) {
  const day = vnDate(at);
  const rows = await db
    .selectFrom('procedures').select(['data'])
    .where('effective_from', '<=', day)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', day)]))
    .execute();
  const flags = rows.map(({ data }) => data as { methods?: string[]; flags?: { eligibleFullOnline?: boolean; receivableAnywhereInProvince?: boolean } });
  const eligible = flags.filter((p) => p.flags?.eligibleFullOnline);
  return {
    'full-online-procedures': eligible.length ? eligible.filter((p) => p.methods?.includes('online')).length / eligible.length : null,
    'borderless-procedures': rows.length ? flags.filter((p) => p.flags?.receivableAnywhereInProvince).length / rows.length : null,
  };
}

export async function ratingSummary(db: Kysely<Database>, communeId: string, start: Date, end: Date): Promise<RatingSummary> {
  const rows = await db
    .selectFrom('ratings as r').innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
    .select(['r.overall', sql<number>`count(*)::int`.as('n')])
    .where('d.commune_id', '=', communeId).where('r.created_at', '>=', start).where('r.created_at', '<', end)
    .groupBy('r.overall').execute();
  const s: RatingSummary = { very_satisfied: 0, satisfied: 0, dissatisfied: 0, total: 0 };
  for (const r of rows) {
    s[r.overall as keyof Omit<RatingSummary, 'total'>] = r.n;
    s.total += r.n;
  }
  return s;
}

/**
 * The monthly on-time rates (indicator 2.1: on time or early ÷ in scope, rounded as scoreIndex does; null when no
 * dossier is in scope) of months 1…lastMonth, in ONE grouped query over the indicator facts instead of 12 index
 * computations each reading its month's dossiers into memory (issue 5 § Speed; docs/benchmarks.md). The late rule
 * is progressOf()'s (src/indicators/core/progress.ts) written in SQL — early and on time both count as on time, so
 * only "late" matters; test/demo/activity.test.ts checks it month by month against index766.
 */
export async function monthlyOnTime(db: Kysely<Database>, communeId: string, year: number, lastMonth: number): Promise<(number | null)[]> {
  const months = Array.from({ length: lastMonth }, (_, i) => periodOf({ year, month: i + 1 }));
  const starts = months.map((m) => m.start.toISOString());
  const ends = months.map((m) => m.end.toISOString());
  const rows = await sql<{ month: number; total: number; late: number }>`
    SELECT m.month::int AS month, count(f.dossier_id)::int AS total,
           (count(*) FILTER (WHERE f.late_by_supplement_rule OR f.supplement_count > 1 OR (f.original_due_at IS NOT NULL AND
              CASE WHEN f.finished_at < m.e THEN f.finished_at
                   WHEN f.paused_at < m.e THEN f.paused_at
                   ELSE m.e - interval '1 millisecond' END > f.original_due_at)))::int AS late
      FROM unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) WITH ORDINALITY AS m(s, e, month)
      JOIN indicator_facts f ON f.commune_id = ${communeId} AND f.received_at < m.e AND (f.finished_at IS NULL OR f.finished_at >= m.s)
     GROUP BY m.month`.execute(db);
  const byMonth = new Map(rows.rows.map((r) => [r.month, r]));
  return months.map((_, i) => {
    const r = byMonth.get(i + 1);
    return r && r.total ? Math.round(((r.total - r.late) / r.total) * 10_000) / 10_000 : null;
  });
}

export async function publicFigures(db: Kysely<Database>, communeId: string, spec: PeriodSpec): Promise<PublicFigures> {
  const period = periodOf(spec);
  const scope = { communeId };
  const lastMonth = spec.month ?? (spec.quarter ? spec.quarter * 3 : 12);
  const [{ index }, catalogue, ratings, trend] = await Promise.all([
    index766(db, scope, period),
    catalogueRates(db, period.start),
    ratingSummary(db, communeId, period.start, period.end),
    monthlyOnTime(db, communeId, spec.year, lastMonth),
  ]);
  const byId = new Map(index.groups.flatMap((g) => g.indicators).map((i) => [i.def.id, i]));
  const value = (measure: string | null): number | null => {
    if (measure === null) return null;
    if (measure === 'online-processed') return rateOf(byId.get('4.2'));
    if (measure === 'satisfaction-published') return 1; // this page publishes them
    if (measure in catalogue) return catalogue[measure as keyof typeof catalogue];
    return rateOf(byId.get(measure));
  };
  return {
    index,
    targets: PLAN_TARGETS.filter((t) => !t.scope).map((t) => targetStatus(t, value(t.measure))),
    trend: trend.map((value, i) => ({ month: i + 1, value })),
    ratings,
  };
}
