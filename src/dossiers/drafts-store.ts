// The portal's drafts of online submissions (tables drafts, draft_files): SQL edge. The rules (who owns a draft, how
// long it is kept, how many files, submitting) are in src/web/portal/drafts.ts; the writes that must not race take the
// draft's row lock first (lockDraft), in the caller's transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Deletes the unsubmitted drafts last changed before `before` (their files and links go with them); returns how many. */
export async function deleteStaleDrafts(db: Db, before: Date): Promise<number> {
  const r = await db.deleteFrom('drafts').where('submitted_dossier_id', 'is', null).where('updated_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertDraft(db: Db, v: { owner: string; communeId: string; procedureCode: string; now: Date }): Promise<string> {
  const r = await db
    .insertInto('drafts')
    .values({ owner_hash: v.owner, commune_id: v.communeId, procedure_code: v.procedureCode, data: '{}', created_at: v.now, updated_at: v.now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The draft with this id and owner (locked for update when `lock`), or undefined. */
export async function draftRow(db: Db, id: string, owner: string, lock = false) {
  let q = db.selectFrom('drafts').selectAll().where('id', '=', id).where('owner_hash', '=', owner);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type DraftRow = NonNullable<Awaited<ReturnType<typeof draftRow>>>;

/** The owner's unsubmitted drafts changed since `since` (of one procedure when given), newest first, at most 10. */
export async function openDraftRows(db: Db, owner: string, since: Date, procedureCode?: string) {
  let q = db
    .selectFrom('drafts')
    .select(['id', 'procedure_code', 'updated_at'])
    .where('owner_hash', '=', owner)
    .where('submitted_dossier_id', 'is', null)
    .where('updated_at', '>=', since);
  if (procedureCode) q = q.where('procedure_code', '=', procedureCode);
  return q.orderBy('updated_at', 'desc').limit(10).execute();
}

/** Locks a draft's row until commit and reads its answers and submission; undefined when gone. */
export async function lockDraft(trx: Db, id: string) {
  return trx.selectFrom('drafts').select(['data', 'submitted_dossier_id']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Sets a draft's answers (JSON) and its last change. */
export async function setDraftData(trx: Db, id: string, data: object, now: Date): Promise<void> {
  await trx.updateTable('drafts').set({ data: JSON.stringify(data), updated_at: now }).where('id', '=', id).execute();
}

/** Records a change of a draft's files. */
export async function touchDraft(trx: Db, id: string, now: Date): Promise<void> {
  await trx.updateTable('drafts').set({ updated_at: now }).where('id', '=', id).execute();
}

/** Marks a draft submitted as this dossier, with the record of its answers. */
export async function markSubmitted(trx: Db, id: string, dossierId: string, data: object, now: Date): Promise<void> {
  await trx.updateTable('drafts')
    .set({ submitted_dossier_id: dossierId, data: JSON.stringify(data), updated_at: now })
    .where('id', '=', id)
    .execute();
}

// ── Files ─────────────────────────────────────────────────────────────────────────────────────────────

export async function draftFiles(db: Db, draftId: string) {
  return db
    .selectFrom('draft_files as f')
    .innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.id', 'f.component_code', 'f.file_name', 'f.sha256', 'f.store_item_id', 'b.size', 'b.content_type'])
    .where('f.draft_id', '=', draftId)
    .orderBy('f.id')
    .execute();
}
export type DraftFile = Awaited<ReturnType<typeof draftFiles>>[number];

export async function countDraftFiles(trx: Db, draftId: string): Promise<number> {
  const n = await trx.selectFrom('draft_files').select((eb) => eb.fn.countAll<number>().as('n')).where('draft_id', '=', draftId).executeTakeFirstOrThrow();
  return Number(n.n);
}

export async function insertDraftFile(trx: Db, v: { draftId: string; componentCode: string; fileName: string; sha256: string; now: Date }): Promise<void> {
  await trx.insertInto('draft_files').values({ draft_id: v.draftId, component_code: v.componentCode, file_name: v.fileName, sha256: v.sha256, uploaded_at: v.now }).execute();
}

export async function deleteDraftFile(trx: Db, draftId: string, fileId: number): Promise<void> {
  await trx.deleteFrom('draft_files').where('id', '=', fileId).where('draft_id', '=', draftId).execute();
}

// ── The confirmation ──────────────────────────────────────────────────────────────────────────────────

/** What the confirmation page shows of the dossier a draft was submitted as (throws when it is missing). */
export async function submittedDossier(db: Db, dossierId: string) {
  return db.selectFrom('dossiers')
    .select(['id', 'code', 'reference', 'commune_id', 'procedure_code', 'procedure_version', 'submitted_at', 'receipt_due_at', 'due_at'])
    .where('id', '=', dossierId).executeTakeFirstOrThrow();
}
