// The citizen's data store: SQL edge (migration 038_data_store.sql). Items are found by the owner's personal ID number
// on the index store_items_owner; every function that reads an item's file takes the owner too, so a query never
// reaches another person's store. The rules are in core/items.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { openRow } from '../vault/store.ts';
import type { ItemKind, ItemStatus } from './core/items.ts';

type Db = Kysely<Database>;

export interface NewItem {
  ownerIdNumber: string;
  kind: ItemKind;
  typeCode: string;
  typeName: string;
  issuer: string;
  numberSymbol: string | null;
  validFrom: string;
  validTo: string | null;
  sha256: string;
  fileName: string;
  sourceCommuneId: string;
  sourceDossierId: string | null;
  sourceComponentCode: string | null;
  signedCode: string | null;
  legalRecord: boolean;
  at: Date;
}

/** Puts an item into the owner's store; pushing the same file of the same dossier again is one item. Returns its id
 *  and whether it is new. */
export async function insertItem(trx: Db, v: NewItem): Promise<{ id: number; created: boolean }> {
  const row = await trx
    .insertInto('store_items')
    .values({
      owner_id_number: v.ownerIdNumber, kind: v.kind, type_code: v.typeCode, type_name: v.typeName, issuer: v.issuer,
      number_symbol: v.numberSymbol, valid_from: v.validFrom, valid_to: v.validTo, sha256: v.sha256, file_name: v.fileName,
      source_commune_id: v.sourceCommuneId, source_dossier_id: v.sourceDossierId, source_component_code: v.sourceComponentCode,
      signed_code: v.signedCode, legal_record: v.legalRecord, created_at: v.at,
    })
    .onConflict((oc) => oc.columns(['source_dossier_id', 'kind', 'type_code', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, created: true };
  const old = await trx
    .selectFrom('store_items')
    .select('id')
    .where('source_dossier_id', '=', v.sourceDossierId)
    .where('kind', '=', v.kind)
    .where('type_code', '=', v.typeCode)
    .where('sha256', '=', v.sha256)
    .executeTakeFirstOrThrow();
  return { id: old.id, created: false };
}

const ITEM_COLUMNS = [
  'i.id', 'i.kind', 'i.type_code', 'i.type_name', 'i.issuer', 'i.number_symbol', 'i.valid_from', 'i.valid_to', 'i.file_name',
  'i.source_dossier_id', 'i.source_component_code', 'i.signed_code', 'i.legal_record', 'i.status', 'i.status_reason',
  'i.status_at', 'i.created_at', 'i.sha256', 'i.source_commune_id',
] as const;

/** The owner's items (no file content), newest first; `typeCodes` narrows to those types (reuse while filing). */
export function itemsOfOwner(db: Db, ownerIdNumber: string, opts: { typeCodes?: readonly string[]; limit?: number } = {}) {
  let q = db.selectFrom('store_items as i').select(ITEM_COLUMNS).where('i.owner_id_number', '=', ownerIdNumber);
  if (opts.typeCodes) {
    if (!opts.typeCodes.length) return Promise.resolve([]);
    q = q.where('i.type_code', 'in', [...opts.typeCodes]);
  }
  return q.orderBy('i.valid_from', 'desc').orderBy('i.id', 'desc').limit(opts.limit ?? 500).execute();
}
export type StoreItemRow = Awaited<ReturnType<typeof itemsOfOwner>>[number];

/** One item of the owner (no content); undefined when the owner has no such item. */
export function itemOfOwner(db: Db, ownerIdNumber: string, id: number, lock = false) {
  let q = db.selectFrom('store_items as i').select(ITEM_COLUMNS).where('i.id', '=', id).where('i.owner_id_number', '=', ownerIdNumber);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** One item of the owner with its file (decrypted), for a download; undefined when the owner has no such item. */
export async function itemFile(db: Db, ownerIdNumber: string, id: number) {
  const row = await db
    .selectFrom('store_items as i')
    .innerJoin('files as b', 'b.sha256', 'i.sha256')
    .select(['i.id', 'i.file_name', 'i.status', 'b.content_type', 'b.sha256', 'b.content', 'b.key_version', 'b.wrapped_key', 'b.nonce'])
    .where('i.id', '=', id)
    .where('i.owner_id_number', '=', ownerIdNumber)
    .executeTakeFirst();
  return openRow(row);
}

/** Revokes or deletes an item (it stays, with why and when, but is no longer offered, shown as valid or shared). */
export async function setItemStatus(trx: Db, id: number, status: Exclude<ItemStatus, 'valid'>, reason: string, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('store_items')
    .set({ status, status_reason: reason, status_at: at })
    .where('id', '=', id)
    .where('status', '=', 'valid')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The items a dossier put into its applicant's store (the staff dossier page; the 766 "pushed to the store" flag). */
export function itemsFromDossier(db: Db, dossierId: string) {
  return db.selectFrom('store_items as i').select(ITEM_COLUMNS).where('i.source_dossier_id', '=', dossierId).orderBy('i.id').execute();
}

// --- Shares: a time-limited link to one item -------------------------------------------------------------------------

export async function insertShare(trx: Db, v: { itemId: number; tokenSha256: string; citizenId: number; at: Date; expiresAt: Date }) {
  return trx
    .insertInto('store_shares')
    .values({ item_id: v.itemId, token_sha256: v.tokenSha256, citizen_id: v.citizenId, created_at: v.at, expires_at: v.expiresAt })
    .returning(['id', 'expires_at'])
    .executeTakeFirstOrThrow();
}

/** The shares of an item, newest first (the citizen's item page). */
export function sharesOfItem(db: Db, itemId: number) {
  return db
    .selectFrom('store_shares as s')
    .select(['s.id', 's.created_at', 's.expires_at', 's.revoked_at',
      (eb) => eb.selectFrom('store_share_opens as o').select((e) => e.fn.countAll<string>().as('n')).whereRef('o.share_id', '=', 's.id').as('opens')])
    .where('s.item_id', '=', itemId)
    .orderBy('s.created_at', 'desc')
    .execute();
}

export async function revokeShare(trx: Db, itemId: number, shareId: number, at: Date): Promise<boolean> {
  const r = await trx.updateTable('store_shares').set({ revoked_at: at })
    .where('id', '=', shareId).where('item_id', '=', itemId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The item behind a share token's hash, with its file, when the share is open at `now` and the item still valid. */
export async function sharedItem(db: Db, tokenSha256: string, now: Date) {
  const row = await db
    .selectFrom('store_shares as s')
    .innerJoin('store_items as i', 'i.id', 's.item_id')
    .innerJoin('files as b', 'b.sha256', 'i.sha256')
    .select(['s.id as share_id', 's.expires_at', 'i.type_name', 'i.issuer', 'i.number_symbol', 'i.valid_from', 'i.valid_to',
      'i.file_name', 'i.signed_code', 'b.content_type', 'b.sha256', 'b.content', 'b.key_version', 'b.wrapped_key', 'b.nonce'])
    .where('s.token_sha256', '=', tokenSha256)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .where('i.status', '=', 'valid')
    .executeTakeFirst();
  return openRow(row);
}

export async function logShareOpen(db: Db, shareId: number, at: Date): Promise<void> {
  await db.insertInto('store_share_opens').values({ share_id: shareId, at }).execute();
}

// --- Officers' lookups (TT 117/2026: who, when, why) ----------------------------------------------------------------

export async function logLookup(trx: Db, v: { ownerIdNumber: string; staffId: number; communeId: string; dossierId: string | null; reason: string; found: number; at: Date }) {
  await trx.insertInto('store_lookups').values({
    owner_id_number: v.ownerIdNumber, staff_id: v.staffId, commune_id: v.communeId, dossier_id: v.dossierId,
    reason: v.reason, found: v.found, at: v.at,
  }).execute();
}

/** Who looked into the owner's store, newest first (shown to the owner). */
export function lookupsOfOwner(db: Db, ownerIdNumber: string, limit = 100) {
  return db
    .selectFrom('store_lookups as l')
    .innerJoin('staff as s', 's.id', 'l.staff_id')
    .innerJoin('communes as c', 'c.id', 'l.commune_id')
    .select(['l.id', 'l.at', 'l.reason', 'l.found', 's.full_name as staff_name', 'c.name as commune_name'])
    .where('l.owner_id_number', '=', ownerIdNumber)
    .orderBy('l.at', 'desc')
    .limit(limit)
    .execute();
}

// --- What a returned dossier pushes (push.ts) ------------------------------------------------------------------------

/** The latest file of each listed component of a dossier (by attachment order), with the PDF/A storage copy of its
 *  scan when the digitisation job of that file is done (digitisation_jobs, migration 036). */
export async function latestFilesOf(trx: Db, dossierId: string, componentCodes: readonly string[]) {
  if (!componentCodes.length) return [];
  return trx
    .selectFrom('dossier_files as f')
    .leftJoin('digitisation_jobs as j', (j) => j.onRef('j.dossier_id', '=', 'f.dossier_id').onRef('j.component_code', '=', 'f.component_code')
      .onRef('j.source_sha256', '=', 'f.sha256').on('j.status', '=', 'done'))
    .select(['f.id', 'f.component_code', 'f.file_name', 'f.sha256', 'f.store_item_id', 'f.uploaded_at', 'j.result_sha256 as pdfa_sha256', 'j.file_name as pdfa_file_name'])
    .distinctOn('f.component_code')
    .where('f.dossier_id', '=', dossierId)
    .where('f.component_code', 'in', [...componentCodes])
    .orderBy('f.component_code').orderBy('f.id', 'desc')
    .execute();
}

/** Whether any result of the dossier was ever signed digitally (in force, revoked or replaced). */
export async function everSigned(trx: Db, dossierId: string): Promise<boolean> {
  return !!(await trx.selectFrom('signed_documents').select('code').where('dossier_id', '=', dossierId).limit(1).executeTakeFirst());
}

/** The items pushed from a signed document (its verification code), valid ones only, locked. */
export function validItemsOfSigned(trx: Db, signedCode: string) {
  return trx.selectFrom('store_items').select(['id', 'source_dossier_id']).where('signed_code', '=', signedCode)
    .where('status', '=', 'valid').forUpdate().execute();
}

/** The source dossiers' codes (the item pages link to the dossier), by id. */
export async function dossierCodes(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('dossiers').select(['id', 'code', 'reference']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.code ?? r.reference]));
}

/** A share of the owner's item, for the owner (revocation). */
export function shareOfItem(db: Db, itemId: number, shareId: number) {
  return db.selectFrom('store_shares').select(['id', 'expires_at', 'revoked_at']).where('id', '=', shareId).where('item_id', '=', itemId).executeTakeFirst();
}

/** What a share token's hash names, whatever its state (the public page tells "expired" from "never existed"). */
export function shareByHash(db: Db, tokenSha256: string) {
  return db.selectFrom('store_shares as s').innerJoin('store_items as i', 'i.id', 's.item_id')
    .select(['s.id', 's.expires_at', 's.revoked_at', 'i.status as item_status'])
    .where('s.token_sha256', '=', tokenSha256).executeTakeFirst();
}

/** What pushing needs of a dossier (the replacement of a returned dossier's e-result). */
export function returnedDossier(trx: Db, dossierId: string) {
  return trx.selectFrom('dossiers')
    .select(['id', 'commune_id', 'received_at', 'submitted_at', 'projection', 'state', 'procedure_code', 'procedure_version'])
    .where('id', '=', dossierId).executeTakeFirst();
}
