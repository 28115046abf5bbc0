// Organisation API: the caller's commune and its units, the staff a caller may see, and the administrator's office
// hours and work phones (the commune's, a unit's, a staff member's: printed on BM.02 for the citizen to call), each
// recorded in the admin audit trail (org/admin.ts), whose API is registered from here.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { requireStaff } from '../identity/hooks.ts';
import { getCommune, listStaff, listUnits } from './store.ts';
import { Problem } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { hasRole, principalKey } from '../identity/core/principal.ts';
import { DEFAULT_OFFICE_HOURS, WorkCalendar } from '../calendar/core/working-time.ts';
import { forgetCalendars } from '../calendar/store.ts';
import { updateCommunePhone, updateOfficeHours, updateStaffPhone, updateUnitPhone } from './admin.ts';
import { adminAuditRoutes } from '../audit/routes.ts';

import { IdempotencyHeader, STAFF_SECURITY } from '../http/openapi.ts';

const security = STAFF_SECURITY;
const Phone = Type.Union([Type.String(), Type.Null()], { description: 'Số điện thoại cơ quan, dạng 02083855123 (chỉ chữ số); null: chưa có' });

export async function orgRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/organisation',
    {
      schema: {
        tags: ['tổ chức'],
        summary: 'Xã của người dùng và các đơn vị trực thuộc',
        security,
        response: {
          200: Type.Object({
            commune: Type.Object({
              id: Type.String(), name: Type.String(), province: Type.String(), agencyCode: Type.String(),
              agencyCodeIsDemo: Type.Boolean(),
              officeHours: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
              phone: Phone,
            }),
            units: Type.Array(Type.Object({
              id: Type.Integer(), code: Type.String(), name: Type.String(),
              agencyCode: Type.Union([Type.String(), Type.Null()]), receivesDossiers: Type.Boolean(), phone: Phone,
            })),
          }),
        },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const [commune, units] = await Promise.all([getCommune(deps.db, p.communeId), listUnits(deps.db, p.communeId)]);
      return { commune: commune!, units };
    },
  );

  app.get(
    '/api/v1/staff',
    {
      config: { roles: ['admin', 'leader', 'unit_head', 'cchc_coordinator', 'receiving_officer'] },
      schema: {
        tags: ['tổ chức'],
        summary: 'Cán bộ của xã (quản trị, lãnh đạo) hoặc của đơn vị mình (trưởng đơn vị)',
        security,
        response: {
          200: Type.Array(Type.Object({
            id: Type.Integer(), username: Type.String(), fullName: Type.String(), title: Type.String(),
            roles: Type.Array(Type.String()), unitCode: Type.Union([Type.String(), Type.Null()]), active: Type.Boolean(), phone: Phone,
          })),
        },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const whole = hasRole(p, 'admin', 'leader', 'cchc_coordinator', 'receiving_officer');
      return listStaff(deps.db, p.communeId, whole ? undefined : (p.unitId ?? -1));
    },
  );

  await phoneRoutes(app, deps);
  // The admin audit trail's API is registered here, with the organisation it records (issue 13).
  await adminAuditRoutes(app, deps);
}

const PhoneBody = Type.Object(
  {
    phone: Type.Union([
      Type.String({ maxLength: 40, description: 'Số di động 10 chữ số hoặc số cố định có mã vùng; được có dấu cách, dấu chấm, gạch ngang, +84; chuỗi rỗng: xóa' }),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
const PhoneResponse = { 200: Type.Object({ phone: Phone }) };
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** The administrator sets or clears work phones (422 PHONE_INVALID for a number that is not Vietnamese). */
async function phoneRoutes(app: App, deps: Deps) {
  const admin = { roles: ['admin' as const] };
  app.put(
    '/api/v1/organisation/phone',
    {
      config: admin,
      schema: {
        tags: ['tổ chức'], summary: 'Quản trị: số điện thoại của Ủy ban nhân dân xã', security, headers: IdempotencyHeader,
        body: PhoneBody, response: PhoneResponse,
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) =>
        ({ status: 200, body: { phone: await updateCommunePhone(trx, p, req.body.phone) } }));
    },
  );

  app.put(
    '/api/v1/units/:id/phone',
    {
      config: admin,
      schema: {
        tags: ['tổ chức'], summary: 'Quản trị: số điện thoại của một đơn vị của xã', security, headers: IdempotencyHeader,
        params: IdParams, body: PhoneBody, response: PhoneResponse,
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) =>
        ({ status: 200, body: { phone: await updateUnitPhone(trx, p, req.params.id, req.body.phone) } }));
    },
  );

  app.put(
    '/api/v1/staff/:id/phone',
    {
      config: admin,
      schema: {
        tags: ['tổ chức'], summary: 'Quản trị: số điện thoại công vụ của một cán bộ (không dùng số cá nhân)', security,
        headers: IdempotencyHeader, params: IdParams, body: PhoneBody, response: PhoneResponse,
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) =>
        ({ status: 200, body: { phone: await updateStaffPhone(trx, p, req.params.id, req.body.phone) } }));
    },
  );
}

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

export async function officeHoursRoutes(app: App, deps: Deps) {
  app.put(
    '/api/v1/organisation/office-hours',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['tổ chức'],
        summary: 'Quản trị: giờ làm việc của xã (các buổi theo thứ tự, không chồng nhau); áp dụng cho hạn tính từ nay, hồ sơ đã nhận giữ hạn cũ',
        security: STAFF_SECURITY,
        headers: IdempotencyHeader,
        body: Type.Object({ periods: Type.Array(Type.Object({ start: Clock, end: Clock }, { additionalProperties: false }), { minItems: 1, maxItems: 4 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ periods: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })) }) },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      try {
        new WorkCalendar([], { ...DEFAULT_OFFICE_HOURS, periods: req.body.periods }); // validates order and overlap
      } catch (e) {
        throw new Problem(422, 'OFFICE_HOURS_INVALID', 'Giờ làm việc không hợp lệ: các buổi phải theo thứ tự, bắt đầu trước khi kết thúc và không chồng nhau.', (e as Error).message);
      }
      const saved = await idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        await updateOfficeHours(trx, p, req.body.periods);
        return { status: 200, body: { periods: req.body.periods } };
      });
      forgetCalendars();
      return saved;
    },
  );
}
