// Staff authentication: password login → session cookie (token hashed at rest), or API keys for systems.
// Passwords are argon2id with explicit parameters at OWASP's minimum (m = 19 MiB, t = 2, p = 1; OWASP Password
// Storage Cheat Sheet); a weaker stored hash is replaced at the next successful login. Sessions follow the wall
// clock (not the business clock tests move): they end after SESSION_IDLE_MINUTES without a request and at
// SESSION_ABSOLUTE_HOURS after login whatever happens. The login flow itself (lockouts, TOTP, audit) is
// login-flow.ts; the rows are read and written by accounts-store.ts, sessions-store.ts and api-keys-store.ts.
import crypto from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm, type Options } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Principal, StaffRole } from '../core/principal.ts';
import { replacePasswordHash, staffCommune, staffForLogin } from './accounts-store.ts';
import {
  deleteExpiredPending, deleteExpiredSessions, deletePending, deleteSession, deleteStaffPending, deleteStaffSessions, insertPending,
  insertSession, pendingPrincipal, sessionPrincipal, setSessionExpiry, takeSession,
} from './sessions-store.ts';
import { apiKeyPrincipal, apiKeysOf, insertApiKey, setApiKeyRevoked } from './api-keys-store.ts';

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
  const row = await staffForLogin(db, username);
  // No hash: no such user, or (the login not run in '*') an account of another commune, which this scope cannot read.
  const stored = row?.password_hash ?? null;
  const ok = await verify(stored ?? DUMMY_HASH, password);
  if (!row || stored === null || !ok || !row.active) return null;
  if (needsRehash(stored)) {
    const fresh = await hashPassword(password);
    await replacePasswordHash(db, row.id, stored, fresh);
  }
  return { principal: toPrincipal(row, 'staff'), totp: Boolean(row.totp) };
}

/**
 * Opens a session and returns its cookie token. The session cookie presented with the login request, if any, is
 * ended first (session fixation: a token planted before the login never becomes a logged-in session).
 */
export async function openSession(db: Kysely<Database>, staffId: number, presented?: string): Promise<string> {
  if (presented) await deleteSession(db, sha256(presented));
  const token = newToken('s_');
  const now = Date.now();
  // The member's expired sessions go at the same time (the table never keeps dead tokens for long).
  await deleteExpiredSessions(db, staffId, new Date(now));
  await insertSession(db, {
    tokenHash: sha256(token), staffId, createdAt: new Date(now),
    expiresAt: new Date(now + Math.min(SESSION_IDLE_MINUTES * 60_000, SESSION_ABSOLUTE_HOURS * 3600_000)),
  });
  return token;
}

/** Ends a session; returns its staff member (for the audit), or null if there was no such session. */
export async function logout(db: Kysely<Database>, token: string): Promise<{ staffId: number; communeId: string } | null> {
  const staffId = await takeSession(db, sha256(token));
  if (staffId === null) return null;
  const communeId = await staffCommune(db, staffId);
  return communeId !== null ? { staffId, communeId } : null;
}

export async function principalFromSession(db: Kysely<Database>, token: string): Promise<Principal | null> {
  const now = Date.now();
  const row = await sessionPrincipal(db, sha256(token), new Date(now));
  if (!row) return null;
  // Idle timeout: push the deadline forward, never past the absolute end (created_at + SESSION_ABSOLUTE_HOURS).
  const absolute = row.created_at.getTime() + SESSION_ABSOLUTE_HOURS * 3600_000;
  const next = Math.min(now + SESSION_IDLE_MINUTES * 60_000, absolute);
  if (next - row.expires_at.getTime() >= SESSION_TOUCH_MINUTES * 60_000) {
    await setSessionExpiry(db, sha256(token), new Date(next));
  }
  return toPrincipal(row, 'staff');
}

/** Password checked, TOTP code awaited: a short-lived token that opens nothing but the code step. */
export const PENDING_MINUTES = 5;

export async function openPending(db: Kysely<Database>, staffId: number): Promise<string> {
  const token = newToken('p_');
  await deleteExpiredPending(db, new Date());
  await insertPending(db, { tokenHash: sha256(token), staffId, expiresAt: new Date(Date.now() + PENDING_MINUTES * 60_000) });
  return token;
}

/** The staff member behind a pending token that has not expired (and is still active), or null. */
export async function pendingStaff(db: Kysely<Database>, token: string): Promise<Principal | null> {
  const row = await pendingPrincipal(db, sha256(token), new Date());
  return row ? toPrincipal(row, 'staff') : null;
}

/** Uses up a pending token (true if it was still there: two racing code submissions open one session). */
export async function closePending(db: Kysely<Database>, token: string): Promise<boolean> {
  return deletePending(db, sha256(token));
}

/** Ends every session of a staff member (e.g. after their second factor is reset). */
export async function endSessions(db: Kysely<Database>, staffId: number): Promise<void> {
  await deleteStaffSessions(db, staffId);
  await deleteStaffPending(db, staffId);
}

/** A system's key, known for a few seconds after its last lookup: a system sends many requests in a row (the intake
 *  through the API is one lookup fewer per request, issue 16). A key revoked in this process is forgotten at once
 *  (revokeApiKey); another server sharing the database stops accepting it within API_KEY_CACHE_MS. Unknown keys are
 *  never kept, so a key issued a moment ago works at once. */
export const API_KEY_CACHE_MS = 5_000;
const knownKeys = new Map<string, { at: number; principal: Principal }>();

export async function principalFromApiKey(db: Kysely<Database>, key: string): Promise<Principal | null> {
  const hash = sha256(key);
  const hit = knownKeys.get(hash);
  if (hit && Date.now() - hit.at < API_KEY_CACHE_MS) return hit.principal;
  const row = await apiKeyPrincipal(db, hash);
  if (!row) {
    knownKeys.delete(hash);
    return null;
  }
  const principal = toPrincipal(row, 'api_key');
  if (knownKeys.size > 10_000) knownKeys.clear();
  knownKeys.set(hash, { at: Date.now(), principal });
  return principal;
}

type NewKey = { communeId: string; unitId: number | null; name: string; roles: StaffRole[] };

/** Creates an API key for a system and returns the clear key (shown once; only its hash is stored). */
export const createApiKey = async (db: Kysely<Database>, v: NewKey): Promise<string> => (await issueApiKey(db, v)).key;

/** Creates an API key for a system; the clear key is returned once and only its hash is stored. */
export async function issueApiKey(db: Kysely<Database>, v: NewKey): Promise<{ id: number; key: string }> {
  const key = newToken('xk_');
  const id = await insertApiKey(db, { communeId: v.communeId, unitId: v.unitId, name: v.name, keyHash: sha256(key), roles: v.roles });
  return { id, key };
}

export async function listApiKeys(db: Kysely<Database>, communeId: string) {
  const rows = await apiKeysOf(db, communeId);
  return rows.map((r) => ({
    id: r.id, name: r.name, roles: r.roles, unitCode: r.unitCode,
    createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

export async function revokeApiKey(db: Kysely<Database>, communeId: string, id: number): Promise<boolean> {
  const revoked = await setApiKeyRevoked(db, communeId, id, new Date());
  for (const [hash, k] of knownKeys) if (k.principal.id === id) knownKeys.delete(hash);
  return revoked;
}
