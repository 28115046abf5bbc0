// Rules of a plan task: its shown status (overdue is computed, never stored), whether it was done on time, and the
// day of the reminder N working days before its deadline. Pure: the working-day test is passed in (the commune's
// calendar, src/calendar).
import { addDays, type IsoDate } from '../../calendar/core/civil.ts';
import { vnDate } from '../../calendar/core/vn-time.ts';


export type ShownStatus = TaskStatus | 'overdue';
export const SHOWN_STATUSES: readonly ShownStatus[] = ['not_started', 'in_progress', 'awaiting_approval', 'overdue', 'done'];
export const STATUS_LABEL: Record<ShownStatus, string> = {
  not_started: 'Chưa bắt đầu', in_progress: 'Đang thực hiện', awaiting_approval: 'Chờ duyệt', done: 'Hoàn thành', overdue: 'Quá hạn',
};

export interface TaskClock {
  status: TaskStatus;
  deadline: IsoDate;
  /** When the result was delivered (submitted for approval, kept once approved). */
  completedAt: Date | null;
}

/** Delivered by the end of the deadline day (Vietnam time). */
export const deliveredOnTime = (t: TaskClock) => t.completedAt !== null && vnDate(t.completedAt) <= t.deadline;

/** Overdue: not done, the deadline day is over, and no result was delivered by it. */
export function shownStatus(t: TaskClock, now: Date): ShownStatus {
  if (t.status === 'done') return 'done';
  if (t.deadline < vnDate(now) && !deliveredOnTime(t)) return 'overdue';
  return t.status;
}

/** The n-th working day before the deadline (n = 0: the deadline itself). */
export function reminderDay(deadline: IsoDate, n: number, isWorkingDay: (d: IsoDate) => boolean): IsoDate {
  let day = deadline;
  for (let left = n, guard = 0; left > 0 && guard < 400; guard++) {
    day = addDays(day, -1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

export type Alert = 'reminder' | 'escalation';

/** What a task calls for today: a reminder from its reminder day to its deadline, an escalation once overdue. */
export function alertFor(t: TaskClock, now: Date, n: number, isWorkingDay: (d: IsoDate) => boolean): Alert | null {
  const s = shownStatus(t, now);
  if (s === 'overdue') return 'escalation';
  if (s === 'done' || s === 'awaiting_approval') return null;
  const today = vnDate(now);
  return today <= t.deadline && today >= reminderDay(t.deadline, n, isWorkingDay) ? 'reminder' : null;
}

export type TaskStatus = 'not_started' | 'in_progress' | 'awaiting_approval' | 'done';
