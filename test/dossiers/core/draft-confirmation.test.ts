// Online civil-status registration: the applicant checks the draft e-certificate before it is signed (the 2025
// civil-status procedure texts, domain.md §2.5 item 5): the specialist sends it after a proposal to grant; the
// applicant confirms or asks for a correction; without an answer within one working day the applicant agrees, and
// only then (or once confirmed) is the proposal submitted for signature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decide, type DecideContext, type DossierProjection } from '../../../src/dossiers/core/index.ts';
import { parseVnTime } from '../../../src/calendar/core/vn-time.ts';
import { WorkCalendar } from '../../../src/calendar/core/working-time.ts';
import { PROPOSE_GRANT, RECEIVE, SEND_DRAFT, citizen, head, officer, otherCitizen, specialist, stubCtx, VHXH } from './fixtures.ts';

const cal = WorkCalendar.national();
const ctx: DecideContext = stubCtx({
  draftConfirmation: true,
  draftWindowOver: (sentAt, now) => cal.workingHoursBetween(sentAt, now) >= cal.hoursPerWorkingDay,
});
type Step = readonly [Parameters<typeof decide>[1]['type'], typeof officer, Record<string, unknown>?];

function play(steps: readonly Step[], at: Date, c = ctx): DossierProjection {
  let p: DossierProjection | null = null;
  steps.forEach(([type, actor, payload], i) => {
    const r = decide(p, { type, actor, at: new Date(at.getTime() + i * 60_000), payload }, c);
    if (!r.ok) throw new Error(`${type}: ${r.error.code}`);
    p = r.next;
  });
  return p as unknown as DossierProjection;
}
const ASSIGN: Step = ['assign', officer, { unitCode: VHXH, assigneeId: specialist.id }];
const PROPOSED: readonly Step[] = [RECEIVE, ASSIGN, PROPOSE_GRANT];
const codeOf = (p: DossierProjection, type: Step[0], actor: typeof officer, at: Date, payload?: Record<string, unknown>, c = ctx) => {
  const r = decide(p, { type, actor, at, payload }, c);
  return r.ok ? 'ok' : r.error.code;
};
const SIGN = { signerId: head.id };

test('only an online civil-status dossier with a proposal to grant has a draft to send', () => {
  const at = parseVnTime('2026-12-07T08:00');
  const plain = play(PROPOSED, at, stubCtx());
  assert.equal(plain.draftConfirmation, false);
  assert.equal(codeOf(plain, 'send_draft', specialist, parseVnTime('2026-12-07T09:00')), 'DRAFT_NOT_REQUIRED');
  assert.equal(codeOf(plain, 'submit_for_signature', specialist, parseVnTime('2026-12-07T09:00'), SIGN, stubCtx()), 'ok', 'no draft step');
  const refusal = play([RECEIVE, ASSIGN, ['propose_result', specialist, { proposalText: 'Không đủ điều kiện', proposalOutcome: 'reject' }]], at);
  assert.equal(refusal.draftConfirmation, true);
  assert.equal(codeOf(refusal, 'send_draft', specialist, parseVnTime('2026-12-07T09:00')), 'DRAFT_NOT_REQUIRED');
  assert.equal(codeOf(refusal, 'submit_for_signature', specialist, parseVnTime('2026-12-07T09:00'), SIGN), 'ok', 'a refusal is a letter');
});

test('not signed before the applicant confirms, or a working day passes without an answer', () => {
  const at = parseVnTime('2026-12-04T15:50'); // Friday
  const proposed = play(PROPOSED, at);
  assert.equal(codeOf(proposed, 'submit_for_signature', specialist, parseVnTime('2026-12-04T15:55'), SIGN), 'DRAFT_NOT_SENT');
  const sent = play([...PROPOSED, SEND_DRAFT], at); // sent at 15:53 on Friday
  assert.equal(sent.draftSentAt?.getTime(), parseVnTime('2026-12-04T15:53').getTime());
  assert.equal(codeOf(sent, 'send_draft', specialist, parseVnTime('2026-12-04T15:58')), 'DRAFT_ALREADY_SENT');
  // One working day after Friday 15:53 is Monday 15:53 (1 h 07 on Friday; 4 h 30 and 2 h 23 from 13:30 on Monday).
  assert.equal(codeOf(sent, 'submit_for_signature', specialist, parseVnTime('2026-12-07T15:52'), SIGN), 'DRAFT_AWAITING_CONFIRMATION');
  assert.equal(codeOf(sent, 'submit_for_signature', specialist, parseVnTime('2026-12-07T15:53'), SIGN), 'ok');
  // Confirmed: at once.
  const confirmed = decide(sent, { type: 'confirm_draft', actor: citizen, at: parseVnTime('2026-12-04T16:30') }, ctx);
  assert.ok(confirmed.ok);
  assert.equal(codeOf(confirmed.next, 'submit_for_signature', specialist, parseVnTime('2026-12-04T16:40'), SIGN), 'ok');
  assert.equal(codeOf(confirmed.next, 'confirm_draft', citizen, parseVnTime('2026-12-04T16:45')), 'DRAFT_NOT_SENT', 'once');
});

