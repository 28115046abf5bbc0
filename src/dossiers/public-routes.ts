// Public (no login) dossier endpoints: online submission and the status lookup by code + second factor.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader } from '../http/openapi.ts';
import { ACTIONS, isActionType, stateName, type StateCode } from './core/index.ts';
import { OnlineApplicantSchema, PublicStatusSchema, StateSchema, applicantOf } from './schemas.ts';
import { createDossier } from './service.ts';
import { LOOKUP_POLICY, lockedMessage } from '../shared/attempts-store.ts';
import { guardedLookup } from './public.ts';
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
        summary: 'Nộp hồ sơ trực tuyến (trạng thái 1 "Mới đăng ký"; mã hồ sơ được cấp khi cán bộ tiếp nhận)',
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            communeId: Type.String({ maxLength: 60 }),
            procedureCode: Type.String({ maxLength: 60 }),
            applicant: OnlineApplicantSchema,
            note: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({
            id: Type.String({ format: 'uuid' }),
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
        return {
          status: 201,
          body: { id: row.id, state: 1, stateName: stateName(1), procedureCode: b.procedureCode, submittedAt: now.toISOString() },
        };
      });
    },
  );

  app.get(
    '/api/v1/public/status',
    {
      schema: {
        tags,
        summary: 'Tra cứu tình trạng hồ sơ bằng mã hồ sơ và 4 số cuối số định danh của người nộp (chống dò mã)',
        querystring: Type.Object({
          code: Type.String({ minLength: 10, maxLength: 60 }),
          idLast4: Type.String({ pattern: '^[0-9]{4}$' }),
        }),
        response: { 200: PublicStatusSchema },
      },
    },
    async (req) => {
      const row = await guardedLookup(deps.db, { code: req.query.code.trim().toUpperCase() }, req.query.idLast4, deps.now(), { events: true });
      if (row === 'locked') {
        throw new Problem(429, 'LOOKUP_LOCKED', lockedMessage(LOOKUP_POLICY));
      }
      if (!row) throw lookupFailed();
      return {
        code: row.code!,
        procedureName: row.procedureName,
        state: row.state,
        stateName: stateName(row.state as StateCode),
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
