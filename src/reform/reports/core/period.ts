// The period a call covers: a year, a quarter or a month of it (indicators/core/periods.ts gives the instants),
// and the default due date of each kind. Pure.
import { periodName, type PeriodSpec } from '../../../indicators/core/periods.ts';
import type { CallKind } from './status.ts';

export interface CallPeriod {
  kind: CallKind;
  year: number;
  quarter?: number | null;
  month?: number | null;
}

/** The period as the indicator engine takes it: a yearly plan or an annual report covers the year. */
export function specOf(c: CallPeriod): PeriodSpec {
  if (c.kind === 'unit_plan' || c.kind === 'annual') return { year: c.year };
  if (c.kind === 'quarterly') return { year: c.year, quarter: c.quarter ?? 1 };
  return { year: c.year, ...(c.month ? { month: c.month } : c.quarter ? { quarter: c.quarter } : {}) };
}

const TITLE_STEM: Record<CallKind, string> = {
  unit_plan: 'Kế hoạch CCHC của đơn vị', quarterly: 'Báo cáo CCHC', annual: 'Báo cáo CCHC', ad_hoc: 'Báo cáo CCHC đột xuất',
};

/** "Báo cáo CCHC quý IV/2026", "Kế hoạch CCHC của đơn vị năm 2026". */
export const defaultTitle = (c: CallPeriod) => `${TITLE_STEM[c.kind]} ${periodName(specOf(c))}`;

const pad = (n: number) => String(n).padStart(2, '0');

/** The usual due date: the yearly plan by 15/01 of its year (plan section IV.1: "chậm nhất ngày 15/01/2026"); a
 *  quarterly or annual report by the 15th of the month after the period (the commune may set another date). */
export function defaultDueDate(c: CallPeriod): string {
  if (c.kind === 'unit_plan') return `${c.year}-01-15`;
  const lastMonth = c.kind === 'quarterly' ? (c.quarter ?? 1) * 3 : c.kind === 'annual' ? 12 : (c.month ?? (c.quarter ? c.quarter * 3 : 12));
  const y = lastMonth === 12 ? c.year + 1 : c.year;
  return `${y}-${pad(lastMonth === 12 ? 1 : lastMonth + 1)}-15`;
}
