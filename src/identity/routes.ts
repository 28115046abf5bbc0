import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/app.ts';
import { STAFF_SECURITY } from '../http/openapi.ts';
import { Problem, notFound } from '../http/problem.ts';
import { IdempotencyHeader } from '../http/openapi.ts';
import { idempotent } from '../http/idempotency.ts';
import { unitByCode } from '../org/store.ts';
import { SESSION_COOKIE, issueApiKey, listApiKeys, login, logout, revokeApiKey } from './auth.ts';
import { requireStaff } from './hooks.ts';
import { STAFF_ROLES, principalKey } from './principal.ts';

export const PrincipalSchema = Type.Object({
  kind: Type.Union([Type.Literal('staff'), Type.Literal('api_key')]),
  id: Type.Integer(),
  name: Type.String(),
  communeId: Type.String(),
  unitId: Type.Union([Type.Integer(), Type.Null()]),
  unitCode: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.Union(STAFF_ROLES.map((r) => Type.Literal(r)))),
});

export async function identityRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['xác thực'],
        summary: 'Đăng nhập cán bộ (tạo phiên, đặt cookie xaso_sid)',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: PrincipalSchema },
      },
    },
    async (req, reply) => {
      const r = await login(deps.db, req.body.username, req.body.password);
      if (!r) throw new Problem(401, 'LOGIN_FAILED', 'Tên đăng nhập hoặc mật khẩu không đúng.');
      reply.setCookie(SESSION_COOKIE, r.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: req.protocol === 'https',
        maxAge: 12 * 3600,
      });
      return r.principal;
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['xác thực'], summary: 'Đăng xuất (hủy phiên)', response: { 204: Type.Null() } } },
    async (req, reply) => {
      const sid = req.cookies[SESSION_COOKIE];
      if (sid) await logout(deps.db, sid);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['xác thực'],
        summary: 'Người đang đăng nhập',
        security: STAFF_SECURITY,
        response: { 200: PrincipalSchema },
      },
    },
    async (req) => requireStaff(req),
  );
}

export async function apiKeyRoutes(app: App, deps: Deps) {
  const tags = ['xác thực'];
  const KeySchema = Type.Object({
    id: Type.Integer(), name: Type.String(), roles: Type.Array(Type.String()),
    unitCode: Type.Union([Type.String(), Type.Null()]), createdAt: Type.String({ format: 'date-time' }),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  });

  app.post(
    '/api/v1/api-keys',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Quản trị: cấp khóa API cho một hệ thống (khóa chỉ hiện một lần; chỉ lưu giá trị băm)',
        security: STAFF_SECURITY,
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            roles: Type.Array(Type.Union(STAFF_ROLES.filter((r) => r !== 'admin').map((r) => Type.Literal(r))), { minItems: 1 }),
            unitCode: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]{1,20}$' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Intersect([KeySchema, Type.Object({ key: Type.String() })]) },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const unit = req.body.unitCode ? await unitByCode(deps.db, p.communeId, req.body.unitCode) : undefined;
      if (req.body.unitCode && !unit) throw new Problem(422, 'UNKNOWN_UNIT', `Đơn vị "${req.body.unitCode}" không thuộc xã này.`);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const { id, key } = await issueApiKey(trx, { communeId: p.communeId, unitId: unit?.id ?? null, name: req.body.name, roles: req.body.roles });
        const k = (await listApiKeys(trx, p.communeId)).find((x) => x.id === id)!;
        return { status: 201, body: { ...k, key } };
      });
    },
  );

  app.get(
    '/api/v1/api-keys',
    {
      config: { roles: ['admin'] },
      schema: { tags, summary: 'Quản trị: các khóa API của xã (không có giá trị khóa)', security: STAFF_SECURITY, response: { 200: Type.Array(KeySchema) } },
    },
    async (req) => listApiKeys(deps.db, requireStaff(req).communeId),
  );

  app.post(
    '/api/v1/api-keys/:id/revoke',
    {
      config: { roles: ['admin'] },
      schema: {
        tags,
        summary: 'Quản trị: thu hồi một khóa API (có hiệu lực ngay)',
        security: STAFF_SECURITY,
        headers: IdempotencyHeader,
        params: Type.Object({ id: Type.Integer() }),
        response: { 200: KeySchema },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const ok = await revokeApiKey(trx, p.communeId, req.params.id);
        if (!ok) throw notFound('khóa API');
        const k = (await listApiKeys(trx, p.communeId)).find((x) => x.id === req.params.id)!;
        return { status: 200, body: k };
      });
    },
  );
}
