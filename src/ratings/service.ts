// Saving a rating: the rating row (store.ts) and the dossier's indicator facts it moves (a "không hài lòng" counts
// in 766 5.4, src/indicators/facts.ts), in one transaction. Callers save through here, never through the store.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { refreshFacts } from '../indicators/facts.ts';
import type { RatingInput } from './core/criteria.ts';
import { writeRating, type RatingChannel, type SaveResult } from './store.ts';

export { ratingOf, editableUntil, type RatingChannel, type SaveResult, type StoredRating } from './store.ts';

/** Records or changes the rating of a dossier (store.ts's writeRating says when), with its indicator facts. */
export async function saveRating(db: Kysely<Database>, dossierId: string, input: RatingInput, now: Date, channel: RatingChannel = 'portal'): Promise<SaveResult> {
  return db.transaction().execute(async (trx) => {
    const r = await writeRating(trx, dossierId, input, now, channel);
    if (r.ok) await refreshFacts(trx, dossierId); // a "không hài lòng" counts in 766 5.4
    return r;
  });
}
