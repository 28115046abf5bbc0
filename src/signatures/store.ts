// Signed documents (tables signed_documents, signed_document_status; the files in files): SQL only. The service
// (service.ts) signs, revokes, replaces and verifies; both tables are append-only (grants and triggers, migration 017).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { openStored } from '../vault/store.ts';
import type { VerifiedDocument } from './core/document.ts';

type Db = Kysely<Database>;

export async function codeTaken(db: Db, code: string): Promise<boolean> {
  return !!(await db.selectFrom('signed_documents').select('code').where('code', '=', code).executeTakeFirst());
}

/** The signer as the document will name them, if they are active staff of the commune. */
export async function signerOf(db: Db, communeId: string, staffId: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'full_name', 'title'])
    .where('id', '=', staffId)
    .where('commune_id', '=', communeId)
    .where('active', '=', true)
    .executeTakeFirst();
}

export interface NewSignedDocument {
  code: string;
  communeId: string;
  dossierId: string | null;
  title: string;
  sha256: string;
  size: number;
  signer: { staffId: number; name: string; title: string };
  agency: string;
  signerCredentialId: number;
  agencyCredentialId: number;
  testCertificates: boolean;
  replaces: string | null;
  signedAt: Date;
}

export async function insertSignedDocument(db: Db, d: NewSignedDocument): Promise<void> {
  await db
    .insertInto('signed_documents')
    .values({
      code: d.code, commune_id: d.communeId, dossier_id: d.dossierId, title: d.title, sha256: d.sha256, size: d.size,
      signer_staff_id: d.signer.staffId, signer_name: d.signer.name, signer_title: d.signer.title, agency: d.agency,
      signer_credential_id: d.signerCredentialId, agency_credential_id: d.agencyCredentialId,
      test_certificates: d.testCertificates, replaces: d.replaces, signed_at: d.signedAt,
    })
    .execute();
}

/** Records a revocation or replacement; false when the document already had one (it ends once). */
export async function insertStatus(
  db: Db, s: { code: string; status: 'revoked' | 'replaced'; reason: string; replacedBy: string | null; byStaffId: number; at: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('signed_document_status')
    .values({ code: s.code, status: s.status, reason: s.reason, replaced_by: s.replacedBy, by_staff_id: s.byStaffId, at: s.at })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
  return !!r;
}

function documents(db: Db) {
  return db
    .selectFrom('signed_documents as d')
    .leftJoin('signed_document_status as s', 's.code', 'd.code')
    .select([
      'd.code', 'd.commune_id', 'd.dossier_id', 'd.title', 'd.agency', 'd.signer_name', 'd.signer_title', 'd.signed_at', 'd.sha256',
      'd.size', 'd.test_certificates', 'd.replaces', 's.status', 's.at as status_at', 's.reason', 's.replaced_by',
    ]);
}

type DocRow = Awaited<ReturnType<ReturnType<typeof documents>['executeTakeFirstOrThrow']>>;

const toDocument = (r: DocRow): VerifiedDocument & { communeId: string; dossierId: string | null } => ({
  code: r.code, communeId: r.commune_id, dossierId: r.dossier_id, title: r.title, agency: r.agency, signerName: r.signer_name,
  signerTitle: r.signer_title, signedAt: r.signed_at, status: r.status ?? 'valid', statusAt: r.status_at, reason: r.reason,
  replacedBy: r.replaced_by, replaces: r.replaces, sha256: r.sha256, size: r.size, testCertificates: r.test_certificates,
});

export async function documentByCode(db: Db, code: string) {
  const r = await documents(db).where('d.code', '=', code).executeTakeFirst();
  return r ? toDocument(r) : undefined;
}

/** The documents whose signed file has this sha256 (one, as each carries its own code). */
export async function documentBySha256(db: Db, sha256: string) {
  const r = await documents(db).where('d.sha256', '=', sha256).orderBy('d.signed_at').executeTakeFirst();
  return r ? toDocument(r) : undefined;
}

/** The signed file of a document. */
export async function signedFile(db: Db, code: string): Promise<Buffer | undefined> {
  const r = await db
    .selectFrom('signed_documents as d')
    .innerJoin('files as f', 'f.sha256', 'd.sha256')
    .select(['f.sha256', 'f.content', 'f.key_version', 'f.wrapped_key', 'f.nonce'])
    .where('d.code', '=', code)
    .executeTakeFirst();
  return r && openStored(r); // decrypted (vault/store.ts)
}

/** The documents signed for a dossier, oldest first (the result step shows them). */
export async function dossierDocuments(db: Db, dossierId: string) {
  const rows = await documents(db).where('d.dossier_id', '=', dossierId).orderBy('d.signed_at').execute();
  return rows.map(toDocument);
}

/** Whether the dossier belongs to the commune (a signed result names its dossier). */
export async function dossierInCommune(db: Db, dossierId: string, communeId: string): Promise<boolean> {
  return !!(await db.selectFrom('dossiers').select('id').where('id', '=', dossierId).where('commune_id', '=', communeId).executeTakeFirst());
}
