// Working time arithmetic on a calendar of exceptional days (domain.md §2.7 "Counting working time").
// Instants are `Date`s; all local arithmetic is Vietnam time (UTC+7, no DST) by offsetting (vn-time.ts), never the
// machine's time zone. The walk goes period by period and day by day (no minute loops).
//
// Conventions:
// - A working period is closed, [start, end], for "is this a working time": a due time at 17:00 is valid.
// - Work can only be *consumed* from [start, end): nextWorkingTime(11:30) is 13:30, nextWorkingTime(17:00) is the
//   next working day's start.
// - A duration that exactly uses up a period ends at that period's end (07:00 + 8 h → 17:00 the same day), and
//   going backwards, at that period's start (17:00 − 8 h → 07:00).

import { HOURS_PER_WORKING_DAY } from '../../catalogue/core/time.ts';
import { civilFromDays, formatDayNumber, isWeekend, parseIsoDate, type IsoDate } from './civil.ts';
import { isWorkingType, mergeScopes, type CalendarDay } from './days.ts';
import { generateYear, isSupportedYear } from './rules.ts';
import { MS_PER_DAY, MS_PER_HOUR, parseClock, vnDayNumber, vnInstant, vnMsOfDay } from './vn-time.ts';

export interface OfficePeriod {
  start: string; // HH:MM, Vietnam local time
  end: string; // HH:MM, after start and before 24:00 (a period ending at midnight would end on the next day)
}

export interface OfficeHours {
  /** Working periods of a working day, in order and not overlapping. */
  periods: OfficePeriod[];
  /** Working hours that make one working day ("8 giờ = 1 ngày làm việc", domain.md §2.7). */
  hoursPerWorkingDay: number;
}

/** 07:00–11:30 and 13:30–17:00 (domain.md §2.7, a common local default; set by each commune). */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  periods: [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  hoursPerWorkingDay: HOURS_PER_WORKING_DAY,
};

/** Searching further than this for a working time means the calendar has no working days at all. */
const MAX_SEARCH_DAYS = 3660;

type Period = { s: number; e: number }; // ms after local midnight

export class WorkCalendar {
  readonly hoursPerWorkingDay: number;
  private readonly periods: Period[];
  private readonly days = new Map<number, CalendarDay>(); // day number → exceptional day
  private readonly loadedYears = new Set<number>();

  /**
   * @param days exceptional days (any scopes; the narrowest scope wins on a date, see mergeScopes). Outside
   *   them, Saturday and Sunday are rest days (QĐ 188/1999/QĐ-TTg Điều 1) and every other day is a working day.
   * @param loadYear optional source of a year's days, called once per year the first time a date of that year
   *   is looked at; `days` given here win over loaded ones on the same date.
   */
  constructor(
    days: readonly CalendarDay[],
    hours: OfficeHours = DEFAULT_OFFICE_HOURS,
    private readonly loadYear?: (year: number) => readonly CalendarDay[],
  ) {
    this.periods = validatePeriods(hours.periods);
    if (!(hours.hoursPerWorkingDay > 0)) throw new RangeError('hoursPerWorkingDay must be positive');
    this.hoursPerWorkingDay = hours.hoursPerWorkingDay;
    for (const day of mergeScopes(days)) this.days.set(parseIsoDate(day.date), day);
  }

  /** A calendar with the generated national days (rules + official schedules) of years `from`–`to`. */
  static forYears(from: number, to: number, hours?: OfficeHours): WorkCalendar {
    const days: CalendarDay[] = [];
    for (let y = from; y <= to; y++) days.push(...generateYear(y));
    return new WorkCalendar(days, hours);
  }

  /**
   * The national calendar for any supported year (1900–2100), generated lazily year by year. For production,
   * prefer a confirmed calendar table (domain.md §7.1); this suits the CLI and tests.
   */
  static national(hours?: OfficeHours, overrides: readonly CalendarDay[] = []): WorkCalendar {
    return new WorkCalendar(overrides, hours, (y) => (isSupportedYear(y) ? generateYear(y) : []));
  }

  /** The stored exceptional day of a date, if any. */
  dayInfo(date: IsoDate): CalendarDay | undefined {
    return this.lookup(parseIsoDate(date));
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(parseIsoDate(date));
  }

  /** True within a working period, ends included. */
  isWorkingTime(t: Date): boolean {
    const ms = vnMsOfDay(t);
    return this.isWorkingDayNumber(vnDayNumber(t)) && this.periods.some((p) => ms >= p.s && ms <= p.e);
  }

