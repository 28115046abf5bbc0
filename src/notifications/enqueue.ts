// Writing the notices of a dossier change into the outbox, in the change's transaction. Owned by the notifications
// helper (issue 4). Stub: writes nothing yet.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierChange } from '../dossiers/after-change.ts';

export async function enqueueNotices(_trx: Kysely<Database>, _change: DossierChange): Promise<void> {}
