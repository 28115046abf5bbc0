// Vietnam local time for instants. Vietnam is UTC+7 all year (no daylight saving time), so local time is the
// UTC instant shifted by 7 hours. Never use the machine's time zone (Date#getHours and friends) here.

import { daysFromCivil, formatDayNumber, isValidCivil, type IsoDate } from './civil.ts';

export const VN_OFFSET_MS = 7 * 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

/** Local day number (days since 1970-01-01) of an instant, in Vietnam. */
export function vnDayNumber(t: Date | number): number {
  return Math.floor((+t + VN_OFFSET_MS) / MS_PER_DAY);
}

/** Milliseconds since Vietnam local midnight. */
export function vnMsOfDay(t: Date | number): number {
  const local = +t + VN_OFFSET_MS;
  return local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY;
}

/** The instant (epoch ms) at `msOfDay` after Vietnam local midnight of local day `dayNumber`. */
export function vnInstant(dayNumber: number, msOfDay: number): number {
  return dayNumber * MS_PER_DAY + msOfDay - VN_OFFSET_MS;
}

/** Vietnam local date `YYYY-MM-DD` of an instant. */
export function vnDate(t: Date | number): IsoDate {
  return formatDayNumber(vnDayNumber(t));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** ISO 8601 in Vietnam local time with the +07:00 offset, e.g. 2026-11-25T09:00:00+07:00 (ms only if non-zero). */
export function formatVn(d: Date): string {
  if (Number.isNaN(+d)) throw new RangeError('Invalid Date');
  const ms = vnMsOfDay(d);
  const h = Math.floor(ms / MS_PER_HOUR);
  const min = Math.floor((ms % MS_PER_HOUR) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const frac = ms % 1000 === 0 ? '' : `.${pad(ms % 1000, 3)}`;
  return `${vnDate(d)}T${pad(h)}:${pad(min)}:${pad(s)}${frac}+07:00`;
}

/** `HH:MM` (00:00–24:00) → minutes after midnight; throws a RangeError otherwise. */
export function parseClock(s: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) throw new RangeError(`Not a HH:MM time: "${s}"`);
  return minutes;
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO 8601 date or date-time. A time without an offset, or a bare date (midnight), is Vietnam local
 * time; `Z` and `±HH:MM` offsets are honoured. Throws a RangeError on malformed or impossible values
 * (e.g. 2026-02-30, 24:30), which `new Date()` would silently accept or shift.
 */
export function parseVnTime(s: string): Date {
  const m = ISO_TIME.exec(s.trim());
  if (!m) throw new RangeError(`Not an ISO 8601 time: "${s}"`);
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const millis = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const offsetMin = m[8] ? parseOffset(m[8]) : 420;
  if (!isValidCivil(year, month, day) || hour > 23 || minute > 59 || second > 59 || offsetMin === null) {
    throw new RangeError(`Not a valid time: "${s}"`);
  }
  const localMs = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return new Date(daysFromCivil(year, month, day) * MS_PER_DAY + localMs - offsetMin * 60_000);
}

function parseOffset(s: string): number | null {
  if (s === 'Z') return 0;
  const digits = s.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const min = Number(digits.slice(2));
  if (h > 14 || min > 59) return null;
  return (s[0] === '-' ? -1 : 1) * (h * 60 + min);
}
