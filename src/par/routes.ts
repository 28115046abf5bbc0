// JSON API of the PAR self-assessment (Chỉ số CCHC; domain.md §5): the index templates (view; import by an
// administrator), the commune's yearly assessments (open, auto-fill, self-score with evidence, submit, appraise,
// dialogue, finalise) and the year-over-year comparison. Every query is scoped to the caller's commune; POSTs take
// an Idempotency-Key.
import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { App, Deps } from '../http/deps.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { Problem, notFound } from '../http/problem.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey, type Principal } from '../identity/core/principal.ts';
import { cleanFileName, putFile, sniffType } from '../dossiers/uploads.ts';
import type { TemplateFile } from './core/template.ts';
import { addEvidence, appraise, createAssessment, finalize, refreshAuto, respond, selfScore, submit } from './service.ts';
import { evidenceFile, findTemplate, listAssessments, listTemplates, logOf, nodesOf } from './store.ts';
import { ensureTemplates, importTemplate } from './templates.ts';
import { assessmentView, comparison } from './view.ts';
import { AssessmentSchema, ComparisonSchema, LogSchema, TemplateBody, TemplateSchema, TemplateTreeSchema, assessmentJson, logJson, templateJson } from './schemas.ts';

const tags = ['chỉ số CCHC'];
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ItemParams = Type.Object({ id: Type.String({ format: 'uuid' }), code: Type.String({ pattern: '^[0-9A-Za-z.]{1,20}$' }) });
const ScoreBody = Type.Object({
  points: Type.Optional(Type.Number({ minimum: 0, maximum: 1000 })),
  rate: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Tỷ lệ 0–1, quy ra điểm theo cách chấm của tiêu chí' })),
  note: Type.Optional(Type.String({ maxLength: 4000 })),
}, { additionalProperties: false });
const SelfBody = Type.Object({ ...ScoreBody.properties, reason: Type.Optional(Type.String({ maxLength: 4000, description: 'Lý do khi thay giá trị tự động' })) }, { additionalProperties: false });
const TextBody = Type.Object({ text: Type.String({ minLength: 1, maxLength: 4000 }) }, { additionalProperties: false });
const Done = Type.Object({ ok: Type.Boolean() });

