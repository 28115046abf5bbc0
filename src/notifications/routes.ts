// Notification API: the outbox entries of a dossier (any staff member who may see the dossier: the dossiers'
// scoped load), and the commune's latest entries (one-stop officers and administrators, who answer citizens'
// questions about notices). Each entry shows its delivery status, attempts and last error.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { notFound } from '../http/problem.ts';
import { requireStaff } from '../identity/hooks.ts';
import { STAFF_SECURITY as security } from '../http/openapi.ts';
import { loadDossier } from '../dossiers/store.ts';
import { renderNotice } from './core/messages.ts';
import { communeNotices, dossierNotices, type NoticeRow } from './store.ts';

const tags = ['thông báo'];

export const NoticeSchema = Type.Object({
  messageId: Type.String({ format: 'uuid', description: 'Mã thư, gửi kèm thư (Message-ID) để nơi nhận nhận ra thư gửi lại' }),
  dossierId: Type.String({ format: 'uuid' }),
  eventSeq: Type.Integer({ description: 'Bước trong nhật ký hồ sơ mà thông báo này báo tin' }),
  kind: Type.Union([Type.Literal('status'), Type.Literal('supplement'), Type.Literal('apology'), Type.Literal('result'), Type.Literal('returned')]),
  channel: Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('zalo')]),
  recipient: Type.String(),
  subject: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')], { description: 'pending = chờ gửi / gửi lại; delivered = đã gửi; failed = gửi không được' }),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export function noticeView(n: NoticeRow, publicUrl: string) {
  return {
    messageId: n.message_id, dossierId: n.dossier_id, eventSeq: n.event_seq, kind: n.kind, channel: n.channel, recipient: n.recipient,
    subject: renderNotice(n.facts, publicUrl).subject, status: n.status, attempts: n.attempts, lastError: n.last_error,
    createdAt: n.created_at.toISOString(), nextAttemptAt: n.status === 'pending' ? n.next_attempt_at.toISOString() : null,
    deliveredAt: n.delivered_at?.toISOString() ?? null,
  };
}

export async function notificationRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/dossiers/:id/notifications',
    {
      schema: {
        tags,
        summary: 'Thông báo gửi người nộp hồ sơ (thư điện tử, SMS) và tình trạng gửi (NĐ 224/2026 Đ15 k1 điểm g)',
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ items: Type.Array(NoticeSchema) }) },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const row = await loadDossier(deps.db, p, req.params.id);
      if (!row) throw notFound('hồ sơ');
      return { items: (await dossierNotices(deps.db, row.id)).map((n) => noticeView(n, deps.publicUrl)) };
    },
  );

  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Các thông báo gần nhất của xã (mới nhất trước), cho cán bộ một cửa và quản trị',
        security,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        response: { 200: Type.Object({ items: Type.Array(NoticeSchema) }) },
      },
      config: { roles: ['admin', 'receiving_officer'] },
    },
    async (req) => {
      const p = requireStaff(req, 'admin', 'receiving_officer');
      const rows = await communeNotices(deps.db, p.communeId, req.query.limit);
      return { items: rows.map((n) => noticeView(n, deps.publicUrl)) };
    },
  );
}
