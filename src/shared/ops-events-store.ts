// Operations recorded for the security self-check (table ops_events, migration 033; append-only): a backup taken, a
// restore drill run, a key rotated. The command that did the work records it, ok or not, in the database it worked on.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { OpsEventKind } from '../db/tables.ts';

export type { OpsEventKind };

/** Records one operation; `detail` holds figures and names (file, counts, key version, error), never a secret. */
export async function recordOpsEvent(db: Kysely<Database>, kind: OpsEventKind, ok: boolean, detail: Record<string, unknown> = {}) {
  await db.insertInto('ops_events').values({ kind, ok, detail: JSON.stringify(detail) }).execute();
}

/** The latest operation of a kind (successful only when `okOnly`), or undefined when none was ever recorded. */
export async function lastOpsEvent(db: Kysely<Database>, kind: OpsEventKind, okOnly = true) {
  let q = db.selectFrom('ops_events').select(['id', 'at', 'ok', 'detail']).where('kind', '=', kind);
  if (okOnly) q = q.where('ok', '=', true);
  return q.orderBy('at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
}