export async function parRoutes(app: App, deps: Deps) {
  const once = <T>(req: FastifyRequest, reply: Parameters<typeof idempotent>[2], p: Principal, work: Parameters<typeof idempotent<T>>[4], content?: unknown) =>
    idempotent(deps.db, req, reply, principalKey(p), work, content);
  const view = async (p: Principal, id: string) => {
    const v = await assessmentView(deps.db, p, { id });
    if (!v) throw notFound('bộ chấm điểm chỉ số CCHC');
    return assessmentJson(v);
  };

  app.get('/api/v1/par/templates', {
    schema: { tags, summary: 'Các bộ chỉ số CCHC cấp xã do tỉnh ban hành (theo năm áp dụng)', security, response: { 200: Type.Object({ items: Type.Array(TemplateSchema) }) } },
  }, async (req) => {
    requireStaff(req);
    await ensureTemplates(deps.db);
    return { items: (await listTemplates(deps.db)).map(templateJson) };
  });

  app.get('/api/v1/par/templates/:id', {
    schema: { tags, summary: 'Cây chỉ số: lĩnh vực, tiêu chí, tiêu chí thành phần với điểm tối đa, cách chấm, tài liệu kiểm chứng, đơn vị, hạn', security,
      params: Type.Object({ id: Type.Integer() }), response: { 200: TemplateTreeSchema } },
  }, async (req) => {
    requireStaff(req);
    const t = await findTemplate(deps.db, req.params.id);
    if (!t) throw notFound('bộ chỉ số');
    return { ...templateJson(t), nodes: (await nodesOf(deps.db, t.id)).map((n) => ({ code: n.code, parentCode: n.parent_code, level: n.level, name: n.name, maxPoints: n.max_points, rule: n.rule, auto: n.auto, evidence: n.evidence, owner: n.owner_unit_code, due: n.due, uncertain: n.uncertain, note: n.note })) };
  });

  app.post('/api/v1/par/templates', {
    config: { roles: ['admin'] },
    schema: { tags, summary: 'Nạp bộ chỉ số từ tệp dữ liệu (JSON như src/par/seed/); nạp lại cùng tệp không tạo bản trùng', security, headers: IdempotencyHeader, body: TemplateBody,
      response: { 200: Type.Object({ id: Type.Integer(), created: Type.Boolean() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req, 'admin');
    return once(req, reply, p, async (trx) => ({ status: 200, body: await importTemplate(trx, req.body as unknown as TemplateFile) }));
  });

  app.get('/api/v1/par/assessments', {
    schema: { tags, summary: 'Các năm tự chấm điểm chỉ số CCHC của xã', security,
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), year: Type.Integer(), status: Type.String(), templateName: Type.String() })) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    return { items: (await listAssessments(deps.db, p.communeId)).map((a) => ({ id: a.id, year: a.year, status: a.status, templateName: a.template_name })) };
  });

  app.post('/api/v1/par/assessments', {
    config: { roles: ['cchc_coordinator'] },
    schema: { tags, summary: 'Mở kỳ tự chấm điểm của một năm (đầu mối CCHC); các tiêu chí tự động được điền từ số liệu hệ thống', security, headers: IdempotencyHeader,
      body: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }), response: { 201: AssessmentSchema } },
  }, async (req, reply) => {
    const p = requireStaff(req, 'cchc_coordinator');
    await ensureTemplates(deps.db);
    const id = await once(req, reply, p, async (trx) => ({ status: 201, body: { id: (await createAssessment(deps.db, trx, p, req.body.year, deps.now())).id } }));
    return view(p, (id as { id: string }).id);
  });

  app.get('/api/v1/par/assessments/:id', {
    schema: { tags, summary: 'Bộ chấm điểm: cây chỉ số với điểm tự chấm, giá trị tự động (kèm số liệu nguồn), điểm thẩm định, điểm cuối cùng, tài liệu kiểm chứng', security, params: IdParam, response: { 200: AssessmentSchema } },
  }, async (req) => view(requireStaff(req), req.params.id));

  const step = (path: string, summary: string, run: (trx: Transaction<Database>, p: Principal, id: string) => Promise<unknown>) =>
    app.post(`/api/v1/par/assessments/:id/${path}`, {
      schema: { tags, summary, security, params: IdParam, headers: IdempotencyHeader, response: { 200: Done } },
    }, async (req, reply) => {
      const p = requireStaff(req);
      return once(req, reply, p, async (trx) => {
        await run(trx, p, req.params.id);
        return { status: 200, body: { ok: true } };
      });
    });
  step('autofill', 'Cập nhật lại các tiêu chí tự động từ số liệu hệ thống (đầu mối CCHC, khi đang tự chấm)', (trx, p, id) => refreshAuto(deps.db, trx, p, id, deps.now()));
  step('submit', 'Gửi kết quả tự chấm điểm đến cơ quan thẩm định (đầu mối CCHC)', (trx, p, id) => submit(trx, p, id, deps.now()));
  step('finalize', 'Công bố kết quả thẩm định (cơ quan thẩm định); tiêu chí chưa thẩm định giữ điểm tự chấm', (trx, p, id) => finalize(trx, p, id, deps.now()));

  app.post('/api/v1/par/assessments/:id/items/:code/self-score', {
    schema: { tags, summary: 'Tự chấm điểm một tiêu chí thành phần (đơn vị được giao hoặc đầu mối CCHC); thay giá trị tự động cần nêu lý do', security, params: ItemParams, headers: IdempotencyHeader,
      body: SelfBody, response: { 200: Type.Object({ points: Type.Number() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return once(req, reply, p, async (trx) => ({ status: 200, body: await selfScore(trx, p, req.params.id, req.params.code, req.body, deps.now()) }));
  });

  app.post('/api/v1/par/assessments/:id/items/:code/appraise', {
    schema: { tags, summary: 'Chấm điểm thẩm định một tiêu chí thành phần, kèm giải trình (cơ quan thẩm định); lần sau là điều chỉnh', security, params: ItemParams, headers: IdempotencyHeader,
      body: ScoreBody, response: { 200: Type.Object({ points: Type.Number() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return once(req, reply, p, async (trx) => ({ status: 200, body: await appraise(trx, p, req.params.id, req.params.code, req.body, deps.now()) }));
  });

  app.post('/api/v1/par/assessments/:id/items/:code/responses', {
    schema: { tags, summary: 'Ý kiến giải trình của xã về điểm thẩm định một tiêu chí (đơn vị được giao hoặc đầu mối CCHC)', security, params: ItemParams, headers: IdempotencyHeader,
      body: TextBody, response: { 200: Done } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    return once(req, reply, p, async (trx) => {
      await respond(trx, p, req.params.id, req.params.code, req.body.text, deps.now());
      return { status: 200, body: { ok: true } };
    });
  });

  app.get('/api/v1/par/assessments/:id/items/:code/log', {
    schema: { tags, summary: 'Nhật ký và trao đổi (tự chấm, thẩm định, giải trình, điều chỉnh) của một tiêu chí thành phần', security, params: ItemParams, response: { 200: Type.Object({ items: Type.Array(LogSchema) }) } },
  }, async (req) => {
    const p = requireStaff(req);
    await view(p, req.params.id);
    return { items: (await logOf(deps.db, p.communeId, req.params.id, req.params.code)).map(logJson) };
  });

  app.post('/api/v1/par/assessments/:id/items/:code/evidence', {
    schema: { tags, summary: 'Thêm tài liệu kiểm chứng: ghi chú (JSON {note}: số, ký hiệu, tên văn bản) hoặc tệp PDF, JPEG, PNG (multipart/form-data, trường "file")', security,
      consumes: ['application/json', 'multipart/form-data'], params: ItemParams, headers: IdempotencyHeader,
      response: { 201: Type.Object({ id: Type.String() }) } },
  }, async (req, reply) => {
    const p = requireStaff(req);
    const { id, code } = req.params;
    if (req.isMultipart()) {
      const part = await req.file();
      if (!part) throw new Problem(422, 'FILE_MISSING', 'Chưa chọn tệp.');
      const content = await part.toBuffer();
      if (!content.length) throw new Problem(422, 'FILE_EMPTY', 'Tệp rỗng.');
      const type = sniffType(content);
      if (!type) throw new Problem(415, 'FILE_TYPE_NOT_ALLOWED', 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).');
      const fileName = cleanFileName(part.filename);
      const sha = crypto.createHash('sha256').update(content).digest('hex');
      return once(req, reply, p, async (trx) => {
        const sha256 = await putFile(trx, content, type);
        return { status: 201, body: { id: (await addEvidence(trx, p, id, code, { sha256, fileName }, deps.now())).id } };
      }, { code, fileName, sha });
    }
    const note = (req.body as { note?: unknown } | undefined)?.note;
    if (typeof note !== 'string' || note.length > 4000) throw new Problem(422, 'PAR_EVIDENCE_REQUIRED', 'Cần gửi {"note": "…"} (tối đa 4000 ký tự) hoặc một tệp.');
    return once(req, reply, p, async (trx) => ({ status: 201, body: { id: (await addEvidence(trx, p, id, code, { note }, deps.now())).id } }));
  });

  app.get('/api/v1/par/assessments/:id/evidence/:evidenceId', {
    schema: { tags, summary: 'Tải tệp tài liệu kiểm chứng', security, params: Type.Object({ id: Type.String({ format: 'uuid' }), evidenceId: Type.Integer() }) },
  }, async (req, reply) => {
    const p = requireStaff(req);
    const f = await evidenceFile(deps.db, p.communeId, String(req.params.evidenceId));
    if (!f) throw notFound('tệp');
    reply.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.file_name ?? 'tai-lieu')}`);
    return reply.type(f.content_type).send(f.content);
  });

  app.get('/api/v1/par/comparison', {
    schema: { tags, summary: 'So sánh điểm theo lĩnh vực: năm được chọn với năm trước', security,
      querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }), response: { 200: ComparisonSchema } },
  }, async (req) => {
    const p = requireStaff(req);
    return comparison(deps.db, p.communeId, req.query.year);
  });
}
