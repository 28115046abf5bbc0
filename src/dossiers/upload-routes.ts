// Files of a dossier's components: upload (type by content, size capped; a scan is measured, judged and queued for
// its PDF/A storage copy: src/digitisation/intake.ts) and download (access-logged; identity images only for who needs
// them: src/digitisation/core/sensitive.ts); the digitisation jobs of a dossier and their storage copies.
import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem, notFound } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { componentsOf } from '../catalogue/store.ts';
import { FileSchema, FindingSchema } from './schemas.ts';
import { loadDossier, logAccess } from './store.ts';
import { dossierFileContent } from './files-store.ts';
import { attachFile, checkResultDraft, cleanFileName, putFile, sniffType } from './uploads.ts';
import { RESULT_COMPONENT } from './core/index.ts';
import { reviveProjection } from './service.ts';
import { measureUpload, storeScan } from '../digitisation/intake.ts';
import { jobOfDossier, jobsOfDossier, sourceContent } from '../digitisation/store.ts';
import { checkIdentityAccess } from '../digitisation/access.ts';

import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
const tags = ['hồ sơ'];

const STATUS = Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]);
const JobSchema = Type.Object({
  id: Type.String(),
  component: Type.String({ description: 'Mã thành phần hồ sơ' }),
  version: Type.Integer({ minimum: 1 }),
  fileName: Type.String({ description: 'Tên tệp bản lưu trữ PDF/A theo hướng dẫn số hóa' }),
  status: STATUS,
  attempts: Type.Integer(),
  findings: Type.Array(FindingSchema),
  error: Type.Union([Type.String(), Type.Null()], { description: 'Lý do lỗi (khi status = failed, hoặc lần thử trước)' }),
  sourceSha256: Type.String({ description: 'SHA-256 của tệp quét gốc' }),
  storageCopySha256: Type.Union([Type.String(), Type.Null()], { description: 'SHA-256 của bản lưu trữ PDF/A' }),
  pages: Type.Integer({ description: 'Số trang của tệp quét' }),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const download = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export async function uploadRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/dossiers/:id/files',
    {
      config: { roles: ['receiving_officer', 'specialist', 'unit_head'] },
      schema: {
        tags,
        summary: 'Đính kèm tệp (PDF, JPEG, PNG; tối đa 10 MB) cho một thành phần hồ sơ (multipart/form-data, trường "file")',
        description: 'Bản quét (source = scan hoặc upload) được kiểm tra ngay theo hướng dẫn số hóa (độ phân giải, màu, số trang: '
          + '`digitisation.findings`) và đưa vào hàng đợi tạo bản lưu trữ PDF/A-2 có lớp chữ nhận dạng (`digitisation.status`). '
          + 'Thành phần KET_QUA là dự thảo kết quả giải quyết (tệp PDF, được ký số khi phê duyệt): chỉ cán bộ của đơn vị '
          + 'đang giải quyết hồ sơ, khi đã có đề xuất kết quả và chưa trình ký.',
        security,
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({
          component: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }),
          expectedPages: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Số trang dự kiến của giấy tờ (kiểm tra thiếu trang)' })),
          source: Type.Union([Type.Literal('scan'), Type.Literal('upload'), Type.Literal('store'), Type.Literal('reuse')], {
            default: 'scan',
            description: 'scan = số hóa tại quầy; upload = người nộp tải lên; store = lấy từ Kho dữ liệu; reuse = tái sử dụng kết quả số hóa',
          }),
        }),
        headers: IdempotencyHeader,
        response: { 201: FileSchema },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const row = await loadDossier(deps.db, p, req.params.id);
      if (!row) throw notFound('hồ sơ');
      const components = await componentsOf(deps.db, row.procedure_code, row.procedure_version);
      const resultDraft = req.query.component === RESULT_COMPONENT;
      const component = components.find((c) => c.code === req.query.component);
      if (!resultDraft && !component) {
        throw new Problem(422, 'UNKNOWN_COMPONENT', `Thủ tục này không có thành phần hồ sơ "${req.query.component}".`);
      }
      if (resultDraft) checkResultDraft(p, row, reviveProjection(row.projection), 'application/pdf');
      if (!req.isMultipart()) throw new Problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Cần gửi tệp dạng multipart/form-data.');
      const part = await req.file();
      if (!part) throw new Problem(422, 'FILE_MISSING', 'Chưa chọn tệp.');
      const content = await part.toBuffer(); // throws FST_REQ_FILE_TOO_LARGE past the limit → 413
      if (content.length === 0) throw new Problem(422, 'FILE_EMPTY', 'Tệp rỗng.');
      const type = sniffType(content);
      if (!type) throw new Problem(415, 'FILE_TYPE_NOT_ALLOWED', 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).');
      if (resultDraft) checkResultDraft(p, row, reviveProjection(row.projection), type);
      const fileName = cleanFileName(part.filename);
      const source = req.query.source;
      const uploadedBy = p.kind === 'staff' ? p.id : null;
      // A scan of a component is measured now, before the transaction (poppler in a child process), and queued.
      const scan = component && (source === 'scan' || source === 'upload') ? await measureUpload(content, type) : null;
      const expectedPages = req.query.expectedPages;
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const now = deps.now();
        const done = scan && component
          ? await storeScan(trx, {
            dossier: { id: row.id, procedureCode: row.procedure_code }, component, content, type, fileName, source, facts: scan,
            expectedPages, by: p, uploadedBy, now,
          })
          : { file: await attachFile(trx, { dossierId: row.id, componentCode: req.query.component, fileName, sha256: await putFile(trx, content, type), source, uploadedBy, by: p, at: now }), job: null };
        const f = done.file;
        return {
          status: 201,
          body: {
            id: f.id, componentCode: req.query.component, fileName, contentType: type, size: content.length,
            sha256: crypto.createHash('sha256').update(content).digest('hex'),
            digitised: f.digitised, reused: f.reused, fromStore: f.from_store, uploadedAt: f.uploaded_at.toISOString(),
            ...(done.job ? {
              digitisation: { jobId: done.job.jobId, version: done.job.version, storageFileName: done.job.fileName, status: done.job.status, findings: done.job.findings },
            } : {}),
          },
        };
      }, { component: req.query.component, source, fileName, expectedPages, sha256: crypto.createHash('sha256').update(content).digest('hex') });
    },
  );

  app.get(
    '/api/v1/dossiers/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Tải tệp đính kèm (ghi nhật ký truy cập dữ liệu cá nhân)',
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.Integer() }),
        querystring: Type.Object({
          view: Type.Optional(Type.Boolean({ description: 'true: mở xem trong trình duyệt thay vì tải về' })),
        }),
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const row = await loadDossier(deps.db, p, req.params.id);
      if (!row) throw notFound('hồ sơ');
      const f = await dossierFileContent(deps.db, row.id, req.params.fileId);
      if (!f) throw notFound('tệp');
      const identity = await checkIdentityAccess(deps.db, p, row, f.component_code);
      await logAccess(deps.db, principalKey(p), 'download_file', row.id, { fileId: req.params.fileId, ...(identity ? { identityImage: true } : {}) });
      // Viewing in the browser is safe: the type was checked by content at upload (PDF, JPEG, PNG only), and the
      // sandbox keeps a crafted PDF from running script with the workspace's origin.
      const disposition = req.query.view ? 'inline' : 'attachment';
      reply.header('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(f.file_name)}`);
      if (req.query.view) reply.header('Content-Security-Policy', 'sandbox; default-src \'none\'; img-src \'self\'; object-src \'self\'');
      return reply.type(f.content_type).send(f.content);
    },
  );

  app.get(
    '/api/v1/dossiers/:id/digitisation',
    {
      schema: {
        tags,
        summary: 'Việc số hóa của hồ sơ: từng bản quét của thành phần (phiên bản, tên tệp bản lưu trữ, trạng thái, kết quả kiểm tra, mã băm)',
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ jobs: Type.Array(JobSchema) }) },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const row = await loadDossier(deps.db, p, req.params.id);
      if (!row) throw notFound('hồ sơ');
      const jobs = await jobsOfDossier(deps.db, row.id);
      return {
        jobs: jobs.map((j) => ({
          id: String(j.id), component: j.component_code, version: j.version, fileName: j.file_name, status: j.status, attempts: j.attempts,
          findings: j.findings, error: j.last_error, sourceSha256: j.source_sha256, storageCopySha256: j.result_sha256,
          pages: j.result_pages ?? j.source_pages, createdAt: j.created_at.toISOString(), finishedAt: j.finished_at?.toISOString() ?? null,
        })),
      };
    },
  );

  app.get(
    '/api/v1/dossiers/:id/digitisation/:jobId/file',
    {
      schema: {
        tags,
        summary: 'Tải bản lưu trữ PDF/A của một bản quét (ghi nhật ký truy cập dữ liệu cá nhân)',
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }), jobId: Type.String({ pattern: '^[0-9]{1,18}$' }) }),
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const row = await loadDossier(deps.db, p, req.params.id);
      if (!row) throw notFound('hồ sơ');
      const job = await jobOfDossier(deps.db, row.id, req.params.jobId);
      if (!job) throw notFound('bản số hóa');
      if (job.status !== 'done' || !job.result_sha256) throw new Problem(409, 'STORAGE_COPY_NOT_READY', 'Bản lưu trữ PDF/A chưa được tạo xong.');
      const identity = await checkIdentityAccess(deps.db, p, row, job.component_code);
      const pdf = await sourceContent(deps.db, job.result_sha256);
      await logAccess(deps.db, principalKey(p), 'download_storage_copy', row.id, { jobId: String(job.id), ...(identity ? { identityImage: true } : {}) });
      reply.header('Content-Disposition', download(job.file_name));
      return reply.type('application/pdf').send(pdf.content);
    },
  );
}
