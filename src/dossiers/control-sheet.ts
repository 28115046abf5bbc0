// The control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ, QĐ 3621/QĐ-BYT BM.05 after TT 03/2025 PL I):
// the procedure's internal process (quy trình nội bộ) gives each step an hour budget; each hand-over closes
// the current step and is judged early / on time / late against its budgeted end ("the result is entered by
// the receiving side … logging is automatic in the system", domain.md §2.6). Pure: no I/O.
import type { ProcessStep } from '../catalogue/core/types.ts';
import { handoverResult, resumeDue, type HandoverResult, type WorkCalendar } from '../calendar/core/index.ts';
import type { ActionEvent, DossierProjection, Handover } from './core/index.ts';

/** Where the dossier is in its internal process. */
export interface StepPosition {
  index: number | null; // null before receipt
  dueAt: Date | null; // budgeted end of the current step; null when the steps are used up
}

export interface JudgedHandover extends Handover {
  stepCode: string | null;
  stepDueAt: Date | null;
  result: HandoverResult | null;
}

const startStep = (steps: readonly ProcessStep[], index: number, at: Date, cal: WorkCalendar): StepPosition => {
  const step = steps[index];
  return { index, dueAt: step ? cal.addWorkingHours(cal.nextWorkingTime(at), step.hours) : null };
};

/**
 * The step position after an event, and the judged hand-over when the event is one.
 * - Receipt starts the first step.
 * - A clock pause that ends (or is credited by an apology, which moves `pausedAt` on) moves the step's budgeted
 *   end by the same working time as the dossier's deadlines.
 * - A hand-over is judged against the step's end (or, once the steps are used up, the dossier's due time),
 *   then the next step starts.
 */
export function advance(
  pos: StepPosition,
  steps: readonly ProcessStep[],
  prev: DossierProjection | null,
  next: DossierProjection,
  event: ActionEvent,
  cal: WorkCalendar,
): { pos: StepPosition; handover: JudgedHandover | null } {
  let p = event.changes.receivedAt && pos.index === null ? startStep(steps, 0, event.at, cal) : pos;
  if (prev?.pausedAt && p.dueAt && (!next.pausedAt || next.pausedAt > prev.pausedAt)) {
    p = { ...p, dueAt: resumeDue(p.dueAt, prev.pausedAt, next.pausedAt ?? event.at, cal) };
  }
  if (!event.handover) return { pos: p, handover: null };
  const against = p.dueAt ?? next.dueAt;
  const handover: JudgedHandover = {
    ...event.handover,
    stepCode: p.index === null ? null : (steps[p.index]?.code ?? null),
    stepDueAt: against,
    result: against ? handoverResult(event.at, against) : null,
  };
  return { pos: p.index === null ? p : startStep(steps, p.index + 1, event.at, cal), handover };
}
