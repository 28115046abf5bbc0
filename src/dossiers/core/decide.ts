// The pure lifecycle reducer: checks a command against the action table and the rules that need the dossier's
// history, and returns the event to append and the resulting projection. No I/O: time arithmetic comes in `ctx`
// (bound by the service to the calendar engine and the dossier's procedure version).
//
// Check order (so the HTTP status is predictable): unknown action (422) → role (403) → dossier exists and state
// allows the action (404/409) → actor's unit / ownership (403) → receipt / decision preconditions (409) → the
// history-dependent rules of preconditions.ts (409/403) → command time (409) → payload (422) → action-specific rules.

import { ACTION_TYPES, isActionType, resolveTarget, ruleOf, type ActionRule, type ActionType } from './actions.ts';
import { assertNever } from './assert-never.ts';
import type { PausingState } from '../../catalogue/core/types.ts';
import { dossierError, type DossierError, type DossierErrorCode } from './errors.ts';
import { BASE_TIME_CASE, parsePayload, type Payload, type PayloadInput, type ProposalOutcome } from './payload.ts';
import {
  applyEvent, type ActionEvent, type DossierProjection, type Handover, type ProjectionChanges,
} from './projection.ts';
import { checkPreconditions, draftToConfirm, signedResultOf } from './preconditions.ts';
import { papersDirectionNow } from './transfer.ts';
import { isActor, roleName, UNIT_SCOPED_ROLES, type Actor } from './roles.ts';
import { stateName } from './states.ts';

export interface Command {
  readonly type: ActionType;
  readonly actor: Actor;
  readonly at: Date;
  readonly payload?: PayloadInput;
}

export interface DecideContext {
  /** Statutory return time for a dossier whose clock starts at `startAt` (procedure time, or the time of the case
   *  `timeCase` of its `timeVariants`; 15:00 rule, holidays); null when the procedure has no such case. */
  computeDue(startAt: Date, timeCase: string | null): Date | null;
  /** `due` moved by the working time from `from` to `to` (back when `to` is earlier). */
  moveDue(due: Date, from: Date, to: Date): Date;
  /** By when a submission made (or completed) at `at` must be received or refused (RECEIPT_TIME, core/receipt.ts). */
  receiptDue(at: Date): Date;
  /** `dueAt` moved on by the working time the clock was paused between `pausedAt` and `resumedAt`. */
  resumeDue(dueAt: Date, pausedAt: Date, resumedAt: Date): Date;
  /** Whether an apology/new date may still be set at `now` (at least 1 working day before `dueAt`). */
  canSetNewAppointment(now: Date, dueAt: Date): boolean;
  /** States during which this procedure's clock stops (catalogue `pausingStates`). */
  readonly pausingStates: readonly PausingState[];
  /** Allow a second supplement request after receipt; the dossier is then flagged `lateBySupplementRule`. */
  readonly allowSecondSupplement: boolean;
  /** The applicant checks the draft result before it is signed (online civil-status registration): set at receipt. */
  readonly draftConfirmation: boolean;
  /** Whether the applicant's time to answer a draft sent at `sentAt` (one working day) is over at `now`. */
  draftWindowOver(sentAt: Date, now: Date): boolean;
  /** The dossier's procedure version may be received anywhere in the province (catalogue flag, domain.md §2.2). */
  readonly receivableAnywhere: boolean;
}

export type DecideResult =
  | { ok: true; next: DossierProjection; event: ActionEvent }
  | { ok: false; error: DossierError };

type Changes = { ok: true; changes: ProjectionChanges } | { ok: false; error: DossierError };

const fail = (code: DossierErrorCode, field?: string): { ok: false; error: DossierError } =>
  ({ ok: false, error: dossierError(code, field === undefined ? {} : { field }) });

/**
 * Checks everything that does not depend on the payload or the command time: role, state, unit, ownership,
 * receipt and decision preconditions. Shared by `decide` and `availableActions`.
 */
