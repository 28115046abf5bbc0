// The dossier service: loads what a command needs, asks the pure core to decide, and writes the outcome
// (event, projection, code, control-sheet hand-over) in the caller's transaction. Data flows one way:
// routes → service → core + store.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { codeToken, tailOf } from '../db/commit-tail.ts';
import { Problem, notFound } from '../http/problem.ts';
import { hasRole, type Principal } from '../identity/core/principal.ts';
import { procedureAt, procedureVersion } from '../catalogue/store.ts';
import { type StoredProcedure } from '../catalogue/core/types.ts';
import { workCalendarFor } from '../calendar/store.ts';
import { communeUnits, type CommuneUnits } from '../org/store.ts';
import { canSetNewAppointment, computeDue, moveDue, resumeDue, vnDate } from '../calendar/core/index.ts';
import { advance } from './control-sheet.ts';
import { afterChange, firstEntryWrites, type FirstEntry } from './after-change.ts';
import type { WorkCalendar } from '../calendar/core/index.ts';
import {
  ACTIONS, checkNow, communeSideCheck, decide, dossierCodePrefix, formatDossierCode, PROJECTION_DATE_FIELDS, RECEIPT_TIME,
  type ActionEvent, type ActionType, type Actor, type DecideContext, type DossierError, type DossierProjection,
  type PayloadInput, type Role,
} from './core/index.ts';
import crypto from 'node:crypto';
import { secretKey } from '../shared/secret-key-store.ts';
import type { FormAnswers } from './core/declaration.ts';
import { checkedDeclaration, recordDeclaration } from './declaration.ts';
import { statutoryTime } from './core/time-cases.ts';
import { checkSigner, signApproval, type ResultSigning } from './result-signing.ts';
import { deskSupportPoint, dossierByExternalCode, supportPointByCode } from './support-points-store.ts';
import { crossCommune, recordPapers, type CrossCommune } from './transfer.ts';
import { notOfferedCached } from '../province/choices-store.ts';
import {
  activeStaffMember, loadDossier, nextSequence, writeLogged, type DossierRow, type EventRecord, type EventRow,
} from './store.ts';

type Db = Kysely<Database>;

