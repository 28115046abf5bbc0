// Indicator 2.1 of Decision 766 for one dossier (pure): early, on time or late, as the formula specification
// judges it (domain.md §4 2.1 and §2.7).
// - In scope: dossiers received by the end of the period and not finished before it began ("received or processed
//   in the period"); never-received submissions (refused at receipt) are not.
// - End time: when the dossier was finished (result issued, refused as ineligible, stopped, withdrawn); a dossier
//   still waiting for the citizen (supplement, or a financial obligation whose time the procedure excludes) counts
//   as ended when the wait began ("Yêu cầu bổ sung" with no completion counts at the request time); otherwise, still
//   in progress, the end of the period.
// - Deadline: `originalDueAt`, the statutory appointment with the supplement time added (the waiting time is
//   excluded), never the extended one: an apology and new appointment does not make a late dossier on time.
// - More than one supplement request after receipt ⇒ late, whatever the times.
import { vnDate } from '../../calendar/core/vn-time.ts';

export type Progress = 'early' | 'on_time' | 'late';

export interface ProgressFacts {
  receivedAt: Date | null;
  originalDueAt: Date | null;
  finishedAt: Date | null;
  pausedAt: Date | null;
  supplementCount: number;
  lateBySupplementRule: boolean;
}

export interface Period {
  /** First instant of the period. */
  start: Date;
  /** First instant after the period. */
  end: Date;
}

/** Whether the dossier counts in indicator 2.1 for the period. */
export function inProgressScope(d: ProgressFacts, p: Period): boolean {
  if (!d.receivedAt || d.receivedAt >= p.end) return false;
  return !d.finishedAt || d.finishedAt >= p.start;
}

/** The instant the formula compares with the deadline. */
export function endFor(d: ProgressFacts, p: Period): Date {
  if (d.finishedAt && d.finishedAt < p.end) return d.finishedAt;
  if (d.pausedAt && d.pausedAt < p.end) return d.pausedAt;
  return new Date(p.end.getTime() - 1);
}

/** Early (finished on an earlier day than the appointment), on time, or late; null when out of scope. */
export function progressOf(d: ProgressFacts, p: Period): Progress | null {
  if (!inProgressScope(d, p)) return null;
  if (d.lateBySupplementRule || d.supplementCount > 1) return 'late';
  if (!d.originalDueAt) return 'on_time'; // received with no deadline cannot happen in our engine; counted, not failed
  const end = endFor(d, p);
  if (end > d.originalDueAt) return 'late';
  const finished = !!d.finishedAt && d.finishedAt < p.end;
  return finished && vnDate(end) < vnDate(d.originalDueAt) ? 'early' : 'on_time';
}
