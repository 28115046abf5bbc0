// JSON API of the reform plan (/api/v1/reform/...): the plan with its areas, goals and targets (progress computed by
// the indicator engine where a measure exists), tasks in the caller's scope with the 6 rõ, and the changes: assign,
// sub-task, progress report with evidence, approval, a target's reported value; every POST with an Idempotency-Key.
import crypto from 'node:crypto';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { App, Deps } from '../http/deps.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { Problem, forbidden, notFound } from '../http/problem.ts';
import { requireStaff } from '../identity/hooks.ts';
import { hasRole, principalKey, type Principal } from '../identity/core/principal.ts';
import { PlanFileError } from './core/plan-file.ts';
import { SHOWN_STATUSES, type ShownStatus } from './core/task-rules.ts';
import { importPlan } from './import.ts';
import { defaultYear, planProgress, reportTargetValue, targetProgress } from './progress.ts';
import { addSubtask, addTaskFile, assignTask, decide, reportProgress, statusOf, taskScopeOf } from './service.ts';
import { communePlans, findPlan, findTask, listTasks, planAreas, planGoals, planTargets, remindersOf, taskEvents, taskFileContent, taskFiles } from './store.ts';
import { EventSchema, FileSchema, PlanSchema, ProgressSchema, TargetSchema, TaskSchema, planView, taskView } from './views.ts';

const tags = ['kế hoạch cải cách hành chính'];
const IdParam = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Year = Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 }));
const Date_ = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Authority = Type.Union([Type.Literal('unit_head'), Type.Literal('leader'), Type.Literal('cchc_coordinator')]);

