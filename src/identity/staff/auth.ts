// Staff authentication: password login → session cookie (token hashed at rest), or API keys for systems.
// Passwords are argon2id with explicit parameters at OWASP's minimum (m = 19 MiB, t = 2, p = 1; OWASP Password
// Storage Cheat Sheet); a weaker stored hash is replaced at the next successful login. Sessions follow the wall
// clock (not the business clock tests move): they end after SESSION_IDLE_MINUTES without a request and at
// SESSION_ABSOLUTE_HOURS after login whatever happens. The login flow itself (lockouts, TOTP, audit) is
// login-flow.ts.
import crypto from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal, StaffRole } from '../core/principal.ts';

export const SESSION_COOKIE = 'xaso_sid';
/** A session ends this long after its last request… */
export const SESSION_IDLE_MINUTES = 60;
/** …and at the latest this long after the login (the cookie's lifetime too). */
export const SESSION_ABSOLUTE_HOURS = 12;
/** The idle deadline is pushed forward at most once per this many minutes (one write, not one per request). */
const SESSION_TOUCH_MINUTES = 5;

/** argon2id, OWASP minimum (m=19456 KiB, t=2, p=1). 2 = Algorithm.Argon2id (a const enum, not importable here). */
export const ARGON2_OPTIONS: Options = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const hashPassword = (pw: string) => hash(pw, ARGON2_OPTIONS);
export const newToken = (prefix: string) => prefix + crypto.randomBytes(24).toString('base64url');

/** Whether a stored hash is weaker than ARGON2_OPTIONS (another algorithm or version, less memory or time). */
export function needsRehash(stored: string): boolean {
  try {
    const o = parseOptions(stored);
    return (o.algorithm as number) !== 2 || (o.version as number) !== 1 ||
      o.memoryCost < ARGON2_OPTIONS.memoryCost! || o.timeCost < ARGON2_OPTIONS.timeCost! || o.parallelism < ARGON2_OPTIONS.parallelism!;
  } catch {
    return true;
  }
}

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

export interface CheckedStaff {
  principal: Principal;
  /** A confirmed TOTP second factor: the login needs a code after the password. */
  totp: boolean;
}

/**
 * The active staff member with this username and password, or null (unknown user, wrong password and inactive
 * account are one answer, in the same time). Rehashes a correct password whose stored hash is weaker than policy.
 */
export async function checkPassword(db: Kysely<Database>, username: string, password: string): Promise<CheckedStaff | null> {
  const row = await principalQuery(db)
    .select((eb) => eb.exists(eb.selectFrom('staff_totp as t').select('t.staff_id').whereRef('t.staff_id', '=', 's.id').where('t.confirmed_at', 'is not', null)).as('totp'))
    .where('s.username', '=', username)
    .executeTakeFirst();
  const ok = await verify(row?.password_hash ?? DUMMY_HASH, password);
  if (!row || !ok || !row.active) return null;
  if (needsRehash(row.password_hash)) {
    const fresh = await hashPassword(password);
    await db.updateTable('staff').set({ password_hash: fresh }).where('id', '=', row.id).where('password_hash', '=', row.password_hash).execute();
  }
  return { principal: toPrincipal(row, 'staff'), totp: Boolean(row.totp) };
}

/**
 * Opens a session and returns its cookie token. The session cookie presented with the login request, if any, is
 * ended first (session fixation: a token planted before the login never becomes a logged-in session).
 */
export async function openSession(db: Kysely<Database>, staffId: number, presented?: string): Promise<string> {
  if (presented) await db.deleteFrom('sessions').where('token_hash', '=', sha256(presented)).execute();
  const token = newToken('s_');
  const now = Date.now();
  // The member's expired sessions go at the same time (the table never keeps dead tokens for long).
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).where('expires_at', '<=', new Date(now)).execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token), staff_id: staffId, created_at: new Date(now),
      expires_at: new Date(now + Math.min(SESSION_IDLE_MINUTES * 60_000, SESSION_ABSOLUTE_HOURS * 3600_000)),
    })
    .execute();
  return token;
}

/** Ends a session; returns its staff member (for the audit), or null if there was no such session. */
export async function logout(db: Kysely<Database>, token: string): Promise<{ staffId: number; communeId: string } | null> {
  const r = await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).returning('staff_id').executeTakeFirst();
  if (!r) return null;
  const s = await db.selectFrom('staff').select('commune_id').where('id', '=', r.staff_id).executeTakeFirst();
  return s ? { staffId: r.staff_id, communeId: s.commune_id } : null;
}

export async function principalFromSession(db: Kysely<Database>, token: string): Promise<Principal | null> {
  const now = Date.now();
  const row = await principalQuery(db)
    .innerJoin('sessions as ss', 'ss.staff_id', 's.id')
    .select(['ss.expires_at', 'ss.created_at'])
    .where('ss.token_hash', '=', sha256(token))
    .where('ss.expires_at', '>', new Date(now))
    .where('s.active', '=', true)
    .executeTakeFirst();
  if (!row) return null;
  // Idle timeout: push the deadline forward, never past the absolute end (created_at + SESSION_ABSOLUTE_HOURS).
  const absolute = row.created_at.getTime() + SESSION_ABSOLUTE_HOURS * 3600_000;
  const next = Math.min(now + SESSION_IDLE_MINUTES * 60_000, absolute);
  if (next - row.expires_at.getTime() >= SESSION_TOUCH_MINUTES * 60_000) {
    await db.updateTable('sessions').set({ expires_at: new Date(next) }).where('token_hash', '=', sha256(token)).execute();
  }
  return toPrincipal(row, 'staff');
}

/** Password checked, TOTP code awaited: a short-lived token that opens nothing but the code step. */
export const PENDING_MINUTES = 5;

export async function openPending(db: Kysely<Database>, staffId: number): Promise<string> {
  const token = newToken('p_');
  await db.deleteFrom('login_pending').where('expires_at', '<', new Date()).execute();
  await db.insertInto('login_pending').values({ token_hash: sha256(token), staff_id: staffId, expires_at: new Date(Date.now() + PENDING_MINUTES * 60_000) }).execute();
  return token;
}

/** The staff member behind a pending token that has not expired (and is still active), or null. */
export async function pendingStaff(db: Kysely<Database>, token: string): Promise<Principal | null> {
  const row = await principalQuery(db)
    .innerJoin('login_pending as lp', 'lp.staff_id', 's.id')
    .where('lp.token_hash', '=', sha256(token))
    .where('lp.expires_at', '>', new Date())
    .where('s.active', '=', true)
    .executeTakeFirst();
  return row ? toPrincipal(row, 'staff') : null;
}

/** Uses up a pending token (true if it was still there: two racing code submissions open one session). */
export async function closePending(db: Kysely<Database>, token: string): Promise<boolean> {
  const r = await db.deleteFrom('login_pending').where('token_hash', '=', sha256(token)).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Ends every session of a staff member (e.g. after their second factor is reset). */
export async function endSessions(db: Kysely<Database>, staffId: number): Promise<void> {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
  await db.deleteFrom('login_pending').where('staff_id', '=', staffId).execute();
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
