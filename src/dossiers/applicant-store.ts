// The applicant's columns of a dossier (applicant_name, applicant), rewritten only by the logged action
// `update_applicant` (applicant-update.ts), in the transaction that appends its entry to the dossier's log.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function setApplicant(db: Kysely<Database>, dossierId: string, v: { name: string; applicant: object }): Promise<void> {
  await db.updateTable('dossiers').set({ applicant_name: v.name, applicant: JSON.stringify(v.applicant) }).where('id', '=', dossierId).execute();
}
