// A year's exceptional days generated from the holiday rules (domain.md §7.1), then overridden by the official
// schedules (schedules.ts). The rules are data with their legal source; the code only interprets them.
// In production the deadline engine should read a confirmed calendar table; this generator prepares it.

import { addDays, isWeekend, parseIsoDate, weekdayOf, formatDayNumber, type IsoDate } from './civil.ts';
import { mergeScopes, type CalendarDay } from './days.ts';
import { lunarNewYear, lunarToSolar } from './lunar.ts';
import { OFFICIAL_SCHEDULES, type HolidayId, type OfficialSchedule } from './schedules.ts';

/** Years the generator accepts (the lunar algorithm is reliable well beyond this range). */
export const SUPPORTED_YEARS = { from: 1900, to: 2100 } as const;

/** How a holiday's dates are found in a given solar year. */
export type HolidayDate =
  | { kind: 'solar'; month: number; day: number }
  | { kind: 'lunar'; month: number; day: number }
  /** Days relative to mùng 1 tháng Giêng (−1 = the last day of the old lunar year). */
  | { kind: 'lunar_new_year'; offsets: readonly number[] }
  /** A solar day plus one adjacent day, before (−1) or after (+1), chosen by the weekday of the day (0 = Sunday). */
  | {
      kind: 'solar_with_adjacent';
      month: number;
      day: number;
      adjacent: { name: string; source: string; byWeekday: readonly (-1 | 1)[] };
    };

export interface HolidayRule {
  id: HolidayId;
  name: string; // Vietnamese
  source: string;
  date: HolidayDate;
}

export interface RuleSet {
  law: string;
  /** First year the set applies to; years before the oldest set use the oldest set (see ruleSetFor). */
  effectiveFrom: number;
  /** Source of the rule: a holiday on a weekly rest day gives a day off on the next working day. */
  compensationSource: string;
  holidays: readonly HolidayRule[];
}

const BLLD_2019 = 'Bộ luật Lao động 2019';
const BLLD_2012 = 'Bộ luật Lao động 2012';
const DEFAULT_NOTE = 'lịch mặc định, chưa có thông báo của Bộ Nội vụ';

// Default Tết when no official schedule exists: the last day of the old year (29 or 30 tháng Chạp) and mùng 1–4,
// which is what the 2026 notice (9441/TB-BNV) chose; weekend days among them get compensatory days off.
const TET_OFFSETS = [-1, 0, 1, 2, 3] as const;

// Default adjacent day of Quốc khánh (2/9) when no official schedule exists, by the weekday of 2/9: the neighbour
// that makes the block join a weekend (Mon → 3/9, Tue → 1/9, Thu → 3/9, Fri → 1/9, Sat → 1/9 + nghỉ bù Mon 4/9,
// Sun → 3/9 + nghỉ bù Tue 4/9). On a Wednesday neither neighbour joins a weekend: 1/9 (Tue) is chosen, as in
// the 2026 notice, where a swap of Mon 31/8 then gives a 5-day block. These match the official 2021–2025 choices.
const NATIONAL_DAY_ADJACENT: readonly (-1 | 1)[] = [1, 1, -1, -1, 1, -1, -1]; // Sun … Sat

