// The calendar day model (domain.md §7.1 "Data model"). Only exceptional days are stored: weekends are implicit
// (Saturday and Sunday, Quyết định 188/1999/QĐ-TTg Điều 1) unless a SWAPPED_WORKDAY says otherwise.

import type { IsoDate } from './civil.ts';

export type DayType = 'WORKDAY' | 'WEEKEND' | 'HOLIDAY' | 'COMPENSATORY_OFF' | 'SWAPPED_WORKDAY';

/** Who declared the day; a narrower scope overrides a wider one on the same date. */
export type DayScope = 'national' | 'province' | 'commune';

export interface CalendarDay {
  date: IsoDate; // YYYY-MM-DD, Vietnam local date
  type: DayType;
  name: string; // Vietnamese, e.g. "Tết Nguyên đán", "Nghỉ bù Giỗ Tổ Hùng Vương"
  source: string; // the legal text or notice, e.g. "Bộ luật Lao động 2019, Điều 112 khoản 1 điểm e"
  scope: DayScope;
}

/** Day types on which the office works (every other stored type is a day off). */
const WORKING_TYPES: ReadonlySet<DayType> = new Set<DayType>(['WORKDAY', 'SWAPPED_WORKDAY']);

export function isWorkingType(type: DayType): boolean {
  return WORKING_TYPES.has(type);
}

const SCOPE_RANK: Record<DayScope, number> = { national: 0, province: 1, commune: 2 };

/**
 * One day per date, sorted by date: the narrowest scope wins (commune > province > national); among days of
 * the same scope on the same date, the later one in the input wins (later entries are treated as corrections).
 */
export function mergeScopes(days: readonly CalendarDay[]): CalendarDay[] {
  const byDate = new Map<IsoDate, CalendarDay>();
  for (const day of days) {
    const current = byDate.get(day.date);
    if (!current || SCOPE_RANK[day.scope] >= SCOPE_RANK[current.scope]) byDate.set(day.date, day);
  }
  return sortByDate([...byDate.values()]);
}

export function sortByDate<T extends { date: IsoDate }>(days: T[]): T[] {
  return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
