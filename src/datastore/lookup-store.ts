// Reuse of the citizen's data store: SQL edge for what store.ts does not do. A draft's file taken from the store
// (draft_files.store_item_id, migration 038) and the check that an item an officer attaches was looked up, with its
// log row (store_lookups, TT 117/2026/TT-BCA), for that dossier. The rules are in core/items.ts, the services in
// reuse.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Records an item of the store as a draft's file for a component (no upload: the item's file and name). Any earlier
 *  choice from the store for the same component is replaced (one item stands for a component). */
export async function setDraftStoreFile(
  trx: Db, v: { draftId: string; componentCode: string; itemId: number; fileName: string; sha256: string; now: Date },
): Promise<void> {
  await trx.deleteFrom('draft_files')
    .where('draft_id', '=', v.draftId).where('component_code', '=', v.componentCode).where('store_item_id', 'is not', null)
    .execute();
  await trx.insertInto('draft_files').values({
    draft_id: v.draftId, component_code: v.componentCode, file_name: v.fileName, sha256: v.sha256, uploaded_at: v.now, store_item_id: v.itemId,
  }).execute();
}

/** The owner of an item looked up, for this dossier, by an officer (the log row is what allows its use); undefined
 *  when no lookup of this dossier found the item's owner. */
export async function lookedUpOwner(db: Db, dossierId: string, itemId: number): Promise<string | undefined> {
  const r = await db.selectFrom('store_items as i').select('i.owner_id_number')
    .where('i.id', '=', itemId)
    .where(({ exists, selectFrom }) => exists(
      selectFrom('store_lookups as l').select('l.id').whereRef('l.owner_id_number', '=', 'i.owner_id_number').where('l.dossier_id', '=', dossierId),
    ))
    .executeTakeFirst();
  return r?.owner_id_number;
}

/** The dossier's files taken from the store (the counter lookup page shows which components are done). */
export function storeFilesOf(db: Db, dossierId: string) {
  return db.selectFrom('dossier_files').select(['id', 'component_code', 'store_item_id', 'replaces_with'])
    .where('dossier_id', '=', dossierId).where('store_item_id', 'is not', null).orderBy('id').execute();
}
