// Files: SQL edge. Content is stored once per sha256 (table files), encrypted (vault/store.ts), and linked to a
// dossier's components (dossier_files); the checks on an upload (type by content, size) are in uploads.ts.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { openRow, sealedColumns } from '../vault/store.ts';

type Db = Kysely<Database>;

/** Stores content once per sha256 (content-addressed), encrypted with the newest vault key, and returns its hash.
 *  `type`: the type found by content. */
export async function putFile(trx: Db, content: Buffer, type: string): Promise<string> {
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  await trx
    .insertInto('files')
    .values({ sha256, content_type: type, size: content.length, ...(await sealedColumns(trx, content, sha256)) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return sha256;
}

/** Links stored content to a dossier component, with the flags the indices count (766 spec 4.2–4.4). */
export async function insertDossierFile(
  trx: Db,
  v: {
    dossierId: string; componentCode: string; fileName: string; sha256: string; reused: boolean; fromStore: boolean; uploadedBy: number | null;
    storeItemId?: number | null; replacesWith?: string | null;
  },
) {
  return trx
    .insertInto('dossier_files')
    .values({
      dossier_id: v.dossierId,
      component_code: v.componentCode,
      file_name: v.fileName,
      sha256: v.sha256,
      digitised: true, // DuocSoHoa: the component has an attached electronic file (766 spec 4.2)
      reused: v.reused, // DuocTaiSuDung
      from_store: v.fromStore, // DuocLayTuKhoDMQG
      uploaded_by: v.uploadedBy,
      store_item_id: v.storeItemId ?? null,
      replaces_with: v.replacesWith ?? null, // MaKetQuaThayThe
    })
    .returning(['id', 'uploaded_at', 'digitised', 'reused', 'from_store'])
    .executeTakeFirstOrThrow();
}

/** One file of a dossier with its content (decrypted), for a download; undefined when the dossier has no such file. */
export async function dossierFileContent(db: Db, dossierId: string, fileId: number) {
  const row = await db
    .selectFrom('dossier_files as f')
    .innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.file_name', 'f.component_code', 'b.content_type', 'b.sha256', 'b.content', 'b.key_version', 'b.wrapped_key', 'b.nonce'])
    .where('f.id', '=', fileId)
    .where('f.dossier_id', '=', dossierId)
    .executeTakeFirst();
  return openRow(row);
}

/** The files the applicant uploaded (no staff uploader) since an instant, oldest first: a supplement being prepared. */
export async function applicantUploadsSince(db: Db, dossierId: string, since: Date) {
  return db
    .selectFrom('dossier_files as f')
    .innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.id', 'f.file_name', 'b.size'])
    .where('f.dossier_id', '=', dossierId)
    .where('f.uploaded_by', 'is', null)
    .where('f.uploaded_at', '>=', since) // both DB clocks: the request's recorded_at and the upload's uploaded_at
    .orderBy('f.id')
    .execute();
}

/** The staff member's roles and unit code, to log what they attach when no principal is at hand (the demo's data). */
export async function staffRolesAndUnit(db: Db, staffId: number) {
  return db.selectFrom('staff as s').leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.roles', 'u.code as unit_code']).where('s.id', '=', staffId).executeTakeFirst();
}
