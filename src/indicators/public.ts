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

export async function publicFigures(db: Kysely<Database>, communeId: string, spec: PeriodSpec): Promise<PublicFigures> {
  const period = periodOf(spec);
  const scope = { communeId };
  const lastMonth = spec.month ?? (spec.quarter ? spec.quarter * 3 : 12);
  const [{ index }, catalogue, ratings, ...months] = await Promise.all([
    index766(db, scope, period),
    catalogueRates(db, period.start),
    ratingSummary(db, communeId, period.start, period.end),
    ...Array.from({ length: lastMonth }, (_, i) => index766(db, scope, periodOf({ year: spec.year, month: i + 1 }))),
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
    trend: months.map((m, i) => ({ month: i + 1, value: rateOf(m.index.groups.find((g) => g.id === 'progress')?.indicators[0]) })),
    ratings,
  };
}
