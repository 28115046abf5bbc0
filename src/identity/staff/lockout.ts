// Lockouts and rate limits on staff logins, on the shared failure counter (shared/attempts-store.ts, PostgreSQL, so
// they hold across server processes): a wrong password or TOTP code counts against the username typed (known or
// not, so that a lock reveals nothing) and against the client address. Policy (OWASP Authentication Cheat Sheet):
// 5 failures per username in 15 minutes lock that username; 20 failures per address in 15 minutes block that
// address. While locked, even a correct password is refused, and nothing more is counted.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { clearFailures, failuresOfBoth, recordFailure, type AttemptPolicy } from '../../shared/attempts-store.ts';
import { Problem } from '../../http/problem.ts';

export const LOGIN_USER_POLICY: AttemptPolicy = { kind: 'login-user', max: 5, windowMinutes: 15 };
export const LOGIN_IP_POLICY: AttemptPolicy = { kind: 'login-ip', max: 20, windowMinutes: 15 };

export type Gate = 'open' | 'locked' | 'rate_limited';

/** Usernames are counted case-insensitively (staff usernames are lower-case). */
const userKey = (username: string) => username.trim().toLowerCase();

/** Pure: the address limit first (it answers for every username tried from there), then the username lock. */
export function gateOf(userFailures: number, ipFailures: number): Gate {
  if (ipFailures >= LOGIN_IP_POLICY.max) return 'rate_limited';
  if (userFailures >= LOGIN_USER_POLICY.max) return 'locked';
  return 'open';
}

/** Whether a login for this username from this address may be tried now (one query, two counts). */
export async function loginGate(db: Kysely<Database>, username: string, ip: string, now: Date): Promise<Gate> {
  const [user, byIp] = await failuresOfBoth(db, { policy: LOGIN_USER_POLICY, value: userKey(username) }, { policy: LOGIN_IP_POLICY, value: ip }, now);
  return gateOf(user, byIp);
}

export async function recordLoginFailure(db: Kysely<Database>, username: string, ip: string, now: Date): Promise<void> {
  await recordFailure(db, LOGIN_USER_POLICY, userKey(username), now);
  await recordFailure(db, LOGIN_IP_POLICY, ip, now);
}

/** After a complete login (password and, if enrolled, code): the username's count restarts; the address's does
 *  not (a valid account must not reset the limit on guessing others). */
export const clearLoginFailures = (db: Kysely<Database>, username: string) => clearFailures(db, LOGIN_USER_POLICY, userKey(username));

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
