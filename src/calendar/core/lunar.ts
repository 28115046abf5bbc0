// Vietnamese lunar calendar (âm lịch): a port of Hồ Ngọc Đức's algorithm (Meeus-based new-moon and solar-longitude
// approximations), domain.md §7.2. Vietnam uses the 105°E meridian, time zone +7; the Chinese calendar uses +8
// and differs in some years (Tết 1985, 2007, 2030), so never use a Chinese-calendar library for this.
//
// Pitfall (domain.md §7.2): the reference code's INT() is Math.floor. Truncation gives wrong results before
// 2000, where the solar longitude computed below becomes negative. Every integer part here is Math.floor.
//
// Dates are `YYYY-MM-DD` strings; the Julian Day Number is derived from the shared civil day number
// (civil.ts), proleptic Gregorian, which is what the reference jdFromDate gives after 1582.

import { formatDayNumber, parseIsoDate, type IsoDate } from './civil.ts';

/** Time zone of the Vietnamese calendar, in hours east of UTC. */
export const VN_LUNAR_TIME_ZONE = 7;

export interface LunarDate {
  year: number; // lunar year, named after the solar year in which its month 1 starts
  month: number; // 1–12
  day: number; // 1–30
  leap: boolean; // tháng nhuận
}

const JD_OF_DAY_0 = 2440588; // Julian Day Number of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695; // JD of the new moon of 1900-01-01 (reference constant)
const floor = Math.floor;
const jdOf = (date: IsoDate): number => parseIsoDate(date) + JD_OF_DAY_0;
const dateOfJd = (jd: number): IsoDate => formatDayNumber(jd - JD_OF_DAY_0);

/** Julian day (fractional) of the k-th new moon after 1900-01-01 (Meeus, Astronomical Algorithms). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** Sun's apparent longitude in radians, normalised to [0, 2π), at Julian day `jdn`. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  const L = (L0 + DL) * dr;
  return L - Math.PI * 2 * floor(L / (Math.PI * 2)); // floor, not trunc: L is negative before 2000
}

/** Major solar term (0–11, sun longitude / 30°) at the start of local day `dayNumber`. */
function solarTerm(dayNumber: number, timeZone: number): number {
  return floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Julian Day Number of the local day containing the k-th new moon. */
function newMoonDay(k: number, timeZone: number): number {
  return floor(newMoon(k) + 0.5 + timeZone / 24);
}

/** JDN of the start of lunar month 11 (the month containing the winter solstice) of solar year `year`. */
function lunarMonth11(year: number, timeZone: number): number {
  const off = jdOf(`${String(year).padStart(4, '0')}-12-31`) - 2415021;
  const k = floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, timeZone);
  return solarTerm(nm, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : nm;
}

/** Index (months after month 11 starting at `a11`) of the leap month: the first with no change of major term. */
function leapMonthOffset(a11: number, timeZone: number): number {
  const k = floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = solarTerm(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = solarTerm(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

/** Solar (Gregorian) `YYYY-MM-DD` → Vietnamese lunar date. */
export function solarToLunar(date: IsoDate, timeZone = VN_LUNAR_TIME_ZONE): LunarDate {
  const dayNumber = jdOf(date);
  const yy = Number(date.slice(0, 4));
  const k = floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > dayNumber) monthStart = newMoonDay(k, timeZone);
  // Deviation from the reference code, which stops here: k comes from the *mean* lunation, and when the true new
  // moon lags it by enough, newMoonDay(k) is still after the date and the reference returns day 0 (found by the
  // property tests, e.g. 2062-04-09). One more step back gives the month that really contains the date.
  if (monthStart > dayNumber) monthStart = newMoonDay(k - 1, timeZone);
  let a11 = lunarMonth11(yy, timeZone);
  let b11 = a11;
  let year: number;
  if (a11 >= monthStart) {
    year = yy;
    a11 = lunarMonth11(yy - 1, timeZone);
  } else {
    year = yy + 1;
    b11 = lunarMonth11(yy + 1, timeZone);
  }
  const day = dayNumber - monthStart + 1;
  const diff = floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { year, month, day, leap };
}

/**
 * Vietnamese lunar date → solar `YYYY-MM-DD`. Throws a RangeError when the date does not exist (a leap month
 * the year does not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate, timeZone = VN_LUNAR_TIME_ZONE): IsoDate {
  const { year, month, day, leap } = lunar;
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`Not a lunar date: ${JSON.stringify(lunar)}`);
  }
  const [a11, b11] =
    month < 11
      ? [lunarMonth11(year - 1, timeZone), lunarMonth11(year, timeZone)]
      : [lunarMonth11(year, timeZone), lunarMonth11(year + 1, timeZone)];
  const k = floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
  }
  const result = dateOfJd(newMoonDay(k + off, timeZone) + day - 1);
  const back = solarToLunar(result, timeZone);
  if (back.day !== day || back.month !== month || back.leap !== leap) {
    throw new RangeError(`Lunar month ${month}${leap ? ' (leap)' : ''}/${year} has no day ${day}`);
  }
  return result;
}

/** Solar date of Tết Nguyên đán (1 tháng Giêng) of lunar year `year`. */
export function lunarNewYear(year: number, timeZone = VN_LUNAR_TIME_ZONE): IsoDate {
  return lunarToSolar({ year, month: 1, day: 1, leap: false }, timeZone);
}

/** The leap month (tháng nhuận) of lunar year `year` and the solar date it starts on, or null. */
export function leapMonthOf(year: number, timeZone = VN_LUNAR_TIME_ZONE): { month: number; start: IsoDate } | null {
  for (let month = 1; month <= 12; month++) {
    try {
      return { month, start: lunarToSolar({ year, month, day: 1, leap: true }, timeZone) };
    } catch {
      // not this month
    }
  }
  return null;
}

