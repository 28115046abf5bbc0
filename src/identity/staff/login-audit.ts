// The log of staff logins (table login_events, append-only by grant): successes, failures, lockouts, TOTP steps,
// logouts, TOTP enrolment and resets. Never a password or a code; the username typed only as a keyed hash
// (HMAC-SHA256 under a server secret, so a dictionary of usernames does not reverse it), the client address
// truncated to its network (/24 for IPv4, /48 for IPv6), the user agent cut to 200 characters. The rows are read and
// written by login-events-store.ts.
import crypto from 'node:crypto';
import net from 'node:net';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { cachedSecret } from '../../shared/secrets-store.ts';
import { insertLoginEvent, loginEventRows } from './login-events-store.ts';

export const LOGIN_OUTCOMES = [
  'success', 'failure', 'locked', 'rate_limited', 'totp_required', 'totp_failure', 'logout', 'totp_enabled', 'totp_reset',
] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

export const OUTCOME_NAMES_VI: Record<LoginOutcome, string> = {
  success: 'Đăng nhập thành công',
  failure: 'Sai tên đăng nhập hoặc mật khẩu',
  locked: 'Bị từ chối: tài khoản tạm khóa',
  rate_limited: 'Bị từ chối: quá nhiều lần sai từ địa chỉ này',
  totp_required: 'Đúng mật khẩu, chờ mã xác thực',
  totp_failure: 'Sai mã xác thực hai lớp',
  logout: 'Đăng xuất',
  totp_enabled: 'Bật xác thực hai lớp',
  totp_reset: 'Quản trị đặt lại xác thực hai lớp',
};

/** Pure: an address cut to its network (IPv4 a.b.c.0, IPv6 first three groups ::), IPv4-mapped IPv6 as IPv4. */
export function truncateAddress(ip: string): string {
  const v4 = ip.startsWith('::ffff:') && net.isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  if (net.isIPv4(v4)) return v4.split('.').slice(0, 3).join('.') + '.0';
  if (net.isIPv6(ip)) {
    const [head = '', tail] = ip.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = tail === undefined ? h : [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
    return groups.slice(0, 3).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':') + '::';
  }
  return 'unknown';
}

const auditKey = (db: Kysely<Database>): Promise<Buffer> => cachedSecret(db, 'login-audit');

export async function usernameHash(db: Kysely<Database>, username: string): Promise<string> {
  return crypto.createHmac('sha256', await auditKey(db)).update(username.trim().toLowerCase()).digest('hex');
}

export interface LoginEvent {
  at: Date;
  outcome: LoginOutcome;
  staffId?: number | null;
  communeId?: string | null;
  username?: string;
  ip?: string;
  userAgent?: string;
}

export async function auditLogin(db: Kysely<Database>, e: LoginEvent): Promise<void> {
  await insertLoginEvent(db, {
    at: e.at, outcome: e.outcome, staffId: e.staffId ?? null, communeId: e.communeId ?? null,
    usernameHash: e.username ? await usernameHash(db, e.username) : null,
    client: e.ip ? truncateAddress(e.ip) : null,
    userAgent: e.userAgent ? e.userAgent.slice(0, 200) : null,
  });
}

export interface LoginEventView {
  id: number;
  at: string;
  outcome: LoginOutcome;
  staffId: number | null;
  username: string | null;
  fullName: string | null;
  client: string | null;
  userAgent: string | null;
}

/**
 * The newest events of a commune's staff (events for usernames that match nobody belong to no commune and are
 * not listed), newest first, `before` an event id for the next page; optionally one staff member's.
 */
export async function loginEvents(
  db: Kysely<Database>, communeId: string, opts: { limit: number; before?: number; staffId?: number },
): Promise<LoginEventView[]> {
  const rows = await loginEventRows(db, communeId, opts);
  return rows.map((r) => ({
    id: r.id, at: r.at.toISOString(), outcome: r.outcome as LoginOutcome, staffId: r.staff_id,
    username: r.username, fullName: r.full_name, client: r.client, userAgent: r.user_agent,
  }));
}
