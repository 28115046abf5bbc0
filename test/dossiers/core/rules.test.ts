// Rules that need the dossier's history: one supplement, one extension, approval before result, permissions,
// stop/withdraw before a decision, the paused clock, hand-overs and payload validation.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ERRORS, availableActions, decide, type DecideContext, type DossierErrorCode } from '../../../src/dossiers/core/index.ts';
import {
  APPROVE, ASSIGN, SUBMIT, DAY, DESK, HOUR, ISSUE, KT, PATHS, PROPOSE_GRANT, PROPOSE_REFUSE, PROVIDED, RECEIVE, SUPPLEMENT,
  T0, VHXH, ALL_ACTORS, admin, citizen, cmd, head, leader, more, officer, otherCitizen, otherHead, otherSpecialist,
  run, specialist, stubCtx, SIGNED_CODE, type Dossier, type Step,
} from './fixtures.ts';

function refused(d: Dossier, step: Step, code: DossierErrorCode, ctx = stubCtx(), at = d.now): void {
  const [type, actor, payload] = step;
  const r = decide(d.p, cmd(type, actor, at, payload), ctx);
  assert.ok(!r.ok, `${type} should be refused with ${code}`);
  assert.equal(r.error.code, code);
  assert.equal(r.error.status, ERRORS[code].status);
}

const processing = () => run([RECEIVE, ASSIGN]);

describe('one supplement request after receipt (QĐ 766 chỉ tiêu 2.1)', () => {
  it('refuses a second one with SECOND_SUPPLEMENT_NOT_ALLOWED', () => {
    const d = more(processing(), [SUPPLEMENT, PROVIDED]);
    assert.equal(d.p.supplementCount, 1);
    refused(d, SUPPLEMENT, 'SECOND_SUPPLEMENT_NOT_ALLOWED');
    assert.equal(ERRORS.SECOND_SUPPLEMENT_NOT_ALLOWED.status, 409);
  });

  it('allowSecondSupplement lets it through and flags the dossier late', () => {
    const ctx = stubCtx({ allowSecondSupplement: true });
    const d = more(processing(), [SUPPLEMENT, PROVIDED, SUPPLEMENT], ctx);
    assert.equal(d.p.supplementCount, 2);
    assert.equal(d.p.lateBySupplementRule, true);
  });

  it('requests before receipt do not count', () => {
    const before: Step = ['request_supplement_before_receipt', officer, { items: ['Tờ khai'], reason: 'Thiếu' }];
    const d = run([
      ['submit_online', citizen], before, PROVIDED, before, PROVIDED, ['receive_online', officer], ASSIGN, SUPPLEMENT,
    ]);
    assert.equal(d.p.supplementCount, 1);
    assert.equal(d.p.lateBySupplementRule, false);
  });
});

describe('apology and new date: once, at least 1 working day before (BM.04)', () => {
  const extend = (dueInDays: number): Step => ['apologize_extend', leader, { reason: 'Chờ xác minh', newDueAt: new Date(T0.getTime() + dueInDays * DAY) }];

  it('sets the new date, keeps the statutory one, and refuses a second time', () => {
    const d = more(processing(), [extend(8)]);
    assert.equal(d.p.extensionCount, 1);
    assert.deepEqual(d.p.extendedDueAt, new Date(T0.getTime() + 8 * DAY));
    assert.deepEqual(d.p.dueAt, d.p.extendedDueAt);
    assert.deepEqual(d.p.originalDueAt, new Date(T0.getTime() + 5 * DAY));
    refused(d, extend(9), 'EXTENSION_ALREADY_USED');
  });

  it('asks canSetNewAppointment(now, dueAt) and refuses when it says no', () => {
    const calls: [Date, Date][] = [];
    const ctx = stubCtx({ canSetNewAppointment: (now, due) => (calls.push([now, due]), false) });
    const d = processing();
    refused(d, extend(8), 'EXTENSION_TOO_LATE', ctx);
    assert.deepEqual(calls, [[d.now, d.p.dueAt]]);
  });

  it('with the stub (≥ 24 h left): allowed at due − 24 h, refused at due − 23 h', () => {
    const d = processing();
    const due = (d.p.dueAt as Date).getTime();
    const [type, actor, payload] = extend(8);
    assert.ok(decide(d.p, cmd(type, actor, new Date(due - DAY), payload), stubCtx()).ok);
    refused(d, extend(8), 'EXTENSION_TOO_LATE', stubCtx(), new Date(due - 23 * HOUR));
  });

  it('refuses a new date that is not later than the current one', () => {
    refused(processing(), extend(4), 'NEW_DUE_NOT_LATER');
  });

  it('while the clock is paused, checks the time left and keeps the paused time credited', () => {
    const d = more(processing(), [SUPPLEMENT]); // paused at T0+2h; due T0+5d
    const at = new Date(T0.getTime() + 5 * DAY + 2 * HOUR); // past the nominal due, but the clock is stopped
    const r = decide(d.p, cmd('apologize_extend', leader, at, { reason: 'Chờ bổ sung', newDueAt: new Date(T0.getTime() + 12 * DAY) }), stubCtx());
    assert.ok(r.ok, r.ok ? '' : r.error.code);
    assert.deepEqual(r.next.pausedAt, at);
    assert.deepEqual(r.next.originalDueAt, new Date(T0.getTime() + 10 * DAY)); // 5 days of pause credited
  });
});