export function checkAccess(p: DossierProjection | null, type: ActionType, actor: Actor): DossierError | null {
  const rule = ruleOf(type);
  if (!rule.roles.includes(actor.role)) {
    return dossierError('ROLE_NOT_ALLOWED', { role: roleName(actor.role), action: rule.label });
  }
  const state = p?.state ?? null;
  if (!rule.from.includes(state)) {
    if (p === null) return dossierError('DOSSIER_NOT_FOUND');
    return dossierError('ACTION_NOT_ALLOWED_IN_STATE', { action: rule.label, state: stateName(state) });
  }
  if (p === null) return null;
  if (rule.unitScoped && UNIT_SCOPED_ROLES.includes(actor.role) && actor.unitCode !== p.currentUnitCode) {
    return dossierError('NOT_AT_YOUR_UNIT');
  }
  if (actor.role === 'citizen' && !isActor(actor, p.applicantId)) return dossierError('NOT_YOUR_DOSSIER');
  if (rule.afterReceiptOnly && p.receivedAt === null) {
    return dossierError('NOT_YET_RECEIVED', { action: rule.label });
  }
  // NĐ 118/2025 Đ21 k1, TT 03/2025 Đ7: a stop notice only while "chưa có quyết định, kết quả". A signed approval
  // is the decision; a result (state 9/10) is excluded by the table.
  if (rule.beforeDecisionOnly && p.approvedBy !== null) return dossierError('DECISION_ALREADY_MADE');
  return null;
}

/**
 * What `decide` would refuse before reading the payload and the time: access (checkAccess), then the rules that
 * depend on the history (preconditions.ts). Null when the action can be taken now with a valid payload.
 */
export function checkNow(p: DossierProjection | null, type: ActionType, actor: Actor): DossierError | null {
  return checkAccess(p, type, actor) ?? (p === null ? null : checkPreconditions(p, type, actor));
}

/** The actions `actor` may take on the dossier now (payload and time not considered): for menus and the API. */
export function availableActions(p: DossierProjection | null, actor: Actor): ActionType[] {
  return ACTION_TYPES.filter((t) => checkNow(p, t, actor) === null);
}

export function decide(p: DossierProjection | null, command: Command, ctx: DecideContext): DecideResult {
  if (!isActionType(command.type)) return fail('UNKNOWN_ACTION');
  const rule = ruleOf(command.type);
  const denied = checkNow(p, command.type, command.actor);
  if (denied) return { ok: false, error: denied };
  const at = command.at;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    return { ok: false, error: dossierError('INVALID_FIELD', { field: 'at', label: 'Thời điểm thực hiện' }) };
  }
  if (p !== null && at < p.lastActionAt) return fail('TIME_BEFORE_LAST_ACTION');
  const payload = parsePayload(rule.requires, command.payload);
  if (!payload.ok) return payload;

  const input: Input = { p, type: command.type, actor: command.actor, at, payload: payload.value, ctx };
  const handover = handoverOf(rule, input);
  if (handover && !handover.toCommune && handover.toUnit === handover.fromUnit && handover.toAssigneeId === handover.fromAssigneeId) {
    return fail('HANDOVER_TO_SAME');
  }
  const result = changesOf(input);
  if (!result.ok) return result;

  const handoverChanges: ProjectionChanges = handover
    ? { currentUnitCode: handover.toUnit, assigneeId: handover.toAssigneeId }
    : {};
  const event: ActionEvent = {
    type: command.type,
    seq: (p?.version ?? 0) + 1,
    at,
    actor: command.actor,
    fromState: p?.state ?? null,
    toState: resolveTarget(rule.to, p?.state ?? null, (result.changes.receivedAt ?? p?.receivedAt ?? null) !== null),
    payload: payload.value,
    changes: { ...result.changes, ...handoverChanges },
    handover,
  };
  return { ok: true, next: applyEvent(p, event), event };
}

interface Input {
  readonly p: DossierProjection | null;
  readonly type: ActionType;
  readonly actor: Actor;
  readonly at: Date;
  readonly payload: Payload;
  readonly ctx: DecideContext;
}

