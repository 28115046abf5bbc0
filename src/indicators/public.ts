// The figures of the public transparency page (and their JSON): the 766 index, the plan's targets with their
// current values, the monthly on-time trend of the year, and the satisfaction ratings — aggregates only.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ratingSummary, type RatingSummary } from '../ratings/store.ts';
import { catalogueRates } from './core/catalogue-measures.ts';
import { periodOf, type PeriodSpec } from './core/periods.ts';
import { monthSpan } from './core/rollup.ts';
import { progressMeasures, type Tally } from './core/satisfaction.ts';
import type { Measure } from './core/score.ts';
import { rate4, type IndicatorResult, type IndexResult } from './core/score.ts';
import { figures, spanAndMonths } from './figures.ts';
import { proceduresInForce } from './store.ts';
import { PLAN_TARGETS, targetStatus, type TargetStatus } from './core/targets.ts';
import { index766 } from './service.ts';
import { digitisationRates } from './digitisation.ts';
import type { DigitisationRates } from './core/breakdown.ts';

export interface PublicFigures {
  index: IndexResult;
  targets: TargetStatus[];
  /** The on-time rate (2.1) of each month of the year up to the period's end. */
  trend: { month: number; value: number | null }[];
  ratings: RatingSummary;
  /** Digitisation (4.2) and reuse (4.3) overall, by procedure and by unit, against the plan's targets. */
  digitisation: DigitisationRates;
}

const rateOf = (r: IndicatorResult | undefined) => (r && r.status === 'ok' ? r.rate : null);

/** 5.4 over the dossiers of some fields only (a target the plan sets for them): the fields' tallies added up. */
async function fieldsSatisfaction(db: Kysely<Database>, communeId: string, fields: readonly string[], period: ReturnType<typeof periodOf>): Promise<number | null> {
  const each = await Promise.all(fields.map((fieldCode) => figures(db, { communeId, fieldCode }, period)));
  const tally: Tally = { onTime: 0, late: 0, complained: 0 };
  for (const f of each) { tally.onTime += f.tally.onTime; tally.late += f.tally.late; tally.complained += f.tally.complained; }
  const m: Measure = progressMeasures(tally)['5.4'];
  return 'denominator' in m && m.denominator > 0 ? rate4(m.numerator, m.denominator) : null;
}

/** The monthly on-time rate (2.1, rounded as the index rounds it; null with no dossier in scope). */
function onTimeRate(t: Tally): number | null {
  const { numerator, denominator } = progressMeasures(t)['2.1'] as { numerator: number; denominator: number };
  return denominator ? rate4(numerator, denominator) : null;
}

/** The months 1…lastMonth of the year, first and last. */
const monthsOf = (year: number, lastMonth: number) => ({ first: `${year}-01`, last: `${year}-${String(lastMonth).padStart(2, '0')}` });

/** The on-time rates of months 1…lastMonth, from ONE read of the monthly rollup (figures.ts) — the same sums
 *  index766 makes for each month (test/demo/activity.db.test.ts and test/indicators/rollup.db.test.ts check it). */
export async function monthlyOnTime(db: Kysely<Database>, communeId: string, year: number, lastMonth: number): Promise<(number | null)[]> {
  const { first, last } = monthsOf(year, lastMonth);
  return (await spanAndMonths(db, { communeId }, first, last)).months.map(onTimeRate);
}

export async function publicFigures(db: Kysely<Database>, communeId: string, spec: PeriodSpec, now: Date): Promise<PublicFigures> {
  const period = periodOf(spec);
  const scope = { communeId };
  const lastMonth = spec.month ?? (spec.quarter ? spec.quarter * 3 : 12);
  // One read of the catalogue serves 1.3 (in index766) and the plan's catalogue targets; for a year view (its months
  // are the trend's, January…December), one read of the rollup serves both the index and the trend.
  const { first, last } = monthsOf(spec.year, lastMonth);
  const span = monthSpan(period);
  const [procedures, ratings, read, digitisation] = await Promise.all([
    proceduresInForce(db, period.start),
    ratingSummary(db, communeId, period.start, period.end),
    spanAndMonths(db, scope, first, last),
    digitisationRates(db, scope, period),
  ]);
  const shared = span?.first === first && span.last === last;
  const { index } = await index766(db, scope, period, { now, catalogue: procedures, figures: shared ? read.span : undefined });
  const catalogue = catalogueRates(procedures);
  const trend = read.months.map(onTimeRate);
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
    targets: await Promise.all(PLAN_TARGETS.map(async (t) => targetStatus(t, t.scope ? await fieldsSatisfaction(db, communeId, t.scope.fields, period) : value(t.measure)))),
    trend: trend.map((value, i) => ({ month: i + 1, value })),
    ratings,
    digitisation,
  };
}
