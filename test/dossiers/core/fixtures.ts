// Shared fixtures for the dossier-core tests: a stub clock, a small cast of actors, and helpers that build a
// dossier by running real commands through `decide` (so every fixture state is actually reachable).

import {
  applyEvent, decide, type ActionEvent, type ActionType, type Actor, type Command, type DecideContext, type DossierProjection,
  type PayloadInput, type StateCode,
} from '../../../src/dossiers/core/index.ts';

export const HOUR = 3600_000;
export const DAY = 24 * HOUR;
/** Monday 02/03/2026 08:00 in Vietnam. */
export const T0 = new Date('2026-03-02T01:00:00Z');

export const DESK = 'TTPVHCC'; // the one-stop desk (receiving unit)
export const VHXH = 'VHXH';
export const KT = 'KT';

export const citizen: Actor = { id: 'cd-1', role: 'citizen', unitCode: null };
export const otherCitizen: Actor = { id: 'cd-2', role: 'citizen', unitCode: null };
export const officer: Actor = { id: 'cb-1', role: 'receiving_officer', unitCode: DESK };
export const specialist: Actor = { id: 'cv-1', role: 'specialist', unitCode: VHXH };
export const otherSpecialist: Actor = { id: 'cv-2', role: 'specialist', unitCode: KT };
export const head: Actor = { id: 'tp-1', role: 'unit_head', unitCode: VHXH };
export const otherHead: Actor = { id: 'tp-2', role: 'unit_head', unitCode: KT };
export const leader: Actor = { id: 'ld-1', role: 'leader', unitCode: 'UBND' };
export const coordinator: Actor = { id: 'cc-1', role: 'cchc_coordinator', unitCode: 'UBND' };
export const admin: Actor = { id: 'ad-1', role: 'admin', unitCode: null };
export const system: Actor = { id: 'sys', role: 'system', unitCode: null };

export const ALL_ACTORS: readonly Actor[] = [
  citizen, otherCitizen, officer, specialist, otherSpecialist, head, otherHead, leader, coordinator, admin, system,
];

/** Stub calendar: due = receipt + 5 days (10 in the case XAC_MINH); receipt due 1 day after submission; paused time is added back 1:1; a new date needs ≥ 24 h left. */
export function stubCtx(overrides: Partial<DecideContext> = {}): DecideContext {
  return {
    // The default case: 5 days; the case XAC_MINH: 10 days; any other case is not the procedure's.
    computeDue: (receivedAt, timeCase) =>
      timeCase === null ? new Date(receivedAt.getTime() + 5 * DAY) : timeCase === 'XAC_MINH' ? new Date(receivedAt.getTime() + 10 * DAY) : null,
    moveDue: (due, from, to) => new Date(due.getTime() + (to.getTime() - from.getTime())),
    draftConfirmation: false,
    draftWindowOver: (sentAt, now) => now.getTime() - sentAt.getTime() >= DAY,
    receivableAnywhere: true,
    receiptDue: (at) => new Date(at.getTime() + DAY),
    resumeDue: (dueAt, pausedAt, resumedAt) => new Date(dueAt.getTime() + (resumedAt.getTime() - pausedAt.getTime())),
    canSetNewAppointment: (now, dueAt) => dueAt.getTime() - now.getTime() >= DAY,
    pausingStates: ['supplement', 'financial_obligation'],
    allowSecondSupplement: false,
    ...overrides,
  };
}

export type Step = readonly [ActionType, Actor, PayloadInput?];

export interface Dossier {
  readonly p: DossierProjection;
  readonly events: readonly ActionEvent[];
  /** Time of the next step (1 hour after the last one). */
  readonly now: Date;
}

/** Runs steps one hour apart from `start`; throws with the error if any step is refused. */
export function run(steps: readonly Step[], ctx = stubCtx(), start = T0): Dossier {
  const d = continueFrom(null, [], start, steps, ctx);
  if (d.p === null) throw new Error('run() needs at least one step');
  return d as Dossier;
}

/** Continues a dossier with more steps, one hour apart from its `now`. */
export function more(d: Dossier, steps: readonly Step[], ctx = stubCtx()): Dossier {
  return continueFrom(d.p, d.events, d.now, steps, ctx) as Dossier;
}

function continueFrom(
  p0: DossierProjection | null, events0: readonly ActionEvent[], start: Date, steps: readonly Step[], ctx: DecideContext,
): { p: DossierProjection | null; events: ActionEvent[]; now: Date } {
  let p = p0;
  const events = [...events0];
  let at = start;
  for (const [type, actor, payload] of steps) {
    const r = decide(p, { type, actor, at, payload }, ctx);
    if (!r.ok) throw new Error(`${type} by ${actor.role} refused: ${r.error.code} (${r.error.message})`);
    const done = type === 'approve' ? signedApproval(p, r.event) : r;
    p = done.next;
    events.push(done.event);
    at = new Date(at.getTime() + HOUR);
  }
  return { p, events, now: at };
}

