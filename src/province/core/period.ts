// The period of the province's views (pure): a month or a whole year; by default the current month in Vietnam time.
import { vnDate } from '../../calendar/core/vn-time.ts';
import type { PeriodSpec } from '../../indicators/core/periods.ts';

/** `year` and `month` as asked: neither → the current month; a year alone → that whole year; a month alone → that
 *  month of the current year. */
export function provinceSpec(q: { year?: number; month?: number }, now: Date): PeriodSpec {
  const today = vnDate(now);
  const year = q.year ?? Number(today.slice(0, 4));
  if (q.month !== undefined) return { year, month: q.month };
  if (q.year !== undefined) return { year };
  return { year, month: Number(today.slice(5, 7)) };
}

/** From a page's query (?nam=2026&thang=11; thang=0 the whole year); null when invalid. */
export function provinceSpecFromQuery(nam: string, thang: string, now: Date): PeriodSpec | null {
  const year = nam ? Number(nam) : undefined;
  const month = thang ? Number(thang) : undefined;
  if (year !== undefined && !(Number.isInteger(year) && year >= 2020 && year <= 2100)) return null;
  if (month !== undefined && !(Number.isInteger(month) && month >= 0 && month <= 12)) return null;
  if (month === 0) return { year: year ?? Number(vnDate(now).slice(0, 4)) };
  return provinceSpec({ year, month }, now);
}

/** The query string of a period (?nam=…&thang=…; thang=0 for a year), for links that keep it. */
export const specQuery = (s: PeriodSpec) => `nam=${s.year}&thang=${s.month ?? 0}`;

/** The periods kept computed for the province pages (access.ts keepProvinceFiguresWarm): the current month, the
 *  month just closed (December of the last year in January) and the current year. */
export function keptPeriods(now: Date): PeriodSpec[] {
  const { year, month } = provinceSpec({}, now) as { year: number; month: number };
  return [{ year, month }, month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 }, { year }];
}
