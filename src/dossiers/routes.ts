// HTTP edge of the dossier engine: intake, one endpoint per lifecycle action (generated from the action
// table), work lists, history, uploads and the public status lookup.
import { Type } from '@sinclair/typebox';
import type { App, Deps } from '../http/deps.ts';
import { Problem, notFound } from '../http/problem.ts';
import { cursorAfter, decodeCursor, type Cursor } from './cursor.ts';
import { idempotent } from '../http/idempotency.ts';
import { requireStaff } from '../identity/hooks.ts';
import { principalKey } from '../identity/core/principal.ts';
import { ACTIONS, ACTION_TYPES, roleName, stateName, type ActionType, type StateCode } from './core/index.ts';
import {
  AnswersSchema, ApplicantSchema, DossierSchema, EventSchema, ExternalCodeSchema, InboxItemSchema, PAYLOAD_SCHEMAS, SupportPointSchema, actionBody,
  applicantOf,
} from './schemas.ts';
import { act, actorId, canReadIdNumbers, createDossier } from './service.ts';
import { chainEvents, countsByState, inbox, linkOf, loadDossier } from './store.ts';
import { logSearch, scanTextQuery } from '../digitisation/search.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS } from '../digitisation/core/terms.ts';
import { checkChain } from '../integrity/core/verify.ts';
import { chainKey } from '../integrity/key-store.ts';
import { dossierView, shownEvent } from './view.ts';
import { publicRoutes } from './public-routes.ts';
import { uploadRoutes } from './upload-routes.ts';
import { ReceivedSchema } from './declaration-routes.ts';
import { recordCounterChecklist } from './declaration.ts';
import { recordDeskIdWaiver } from '../identity/citizens/accounts.ts';
import { ID_WAIVER_CODES, ID_WAIVER_REASONS, MAX_WAIVER_DETAIL, checkDeskId } from '../identity/citizens/core/desk-id.ts';

import { IdempotencyHeader, STAFF_SECURITY as security } from '../http/openapi.ts';
const IdParam = Type.Object({ id: Type.String({ format: 'uuid' }) });
const tags = ['hồ sơ'];

/** Actions that create a dossier have their own endpoints; every other action gets one of its own. */
const CREATING: readonly ActionType[] = ['submit_online', 'receive_counter'];

/** Why the applicant has no ID number, as the counter form's officer picks it (identity/citizens/core/desk-id.ts). */
const IdWaiverSchema = Type.Object(
  {
    reason: Type.Union(ID_WAIVER_CODES.map((c) => Type.Literal(c)), {
      description: ID_WAIVER_CODES.map((c) => `${c}: ${ID_WAIVER_REASONS[c]}`).join('; '),
    }),
    detail: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_WAIVER_DETAIL, description: 'Ghi rõ lý do; bắt buộc với "other"' })),
  },
  {
    additionalProperties: false,
    description: 'Lý do người nộp không có số định danh cá nhân: bắt buộc khi tiếp nhận mà không có applicant.idNumber; '
      + 'khi đó phải có applicant.phone (người nộp tra cứu hồ sơ bằng 4 số cuối số điện thoại). Bỏ qua nếu đã có số định danh.',
  },
);

/** The identification of a counter intake (receive_counter): the ID number, or a reason and a phone, as the counter
 *  form checks it; a refusal needs neither. 422 with the form's message per field otherwise. */
function deskIdOf(action: string, applicant: { idNumber?: string; phone?: string }, w: { reason: string; detail?: string } | undefined) {
  if (action !== 'receive_counter') return null;
  const r = checkDeskId({ idNumber: applicant.idNumber ?? '', phone: applicant.phone ?? '', waiver: w?.reason ?? '', waiverDetail: w?.detail ?? '' });
  if (!r.errors.length) return r.waiver;
  const path = { idNumber: '/body/applicant/idNumber', phone: '/body/applicant/phone', idWaiver: '/body/idWaiver/reason', idWaiverDetail: '/body/idWaiver/detail' };
  throw new Problem(422, 'ID_NUMBER_OR_REASON', r.errors[0]!.message, undefined, r.errors.map((e) => ({ path: path[e.field], message: e.message })));
}

function cursorOf(c: string): Cursor {
  const cursor = decodeCursor(c);
  if (!cursor) throw new Problem(400, 'BAD_CURSOR', 'Con trỏ phân trang không hợp lệ.');
  return cursor;
}

