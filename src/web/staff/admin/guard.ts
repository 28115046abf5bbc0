// Who opens which administration page: a commune's administrator (its units, staff, calendar days, audit trail) or
// the province-level role (the shared catalogue, the province's and the national calendar, the audit trail).
// adminOrLogin() (web/staff/common.tsx) stays the guard of the commune-only pages.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from '../../../http/problem.ts';
import { hasRole, type Principal, type StaffRole } from '../../../identity/core/principal.ts';
import { staffOrLogin } from '../guard.ts';
import { staffOrLoginTo } from '../common.tsx';

export const ADMIN_ROLES: StaffRole[] = ['admin', 'province_admin'];

/** The staff member behind a page request or (with `page`) a form post, holding one of `roles` (null: redirected to
 *  the login page); 403 for other staff. */
export function rolePageOrLogin(req: FastifyRequest, reply: FastifyReply, roles: StaffRole[], page?: string): Principal | null {
  const p = page ? staffOrLoginTo(req, reply, page) : staffOrLogin(req, reply);
  if (p && !hasRole(p, ...roles)) {
    throw forbidden(roles.includes('admin') ? 'Trang này chỉ dành cho quản trị hệ thống.' : 'Trang này chỉ dành cho quản trị cấp tỉnh.');
  }
  return p;
}