/** What the service adds to an approval once it has signed the result (src/dossiers/result-signing.ts). */
export const SIGNED_CODE = 'ABCD2345XY';
export function signedApproval(p: DossierProjection | null, event: ActionEvent): { next: DossierProjection; event: ActionEvent } {
  const signed: ActionEvent = { ...event, changes: { ...event.changes, signedResultCode: SIGNED_CODE } };
  return { next: applyEvent(p, signed), event: signed };
}

export function cmd(type: ActionType, actor: Actor, at: Date, payload?: PayloadInput): Command {
  return { type, actor, at, payload };
}

// ── Typical steps ──────────────────────────────────────────────────────────────────────────────────────────
export const RECEIVE: Step = ['receive_counter', officer, { applicantId: citizen.id }];
export const ASSIGN: Step = ['assign', officer, { unitCode: VHXH, assigneeId: specialist.id }];
export const SUPPLEMENT: Step = ['request_supplement', specialist, { items: ['Bản sao giấy chứng sinh'], reason: 'Thiếu giấy chứng sinh' }];
export const PROVIDED: Step = ['supplement_provided', citizen];
export const PROPOSE_GRANT: Step = ['propose_result', specialist, { proposalText: 'Đề nghị cấp', proposalOutcome: 'approve' }];
export const PROPOSE_REFUSE: Step = ['propose_result', specialist, { proposalText: 'Đề nghị từ chối', proposalOutcome: 'reject' }];
export const SUBMIT: Step = ['submit_for_signature', specialist, { signerId: head.id }];
export const SEND_DRAFT: Step = ['send_draft', specialist];
export const APPROVE: Step = ['approve', head];
export const ISSUE: Step = ['issue_result', specialist];

/** A dossier in each state, reached through real commands (state 5 and 1-variants are after/before receipt). */
export const PATHS: Record<StateCode, readonly Step[]> = {
  1: [['submit_online', citizen, { unitCode: DESK }]],
  2: [RECEIVE],
  3: [['refuse_receipt', officer, { reason: 'Không thuộc thẩm quyền', applicantId: citizen.id }]],
  4: [RECEIVE, ASSIGN],
  5: [RECEIVE, ASSIGN, SUPPLEMENT],
  6: [RECEIVE, ASSIGN, ['request_financial_obligation', specialist, { description: 'Lệ phí', amountVnd: 8000 }]],
  7: [RECEIVE, ASSIGN, ['withdraw', citizen]],
  8: [RECEIVE, ASSIGN, ['stop_processing', officer, { reason: 'Công dân đề nghị dừng' }]],
  9: [RECEIVE, ASSIGN, PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE],
  10: [RECEIVE, ASSIGN, PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE, ['return_result', officer, { channel: 'counter' }]],
};

/** State 5 before receipt (online dossier sent back for completion). */
export const PATH_5_BEFORE_RECEIPT: readonly Step[] = [
  ['submit_online', citizen, { unitCode: DESK }],
  ['request_supplement_before_receipt', officer, { items: ['Tờ khai'], reason: 'Tờ khai chưa ký' }],
];

