// Staff authentication: password login → session cookie (token hashed at rest), or API keys for systems.
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal, StaffRole } from './principal.ts';

export const SESSION_COOKIE = 'xaso_sid';
const SESSION_HOURS = 12;

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const hashPassword = (pw: string) => hash(pw); // argon2id with the library's defaults
export const newToken = (prefix: string) => prefix + crypto.randomBytes(24).toString('base64url');

// A fixed hash to verify against when the user does not exist, so timing does not reveal usernames.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$ihklJ3WO0lxyVzs7wSwbNg$azNufc+zgNfUy07RnU1rq7rvRixprwCzFJbevNVvo8I';

function principalQuery(db: Kysely<Database>) {
  return db
    .selectFrom('staff as s')
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.full_name', 's.commune_id', 's.unit_id', 'u.code as unit_code', 's.roles', 's.password_hash', 's.active']);
}

type Row = { id: number; full_name: string; commune_id: string; unit_id: number | null; unit_code: string | null; roles: string[] };
const toPrincipal = (r: Row, kind: Principal['kind']): Principal => ({
  kind,
  id: r.id,
  name: r.full_name,
  communeId: r.commune_id,
  unitId: r.unit_id,
  unitCode: r.unit_code,
  roles: r.roles as StaffRole[],
});

/** Verifies a login; on success creates a session and returns its cookie token. */
export async function login(db: Kysely<Database>, username: string, password: string) {
  const row = await principalQuery(db).where('s.username', '=', username).executeTakeFirst();
  const ok = await verify(row?.password_hash ?? DUMMY_HASH, password);
  if (!row || !ok || !row.active) return null;
  const token = newToken('s_');
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), staff_id: row.id, expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000) })
    .execute();
  return { token, principal: toPrincipal(row, 'staff') };
}

export async function logout(db: Kysely<Database>, token: string) {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export async function principalFromSession(db: Kysely<Database>, token: string): Promise<Principal | null> {
  const row = await principalQuery(db)
    .innerJoin('sessions as ss', 'ss.staff_id', 's.id')
    .where('ss.token_hash', '=', sha256(token))
    .where('ss.expires_at', '>', new Date())
    .where('s.active', '=', true)
    .executeTakeFirst();
  return row ? toPrincipal(row, 'staff') : null;
}

export async function principalFromApiKey(db: Kysely<Database>, key: string): Promise<Principal | null> {
  const row = await db
    .selectFrom('api_keys as k')
    .leftJoin('units as u', 'u.id', 'k.unit_id')
    .select(['k.id', 'k.name as full_name', 'k.commune_id', 'k.unit_id', 'u.code as unit_code', 'k.roles'])
    .where('k.key_hash', '=', sha256(key))
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toPrincipal(row, 'api_key') : null;
}

type NewKey = { communeId: string; unitId: number | null; name: string; roles: StaffRole[] };

/** Creates an API key for a system and returns the clear key (shown once; only its hash is stored). */
export const createApiKey = async (db: Kysely<Database>, v: NewKey): Promise<string> => (await issueApiKey(db, v)).key;

/** Creates an API key for a system; the clear key is returned once and only its hash is stored. */
export async function issueApiKey(db: Kysely<Database>, v: NewKey): Promise<{ id: number; key: string }> {
  const key = newToken('xk_');
  const r = await db
    .insertInto('api_keys')
    .values({ commune_id: v.communeId, unit_id: v.unitId, name: v.name, key_hash: sha256(key), roles: v.roles })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: r.id, key };
}

export async function listApiKeys(db: Kysely<Database>, communeId: string) {
  const rows = await db
    .selectFrom('api_keys as k')
    .leftJoin('units as u', 'u.id', 'k.unit_id')
    .select(['k.id', 'k.name', 'k.roles', 'u.code as unitCode', 'k.created_at', 'k.revoked_at'])
    .where('k.commune_id', '=', communeId)
    .orderBy('k.id')
    .execute();
  return rows.map((r) => ({
    id: r.id, name: r.name, roles: r.roles, unitCode: r.unitCode,
    createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

export async function revokeApiKey(db: Kysely<Database>, communeId: string, id: number): Promise<boolean> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('commune_id', '=', communeId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