export const RULE_SETS: readonly RuleSet[] = [
  {
    law: BLLD_2019, // 45/2019/QH14, in force 01/01/2021. [V] domain.md §7.1
    effectiveFrom: 2021,
    compensationSource: `${BLLD_2019}, Điều 111 khoản 3`,
    holidays: [
      { id: 'new_year', name: 'Tết Dương lịch', source: `${BLLD_2019}, Điều 112 khoản 1 điểm a`, date: { kind: 'solar', month: 1, day: 1 } },
      {
        id: 'lunar_new_year',
        name: 'Tết Nguyên đán',
        source: `${BLLD_2019}, Điều 112 khoản 1 điểm b (${DEFAULT_NOTE})`,
        date: { kind: 'lunar_new_year', offsets: TET_OFFSETS },
      },
      { id: 'victory_day', name: 'Ngày Chiến thắng', source: `${BLLD_2019}, Điều 112 khoản 1 điểm c`, date: { kind: 'solar', month: 4, day: 30 } },
      { id: 'labour_day', name: 'Ngày Quốc tế Lao động', source: `${BLLD_2019}, Điều 112 khoản 1 điểm d`, date: { kind: 'solar', month: 5, day: 1 } },
      {
        id: 'national_day',
        name: 'Quốc khánh',
        source: `${BLLD_2019}, Điều 112 khoản 1 điểm đ`,
        date: {
          kind: 'solar_with_adjacent',
          month: 9,
          day: 2,
          adjacent: {
            name: 'Quốc khánh (ngày nghỉ liền kề)',
            source: `${BLLD_2019}, Điều 112 khoản 1 điểm đ (${DEFAULT_NOTE})`,
            byWeekday: NATIONAL_DAY_ADJACENT,
          },
        },
      },
      { id: 'hung_kings', name: 'Giỗ Tổ Hùng Vương', source: `${BLLD_2019}, Điều 112 khoản 1 điểm e`, date: { kind: 'lunar', month: 3, day: 10 } },
    ],
  },
  {
    // 10/2012/QH13, in force 01/5/2013 to 31/12/2020: the same holidays, but Quốc khánh is one day.
    // [M] not in domain.md; recalled from Điều 115 of that code. Check before relying on pre-2021 calendars.
    // Years before 2013 also use this set, which is historically inexact (e.g. Tết was 4 days before 2013).
    law: BLLD_2012,
    effectiveFrom: 2013,
    compensationSource: `${BLLD_2012}, Điều 115 khoản 3`,
    holidays: [
      { id: 'new_year', name: 'Tết Dương lịch', source: `${BLLD_2012}, Điều 115 khoản 1 điểm a`, date: { kind: 'solar', month: 1, day: 1 } },
      {
        id: 'lunar_new_year',
        name: 'Tết Nguyên đán',
        source: `${BLLD_2012}, Điều 115 khoản 1 điểm b (${DEFAULT_NOTE})`,
        date: { kind: 'lunar_new_year', offsets: TET_OFFSETS },
      },
      { id: 'victory_day', name: 'Ngày Chiến thắng', source: `${BLLD_2012}, Điều 115 khoản 1 điểm c`, date: { kind: 'solar', month: 4, day: 30 } },
      { id: 'labour_day', name: 'Ngày Quốc tế Lao động', source: `${BLLD_2012}, Điều 115 khoản 1 điểm d`, date: { kind: 'solar', month: 5, day: 1 } },
      { id: 'national_day', name: 'Quốc khánh', source: `${BLLD_2012}, Điều 115 khoản 1 điểm đ`, date: { kind: 'solar', month: 9, day: 2 } },
      { id: 'hung_kings', name: 'Giỗ Tổ Hùng Vương', source: `${BLLD_2012}, Điều 115 khoản 1 điểm e`, date: { kind: 'lunar', month: 3, day: 10 } },
    ],
  },
];

export function isSupportedYear(year: number): boolean {
  return Number.isInteger(year) && year >= SUPPORTED_YEARS.from && year <= SUPPORTED_YEARS.to;
}

/** The rule set in force in `year` (the oldest set for years before every set). */
export function ruleSetFor(year: number): RuleSet {
  const sorted = [...RULE_SETS].sort((a, b) => b.effectiveFrom - a.effectiveFrom);
  return sorted.find((s) => s.effectiveFrom <= year) ?? (sorted[sorted.length - 1] as RuleSet);
}