describe('signed result (approve → issue)', () => {
  it('issue_result needs an approved proposal', () => {
    refused(processing(), ISSUE, 'RESULT_NOT_APPROVED');
    refused(more(processing(), [PROPOSE_GRANT]), ISSUE, 'RESULT_NOT_APPROVED');
    refused(more(processing(), [PROPOSE_REFUSE, SUBMIT, APPROVE]), ISSUE, 'PROPOSAL_OUTCOME_MISMATCH');
    const d = more(processing(), [PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE]);
    assert.equal(d.p.state, 9);
    assert.equal(d.p.outcome, 'granted');
    assert.deepEqual(d.p.finishedAt, d.p.resultIssuedAt);
  });

  it('a written refusal is signed the same way and gives outcome "rejected"', () => {
    const reject: Step = ['reject_not_eligible', specialist, { reason: 'Không đủ điều kiện' }];
    refused(more(processing(), [PROPOSE_GRANT, SUBMIT, APPROVE]), reject, 'PROPOSAL_OUTCOME_MISMATCH');
    const d = more(processing(), [PROPOSE_REFUSE, SUBMIT, APPROVE, reject]);
    assert.equal(d.p.outcome, 'rejected');
    assert.equal(d.p.state, 9);
  });

  it('approve needs a proposal, once, and not by its author; a signed proposal is frozen', () => {
    refused(processing(), APPROVE, 'NO_PROPOSAL');
    const proposerAsLeader = { ...leader, id: specialist.id };
    refused(more(processing(), [PROPOSE_GRANT]), ['approve', proposerAsLeader], 'SELF_APPROVAL_NOT_ALLOWED');
    refused(more(processing(), [PROPOSE_GRANT]), APPROVE, 'NOT_SUBMITTED_FOR_SIGNATURE');
    const signed = more(processing(), [PROPOSE_GRANT, SUBMIT, APPROVE]);
    assert.equal(signed.p.approvedBy, head.id);
    refused(signed, ['approve', leader], 'ALREADY_APPROVED');
    refused(signed, PROPOSE_REFUSE, 'ALREADY_APPROVED');
  });
});

describe('roles and units', () => {
  it('a role outside the row is refused with 403', () => {
    refused(processing(), ['approve', citizen], 'ROLE_NOT_ALLOWED');
    refused(processing(), ['propose_result', head, { proposalText: 'x', proposalOutcome: 'approve' }], 'ROLE_NOT_ALLOWED');
  });

  it('specialists and unit heads act only on dossiers at their unit; leaders anywhere', () => {
    const d = processing(); // at VHXH
    refused(d, ['propose_result', otherSpecialist, { proposalText: 'x', proposalOutcome: 'approve' }], 'NOT_AT_YOUR_UNIT');
    const proposed = more(d, [PROPOSE_GRANT, ['submit_for_signature', specialist, { signerId: leader.id }]]);
    refused(proposed, ['approve', otherHead], 'NOT_AT_YOUR_UNIT');
    assert.ok(decide(proposed.p, cmd('approve', leader, proposed.now), stubCtx()).ok);
    refused(run([RECEIVE]), ['request_supplement', specialist, { items: ['x'], reason: 'y' }], 'NOT_AT_YOUR_UNIT');
  });

  it('a citizen acts only on their own dossier', () => {
    refused(processing(), ['withdraw', otherCitizen], 'NOT_YOUR_DOSSIER');
    assert.equal(more(processing(), [['withdraw', citizen]]).p.state, 7);
  });

  it('admin can take no lifecycle action in any state', () => {
    assert.deepEqual(availableActions(null, admin), []);
    for (const path of Object.values(PATHS)) assert.deepEqual(availableActions(run(path).p, admin), []);
  });

  it('availableActions agrees with decide for every actor', () => {
    const d = more(processing(), [PROPOSE_GRANT]);
    for (const actor of ALL_ACTORS) {
      for (const type of availableActions(d.p, actor)) {
        const r = decide(d.p, cmd(type, actor, d.now, {}), stubCtx());
        if (!r.ok) assert.ok(r.error.status === 422 || r.error.status === 409, `${type}/${actor.id}: ${r.error.code}`);
      }
    }
  });
});

