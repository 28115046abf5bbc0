// Writing a dossier change's sync message into the outbox, in the change's transaction (called by
// dossiers/after-change.ts after every logged action): a rolled-back change leaves no message, a committed one always
// has its message. One statement (store.ts insertMessage), nothing read: every action of the whole app passes here.
// The payload is built later by the worker from the log as of this change (core/mapping.ts), and frozen at its first
// attempt. A dossier without a code yet (submitted online, not received) has no MaHoSo to send: nothing is written;
// its first message, at receipt, carries its earlier steps too. A dossier filed on the national portal and forwarded
// to us carries the portal's code (external_code) from the start.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierChange } from '../dossiers/store.ts';
import { insertMessage } from './store.ts';

export async function enqueueSync(trx: Kysely<Database>, change: DossierChange): Promise<void> {
  const { row, event } = change;
  if (!row.code && !row.external_code) return;
  await insertMessage(trx, { dossierId: row.id, communeId: row.commune_id, eventSeq: event.seq, at: event.at });
}