const civil = (year: number, month: number, day: number): IsoDate =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The HOLIDAY days of one rule in solar year `year`. */
function holidayDays(rule: HolidayRule, year: number): CalendarDay[] {
  const day = (date: IsoDate, name = rule.name, source = rule.source): CalendarDay => ({
    date,
    type: 'HOLIDAY',
    name,
    source,
    scope: 'national',
  });
  const d = rule.date;
  switch (d.kind) {
    case 'solar':
      return [day(civil(year, d.month, d.day))];
    case 'lunar':
      return [day(lunarToSolar({ year, month: d.month, day: d.day, leap: false }))];
    case 'lunar_new_year': {
      const tet = lunarNewYear(year);
      return d.offsets.map((off) => day(addDays(tet, off)));
    }
    case 'solar_with_adjacent': {
      const main = civil(year, d.month, d.day);
      const offset = d.adjacent.byWeekday[weekdayOf(parseIsoDate(main))] ?? 1;
      return [day(main), day(addDays(main, offset), d.adjacent.name, d.adjacent.source)];
    }
    default: {
      const never: never = d;
      throw new Error(`Unknown holiday rule ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The national exceptional days of solar year `year` (holidays, compensatory days off, swapped working days),
 * sorted by date. Plain weekends are not listed. Holidays on a weekend are listed (type HOLIDAY) with their
 * compensatory day. `schedules` defaults to the official ones; pass [] to get the pure rules.
 */
export function generateYear(year: number, schedules: readonly OfficialSchedule[] = OFFICIAL_SCHEDULES): CalendarDay[] {
  if (!isSupportedYear(year)) {
    throw new RangeError(`Year ${year} is outside ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}`);
  }
  const set = ruleSetFor(year);
  const replaced = new Set(schedules.filter((s) => s.year === year).flatMap((s) => s.replaces));
  const ruleDays = combineSameDate(
    set.holidays.filter((rule) => !replaced.has(rule.id)).flatMap((rule) => holidayDays(rule, year).map((day) => ({ day, holiday: rule.name }))),
  );
  const prefix = `${String(year).padStart(4, '0')}-`;
  const scheduled: CalendarDay[] = schedules.flatMap((s) =>
    s.days.filter((d) => d.date.startsWith(prefix)).map((d) => ({ ...d, source: s.document, scope: 'national' as const })),
  );
  const compensatory = compensatoryDays(ruleDays, scheduled, set.compensationSource);
  return mergeScopes([...ruleDays.map((r) => r.day), ...compensatory, ...scheduled]);
}

/** A generated HOLIDAY and the name of the holiday it belongs to (for the name of its nghỉ bù). */
type RuleDay = { day: CalendarDay; holiday: string };

/**
 * Two holidays on one date (e.g. Giỗ Tổ on 30/4, which happens once in 1900–2100: 1947) make one day off with both
 * names and sources; the law gives no extra day for that, so none is added.
 */
function combineSameDate(days: RuleDay[]): RuleDay[] {
  const byDate = new Map<IsoDate, RuleDay>();
  for (const { day, holiday } of days) {
    const seen = byDate.get(day.date);
    byDate.set(
      day.date,
      seen
        ? {
            day: { ...seen.day, name: `${seen.day.name}; ${day.name}`, source: `${seen.day.source}; ${day.source}` },
            holiday: `${seen.holiday}; ${holiday}`,
          }
        : { day, holiday },
    );
  }
  return [...byDate.values()];
}

/**
 * A holiday on a weekly rest day gives a day off on the next working day (Bộ luật Lao động 2019, Điều 111 khoản 3):
 * the first later day that is neither a rest day nor already off. Days are handled in date order, so a block of
 * holidays pushes its compensatory days after the block. Official schedules are taken as complete: their own days
 * get no compensation here, but are never chosen as a compensatory day.
 */
function compensatoryDays(
  ruleDays: RuleDay[],
  scheduled: CalendarDay[],
  source: string,
): CalendarDay[] {
  const swapped = new Set(scheduled.filter((d) => d.type === 'SWAPPED_WORKDAY').map((d) => parseIsoDate(d.date)));
  const off = new Set(
    [...ruleDays.map((r) => r.day), ...scheduled].filter((d) => d.type !== 'SWAPPED_WORKDAY').map((d) => parseIsoDate(d.date)),
  );
  const isRestDay = (n: number): boolean => isWeekend(n) && !swapped.has(n);
  const result: CalendarDay[] = [];
  for (const { day, holiday } of [...ruleDays].sort((a, b) => a.day.date.localeCompare(b.day.date))) {
    let n = parseIsoDate(day.date);
    if (!isRestDay(n)) continue;
    do n++;
    while (isRestDay(n) || off.has(n));
    off.add(n);
    result.push({ date: formatDayNumber(n), type: 'COMPENSATORY_OFF', name: `Nghỉ bù ${holiday}`, source, scope: 'national' });
  }
  return result;
}
