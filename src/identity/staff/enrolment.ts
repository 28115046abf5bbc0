// The staff second factor (TOTP): enrolment by the staff member (begin → confirm with a first code) and the
// administrator's reset, each recorded in the login audit. Used by the API (security-routes.ts) and the account
// pages (src/web/staff/account.tsx).
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import { endSessions } from './auth.ts';
import { auditLogin } from './login-audit.ts';
import type { Principal } from '../core/principal.ts';
import { staffUsername } from './accounts-store.ts';
import { managedMember } from '../../org/admin.ts';
import { recordAdminChange } from '../../audit/store.ts';
import { confirmEnrolment, resetTotp, startEnrolment, type ConfirmRefusal } from './totp-store.ts';
import { groupedSecret, otpauthUri } from './core/totp.ts';

/** The issuer name authenticator apps show next to the account. */
export const TOTP_ISSUER = 'Xã Số';

export const totpAlreadyEnabled = () =>
  new Problem(409, 'TOTP_ALREADY_ENABLED', 'Xác thực hai lớp đã được bật. Nhờ quản trị hệ thống đặt lại nếu cần đăng ký lại.');
export const totpNotStarted = () =>
  new Problem(409, 'TOTP_NOT_STARTED', 'Chưa tạo khóa xác thực hai lớp. Hãy bắt đầu đăng ký lại.');
export const totpInvalidCode = () =>
  new Problem(422, 'TOTP_INVALID_CODE', 'Mã xác thực không đúng hoặc đã hết hạn. Nhập mã 6 chữ số đang hiện trên ứng dụng xác thực.');

const REFUSALS: Record<ConfirmRefusal, () => Problem> = {
  already_enabled: totpAlreadyEnabled, not_started: totpNotStarted, invalid_code: totpInvalidCode,
};

/** Makes the secret and what the enrolment shows: the otpauth:// URI (for a QR code) and the secret as text. */
export async function beginEnrolment(deps: Deps, p: Principal) {
  const secret = await startEnrolment(deps.db, p.id);
  if (!secret) throw totpAlreadyEnabled();
  const username = await staffUsername(deps.db, p.id);
  return { secret: groupedSecret(secret), otpauthUri: otpauthUri(secret, TOTP_ISSUER, username) };
}

/** Confirms the enrolment and records it in the login audit. */
export async function finishEnrolment(deps: Deps, req: FastifyRequest, p: Principal, code: string) {
  const refused = await confirmEnrolment(deps.db, p.id, code, deps.now());
  if (refused) throw REFUSALS[refused]();
  await auditLogin(deps.db, { at: deps.now(), outcome: 'totp_enabled', staffId: p.id, communeId: p.communeId, ip: req.ip, userAgent: req.headers['user-agent'] });
}

/** The administrator's reset of a staff member of their commune: factor removed, open sessions ended, audited. */
export async function adminResetTotp(deps: Deps, req: FastifyRequest, admin: Principal, staffId: number): Promise<boolean> {
  // 404 for another commune's staff, 403 for a province-level account (its factor guards shared data).
  const s = await managedMember(deps.db, admin, staffId);
  const had = await resetTotp(deps.db, staffId);
  if (had) {
    await endSessions(deps.db, staffId);
    await auditLogin(deps.db, { at: deps.now(), outcome: 'totp_reset', staffId, communeId: admin.communeId, ip: req.ip, userAgent: req.headers['user-agent'] });
    await recordAdminChange(deps.db, admin, {
      action: 'staff.totp_reset', scope: 'commune', scopeId: admin.communeId, objectType: 'staff', objectId: String(s.id),
      objectLabel: `${s.fullName} (${s.username})`, before: { totp: true }, after: { totp: false },
    });
  }
  return had;
}

