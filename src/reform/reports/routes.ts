// JSON API of the units' yearly CCHC plans and periodic reports: calls (kỳ báo cáo), each unit's submission (content,
// evidence files, submit), the coordinator's review (return with reasons, accept) and the commune's consolidated
// report as PDF and .xlsx. Scope and rules in service.ts; every POST takes an Idempotency-Key.
import crypto from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { idempotent } from '../../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../../http/openapi.ts';
import { Problem, notFound } from '../../http/problem.ts';
import { requireStaff } from '../../identity/hooks.ts';
import { principalKey, type Principal } from '../../identity/core/principal.ts';
import { renderPdf } from '../../documents/pdf.ts';
import { XLSX_TYPE, attachment } from '../../documents/xlsx.ts';
import { AREA_CODES, type ReportContent } from './core/content.ts';
import { consolidatedDocument } from './core/consolidated.ts';
import { CALL_KINDS, REPORT_STATUSES, allowedActions } from './core/status.ts';
import { consolidatedInput } from './consolidated.ts';
import { type CallInput, addEvidence, callsWithReports, createCall, lateness, saveContent, takeStep, visibleCall, visibleReport } from './service.ts';
import { eventsOf, fileContent, filesOf, type CallRow, type ReportRow } from './store.ts';
import { consolidatedXlsx } from './xlsx.ts';

const tags = ['báo cáo CCHC của đơn vị'];
const BASE = '/api/v1/reform/reports';
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);
const DateOrNull = Nullable(Type.String({ format: 'date-time' }));
const Text = Type.String({ maxLength: 8000 });
const lit = <T extends readonly string[]>(xs: T) => Type.Union(xs.map((x) => Type.Literal(x)));

export const ContentSchema = Type.Object({
  direction: Type.Optional(Text),
  areas: Type.Optional(Type.Partial(Type.Object(Object.fromEntries(AREA_CODES.map((c) => [c, Text]))), { additionalProperties: false })),
  tasks: Type.Optional(Type.Array(Type.Object({
    area: lit(AREA_CODES), text: Type.String({ maxLength: 1000 }), deadline: Type.Optional(Type.String({ format: 'date' })),
    result: Type.Optional(Type.String({ maxLength: 1000 })),
  }, { additionalProperties: false }), { maxItems: 100 })),
  difficulties: Type.Optional(Text),
  proposals: Type.Optional(Text),
}, { additionalProperties: false, description: 'Nội dung theo sáu lĩnh vực của kế hoạch (báo cáo) hoặc nhiệm vụ của đơn vị (kế hoạch năm)' });

const SubmissionSummary = Type.Object({
  id: Type.String(), callId: Type.String(), unitCode: Type.String(), unitName: Type.String(), status: lit(REPORT_STATUSES),
  firstSubmittedAt: DateOrNull, lastSubmittedAt: DateOrNull, acceptedAt: DateOrNull, updatedAt: Type.String({ format: 'date-time' }),
  lateWorkingDays: Nullable(Type.Integer()), late: Type.Boolean(), overdue: Type.Boolean({ description: 'chưa nộp và đã quá hạn' }),
});
const CallSchema = Type.Object({
  id: Type.String(), kind: lit(CALL_KINDS), title: Type.String(), year: Type.Integer(), quarter: Nullable(Type.Integer()), month: Nullable(Type.Integer()),
  dueDate: Type.String({ format: 'date' }), instructions: Nullable(Type.String()), createdAt: Type.String({ format: 'date-time' }),
  submissions: Type.Array(SubmissionSummary),
});
const SubmissionSchema = Type.Object({
  ...SubmissionSummary.properties,
  content: ContentSchema,
  allowedActions: Type.Array(Type.String()),
  files: Type.Array(Type.Object({ id: Type.Integer(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), uploadedAt: Type.String() })),
  events: Type.Array(Type.Object({ type: Type.String(), at: Type.String(), note: Nullable(Type.String()), actorName: Nullable(Type.String()) })),
});

const CallBody = Type.Object({
  kind: lit(CALL_KINDS),
  year: Type.Integer({ minimum: 2020, maximum: 2100 }),
  quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'chỉ cho báo cáo đột xuất' })),
  dueDate: Type.Optional(Type.String({ format: 'date', description: 'hạn nộp; mặc định: kế hoạch năm 15/01, báo cáo ngày 15 tháng sau kỳ' })),
  title: Type.Optional(Type.String({ maxLength: 300 })),
  instructions: Type.Optional(Type.String({ maxLength: 4000 })),
  unitCodes: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z0-9_]{1,20}$' }), { maxItems: 50 })),
}, { additionalProperties: false });
export type CallBody = Static<typeof CallBody>;

