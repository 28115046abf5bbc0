// API of the staff second factor and the login audit: a staff member enrols a TOTP factor for themselves
// (setup → confirm with a first code); an administrator resets a staff member's factor (recovery) and reads the
// commune's recent login events. The enrolment answers are not stored as idempotent replays (they carry the
// secret), like login and logout.
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { IdempotencyHeader, STAFF_SECURITY } from '../../http/openapi.ts';
import { forbidden } from '../../http/problem.ts';
import { idempotent } from '../../http/idempotency.ts';
import { requireStaff } from '../hooks.ts';
import { LOGIN_OUTCOMES, loginEvents } from './login-audit.ts';
import { principalKey, type Principal } from '../core/principal.ts';
import { totpState } from './totp-store.ts';
import { adminResetTotp, beginEnrolment, finishEnrolment } from './enrolment.ts';

/** A staff member logged in with a password (not a system's API key): only they have a second factor. */
export function requirePerson(req: FastifyRequest): Principal {
  const p = requireStaff(req);
  if (p.kind !== 'staff') throw forbidden('Chỉ cán bộ đăng nhập bằng mật khẩu mới có xác thực hai lớp.');
  return p;
}

const TotpStateSchema = Type.Object({ enabled: Type.Boolean(), pending: Type.Boolean(), confirmedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) });
const LoginEventSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  outcome: Type.Union(LOGIN_OUTCOMES.map((o) => Type.Literal(o))),
  staffId: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
  fullName: Type.Union([Type.String(), Type.Null()]),
  client: Type.Union([Type.String({ description: 'Địa chỉ đã rút gọn (/24 hoặc /48)' }), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
});

export async function staffAuthRoutes(app: App, deps: Deps) {
  const tags = ['xác thực'];

  app.get(
    '/api/v1/auth/totp',
    { schema: { tags, summary: 'Trạng thái xác thực hai lớp (TOTP) của người đang đăng nhập', security: STAFF_SECURITY, response: { 200: TotpStateSchema } } },
    async (req) => {
      const s = await totpState(deps.db, requirePerson(req).id);
      return { ...s, confirmedAt: s.confirmedAt?.toISOString() ?? null };
    },
  );

  app.post(
    '/api/v1/auth/totp/setup',
    {
      schema: {
        tags,
        summary: 'Bắt đầu bật xác thực hai lớp: tạo khóa bí mật (trả về một lần: URI otpauth:// và khóa dạng base32)',
        security: STAFF_SECURITY,
        response: { 201: Type.Object({ secret: Type.String(), otpauthUri: Type.String() }) },
      },
    },
    async (req, reply) => reply.code(201).send(await beginEnrolment(deps, requirePerson(req))),
  );

  app.post(
    '/api/v1/auth/totp/confirm',
    {
      schema: {
        tags,
        summary: 'Xác nhận bật xác thực hai lớp bằng mã 6 chữ số đầu tiên từ ứng dụng xác thực',
        security: STAFF_SECURITY,
        body: Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, { additionalProperties: false }),
        response: { 200: TotpStateSchema },
      },
    },
    async (req) => {
      const p = requirePerson(req);
      await finishEnrolment(deps, req, p, req.body.code);
      const s = await totpState(deps.db, p.id);
      return { ...s, confirmedAt: s.confirmedAt?.toISOString() ?? null };
    },
  );

  app.post(
    '/api/v1/staff/:id/totp/reset',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Quản trị: đặt lại (tắt) xác thực hai lớp của một cán bộ khi mất thiết bị; các phiên đang mở kết thúc',
        security: STAFF_SECURITY,
        headers: IdempotencyHeader,
        params: Type.Object({ id: Type.Integer() }),
        response: { 200: Type.Object({ staffId: Type.Integer(), reset: Type.Boolean() }) },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const reset = await adminResetTotp({ ...deps, db: trx }, req, p, req.params.id); // audited, scoped, with the change
        return { status: 200, body: { staffId: req.params.id, reset } };
      });
    },
  );

  app.get(
    '/api/v1/auth/login-events',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Quản trị: nhật ký đăng nhập của cán bộ trong xã (mới nhất trước; không có mật khẩu, địa chỉ rút gọn)',
        security: STAFF_SECURITY,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          before: Type.Optional(Type.Integer({ minimum: 1, description: 'Trang sau: id của sự kiện cuối trang trước' })),
          staffId: Type.Optional(Type.Integer()),
        }),
        response: { 200: Type.Array(LoginEventSchema) },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      return loginEvents(deps.db, p.communeId, { limit: req.query.limit ?? 50, before: req.query.before, staffId: req.query.staffId });
    },
  );
}
