// The result's SQL edge: the draft result file an officer attached (component KET_QUA) and the signed result of a
// dossier (signed_documents with its dossier_id). The service is service.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { RESULT_COMPONENT } from '../dossiers/core/index.ts';
import { openRow } from '../vault/store.ts';

type Db = Kysely<Database>;


/** The latest PDF attached to the dossier as its result that is not itself a signed document (a draft to sign). */
export async function draftResultFile(db: Db, dossierId: string) {
  return db
    .selectFrom('dossier_files as f')
    .innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.id', 'f.file_name', 'b.sha256', 'b.content', 'b.key_version', 'b.wrapped_key', 'b.nonce'])
    .where('f.dossier_id', '=', dossierId)
    .where('f.component_code', '=', RESULT_COMPONENT)
    .where('b.content_type', '=', 'application/pdf')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('signed_documents as s').select('s.code').whereRef('s.sha256', '=', 'f.sha256'))))
    .orderBy('f.id', 'desc')
    .limit(1)
    .executeTakeFirst()
    .then((r) => openRow(r)); // decrypted (vault/store.ts)
}

/** The citizen receives the signed result once it is issued: the dossier is processed (9) or returned (10)
 *  (NĐ 118/2025 Đ22: the result is returned after the decision is issued); a result signed but not yet issued stays
 *  with the officers. */
const ISSUED = [9, 10];

/** The dossier's signed result in force: its latest signed document that was neither revoked nor replaced. */
export async function signedResultOf(db: Db, dossierId: string) {
  return db
    .selectFrom('signed_documents as d')
    .leftJoin('signed_document_status as s', 's.code', 'd.code')
    .innerJoin('dossiers as x', 'x.id', 'd.dossier_id')
    .select(['d.code', 'd.sha256', 'd.title', 'd.signed_at'])
    .where('d.dossier_id', '=', dossierId)
    .where('x.state', 'in', ISSUED)
    .where('s.code', 'is', null)
    .orderBy('d.signed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The signed results in force of several dossiers (the citizen's list), by dossier id. */
export async function signedResultsOf(db: Db, dossierIds: readonly string[]) {
  if (!dossierIds.length) return new Map<string, string>();
  const rows = await db
    .selectFrom('signed_documents as d')
    .leftJoin('signed_document_status as s', 's.code', 'd.code')
    .innerJoin('dossiers as x', 'x.id', 'd.dossier_id')
    .select(['d.dossier_id', 'd.code'])
    .where('d.dossier_id', 'in', [...dossierIds])
    .where('x.state', 'in', ISSUED)
    .where('s.code', 'is', null)
    .orderBy('d.signed_at')
    .execute();
  return new Map(rows.map((r) => [r.dossier_id!, r.code]));
}
