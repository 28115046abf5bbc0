// Staff sessions and logins awaiting their TOTP code (tables sessions, login_pending): rows keyed by the sha256 of
// the cookie token (the clear token is never stored; the service hashes it, auth.ts). Lifetimes are decided by the
// service; this module only reads and writes the rows.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { principalQuery } from './accounts-store.ts';

type Db = Kysely<Database>;

// ── Sessions ──────────────────────────────────────────────────────────────────────────────────────────

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Removes a session and returns its staff member's id, or null if there was no such session. */
export async function takeSession(db: Db, tokenHash: string): Promise<number | null> {
  const r = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).returning('staff_id').executeTakeFirst();
  return r?.staff_id ?? null;
}

/** Removes a staff member's sessions that ended at `now` or before. */
/** Deletes the expired sessions of one staff member, or of everyone (`staffId` null); returns how many. */
export async function deleteExpiredSessions(db: Db, staffId: number | null, now: Date): Promise<number> {
  let q = db.deleteFrom('sessions').where('expires_at', '<=', now);
  if (staffId !== null) q = q.where('staff_id', '=', staffId);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export async function insertSession(db: Db, s: { tokenHash: string; staffId: number; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ token_hash: s.tokenHash, staff_id: s.staffId, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

/** The active staff member of a session still open at `now`, with the session's creation and deadline. */
export function sessionPrincipal(db: Db, tokenHash: string, now: Date) {
  return principalQuery(db)
    .innerJoin('sessions as ss', 'ss.staff_id', 's.id')
    .select(['ss.expires_at', 'ss.created_at'])
    .where('ss.token_hash', '=', tokenHash)
    .where('ss.expires_at', '>', now)
    .where('s.active', '=', true)
    .executeTakeFirst();
}

export async function setSessionExpiry(db: Db, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ expires_at: expiresAt }).where('token_hash', '=', tokenHash).execute();
}

/** Ends every session of a staff member. */
export async function deleteStaffSessions(db: Db, staffId: number): Promise<void> {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
}

// ── Logins awaiting the TOTP code ─────────────────────────────────────────────────────────────────────

/** Removes the pending logins that ended before `now`. */
/** Deletes the logins awaiting a code that expired before `now`; returns how many. */
export async function deleteExpiredPending(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('login_pending').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertPending(db: Db, p: { tokenHash: string; staffId: number; expiresAt: Date }): Promise<void> {
  await db.insertInto('login_pending').values({ token_hash: p.tokenHash, staff_id: p.staffId, expires_at: p.expiresAt }).execute();
}

/** The active staff member behind a pending login still open at `now`. */
export function pendingPrincipal(db: Db, tokenHash: string, now: Date) {
  return principalQuery(db)
    .innerJoin('login_pending as lp', 'lp.staff_id', 's.id')
    .where('lp.token_hash', '=', tokenHash)
    .where('lp.expires_at', '>', now)
    .where('s.active', '=', true)
    .executeTakeFirst();
}

/** Removes a pending login; true if it was still there. */
export async function deletePending(db: Db, tokenHash: string): Promise<boolean> {
  const r = await db.deleteFrom('login_pending').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Removes every pending login of a staff member. */
export async function deleteStaffPending(db: Db, staffId: number): Promise<void> {
  await db.deleteFrom('login_pending').where('staff_id', '=', staffId).execute();
}
