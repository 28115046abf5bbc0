// Official holiday schedules as effective data (domain.md §7.1). Each year the Ministry of Home Affairs (Bộ Nội
// vụ) announces the Tết and National Day days off for civil servants; the Prime Minister decides those days
// (Bộ luật Lao động 2019, Điều 112 khoản 3). A schedule replaces the rule-generated days (holidays and their
// compensatory days) of the holidays it lists in `replaces`, for its year only; every other holiday of that year
// still comes from the rules (rules.ts). Add a schedule here when a notice is published, with its document.

import type { IsoDate } from './civil.ts';
import type { DayType } from './days.ts';

/** Holidays of Bộ luật Lao động 2019, Điều 112 khoản 1 (see rules.ts). */
export type HolidayId = 'new_year' | 'lunar_new_year' | 'victory_day' | 'labour_day' | 'national_day' | 'hung_kings';

export interface ScheduledDay {
  date: IsoDate;
  type: Extract<DayType, 'HOLIDAY' | 'COMPENSATORY_OFF' | 'SWAPPED_WORKDAY'>;
  name: string;
}

export interface OfficialSchedule {
  /** Year of the holidays it settles (its days may fall in a neighbouring year, e.g. a swapped 31/12). */
  year: number;
  /** Rule-generated holidays it replaces for that year. */
  replaces: HolidayId[];
  /** The notice, cited as the `source` of each of its days. */
  document: string;
  days: ScheduledDay[];
}

const TB_9441_2025 = 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ';

export const OFFICIAL_SCHEDULES: readonly OfficialSchedule[] = [
  {
    // Tết Bính Ngọ 2026: off Mon 16/02 (29 tháng Chạp Ất Tỵ) to Fri 20/02 (mùng 4 tháng Giêng); with the
    // weekends 14–15/02 and 21–22/02 that is 9 days; back at work Mon 23/02/2026. [V] domain.md §7.1.
    year: 2026,
    replaces: ['lunar_new_year'],
    document: TB_9441_2025,
    days: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((date) => ({
      date,
      type: 'HOLIDAY' as const,
      name: 'Tết Nguyên đán',
    })),
  },
  {
    // Quốc khánh 2026: off Tue 01/9 and Wed 02/9; Mon 31/8 is swapped with Sat 22/8, which becomes a working
    // day; so 29/8–02/9 are off. [V] domain.md §7.1.
    year: 2026,
    replaces: ['national_day'],
    document: TB_9441_2025,
    days: [
      { date: '2026-08-22', type: 'SWAPPED_WORKDAY', name: 'Làm việc bù cho ngày nghỉ thứ Hai 31/8/2026' },
      { date: '2026-08-31', type: 'COMPENSATORY_OFF', name: 'Nghỉ Quốc khánh (hoán đổi với thứ Bảy 22/8/2026)' },
      { date: '2026-09-01', type: 'HOLIDAY', name: 'Quốc khánh (ngày nghỉ liền kề)' },
      { date: '2026-09-02', type: 'HOLIDAY', name: 'Quốc khánh' },
    ],
  },
  // Giỗ Tổ Hùng Vương 2026 (Sun 26/4) → nghỉ bù Mon 27/4 follows from the general rule (Điều 111 khoản 3); the
  // BNV notice for it was not read (domain.md §7.1), so it is not listed here.
];
