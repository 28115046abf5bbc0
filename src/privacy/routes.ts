// Personal-data requests, staff API: the commune's requests with their due time (2 working days, NĐ 356/2025),
// one request with its history, and the answer (done or refused). Leaders and administrators of the commune only
// (a person answers: API keys are refused); another commune's request does not exist (404).
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { isOverdue, REQUEST_KINDS, REQUEST_STATUSES } from './core/request.ts';
import { answerRequest, maskId, requestForStaff, requestsForStaff } from './service.ts';
import type { StaffRequestRow } from './store.ts';

const tags = ['dữ liệu cá nhân'];
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Str = Type.Union([Type.String(), Type.Null()]);
const RequestSchema = Type.Object({
  id: Type.String(), kind: Type.Union(REQUEST_KINDS.map((k) => Type.Literal(k))), status: Type.Union(REQUEST_STATUSES.map((s) => Type.Literal(s))),
  citizenName: Type.String(), item: Str, wrongValue: Str, rightValue: Str, detail: Str,
  receivedAt: Type.String({ format: 'date-time' }), dueAt: Type.String({ format: 'date-time' }), overdue: Type.Boolean(),
  answeredAt: Str, answer: Str,
  /** The item of the citizen's data store the request is about, if any. */
  storeItemId: Type.Union([Type.Integer(), Type.Null()]),
});

type ListRow = Omit<StaffRequestRow, 'citizen_id_number' | 'citizen_birth_date' | 'answered_by_name'>;
const view = (r: ListRow, now: Date) => ({
  id: r.id, kind: r.kind, status: r.status, citizenName: r.citizen_name, item: r.item, wrongValue: r.wrong_value, rightValue: r.right_value,
  detail: r.detail, receivedAt: r.received_at.toISOString(), dueAt: r.due_at.toISOString(), overdue: isOverdue(r, now),
  answeredAt: r.answered_at?.toISOString() ?? null, answer: r.answer, storeItemId: r.store_item_id,
});

export async function privacyRoutes(app: App, deps: Deps) {
  app.get('/api/v1/privacy-requests', {
    schema: { tags, summary: 'Yêu cầu của công dân về dữ liệu cá nhân gửi đến xã, với thời hạn trả lời', security,
      response: { 200: Type.Object({ items: Type.Array(RequestSchema) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    return { items: (await requestsForStaff(deps.db, p)).map((r) => view(r, deps.now())) };
  });

  app.get('/api/v1/privacy-requests/:id', {
    schema: { tags, summary: 'Một yêu cầu về dữ liệu cá nhân và lịch sử xử lý', security, params: IdParam,
      response: { 200: Type.Object({
        request: Type.Object({ ...RequestSchema.properties, citizenIdNumber: Str }),
        events: Type.Array(Type.Object({ seq: Type.Integer(), at: Type.String(), action: Type.String(), status: Type.String(), actorName: Type.String(), text: Str })),
      }) } },
  }, async (req) => {
    const p = requireStaff(req);
    const { request: r, events } = await requestForStaff(deps.db, p, req.params.id);
    return {
      request: { ...view(r, deps.now()), citizenIdNumber: maskId(r.citizen_id_number) },
      events: events.map((e) => ({ seq: e.seq, at: e.at.toISOString(), action: e.action, status: e.to_status, actorName: e.actor_name, text: e.text })),
    };
  });

  app.post('/api/v1/privacy-requests/:id/answer', {
    schema: { tags, summary: 'Trả lời yêu cầu về dữ liệu cá nhân: đã thực hiện (nêu việc đã làm) hoặc từ chối (nêu lý do)', security, params: IdParam,
      headers: IdempotencyHeader,
      body: Type.Object({ action: Type.Union([Type.Literal('complete'), Type.Literal('refuse')]), answer: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Type.String(), status: Type.String(), answeredAt: Type.String() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({
      status: 200, body: await answerRequest(trx, p, req.params.id, req.body.action, req.body.answer, deps.now()),
    }));
  });
}
