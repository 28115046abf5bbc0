// Public API of the working-day calendar and deadline engine (domain.md §2.7, §7). Pure: no I/O, no database.

export type { IsoDate } from './civil.ts';
export { addDays, parseIsoDate, weekdayOf } from './civil.ts';
export { lunarNewYear, lunarToSolar, leapMonthOf, solarToLunar, VN_LUNAR_TIME_ZONE, type LunarDate } from './lunar.ts';
export { isWorkingType, mergeScopes, type CalendarDay, type DayScope, type DayType } from './days.ts';
export { OFFICIAL_SCHEDULES, type HolidayId, type OfficialSchedule, type ScheduledDay } from './schedules.ts';
export {
  generateYear,
  isSupportedYear,
  RULE_SETS,
  ruleSetFor,
  SUPPORTED_YEARS,
  type HolidayDate,
  type HolidayRule,
  type RuleSet,
} from './rules.ts';
export { formatVn, parseVnTime, vnDate, VN_OFFSET_MS } from './vn-time.ts';
export { DEFAULT_OFFICE_HOURS, WorkCalendar, type OfficeHours, type OfficePeriod } from './working-time.ts';
export {
  canSetNewAppointment,
  computeDue,
  DEFAULT_SAME_DAY_CUTOFF,
  handoverResult,
  moveDue,
  resumeDue,
  type Due,
  type DueOptions,
  type HandoverResult,
} from './deadline.ts';
