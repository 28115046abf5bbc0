// Lockouts and rate limits on staff logins, on the shared attempt counters (shared/attempts-store.ts, PostgreSQL, so
// they hold across server processes): a password or TOTP code tried counts against the username typed (known or
// not, so that a lock reveals nothing) and against the client address. Policy (OWASP Authentication Cheat Sheet):
// 5 failures per username in 15 minutes lock that username; 20 failures per address in 15 minutes block that
// address. The attempt is counted BEFORE the password or code is checked, in one statement with the decision
// (issue 13: 40 simultaneous passwords must not all be checked), and given back when it turns out right. While
// locked, even a correct password is refused, and nothing more is counted.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { claimAttempts, clearAttempts, releaseAttempts, type AttemptPolicy, type Claims } from '../../shared/attempts-store.ts';
import { Problem } from '../../http/problem.ts';

export const LOGIN_USER_POLICY: AttemptPolicy = { kind: 'login-user', max: 5, windowMinutes: 15 };
export const LOGIN_IP_POLICY: AttemptPolicy = { kind: 'login-ip', max: 20, windowMinutes: 15 };

export type Gate = 'open' | 'locked' | 'rate_limited';

/** Usernames are counted case-insensitively (staff usernames are lower-case). */
const userKey = (username: string) => username.trim().toLowerCase();

/** Pure: the address limit first (it answers for every username tried from there), then the username lock; the
 *  counts are of the attempts before this one. */
export function gateOf(userFailures: number, ipFailures: number): Gate {
  if (ipFailures >= LOGIN_IP_POLICY.max) return 'rate_limited';
  if (userFailures >= LOGIN_USER_POLICY.max) return 'locked';
  return 'open';
}

/** A login attempt as counted: its gate, and what to give back if it turns out right. */
export interface LoginAttempt {
  gate: Gate;
  claims: Claims;
}

/** Counts a login attempt for this username from this address and decides, in one statement, whether it may be
 *  tried (a closed gate counts nothing). */
export async function claimLoginAttempt(db: Kysely<Database>, username: string, ip: string, now: Date): Promise<LoginAttempt> {
  const claims = await claimAttempts(db, [{ policy: LOGIN_USER_POLICY, value: userKey(username) }, { policy: LOGIN_IP_POLICY, value: ip }], now);
  const before = (p: AttemptPolicy) => (claims.claims.find((c) => c.policy === p)?.count ?? 1) - 1;
  return { gate: gateOf(before(LOGIN_USER_POLICY), before(LOGIN_IP_POLICY)), claims };
}

/** A right password awaiting its code: the attempt is no failure (the code step counts its own). */
export const releaseLoginAttempt = (db: Kysely<Database>, a: LoginAttempt) => releaseAttempts(db, a.claims.claims);

/** After a complete login (password and, if enrolled, code): the username's count restarts; the address's keeps
 *  its earlier failures (a valid account must not reset the limit on guessing others), without this attempt. */
export async function loginSucceeded(db: Kysely<Database>, username: string, a: LoginAttempt): Promise<void> {
  await clearAttempts(db, LOGIN_USER_POLICY, userKey(username));
  await releaseAttempts(db, a.claims.claims.filter((c) => c.policy === LOGIN_IP_POLICY));
}

export const LOGIN_LOCKED_TITLE =
  `Tài khoản tạm thời bị khóa do đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${LOGIN_USER_POLICY.windowMinutes} phút.`;
export const LOGIN_RATE_LIMITED_TITLE =
  `Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau ${LOGIN_IP_POLICY.windowMinutes} phút.`;

/** The 429 problem of a closed gate (Retry-After: the window). */
export function gateProblem(g: Exclude<Gate, 'open'>): Problem {
  return g === 'locked'
    ? new Problem(429, 'LOGIN_LOCKED', LOGIN_LOCKED_TITLE)
    : new Problem(429, 'LOGIN_RATE_LIMITED', LOGIN_RATE_LIMITED_TITLE);
}

export const RETRY_AFTER_SECONDS = Math.max(LOGIN_USER_POLICY.windowMinutes, LOGIN_IP_POLICY.windowMinutes) * 60;
