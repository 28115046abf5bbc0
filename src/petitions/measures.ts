// Indicators 5.2 (petitions handled on time) and 5.3 (satisfaction with petition handling) of Decision 766 from the
// commune's petitions of a period (domain.md §4 5.2, 5.3). In scope: petitions received in the period, and those
// received before it still open at its start (as 2.1 does for dossiers). Each is judged at the period's end (or
// now, if earlier) by the pure rules of core/petition.ts: a step not yet taken is late once its limit has passed.
import type { Kysely } from 'kysely';
import { workCalendarFor } from '../calendar/store.ts';
import type { Database } from '../db/schema.ts';
import type { Period } from '../indicators/core/progress.ts';
import type { Measure } from '../indicators/core/score.ts';
import { petitionOnTime, petitionSatisfied } from './core/petition.ts';
import { petitionFactsOf } from './store.ts';

const NONE = 'Chưa có dữ liệu phản ánh, kiến nghị trong kỳ.';

export async function petitionMeasures(db: Kysely<Database>, communeId: string, period: Period, now: Date): Promise<{ '5.2': Measure; '5.3': Measure }> {
  const asOf = new Date(Math.min(now.getTime(), period.end.getTime() - 1));
  const facts = await petitionFactsOf(db, communeId, period.start, period.end, asOf);
  if (!facts.length) return { '5.2': { unavailable: NONE }, '5.3': { unavailable: NONE } };
  const cal = await workCalendarFor(db, communeId);
  return {
    '5.2': { numerator: facts.filter((p) => petitionOnTime(p, cal, asOf)).length, denominator: facts.length },
    '5.3': { numerator: facts.filter((p) => petitionSatisfied(p, cal, asOf)).length, denominator: facts.length },
  };
}