describe('withdraw and stop only before a decision or result (NĐ 118/2025 Đ21 k1; TT 03/2025 Đ7)', () => {
  const stop: Step = ['stop_processing', officer, { reason: 'Công dân đề nghị' }];
  it('refused once the proposal is signed, and after the result', () => {
    const signed = more(processing(), [PROPOSE_GRANT, SUBMIT, APPROVE]);
    refused(signed, stop, 'DECISION_ALREADY_MADE');
    refused(signed, ['withdraw', citizen], 'DECISION_ALREADY_MADE');
    const done = more(signed, [ISSUE]);
    refused(done, stop, 'ACTION_NOT_ALLOWED_IN_STATE');
    refused(done, ['withdraw', citizen], 'ACTION_NOT_ALLOWED_IN_STATE');
  });

  it('allowed before: sets finishedAt; a pause stays recorded when stopped while waiting', () => {
    const d = more(processing(), [SUPPLEMENT, stop]);
    assert.equal(d.p.state, 8);
    assert.ok(d.p.finishedAt && d.p.pausedAt);
  });
});

describe('the paused clock', () => {
  const resumeAfter = (ctx: DecideContext, hours: number) => {
    const d = more(processing(), [SUPPLEMENT], ctx);
    const r = decide(d.p, cmd('supplement_provided', citizen, new Date(d.now.getTime() + hours * HOUR)), ctx);
    assert.ok(r.ok);
    return { before: d.p, after: r.next };
  };

  it('supplement time is added back to every deadline', () => {
    const { before, after } = resumeAfter(stubCtx(), 50);
    assert.equal(before.pausedState, 'supplement');
    assert.equal(after.pausedAt, null);
    const shift = (after.dueAt as Date).getTime() - (before.dueAt as Date).getTime();
    assert.equal(shift, 51 * HOUR); // paused at the request, resumed 1 h + 50 h later
    assert.deepEqual(after.originalDueAt, after.dueAt);
    assert.equal(after.state, 4);
  });

  it('the clock runs on when the procedure does not list the state', () => {
    const { before, after } = resumeAfter(stubCtx({ pausingStates: ['financial_obligation'] }), 50);
    assert.equal(before.pausedAt, null);
    assert.deepEqual(after.dueAt, before.dueAt);
  });
});

describe('hand-overs (Phiếu kiểm soát rows)', () => {
  it('assign, forward and the result going back to the desk carry from/to units and time', () => {
    const d = more(processing(), [['forward', specialist, { unitCode: KT }]]);
    const [, assign, forward] = d.events;
    assert.deepEqual(assign?.handover, { fromUnit: DESK, toUnit: VHXH, fromAssigneeId: null, toAssigneeId: specialist.id, at: assign?.at });
    assert.deepEqual(forward?.handover, { fromUnit: VHXH, toUnit: KT, fromAssigneeId: specialist.id, toAssigneeId: null, at: forward?.at });
    assert.equal(d.p.currentUnitCode, KT);
    const done = more(processing(), [PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE]);
    assert.deepEqual(done.events.at(-1)?.handover?.toUnit, DESK);
    assert.equal(done.p.currentUnitCode, DESK);
  });

  it('refuses a hand-over to where the dossier already is', () => {
    refused(processing(), ASSIGN, 'HANDOVER_TO_SAME');
  });
});