/** A valid actor and payload for each action, used by the state matrix. */
export const NATURAL: Record<ActionType, {
  actor: Actor; payload?: PayloadInput; setup?: readonly Step[];
  /** Who takes it in a given state, where the table's precondition names someone else than `actor` there. */
  actorIn?: Partial<Record<StateCode, Actor>>;
  /** Taken on an online civil-status dossier, whose applicant checks the draft result (ctx draftConfirmation). */
  draft?: true;
  /** Taken on a dossier transferred to the competent commune right after receipt (transferredPath). */
  transferred?: { resultAt: (from: StateCode) => 'receiving_centre' | 'post'; papersSent?: true };
}> = {
  submit_online: { actor: citizen, payload: { unitCode: DESK } },
  receive_counter: { actor: officer, payload: { applicantId: citizen.id } },
  receive_online: { actor: officer },
  refuse_receipt: { actor: officer, payload: { reason: 'Hồ sơ không thuộc phạm vi' } },
  request_supplement_before_receipt: { actor: officer, payload: { items: ['Tờ khai'], reason: 'Thiếu tờ khai' } },
  assign: { actor: officer, payload: { unitCode: KT } },
  forward: { actor: head, payload: { unitCode: KT } },
  request_supplement: { actor: officer, payload: { items: ['Giấy tờ'], reason: 'Thiếu giấy tờ' } },
  supplement_provided: { actor: citizen },
  request_financial_obligation: { actor: specialist, payload: { description: 'Lệ phí', amountVnd: 8000 } },
  obligation_met: { actor: system },
  propose_result: { actor: specialist, payload: { proposalText: 'Đề nghị cấp', proposalOutcome: 'approve' } },
  submit_for_signature: { actor: specialist, payload: { signerId: head.id }, setup: [PROPOSE_GRANT] },
  send_back: { actor: head, payload: { reason: 'Bổ sung căn cứ pháp lý' }, setup: [PROPOSE_GRANT, SUBMIT] },
  approve: { actor: head, setup: [PROPOSE_GRANT, SUBMIT] },
  reject_not_eligible: { actor: specialist, payload: { reason: 'Không đủ điều kiện' }, setup: [PROPOSE_REFUSE, SUBMIT, APPROVE] },
  issue_result: { actor: specialist, setup: [PROPOSE_GRANT, SUBMIT, APPROVE] },
  return_result: { actor: officer, payload: { channel: 'online' } },
  withdraw: { actor: citizen },
  stop_processing: { actor: officer, payload: { reason: 'Công dân đề nghị dừng' } },
  apologize_extend: { actor: leader, payload: { reason: 'Chờ xác minh', newDueAt: new Date(T0.getTime() + 30 * DAY) } },
  // The desk corrects at receipt; once routed, the assigned specialist (or the unit's head).
  correct_declaration: {
    actor: officer, payload: { reason: 'Sai ngày sinh so với giấy chứng sinh', revision: 2, fields: ['Ngày sinh'] },
    actorIn: { 4: specialist, 5: specialist, 6: head },
  },
  fee_paid: { actor: system, payload: { amountVnd: 8000, paymentMethod: 'online', receiptNo: '0000012/BL', orderRef: 'XS0001' } },
  // Like the correction: the desk at receipt, then the assigned specialist.
  set_time_case: { actor: officer, payload: { timeCase: 'XAC_MINH', reason: 'Cần xác minh' }, actorIn: { 4: specialist } },
  send_draft: { actor: specialist, setup: [PROPOSE_GRANT], draft: true },
  confirm_draft: { actor: citizen, setup: [PROPOSE_GRANT, SEND_DRAFT], draft: true },
  request_draft_correction: { actor: citizen, payload: { reason: 'Sai tên đệm của người mẹ' }, setup: [PROPOSE_GRANT, SEND_DRAFT], draft: true },
  attach_file: { actor: system, payload: { file: { component: 'TO_KHAI', fileName: 'to-khai.pdf', sha256: 'a'.repeat(64) } } },
  // Like the correction: the desk at receipt, then the assigned specialist (or the unit's head).
  update_applicant: {
    actor: officer, payload: { fields: ['Nơi cư trú'], lookupId: 7 },
    actorIn: { 4: specialist, 5: specialist, 6: head },
  },
  // Location-independent receipt: the desk transfers right after receipt; the paper travels later (core/transfer.ts).
  transfer_to_competent: { actor: officer, payload: { communeId: 'tan-lap', resultAt: 'receiving_centre', unitCode: DESK } },
  send_papers: {
    actor: officer, payload: { papers: 'Bản chính giấy chứng sinh', carrier: 'Bưu điện, vận đơn EB123' },
    // The paper result goes back only when the citizen collects it where they filed; a dossier already returned had chosen the post.
    transferred: { resultAt: (from) => (from === 10 ? 'post' : 'receiving_centre') },
  },
  receive_papers: { actor: officer, transferred: { resultAt: () => 'post', papersSent: true } },
};

export const transferStep = (resultAt: 'receiving_centre' | 'post'): Step =>
  ['transfer_to_competent', officer, { communeId: 'tan-lap', resultAt, unitCode: DESK }];
export const SEND_PAPERS: Step = ['send_papers', officer, { papers: 'Bản chính giấy chứng sinh', carrier: 'Bưu điện, vận đơn EB123' }];

/** The path to a state with the dossier transferred right after receipt (and its originals sent, with `papersSent`). */
export function transferredPath(from: StateCode, how: NonNullable<(typeof NATURAL)[ActionType]['transferred']>): readonly Step[] {
  const path = PATHS[from];
  if (path[0] !== RECEIVE) return path;
  return [RECEIVE, transferStep(how.resultAt(from)), ...(how.papersSent ? [SEND_PAPERS] : []), ...path.slice(1)];
}
