// Stub: the sync area writes the outbox messages of a dossier change here (in the change's transaction).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierChange } from '../dossiers/store.ts';

export async function enqueueSync(_trx: Kysely<Database>, _change: DossierChange): Promise<void> {}
