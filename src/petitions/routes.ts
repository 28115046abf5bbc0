// Petitions and feedback (phản ánh, kiến nghị) API: a citizen files one (public, Idempotency-Key), staff list and
// take the steps (assign, refuse, ask for more, answer, publish) within their scope, the public reads published
// answers and likes or dislikes them (once per browser: a random cookie, stored hashed).
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { Problem, notFound } from '../http/problem.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { PETITION_STEPS, STAFF_CHANNELS, clockOf, filePetition, react, recordPetition, scopeOf, statusOf, takeStep, type PetitionStep } from './service.ts';
import { voterHash } from './voter.ts';
import { eventsOf, findPetition, listPetitions, publishedPetitions, type PetitionRow } from './store.ts';
import { communeExists } from '../org/store.ts';
import { requireWriteAllowed } from '../dossiers/public.ts';

const tags = ['phản ánh, kiến nghị'];
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()]);
const DateOrNull = Nullable(Type.String({ format: 'date-time' }));

const PublicPetitionSchema = Type.Object({
  id: Type.String(), reference: Type.String(), procedureCode: Nullable(Type.String()), content: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }), answer: Nullable(Type.String()), answeredAt: DateOrNull, publishedAt: DateOrNull,
  likes: Type.Integer(), dislikes: Type.Integer(),
});
const StaffPetitionSchema = Type.Object({
  ...PublicPetitionSchema.properties,
  status: Type.String(), channel: Type.String(), dossierCode: Nullable(Type.String()), dossierId: Nullable(Type.String()),
  aboutStaff: Nullable(Type.String()), petitionerName: Type.String(), petitionerContact: Nullable(Type.String()),
  unitId: Type.Union([Type.Integer(), Type.Null()]), assigneeId: Type.Union([Type.Integer(), Type.Null()]),
  refusedAt: DateOrNull, refuseReason: Nullable(Type.String()), askedMoreAt: DateOrNull,
  refuseBy: Type.String(), askMoreBy: Type.String(), answerBy: Type.String(), publishBy: DateOrNull,
  late: Type.Boolean(), dueSoon: Type.Boolean(), onTime: Type.Boolean(),
});

export const publicView = (p: PetitionRow) => ({
  id: p.id, reference: p.reference, procedureCode: p.procedure_code, content: p.content, receivedAt: p.received_at.toISOString(),
  answer: p.published_at ? p.answer : null, answeredAt: iso(p.answered_at), publishedAt: iso(p.published_at), likes: p.likes, dislikes: p.dislikes,
});

async function staffView(deps: Deps, p: PetitionRow) {
  const c = await clockOf(deps.db, p, deps.now());
  return {
    ...publicView(p), answer: p.answer, status: statusOf(p), channel: p.channel, dossierCode: p.dossier_code, dossierId: p.dossier_id,
    aboutStaff: p.about_staff, petitionerName: p.petitioner_name, petitionerContact: p.petitioner_contact, unitId: p.unit_id,
    assigneeId: p.assignee_id, refusedAt: iso(p.refused_at), refuseReason: p.refuse_reason, askedMoreAt: iso(p.asked_more_at),
    refuseBy: c.deadlines.refuseBy.toISOString(), askMoreBy: c.deadlines.askMoreBy.toISOString(), answerBy: c.deadlines.answerBy.toISOString(),
    publishBy: iso(c.deadlines.publishBy), late: c.urgency === 'late', dueSoon: c.urgency === 'due_soon', onTime: c.onTime,
  };
}

export const PetitionBody = Type.Object({
  communeId: Type.String({ maxLength: 60 }),
  content: Type.String({ minLength: 10, maxLength: 4000 }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  contact: Type.Optional(Type.String({ maxLength: 200 })),
  procedureCode: Type.Optional(Type.String({ maxLength: 60 })),
  dossierCode: Type.Optional(Type.String({ maxLength: 60 })),
  aboutStaff: Type.Optional(Type.String({ maxLength: 200 })),
}, { additionalProperties: false });

const StaffPetitionBody = Type.Object({
  ...Type.Omit(PetitionBody, ['communeId']).properties,
  channel: Type.Union(STAFF_CHANNELS.map((c) => Type.Literal(c))),
  receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'Khi phản ánh đến xã, nếu trước lúc nhập (thư, văn bản chuyển đến)' })),
}, { additionalProperties: false });

