import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { IdempotencyHeader, STAFF_SECURITY } from '../http/openapi.ts';
import { Problem, notFound } from '../http/problem.ts';
import { requireStaff } from '../identity/hooks.ts';
import { idempotent } from '../http/idempotency.ts';
import { principalKey } from '../identity/core/principal.ts';
import { ProcedureVersionSchema } from './core/types.ts';
import { validateProcedure } from './core/validate.ts';
import { forgetProcedures, listVersions, procedureAt, procedureVersion, searchProcedures } from './store.ts';
import { addVersion, requireCatalogueEditor } from './service.ts';

const StoredSchema = Type.Intersect([ProcedureVersionSchema, Type.Object({ version: Type.Integer() })]);
const CodeParam = Type.Object({ code: Type.String({ pattern: '^[0-9A-Z][0-9A-Z.]{2,40}$' }) });

export async function catalogueRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/procedures',
    {
      schema: {
        tags: ['danh mục thủ tục'],
        summary: 'Tìm thủ tục hành chính đang có hiệu lực (không phân biệt dấu, chịu lỗi gõ)',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          field: Type.Optional(Type.String({ maxLength: 40 })),
          at: Type.Optional(Type.String({ format: 'date' })),
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({
              code: Type.String(), version: Type.Integer(), name: Type.String(),
              fieldCode: Type.String(), fieldName: Type.String(), score: Type.Number(),
            })),
          }),
        },
      },
    },
    async (req) => {
      const at = req.query.at ? new Date(`${req.query.at}T12:00:00+07:00`) : deps.now();
      return { items: await searchProcedures(deps.db, { q: req.query.q, field: req.query.field, at, limit: req.query.limit }) };
    },
  );

  app.get(
    '/api/v1/procedures/:code',
    {
      schema: {
        tags: ['danh mục thủ tục'],
        summary: 'Một thủ tục: phiên bản có hiệu lực tại ngày `at` (mặc định hôm nay) hoặc phiên bản `version`',
        params: CodeParam,
        querystring: Type.Object({
          at: Type.Optional(Type.String({ format: 'date' })),
          version: Type.Optional(Type.Integer({ minimum: 1 })),
        }),
        response: { 200: StoredSchema },
      },
    },
    async (req) => {
      const { code } = req.params;
      const p = req.query.version
        ? await procedureVersion(deps.db, code, req.query.version)
        : await procedureAt(deps.db, code, req.query.at ? new Date(`${req.query.at}T12:00:00+07:00`) : deps.now());
      if (!p) throw notFound(`thủ tục ${code}`);
      return p;
    },
  );

  app.get(
    '/api/v1/procedures/:code/versions',
    {
      schema: {
        tags: ['danh mục thủ tục'],
        summary: 'Các phiên bản của một thủ tục và thời gian hiệu lực',
        params: CodeParam,
        response: {
          200: Type.Array(Type.Object({
            version: Type.Integer(), name: Type.String(), effectiveFrom: Type.String(),
            effectiveTo: Type.Union([Type.String(), Type.Null()]),
          })),
        },
      },
    },
    async (req) => {
      const v = await listVersions(deps.db, req.params.code);
      if (!v.length) throw notFound(`thủ tục ${req.params.code}`);
      return v;
    },
  );

  app.post(
    '/api/v1/procedures',
    {
      // Shared by every commune of the server: the province-level role only (403 PROVINCE_ADMIN_ONLY for a commune's
      // administrator, before the body is validated: a refused caller learns nothing from validation).
      config: { roles: ['admin', 'province_admin'] },
      preValidation: async (req) => requireCatalogueEditor(requireStaff(req)),
      schema: {
        tags: ['danh mục thủ tục'],
        summary: 'Quản trị cấp tỉnh: ban hành phiên bản mới của một thủ tục (danh mục dùng chung cho mọi xã); phiên bản trước kết thúc hiệu lực vào ngày bắt đầu của phiên bản mới',
        security: STAFF_SECURITY,
        headers: IdempotencyHeader,
        body: ProcedureVersionSchema,
        response: { 201: Type.Object({ code: Type.String(), version: Type.Integer() }) },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const problems = validateProcedure(req.body);
      if (problems.length) {
        throw new Problem(422, 'PROCEDURE_INVALID', 'Thủ tục không hợp lệ.', undefined,
          problems.map((e) => ({ path: `/body/${e.path.replace(/\./g, '/')}`, message: e.message })));
      }
      const created = await idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const version = await addVersion(trx, p, req.body);
        return { status: 201, body: { code: req.body.code, version } };
      });
      forgetProcedures();
      return created;
    },
  );
}