export async function dossierRoutes(app: App, deps: Deps) {
  const view = async (req: { principal: unknown }, id: string) => {
    const p = requireStaff(req as never);
    // Also a dossier the caller's commune received and transferred: its progress (view.ts shows it as a follower).
    const row = await loadDossier(deps.db, p, id, false, true);
    if (!row) throw notFound('hồ sơ');
    return dossierView(deps.db, p, row);
  };

  app.post(
    '/api/v1/dossiers',
    {
      schema: {
        tags,
        summary: 'Tiếp nhận hồ sơ tại quầy (cấp mã hồ sơ, tính ngày hẹn trả) hoặc từ chối tiếp nhận tại quầy',
        description: 'Tiếp nhận cần số định danh cá nhân của người nộp (in trên Giấy tiếp nhận, dùng để tra cứu hồ sơ), hoặc lý do '
          + 'người nộp không có (`idWaiver`) kèm số điện thoại; thiếu thì trả 422 ID_NUMBER_OR_REASON với thông báo từng trường, '
          + 'như biểu mẫu tiếp nhận tại quầy. Từ chối tiếp nhận không cần.',
        security,
        headers: IdempotencyHeader,
        body: Type.Object(
          {
            procedureCode: Type.String({ maxLength: 60 }),
            applicant: ApplicantSchema,
            channel: Type.Union([Type.Literal('direct'), Type.Literal('postal')], { default: 'direct' }),
            action: Type.Union([Type.Literal('receive_counter'), Type.Literal('refuse_receipt')], { default: 'receive_counter' }),
            reason: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
            note: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
            idWaiver: Type.Optional(IdWaiverSchema),
            answers: Type.Optional(AnswersSchema), // the tờ khai typed at the counter, stored as the declaration (source 'counter')
            received: Type.Optional(ReceivedSchema),
            timeCase: Type.Optional(PAYLOAD_SCHEMAS.timeCase), // the procedure's case with its own statutory time
            supportPoint: Type.Optional(SupportPointSchema),
            externalCode: Type.Optional(ExternalCodeSchema),
          },
          { additionalProperties: false },
        ),
        response: { 201: DossierSchema },
      },
    },
    async (req, reply) => {
      const p = requireStaff(req);
      const b = req.body;
      const { idWaiver: _w, timeCase: _t, ...input } = b;
      return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
        const payload = { ...(b.reason ? { reason: b.reason } : {}), ...(b.note ? { note: b.note } : {}), ...(b.timeCase ? { timeCase: b.timeCase } : {}) };
        const applicant = applicantOf(b.applicant, 'counter'); // stored as the counter form stores it (core/applicant.ts)
        const w = await createDossier(trx, { principal: p }, b.action, { ...input, applicant }, payload, deps.now());
        const waiver = deskIdOf(b.action, applicant, b.idWaiver); // after the role and procedure checks; a refusal rolls back
        if (waiver) await recordDeskIdWaiver(trx, w.row.id, waiver, p.id, deps.now());
        if (b.received && b.action === 'receive_counter') await recordCounterChecklist(trx, w.row, b.received, actorId(p), deps.now());
        const filed = { idWaiver: waiver && { reason: waiver.reason, label: ID_WAIVER_REASONS[waiver.reason], detail: waiver.detail }, authorisedPerson: null };
        const known = { events: [{ ...w.event, actor_name: p.name }], files: [], idNumber: applicant.idNumber ?? null, filed, ...(b.answers ? {} : { declaration: null }) };
        return { status: 201, body: await dossierView(trx, p, w.row, known) };
      });
    },
  );

  for (const type of ACTION_TYPES.filter((t) => !CREATING.includes(t) && ACTIONS[t].via === 'action')) { // the others: their own flows
    const rule = ACTIONS[type];
    app.post(
      `/api/v1/dossiers/:id/actions/${type}`,
      {
        schema: {
          tags,
          summary: rule.label,
          // The legal basis is a plain Vietnamese citation; its doubts are in the table's `unverified`, never shown.
          description: `Từ trạng thái: ${rule.from.map((s) => stateName(s)).join(', ')}. Vai trò: ${rule.roles.map(roleName).join(', ')}. Căn cứ: ${rule.legalBasis}.`,
          security,
          params: IdParam,
          headers: IdempotencyHeader,
          body: actionBody(type),
          response: { 200: DossierSchema },
        },
      },
      async (req, reply) => {
        const p = requireStaff(req);
        return idempotent(deps.db, req, reply, principalKey(p), async (trx) => {
          const w = await act(trx, p, req.params.id, type, req.body as Record<string, unknown>, deps.now(), deps);
          return { status: 200, body: await dossierView(trx, p, w.row) };
        });
      },
    );
  }

  app.get(
    '/api/v1/dossiers',
    {
      schema: {
        tags,
        summary: 'Danh sách hồ sơ trong phạm vi của người dùng: hồ sơ chờ tiếp nhận trước (theo hạn tiếp nhận), sau đó theo hạn xử lý (phân trang theo con trỏ)',
        security,
        querystring: Type.Object({
          state: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 10 }))),
          unitId: Type.Optional(Type.Integer()),
          assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Integer()])),
          procedureCode: Type.Optional(Type.String({ maxLength: 60 })),
          dueBefore: Type.Optional(Type.String({ format: 'date-time' })),
          ocr: Type.Optional(Type.String({
            maxLength: MAX_QUERY_LENGTH,
            description: 'Chỉ hồ sơ có giấy tờ đã quét (văn bản nhận dạng OCR) chứa tất cả các từ này, không phân biệt dấu và chữ hoa; '
              + `từ một ký tự được bỏ qua; tối đa ${MAX_QUERY_WORDS} từ. Mỗi lần tìm được ghi vào nhật ký truy cập dữ liệu cá nhân.`,
          })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(InboxItemSchema),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            countsByState: Type.Record(Type.String(), Type.Integer()),
          }),
        },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const q = req.query;
      // Issue 14: the scans' text, through its blind index (digitisation/search.ts); the search is access-logged.
      const scan = q.ocr === undefined ? undefined : scanTextQuery(p.communeId, q.ocr);
      if (scan && !scan.ok) throw new Problem(422, 'OCR_QUERY_INVALID', scan.message, undefined, [{ path: '/querystring/ocr', message: scan.message }]);
      const rows = await inbox(deps.db, p, {
        scanText: scan?.filter,
        states: q.state,
        unitId: q.unitId,
        assigneeId: q.assignee === 'me' ? p.id : q.assignee,
        procedureCode: q.procedureCode,
        dueBefore: q.dueBefore ? new Date(q.dueBefore) : undefined,
        after: q.cursor ? cursorOf(q.cursor) : undefined,
        limit: q.limit,
      });
      if (scan) await logSearch(deps.db, principalKey(p), scan.words, rows);
      const last = rows.length === q.limit ? rows[rows.length - 1] : undefined;
      return {
        items: rows.map((r) => ({
          id: r.id, code: r.code, reference: r.reference, state: r.state, stateName: stateName(r.state as StateCode), procedureCode: r.procedure_code,
          applicantName: r.applicant_name, channel: r.channel, currentUnitId: r.current_unit_id, assigneeId: r.assignee_id,
          submittedAt: r.submitted_at?.toISOString() ?? null, receiptDueAt: r.receipt_due_at?.toISOString() ?? null,
          receivedAt: r.received_at?.toISOString() ?? null,
          dueAt: r.due_at?.toISOString() ?? null, originalDueAt: r.original_due_at?.toISOString() ?? null,
        })),
        nextCursor: last ? cursorAfter(last) : null,
        countsByState: await countsByState(deps.db, p),
      };
    },
  );

  app.get(
    '/api/v1/dossiers/:id',
    { schema: { tags, summary: 'Chi tiết hồ sơ, nhật ký xử lý, tệp đính kèm và các thao tác được phép', security, params: IdParam, response: { 200: DossierSchema } } },
    async (req) => view(req, req.params.id),
  );

  app.get(
    '/api/v1/dossiers/:id/history',
    {
      schema: {
        tags,
        summary: 'Nhật ký xử lý (chỉ ghi thêm, móc xích băm) và kết quả kiểm tra tính toàn vẹn',
        security,
        params: IdParam,
        response: { 200: Type.Object({ intact: Type.Boolean(), firstBrokenSeq: Type.Union([Type.Integer(), Type.Null()]), events: Type.Array(EventSchema) }) },
      },
    },
    async (req) => {
      const p = requireStaff(req);
      const row = await loadDossier(deps.db, p, req.params.id);
      if (!row) throw notFound('hồ sơ');
      // The keyed chain (issue 13): every link recomputed with the chain key kept outside the database, an unkeyed
      // link after a keyed one is a break, and the dossier row's head must be the last entry. The signed checkpoints
      // (what a cut at the end or a rewrite of the older unkeyed links shows against) are checked by `xaso verify`.
      const log = await chainEvents(deps.db, [row.id]);
      const broken = checkChain(log.map((e) => linkOf(row.id, e)), { count: row.event_count, hash: row.last_hash }, chainKey());
      return { intact: broken === null, firstBrokenSeq: broken?.seq ?? null, events: log.map((e) => shownEvent(e, canReadIdNumbers(p))) };
    },
  );

  await uploadRoutes(app, deps);
  await publicRoutes(app, deps);
}
