// Public (no login) dossier endpoints: online submission and the status lookup by code + second factor.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader } from '../http/openapi.ts';
import { ACTIONS, isActionType, stateName, type StateCode } from './core/index.ts';
import { AnswersSchema, OnlineApplicantSchema, PublicStatusSchema, StateSchema, applicantOf } from './schemas.ts';
import { createDossier } from './service.ts';
import { LOOKUP_POLICY, lockedMessage } from '../shared/attempts-store.ts';
import { dossierRef, guardedLookup } from './public.ts';
import { getCommune } from '../org/store.ts';

const tags = ['công khai'];

const lookupFailed = () =>
  new Problem(404, 'DOSSIER_LOOKUP_FAILED', 'Không tìm thấy hồ sơ với mã và 4 số cuối giấy tờ tùy thân đã nhập.');

export async function publicRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/public/submissions',
    {
      schema: {
        tags,
        summary: 'Nộp hồ sơ trực tuyến (trạng thái 1 "Mới đăng ký"): trả về mã tra cứu; mã hồ sơ được cấp khi cán bộ tiếp nhận',
        description: 'Nếu gửi `answers` (tờ khai điện tử), từng câu trả lời được kiểm tra theo biểu mẫu của thủ tục và theo các quy tắc hợp lý '
          + '(ngày sinh không sau hôm nay, cha mẹ sinh trước con, số định danh không trùng giữa các người, dân tộc và quốc tịch theo danh mục); '
          + 'sai thì trả 422 ANSWERS_INVALID kèm đường dẫn từng câu. Thông tin người yêu cầu trong tờ khai lấy từ người nộp.',
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            communeId: Type.String({ maxLength: 60 }),
            procedureCode: Type.String({ maxLength: 60 }),
            applicant: OnlineApplicantSchema,
            note: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
            answers: Type.Optional(AnswersSchema),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String({ format: 'uuid' }),
            reference: Type.String({ description: 'Mã tra cứu, dùng để tra cứu hồ sơ cho đến khi có mã hồ sơ' }),
            receiptDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
            state: StateSchema,
            stateName: Type.String(),
            procedureCode: Type.String(),
            submittedAt: Type.String({ format: 'date-time' }),
          }),
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const commune = await getCommune(deps.db, b.communeId);
      if (!commune) throw new Problem(422, 'UNKNOWN_COMMUNE', `Không có xã "${b.communeId}".`);
      return idempotent(deps.db, req, reply, 'public', async (trx) => {
        const now = deps.now();
        const { row } = await createDossier(trx, { citizen: true, communeId: commune.id }, 'submit_online',
          { ...b, applicant: applicantOf(b.applicant, 'online'), channel: 'online' }, b.note ? { note: b.note } : {}, now);
        // createDossier checked and stored the answers with the dossier (declaration.ts), or refused them all.
        return {
          status: 201,
          body: {
            id: row.id, reference: row.reference, receiptDueAt: row.receipt_due_at?.toISOString() ?? null, state: 1,
            stateName: stateName(1), procedureCode: b.procedureCode, submittedAt: now.toISOString(),
          },
        };
      });
    },
  );

  app.get(
    '/api/v1/public/status',
    {
      schema: {
        tags,
        summary: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ (hoặc mã tra cứu) và 4 số cuối số định danh của người nộp (chống dò mã)',
        querystring: Type.Object({
          code: Type.String({ minLength: 8, maxLength: 60, description: 'Mã hồ sơ, hoặc mã tra cứu (HS-7K4Q-2M9P) trước khi có mã hồ sơ' }),
          idLast4: Type.String({ pattern: '^[0-9]{4}$' }),
        }),
        response: { 200: PublicStatusSchema },
      },
    },
    async (req) => {
      const row = await guardedLookup(deps.db, dossierRef(req.query.code), req.query.idLast4, deps.now(), { events: true });
      if (row === 'locked') {
        throw new Problem(429, 'LOOKUP_LOCKED', lockedMessage(LOOKUP_POLICY));
      }
      if (!row) throw lookupFailed();
      return {
        code: row.code,
        reference: row.reference,
        procedureName: row.procedureName,
        state: row.state,
        stateName: stateName(row.state as StateCode),
        submittedAt: row.submittedAt?.toISOString() ?? null,
        receiptDueAt: row.state === 1 ? (row.receiptDueAt?.toISOString() ?? null) : null,
        receivedAt: row.receivedAt?.toISOString() ?? null,
        dueAt: row.dueAt?.toISOString() ?? null,
        finishedAt: row.finishedAt?.toISOString() ?? null,
        returnedAt: row.returnedAt?.toISOString() ?? null,
        timeline: (row.events ?? []).map(([action, at, toState]) => ({
          at: new Date(at).toISOString(),
          text: `${isActionType(action) ? ACTIONS[action].label : action} → ${stateName(toState as StateCode)}`,
        })),
      };
    },
  );
}
