// What else happens, in the same transaction, when a dossier changes (one place, called by the service after each
// logged action): the notices to the applicant go into the outbox (src/notifications) and the dossier's indicator
// facts are recomputed (src/indicators/facts.ts). Areas that must react to a
// dossier change add one line here. The national portal's sync messages go into their outbox (src/sync).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierChange } from './store.ts';
import { enqueueNotices } from '../notifications/enqueue.ts';
import { newDossierInputs, refreshFacts } from '../indicators/facts.ts';
import { communeUnits } from '../org/store.ts';
import { pushToStore } from '../datastore/push.ts';
import { enqueueSync } from '../sync/enqueue.ts';


export async function afterChange(trx: Kysely<Database>, change: DossierChange): Promise<void> {
  await enqueueNotices(trx, change);
  await pushToStore(trx, change); // the result (and kept papers) into the applicant's store, on return
  // A dossier's first entry: its facts from what the change holds (facts.ts newDossierInputs), no gathering query.
  const fresh = change.event.seq === 1
    ? newDossierInputs(change.row, change.procedure, change.row.current_unit_id === null ? null
      : ((await communeUnits(trx, change.row.commune_id)).codeById.get(change.row.current_unit_id) ?? null))
    : undefined;
  await refreshFacts(trx, change.row.id, fresh);
  await enqueueSync(trx, change); // the national portal's messages (src/sync), in this transaction
}