describe('input validation', () => {
  it('missing and invalid fields are 422 with the field name', () => {
    const r = decide(null, cmd('refuse_receipt', officer, T0, {}), stubCtx());
    assert.ok(!r.ok && r.error.code === 'MISSING_FIELD' && r.error.field === 'reason' && r.error.status === 422);
    assert.match(r.error.message, /Thiếu thông tin bắt buộc: Lý do/);
    const done = run(PATHS[9]);
    refused(done, ['return_result', officer, { channel: 'fax' }], 'INVALID_FIELD');
    refused(processing(), ['apologize_extend', leader, { reason: 'x', newDueAt: 'ngày mai' }], 'INVALID_FIELD');
  });

  it('unknown action, and a command dated before the last action', () => {
    const r = decide(null, cmd('teleport' as never, officer, T0), stubCtx());
    assert.ok(!r.ok && r.error.code === 'UNKNOWN_ACTION');
    const d = processing();
    refused(d, ['withdraw', citizen], 'TIME_BEFORE_LAST_ACTION', stubCtx(), new Date(T0.getTime() - HOUR));
  });

  it('every error has a Vietnamese message and a 403/404/409/422 status', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      const message = spec.message({ action: 'Trả kết quả', state: 'Đang xử lý', role: 'Công dân', label: 'Lý do' });
      assert.match(message, /[À-ỹ]/u, code);
      assert.ok([403, 404, 409, 422].includes(spec.status), code);
    }
  });
});

describe('Trình ký: submit for signature, send back, approve by the requested signer (issue 11)', () => {
  const sendBack = (reason = 'Bổ sung căn cứ pháp lý'): Step => ['send_back', head, { reason }];
  it('submits only an existing, unsigned proposal, to someone other than its author', () => {
    refused(processing(), SUBMIT, 'NO_PROPOSAL');
    refused(more(processing(), [PROPOSE_GRANT]), ['submit_for_signature', specialist, { signerId: specialist.id }], 'SIGNER_IS_PROPOSER');
    refused(more(processing(), [PROPOSE_GRANT]), ['submit_for_signature', specialist, {}], 'MISSING_FIELD');
    const d = more(processing(), [PROPOSE_GRANT, SUBMIT]);
    assert.equal(d.p.signatureRequestedOf, head.id);
    assert.equal(d.p.state, 4);
    refused(more(d, [APPROVE]), SUBMIT, 'ALREADY_APPROVED');
  });

  it('only the requested signer approves or sends back; a submitted proposal is frozen until sent back', () => {
    const d = more(processing(), [PROPOSE_GRANT, ['submit_for_signature', specialist, { signerId: leader.id }]]);
    refused(d, APPROVE, 'NOT_REQUESTED_SIGNER');
    refused(d, sendBack(), 'NOT_REQUESTED_SIGNER');
    refused(d, PROPOSE_REFUSE, 'AWAITING_SIGNATURE');
    refused(d, SUBMIT, 'AWAITING_SIGNATURE');
    refused(more(processing(), [PROPOSE_GRANT]), sendBack(), 'NOT_SUBMITTED_FOR_SIGNATURE');
    const approved = more(d, [['approve', leader]]);
    assert.equal(approved.p.approvedBy, leader.id);
    assert.equal(approved.p.signatureRequestedOf, null);
    assert.equal(approved.p.signedResultCode, SIGNED_CODE);
  });

  it('send back needs a comment, clears the submission and the proposal, and the specialist proposes again', () => {
    const d = more(processing(), [PROPOSE_GRANT, SUBMIT]);
    refused(d, ['send_back', head, {}], 'MISSING_FIELD');
    const back = more(d, [sendBack('Thiếu căn cứ')]);
    assert.equal(back.p.signatureRequestedOf, null);
    assert.equal(back.p.proposal, null);
    assert.equal(back.events.at(-1)!.payload.reason, 'Thiếu căn cứ');
    refused(back, APPROVE, 'NO_PROPOSAL');
    const again = more(back, [PROPOSE_REFUSE, SUBMIT, APPROVE, ['reject_not_eligible', specialist, { reason: 'Không đủ điều kiện' }]]);
    assert.equal(again.p.outcome, 'rejected');
  });

  it('a result is issued only once signed; an online return needs the signed result', () => {
    const approvedUnsigned = more(processing(), [PROPOSE_GRANT, SUBMIT]);
    const r = decide(approvedUnsigned.p, cmd('approve', head, approvedUnsigned.now), stubCtx());
    assert.ok(r.ok);
    refused({ ...approvedUnsigned, p: r.next, now: new Date(approvedUnsigned.now.getTime() + HOUR) }, ISSUE, 'RESULT_NOT_SIGNED');
    const issued = more(processing(), [PROPOSE_GRANT, SUBMIT, APPROVE, ISSUE]);
    assert.ok(decide(issued.p, cmd('return_result', officer, issued.now, { channel: 'online' }), stubCtx()).ok);
    const unsigned = { ...issued, p: { ...issued.p, signedResultCode: null } };
    const online = decide(unsigned.p, cmd('return_result', officer, issued.now, { channel: 'online' }), stubCtx());
    assert.ok(!online.ok && online.error.code === 'ONLINE_RETURN_NEEDS_SIGNED_RESULT' && online.error.field === 'channel');
    assert.ok(decide(unsigned.p, cmd('return_result', officer, issued.now, { channel: 'counter' }), stubCtx()).ok);
  });

  it('availableActions offers only what would pass now: no issue before the signature, approve only to the signer', () => {
    const proposed = more(processing(), [PROPOSE_GRANT]);
    assert.ok(!availableActions(proposed.p, specialist).includes('issue_result'));
    assert.ok(availableActions(proposed.p, specialist).includes('submit_for_signature'));
    assert.ok(!availableActions(proposed.p, head).includes('approve'));
    const submitted = more(proposed, [SUBMIT]);
    assert.ok(availableActions(submitted.p, head).includes('approve'));
    assert.ok(availableActions(submitted.p, head).includes('send_back'));
    assert.ok(!availableActions(submitted.p, leader).includes('approve'));
    assert.ok(!availableActions(submitted.p, specialist).includes('propose_result'));
    assert.ok(!availableActions(processing().p, specialist).includes('submit_for_signature'));
    assert.ok(availableActions(more(submitted, [APPROVE]).p, specialist).includes('issue_result'));
  });
});

