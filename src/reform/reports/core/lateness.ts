// Late submissions, counted in working days on the commune's calendar (src/calendar). Pure.
import type { IsoDate } from '../../../calendar/core/index.ts';

export interface WorkingDays {
  isWorkingDay(date: IsoDate): boolean;
  nextWorkingDay(date: IsoDate): IsoDate;
}

/** The last day to submit: the due date, or the next working day when it is a weekend or holiday
 *  (BLDS 2015 Đ148 k5, as src/calendar/core/deadline.ts). */
export function lastDayToSubmit(due: IsoDate, cal: WorkingDays): IsoDate {
  return cal.isWorkingDay(due) ? due : cal.nextWorkingDay(due);
}

/** Working days late of a submission made on `day` (Vietnam date): 0 when on time; at least 1 when after the last
 *  day (a submission on the weekend after a Friday deadline is one day late). */
export function lateWorkingDays(due: IsoDate, day: IsoDate, cal: WorkingDays): number {
  const last = lastDayToSubmit(due, cal);
  if (day <= last) return 0;
  let n = 0;
  for (let d = cal.nextWorkingDay(last); d <= day && n < 400; d = cal.nextWorkingDay(d)) n++;
  return Math.max(1, n);
}
