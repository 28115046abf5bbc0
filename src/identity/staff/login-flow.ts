// The staff login, shared by the JSON API (routes.ts) and the login page (web/staff/auth.tsx):
//   1. the gate: the attempt is counted against the username and the client address and, in the same statement,
//      refused when either is over its limit, before any password check (lockout.ts: simultaneous tries cannot all
//      pass the gate);
//   2. the password (argon2id, auth.ts); a failure keeps its count, a right one gives it back;
//   3. with a TOTP factor, a short-lived pending token instead of a session; the code step counts attempts the same
//      way and accepts each code once;
//   4. a new session, ending the one presented with the request (session fixation).
// Every outcome is written to the login audit (login-audit.ts). Lockouts, codes and the audit use the server
// clock (deps.now); session lifetimes the wall clock (auth.ts).
// Both steps run in the scope '*' (row-level security, migrations 048 and 051), as for an anonymous visitor: the
// login acts before its caller is known, for an account of any commune (its password hash, its TOTP factor, its
// audit row), even when the request carries another commune's session cookie (the staff login page, /can-bo/).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import {
  PENDING_MINUTES, SESSION_ABSOLUTE_HOURS, SESSION_COOKIE, checkPassword, closePending, logout, openPending, openSession, pendingStaff,
} from './auth.ts';
import { auditLogin } from './login-audit.ts';
import { RETRY_AFTER_SECONDS, claimLoginAttempt, gateProblem, loginSucceeded, releaseLoginAttempt } from './lockout.ts';
import { checkLoginCode } from './totp-store.ts';
import { staffByUsername, staffUsername } from './accounts-store.ts';
import type { Principal } from '../core/principal.ts';
import { ALL, withScope } from '../../db/scope.ts';

export const PENDING_COOKIE = 'xaso_login';

export interface LoginContext {
  ip: string;
  userAgent: string | undefined;
  /** The session cookie sent with the login request, ended by a successful login. */
  presentedSid: string | undefined;
  now: Date;
}

export type LoginResult =
  | { kind: 'session'; token: string; principal: Principal }
  | { kind: 'totp'; pendingToken: string }
  | { kind: 'failed' | 'totp_failed' | 'pending_expired' | 'locked' | 'rate_limited' };

export const loginContext = (req: FastifyRequest, deps: Deps): LoginContext => ({
  ip: req.ip, userAgent: req.headers['user-agent'], presentedSid: req.cookies[SESSION_COOKIE], now: deps.now(),
});

export function passwordStep(db: Kysely<Database>, username: string, password: string, ctx: LoginContext): Promise<LoginResult> {
  return withScope(ALL, () => checkedPassword(db, username, password, ctx));
}

async function checkedPassword(db: Kysely<Database>, username: string, password: string, ctx: LoginContext): Promise<LoginResult> {
  const base = { at: ctx.now, username, ip: ctx.ip, userAgent: ctx.userAgent };
  const attempt = await claimLoginAttempt(db, username, ctx.ip, ctx.now);
  const gate = attempt.gate;
  if (gate !== 'open') {
    await auditLogin(db, { ...base, outcome: gate, ...(await knownStaff(db, username)) });
    return { kind: gate };
  }
  const staff = await checkPassword(db, username, password);
  if (!staff) {
    await auditLogin(db, { ...base, outcome: 'failure', ...(await knownStaff(db, username)) });
    return { kind: 'failed' };
  }
  const who = { staffId: staff.principal.id, communeId: staff.principal.communeId };
  if (staff.totp) {
    await releaseLoginAttempt(db, attempt);
    await auditLogin(db, { ...base, ...who, outcome: 'totp_required' });
    return { kind: 'totp', pendingToken: await openPending(db, staff.principal.id) };
  }
  await loginSucceeded(db, username, attempt);
  await auditLogin(db, { ...base, ...who, outcome: 'success' });
  return { kind: 'session', token: await openSession(db, staff.principal.id, ctx.presentedSid), principal: staff.principal };
}