test('the applicant asks for a correction: the draft is withdrawn until the specialist sends a corrected one', () => {
  const sent = play([...PROPOSED, SEND_DRAFT], parseVnTime('2026-12-07T08:00'));
  assert.equal(codeOf(sent, 'confirm_draft', otherCitizen, parseVnTime('2026-12-07T09:00')), 'NOT_YOUR_DOSSIER');
  assert.equal(codeOf(sent, 'request_draft_correction', citizen, parseVnTime('2026-12-07T09:00')), 'MISSING_FIELD');
  const asked = decide(sent, { type: 'request_draft_correction', actor: citizen, at: parseVnTime('2026-12-07T09:00'), payload: { reason: 'Sai tên đệm của mẹ' } }, ctx);
  assert.ok(asked.ok);
  assert.equal(asked.next.draftSentAt, null);
  // Even two days later, nothing is signed without a corrected draft sent again.
  assert.equal(codeOf(asked.next, 'submit_for_signature', specialist, parseVnTime('2026-12-09T09:00'), SIGN), 'DRAFT_NOT_SENT');
  assert.equal(codeOf(asked.next, 'confirm_draft', citizen, parseVnTime('2026-12-07T09:10')), 'DRAFT_NOT_SENT');
  assert.equal(codeOf(asked.next, 'send_draft', specialist, parseVnTime('2026-12-07T10:00')), 'ok');
  assert.equal(codeOf(asked.next, 'send_draft', { ...specialist, unitCode: 'KT' }, parseVnTime('2026-12-07T10:00')), 'NOT_AT_YOUR_UNIT');
});

test('a new proposal or a corrected declaration is a new draft to check', () => {
  const sent = play([...PROPOSED, SEND_DRAFT, ['confirm_draft', citizen]], parseVnTime('2026-12-07T08:00'));
  assert.ok(sent.draftConfirmedAt);
  const again = play([...PROPOSED, SEND_DRAFT, ['confirm_draft', citizen], PROPOSE_GRANT], parseVnTime('2026-12-07T08:00'));
  assert.deepEqual([again.draftSentAt, again.draftConfirmedAt], [null, null]);
  const corrected = play([...PROPOSED, SEND_DRAFT, ['correct_declaration', specialist, { reason: 'Theo đề nghị', revision: 2, fields: ['Họ tên mẹ'] }]], parseVnTime('2026-12-07T08:00'));
  assert.equal(corrected.draftSentAt, null);
});

test('property: the proposal is submitted for signature exactly when confirmed or a working day has passed since the draft', () => {
  const monday = parseVnTime('2026-03-02T07:00').getTime();
  fc.assert(fc.property(fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.integer({ min: 5, max: 5 * 24 * 60 }), fc.boolean(), (startMin, waitMin, confirm) => {
    const at = new Date(monday + startMin * 60_000);
    let p = play([...PROPOSED, SEND_DRAFT], at);
    const sentAt = p.draftSentAt as Date;
    if (confirm) p = play([...PROPOSED, SEND_DRAFT, ['confirm_draft', citizen]], at);
    const when = new Date(sentAt.getTime() + waitMin * 60_000);
    const expected = confirm || cal.workingHoursBetween(sentAt, when) >= 8 ? 'ok' : 'DRAFT_AWAITING_CONFIRMATION';
    assert.equal(codeOf(p, 'submit_for_signature', specialist, when, SIGN), expected);
  }), { numRuns: 300 });
});


