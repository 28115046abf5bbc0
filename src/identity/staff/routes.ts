import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../../http/deps.ts';
import { STAFF_SECURITY } from '../../http/openapi.ts';
import { Problem, notFound } from '../../http/problem.ts';
import { IdempotencyHeader } from '../../http/openapi.ts';
import { idempotent } from '../../http/idempotency.ts';
import { unitByCode } from '../../org/store.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PENDING_MINUTES, SESSION_COOKIE, issueApiKey, listApiKeys, revokeApiKey } from './auth.ts';
import { LOGIN_IP_POLICY, LOGIN_USER_POLICY } from './lockout.ts';
import {
  PENDING_COOKIE, codeStep, endRequestSession, loginContext, loginProblem, passwordStep, retryAfter, setPendingCookie, setSessionCookie,
  type LoginResult,
} from './login-flow.ts';
import { staffAuthRoutes } from './security-routes.ts';
import { requireStaff } from '../hooks.ts';
import { STAFF_ROLES, principalKey, type Principal } from '../core/principal.ts';
import { recordAdminChange } from '../../audit/store.ts';

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
  const tags = ['xác thực'];
  const TotpRequired = Type.Object({
    totpRequired: Type.Literal(true),
    pendingToken: Type.String({ description: 'Mã phiên chờ (cũng đặt trong cookie xaso_login), dùng một lần cho bước nhập mã' }),
    expiresInSeconds: Type.Integer(),
  });

  /** Answers a login result: the session cookie and the principal, the TOTP step, or the problem. */
  const answer = (req: FastifyRequest, reply: FastifyReply, r: LoginResult) => {
    if (r.kind === 'session') {
      setSessionCookie(req, reply, r.token);
      return r.principal;
    }
    if (r.kind === 'totp') {
      setPendingCookie(req, reply, r.pendingToken);
      return reply.code(202).send({ totpRequired: true as const, pendingToken: r.pendingToken, expiresInSeconds: PENDING_MINUTES * 60 });
    }
    const p = loginProblem(r.kind);
    retryAfter(reply, p);
    throw p;
  };

  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags,
        summary: 'Đăng nhập cán bộ (tạo phiên mới, đặt cookie xaso_sid; 202 khi cần mã xác thực hai lớp)',
        description: `Sai ${LOGIN_USER_POLICY.max} lần trong ${LOGIN_USER_POLICY.windowMinutes} phút với một tên đăng nhập thì tên đó bị khóa `
          + `${LOGIN_USER_POLICY.windowMinutes} phút (429 LOGIN_LOCKED); sai ${LOGIN_IP_POLICY.max} lần từ một địa chỉ thì địa chỉ đó bị chặn `
          + `(429 LOGIN_RATE_LIMITED). Phiên cũ gửi kèm yêu cầu bị hủy.`,
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 100 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: PrincipalSchema, 202: TotpRequired },
      },
    },
    async (req, reply) => answer(req, reply, await passwordStep(deps.db, req.body.username, req.body.password, loginContext(req, deps))),
  );

  app.post(
    '/api/v1/auth/login/totp',
    {
      schema: {
        tags,
        summary: 'Bước hai của đăng nhập: mã xác thực hai lớp (TOTP, 6 chữ số) sau mật khẩu đúng',
        body: Type.Object(
          { code: Type.String({ minLength: 1, maxLength: 20 }), pendingToken: Type.Optional(Type.String({ maxLength: 100 })) },
          { additionalProperties: false },
        ),
        response: { 200: PrincipalSchema },
      },
    },
    async (req, reply) => {
      const token = req.body.pendingToken ?? req.cookies[PENDING_COOKIE];
      const r = token ? await codeStep(deps.db, token, req.body.code, loginContext(req, deps)) : ({ kind: 'pending_expired' } as const);
      return answer(req, reply, r);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags, summary: 'Đăng xuất (hủy phiên)', response: { 204: Type.Null() } } },
    async (req, reply) => {
      await endRequestSession(deps, req);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags,
        summary: 'Người đang đăng nhập',
        security: STAFF_SECURITY,
        response: { 200: PrincipalSchema },
      },
    },
    async (req) => requireStaff(req),
  );

  await staffAuthRoutes(app, deps);
}

/** Records the issue or revocation of a key in the admin audit trail (its name, roles and unit; never the key). */
function auditKey(
  trx: Deps['db'], p: Principal, action: 'api_key.issue' | 'api_key.revoke', k: { id: number; name: string },
  before: Record<string, unknown> | null, after: Record<string, unknown>,
) {
  return recordAdminChange(trx, p, {
    action, scope: 'commune', scopeId: p.communeId, objectType: 'api_key', objectId: String(k.id), objectLabel: k.name, before, after,
  });
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
            // A system never administers: neither the commune's nor the province's administrator role.
            roles: Type.Array(Type.Union(STAFF_ROLES.filter((r) => r !== 'admin' && r !== 'province_admin').map((r) => Type.Literal(r))), { minItems: 1 }),
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
        await auditKey(trx, p, 'api_key.issue', k, null, { name: k.name, roles: k.roles, unitCode: k.unitCode });
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
        await auditKey(trx, p, 'api_key.revoke', k, { revokedAt: null }, { revokedAt: k.revokedAt });
        return { status: 200, body: k };
      });
    },
  );
}
