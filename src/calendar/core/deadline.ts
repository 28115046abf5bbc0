// The deadline engine (domain.md §2.7): due times, clock pauses, the apology/new-appointment window, and the
// handover verdict for the control sheet. Pure: it only reads a WorkCalendar.

import type { ProcessingTime } from '../../catalogue/core/types.ts';
import { addDays } from './civil.ts';
import { parseClock, vnDate, vnMsOfDay } from './vn-time.ts';
import type { WorkCalendar } from './working-time.ts';

export interface DueOptions {
  /** Local time from which a same-day dossier moves to the next working day, HH:MM (default 15:00). */
  sameDayCutoff?: string;
}

export interface Due {
  /** When the clock starts: the receipt time, or the next working time if received outside office hours. */
  startAt: Date;
  /** When the result is due (ngày hẹn trả). */
  dueAt: Date;
}

/** Luật Hộ tịch 2014 Đ5 k3; Nghị định 23/2015/NĐ-CP Đ7: received after 15:00 → next working day. */
export const DEFAULT_SAME_DAY_CUTOFF = '15:00';

/**
 * The due time of a dossier received at `receivedAt` with the statutory time `time`.
 *
 * Intake outside office hours counts from the next working time (QĐ 3142/QĐ-BGDĐT 2025 [S]; Nghị định 45/2020
 * [M]; domain.md §2.7), for every unit.
 */
export function computeDue(receivedAt: Date, time: ProcessingTime, cal: WorkCalendar, opts: DueOptions = {}): Due {
  if (Number.isNaN(+receivedAt)) throw new RangeError('receivedAt is an Invalid Date');
  if (!Number.isFinite(time.value) || time.value < 0) throw new RangeError(`Invalid processing time value: ${time.value}`);
  const startAt = cal.nextWorkingTime(receivedAt);
  switch (time.unit) {
    // "ngày làm việc": 8 working hours per day, weekends and holidays skipped (domain.md §2.7, Thanh Hóa
    // CaculateTime [S]).
    case 'working_days':
      return { startAt, dueAt: cal.addWorkingDays(startAt, time.value) };
    // "giờ làm việc": counted in office hours only.
    case 'working_hours':
      return { startAt, dueAt: cal.addWorkingHours(startAt, time.value) };
    // "trong ngày": Luật Hộ tịch 2014 Đ5 k3 and Nghị định 23/2015/NĐ-CP Đ7: received "sau 15 giờ" (after the cutoff)
    // → the end of the next working day; up to the cutoff itself (15:00:00, to the second) → the end of that day.
    // A value n > 0 adds n working days (below).
    case 'same_day': {
      const cutoffMs = parseClock(opts.sameDayCutoff ?? DEFAULT_SAME_DAY_CUTOFF) * 60_000;
      const day = vnDate(startAt);
      const second = Math.floor(vnMsOfDay(startAt) / 1000) * 1000;
      let dueDay = second <= cutoffMs ? day : cal.nextWorkingDay(day);
      // NĐ 23/2015/NĐ-CP Đ21: a case that cannot be done in the day is extended by at most `value` working days,
      // counted after the same-day due day (so the 15:00 rule applies first).
      for (let i = 0; i < time.value; i++) dueDay = cal.nextWorkingDay(dueDay);
      return { startAt, dueAt: cal.endOfWorkingDay(dueDay) };
    }
    // "ngày" (calendar days), Bộ luật Dân sự 2015: the day of receipt is not counted (Đ147 k2); the period ends at
    // the end of its last day (Đ148 k1), or of the next working day if that day is a weekend or holiday (Đ148 k5).
    // Decisions: the day of receipt is the day of startAt (the registered receipt after the outside-hours rule),
    // and "the end of the day" is the end of office hours, not 24:00 (Đ148 k6), since results are handed over
    // during office hours.
    case 'calendar_days': {
      if (!Number.isInteger(time.value)) throw new RangeError(`Calendar days must be whole: ${time.value}`);
      const lastDay = addDays(vnDate(startAt), time.value);
      const dueDay = cal.isWorkingDay(lastDay) ? lastDay : cal.nextWorkingDay(lastDay);
      return { startAt, dueAt: cal.endOfWorkingDay(dueDay) };
    }
    default: {
      const never: never = time.unit;
      throw new RangeError(`Unknown time unit: ${String(never)}`);
    }
  }
}

/**
 * The due time after a clock pause (e.g. waiting for the citizen's supplement), domain.md §2.7: the time waiting
 * is excluded (Decision 766/QĐ-TTg scoring formula [S]). The remaining working time at the pause,
 * workingHoursBetween(pausedAt, dueAt), is added to the next working time after `resumedAt`.
 *
 * A pause that starts at or after the due time does not revive the dossier: the original due time is returned,
 * so it stays overdue.
 */
export function resumeDue(dueAt: Date, pausedAt: Date, resumedAt: Date, cal: WorkCalendar): Date {
  if (+resumedAt < +pausedAt) throw new RangeError('resumedAt is before pausedAt');
  if (+pausedAt >= +dueAt) return new Date(+dueAt);
  const remaining = cal.workingHoursBetween(pausedAt, dueAt);
  return cal.addWorkingHours(cal.nextWorkingTime(resumedAt), remaining);
}

/**
 * `due` moved by the working time from `from` to `to` (a dossier's case with its own statutory time chosen after
 * receipt: the difference between the two cases' due times). Moving back ends at the end of a working period (17:00),
 * not at the next opening (07:00 the next day), which is the same working time but not how a due time is written.
 */
export function moveDue(due: Date, from: Date, to: Date, cal: WorkCalendar): Date {
  const hours = cal.workingHoursBetween(from, to);
  if (hours >= 0) return cal.addWorkingHours(due, hours);
  return new Date(+cal.addWorkingHours(due, hours - 1 / 3600) + 1000); // one second further back, then forward
}

/**
 * Whether an apology with a new appointment may still be issued: "chậm nhất 01 ngày trước ngày hết hạn" (Nghị định
 * 118/2025 as restated by QĐ 88/2025/QĐ-UBND Lai Châu Đ3 k6, domain.md §2.7), read as at least one working day
 * (hoursPerWorkingDay working hours) left before the due time. The once-only rule is the dossier engine's.
 */
export function canSetNewAppointment(now: Date, dueAt: Date, cal: WorkCalendar): boolean {
  return cal.workingHoursBetween(now, dueAt) >= cal.hoursPerWorkingDay;
}

export type HandoverResult = 'early' | 'on_time' | 'late';

/**
 * Verdict for the control sheet (phiếu kiểm soát): late after the due time; on time on the due date (Vietnam
 * local); early before it.
 */
export function handoverResult(doneAt: Date, dueAt: Date): HandoverResult {
  if (+doneAt > +dueAt) return 'late';
  return vnDate(doneAt) === vnDate(dueAt) ? 'on_time' : 'early';
}
