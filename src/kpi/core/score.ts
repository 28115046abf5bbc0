// The 30 + 70 score of one officer for one period (pure), NĐ 335/2025/NĐ-CP (domain.md §8.1), with the explanation
// of every point: which figures, which formula.
// - Each product (a dossier the officer was responsible for, a plan task) weighs its conversion coefficient w.
// - a (số lượng) = Σ w of the completed ÷ Σ w of the assigned.
// - b (chất lượng) = Σ w × max(0, 1 − 25 % × content errors) over the completed ÷ Σ w of the assigned
//   // NĐ 335/2025: mỗi lần không đạt do lỗi nội dung lớn trừ 25 % điểm chất lượng của sản phẩm
// - c (tiến độ) = Σ w × max(0, 1 − 25 % × delays) over the completed ÷ Σ w of the assigned; an on-time product keeps
//   its full points, a late one loses 25 % per delay unless the manager excused it (objective cause)
//   // NĐ 335/2025: mỗi lần chậm tiến độ trừ 25 % điểm tiến độ, trừ trường hợp nguyên nhân khách quan
// - task points = taskMax × (wa·a + wb·b + wc·c) ÷ (wa + wb + wc)   // NĐ 335/2025: (a + b + c) / 3 × 70 %
// - total = general criteria (≤ 30, scored by the manager) + task points (≤ 70); rating by the bands.
import { RATING_LABEL, ratingOf, round2, type KpiRules, type Rating } from './rules.ts';

export interface WorkItem {
  /** Dossier code, or a label for plan tasks. */
  ref: string;
  kind: 'dossier' | 'plan_task';
  weight: number;
  completed: boolean;
  /** Delays counted against the officer (0 = on time). */
  delays: number;
  /** Failed assessments for a major content error. */
  qualityErrors: number;
  /** The manager accepted an objective cause for its delays. */
  excused?: boolean;
}

export interface Line {
  key: string;
  label: string;
  /** Points, or a percentage for a, b, c. */
  value: number;
  unit: 'điểm' | '%';
  formula: string;
}

export interface Components {
  a: number;
  b: number;
  c: number;
  /** 'figures': computed from the products; 'manual': scored by the manager (no tracked product). */
  source: 'figures' | 'manual' | 'none';
  lines: Line[];
}

const pct = (x: number) => round2(100 * x);
const vi = (x: number) => String(round2(x)).replace('.', ',');

/** a, b, c in % from the products, with their explanation; `manual` only when there is no product. */
export function components(items: readonly WorkItem[], rules: Pick<KpiRules, 'deduction'>, manual?: { a: number; b: number; c: number } | null): Components {
  const assigned = items.reduce((s, i) => s + i.weight, 0);
  if (assigned <= 0) {
    if (!manual) return { a: 0, b: 0, c: 0, source: 'none', lines: [{ key: 'none', label: 'Không có sản phẩm được theo dõi', value: 0, unit: '%', formula: 'Không có hồ sơ hoặc nhiệm vụ trong kỳ; người quản lý chấm a, b, c.' }] };
    const m = { a: clamp100(manual.a), b: clamp100(manual.b), c: clamp100(manual.c) };
    const formula = 'Không có sản phẩm được theo dõi tự động; do người quản lý chấm.';
    return { ...m, source: 'manual', lines: [
      { key: 'a', label: 'a - Số lượng', value: m.a, unit: '%', formula },
      { key: 'b', label: 'b - Chất lượng', value: m.b, unit: '%', formula },
      { key: 'c', label: 'c - Tiến độ', value: m.c, unit: '%', formula },
    ] };
  }
  const done = items.filter((i) => i.completed);
  const completed = done.reduce((s, i) => s + i.weight, 0);
  const qd = rules.deduction.qualityPerError;
  const td = rules.deduction.timelinessPerDelay;
  const quality = done.reduce((s, i) => s + i.weight * Math.max(0, 1 - qd * i.qualityErrors), 0);
  const delaysOf = (i: WorkItem) => (i.excused ? 0 : i.delays);
  const timely = done.reduce((s, i) => s + i.weight * Math.max(0, 1 - td * delaysOf(i)), 0);
  const errors = done.reduce((s, i) => s + i.qualityErrors, 0);
  const delays = done.reduce((s, i) => s + delaysOf(i), 0);
  const excused = items.filter((i) => i.excused && i.delays > 0).length;
  const a = pct(completed / assigned);
  const b = pct(quality / assigned);
  const c = pct(timely / assigned);
  return { a, b, c, source: 'figures', lines: [
    { key: 'a', label: 'a - Số lượng', value: a, unit: '%',
      formula: `Sản phẩm hoàn thành (quy đổi) ÷ sản phẩm được giao (quy đổi) = ${vi(completed)} ÷ ${vi(assigned)} = ${vi(a)} %` },
    { key: 'b', label: 'b - Chất lượng', value: b, unit: '%',
      formula: `Σ sản phẩm hoàn thành × (1 − ${vi(qd * 100)} % × số lỗi nội dung) ÷ sản phẩm được giao = ${vi(quality)} ÷ ${vi(assigned)} = ${vi(b)} % (${errors} lỗi nội dung)` },
    { key: 'c', label: 'c - Tiến độ', value: c, unit: '%',
      formula: `Σ sản phẩm hoàn thành × (1 − ${vi(td * 100)} % × số lần chậm) ÷ sản phẩm được giao = ${vi(timely)} ÷ ${vi(assigned)} = ${vi(c)} % (${delays} lần chậm${excused ? `; ${excused} sản phẩm chậm do nguyên nhân khách quan, không trừ` : ''})` },
  ] };
}

