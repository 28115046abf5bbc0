// Pushing to the applicant's store when a dossier is returned (called by dossiers/after-change.ts in the change's
// transaction). STUB: built by the data-store work.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierChange } from '../dossiers/store.ts';

export async function pushToStore(_trx: Kysely<Database>, _change: DossierChange): Promise<void> {}
