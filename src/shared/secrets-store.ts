// A named random key kept in the database (table server_secrets): made by the first process that asks for it,
// the same for every later one.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function serverSecret(db: Kysely<Database>, name: string): Promise<Buffer> {
  await db.insertInto('server_secrets').values({ name, value: crypto.randomBytes(32) }).onConflict((c) => c.column('name').doNothing()).execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

const cache = new WeakMap<object, Map<string, Promise<Buffer>>>();

/** serverSecret, read once per database handle and name (a failed read is retried next time). */
export function cachedSecret(db: Kysely<Database>, name: string): Promise<Buffer> {
  let byName = cache.get(db);
  if (!byName) cache.set(db, (byName = new Map()));
  let k = byName.get(name);
  if (!k) {
    k = serverSecret(db, name);
    k.catch(() => byName.delete(name));
    byName.set(name, k);
  }
  return k;
}
