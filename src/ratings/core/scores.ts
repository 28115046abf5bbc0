// The quarterly evaluation of a unit from its ratings (pure): the average score on the legacy 18-point form and its
// band, and the average of every criterion (domain.md §2.9).
//
// - A rating's score is its nine legacy criteria (criteria.ts SCORED_CRITERIA, 0–2 points each) added up, 18 at most
//   (NĐ 61/2018/NĐ-CP + TT 01/2018/TT-VPCP, [S] the Thanh Hóa "Bảng đánh giá việc giải quyết TTHC"). The criteria are
//   optional on our form; a rating that answers only some of them is scored on those, pro-rated to the 18-point scale
//   (points ÷ (2 × answered) × 18), and a rating that answers none is not scored (it still counts by its overall
//   answer). Our decision: the legacy paper form has every criterion filled in, and pro-rating keeps a partly
//   answered rating on the same scale without counting the unanswered criteria as 0.
// - A unit's score for the quarter is the mean of its scored ratings, rounded to 2 decimals; the band is read from
//   the rounded score (the one shown).
import { round2 } from '../../indicators/core/score.ts';
import { CRITERIA, MAX_FORM_POINTS, SCORED_CRITERIA, type Criteria, type CriterionKey } from './criteria.ts';

export interface Band {
  readonly name: string;
  /** The lowest score of the band. */
  readonly from: number;
  /** Whether `from` itself is in the band (else only scores above it). */
  readonly fromIncluded: boolean;
}

export interface BandVersion {
  readonly effectiveFrom: string; // YYYY-MM-DD
  readonly source: string;
  /** Highest band first; the last one takes every score below the others. */
  readonly bands: readonly Band[];
}

// Rating bands, quarterly, per agency, on the 18-point scale: Xuất sắc > 15; Tốt 12 – < 15; Khá 9 – < 12;
// Trung bình 6 – < 9; Yếu < 6 — as the provincial practice codes them ([S] the open-source Thanh Hóa report,
// domain.md §2.9). UNCERTAIN (domain.md §2.9): that the bands match TT 01/2018/TT-VPCP; they are the provincial
// practice, not a text we read. The source leaves exactly 15 in no band ("> 15" and "< 15"); our decision: 15 is
// "Tốt" (Xuất sắc only strictly above 15, as the source writes it). In force with NĐ 61/2018 (21/8/2018).
export const RATING_BAND_VERSIONS: readonly BandVersion[] = [
  {
    effectiveFrom: '2018-08-21',
    source: 'NĐ 61/2018/NĐ-CP; TT 01/2018/TT-VPCP; thang xếp loại theo thực tiễn cấp tỉnh (Bảng đánh giá việc giải quyết TTHC, Thanh Hóa)',
    bands: [
      { name: 'Xuất sắc', from: 15, fromIncluded: false },
      { name: 'Tốt', from: 12, fromIncluded: true },
      { name: 'Khá', from: 9, fromIncluded: true },
      { name: 'Trung bình', from: 6, fromIncluded: true },
      { name: 'Yếu', from: -Infinity, fromIncluded: true },
    ],
  },
];

/** The bands in force on a date (YYYY-MM-DD). */
export function bandsAt(date: string, versions: readonly BandVersion[] = RATING_BAND_VERSIONS): BandVersion {
  const v = [...versions].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom)).find((x) => x.effectiveFrom <= date);
  if (!v) throw new Error(`no rating bands in force on ${date}`);
  return v;
}

/** The band of a score (0–18). */
export function bandOf(score: number, version: BandVersion): string {
  if (!(score >= 0 && score <= MAX_FORM_POINTS)) throw new RangeError(`score must be 0–${MAX_FORM_POINTS}, got ${score}`);
  const b = version.bands.find((x) => (x.fromIncluded ? score >= x.from : score > x.from));
  return (b ?? version.bands[version.bands.length - 1]!).name;
}

/** The bands in words, for the page ("Xuất sắc: trên 15 điểm; Tốt: từ 12 đến 15 điểm; …; Yếu: dưới 6 điểm"). */
export function bandsText(version: BandVersion): string {
  const fmt = (x: number) => x.toLocaleString('vi-VN');
  return version.bands.map((b, i) => {
    const above = version.bands[i - 1];
    const upper = above ? `${above.fromIncluded ? 'dưới ' : ''}${fmt(above.from)}` : null;
    if (b.from === -Infinity) return `${b.name}: dưới ${fmt(above!.from)} điểm`;
    const lower = `${b.fromIncluded ? 'từ' : 'trên'} ${fmt(b.from)}`;
    return `${b.name}: ${lower}${upper ? ` đến ${upper}` : ''} điểm`;
  }).join('; ');
}

/** One rating's score on the 18-point scale, or null when it answers none of the nine criteria. */
export function formScore(c: Criteria): number | null {
  const answered = SCORED_CRITERIA.map((x) => c[x.key]).filter((p): p is 0 | 1 | 2 => p !== undefined);
  if (!answered.length) return null;
  const points = answered.reduce<number>((s, p) => s + p, 0);
  return (points / (2 * answered.length)) * MAX_FORM_POINTS;
}

export interface CriterionAverage {
  key: CriterionKey;
  label: string;
  /** Ratings that answered it. */
  answers: number;
  /** Mean points (0–2), 2 decimals; null with no answer. */
  average: number | null;
}

export interface Evaluation {
  /** Ratings in the group (scored or not). */
  ratings: number;
  /** Ratings that answered at least one of the nine criteria. */
  scored: number;
  /** Mean score on the 18-point scale, 2 decimals; null with no scored rating. */
  score: number | null;
  band: string | null;
  /** Every criterion (the nine, then the provincial portals' two). */
  criteria: CriterionAverage[];
}

/** The evaluation of a group of ratings (a unit's, or the commune's, for a quarter). */
export function evaluate(ratings: readonly Criteria[], bands: BandVersion): Evaluation {
  const scores = ratings.map(formScore).filter((s): s is number => s !== null);
  const score = scores.length ? round2(scores.reduce((s, x) => s + x, 0) / scores.length) : null;
  const criteria = CRITERIA.map((c): CriterionAverage => {
    const points = ratings.map((r) => r[c.key]).filter((p): p is 0 | 1 | 2 => p !== undefined);
    return { key: c.key, label: c.label, answers: points.length, average: points.length ? round2(points.reduce<number>((s, p) => s + p, 0) / points.length) : null };
  });
  return { ratings: ratings.length, scored: scores.length, score, band: score === null ? null : bandOf(score, bands), criteria };
}

export interface UnitEvaluation extends Evaluation {
  code: string;
  name: string;
}

/** The commune's evaluation (every rating once) and each unit's (a rating counts for every unit its dossier was
 *  at, as a rating counts for every officer who acted on the dossier), units by name. */
export function evaluateByUnit(
  ratings: readonly { criteria: Criteria; units: readonly { code: string; name: string }[] }[], bands: BandVersion,
): { commune: Evaluation; units: UnitEvaluation[] } {
  const byUnit = new Map<string, { name: string; criteria: Criteria[] }>();
  for (const r of ratings) {
    for (const u of r.units) {
      const g = byUnit.get(u.code) ?? { name: u.name, criteria: [] };
      g.criteria.push(r.criteria);
      byUnit.set(u.code, g);
    }
  }
  return {
    commune: evaluate(ratings.map((r) => r.criteria), bands),
    units: [...byUnit].map(([code, g]) => ({ code, name: g.name, ...evaluate(g.criteria, bands) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi')),
  };
}