export interface Applicant {
  name: string;
  idNumber?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface NewDossier {
  procedureCode: string;
  applicant: Applicant;
  channel: 'direct' | 'online' | 'postal';
  note?: string;
  /** The e-form answers (per form component), checked and stored with the dossier as its declaration. */
  answers?: FormAnswers;
  /** Where the citizen was helped (a support point's code); by default the receiving desk at the counter, none online. */
  supportPoint?: string;
  /** The code the dossier carries in the system it came from (MaHoSoKhac), unique in the commune. */
  externalCode?: string;
}

export const problemOf = (e: DossierError) => new Problem(e.status, e.code, e.message);

// ── Context for the core ──────────────────────────────────────────────────────────────────────────────

function decideContext(proc: StoredProcedure, cal: WorkCalendar, channel: NewDossier['channel']): DecideContext {
  return {
    computeDue: (startAt, timeCase) => {
      const t = statutoryTime(proc, channel, timeCase);
      return t ? computeDue(startAt, t, cal).dueAt : null;
    },
    moveDue: (due, from, to) => moveDue(due, from, to, cal),
    receiptDue: (at) => computeDue(at, RECEIPT_TIME, cal).dueAt,
    resumeDue: (dueAt, pausedAt, resumedAt) => resumeDue(dueAt, pausedAt, resumedAt, cal),
    canSetNewAppointment: (now, dueAt) => canSetNewAppointment(now, dueAt, cal),
    pausingStates: proc.pausingStates,
    // QĐ 766/QĐ-TTg: more than one supplement request after receipt counts as late; refused by default.
    allowSecondSupplement: false,
    draftConfirmation: draftConfirmationFor(proc, channel),
    // "trong thời hạn tối đa 01 ngày": read as one working day (the applicant's time, counted like the dossier's).
    draftWindowOver: (sentAt, now) => cal.workingHoursBetween(sentAt, now) >= cal.hoursPerWorkingDay,
    receivableAnywhere: proc.flags.receivableAnywhereInProvince,
  };
}

/** The applicant checks the draft e-certificate before it is signed: a civil-status registration (field Hộ tịch) filed
 *  online (the 2025 civil-status procedure texts: "gửi dự thảo … người yêu cầu xác nhận trong thời hạn tối đa 01 ngày"). */
export const draftConfirmationFor = (proc: StoredProcedure, channel: NewDossier['channel']) =>
  channel === 'online' && proc.field.code === CIVIL_STATUS_FIELD;
const CIVIL_STATUS_FIELD = 'HOTICH';

/** Actor ids in the log: a staff member's id (the same id assignments use), `apikey:<id>` for systems. */
export const actorId = (p: Principal) => (p.kind === 'staff' ? String(p.id) : `apikey:${p.id}`);

/** The principal acting in the first of their roles that may take the action now (a unit head who is also
 *  the CCHC coordinator acts as unit head on unit actions); null if none may. "Now": what `decide` checks before
 *  the payload and the time (core checkNow: access, then the history rules), so a dry run of the decision. */
function fittingActor(p: Principal, projection: DossierProjection | null, type: ActionType): Actor | null {
  const allowed = ACTIONS[type].roles as readonly Role[];
  for (const role of p.roles) {
    if (!allowed.includes(role)) continue;
    const actor: Actor = { id: actorId(p), unitCode: p.unitCode, role };
    if (checkNow(projection, type, actor) === null) return actor;
  }
  return null;
}

/** The actor for a command: the fitting one, or else one whose refusal the core will explain. */
function actorFor(p: Principal, projection: DossierProjection | null, type: ActionType): Actor {
  const allowed = ACTIONS[type].roles as readonly Role[];
  const role = p.roles.find((r) => allowed.includes(r)) ?? p.roles[0] ?? 'specialist';
  return fittingActor(p, projection, type) ?? { id: actorId(p), unitCode: p.unitCode, role };
}

/**
 * The citizen's reference in the log: a keyed hash (HMAC-SHA256) of the personal ID number, never the number itself,
 * so that a citizen proving it (the status page's second factor now, the e-identity login later) acts on their own
 * dossiers only (the core's NOT_YOUR_DOSSIER rule). The key is kept out of the database (shared/secret-key-store.ts):
 * with the database alone the reference does not lead back to the number (issue 13; Luật BVDLCN 91/2025, NĐ 356/2025:
 * pseudonymised personal data). Without an ID number the citizen stays anonymous.
 */
export const applicantRef = (idNumber: string | undefined | null): string | null =>
  idNumber ? 'ck:' + crypto.createHmac('sha256', applicantKey()).update(idNumber).digest('hex').slice(0, 32) : null;

let key: Buffer | undefined;
const applicantKey = () => (key ??= secretKey('applicant-ref'));

/**
 * The unkeyed reference the log held before issue 13 (`cd:` + sha256 prefix, reversible by trying ID numbers): still
 * in the projections and in the hash-chained entries of dossiers filed before, which are never rewritten. Recomputed
 * only to recognise their applicant (citizenActor's formerIds); never written again, and stripped from the log shown
 * to roles that may not read ID numbers (view.ts).
 */
export const legacyApplicantRef = (idNumber: string): string =>
  'cd:' + crypto.createHash('sha256').update(`xaso-applicant:${idNumber}`).digest('hex').slice(0, 24);

export const citizenActor = (idNumber: string | undefined | null): Actor =>
  idNumber
    ? { id: applicantRef(idNumber)!, role: 'citizen', unitCode: null, formerIds: [legacyApplicantRef(idNumber)] }
    : { id: 'cd:anonymous', role: 'citizen', unitCode: null };

// ── JSON storage of the projection ────────────────────────────────────────────────────────────────────

export function reviveProjection(json: object): DossierProjection {
  const out: Record<string, unknown> = { ...json };
  for (const f of PROJECTION_DATE_FIELDS) if (typeof out[f] === 'string') out[f] = new Date(out[f] as string);
  return out as unknown as DossierProjection;
}

// ── Writing an outcome ────────────────────────────────────────────────────────────────────────────────

interface Loaded {
  row: DossierRow | null;
  communeId: string;
  proc: StoredProcedure;
  cal: WorkCalendar;
  units: CommuneUnits;
}

/** Checks hand-over targets against the organisation (the core only knows codes). */
async function checkTargets(db: Db, l: Loaded, payload: PayloadInput) {
  const unitCode = payload.unitCode;
  if (typeof unitCode === 'string' && !l.units.byCode.has(unitCode)) {
    throw new Problem(422, 'UNKNOWN_UNIT', `Đơn vị "${unitCode}" không thuộc xã này.`);
  }
  const assignee = payload.assigneeId;
  if (assignee !== undefined && assignee !== null) {
    const unit = typeof unitCode === 'string' ? l.units.byCode.get(unitCode) : undefined;
    const staff = /^\d{1,12}$/.test(String(assignee)) ? await activeStaffMember(db, l.communeId, Number(assignee)) : undefined;
    if (!staff || (unit && staff.unit_id !== unit.id)) {
      throw new Problem(422, 'UNKNOWN_ASSIGNEE', 'Cán bộ được phân công không thuộc đơn vị nhận.');
    }
  }
}

/** A staff member's actor id as the staff table's id (systems and citizens have none). */
const staffIdOf = (actor: string | null | undefined) => (actor && /^\d{1,12}$/.test(actor) ? Number(actor) : null);

async function persist(trx: Db, l: Loaded, next: DossierProjection, event: ActionEvent, extra: {
  id?: string; applicant?: Applicant; channel?: NewDossier['channel']; note?: string; supportPointId?: number | null; externalCode?: string;
  moveTo?: CrossCommune['moveTo'];
}) {
  const row = l.row;
  // After a transfer the dossier is at the competent commune's units (transfer.ts); its receiving unit stays the
  // receiving commune's, written only at receipt.
  const units = extra.moveTo?.units ?? l.units;
  const unitId = (code: string | null) => (code ? (units.byCode.get(code)?.id ?? null) : null);
  const id = row?.id ?? extra.id ?? crypto.randomUUID();
  let code = row?.code ?? null;
  if (event.changes.receivedAt && !code) {
    // Dossier code: <agency e-identifier>-<YYMMDD>-<NNNN> per receiving unit and day (domain.md §2.4).
    const unit = l.units.byCode.get(next.receivingUnitCode ?? '');
    if (!unit?.receivesDossiers) throw new Problem(422, 'NOT_A_RECEIVING_UNIT', 'Cán bộ tiếp nhận phải thuộc một đơn vị tiếp nhận hồ sơ.');
    const agency = unit.agencyCode ?? l.units.agencyCode;
    const tail = row ? undefined : tailOf(trx);
    if (tail) {
      // A new dossier in a request that stores its response (the counter intake): the number is drawn by the last
      // statement before COMMIT, which alone then holds the unit's counter row (db/commit-tail.ts).
      code = codeToken(id);
      tail.codes.push({ dossierId: id, token: code, unitId: unit.id, day: vnDate(event.at), prefix: dossierCodePrefix(agency, event.at) });
    } else {
      code = formatDossierCode(agency, event.at, await nextSequence(trx, unit.id, vnDate(event.at)));
    }
  }
  const prev = row ? reviveProjection(row.projection) : null;
  const { pos, handover } = advance(
    { index: row?.step_index ?? null, dueAt: row?.step_due_at ?? null }, l.proc.processSteps, prev, next, event, l.cal,
  );

  const record: EventRecord = {
    dossierId: id, seq: event.seq, action: event.type, fromState: event.fromState, toState: event.toState,
    actorId: event.actor.id, actorRole: event.actor.role, actorUnit: event.actor.unitCode, at: event.at,
    payload: event.payload, changes: event.changes, handover,
  };
  const common = {
    procedure_version: l.proc.version,
    state: next.state,
    code,
    current_unit_id: unitId(next.currentUnitCode),
    assignee_id: next.assigneeId && /^\d+$/.test(next.assigneeId) ? Number(next.assigneeId) : null,
    signature_requested_of: staffIdOf(next.signatureRequestedOf),
    step_index: pos.index,
    step_due_at: pos.dueAt,
    receipt_due_at: next.receiptDueAt ?? null,
    received_at: next.receivedAt,
    due_at: next.dueAt,
    original_due_at: next.originalDueAt,
    finished_at: next.finishedAt,
    returned_at: next.returnedAt,
    ...(row && event.changes.receivingUnitCode === undefined ? {} : { receiving_unit_id: unitId(next.receivingUnitCode) }),
    ...(extra.moveTo ? { commune_id: extra.moveTo.communeId, competent_authority: extra.moveTo.competentAuthority } : {}),
    projection: JSON.stringify(next),
    event_count: event.seq,
    updated_at: event.at,
  };
  const eventValues = {
    dossier_id: id, seq: event.seq, action: event.type, from_state: event.fromState, to_state: event.toState,
    actor_id: event.actor.id, actor_role: event.actor.role, actor_unit: event.actor.unitCode, at: event.at,
    payload: JSON.stringify(event.payload), changes: JSON.stringify(event.changes),
    handover: handover ? JSON.stringify(handover) : null, prev_hash: row?.last_hash ?? null,
    // The partition of the dossier's log (migration 049): the month of its first entry, kept on the dossier row.
    dossier_month: row ? row.dossier_month : `${vnDate(event.at).slice(0, 7)}-01`,
  };
  const current = unitId(next.currentUnitCode);
  // One statement writes the dossier, its log entry and its routing (store.ts writeLogged). The row lock taken by
  // loadDossier makes the update safe; the event_count condition would turn a lost update into a failed statement anyway.
  let written: DossierRow | undefined;
  let first: FirstEntry | undefined;
  if (row) {
    written = await writeLogged(trx, { id, event: eventValues, record, currentUnitId: current, update: { eventCount: row.event_count, set: common } });
  } else {
    const a = extra.applicant!;
    const insert = {
      ...common,
      id,
      commune_id: l.communeId,
      procedure_code: l.proc.code,
      procedure_version: l.proc.version,
      channel: extra.channel!,
      applicant_name: a.name,
      applicant: JSON.stringify({ address: a.address ?? null, phone: a.phone ?? null, email: a.email ?? null, note: extra.note ?? null }),
      applicant_id_number: a.idNumber ?? null,
      support_point_id: extra.supportPointId ?? null,
      external_code: extra.externalCode ?? null,
      competent_authority: l.proc.authority,
      submitted_at: event.at,
      dossier_month: eventValues.dossier_month,
    };
    // Its first facts row and sync message ride on the same statement (after-change.ts firstEntryWrites).
    first = firstEntryWrites({ ...insert, projection: next, authenticated_with_eid: false }, l.proc, current === null ? null : next.currentUnitCode, event);
    written = await writeLogged(trx, { id, event: eventValues, record, currentUnitId: current, insert, also: first.also });
  }
  if (!written) throw new Problem(409, 'CONCURRENT_CHANGE', 'Hồ sơ vừa được người khác cập nhật, vui lòng tải lại.');
  const logged: EventRow = {
    seq: event.seq, action: event.type, from_state: event.fromState, to_state: event.toState, actor_id: event.actor.id,
    actor_role: event.actor.role, actor_unit: event.actor.unitCode, actor_name: null, at: event.at,
    // The hash writeLogged linked the entry with (the chain key, src/dossiers/store.ts) is the dossier's new head.
    payload: event.payload, changes: event.changes, handover, prev_hash: row?.last_hash ?? null, hash: written.last_hash as string,
  };
  await afterChange(trx, { row: written, event: logged, procedure: l.proc }, first);
  return { row: written, event: logged };
}

/** What a command wrote: the dossier row as now stored and its new log entry. */
export type Written = Awaited<ReturnType<typeof persist>>;

// ── Commands ──────────────────────────────────────────────────────────────────────────────────────────

/** Creates a dossier: online submission (citizen, or a system forwarding it: the national portal), counter intake or
 *  counter refusal (receiving officer), with its declaration when `input.answers` are given (422 ANSWERS_INVALID,
 *  nothing written, when they are wrong). */
export async function createDossier(
  trx: Db,
  who: { principal: Principal } | { citizen: true; communeId: string } | { system: Actor; communeId: string },
  type: 'submit_online' | 'receive_counter' | 'refuse_receipt',
  input: NewDossier,
  payload: PayloadInput,
  now: Date,
): Promise<Written> {
  const communeId = 'principal' in who ? who.principal.communeId : who.communeId;
  const proc = await procedureAt(trx, input.procedureCode, now);
  if (!proc) throw new Problem(422, 'UNKNOWN_PROCEDURE', `Không có thủ tục mã "${input.procedureCode}" đang có hiệu lực.`);
  if (proc.routingOnly) throw routingOnly(proc);
  // The commune's catalogue choices (migration 046): a procedure it does not offer at its desk is received elsewhere.
  if ((await notOfferedCached(trx, communeId)).has(proc.code)) {
    throw new Problem(422, 'PROCEDURE_NOT_OFFERED', `Xã không tiếp nhận thủ tục "${proc.name}"; đề nghị người dân nộp tại Trung tâm Phục vụ hành chính công khác trong tỉnh hoặc trực tuyến.`);
  }
  if (input.externalCode && (await dossierByExternalCode(trx, communeId, input.externalCode))) {
    throw new Problem(409, 'EXTERNAL_CODE_EXISTS', `Đã có hồ sơ mang mã hồ sơ khác "${input.externalCode}" trong xã; không tạo hồ sơ thứ hai.`);
  }
  if (!proc.methods.includes(input.channel)) {
    throw new Problem(422, 'CHANNEL_NOT_OFFERED', `Thủ tục "${proc.name}" không thực hiện qua hình thức này.`);
  }
  const a = input.applicant;
  const declaration = input.answers
    ? checkedDeclaration(proc, input.answers, vnDate(now), { name: a.name, idNumber: a.idNumber, address: a.address, phone: a.phone, email: a.email ?? '' })
    : null;
  const l: Loaded = { row: null, communeId, proc, cal: await workCalendarFor(trx, communeId), units: await communeUnits(trx, communeId) };
  await checkTargets(trx, l, payload);
  // `system`: a dossier another system forwards (the national portal, src/inbound/): the applicant still owns it
  // (payload.applicantId below), the log names the system.
  const actor = 'principal' in who ? actorFor(who.principal, null, type) : 'system' in who ? who.system : citizenActor(input.applicant.idNumber);
  const ref = applicantRef(input.applicant.idNumber);
  const withApplicant = ref && payload.applicantId === undefined ? { ...payload, applicantId: ref } : payload;
  const r = decide(null, { type, actor, at: now, payload: withApplicant }, decideContext(proc, l.cal, input.channel));
  if (!r.ok) throw problemOf(r.error);
  const supportPointId = await supportPointOf(trx, l, who, input.supportPoint);
  const written = await persist(trx, l, r.next, r.event, {
    applicant: input.applicant, channel: input.channel, note: input.note, supportPointId, externalCode: input.externalCode,
  });
  if (declaration) await recordDeclaration(trx, written.row.id, declaration, input.channel === 'online' ? 'online' : 'counter', now);
  return written;
}

/** Where the citizen was helped: the support point named (422 if the commune has no such active one); else, at the
 *  counter, the receiving officer's desk; else (filed online alone) none. */
async function supportPointOf(trx: Db, l: Loaded, who: Parameters<typeof createDossier>[1], code: string | undefined) {
  if (code) {
    const sp = await supportPointByCode(trx, l.communeId, code);
    if (!sp) throw new Problem(422, 'UNKNOWN_SUPPORT_POINT', `Xã không có điểm hỗ trợ mã "${code}".`);
    return sp.id;
  }
  const desk = 'principal' in who && who.principal.unitCode ? l.units.byCode.get(who.principal.unitCode) : undefined;
  return desk?.receivesDossiers ? deskSupportPoint(trx, l.communeId, desk.id) : null;
}

/** A procedure another agency decides (catalogue `routingOnly`, e.g. residence: Công an xã, Luật Cư trú 2020): the
 *  commune guides the citizen there and receives nothing, so no dossier, code or due date of its own. */
export const routingOnly = (proc: StoredProcedure) => new Problem(409, 'ROUTING_ONLY_PROCEDURE',
  `Thủ tục "${proc.name}" do ${proc.authority} giải quyết, Ủy ban nhân dân xã không tiếp nhận hồ sơ. ` +
  `Hướng dẫn người dân nộp hồ sơ tại ${proc.authority} hoặc trực tuyến trên Cổng Dịch vụ công quốc gia, ứng dụng VNeID.`);

/** Any action on an existing dossier the principal may see (404 otherwise: existence is not revealed), or,
 *  for a citizen (`{ citizen: idNumber }`), on their own dossier (the core checks the applicant). `signing`: what
 *  the approval needs to sign the result (the app's Deps will do); without it an approval is refused (503). */
export async function act(
  trx: Db, who: Principal | { citizen: string } | { actor: Actor }, id: string, type: ActionType, payload: PayloadInput, now: Date,
  signing?: ResultSigning,
): Promise<Written> {
  // `{ actor }`: an entry written for someone already known (the applicant of an online upload, the digitisation
  // worker as 'system'), on a dossier found without scope; the core still checks the role and, for a citizen, the owner.
  const principal = 'citizen' in who || 'actor' in who ? null : who;
  const row = await loadDossier(trx, principal, id, true, true);
  if (!row) throw notFound('hồ sơ');
  // A dossier keeps the procedure version in force at receipt (domain.md §2.10): an online submission
  // received after a new version took effect moves to that version when it is received.
  const atReceipt = type === 'receive_online' ? await procedureAt(trx, row.procedure_code, now) : undefined;
  const proc = atReceipt ?? (await procedureVersion(trx, row.procedure_code, row.procedure_version));
  if (!proc) throw new Problem(500, 'CATALOGUE_MISSING', 'Thiếu phiên bản thủ tục của hồ sơ.');
  const l: Loaded = { row, communeId: row.commune_id, proc, cal: await workCalendarFor(trx, row.commune_id), units: await communeUnits(trx, row.commune_id) };
  const projection = reviveProjection(row.projection);
  // Steps across two communes (location-independent receipt): who may, and where a transfer goes (transfer.ts).
  const cross = await crossCommune(trx, principal, row, projection, type, payload, proc.authority);
  if (!cross.moveTo) await checkTargets(trx, l, cross.payload);
  const actor = principal ? actorFor(principal, projection, type) : 'actor' in who ? who.actor : citizenActor((who as { citizen: string }).citizen);
  const r = decide(projection, { type, actor, at: now, payload: cross.payload }, decideContext(proc, l.cal, row.channel));
  if (!r.ok) throw problemOf(r.error);
  await recordPapers(trx, principal, row, projection, r.event);
  if (cross.moveTo) return persist(trx, l, r.next, r.event, { moveTo: cross.moveTo });
  if (type === 'submit_for_signature') await checkSigner(trx, row, r.event.payload.signerId);
  if (type === 'approve' && principal) {
    const signed = await signApproval(trx, signing, principal, row, projection, r.event, now);
    return persist(trx, l, signed.next, signed.event, {});
  }
  return persist(trx, l, r.next, r.event, {});
}

const RECORDED_BY_FLOW = new Set<string>(['payment', 'attachment', 'registry']);

/** Actions the principal may take now (for the API's `allowedActions` and the pages): by their endpoint, or the
 *  declaration's correction; not the fee's payment, which the payment flow records, nor a file's attachment, which
 *  the upload records, nor the applicant's update from the population database, which a sealed lookup records
 *  (none is a command). */
export function allowedActions(
  principal: Principal, projection: DossierProjection, communes?: { commune_id: string; receiving_commune_id: string },
): ActionType[] {
  const sides = communes && { holding: communes.commune_id, receiving: communes.receiving_commune_id, caller: principal.communeId };
  return (Object.keys(ACTIONS) as ActionType[])
    .filter((t) => !RECORDED_BY_FLOW.has(ACTIONS[t].via) && fittingActor(principal, projection, t) !== null)
    .filter((t) => !sides || communeSideCheck(projection, t, sides) === null);
}

export const canReadIdNumbers = (p: Principal) => hasRole(p, 'receiving_officer', 'specialist', 'unit_head', 'leader');