function handoverOf(rule: ActionRule, { p, at, payload }: Input): Handover | null {
  if (p === null) return null;
  const from = { fromUnit: p.currentUnitCode, fromAssigneeId: p.assigneeId, at };
  switch (rule.handover) {
    case 'none':
      return null;
    case 'to_payload_unit':
      // `unitCode` is required by every row with this hand-over kind; parsePayload has checked it.
      return { ...from, toUnit: payload.unitCode as string, toAssigneeId: payload.assigneeId ?? null };
    case 'back_to_receiving_unit': {
      // A transferred dossier goes back to the competent commune's own desk, which returns the result or sends it on
      // to the receiving centre (core/transfer.ts): the receiving unit's code names a unit of the other commune.
      const toUnit = p.competentCommuneId ? p.competentDeskCode : p.receivingUnitCode;
      const alreadyThere = toUnit === p.currentUnitCode && p.assigneeId === null;
      return toUnit === null || alreadyThere ? null : { ...from, toUnit, toAssigneeId: null };
    }
    case 'to_other_commune':
      // The service names the competent commune's one-stop desk in `unitCode` (the core knows no other commune).
      return { ...from, toUnit: payload.unitCode ?? '', toAssigneeId: null, toCommune: payload.communeId as string };
    default:
      return assertNever(rule.handover);
  }
}

/** The projection fields each action sets, beyond state and hand-over (those come from the table). */
function changesOf(input: Input): Changes {
  const { p, type, actor, at, payload } = input;
  const ok = (changes: ProjectionChanges): Changes => ({ ok: true, changes });
  switch (type) {
    case 'submit_online':
      return ok({
        applicantId: actor.role === 'citizen' ? actor.id : (payload.applicantId ?? null),
        currentUnitCode: payload.unitCode ?? null,
        receiptDueAt: input.ctx.receiptDue(at),
        filedAt: at,
      });
    case 'receive_counter':
    case 'receive_online':
      return receipt(input);
    case 'refuse_receipt':
      return ok({ finishedAt: at, ...(payload.applicantId ? { applicantId: payload.applicantId } : {}) });
    case 'request_supplement_before_receipt': // does not count toward the one-supplement limit
    case 'assign':
    case 'forward':
      return ok({});
    case 'request_supplement':
      return supplement(input);
    case 'request_financial_obligation':
      return ok(pause(input, 'financial_obligation'));
    case 'supplement_provided':
      // Back before receipt (state 1): the desk has a new receipt time from now (core/receipt.ts).
      return ok({ ...resume(input), ...(p?.receivedAt ? {} : { receiptDueAt: input.ctx.receiptDue(at), filedAt: at }) });
    case 'obligation_met':
      return ok(resume(input));
    case 'propose_result': // history rules: preconditions.ts; a new proposal is a new draft for the applicant to check
      return ok({
        proposal: {
          text: payload.proposalText as string,
          outcome: payload.proposalOutcome as ProposalOutcome,
          proposedBy: actor.id,
        },
        approvedBy: null,
        ...NO_DRAFT,
      });
    case 'submit_for_signature': {
      // Four eyes (as for the approval): the signer is not who drafted the proposal. The service checks that the
      // signer is an active leader, or the head of the unit handling the dossier.
      if (payload.signerId === p?.proposal?.proposedBy) return fail('SIGNER_IS_PROPOSER', 'signerId');
      const d = p as DossierProjection;
      // The draft was sent (preconditions.ts): confirmed, or one working day passed without an answer (= agreement).
      if (draftToConfirm(d) && !d.draftConfirmedAt && !input.ctx.draftWindowOver(d.draftSentAt as Date, at)) {
        return fail('DRAFT_AWAITING_CONFIRMATION');
      }
      return ok({ signatureRequestedOf: payload.signerId as string });
    }
    case 'send_draft':
      return ok({ draftSentAt: at, draftConfirmedAt: null });
    case 'confirm_draft':
      return ok({ draftConfirmedAt: at });
    case 'request_draft_correction': // the specialist corrects the declaration or the proposal and sends it again
      return ok(NO_DRAFT);
    case 'send_back':
      // Back to the specialist: the proposal is withdrawn with the signer's comment (the event's reason), to revise.
      return ok({ signatureRequestedOf: null, proposal: null });
    case 'approve':
      // The service signs the result in the same transaction and adds its code (signedResultCode) to the event.
      return ok({ approvedBy: actor.id, signatureRequestedOf: null });
    case 'issue_result':
      return result(input, 'approve');
    case 'reject_not_eligible':
      return result(input, 'reject');
    case 'return_result':
      // NĐ 45/2020 Đ14, Đ16: a result returned online is the signed electronic result.
      if (payload.channel === 'online' && !signedResultOf(p as DossierProjection)) {
        return fail('ONLINE_RETURN_NEEDS_SIGNED_RESULT', 'channel');
      }
      return ok({ returnedAt: at, returnChannel: payload.channel ?? null });
    case 'withdraw':
    case 'stop_processing':
      return ok({ finishedAt: at });
    case 'apologize_extend':
      return extension(input);
    case 'correct_declaration': // a new revision in dossier_answers (the event says which changed): a new draft to check
    case 'update_applicant': // the applicant's name or residence from the population database: the same
      return ok(p?.draftSentAt ? NO_DRAFT : {});
    case 'fee_paid': // the money is in the payment ledger; the event says how much, how, and the receipt
    case 'attach_file': // the file is in dossier_files (its storage copy in digitisation_jobs); the event vouches for its hash
      return ok({});
    case 'set_time_case':
      return timeCase(input);
    case 'transfer_to_competent':
      // NĐ 118/2025 (receipt regardless of administrative boundary within the province), only for the procedures the
      // province lists (catalogue `receivableAnywhereInProvince`, with its legal basis).
      if (!input.ctx.receivableAnywhere) return fail('NOT_RECEIVABLE_ANYWHERE');
      if (!payload.unitCode) {
        return { ok: false, error: dossierError('MISSING_FIELD', { field: 'unitCode', label: 'Bộ phận một cửa của xã có thẩm quyền' }) };
      }
      return ok({
        competentCommuneId: payload.communeId as string, competentDeskCode: payload.unitCode, transferredAt: at, resultAt: payload.resultAt ?? null,
      });
    case 'send_papers':
      return ok({ papersInTransit: papersDirectionNow(p as DossierProjection) });
    case 'receive_papers':
      return ok({ papersInTransit: null, ...(p?.papersInTransit === 'to_receiving' ? { resultPapersReceivedAt: at } : {}) });
    default:
      return assertNever(type);
  }
}