export async function petitionRoutes(app: App, deps: Deps) {
  app.post('/api/v1/public/petitions', {
    schema: { tags, summary: 'Gửi phản ánh, kiến nghị về thủ tục hành chính, hồ sơ hoặc cán bộ (không cần đăng nhập)', headers: IdempotencyHeader, body: PetitionBody,
      response: { 201: Type.Object({ id: Type.String(), reference: Type.String() }) } },
  }, async (req, reply) => {
    const b = req.body;
    const communeId = (await communeExists(deps.db, b.communeId)) ? b.communeId : undefined;
    if (!communeId) throw new Problem(422, 'UNKNOWN_COMMUNE', `Không có xã "${b.communeId}".`);
    // Each petition starts a statutory clock: anonymous ones are limited by address and by commune (shared/rate-limits.ts).
    await requireWriteAllowed(deps.db, reply, 'petition', req.ip, communeId, deps.now());
    return idempotent(deps.db, req, reply, 'public', async (trx) => {
      const r = await filePetition(trx, communeId, { ...b, dossierCode: b.dossierCode?.trim().toUpperCase(), channel: 'portal' }, deps.now());
      return { status: 201, body: r };
    });
  });

  app.get('/api/v1/public/petitions', {
    schema: { tags, summary: 'Kết quả trả lời phản ánh, kiến nghị đã công khai của xã', querystring: Type.Object({ communeId: Type.String({ maxLength: 60 }) }),
      response: { 200: Type.Object({ items: Type.Array(PublicPetitionSchema) }) } },
  }, async (req) => ({ items: (await publishedPetitions(deps.db, req.query.communeId)).map(publicView) }));

  app.post('/api/v1/public/petitions/:id/reaction', {
    schema: { tags, summary: 'Thích hoặc không thích câu trả lời đã công khai (một lần cho mỗi trình duyệt)', params: IdParam,
      body: Type.Object({ communeId: Type.String({ maxLength: 60 }), reaction: Type.Union([Type.Literal('like'), Type.Literal('dislike')]) }, { additionalProperties: false }),
      response: { 200: Type.Object({ recorded: Type.Boolean() }) } },
  }, async (req, reply) => {
    await requireWriteAllowed(deps.db, reply, 'reaction', req.ip, req.params.id, deps.now());
    const r = await react(deps.db, req.body.communeId, req.params.id, voterHash(req, reply), req.body.reaction, deps.now());
    if (r === 'again') throw new Problem(409, 'ALREADY_REACTED', 'Bạn đã bày tỏ ý kiến về câu trả lời này.');
    return { recorded: true };
  });

  app.get('/api/v1/petitions', {
    schema: { tags, summary: 'Phản ánh, kiến nghị trong phạm vi của cán bộ, với hạn của từng bước', security,
      response: { 200: Type.Object({ items: Type.Array(StaffPetitionSchema) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    const rows = await listPetitions(deps.db, scopeOf(p));
    return { items: await Promise.all(rows.map((r) => staffView(deps, r))) };
  });

  app.get('/api/v1/petitions/:id', {
    schema: { tags, summary: 'Một phản ánh, kiến nghị và nhật ký các bước', security, params: IdParam,
      response: { 200: Type.Object({ petition: StaffPetitionSchema, events: Type.Array(Type.Object({ type: Type.String(), at: Type.String(), note: Nullable(Type.String()), actorName: Nullable(Type.String()) })) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    const row = await findPetition(deps.db, scopeOf(p), req.params.id);
    if (!row) throw notFound('phản ánh, kiến nghị');
    const events = (await eventsOf(deps.db, row.id)).map((e) => ({ ...e, at: e.at.toISOString() }));
    return { petition: await staffView(deps, row), events };
  });

  app.post('/api/v1/petitions', {
    schema: { tags, summary: 'Ghi nhận phản ánh, kiến nghị nhận tại quầy, qua điện thoại, thư hoặc được chuyển đến (cán bộ nhập)', security, headers: IdempotencyHeader,
      body: StaffPetitionBody, response: { 201: Type.Object({ id: Type.String(), reference: Type.String() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({ status: 201, body: await recordPetition(trx, p, req.body, deps.now()) }));
  });

  for (const step of PETITION_STEPS) {
    app.post(`/api/v1/petitions/:id/${step}`, {
      schema: { tags, summary: stepSummary[step], security, params: IdParam, headers: IdempotencyHeader,
        body: Type.Object({ unitId: Type.Optional(Type.Integer()), assigneeId: Type.Optional(Type.Integer()), text: Type.Optional(Type.String({ maxLength: 8000 })) }, { additionalProperties: false }),
        response: { 200: StaffPetitionSchema } },
    }, async (req, reply) => {
      const p = requireStaff(req);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const row = await takeStep(trx, p, req.params.id, step, req.body ?? {}, deps.now());
        return { status: 200, body: await staffView(deps, row) };
      });
    });
  }
}

const stepSummary: Record<PetitionStep, string> = {
  assign: 'Giao phản ánh, kiến nghị cho đơn vị (và cán bộ) xử lý',
  refuse: 'Từ chối tiếp nhận phản ánh, kiến nghị (trong 2 ngày làm việc, nêu lý do)',
  ask_more: 'Đề nghị người phản ánh bổ sung thông tin (trong 5 ngày làm việc)',
  answer: 'Trả lời phản ánh, kiến nghị (trong 15 ngày làm việc)',
  publish: 'Công khai kết quả trả lời (trong 2 ngày làm việc sau khi trả lời)',
  repeat: 'Ghi nhận người phản ánh quay lại với cùng nội dung, chưa hài lòng với câu trả lời (tính vào chỉ số 5.3)',
};
