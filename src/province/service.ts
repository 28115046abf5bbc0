// The province's figures: for every commune of the caller's province, the period's Decision 766 index (total and the
// six groups, by index766(): the monthly rollup for whole months), the plan's 2030 targets met, the dossiers late now,
// the on-time rate, the online share and the satisfaction ratings; ranked (core/ranking.ts). Read through the read
// pool (deps.readDb). The catalogue is read once for all communes.
//
// Issue 16 (scale): for a month or a year (whole months, every period the pages offer) the inputs are read
// province-wide, one statement per kind of input grouped by commune (set-figures.ts), and each commune's index is
// computed from them with no further query. The per-commune computation (each commune's own reads, a few communes at
// a time) stays for any other period and as the reference the set-based one is tested against
// (test/province/set-based.db.test.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { index766 } from '../indicators/service.ts';
import { figures } from '../indicators/figures.ts';
import { proceduresInForce } from '../indicators/store.ts';
import { catalogueRates, type ProcedureData } from '../indicators/core/catalogue-measures.ts';
import { periodOf, type PeriodSpec } from '../indicators/core/periods.ts';
import { monthSpan } from '../indicators/core/rollup.ts';
import { progressMeasures, type Tally } from '../indicators/core/satisfaction.ts';
import { rate4, type IndexResult, type IndicatorResult, type Measure } from '../indicators/core/score.ts';
import { PLAN_TARGETS, targetStatus, type TargetStatus } from '../indicators/core/targets.ts';
import type { Period } from '../indicators/core/progress.ts';
import { ratingSummary, type RatingSummary } from '../ratings/store.ts';
import { communesOf, lateNowCounts, provinceOf } from './store.ts';
import { provinceInputs, type CommuneInputs } from './set-figures.ts';
import { provinceAverage, rank, type CommuneFigures, type ProvinceAverage, type Ranked } from './core/ranking.ts';

type Db = Kysely<Database>;

/** How many communes are computed at once (each takes a handful of queries). */
const AT_ONCE = 4;

export interface ProvinceFigures {
  province: string;
  spec: PeriodSpec;
  rows: Ranked[];
  average: ProvinceAverage;
  /** Each commune's plan targets (id → status), for the JSON. */
  targets: Map<string, TargetStatus[]>;
  /** The group names, in the index's order. */
  groups: { id: string; name: string; maxPoints: number }[];
  /** When the figures were computed (the server clock), and how long it took (the page shows both). */
  computedAt: Date;
  tookMs: number;
}

const rateOf = (r: IndicatorResult | undefined) => (r && r.status === 'ok' ? r.rate : null);

/** 5.4 over the dossiers of some fields only (a target the plan sets for them), the fields' tallies added up — as
 *  the commune's public page computes it (indicators/public.ts). */
async function fieldsSatisfaction(db: Db, communeId: string, fields: readonly string[], period: Period): Promise<number | null> {
  const each = await Promise.all(fields.map((fieldCode) => figures(db, { communeId, fieldCode }, period)));
  return satisfactionOf(each.map((f) => f.tally));
}

/** The plan's targets of a commune from its index and the catalogue: the same measures as its public page
 *  (indicators/public.ts publicFigures). */
async function targetsOf(
  db: Db, communeId: string, index: IndexResult, catalogue: ReturnType<typeof catalogueRates>, period: Period, fieldTally?: Map<string, Tally>,
) {
  const byId = new Map(index.groups.flatMap((g) => g.indicators).map((i) => [i.def.id, i]));
  const value = (measure: string | null): number | null => {
    if (measure === null) return null;
    if (measure === 'online-processed') return rateOf(byId.get('4.2'));
    if (measure === 'satisfaction-published') return 1; // the province's public page (/tinh) publishes them
    if (measure in catalogue) return catalogue[measure as keyof typeof catalogue];
    return rateOf(byId.get(measure));
  };
  const scoped = async (fields: readonly string[]) => (fieldTally ? satisfactionOf(fields.map((f) => fieldTally.get(f)!)) : fieldsSatisfaction(db, communeId, fields, period));
  return Promise.all(PLAN_TARGETS.map(async (t) => targetStatus(t, t.scope ? await scoped(t.scope.fields) : value(t.measure))));
}

