// Scoring the Decision 766 index from numerators and denominators (pure). The general rule of the formula
// specification (domain.md §4): score = max × min(1, rate ÷ full-points rate), pro-rated below it, rounded to 2
// decimals; with no denominator the indicator is not applicable (N/A), never zero. An indicator our data cannot
// support yet is reported as such, with the reason, and stays out of the totals.
import type { GroupId, Index766Version, IndicatorDef } from './index766-data.ts';

/** Half-up rounding to 2 decimals, robust to binary fractions (1.005 → 1.01). */
export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/** A rate as the index reports it: numerator ÷ denominator rounded to 4 decimals (2 as a percentage). */
export const rate4 = (numerator: number, denominator: number) => Math.round((numerator / denominator) * 10_000) / 10_000;

/** What the records say for one indicator: a count pair, or why it cannot be computed. */
export type Measure = { numerator: number; denominator: number } | { unavailable: string };

export interface IndicatorResult {
  readonly def: IndicatorDef;
  /** 'ok' computed; 'no_data' denominator 0 (N/A); 'unavailable' not computable from our records yet. */
  readonly status: 'ok' | 'no_data' | 'unavailable';
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** numerator ÷ denominator, 0–1, rounded to 4 decimals (2 decimals as a percentage). */
  readonly rate: number | null;
  readonly score: number | null;
  readonly reason?: string;
}

export interface GroupResult {
  readonly id: GroupId;
  readonly name: string;
  readonly maxPoints: number;
  /** Points earned by the computed indicators of the group. */
  readonly score: number;
  /** Maximum points of the indicators that could be computed (the rest are N/A or unavailable). */
  readonly computedMax: number;
  readonly indicators: readonly IndicatorResult[];
}

export interface IndexResult {
  readonly effectiveFrom: string;
  readonly groups: readonly GroupResult[];
  readonly score: number;
  readonly computedMax: number;
  readonly maxPoints: number;
}

/** Points of one indicator: max × min(1, rate / fullAt), 2 decimals. */
export function pointsFor(maxPoints: number, rate: number, fullAt: number): number {
  if (!(rate >= 0)) throw new RangeError(`rate must be ≥ 0, got ${rate}`);
  return round2(maxPoints * Math.min(1, fullAt > 0 ? rate / fullAt : 1));
}

export function scoreIndicator(def: IndicatorDef, m: Measure | undefined): IndicatorResult {
  if (!m) return { def, status: 'unavailable', numerator: null, denominator: null, rate: null, score: null, reason: 'Chưa có dữ liệu để tính' };
  if ('unavailable' in m) return { def, status: 'unavailable', numerator: null, denominator: null, rate: null, score: null, reason: m.unavailable };
  if (!Number.isInteger(m.numerator) || !Number.isInteger(m.denominator) || m.numerator < 0 || m.numerator > m.denominator) {
    throw new RangeError(`${def.id}: numerator ${m.numerator} / denominator ${m.denominator}`);
  }
  if (m.denominator === 0) return { def, status: 'no_data', numerator: 0, denominator: 0, rate: null, score: null, reason: 'Không có hồ sơ trong kỳ' };
  return { def, status: 'ok', numerator: m.numerator, denominator: m.denominator, rate: rate4(m.numerator, m.denominator), score: pointsFor(def.maxPoints, m.numerator / m.denominator, def.fullAt) };
}

/** The whole index for a period from the measures by indicator id. */
export function scoreIndex(version: Index766Version, measures: Readonly<Record<string, Measure>>): IndexResult {
  const groups = version.groups.map((g): GroupResult => {
    const indicators = version.indicators.filter((d) => d.group === g.id).map((d) => scoreIndicator(d, measures[d.id]));
    const computed = indicators.filter((r) => r.status === 'ok');
    return {
      id: g.id, name: g.name, maxPoints: g.maxPoints, indicators,
      score: round2(computed.reduce((s, r) => s + r.score!, 0)),
      computedMax: computed.reduce((s, r) => s + r.def.maxPoints, 0),
    };
  });
  return {
    effectiveFrom: version.effectiveFrom,
    groups,
    score: round2(groups.reduce((s, g) => s + g.score, 0)),
    computedMax: groups.reduce((s, g) => s + g.computedMax, 0),
    maxPoints: version.groups.reduce((s, g) => s + g.maxPoints, 0),
  };
}