function receipt({ p, type, actor, at, payload, ctx }: Input): Changes {
  if (actor.unitCode === null) {
    return { ok: false, error: dossierError('INVALID_FIELD', { field: 'actor.unitCode', label: 'Đơn vị tiếp nhận' }) };
  }
  // An online dossier's time counts from its filing (rolled to the next working time by computeDue), not from the
  // officer's click: NĐ 45/2020/NĐ-CP (thời điểm tiếp nhận hồ sơ trực tuyến ngoài giờ: giờ làm việc tiếp theo), kept by
  // NĐ 118/2025/NĐ-CP. A counter dossier's from its receipt.
  const start = type === 'receive_online' && p?.filedAt ? p.filedAt : at;
  const chosen = caseOf(payload.timeCase);
  const due = ctx.computeDue(start, chosen);
  if (due === null) return fail('UNKNOWN_TIME_CASE', 'timeCase');
  return {
    ok: true,
    changes: {
      receivedAt: at,
      clockStartAt: start,
      timeCase: chosen,
      receivingUnitCode: actor.unitCode,
      currentUnitCode: actor.unitCode,
      assigneeId: null,
      dueAt: due,
      originalDueAt: due,
      ...(payload.applicantId ? { applicantId: payload.applicantId } : {}),
      ...(ctx.draftConfirmation ? { draftConfirmation: true } : {}),
    },
  };
}

/** No draft waiting for the applicant's check. */
const NO_DRAFT: ProjectionChanges = { draftSentAt: null, draftConfirmedAt: null };

/** The stored case: null for the default (BASE_TIME_CASE or none chosen). */
const caseOf = (code: string | undefined): string | null => (code === undefined || code === BASE_TIME_CASE ? null : code);

/**
 * Another case with its own statutory time (Luật Hộ tịch 2014 Đ18 k2; NĐ 23/2015 Đ21): every due time moves by the
 * working time between the two cases' statutory due times from the same clock start, so the time already paused
 * stays credited (resumeDue keeps the working time left) and the statutory `originalDueAt` is what 766 and the
 * KPI compare with.
 */