describe('entries that change no state: the declaration corrected, the fee paid (issue 11)', () => {
  const CORRECT = (actor: typeof officer): Step => ['correct_declaration', actor, { reason: 'Sai tên trẻ', revision: 2, fields: ['Họ, chữ đệm, tên của trẻ'] }];
  const PAID: Step = ['fee_paid', officer, { amountVnd: 8000, paymentMethod: 'cash', receiptNo: '0000012/BL', orderRef: 'XS0001' }];

  it('the desk corrects at receipt, not once routed; the assigned specialist or the unit head then, not another', () => {
    const received = run([RECEIVE]);
    const d = more(received, [CORRECT(officer)]);
    assert.deepEqual([d.p.state, d.p.version, d.events.at(-1)?.payload.fields], [2, 2, ['Họ, chữ đệm, tên của trẻ']]);
    refused(received, CORRECT(specialist), 'NOT_AT_YOUR_UNIT');
    refused(received, CORRECT({ ...head, unitCode: DESK }), 'NOT_YET_PROCESSING');
    const routed = processing();
    refused(routed, CORRECT(officer), 'ONLY_AT_DESK');
    refused(routed, CORRECT({ ...specialist, id: 'cv-9' }), 'NOT_ASSIGNED_TO_YOU');
    refused(routed, CORRECT(otherHead), 'NOT_AT_YOUR_UNIT');
    refused(routed, CORRECT(leader), 'ROLE_NOT_ALLOWED');
    assert.equal(more(routed, [CORRECT(specialist), CORRECT(head)]).p.state, 4);
    refused(routed, ['correct_declaration', specialist, {}], 'MISSING_FIELD');
  });

  it('nobody corrects once the decision is approved', () => {
    refused(more(processing(), [PROPOSE_GRANT, SUBMIT, APPROVE]), CORRECT(specialist), 'DECISION_ALREADY_MADE');
  });

  it('a fee paid needs the amount, how and the receipt; it changes nothing but the history', () => {
    const d = run([RECEIVE]);
    const paid = more(d, [PAID]);
    assert.deepEqual({ ...paid.p, version: 1, lastActionAt: d.p.lastActionAt }, d.p);
    refused(d, ['fee_paid', officer, { amountVnd: 8000, paymentMethod: 'cash' }], 'MISSING_FIELD');
    refused(d, ['fee_paid', officer, { amountVnd: 8000, paymentMethod: 'card', receiptNo: '1/BL' }], 'INVALID_FIELD');
    refused(d, ['fee_paid', specialist, PAID[2]], 'ROLE_NOT_ALLOWED');
  });

  it('neither is offered among the actions of a citizen', () => {
    const d = processing();
    assert.ok(!availableActions(d.p, citizen).some((t) => t === 'correct_declaration' || t === 'fee_paid'));
    assert.ok(availableActions(d.p, specialist).includes('correct_declaration'));
  });
});
