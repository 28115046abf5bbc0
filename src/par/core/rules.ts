// Scoring one sub-criterion (pure): points from a measured rate by the template's rule, and the check of points
// entered by hand. Points never exceed the maximum nor fall below 0; 2 decimals, half up (as Decision 766 rounds).
import { round2 } from '../../indicators/core/score.ts';
import type { ScoringRule } from './template.ts';

const clampRate = (rate: number) => {
  if (!(rate >= 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a finite number ≥ 0, got ${rate}`);
  return Math.min(1, rate);
};

/** Points earned by a rate (0–1) under the rule: proportional = max × min(1, rate ÷ fullAt) (0 below zeroBelow);
 *  banded = the share of the first band reached; full-or-none = max when the rate is 1; manual has no rate. */
export function pointsFromRate(rule: ScoringRule, max: number, rate: number): number {
  const r = clampRate(rate);
  switch (rule.type) {
    case 'proportional':
      if (rule.zeroBelow !== undefined && r < rule.zeroBelow) return 0;
      return round2(max * Math.min(1, r / rule.fullAt));
    case 'banded':
      return round2(max * (rule.bands.find((b) => r >= b.atLeast)?.share ?? 0));
    case 'full_or_none':
      return r >= 1 ? max : 0;
    case 'manual':
      throw new RangeError('a manual sub-criterion is scored by points, not by a rate');
  }
}

export type PointsInput = { points: number } | { rate: number };

/** The points of an entry (points by hand, or a rate the rule turns into points), or why it is refused. */
export function pointsOf(rule: ScoringRule, max: number, input: PointsInput): { points: number } | { error: string } {
  if ('rate' in input) {
    if (rule.type === 'manual') return { error: 'Tiêu chí này chấm bằng điểm, không theo tỷ lệ.' };
    if (!(input.rate >= 0 && input.rate <= 1)) return { error: 'Tỷ lệ phải trong khoảng 0–100 %.' };
    return { points: pointsFromRate(rule, max, input.rate) };
  }
  const p = input.points;
  if (!Number.isFinite(p) || p < 0) return { error: 'Điểm phải là số không âm.' };
  if (p > max + 1e-9) return { error: `Điểm không được vượt quá điểm tối đa (${max}).` };
  if (rule.type === 'full_or_none' && p !== 0 && Math.abs(p - max) > 1e-9) return { error: `Tiêu chí này chỉ chấm ${max} điểm (đạt) hoặc 0 điểm (không đạt).` };
  return { points: round2(p) };
}

/** Vietnamese description of a rule, for the pages. */
export function ruleText(rule: ScoringRule, max: number): string {
  const pct = (x: number) => `${round2(x * 100)} %`;
  switch (rule.type) {
    case 'manual': return `Chấm theo tài liệu kiểm chứng, từ 0 đến ${max} điểm`;
    case 'full_or_none': return `Đạt: ${max} điểm; không đạt: 0 điểm`;
    case 'proportional': return `Theo tỷ lệ: đủ ${max} điểm khi đạt từ ${pct(rule.fullAt)}, thấp hơn tính tương ứng${rule.zeroBelow !== undefined ? `; dưới ${pct(rule.zeroBelow)}: 0 điểm` : ''}`;
    case 'banded': return `Theo mức: ${rule.bands.map((b) => `từ ${pct(b.atLeast)}: ${round2(max * b.share)} điểm`).join('; ')}; thấp hơn: 0 điểm`;
  }
}