  /** `t` itself if work can be done at `t`, else the start of the next working period. */
  nextWorkingTime(t: Date): Date {
    let day = vnDayNumber(t);
    let ms = vnMsOfDay(t);
    for (let i = 0; i < MAX_SEARCH_DAYS; i++, day++, ms = 0) {
      if (!this.isWorkingDayNumber(day)) continue;
      const p = this.periods.find((q) => ms < q.e);
      if (p) return new Date(vnInstant(day, Math.max(ms, p.s)));
    }
    throw new RangeError(`No working time within ${MAX_SEARCH_DAYS} days after ${t.toISOString()}`);
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate {
    const start = parseIsoDate(date);
    for (let day = start + 1; day <= start + MAX_SEARCH_DAYS; day++) {
      if (this.isWorkingDayNumber(day)) return formatDayNumber(day);
    }
    throw new RangeError(`No working day within ${MAX_SEARCH_DAYS} days after ${date}`);
  }

  /** The end of the last working period of `date` (whether or not the date is a working day). */
  endOfWorkingDay(date: IsoDate): Date {
    return new Date(vnInstant(parseIsoDate(date), (this.periods[this.periods.length - 1] as Period).e));
  }

  /**
   * The instant `hours` working hours after `t` (before it if negative). For hours ≥ 0 the result is the earliest
   * working time u ≥ t with workingHoursBetween(t, u) = hours; for a negative value, the latest u ≤ t with
   * workingHoursBetween(u, t) = −hours. Zero gives `t` if it is a working time, else the next working time.
   * Durations are rounded to the millisecond.
   */
  addWorkingHours(t: Date, hours: number): Date {
    if (!Number.isFinite(hours)) throw new RangeError(`Not a number of hours: ${hours}`);
    const ms = Math.round(hours * MS_PER_HOUR);
    if (ms === 0) return this.isWorkingTime(t) ? new Date(+t) : this.nextWorkingTime(t);
    return new Date(ms > 0 ? this.walkForward(+t, ms) : this.walkBackward(+t, -ms));
  }

  /** `n` working days = n × hoursPerWorkingDay working hours (domain.md §2.7). */
  addWorkingDays(t: Date, n: number): Date {
    return this.addWorkingHours(t, n * this.hoursPerWorkingDay);
  }

  /** Working hours in [a, b]; negative when b is before a. */
  workingHoursBetween(a: Date, b: Date): number {
    if (+b < +a) return 0 - this.workingHoursBetween(b, a); // 0 − x: never −0
    const [firstDay, lastDay] = [vnDayNumber(a), vnDayNumber(b)];
    const fullDay = this.periods.reduce((sum, p) => sum + p.e - p.s, 0);
    let total = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      if (!this.isWorkingDayNumber(day)) continue;
      if (day !== firstDay && day !== lastDay) {
        total += fullDay;
        continue;
      }
      const lo = day === firstDay ? vnMsOfDay(a) : 0;
      const hi = day === lastDay ? vnMsOfDay(b) : MS_PER_DAY;
      for (const p of this.periods) total += Math.max(0, Math.min(p.e, hi) - Math.max(p.s, lo));
    }
    return total / MS_PER_HOUR;
  }

  private walkForward(from: number, remainingMs: number): number {
    let remaining = remainingMs;
    let day = vnDayNumber(from);
    let ms = vnMsOfDay(from);
    for (let idle = 0; idle < MAX_SEARCH_DAYS; day++, ms = 0) {
      if (!this.isWorkingDayNumber(day)) {
        idle++;
        continue;
      }
      idle = 0;
      for (const p of this.periods) {
        if (ms >= p.e) continue;
        const start = Math.max(ms, p.s);
        if (remaining <= p.e - start) return vnInstant(day, start + remaining);
        remaining -= p.e - start;
      }
    }
    throw new RangeError(`No working day within ${MAX_SEARCH_DAYS} days`);
  }

  private walkBackward(from: number, remainingMs: number): number {
    let remaining = remainingMs;
    let day = vnDayNumber(from);
    let ms = vnMsOfDay(from);
    for (let idle = 0; idle < MAX_SEARCH_DAYS; day--, ms = MS_PER_DAY) {
      if (!this.isWorkingDayNumber(day)) {
        idle++;
        continue;
      }
      idle = 0;
      for (let i = this.periods.length - 1; i >= 0; i--) {
        const p = this.periods[i] as Period;
        if (ms <= p.s) continue;
        const end = Math.min(ms, p.e);
        if (remaining <= end - p.s) return vnInstant(day, end - remaining);
        remaining -= end - p.s;
      }
    }
    throw new RangeError(`No working day within ${MAX_SEARCH_DAYS} days`);
  }

  private isWorkingDayNumber(day: number): boolean {
    const stored = this.lookup(day);
    return stored ? isWorkingType(stored.type) : !isWeekend(day);
  }

  private lookup(day: number): CalendarDay | undefined {
    if (this.loadYear) {
      const year = civilFromDays(day).year;
      if (!this.loadedYears.has(year)) {
        this.loadedYears.add(year);
        for (const d of mergeScopes(this.loadYear(year))) {
          const n = parseIsoDate(d.date);
          if (!this.days.has(n)) this.days.set(n, d);
        }
      }
    }
    return this.days.get(day);
  }
}

function validatePeriods(periods: readonly OfficePeriod[]): Period[] {
  const parsed = periods.map((p) => ({ s: parseClock(p.start) * 60_000, e: parseClock(p.end) * 60_000 }));
  if (parsed.length === 0) throw new RangeError('Office hours need at least one period');
  parsed.forEach((p, i) => {
    const prev = parsed[i - 1];
    if (p.e <= p.s || p.e >= MS_PER_DAY || (prev && p.s < prev.e)) {
      throw new RangeError(`Office periods must be increasing, not overlap and end before 24:00: ${JSON.stringify(periods)}`);
    }
  });
  return parsed;
}
