// What the demo activity (activity.ts) reads and writes besides the services it goes through: the procedures in
// force, whether the demo communes already have dossiers, and the few shortcuts of a demo dossier (the e-identity
// flag, the components scanned at the counter in one statement, an asynchronous commit).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Code and content of every procedure version in force on `day` (YYYY-MM-DD). */
export async function proceduresInForce(db: Db, day: string) {
  return db.selectFrom('procedures').select(['code', 'data'])
    .where('effective_from', '<=', day as never)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', day as never)]))
    .execute();
}

/** Whether any of the communes has a dossier. */
export async function anyDossierIn(db: Db, communeIds: string[]): Promise<boolean> {
  return !!(await db.selectFrom('dossiers').select('id').where('commune_id', 'in', communeIds).limit(1).executeTakeFirst());
}

/** Demo data need no durability guarantee at each commit (a crash loses a few; the generator then stays idle). */
export async function relaxCommit(trx: Transaction<Database>): Promise<void> {
  await sql`SET LOCAL synchronous_commit = off`.execute(trx);
}

/** The applicant authenticated with their e-identity (VNeID) when submitting online. */
export async function markEid(db: Db, dossierId: string): Promise<void> {
  await db.updateTable('dossiers').set({ authenticated_with_eid: true }).where('id', '=', dossierId).execute();
}

/** Components scanned at the counter (attachFile's row for source 'scan'), in one statement; the caller refreshes the
 *  dossier's indicator facts. */
export async function insertScannedFiles(db: Db, dossierId: string, files: { componentCode: string; fileName: string; sha256: string; uploadedBy: number }[]) {
  await db.insertInto('dossier_files').values(files.map((f) => ({
    dossier_id: dossierId, component_code: f.componentCode, file_name: f.fileName, sha256: f.sha256, digitised: true, reused: false, from_store: false, uploaded_by: f.uploadedBy,
  }))).execute();
}
