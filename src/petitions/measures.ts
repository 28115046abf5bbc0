// Indicators 5.2 (petitions handled on time) and 5.3 (satisfaction with petition handling) of Decision 766 from the
// commune's petitions of a period (domain.md §4 5.2, 5.3). In scope: petitions received in the period, and those
// received before it still open at its start (as 2.1 does for dossiers). Each is judged at the period's end (or
// now, if earlier) by the pure rules of core/petition.ts: a step not yet taken is late once its limit has passed.
import type { Kysely } from 'kysely';
import { workCalendarFor } from '../calendar/store.ts';
import type { Database } from '../db/schema.ts';
import type { Period } from '../indicators/core/progress.ts';
import type { Measure } from '../indicators/core/score.ts';
import { petitionOnTime, petitionSatisfied, type PetitionFacts } from './core/petition.ts';
import type { WorkCalendar } from '../calendar/core/working-time.ts';
import { petitionFactsOf } from './store.ts';

const NONE = 'Chưa có dữ liệu phản ánh, kiến nghị trong kỳ.';

/** The moment a period's petitions are judged at: its end, or now if earlier. */
export const petitionsAsOf = (period: Period, now: Date) => new Date(Math.min(now.getTime(), period.end.getTime() - 1));

export async function petitionMeasures(db: Kysely<Database>, communeId: string, period: Period, now: Date): Promise<{ '5.2': Measure; '5.3': Measure }> {
  const asOf = petitionsAsOf(period, now);
  const facts = await petitionFactsOf(db, communeId, period.start, period.end, asOf);
  if (!facts.length) return petitionMeasuresOf(facts, null, asOf);
  return petitionMeasuresOf(facts, await workCalendarFor(db, communeId), asOf);
}

/** 5.2 and 5.3 from petition facts already read (the province reads every commune's at once: province/service.ts). */
export function petitionMeasuresOf(facts: readonly PetitionFacts[], cal: WorkCalendar | null, asOf: Date): { '5.2': Measure; '5.3': Measure } {
  if (!facts.length || !cal) return { '5.2': { unavailable: NONE }, '5.3': { unavailable: NONE } };
  return {
    '5.2': { numerator: facts.filter((p) => petitionOnTime(p, cal, asOf)).length, denominator: facts.length },
    '5.3': { numerator: facts.filter((p) => petitionSatisfied(p, cal, asOf)).length, denominator: facts.length },
  };
}