/** The fields' tallies added up, as 5.4. */
function satisfactionOf(each: readonly Tally[]): number | null {
  const tally: Tally = { onTime: 0, late: 0, complained: 0 };
  for (const t of each) { tally.onTime += t.onTime; tally.late += t.late; tally.complained += t.complained; }
  const m: Measure = progressMeasures(tally)['5.4'];
  return 'denominator' in m && m.denominator > 0 ? rate4(m.numerator, m.denominator) : null;
}

/** The fields the plan's targets measure on their own. */
const TARGET_FIELDS = [...new Set(PLAN_TARGETS.flatMap((t) => t.scope?.fields ?? []))];

async function communeFigures(
  db: Db, c: { id: string; name: string }, period: Period, now: Date, procedures: ProcedureData[], lateNow: number, given?: CommuneInputs,
): Promise<{ row: CommuneFigures; targets: TargetStatus[] }> {
  const scope = { communeId: c.id };
  const [f, ratings]: [CommuneInputs['figures'], RatingSummary] = given
    ? [given.figures, given.ratings]
    : await Promise.all([figures(db, scope, period), ratingSummary(db, c.id, period.start, period.end)]);
  // One read of the figures serves the index and the online share.
  const { index } = await index766(db, scope, period, { now, catalogue: procedures, figures: f, inputs: given?.inputs });
  const targets = await targetsOf(db, c.id, index, catalogueRates(procedures), period, given?.fieldTally);
  const received = f.counts.received ?? 0;
  const measured = targets.filter((t) => t.met !== null);
  return {
    row: {
      communeId: c.id, name: c.name, score: index.score, computedMax: index.computedMax, maxPoints: index.maxPoints,
      groups: index.groups.map((g) => ({ id: g.id, name: g.name, maxPoints: g.maxPoints, score: g.score, computedMax: g.computedMax })),
      targetsMet: measured.filter((t) => t.met).length, targetsMeasured: measured.length, lateNow, received,
      onTime: rateOf(index.groups.flatMap((g) => g.indicators).find((i) => i.def.id === '2.1')),
      onlineShare: received ? rate4(f.counts.received_online ?? 0, received) : null,
      satisfaction: ratings.total ? rate4(ratings.very_satisfied + ratings.satisfied, ratings.total) : null,
      ratings: ratings.total,
    },
    targets,
  };
}

/** Runs `work` over `items`, `n` at a time, keeping the order. */
async function inBatches<T, R>(items: readonly T[], n: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  }));
  return out;
}

/** The figures of every commune of a province for the period, ranked. `perCommune`: each commune's own reads (the
 *  reference; any period not made of whole months takes this way anyway). */
export async function provinceFigures(db: Db, province: string, spec: PeriodSpec, now: Date, o: { perCommune?: boolean } = {}): Promise<ProvinceFigures> {
  const started = performance.now();
  const period = periodOf(spec);
  const communes = await communesOf(db, province);
  const ids = communes.map((c) => c.id);
  const span = o.perCommune ? null : monthSpan(period);
  const [procedures, late, given] = await Promise.all([
    proceduresInForce(db, period.start), lateNowCounts(db, ids, now), span ? provinceInputs(db, ids, period, span, TARGET_FIELDS, now) : null,
  ]);
  const each = given
    ? await Promise.all(communes.map((c) => communeFigures(db, c, period, now, procedures, late.get(c.id) ?? 0, given.get(c.id))))
    : await inBatches(communes, AT_ONCE, (c) => communeFigures(db, c, period, now, procedures, late.get(c.id) ?? 0));
  const rows = rank(each.map((e) => e.row));
  const first = each[0]?.row.groups ?? [];
  return {
    province, spec, rows, average: provinceAverage(rows),
    targets: new Map(each.map((e) => [e.row.communeId, e.targets])),
    groups: first.map((g) => ({ id: g.id, name: g.name, maxPoints: g.maxPoints })),
    computedAt: now, tookMs: Math.round(performance.now() - started),
  };
}

/** The province of the caller's commune (undefined for an unknown commune). */
export const callerProvince = (db: Db, communeId: string) => provinceOf(db, communeId);
