// Integrity: SQL edge. The dossiers' heads, page by page, read in one snapshot with their log entries (verify.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** The next page of dossiers after `afterId` (by id): the head each keeps and a name to report it by. */
export async function dossierHeads(db: Db, afterId: string | null, limit: number) {
  let q = db.selectFrom('dossiers').select(['id', 'code', 'reference', 'event_count', 'last_hash']).orderBy('id').limit(limit);
  if (afterId !== null) q = q.where('id', '>', afterId);
  return q.execute();
}

/** Runs `fn` in one read-only snapshot (REPEATABLE READ): a head and its entries are read as of the same moment,
 *  so actions committing meanwhile never look like a broken head. */
export async function inSnapshot<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
}
