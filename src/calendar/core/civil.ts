// Proleptic Gregorian civil dates as integer day numbers (days since 1970-01-01). Pure integer arithmetic
// (H. Hinnant's days_from_civil / civil_from_days), so it has none of `Date`'s quirks (years 0–99, the
// machine's time zone) and is exact for any year the calendar module supports (1900–2100 and beyond).

/** A civil date written `YYYY-MM-DD`. */
export type IsoDate = string;

export interface CivilDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

/** Day number of a civil date (0 = 1970-01-01). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number (inverse of {@link daysFromCivil}). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidCivil(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatCivil({ year, month, day }: CivilDate): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** `YYYY-MM-DD` of a day number. */
export function formatDayNumber(days: number): IsoDate {
  return formatCivil(civilFromDays(days));
}

/** Day number of a `YYYY-MM-DD` string; throws a RangeError on anything else (including 2026-02-30). */
export function parseIsoDate(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m || !isValidCivil(year, month, day)) throw new RangeError(`Not a valid YYYY-MM-DD date: "${s}"`);
  return daysFromCivil(year, month, day);
}

/** Day of the week of a day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return formatDayNumber(parseIsoDate(date) + n);
}

/** Saturday and Sunday are the weekly rest days of civil servants (Quyết định 188/1999/QĐ-TTg, Điều 1). */
export function isWeekend(days: number): boolean {
  const wd = weekdayOf(days);
  return wd === 0 || wd === 6;
}
