// The staff second factor (TOTP): enrolment by the staff member (begin → confirm with a first code) and the
// administrator's reset, each recorded in the login audit. Used by the API (security-routes.ts) and the account
// pages (src/web/staff/account.tsx).
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../http/deps.ts';
import { notFound } from '../../http/problem.ts';
import { endSessions } from './auth.ts';
import { auditLogin } from './login-audit.ts';
import type { Principal } from '../core/principal.ts';
import { confirmEnrolment, resetTotp, startEnrolment } from './totp-store.ts';
import { groupedSecret, otpauthUri } from './core/totp.ts';

/** The issuer name authenticator apps show next to the account. */
export const TOTP_ISSUER = 'Xã Số';

/** Makes the secret and what the enrolment shows: the otpauth:// URI (for a QR code) and the secret as text. */
export async function beginEnrolment(deps: Deps, p: Principal) {
  const secret = await startEnrolment(deps.db, p.id);
  const { username } = await deps.db.selectFrom('staff').select('username').where('id', '=', p.id).executeTakeFirstOrThrow();
  return { secret: groupedSecret(secret), otpauthUri: otpauthUri(secret, TOTP_ISSUER, username) };
}

/** Confirms the enrolment and records it in the login audit. */
export async function finishEnrolment(deps: Deps, req: FastifyRequest, p: Principal, code: string) {
  await confirmEnrolment(deps.db, p.id, code, deps.now());
  await auditLogin(deps.db, { at: deps.now(), outcome: 'totp_enabled', staffId: p.id, communeId: p.communeId, ip: req.ip, userAgent: req.headers['user-agent'] });
}

/** The administrator's reset of a staff member of their commune: factor removed, open sessions ended, audited. */
export async function adminResetTotp(deps: Deps, req: FastifyRequest, admin: Principal, staffId: number): Promise<boolean> {
  const s = await deps.db.selectFrom('staff').select('id').where('id', '=', staffId).where('commune_id', '=', admin.communeId).executeTakeFirst();
  if (!s) throw notFound('cán bộ');
  const had = await resetTotp(deps.db, staffId);
  if (had) {
    await endSessions(deps.db, staffId);
    await auditLogin(deps.db, { at: deps.now(), outcome: 'totp_reset', staffId, communeId: admin.communeId, ip: req.ip, userAgent: req.headers['user-agent'] });
  }
  return had;
}