export async function reformRoutes(app: App, deps: Deps): Promise<void> {
  const planOf = async (communeId: string, id: number) => {
    const plan = await findPlan(deps.db, communeId, id);
    if (!plan) throw notFound('kế hoạch');
    return plan;
  };

  app.get('/api/v1/reform/plans', {
    schema: { tags, summary: 'Các kế hoạch CCHC của xã', security, response: { 200: Type.Object({ items: Type.Array(PlanSchema) }) } },
  }, async (req) => ({ items: (await communePlans(deps.db, requireStaff(req).communeId)).map(planView) }));

  app.post('/api/v1/reform/plans/import', {
    schema: { tags, summary: 'Nhập (hoặc cập nhật) kế hoạch từ tệp dữ liệu có cấu trúc, không tạo trùng (cơ quan thường trực CCHC)', security, headers: IdempotencyHeader,
      body: Type.Object({}, { additionalProperties: true }),
      response: { 200: Type.Object({ planId: Type.Integer(), created: Type.Integer(), updated: Type.Integer(), unchanged: Type.Integer() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    if (!hasRole(p, 'cchc_coordinator', 'admin')) throw forbidden('Chỉ cơ quan thường trực CCHC được nhập kế hoạch.');
    return idempotent(deps.db, req, reply, principalKey(p), async () => {
      try {
        return { status: 200, body: await importPlan(deps.db, p.communeId, req.body, deps.now()) };
      } catch (e) {
        if (e instanceof PlanFileError) throw new Problem(422, 'INVALID_PLAN_FILE', e.message);
        throw e;
      }
    });
  });

  app.get('/api/v1/reform/plans/:id', {
    schema: { tags, summary: 'Kế hoạch: các lĩnh vực, mục tiêu, chỉ tiêu với giá trị hiện tại (tính tự động khi có thước đo)', security, params: IdParam,
      querystring: Type.Object({ year: Year }),
      response: { 200: Type.Object({
        plan: PlanSchema, year: Type.Integer(),
        areas: Type.Array(Type.Object({ id: Type.Integer(), key: Type.String(), ref: Type.String(), title: Type.String(), leadUnitId: Type.Union([Type.Integer(), Type.Null()]), leadUnitName: Type.Union([Type.String(), Type.Null()]), leadRef: Type.String(),
          goals: Type.Array(Type.Object({ id: Type.Integer(), key: Type.String(), ref: Type.String(), text: Type.String() })), targets: Type.Array(TargetSchema) })),
      }) } },
  }, async (req) => {
    const p = requireStaff(req);
    const plan = await planOf(p.communeId, req.params.id);
    const year = req.query.year ?? defaultYear(plan, deps.now());
    const [areas, goals, targets] = await Promise.all([planAreas(deps.db, plan.id), planGoals(deps.db, plan.id), planTargets(deps.db, plan.id)]);
    const progress = await targetProgress(deps.db, p.communeId, targets, year, deps.now());
    return {
      plan: planView(plan), year,
      areas: areas.map((a) => ({
        id: a.id, key: a.key, ref: a.ref, title: a.title, leadUnitId: a.lead_unit_id, leadUnitName: a.lead_unit_name, leadRef: a.lead_ref,
        goals: goals.filter((g) => g.area_id === a.id).map((g) => ({ id: g.id, key: g.key, ref: g.ref, text: g.text })),
        targets: progress.filter((t) => t.areaId === a.id),
      })),
    };
  });

  app.get('/api/v1/reform/plans/:id/progress', {
    schema: { tags, summary: 'Tiến độ nhiệm vụ theo lĩnh vực, đơn vị và năm (trong phạm vi của cán bộ)', security, params: IdParam, querystring: Type.Object({ year: Year }),
      response: { 200: ProgressSchema } },
  }, async (req) => {
    const p = requireStaff(req);
    const plan = await planOf(p.communeId, req.params.id);
    return planProgress(deps.db, taskScopeOf(p), plan.id, deps.now(), req.query.year);
  });

  app.get('/api/v1/reform/tasks', {
    schema: { tags, summary: 'Nhiệm vụ trong phạm vi của cán bộ (cả xã: lãnh đạo, cơ quan thường trực; còn lại: của đơn vị mình và được giao cho mình)', security,
      querystring: Type.Object({ planId: Type.Optional(Type.Integer()), year: Year, areaId: Type.Optional(Type.Integer()), unitId: Type.Optional(Type.Integer()),
        parentId: Type.Optional(Type.Integer()), status: Type.Optional(Type.Union(SHOWN_STATUSES.map((s) => Type.Literal(s)))) }),
      response: { 200: Type.Object({ items: Type.Array(TaskSchema) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    const q = req.query;
    const now = deps.now();
    const rows = await listTasks(deps.db, taskScopeOf(p), { planId: q.planId, year: q.year, areaId: q.areaId, unitId: q.unitId, ...(q.parentId ? { parentId: q.parentId } : {}) });
    return { items: rows.filter((t) => !q.status || statusOf(t, now) === (q.status as ShownStatus)).map((t) => taskView(t, p, now)) };
  });

  app.get('/api/v1/reform/tasks/:id', {
    schema: { tags, summary: 'Một nhiệm vụ: 6 rõ, nhiệm vụ con và lịch sử', security, params: IdParam,
      response: { 200: Type.Object({ task: TaskSchema, subtasks: Type.Array(TaskSchema), history: Type.Array(EventSchema), files: Type.Array(FileSchema) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    const scope = taskScopeOf(p);
    const t = await findTask(deps.db, scope, req.params.id);
    if (!t) throw notFound('nhiệm vụ');
    const now = deps.now();
    const [subs, events, files] = await Promise.all([listTasks(deps.db, { communeId: p.communeId }, { parentId: t.id }), taskEvents(deps.db, t.id), taskFiles(deps.db, t.id)]);
    return {
      task: taskView(t, p, now), subtasks: subs.map((s) => taskView(s, p, now)),
      history: events.map((e) => ({ type: e.type, at: e.at.toISOString(), actorName: e.actor_name, note: e.note, evidence: e.evidence, changes: e.changes })),
      files: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size, uploadedAt: f.uploaded_at.toISOString(), uploadedBy: f.uploaded_by_name })),
    };
  });

  app.post('/api/v1/reform/tasks/:id/files', {
    schema: { tags, summary: 'Đính kèm tài liệu kiểm chứng (PDF, JPEG, PNG; multipart/form-data, trường "file"; người được giao, trưởng đơn vị)', security,
      consumes: ['multipart/form-data'], params: IdParam, headers: IdempotencyHeader, response: { 201: FileSchema } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    if (!(await findTask(deps.db, taskScopeOf(p), req.params.id))) throw notFound('nhiệm vụ'); // 404 before reading the body
    if (!req.isMultipart()) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cần gửi tệp dạng multipart/form-data.');
    const part = await req.file();
    if (!part) throw new Problem(422, 'FILE_MISSING', 'Chưa chọn tệp.');
    const content = await part.toBuffer();
    const fileName = part.filename;
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({
      status: 201, body: { ...(await addTaskFile(trx, p, req.params.id, { fileName, content }, deps.now())), uploadedBy: p.name },
    }), { fileName, sha256: crypto.createHash('sha256').update(content).digest('hex') });
  });

  app.get('/api/v1/reform/tasks/:id/files/:fileId', {
    schema: { tags, summary: 'Tải tài liệu kiểm chứng của nhiệm vụ', security, params: Type.Object({ id: Type.Integer({ minimum: 1 }), fileId: Type.Integer({ minimum: 1 }) }) },
  }, async (req, reply) => {
    const p = requireStaff(req);
    if (!(await findTask(deps.db, taskScopeOf(p), req.params.id))) throw notFound('nhiệm vụ');
    const f = await taskFileContent(deps.db, req.params.id, req.params.fileId);
    if (!f) throw notFound('tệp');
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`);
    return reply.type(f.content_type).send(f.content);
  });

  /** A change to one task or target, run once per Idempotency-Key in one transaction. */
  const change = (req: FastifyRequest, reply: FastifyReply, work: (trx: Transaction<Database>, p: Principal, id: number, now: Date) => Promise<object>) => {
    const p = requireStaff(req);
    const { id } = req.params as { id: number };
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => ({ status: 200, body: await work(trx, p, id, deps.now()) }));
  };
  const opts = <B extends TSchema>(summary: string, body: B, response: TSchema = TaskSchema) =>
    ({ schema: { tags, summary, security, params: IdParam, headers: IdempotencyHeader, body, response: { 200: response } } });

  const AssignBody = Type.Object({
    unitId: Type.Optional(Type.Integer()), assigneeId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])), deadline: Type.Optional(Date_),
    authorityRole: Type.Optional(Authority), authorityStaffId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    expectedResult: Type.Optional(Type.String({ maxLength: 2000 })), note: Type.Optional(Type.String({ maxLength: 2000 })),
  }, { additionalProperties: false });
  app.post('/api/v1/reform/tasks/:id/assign', opts('Giao nhiệm vụ cho đơn vị (cơ quan thường trực) hoặc cán bộ; điều chỉnh hạn, người duyệt, kết quả cần đạt', AssignBody),
    (req, reply) => change(req, reply, async (trx, p, id, now) => taskView(await assignTask(trx, p, id, req.body as Static<typeof AssignBody>, now), p, now)));

  const SubtaskBody = Type.Object({
    title: Type.String({ minLength: 1, maxLength: 2000 }), deadline: Date_, assigneeId: Type.Optional(Type.Integer()), expectedResult: Type.String({ minLength: 1, maxLength: 2000 }),
  }, { additionalProperties: false });
  app.post('/api/v1/reform/tasks/:id/subtasks', opts('Thêm nhiệm vụ con (cơ quan thường trực, trưởng đơn vị chủ trì)', SubtaskBody),
    (req, reply) => change(req, reply, async (trx, p, id, now) => taskView(await addSubtask(trx, p, id, req.body as Static<typeof SubtaskBody>, now), p, now)));

  const ProgressBody = Type.Object({
    progress: Type.Integer({ minimum: 0, maximum: 100 }), note: Type.String({ minLength: 1, maxLength: 4000 }), evidence: Type.Optional(Type.String({ maxLength: 4000 })), submit: Type.Optional(Type.Boolean()),
  }, { additionalProperties: false });
  app.post('/api/v1/reform/tasks/:id/progress', opts('Báo cáo tiến độ kèm tài liệu kiểm chứng; submit: trình duyệt kết quả (người được giao, trưởng đơn vị)', ProgressBody),
    (req, reply) => change(req, reply, async (trx, p, id, now) => taskView(await reportProgress(trx, p, id, req.body as Static<typeof ProgressBody>, now), p, now)));

  const DecisionBody = Type.Object({ approve: Type.Boolean(), note: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false });
  app.post('/api/v1/reform/tasks/:id/decision', opts('Duyệt hoặc trả lại kết quả nhiệm vụ (người có thẩm quyền)', DecisionBody),
    (req, reply) => change(req, reply, async (trx, p, id, now) => taskView(await decide(trx, p, id, req.body as Static<typeof DecisionBody>, now), p, now)));

  const ValueBody = Type.Object({ value: Type.Number({ minimum: 0 }), note: Type.String({ minLength: 1, maxLength: 2000 }), evidence: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false });
  app.post('/api/v1/reform/targets/:id/value', opts('Cập nhật giá trị chỉ tiêu không tính tự động được, kèm ghi chú và tài liệu kiểm chứng (đơn vị phụ trách)', ValueBody, Type.Object({ updated: Type.Boolean() })),
    (req, reply) => change(req, reply, async (trx, p, id, now) => {
      await reportTargetValue(trx, p, id, req.body as Static<typeof ValueBody>, now);
      return { updated: true };
    }));

  app.get('/api/v1/reform/reminders', {
    schema: { tags, summary: 'Nhắc việc và cảnh báo quá hạn đã gửi cho cán bộ', security,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ kind: Type.String(), taskId: Type.Integer(), title: Type.String(), deadline: Type.String(), sentAt: Type.String() })) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    if (p.kind !== 'staff') return { items: [] }; // reminders go to staff members, not to API keys
    return { items: (await remindersOf(deps.db, p.communeId, p.id)).map((r) => ({ kind: r.kind, taskId: r.task_id, title: r.title, deadline: r.deadline, sentAt: r.sent_at.toISOString() })) };
  });
}
