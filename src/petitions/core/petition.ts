// Petitions and feedback (phản ánh, kiến nghị: PAKN) about procedures or staff: their statutory clocks and how
// Decision 766 judges them (pure). Limits, in working days from when the petition reached the commune (sent by the
// citizen, or forwarded by VPCP or another agency) — domain.md §4 5.2:
//   refuse ≤ 2 · ask the petitioner for more ≤ 5 · handle (answer) ≤ 15 · publish the answer ≤ 2 after answering.
// 5.3: a petition counts against satisfaction when the answer has more "dislikes" than "likes", when it was
// handled late, or when the petitioner came back with the same matter, dissatisfied.
import type { WorkCalendar } from '../../calendar/core/working-time.ts';

/** Working-day limits (domain.md §4 5.2; QĐ 766 formula specification). Effective-dated with the index. */
export const PETITION_LIMITS = { refuse: 2, askMore: 5, handle: 15, publish: 2 } as const;

export interface PetitionFacts {
  /** When the petition reached the commune (the clock's start). */
  receivedAt: Date;
  refusedAt: Date | null;
  /** When more information was asked of the petitioner (the handling clock keeps running: UNCERTAIN). */
  askedMoreAt: Date | null;
  answeredAt: Date | null;
  publishedAt: Date | null;
  likes: number;
  dislikes: number;
  /** The petitioner came back with the same matter, dissatisfied. */
  repeatedDissatisfied: boolean;
}

export interface PetitionDeadlines {
  refuseBy: Date;
  askMoreBy: Date;
  answerBy: Date;
  /** null until answered. */
  publishBy: Date | null;
}

export function petitionDeadlines(p: Pick<PetitionFacts, 'receivedAt' | 'answeredAt'>, cal: WorkCalendar): PetitionDeadlines {
  const start = cal.nextWorkingTime(p.receivedAt);
  return {
    refuseBy: cal.addWorkingDays(start, PETITION_LIMITS.refuse),
    askMoreBy: cal.addWorkingDays(start, PETITION_LIMITS.askMore),
    answerBy: cal.addWorkingDays(start, PETITION_LIMITS.handle),
    publishBy: p.answeredAt ? cal.addWorkingDays(cal.nextWorkingTime(p.answeredAt), PETITION_LIMITS.publish) : null,
  };
}

/** 5.2: every step taken by its limit; a step not yet taken is judged at `asOf` (late once its limit passed). */
export function petitionOnTime(p: PetitionFacts, cal: WorkCalendar, asOf: Date): boolean {
  const d = petitionDeadlines(p, cal);
  const by = (done: Date | null, limit: Date) => (done ?? asOf) <= limit;
  if (p.refusedAt) return p.refusedAt <= d.refuseBy;
  if (p.askedMoreAt && p.askedMoreAt > d.askMoreBy) return false;
  if (!by(p.answeredAt, d.answerBy)) return false;
  return !p.answeredAt || by(p.publishedAt, d.publishBy!);
}

/** 5.3: whether the petition counts as handled to the petitioner's satisfaction. */
export function petitionSatisfied(p: PetitionFacts, cal: WorkCalendar, asOf: Date): boolean {
  return !(p.dislikes > p.likes) && petitionOnTime(p, cal, asOf) && !p.repeatedDissatisfied;
}
