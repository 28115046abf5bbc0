// Public (no login) dossier endpoints: online submission and the status lookup by code + second factor.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader } from '../http/openapi.ts';
import { actionLabel, stateName, type StateCode } from './core/index.ts';
import { AnswersSchema, OnlineApplicantSchema, PublicStatusSchema, StateSchema, applicantOf } from './schemas.ts';
import { createDossier } from './service.ts';
import { LOOKUP_POLICY, lockedMessage } from '../shared/attempts-store.ts';
import { dossierRef, guardedLookup, requireWriteAllowed } from './public.ts';
import { getCommune } from '../org/store.ts';
import { CITIZEN_COOKIE, markFiledByCitizen } from '../identity/citizens/accounts.ts';
import { onlineFiler } from './online-filer.ts';

const tags = ['công khai'];

const lookupFailed = () =>
  new Problem(404, 'DOSSIER_LOOKUP_FAILED', 'Không tìm thấy hồ sơ với mã và 4 số cuối đã nhập.');

export async function publicRoutes(app: App, deps: Deps) {
  app.post(
    '/api/v1/public/submissions',
    {
      schema: {
        tags,
        summary: 'Nộp hồ sơ trực tuyến (trạng thái 1 "Mới đăng ký"): trả về mã tra cứu; mã hồ sơ được cấp khi cán bộ tiếp nhận',
        description: 'Nếu gửi `answers` (tờ khai điện tử), từng câu trả lời được kiểm tra theo biểu mẫu của thủ tục và theo các quy tắc hợp lý '
          + '(ngày sinh không sau hôm nay, cha mẹ sinh trước con, số định danh không trùng giữa các người, dân tộc và quốc tịch theo danh mục); '
          + 'sai thì trả 422 ANSWERS_INVALID kèm đường dẫn từng câu. Thông tin người yêu cầu trong tờ khai lấy từ người nộp. '
          + 'Thủ tục yêu cầu định danh điện tử (mặc định) chỉ nhận hồ sơ của công dân đang đăng nhập Cổng dịch vụ công của xã bằng '
          + 'tài khoản định danh điện tử (phiên đăng nhập của cổng), nộp cho chính mình: họ tên và số định danh cá nhân của người nộp '
          + 'phải là của tài khoản; không đăng nhập trả 403 EID_REQUIRED, người nộp khác tài khoản trả 403 APPLICANT_NOT_CITIZEN. '
          + 'Nộp thay người khác thực hiện trên cổng. Hồ sơ nộp khi đã đăng nhập được ghi nhận là đã xác thực bằng định danh điện tử.',
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
      // Anonymous writes are limited by address and by commune (shared/rate-limits.ts): 429 RATE_LIMITED past either.
      await requireWriteAllowed(deps.db, reply, 'submission', req.ip, commune.id, deps.now());
      const applicant = applicantOf(b.applicant, 'online');
      const citizen = await onlineFiler(deps.db, req.cookies?.[CITIZEN_COOKIE], b.procedureCode, applicant, deps.now());
      return idempotent(deps.db, req, reply, citizen ? `citizen:${citizen.id}` : 'public', async (trx) => {
        const now = deps.now();
        // Filed by the citizen logged in: the name and ID number as their identity says them.
        const filed = citizen ? { ...applicant, name: citizen.name, idNumber: citizen.idNumber } : applicant;
        const { row } = await createDossier(trx, { citizen: true, communeId: commune.id }, 'submit_online',
          { ...b, applicant: filed, channel: 'online' }, b.note ? { note: b.note } : {}, now);
        if (citizen) await markFiledByCitizen(trx, row.id, citizen, { name: citizen.name, idNumber: citizen.idNumber });
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
          idLast4: Type.String({
            pattern: '^[0-9]{4}$',
            description: '4 số cuối số định danh cá nhân của người nộp; hồ sơ không có số định danh (tiếp nhận tại quầy kèm lý do): 4 số cuối số điện thoại ghi trên Giấy tiếp nhận',
          }),
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
          text: `${actionLabel(action)} → ${stateName(toState as StateCode)}`,
        })),
        archivedLog: row.archivedLog ? { month: row.archivedLog.month, archivedAt: row.archivedLog.archivedAt.toISOString() } : null,
      };
    },
  );
}
