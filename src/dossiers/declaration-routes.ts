// HTTP edge of a dossier's declaration (tờ khai): read it with its revisions, and an officer's correction (a new
// revision and an entry in the dossier's history; declaration-correction.ts). Staff only, scoped like the dossier
// API (another commune, or for a specialist a dossier not routed to their unit: 404).
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { notFound } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { AnswersSchema, DeclarationSchema } from './schemas.ts';
import { MAX_COPIES, MAX_CORRECTION_REASON, hideIdNumbers } from './core/declaration.ts';
import { declarationOf } from './declaration.ts';
import { correctDeclaration } from './declaration-correction.ts';
import { loadDossier, logAccess } from './store.ts';
import { canReadIdNumbers } from './service.ts';

const tags = ['hồ sơ'];
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Instant = Type.String({ format: 'date-time' });
const Name = Type.Union([Type.String(), Type.Null()]);

const DeclarationWithHistory = Type.Composite([DeclarationSchema, Type.Object({
  corrected: Type.Union([Type.Object({
    revision: Type.Integer(), at: Instant, by: Name, byName: Name, reason: Name,
  }), Type.Null()], { description: 'Lần sửa gần nhất của cán bộ (người sửa, thời điểm, lý do); null nếu chưa sửa' }),
  revisions: Type.Array(Type.Object({
    revision: Type.Integer(), source: Type.String(), recordedAt: Instant, byName: Name, reason: Name,
  }), { description: 'Các lần ghi tờ khai, cũ trước: lần 1 do người nộp khai, các lần sau do cán bộ sửa' }),
})]);

/** The counter intake's checklist in POST /api/v1/dossiers (dossiers/routes.ts): the components received, with copies. */
export const ReceivedSchema = Type.Array(Type.Object({
  componentCode: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }),
  copies: Type.Integer({ minimum: 1, maximum: MAX_COPIES }),
}, { additionalProperties: false }), {
  maxItems: 50,
  description: 'Thành phần hồ sơ đã nhận tại quầy và số bản; khi gửi, thiếu thành phần bắt buộc thì trả 422 CHECKLIST_INCOMPLETE',
});

export async function declarationRoutes(app: App, deps: Deps) {
  app.get(
    '/api/v1/dossiers/:id/declaration',
    {
      schema: {
        tags, summary: 'Tờ khai của hồ sơ (câu trả lời biểu mẫu điện tử) và các lần sửa', security, params: IdParam,
        response: { 200: DeclarationWithHistory },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const row = await loadDossier(deps.db, p, req.params.id);
      if (!row) throw notFound('hồ sơ');
      const d = await declarationOf(deps.db, row.id);
      if (!d) throw notFound('tờ khai');
      if (!canReadIdNumbers(p)) return { ...d, forms: hideIdNumbers(d.forms) };
      await logAccess(deps.db, principalKey(p), 'view_declaration', row.id, {});
      return d;
    },
  );

  app.put(
    '/api/v1/dossiers/:id/declaration',
    {
      schema: {
        tags,
        summary: 'Cán bộ sửa tờ khai của hồ sơ (lưu thành lần sửa mới, ghi vào nhật ký xử lý)',
        description: 'Cán bộ tiếp nhận sửa trước và khi tiếp nhận; chuyên viên được giao xử lý hoặc lãnh đạo đơn vị đang giải quyết sửa '
          + 'trong khi xử lý; không sửa được sau khi đã phê duyệt kết quả (409 DECLARATION_LOCKED). Kiểm tra như khi người nộp khai: '
          + 'sai thì 422 ANSWERS_INVALID với đường dẫn từng mục. Thành phần tờ khai không gửi lên được giữ nguyên.',
        security,
        params: IdParam,
        headers: IdempotencyHeader,
        body: Type.Object({
          answers: AnswersSchema,
          reason: Type.String({ minLength: 1, maxLength: MAX_CORRECTION_REASON, description: 'Lý do sửa' }),
        }, { additionalProperties: false }),
        response: { 200: DeclarationWithHistory },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const d = await correctDeclaration(trx, p, req.params.id, req.body, deps.now());
        return { status: 200, body: d };
      });
    },
  );
}
