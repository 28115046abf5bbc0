// What else happens, in the same transaction, when a dossier changes (one place, called by the service after each
// logged action): the notices to the applicant go into the outbox (src/notifications) and the dossier's indicator
// facts are recomputed (src/indicators/facts.ts). Areas that must react to a
// dossier change add one line here; a new dossier's facts and first sync message go into its own statement instead
// (firstEntryWrites). The national portal's sync messages go into their outbox (src/sync).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierChange } from './store.ts';
import { enqueueNotices } from '../notifications/enqueue.ts';
import { factsValues, newDossierInputs, refreshFacts, type NewDossierFacts } from '../indicators/facts.ts';
import { factsInsert } from '../indicators/facts-store.ts';
import { applyRollupDelta } from '../indicators/rollup-store.ts';
import { firstMessageInserts } from '../sync/store.ts';
import type { AlongsideWrite } from '../db/alongside.ts';
import type { StoredProcedure } from '../catalogue/core/types.ts';
import { pushToStore } from '../datastore/push.ts';
import { enqueueSync } from '../sync/enqueue.ts';


export async function afterChange(trx: Kysely<Database>, change: DossierChange, first?: FirstEntry): Promise<void> {
  await enqueueNotices(trx, change);
  await pushToStore(trx, change); // the result (and kept papers) into the applicant's store, on return
  if (first) {
    // Its facts and sync message went in with the dossier (firstEntryWrites); a dossier finished at creation (refused
    // at receipt) also moves the monthly rollup.
    await applyRollupDelta(trx, null, first.facts);
    return;
  }
  await refreshFacts(trx, change.row.id);
  await enqueueSync(trx, change); // the national portal's messages (src/sync), in this transaction
}

/** A new dossier's first facts row and first sync message, computed from what is written (facts.ts newDossierInputs:
 *  nothing else exists yet), to go into the dossier's own statement (store.ts writeLogged `also`): two round trips
 *  fewer per intake (issue 16). */
export function firstEntryWrites(
  d: NewDossierFacts & { id: string; code: string | null; external_code: string | null }, procedure: StoredProcedure,
  unitCode: string | null, event: { seq: number; at: Date },
) {
  const facts = factsValues(d.id, newDossierInputs(d, procedure, unitCode));
  const also: AlongsideWrite[] = [factsInsert(facts)];
  // A dossier without a code yet (submitted online, not received) has no MaHoSo to send (sync/enqueue.ts).
  if (d.code || d.external_code) also.push(...firstMessageInserts({ dossierId: d.id, communeId: d.commune_id, eventSeq: event.seq, at: event.at }));
  return { facts, also };
}
export type FirstEntry = ReturnType<typeof firstEntryWrites>;
