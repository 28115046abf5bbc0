// Files of a dossier's components: upload (type by content, size capped) and download (access-logged).
import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem, notFound } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { componentsOf } from '../catalogue/store.ts';
import { FileSchema } from './schemas.ts';
import { loadDossier, logAccess } from './store.ts';
import { dossierFileContent } from './files-store.ts';
import { attachFile, checkResultDraft, cleanFileName, putFile, sniffType } from './uploads.ts';
import { RESULT_COMPONENT } from './core/index.ts';
import { reviveProjection } from './service.ts';

import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
const tags = ['hồ sơ'];

export async function uploadRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/dossiers/:id/files',
    {
      config: { roles: ['receiving_officer', 'specialist', 'unit_head'] },
      schema: {
        tags,
        summary: 'Đính kèm tệp (PDF, JPEG, PNG; tối đa 10 MB) cho một thành phần hồ sơ (multipart/form-data, trường "file")',
        description: 'Thành phần KET_QUA là dự thảo kết quả giải quyết (tệp PDF, được ký số khi phê duyệt): chỉ cán bộ của đơn vị '
          + 'đang giải quyết hồ sơ, khi đã có đề xuất kết quả và chưa trình ký.',
        security,
        consumes: ['multipart/form-data'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({
          component: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }),
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
      if (!resultDraft && !components.some((c) => c.code === req.query.component)) {
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
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const sha256 = await putFile(trx, content, type);
        const f = await attachFile(trx, {
          dossierId: row.id, componentCode: req.query.component, fileName, sha256, source,
          uploadedBy: p.kind === 'staff' ? p.id : null,
        });
        return {
          status: 201,
          body: {
            id: f.id, componentCode: req.query.component, fileName, contentType: type, size: content.length, sha256,
            digitised: f.digitised, reused: f.reused, fromStore: f.from_store, uploadedAt: f.uploaded_at.toISOString(),
          },
        };
      }, { component: req.query.component, source, fileName, sha256: crypto.createHash('sha256').update(content).digest('hex') });
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
      await logAccess(deps.db, principalKey(p), 'download_file', row.id, { fileId: req.params.fileId });
      // Viewing in the browser is safe: the type was checked by content at upload (PDF, JPEG, PNG only), and the
      // sandbox keeps a crafted PDF from running script with the workspace's origin.
      const disposition = req.query.view ? 'inline' : 'attachment';
      reply.header('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(f.file_name)}`);
      if (req.query.view) reply.header('Content-Security-Policy', 'sandbox; default-src \'none\'; img-src \'self\'; object-src \'self\'');
      return reply.type(f.content_type).send(f.content);
    },
  );
}
