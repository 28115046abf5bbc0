// JSON API of the secondments to the one-stop centre and of the centre's comments on the seconded officers (Hải Phòng
// QĐ 212/2025 Đ3 k7; NĐ 118/2025 Đ11, Đ12 k8): record and list the secondments, the list of seconded officers for the
// centre's head, one officer's comments, save the draft, send it (final) to the home unit. Registered by kpiRoutes (routes.ts). POSTs need an Idempotency-Key.
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../http/deps.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { centreCommentsOf, centreList, recordSecondment, secondmentList, writeCentreComments } from './centre.ts';
import { CENTRE_TEXT_MAX } from './core/centre.ts';
import { parsePeriod } from './period.ts';
import { PeriodField, PeriodQuery, StaffParam, tags } from './schemas.ts';

const Text = Type.String({ maxLength: CENTRE_TEXT_MAX });
const Level = Type.Union([...(['excellent', 'good', 'completed', 'not_completed'] as const).map((r) => Type.Literal(r)), Type.Null()], {
  description: 'Mức xếp loại đề xuất (NĐ 335/2025): excellent, good, completed, not_completed',
});
const Body = Type.Object({
  period: PeriodField,
  attitude: Type.Optional(Text), discipline: Type.Optional(Text), other: Type.Optional(Text), proposedRating: Type.Optional(Level),
}, { additionalProperties: false });

const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
const CentreViewSchema = Type.Object({
  staff: Type.Object({ id: Type.Integer(), name: Type.String(), title: Type.String(), unitId: Type.Union([Type.Integer(), Type.Null()]), unitName: Nullable(Type.String()) }),
  period: Type.Object({ kind: Type.String(), year: Type.Integer(), no: Type.Integer(), label: Type.String(), start: Type.String(), end: Type.String() }),
  secondment: Type.Union([Type.Object({ homeUnitId: Type.Integer(), homeUnitName: Type.String(), startsOn: Type.String(), endsOn: Nullable(Type.String()), decision: Nullable(Type.String()) }), Type.Null()]),
  homeUnit: Type.Object({ id: Type.Union([Type.Integer(), Type.Null()]), name: Nullable(Type.String()) }),
  centreName: Type.String(), writer: Type.String(), recipient: Type.String(),
  status: Type.String({ description: 'not_started, draft (người viết), sent, not_sent (người đọc: Trung tâm chưa gửi)' }), statusLabel: Type.String(),
  figures: Type.Unknown({ description: 'Tiếp nhận, từ chối, yêu cầu bổ sung, trả kết quả, đúng hạn, trễ hạn, đánh giá không hài lòng, phản ánh' }),
  frozen: Type.Boolean(),
  content: Type.Unknown({ description: 'attitude, discipline, other, proposedRating; null với người đọc khi chưa gửi' }),
  proposedRatingLabel: Nullable(Type.String()), sentAt: Nullable(Type.String()), recipientAtSending: Nullable(Type.String()),
  steps: Type.Array(Type.Object({ step: Type.String(), at: Type.String(), actorName: Type.String() })),
  can: Type.Object({ write: Type.Boolean(), send: Type.Boolean() }),
});

const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const SecondmentsSchema = Type.Array(Type.Object({
  id: Type.Integer(), staffId: Type.Integer(), staffName: Type.String(), homeUnitId: Type.Integer(), homeUnitName: Type.String(),
  startsOn: Type.String(), endsOn: Nullable(Type.String()), decision: Nullable(Type.String()),
}));

export async function centreRoutes(app: App, deps: Deps) {
  /** Saves the draft, or sends it (final): the two POSTs differ only in this. */
  const write = (req: FastifyRequest, reply: FastifyReply, staffId: number, body: Static<typeof Body>, mode: 'save' | 'send') => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({
      status: 200, body: await writeCentreComments(trx, p, staffId, parsePeriod(body.period, deps.now()), body, mode, deps.now()),
    }));
  };

  app.get('/api/v1/kpi/secondments', {
    schema: { tags, summary: 'Công chức được cử đến làm việc tại Trung tâm Phục vụ hành chính công: đơn vị chủ quản, thời hạn (người đứng đầu Trung tâm, lãnh đạo UBND xã)', security,
      response: { 200: SecondmentsSchema } },
  }, async (req) => secondmentList(deps.db, requireStaff(req)));

  app.post('/api/v1/kpi/secondments', {
    schema: { tags, summary: 'Ghi nhận công chức được cử đến Trung tâm (thời hạn 12–36 tháng, NĐ 118/2025 Đ11, Đ12 k8); cùng ngày bắt đầu thì sửa bản ghi (ngày kết thúc chấm dứt việc cử đến)', security, headers: IdempotencyHeader,
      body: Type.Object({
        staffId: Type.Integer({ minimum: 1 }), homeUnitId: Type.Integer({ minimum: 1 }), startsOn: Day, endsOn: Type.Optional(Type.Union([Day, Type.Null()])),
        decision: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 200: SecondmentsSchema } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({ status: 200, body: await recordSecondment(trx, p, req.body, deps.now()) }));
  });

  app.get('/api/v1/kpi/centre-comments', {
    schema: { tags, summary: 'Công chức được cử đến Trung tâm Phục vụ hành chính công trong kỳ và tình trạng nhận xét (người đứng đầu Trung tâm, lãnh đạo UBND xã)', security, querystring: PeriodQuery,
      response: { 200: Type.Object({ label: Type.String(), centreName: Type.String(), writer: Type.String(), canWrite: Type.Boolean(), rows: Type.Unknown() }) } },
  }, async (req) => centreList(deps.db, requireStaff(req), parsePeriod(req.query.period, deps.now()), deps.now()));

  app.get('/api/v1/kpi/officers/:staffId/centre-comments', {
    schema: { tags, summary: 'Nhận xét của Trung tâm về một công chức được cử đến (người viết; cán bộ đó, trưởng đơn vị chủ quản và lãnh đạo xem khi đã gửi)', security, params: StaffParam, querystring: PeriodQuery,
      response: { 200: CentreViewSchema } },
  }, async (req) => centreCommentsOf(deps.db, requireStaff(req), req.params.staffId, parsePeriod(req.query.period, deps.now()), deps.now()));

  app.post('/api/v1/kpi/officers/:staffId/centre-comments', {
    schema: { tags, summary: 'Người đứng đầu Trung tâm lưu nháp nhận xét (trường không gửi giữ giá trị đã lưu)', security, headers: IdempotencyHeader, params: StaffParam, body: Body,
      response: { 200: CentreViewSchema } },
  }, (req, reply) => write(req, reply, req.params.staffId, req.body, 'save'));

  app.post('/api/v1/kpi/officers/:staffId/centre-comments/send', {
    schema: { tags, summary: 'Gửi nhận xét đến đơn vị chủ quản (sau khi kỳ kết thúc; cần nhận xét về thái độ, kỷ luật và mức đề xuất); đã gửi thì không sửa được', security, headers: IdempotencyHeader, params: StaffParam, body: Body,
      response: { 200: CentreViewSchema } },
  }, (req, reply) => write(req, reply, req.params.staffId, req.body, 'send'));
}
