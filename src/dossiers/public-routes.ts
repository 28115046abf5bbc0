// Public (no login) dossier endpoints: online submission and the status lookup by code + second factor.
import crypto from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { App, Deps } from '../http/app.ts';
import { Problem } from '../http/problem.ts';
import { idempotent } from '../http/idempotency.ts';
import { IdempotencyHeader } from '../http/openapi.ts';
import { ACTIONS, isActionType, stateName, type StateCode } from './core/index.ts';
import { ApplicantSchema, PublicStatusSchema, StateSchema } from './schemas.ts';
import { createDossier } from './service.ts';
import { LOOKUP_POLICY, lockedMessage, clearFailures, failuresQuery, recentFailures, recordFailure } from '../shared/attempts.ts';

const tags = ['công khai'];

// ── The status lookup, shared by this JSON endpoint and the portal's status page (src/web/portal) ─────────────

const publicColumns = [
  'd.id', 'd.code', 'd.state', 'd.commune_id as communeId', 'd.procedure_code as procedureCode',
  'd.procedure_version as procedureVersion', 'p.name as procedureName', 'd.channel', 'd.projection',
  'd.submitted_at as submittedAt', 'd.received_at as receivedAt', 'd.due_at as dueAt', 'd.finished_at as finishedAt',
  'd.returned_at as returnedAt',
] as const;

const publicQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
    .select(publicColumns);

/** What a citizen may see of a dossier once the second factor is proven (never the ID number). */
export type PublicDossier = NonNullable<Awaited<ReturnType<ReturnType<typeof publicQuery>['executeTakeFirst']>>>;

/**
 * The dossier with this code (or, for `{ id }`, this submission reference: online dossiers have no code before
 * receipt; the caller checks it is a UUID) if `idLast4` are the last 4 digits of the applicant's ID number; null
 * otherwise, with the same work and the same answer whether the code or the digits are wrong, so that codes cannot
 * be enumerated. Behind a lockout: 5 wrong answers for one reference lock it for 15 minutes, whoever tries
 * (src/shared/attempts.ts), so that the 4 digits cannot be guessed either; 'locked' while locked. The usual right
 * answer costs one query (the failure count is a subquery of it).
 */
export async function guardedLookup(
  db: Kysely<Database>, ref: { code: string } | { id: string }, idLast4: string, now: Date, opts: { events?: boolean } = {},
): Promise<(PublicDossier & { events: BriefEvent[] | null }) | null | 'locked'> {
  const key = 'code' in ref ? ref.code : ref.id;
  const events = opts.events
    ? sql<BriefEvent[] | null>`(SELECT json_agg(json_build_array(e.action, e.at, e.to_state) ORDER BY e.seq) FROM dossier_events e WHERE e.dossier_id = d.id)`
    : sql<null>`NULL`;
  const q = publicQuery(db).select(['d.applicant_id_number', () => failuresQuery(db, LOOKUP_POLICY, key, now).as('failures'), events.as('events')]);
  const row = await ('code' in ref ? q.where('d.code', '=', ref.code) : q.where('d.id', '=', ref.id)).executeTakeFirst();
  const failures = row ? (row.failures ?? 0) : await recentFailures(db, LOOKUP_POLICY, key, now);
  if (failures >= LOOKUP_POLICY.max) return 'locked';
  const expected = Buffer.from((row?.applicant_id_number ?? '').slice(-4).padStart(4, '#'));
  const given = Buffer.from(/^[0-9]{4}$/.test(idLast4) ? idLast4 : '????');
  if (!crypto.timingSafeEqual(expected, given) || !row) {
    await recordFailure(db, LOOKUP_POLICY, key, now);
    return null;
  }
  if (failures > 0) await clearFailures(db, LOOKUP_POLICY, key);
  const { applicant_id_number: _secret, failures: _count, ...rest } = row;
  return rest;
}

/** [action, at (JSON timestamp), to_state] of each event, oldest first: the public status endpoint's timeline. */
type BriefEvent = [action: string, at: string, toState: number];

/** A dossier by id, for a caller that checked the second factor earlier (the portal's short-lived proof). */
export async function loadPublicDossier(db: Kysely<Database>, id: string): Promise<PublicDossier | null> {
  return (await publicQuery(db).where('d.id', '=', id).executeTakeFirst()) ?? null;
}

/** The dossier's log as the applicant may see it: what happened, when, to which state, with the payload (reasons,
 *  items to supplement…) and the role of the actor (never the officer's id or name). */
export async function publicTimeline(db: Kysely<Database>, dossierId: string) {
  const rows = await db
    .selectFrom('dossier_events')
    .select(['seq', 'action', 'at', 'to_state', 'actor_role', 'payload', 'recorded_at'])
    .where('dossier_id', '=', dossierId)
    .orderBy('seq')
    .execute();
  return rows.map((e) => ({
    seq: e.seq, action: e.action, at: e.at, toState: e.to_state, actorRole: e.actor_role,
    payload: e.payload as Record<string, unknown>, recordedAt: e.recorded_at,
  }));
}
export type PublicEvent = Awaited<ReturnType<typeof publicTimeline>>[number];

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
            applicant: ApplicantSchema,
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
      const commune = await deps.db.selectFrom('communes').select('id').where('id', '=', b.communeId).executeTakeFirst();
      if (!commune) throw new Problem(422, 'UNKNOWN_COMMUNE', `Không có xã "${b.communeId}".`);
      return idempotent(deps.db, req, reply, 'public', async (trx) => {
        const now = deps.now();
        const { row } = await createDossier(trx, { citizen: true, communeId: commune.id }, 'submit_online',
          { ...b, channel: 'online' }, b.note ? { note: b.note } : {}, now);
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