function timeCase({ p, payload, ctx }: Input): Changes {
  const d = p as DossierProjection;
  const next = caseOf(payload.timeCase);
  if (next === d.timeCase) return fail('TIME_CASE_UNCHANGED', 'timeCase');
  const start = d.clockStartAt ?? d.filedAt ?? (d.receivedAt as Date);
  const from = ctx.computeDue(start, d.timeCase);
  const to = ctx.computeDue(start, next);
  if (to === null) return fail('UNKNOWN_TIME_CASE', 'timeCase');
  if (from === null) return { ok: true, changes: { timeCase: next } }; // the old case left the catalogue: keep the times
  const move = (x: Date | null): Date | null => (x === null ? null : ctx.moveDue(x, from, to));
  return { ok: true, changes: { timeCase: next, dueAt: move(d.dueAt), originalDueAt: move(d.originalDueAt) } };
}

/** QĐ 766 chỉ tiêu 2.1: more than one supplement request after receipt counts the dossier as late. */
function supplement(input: Input): Changes {
  const p = input.p as DossierProjection;
  const second = p.supplementCount >= 1;
  if (second && !input.ctx.allowSecondSupplement) return fail('SECOND_SUPPLEMENT_NOT_ALLOWED');
  return {
    ok: true,
    changes: {
      supplementCount: p.supplementCount + 1,
      ...(second ? { lateBySupplementRule: true } : {}),
      ...pause(input, 'supplement'),
    },
  };
}

/** The clock stops only after receipt and only in the states the procedure lists (domain.md §2.7). */
function pause({ p, at, ctx }: Input, kind: PausingState): ProjectionChanges {
  if (!p?.receivedAt || !ctx.pausingStates.includes(kind)) return {};
  return { pausedAt: at, pausedState: kind };
}

/** Moves every deadline on by the paused time. With `until` before the end of the pause, it "rebases" instead:
 * the pause so far is credited and the pause continues from `until`. */
function shiftDeadlines(p: DossierProjection, until: Date, ctx: DecideContext): ProjectionChanges {
  const pausedAt = p.pausedAt as Date;
  const shift = (d: Date | null): Date | null => (d === null ? null : ctx.resumeDue(d, pausedAt, until));
  return { dueAt: shift(p.dueAt), originalDueAt: shift(p.originalDueAt), extendedDueAt: shift(p.extendedDueAt) };
}

function resume({ p, at, ctx }: Input): ProjectionChanges {
  if (!p?.pausedAt) return {};
  return { ...shiftDeadlines(p, at, ctx), pausedAt: null, pausedState: null };
}

/** An approved, signed result (checked in preconditions.ts) is issued: grant or written refusal. */
function result({ at }: Input, expected: ProposalOutcome): Changes {
  return {
    ok: true,
    changes: { outcome: expected === 'approve' ? 'granted' : 'rejected', resultIssuedAt: at, finishedAt: at },
  };
}

/**
 * Apology and new return date (BM.04): at most once, and at least 1 working day before the due time
 * (NĐ 118/2025 as restated in Lai Châu QĐ 88/2025 Đ3 k6). The statutory `originalDueAt` is kept for 766.
 * While the clock is paused, the deadlines are first rebased to now, so the check uses the time left.
 */
function extension(input: Input): Changes {
  const { at, payload, ctx } = input;
  const p = input.p as DossierProjection; // at most once: preconditions.ts
  const rebased: ProjectionChanges = p.pausedAt ? { ...shiftDeadlines(p, at, ctx), pausedAt: at } : {};
  const currentDue = (rebased.dueAt ?? p.dueAt) as Date;
  if (!ctx.canSetNewAppointment(at, currentDue)) return fail('EXTENSION_TOO_LATE');
  const newDueAt = payload.newDueAt as Date;
  if (newDueAt <= currentDue) return fail('NEW_DUE_NOT_LATER');
  return {
    ok: true,
    changes: { ...rebased, dueAt: newDueAt, extendedDueAt: newDueAt, extensionCount: p.extensionCount + 1 },
  };
}