/** The code step of a login whose password was right (the pending token, from the cookie or the body). */
export function codeStep(db: Kysely<Database>, pendingToken: string, code: string, ctx: LoginContext): Promise<LoginResult> {
  return withScope(ALL, () => checkedCode(db, pendingToken, code, ctx));
}

async function checkedCode(db: Kysely<Database>, pendingToken: string, code: string, ctx: LoginContext): Promise<LoginResult> {
  const p = await pendingStaff(db, pendingToken);
  if (!p) return { kind: 'pending_expired' };
  const username = await staffUsername(db, p.id);
  const base = { at: ctx.now, username, ip: ctx.ip, userAgent: ctx.userAgent, staffId: p.id, communeId: p.communeId };
  const attempt = await claimLoginAttempt(db, username, ctx.ip, ctx.now);
  const gate = attempt.gate;
  if (gate !== 'open') {
    await closePending(db, pendingToken);
    await auditLogin(db, { ...base, outcome: gate });
    return { kind: gate };
  }
  if (!(await checkLoginCode(db, p.id, code, ctx.now))) {
    await auditLogin(db, { ...base, outcome: 'totp_failure' });
    return { kind: 'totp_failed' };
  }
  if (!(await closePending(db, pendingToken))) {
    await releaseLoginAttempt(db, attempt);
    return { kind: 'pending_expired' };
  }
  await loginSucceeded(db, username, attempt);
  await auditLogin(db, { ...base, outcome: 'success' });
  return { kind: 'session', token: await openSession(db, p.id, ctx.presentedSid), principal: p };
}

/** The staff member a failed username names, if any (the audit records whose account was tried). */
async function knownStaff(db: Kysely<Database>, username: string) {
  const s = await staffByUsername(db, username);
  return s ? { staffId: s.id, communeId: s.commune_id } : {};
}

export const LOGIN_FAILED_TITLE = 'Tên đăng nhập hoặc mật khẩu không đúng.';
export const TOTP_FAILED_TITLE = 'Mã xác thực không đúng, đã dùng hoặc đã hết hạn. Nhập mã 6 chữ số đang hiện trên ứng dụng xác thực.';
export const PENDING_EXPIRED_TITLE = `Phiên đăng nhập đã quá ${PENDING_MINUTES} phút hoặc không còn hợp lệ. Vui lòng nhập lại tên đăng nhập và mật khẩu.`;

/** The problem of a refused login (same answer for an unknown username and a wrong password). */
export function loginProblem(kind: 'failed' | 'totp_failed' | 'pending_expired' | 'locked' | 'rate_limited'): Problem {
  switch (kind) {
    case 'failed': return new Problem(401, 'LOGIN_FAILED', LOGIN_FAILED_TITLE);
    case 'totp_failed': return new Problem(401, 'TOTP_FAILED', TOTP_FAILED_TITLE);
    case 'pending_expired': return new Problem(401, 'LOGIN_PENDING_EXPIRED', PENDING_EXPIRED_TITLE);
    case 'locked':
    case 'rate_limited': return gateProblem(kind);
  }
}

/** Sets the Retry-After header on a 429 answer. */
export function retryAfter(reply: FastifyReply, p: Problem) {
  if (p.status === 429) reply.header('Retry-After', String(RETRY_AFTER_SECONDS));
}

const cookieBase = (req: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: req.protocol === 'https' });

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieBase(req), maxAge: SESSION_ABSOLUTE_HOURS * 3600 });
  reply.clearCookie(PENDING_COOKIE, { path: '/' });
}

export function setPendingCookie(req: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(PENDING_COOKIE, token, { ...cookieBase(req), sameSite: 'strict', maxAge: PENDING_MINUTES * 60 });
}

/** Logout: ends the session of the request's cookie (if any) and records it. */
export async function endRequestSession(deps: Deps, req: FastifyRequest): Promise<void> {
  const sid = req.cookies[SESSION_COOKIE];
  if (!sid) return;
  const who = await logout(deps.db, sid);
  if (who) await auditLogin(deps.db, { at: deps.now(), outcome: 'logout', ...who, ip: req.ip, userAgent: req.headers['user-agent'] });
}
