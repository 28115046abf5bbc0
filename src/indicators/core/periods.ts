// Reporting periods in Vietnam time (UTC+7, no daylight saving): a month, a quarter or a year (pure).
export interface PeriodSpec {
  year: number;
  quarter?: number;
  month?: number;
}

const vnMidnight = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1) - 7 * 3600_000);

/** [start, end) of the period; month wins over quarter. */
export function periodOf(s: PeriodSpec): { start: Date; end: Date } {
  if (s.month !== undefined) return { start: vnMidnight(s.year, s.month), end: vnMidnight(s.year, s.month + 1) };
  if (s.quarter !== undefined) return { start: vnMidnight(s.year, 3 * s.quarter - 2), end: vnMidnight(s.year, 3 * s.quarter + 1) };
  return { start: vnMidnight(s.year, 1), end: vnMidnight(s.year + 1, 1) };
}

/** Vietnamese name of the period, e.g. "tháng 11/2026", "quý IV/2026", "năm 2026". */
export function periodName(s: PeriodSpec): string {
  if (s.month !== undefined) return `tháng ${s.month}/${s.year}`;
  if (s.quarter !== undefined) return `quý ${['I', 'II', 'III', 'IV'][s.quarter - 1]}/${s.year}`;
  return `năm ${s.year}`;
}