// `db`: the request's transaction when there is one (a second pool connection taken inside a transaction can wait
// forever for one that a burst of requests, each blocked on that transaction, holds: issue 13).
async function summary(deps: Deps, call: CallRow, r: ReportRow, db = deps.db) {
  const l = await lateness(db, call, r, deps.now());
  return {
    id: r.id, callId: r.call_id, unitCode: r.unit_code, unitName: r.unit_name, status: r.status, firstSubmittedAt: iso(r.first_submitted_at),
    lastSubmittedAt: iso(r.last_submitted_at), acceptedAt: iso(r.accepted_at), updatedAt: r.updated_at.toISOString(),
    lateWorkingDays: r.late_working_days, late: l.late, overdue: l.overdue,
  };
}

const callView = async (deps: Deps, call: CallRow, reports: ReportRow[], db = deps.db) => ({
  id: call.id, kind: call.kind, title: call.title, year: call.period_year, quarter: call.period_quarter, month: call.period_month,
  dueDate: call.due_date, instructions: call.instructions, createdAt: call.created_at.toISOString(),
  submissions: await Promise.all(reports.map((r) => summary(deps, call, r, db))),
});

async function submissionView(deps: Deps, p: Principal, id: string) {
  const { report, call } = await visibleReport(deps.db, p, id);
  const [files, events] = await Promise.all([filesOf(deps.db, [report.id]), eventsOf(deps.db, report.id)]);
  return {
    ...(await summary(deps, call, report)), content: report.content,
    allowedActions: allowedActions(report.status, { roles: p.roles, unitId: p.unitId }, report.unit_id),
    files: files.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: f.size, uploadedAt: f.uploaded_at.toISOString() })),
    events: events.map((e) => ({ type: e.type, at: e.at.toISOString(), note: e.note, actorName: e.actorName })),
  };
}

function send(reply: FastifyReply, type: string, fileName: string, body: Buffer, inline = false) {
  reply.header('Content-Disposition', inline ? attachment(fileName).replace(/^attachment/, 'inline') : attachment(fileName));
  return reply.type(type).send(body);
}

