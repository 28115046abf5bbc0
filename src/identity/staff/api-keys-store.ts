// API keys of systems (table api_keys): only the sha256 of a key is stored (the service makes and hashes the
// key, auth.ts). Every read and write but the lookup by key is scoped to one commune.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** The unrevoked key with this hash, in the shape of a Principal's columns. */
export function apiKeyPrincipal(db: Db, keyHash: string) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('units as u', 'u.id', 'k.unit_id')
    .select(['k.id', 'k.name as full_name', 'k.commune_id', 'k.unit_id', 'u.code as unit_code', 'k.roles'])
    .where('k.key_hash', '=', keyHash)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Stores a new key's hash; returns the key's id. */
export async function insertApiKey(
  db: Db, v: { communeId: string; unitId: number | null; name: string; keyHash: string; roles: string[] },
): Promise<number> {
  const r = await db
    .insertInto('api_keys')
    .values({ commune_id: v.communeId, unit_id: v.unitId, name: v.name, key_hash: v.keyHash, roles: v.roles })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A commune's keys (never their hashes), oldest first. */
export function apiKeysOf(db: Db, communeId: string) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('units as u', 'u.id', 'k.unit_id')
    .select(['k.id', 'k.name', 'k.roles', 'u.code as unitCode', 'k.created_at', 'k.revoked_at'])
    .where('k.commune_id', '=', communeId)
    .orderBy('k.id')
    .execute();
}

/** Revokes an unrevoked key of the commune at `at`; true if there was one. */
export async function setApiKeyRevoked(db: Db, communeId: string, id: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('commune_id', '=', communeId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
