// The KPI rule set (pure): its shape, the rating bands and the quota of "excellent" ratings. The values are
// effective-dated DATA (table kpi_rule_sets, seeded by src/db/migrations/015_kpi.sql from NĐ 335/2025/NĐ-CP,
// domain.md §8.1); nothing here is a legal constant.

export type Rating = 'excellent' | 'good' | 'completed' | 'not_completed';

/** The decree's exact terms (NĐ 335/2025 Đ20, domain.md §8.1). */
export const RATING_LABEL: Record<Rating, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};

export interface GeneralCriterion {
  code: string;
  label: string;
  max: number;
}

export interface KpiRules {
  generalMax: number;
  taskMax: number;
  general: GeneralCriterion[];
  generalBasis: string;
  /** Weights of a, b, c in the task score (NĐ 335/2025: equal, (a + b + c) / 3). */
  components: { a: number; b: number; c: number };
  componentsBasis: string;
  /** Share of an item's quality (timeliness) points lost per content error (delay): 0.25. */
  deduction: { qualityPerError: number; timelinessPerDelay: number };
  deductionBasis: string;
  /** Lowest total of each rating, best first; below the last one: not completed. */
  bands: { rating: Exclude<Rating, 'not_completed'>; min: number }[];
  bandsBasis: string;
  /** Excellent ≤ percent % of `base` (those rated good, or good and excellent), rounded down ("không quá"). */
  quota: { percent: number; percentIfUnitExcellent: number; base: 'good' | 'good_or_better'; rounding: 'floor' | 'nearest' };
  quotaBasis: string;
  /** Conversion coefficients (hệ số quy đổi) of the products: the commune's choice. */
  conversion: { dossier: number; dossierByField: Record<string, number>; planTask: number };
  conversionBasis: string;
  /** Weights of the per-unit emulation ranking: the commune's choice, not law. */
  ranking: { kpiAverage: number; onTimeRate: number; planTasks: number };
  rankingBasis: string;
}

/** Half-up rounding to 2 decimals, robust to binary fractions. */
export const round2 = (x: number) => Math.round((x + Number.EPSILON) * 100) / 100;

/** The rating of a total (rounded to 2 decimals first); a disqualifying case gives "not completed" whatever the total. */
export function ratingOf(total: number, rules: Pick<KpiRules, 'bands'>, disqualified = false): Rating {
  if (disqualified) return 'not_completed';
  const t = round2(total);
  for (const b of [...rules.bands].sort((x, y) => y.min - x.min)) if (t >= b.min) return b.rating;
  return 'not_completed';
}

export interface QuotaCheck {
  excellent: number;
  good: number;
  /** The count the percentage applies to (good, or good + excellent). */
  base: number;
  percent: number;
  /** Largest number of "excellent" ratings allowed. */
  allowed: number;
  exceeded: boolean;
  explanation: string;
}

/** The quota of "excellent" ratings in one group (an agency, or a unit): NĐ 335/2025 (domain.md §8.1). Integer
 *  arithmetic: allowed = ⌊percent × base ÷ 100⌋ ("không quá"), or the nearest integer if the data say so. */
export function checkQuota(ratings: readonly Rating[], rules: Pick<KpiRules, 'quota'>, unitExcellent = false): QuotaCheck {
  const excellent = ratings.filter((r) => r === 'excellent').length;
  const good = ratings.filter((r) => r === 'good').length;
  const base = rules.quota.base === 'good' ? good : good + excellent;
  const percent = unitExcellent ? rules.quota.percentIfUnitExcellent : rules.quota.percent;
  const allowed = rules.quota.rounding === 'floor' ? Math.floor((percent * base) / 100) : Math.floor((percent * base + 50) / 100);
  const exceeded = excellent > allowed;
  const baseName = rules.quota.base === 'good' ? 'số được xếp loại “Hoàn thành tốt nhiệm vụ”' : 'số được xếp loại từ “Hoàn thành tốt nhiệm vụ” trở lên';
  const explanation = `Tối đa ${percent} % × ${base} (${baseName}) = ${String((percent * base) / 100).replace('.', ',')} → ${allowed} người` +
    ` được xếp loại “Hoàn thành xuất sắc nhiệm vụ”; hiện có ${excellent}${exceeded ? `, vượt ${excellent - allowed}` : ''}.`;
  return { excellent, good, base, percent, allowed, exceeded, explanation };
}

/** Checks that a rule set read from the database has the shape the formulas need (throws otherwise). */
export function parseRules(json: unknown): KpiRules {
  const r = json as KpiRules;
  const ok = r && typeof r.generalMax === 'number' && typeof r.taskMax === 'number' && Array.isArray(r.general) && Array.isArray(r.bands)
    && r.components && r.deduction && r.quota && r.conversion && r.ranking;
  if (!ok) throw new Error('kpi_rule_sets.rules: malformed rule set');
  return r;
}
