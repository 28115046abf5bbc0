// API of the admin audit trail: the entries a commune's administrator (or the province's) sees, newest first, and
// the same as a CSV file. Registered by orgRoutes (org/routes.ts).
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { STAFF_SECURITY } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { CSV_TYPE, auditCsv, auditPage, csvFileName } from './export.ts';

const tags = ['quản trị'];
const READERS = { roles: ['admin' as const, 'province_admin' as const] };

const EntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  scope: Type.String({ description: 'Phạm vi dữ liệu bị thay đổi: Xã, Tỉnh …, Dùng chung' }),
  actor: Type.String({ description: 'Người thực hiện, họ tên tại thời điểm thay đổi' }),
  action: Type.String(),
  object: Type.String(),
  changes: Type.Array(Type.String(), { description: 'Mỗi trường thay đổi: trước → sau; mật khẩu, khóa không bao giờ được ghi' }),
});

export async function adminAuditRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/admin-audit',
    {
      config: READERS,
      schema: {
        tags,
        summary: 'Quản trị: nhật ký thay đổi quản trị (cán bộ, vai trò, mật khẩu, đơn vị, danh mục thủ tục, lịch, giờ làm việc, khóa API), mới nhất trước',
        security: STAFF_SECURITY,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
          before: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, description: 'Trang sau: số thứ tự của mục cuối trang trước' })),
        }),
        response: { 200: Type.Array(EntrySchema) },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const lines = await auditPage(deps.db, p.communeId, { limit: req.query.limit ?? 100, before: req.query.before });
      return lines.map(({ atText: _t, at, ...l }) => ({ ...l, at: at.toISOString() }));
    },
  );

  app.get(
    '/api/v1/admin-audit/export',
    {
      config: READERS,
      schema: {
        tags,
        summary: 'Quản trị: tải nhật ký thay đổi quản trị (tệp CSV, UTF-8)',
        security: STAFF_SECURITY,
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const csv = await auditCsv(deps.db, p.communeId);
      return reply.header('Content-Type', CSV_TYPE).header('Content-Disposition', `attachment; filename="${csvFileName(p.communeId, deps.now())}"`).send(csv);
    },
  );
}