export async function unitReportRoutes(app: App, deps: Deps): Promise<void> {
  app.get(`${BASE}/calls`, {
    schema: { tags, summary: 'Các kỳ báo cáo với tình trạng nộp của từng đơn vị (đơn vị chỉ thấy báo cáo của mình)', security,
      response: { 200: Type.Object({ items: Type.Array(CallSchema) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    return { items: await Promise.all((await callsWithReports(deps.db, p)).map((c) => callView(deps, c.call, c.reports))) };
  });

  app.post(`${BASE}/calls`, {
    config: { roles: ['cchc_coordinator'] },
    schema: { tags, summary: 'Mở kỳ báo cáo (kế hoạch CCHC năm của đơn vị, báo cáo quý, năm, đột xuất): mỗi đơn vị có một báo cáo nháp', security,
      headers: IdempotencyHeader, body: CallBody, response: { 201: CallSchema } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
      const call = await createCall(trx, p, req.body as CallInput, deps.now()) // literals checked by the schema;
      const { reports } = await visibleCall(trx, p, call.id);
      return { status: 201, body: await callView(deps, call, reports, trx) };
    });
  });

  app.get(`${BASE}/calls/:id`, {
    schema: { tags, summary: 'Một kỳ báo cáo và báo cáo của các đơn vị trong phạm vi của người dùng', security, params: IdParam, response: { 200: CallSchema } },
  }, async (req) => {
    const p = requireStaff(req);
    const { call, reports } = await visibleCall(deps.db, p, req.params.id);
    return callView(deps, call, reports);
  });

  app.get(`${BASE}/calls/:id/consolidated.pdf`, {
    config: { roles: ['cchc_coordinator', 'leader'] },
    schema: { tags, summary: 'Báo cáo kết quả thực hiện công tác CCHC của xã trong kỳ (PDF): tổng hợp báo cáo đã chấp nhận và số liệu chỉ số', security,
      params: IdParam, produces: ['application/pdf'] },
  }, async (req, reply) => {
    const p = requireStaff(req);
    const { call } = await visibleCall(deps.db, p, req.params.id);
    const model = consolidatedDocument(await consolidatedInput(deps.db, call, deps.now()));
    return send(reply, 'application/pdf', model.fileName, await renderPdf(model), true);
  });

  app.get(`${BASE}/calls/:id/consolidated.xlsx`, {
    config: { roles: ['cchc_coordinator', 'leader'] },
    schema: { tags, summary: 'Báo cáo kết quả thực hiện công tác CCHC của xã trong kỳ (.xlsx)', security, params: IdParam, produces: [XLSX_TYPE] },
  }, async (req, reply) => {
    const p = requireStaff(req);
    const { call } = await visibleCall(deps.db, p, req.params.id);
    const input = await consolidatedInput(deps.db, call, deps.now());
    return send(reply, XLSX_TYPE, `bao-cao-cchc-${input.key}.xlsx`, await consolidatedXlsx(input));
  });

  app.get(`${BASE}/submissions/:id`, {
    schema: { tags, summary: 'Báo cáo của một đơn vị: nội dung, tệp minh chứng, nhật ký các bước', security, params: IdParam, response: { 200: SubmissionSchema } },
  }, async (req) => submissionView(deps, requireStaff(req), req.params.id));

  app.post(`${BASE}/submissions/:id/content`, {
    schema: { tags, summary: 'Lưu nội dung báo cáo của đơn vị (nháp, hoặc báo cáo bị trả lại đang sửa)', security, params: IdParam,
      headers: IdempotencyHeader, body: ContentSchema, response: { 200: SubmissionSchema } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    await idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
      await saveContent(trx, p, req.params.id, req.body as ReportContent, deps.now()) // area codes checked by the schema;
      return { status: 200, body: null };
    });
    return submissionView(deps, p, req.params.id);
  });

  app.post(`${BASE}/submissions/:id/files`, {
    schema: { tags, summary: 'Đính kèm tệp minh chứng (PDF, JPEG, PNG; tối đa 10 MB; multipart/form-data, trường "file")', security,
      consumes: ['multipart/form-data'], params: IdParam, headers: IdempotencyHeader,
      response: { 201: Type.Object({ id: Type.Integer(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer(), sha256: Type.String(), uploadedAt: Type.String() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    await visibleReport(deps.db, p, req.params.id); // 404 before reading the body
    if (!req.isMultipart()) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cần gửi tệp dạng multipart/form-data.');
    const part = await req.file();
    if (!part) throw new Problem(422, 'FILE_MISSING', 'Chưa chọn tệp.');
    const content = await part.toBuffer();
    const fileName = part.filename;
    return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
      const f = await addEvidence(trx, p, req.params.id, { fileName, content }, deps.now());
      return { status: 201, body: { ...f, uploadedAt: f.uploadedAt.toISOString() } };
    }, { fileName, sha256: crypto.createHash('sha256').update(content).digest('hex') });
  });

  app.get(`${BASE}/submissions/:id/files/:fileId`, {
    schema: { tags, summary: 'Tải tệp minh chứng của báo cáo', security, params: Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.Integer() }) },
  }, async (req, reply) => {
    const p = requireStaff(req);
    const { report } = await visibleReport(deps.db, p, req.params.id);
    const f = await fileContent(deps.db, report.id, req.params.fileId);
    if (!f) throw notFound('tệp');
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name)}`);
    return reply.type(f.content_type).send(f.content);
  });

  const steps = {
    submit: 'Nộp báo cáo của đơn vị (trưởng đơn vị); nộp lại sau khi bị trả lại',
    return: 'Trả lại báo cáo để đơn vị sửa, nêu lý do (đầu mối CCHC)',
    accept: 'Chấp nhận báo cáo của đơn vị (đầu mối CCHC)',
  } as const;
  for (const step of Object.keys(steps) as (keyof typeof steps)[]) {
    app.post(`${BASE}/submissions/:id/${step}`, {
      schema: { tags, summary: steps[step], security, params: IdParam, headers: IdempotencyHeader,
        body: Type.Object({
          reasons: Type.Optional(Type.String({ maxLength: 4000, description: 'lý do trả lại (bắt buộc khi trả lại)' })),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
        }, { additionalProperties: false }),
        response: { 200: SubmissionSchema } },
    }, async (req, reply) => {
      const p = requireStaff(req);
      await idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        await takeStep(trx, p, req.params.id, step, req.body ?? {}, deps.now());
        return { status: 200, body: null };
      });
      return submissionView(deps, p, req.params.id);
    });
  }
}
