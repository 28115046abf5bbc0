import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/app.ts';
import { STAFF_SECURITY } from '../http/openapi.ts';
import { Problem } from '../http/problem.ts';
import { SESSION_COOKIE, login, logout } from './auth.ts';
import { requireStaff } from './hooks.ts';
import { STAFF_ROLES } from './principal.ts';

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
