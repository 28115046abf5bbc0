// Saving a rating: the rating row (store.ts) and the dossier's indicator facts it moves (a "không hài lòng" counts
// in 766 5.4, src/indicators/facts.ts), in one transaction. Callers save through here, never through the store.
// The quarterly evaluation per unit (core/scores.ts) from the ratings of the quarter.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { refreshFacts } from '../indicators/facts.ts';
import { periodOf } from '../indicators/core/periods.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import type { RatingInput } from './core/criteria.ts';
import { bandsAt, evaluateByUnit, type BandVersion, type Evaluation, type UnitEvaluation } from './core/scores.ts';
import { ratingsWithUnits, writeRating, type RatingChannel, type SaveResult } from './store.ts';

export { ratingOf, editableUntil, type RatingChannel, type SaveResult, type StoredRating } from './store.ts';

/** Records or changes the rating of a dossier (store.ts's writeRating says when), with its indicator facts. */
export async function saveRating(db: Kysely<Database>, dossierId: string, input: RatingInput, now: Date, channel: RatingChannel = 'portal'): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const r = await writeRating(trx, dossierId, input, now, channel);
    if (r.ok) await refreshFacts(trx, dossierId); // a "không hài lòng" counts in 766 5.4
    return r;
  });
}

export interface QuarterEvaluation {
  year: number;
  quarter: number;
  /** The bands in force at the quarter's start. */
  bands: BandVersion;
  commune: Evaluation;
  units: UnitEvaluation[];
}

/** The commune's and each unit's evaluation of a quarter (ratings given in it, Vietnam time), with the bands in force
 *  at the quarter's start. */
export async function quarterEvaluation(db: Kysely<Database>, communeId: string, year: number, quarter: number): Promise<QuarterEvaluation> {
  const { start, end } = periodOf({ year, quarter });
  const rows = await ratingsWithUnits(db, communeId, start, end);
  const bands = bandsAt(vnDate(start));
  return { year, quarter, bands, ...evaluateByUnit(rows, bands) };
}
