// A named random key kept in the database (table server_secrets): made by the first process that asks for it,
// the same for every later one.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { secretKey } from './secret-key-store.ts';

export async function serverSecret(db: Kysely<Database>, name: string): Promise<Buffer> {
  await db.insertInto('server_secrets').values({ name, value: crypto.randomBytes(32) }).onConflict((c) => c.column('name').doNothing()).execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

/**
 * The keys that seal stored secrets named `name` ("totp-key", "signing-key"): `current`, derived from the secret key
 * kept OUTSIDE the database (secret-key-store.ts; issue 13: a dump alone must not open a staff member's second factor
 * or a signer's private key), which seals every new value; and `legacy`, the server secret of that name in the
 * database, which sealed values stored by earlier releases (opened, then sealed again under `current` at the next
 * start: resealing in the stores).
 */
export async function sealingKeys(db: Kysely<Database>, name: string): Promise<{ current: Buffer; legacy: Buffer }> {
  return { current: secretKey(`seal:${name}`), legacy: await cachedSecret(db, name) };
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
