// API of the national-portal sync, for the commune's administrator (the screen's equivalents): the dossiers in sync with
// their status and the portal's last answer, the resend of a failed dossier, the latest reconciliation and a new one.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { STAFF_SECURITY } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import {
  lastReconciliation, reconcileForAdmin, resend, SYNC_STATUSES, syncOverview,
} from './service.ts';

const tags = ['đồng bộ Cổng Dịch vụ công quốc gia'];
const ADMIN = { roles: ['admin' as const] };
const security = STAFF_SECURITY;
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const ItemSchema = Type.Object({
  dossierId: Type.String({ format: 'uuid' }),
  code: Nullable(Type.String({ description: 'Mã hồ sơ (hồ sơ nộp trên Cổng: mã của Cổng)' })),
  procedureCode: Type.String(),
  procedureName: Nullable(Type.String()),
  state: Type.Integer({ description: 'Trạng thái hồ sơ (1–10)' }),
  stateName: Type.String(),
  status: Type.Union(SYNC_STATUSES.map((s) => Type.Literal(s)), { description: 'pending: chờ gửi; failed: gửi lỗi; done: đã đồng bộ' }),
  messages: Type.Integer({ description: 'Số thông điệp đã tạo cho hồ sơ' }),
  acknowledged: Type.Integer({ description: 'Thông điệp cuối cùng Cổng đã nhận' }),
  attempts: Type.Union([Type.Integer(), Type.Null()], { description: 'Số lần gửi thông điệp đang chờ' }),
  lastDeliveredAt: Nullable(Type.String({ format: 'date-time' })),
  syncedAt: Nullable(Type.String({ format: 'date-time', description: 'Lúc Cổng xác nhận đã có hồ sơ' })),
  portalAnswer: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()], { description: 'Trả lời gần nhất của Cổng khi gửi lỗi' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const ReconciliationSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('daily'), Type.Literal('manual')]),
  ranAt: Type.String({ format: 'date-time' }),
  from: Type.String({ format: 'date' }),
  to: Type.String({ format: 'date' }),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('error')]),
  ours: Type.Union([Type.Integer(), Type.Null()]),
  portal: Type.Union([Type.Integer(), Type.Null()]),
  failed: Type.Boolean({ description: 'Không lấy được số liệu từ Cổng' }),
  differences: Type.Array(Type.Object({
    day: Type.String({ format: 'date' }), status: Type.Integer(), statusName: Type.String(), ours: Type.Integer(), portal: Type.Integer(),
  })),
});

export async function syncRoutes(app: App, deps: Deps): Promise<void> {
  app.get('/api/v1/sync/dossiers', {
    config: ADMIN,
    schema: {
      tags, security, summary: 'Hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia: chờ gửi, gửi lỗi (kèm trả lời của Cổng), đã đồng bộ',
      querystring: Type.Object({
        status: Type.Optional(Type.Union(SYNC_STATUSES.map((s) => Type.Literal(s)))),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        cursor: Type.Optional(Type.String({ maxLength: 200, description: 'Trang sau: nextCursor của trang trước' })),
      }),
      response: {
        200: Type.Object({
          counts: Type.Object({ pending: Type.Integer(), failed: Type.Integer(), done: Type.Integer() }),
          items: Type.Array(ItemSchema),
          nextCursor: Nullable(Type.String()),
        }),
      },
    },
  }, async (req) => syncOverview(deps.db, requireStaff(req), req.query));

  app.post('/api/v1/sync/dossiers/:id/resend', {
    config: ADMIN,
    schema: {
      tags, security, summary: 'Gửi lại hồ sơ gửi lỗi: các thông điệp lỗi trở về chờ gửi (ghi nhật ký quản trị)',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
      response: { 200: Type.Object({ status: Type.Literal('pending') }) },
    },
  }, async (req) => {
    await resend(deps.db, requireStaff(req), req.params.id, deps.now());
    return { status: 'pending' as const };
  });

  app.get('/api/v1/sync/reconciliations/latest', {
    config: ADMIN,
    schema: {
      tags, security, summary: 'Lần đối soát số liệu gần nhất với Cổng (theo ngày tiếp nhận và trạng thái) và các chênh lệch',
      response: { 200: Type.Object({ reconciliation: Type.Union([ReconciliationSchema, Type.Null()]) }) },
    },
  }, async (req) => ({ reconciliation: await lastReconciliation(deps.db, requireStaff(req)) }));

  app.post('/api/v1/sync/reconciliations', {
    config: ADMIN,
    schema: {
      tags, security, summary: 'Đối soát ngay số liệu hồ sơ với Cổng Dịch vụ công quốc gia',
      response: { 201: ReconciliationSchema },
    },
  }, async (req, reply) => {
    const r = await reconcileForAdmin(deps.db, deps.outside.portal, requireStaff(req), deps.now());
    return reply.code(201).send(r);
  });
}