const clamp100 = (x: number) => Math.min(100, Math.max(0, Number.isFinite(x) ? x : 0));

export interface ScoreInput {
  items: readonly WorkItem[];
  /** Points per general criterion (clamped to each criterion's maximum). */
  general: Record<string, number>;
  manual?: { a: number; b: number; c: number } | null;
  /** Reason of a disqualifying case (political or ethical degradation, discipline …): not completed. */
  disqualified?: string | null;
}

export interface ScoreResult {
  a: number;
  b: number;
  c: number;
  general: number;
  task: number;
  total: number;
  rating: Rating;
  ratingLabel: string;
  source: Components['source'];
  lines: Line[];
}

export function score(input: ScoreInput, rules: KpiRules): ScoreResult {
  const general = round2(Math.min(rules.generalMax, rules.general.reduce((s, g) => s + Math.min(g.max, Math.max(0, input.general[g.code] ?? 0)), 0)));
  const k = components(input.items, rules, input.manual);
  const w = rules.components;
  const wsum = w.a + w.b + w.c;
  const task = round2((rules.taskMax * (w.a * k.a + w.b * k.b + w.c * k.c)) / wsum / 100);
  const total = round2(general + task);
  const rating = ratingOf(total, rules, !!input.disqualified);
  const same = w.a === w.b && w.b === w.c;
  const lines: Line[] = [
    ...rules.general.map((g) => ({ key: `general.${g.code}`, label: g.label, value: Math.min(g.max, Math.max(0, input.general[g.code] ?? 0)), unit: 'điểm' as const, formula: `Người quản lý chấm, tối đa ${g.max} điểm` })),
    { key: 'general', label: 'Tiêu chí chung', value: general, unit: 'điểm', formula: `Tổng điểm các tiêu chí chung, tối đa ${rules.generalMax} điểm` },
    ...k.lines,
    { key: 'task', label: 'Kết quả thực hiện nhiệm vụ', value: task, unit: 'điểm',
      formula: same
        ? `${rules.taskMax} × (a + b + c) ÷ 3 = ${rules.taskMax} × (${vi(k.a)} + ${vi(k.b)} + ${vi(k.c)}) ÷ 300 = ${vi(task)}`
        : `${rules.taskMax} × (${w.a}·a + ${w.b}·b + ${w.c}·c) ÷ ${wsum} ÷ 100 = ${vi(task)}` },
    { key: 'total', label: 'Tổng điểm', value: total, unit: 'điểm', formula: `${vi(general)} + ${vi(task)} = ${vi(total)}` },
    { key: 'rating', label: 'Xếp loại', value: total, unit: 'điểm',
      formula: input.disqualified
        ? `${RATING_LABEL.not_completed}: ${input.disqualified}`
        : `${RATING_LABEL[rating]} (${[...rules.bands].sort((x, y) => y.min - x.min).map((b) => `${RATING_LABEL[b.rating]} từ ${b.min}`).join('; ')})` },
  ];
  return { a: k.a, b: k.b, c: k.c, general, task, total, rating, ratingLabel: RATING_LABEL[rating], source: k.source, lines };
}
