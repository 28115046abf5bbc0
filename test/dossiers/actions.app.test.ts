// Lifecycle actions through the HTTP API (part 1: filing, receipt, routing, clock pauses, apology/extension).
// Every action is taken once on the happy path and refused once for the role or unit (403/404) and once for the
// state (409), with exact due times on the 2026 working calendar (07:00–11:30, 13:30–17:00, 8 h = 1 day;
// domain.md §2.5, §2.7). Part 2 (decision, result, ending early, other commune) is result-actions.app.test.ts.
import { test } from 'node:test';
import { applicantRef } from '../../src/dossiers/service.ts';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import {
  KHAI_SINH, LAND, TTHN, accepted, assertCoverage, helpers, newCoverage, refused, vn,
} from './action-helpers.ts';

const t = await testApp();
const cov = newCoverage();
const { act, intake, submit, get, staffId, assertConsistent } = helpers(t, cov);
const dossiers: string[] = [];
const SUPPLEMENT = { items: ['Giấy chứng sinh bản chính'], reason: 'Thiếu giấy chứng sinh' };

test('online path: submit → request_supplement_before_receipt → supplement_provided → receive_online', async () => {
  const s = await submit(KHAI_SINH, '2026-11-25T08:00'); // Wednesday
  assert.equal(s.status, 201, JSON.stringify(s.body));
  assert.match(s.body.reference, /^HS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  // To be received or refused within one working day (core/receipt.ts): Thursday 08:00.
  assert.deepEqual(s.body, {
    id: s.body.id, reference: s.body.reference, receiptDueAt: vn('2026-11-26T08:00'), state: 1, stateName: 'Mới đăng ký',
    procedureCode: KHAI_SINH, submittedAt: vn('2026-11-25T08:00'),
  });
  const id = s.body.id as string;
  dossiers.push(id);
  const d = await get(id);
  assert.equal(d.body.code, null);
  assert.equal(d.body.reference, s.body.reference);
  assert.equal(d.body.receiptDueAt, vn('2026-11-26T08:00'));
  assert.equal(d.body.dueAt, null);
  assert.equal(d.body.currentUnit, null);
  assert.deepEqual(d.body.allowedActions, ['receive_online', 'refuse_receipt', 'request_supplement_before_receipt', 'withdraw', 'correct_declaration']);

  refused(await act(id, 'request_supplement_before_receipt', 'chutich', SUPPLEMENT, '2026-11-25T08:30'), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'request_supplement_before_receipt', 'hotich', SUPPLEMENT), 404, 'NOT_FOUND'); // not routed to VHXH
  const sup = await act(id, 'request_supplement_before_receipt', 'motcua', SUPPLEMENT);
  accepted(sup, 5);
  assert.equal(sup.body.stateName, 'Yêu cầu bổ sung giấy tờ');
  assert.equal(sup.body.pausedAt, null, 'no clock runs before receipt');
  assert.equal(sup.body.supplementCount, 0, 'a request before receipt does not count (QĐ 766 chỉ tiêu 2.1)');
  assert.deepEqual(sup.body.events.at(-1).payload, SUPPLEMENT);

  refused(await act(id, 'request_supplement_before_receipt', 'motcua', SUPPLEMENT), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'receive_online', 'motcua'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  // State 5 exists before and after receipt: actions that need a received dossier say so.
  refused(await act(id, 'stop_processing', 'motcua', { reason: 'Công dân đề nghị dừng' }), 409, 'NOT_YET_RECEIVED');
  refused(await act(id, 'apologize_extend', 'chutich', { reason: 'Quá tải', newDueAt: '2026-12-31T17:00:00+07:00' }), 409, 'NOT_YET_RECEIVED');
  refused(await act(id, 'supplement_provided', 'chutich'), 403, 'ROLE_NOT_ALLOWED');

  const back = await act(id, 'supplement_provided', 'motcua', {}, '2026-11-26T09:00');
  accepted(back, 1);
  assert.equal(back.body.receiptDueAt, vn('2026-11-27T09:00'), 'the supplement came back: a new working day to receive it');
  assert.equal(back.body.supplementCount, 0);
  assert.equal(back.body.receivedAt, null);
  assert.equal(back.body.code, null);

  refused(await act(id, 'receive_online', 'chutich', {}, '2026-11-26T10:00'), 403, 'ROLE_NOT_ALLOWED');
  const r = await act(id, 'receive_online', 'motcua');
  accepted(r, 2);
  assert.equal(r.body.code, '000.DEMO.XD.H55-261126-0001');
  assert.equal(r.body.receivedAt, vn('2026-11-26T10:00'));
  assert.equal(r.body.dueAt, vn('2026-11-26T17:00'), 'same day: received before 15:00 → 17:00 that day');
  assert.equal(r.body.originalDueAt, vn('2026-11-26T17:00'));
  assert.equal(r.body.receivingUnit, 'TTPVHCC');
  assert.equal(r.body.currentUnit, 'TTPVHCC');
  assert.equal(r.body.supplementCount, 0);
  assert.deepEqual(
    r.body.events.map((e: { action: string; fromState: number | null; toState: number }) => [e.action, e.fromState, e.toState]),
    [['submit_online', null, 1], ['request_supplement_before_receipt', 1, 5], ['supplement_provided', 5, 1], ['receive_online', 1, 2]],
  );
  assert.equal(r.body.events[0].actorRole, 'citizen');
  refused(await act(id, 'receive_online', 'motcua'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'request_supplement_before_receipt', 'motcua', SUPPLEMENT), 409, 'ACTION_NOT_ALLOWED_IN_STATE');

  const pub = await call(t, 'GET', `/api/v1/public/status?code=${r.body.code}&idLast4=4567`);
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  assert.equal(pub.body.state, 2);
  assert.equal(pub.body.dueAt, vn('2026-11-26T17:00'));
  assert.deepEqual(pub.body.timeline.map((e: { text: string }) => e.text), [
    'Nộp hồ sơ trực tuyến → Mới đăng ký',
    'Yêu cầu bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận → Yêu cầu bổ sung giấy tờ',
    'Tiếp nhận hồ sơ bổ sung → Mới đăng ký',
    'Tiếp nhận hồ sơ trực tuyến → Được tiếp nhận',
  ]);
});

test('refuse_receipt: an online submission, and at the counter (state 3, no dossier code)', async () => {
  const s = await submit(KHAI_SINH, '2026-11-24T07:30', 'Lò Văn Dũng'); // Tuesday
  const id = s.body.id as string;
  dossiers.push(id);
  refused(await act(id, 'refuse_receipt', 'chutich', { reason: 'x' }, '2026-11-24T08:00'), 403, 'ROLE_NOT_ALLOWED');
  const reason = 'Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã';
  const r = await act(id, 'refuse_receipt', 'motcua', { reason });
  accepted(r, 3);
  assert.equal(r.body.stateName, 'Không được tiếp nhận');
  assert.equal(r.body.code, null);
  assert.equal(r.body.finishedAt, vn('2026-11-24T08:00'));
  assert.deepEqual(r.body.allowedActions, []);
  assert.deepEqual(r.body.events.at(-1).payload, { reason });
  refused(await act(id, 'refuse_receipt', 'motcua', { reason }), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'receive_online', 'motcua'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'apologize_extend', 'chutich', { reason, newDueAt: '2026-12-31T17:00:00+07:00' }), 409, 'ACTION_NOT_ALLOWED_IN_STATE');

  // At the counter: the refusal creates the dossier in state 3, with the reason, and uses no code number.
  refused(await intake(KHAI_SINH, '2026-11-24T09:00', 'hotich', { action: 'refuse_receipt', reason }), 403, 'ROLE_NOT_ALLOWED');
  refused(await intake(KHAI_SINH, '2026-11-24T09:00', 'motcua', { action: 'refuse_receipt' }), 422, 'MISSING_FIELD');
  const c = await intake(KHAI_SINH, '2026-11-24T09:00', 'motcua', { action: 'refuse_receipt', reason });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  dossiers.push(c.body.id);
  assert.equal(c.body.state, 3);
  assert.equal(c.body.code, null);
  assert.equal(c.body.receivedAt, null);
  assert.equal(c.body.dueAt, null);
  assert.equal(c.body.finishedAt, vn('2026-11-24T09:00'));
  assert.deepEqual(c.body.events.map((e: { action: string; fromState: null; toState: number; payload: object }) => [e.action, e.fromState, e.toState, e.payload]),
    [['refuse_receipt', null, 3, { reason, applicantId: applicantRef(applicant().idNumber) }]]);
  assert.equal(JSON.stringify(c.body.events).includes(applicant().idNumber), false, 'the log holds a pseudonym, not the ID number');
  refused(await act(c.body.id, 'refuse_receipt', 'motcua', { reason }), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  const next = await intake(KHAI_SINH, '2026-11-24T09:10');
  assert.equal(next.body.code, '000.DEMO.XD.H55-261124-0001', 'the refusals used no number of the daily sequence');
  dossiers.push(next.body.id);
  refused(await act(next.body.id, 'refuse_receipt', 'motcua', { reason }), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(next.body.id, 'request_supplement_before_receipt', 'motcua', SUPPLEMENT), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  // Receipt is a receiving officer's (creation has no "wrong state": the dossier does not exist yet).
  refused(await intake(KHAI_SINH, '2026-11-24T09:20', 'chutich'), 403, 'ROLE_NOT_ALLOWED');
  // submit_online has no staff endpoint; and a procedure not offered online cannot be filed online.
  const staffSubmit = await act(next.body.id, 'submit_online', 'motcua');
  assert.equal(staffSubmit.status, 404);
  const land = await submit(LAND, '2026-11-24T09:30');
  refused(land, 422, 'CHANNEL_NOT_OFFERED');
});

test('assign and forward: the control sheet classifies each hand-over against the step budget (BM.05)', async () => {
  const proc = await call(t, 'GET', `/api/v1/procedures/${TTHN}`);
  assert.deepEqual(proc.body.processingTime, { unit: 'working_days', value: 3 });
  assert.deepEqual(proc.body.processSteps.map((s: { code: string; hours: number }) => [s.code, s.hours]),
    [['TIEP_NHAN', 2], ['THAM_DINH', 16], ['XEM_XET', 2], ['PHE_DUYET', 2], ['VAO_SO', 1], ['TRA_KET_QUA', 1]]);
  const [hotich, truong, chutich] = [await staffId('hotich'), await staffId('truongvhxh'), await staffId('chutich')];

  const d = await intake(TTHN, '2026-11-30T08:00'); // Monday
  const id = d.body.id as string;
  dossiers.push(id);
  assert.equal(d.body.dueAt, vn('2026-12-03T08:00'), '24 working hours: Mon 7 h + Tue 8 h + Wed 8 h + Thu 1 h');

  const submitted = (await submit(TTHN, '2026-11-30T08:10')).body.id as string;
  dossiers.push(submitted);
  refused(await act(submitted, 'assign', 'motcua', { unitCode: 'VHXH' }, '2026-11-30T08:20'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'assign', 'hotich', { unitCode: 'VHXH' }), 404, 'NOT_FOUND'); // not yet at VHXH
  refused(await act(id, 'assign', 'diachinh', { unitCode: 'VHXH' }), 404, 'NOT_FOUND');
  refused(await act(id, 'forward', 'chutich', { unitCode: 'VHXH' }), 409, 'ACTION_NOT_ALLOWED_IN_STATE'); // only from 4
  refused(await act(id, 'assign', 'motcua', { unitCode: 'KT', assigneeId: hotich }), 422, 'UNKNOWN_ASSIGNEE');
  refused(await act(id, 'assign', 'motcua', { unitCode: 'XYZ' }), 422, 'UNKNOWN_UNIT');

  // Step 1 (TIEP_NHAN, 2 h from 08:00) is due 10:00; handed over at 09:00 the same day → on time.
  const a = await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: hotich }, '2026-11-30T09:00');
  accepted(a, 4);
  assert.equal(a.body.currentUnit, 'VHXH');
  assert.equal(a.body.assigneeId, Number(hotich));
  assert.deepEqual(a.body.events.at(-1).handover, {
    fromUnit: 'TTPVHCC', toUnit: 'VHXH', fromAssigneeId: null, toAssigneeId: hotich, at: vn('2026-11-30T09:00'),
    stepCode: 'TIEP_NHAN', stepDueAt: vn('2026-11-30T10:00'), result: 'on_time',
  });
  refused(await act(id, 'assign', 'hotich', { unitCode: 'VHXH' }), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'forward', 'motcua', { unitCode: 'VP' }), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'forward', 'hotich', { unitCode: 'VHXH', assigneeId: hotich }), 422, 'HANDOVER_TO_SAME');

  // Step 2 (THAM_DINH, 16 h from Mon 09:00) is due Wed 09:00; forwarded Wed 10:00 → late.
  const f = await act(id, 'forward', 'hotich', { unitCode: 'VHXH', assigneeId: truong }, '2026-12-02T10:00');
  accepted(f, 4);
  assert.deepEqual(f.body.events.at(-1).handover, {
    fromUnit: 'VHXH', toUnit: 'VHXH', fromAssigneeId: hotich, toAssigneeId: truong, at: vn('2026-12-02T10:00'),
    stepCode: 'THAM_DINH', stepDueAt: vn('2026-12-02T09:00'), result: 'late',
  });
  // Step 3 (XEM_XET, 2 h from Wed 10:00: 1.5 h before noon + 0.5 h after) is due 14:00; forwarded 13:45 → on time.
  const g = await act(id, 'forward', 'truongvhxh', { unitCode: 'VP', assigneeId: chutich }, '2026-12-02T13:45');
  accepted(g, 4);
  assert.equal(g.body.currentUnit, 'VP');
  assert.deepEqual(g.body.events.at(-1).handover, {
    fromUnit: 'VHXH', toUnit: 'VP', fromAssigneeId: truong, toAssigneeId: chutich, at: vn('2026-12-02T13:45'),
    stepCode: 'XEM_XET', stepDueAt: vn('2026-12-02T14:00'), result: 'on_time',
  });
  // The dossier left VHXH: its specialist still sees it but may no longer act on it.
  refused(await act(id, 'forward', 'hotich', { unitCode: 'VHXH' }), 403, 'NOT_AT_YOUR_UNIT');
  // The leader sends it back to the desk (assign from state 4 by a commune-wide role).
  accepted(await act(id, 'assign', 'chutich', { unitCode: 'TTPVHCC' }, '2026-12-02T14:30'), 4);
  assert.deepEqual((await get(id)).body.events.map((e: { action: string }) => e.action), ['receive_counter', 'assign', 'forward', 'forward', 'assign']);
});

test('financial obligation on DD.LOCAL.001: the clock stops and the due time moves on by the paused working time', async () => {
  const diachinh = await staffId('diachinh');
  const d = await intake(LAND, '2026-11-25T16:00'); // Wednesday, 1 working hour left that day
  const id = d.body.id as string;
  dossiers.push(id);
  assert.equal(d.body.code, '000.DEMO.XD.H55-261125-0001');
  // 160 working hours: Wed 1 h + 19 full days (to Tue 22/12) + 7 h on Wed 23/12 → 16:00.
  assert.equal(d.body.dueAt, vn('2026-12-23T16:00'));
  // Step 1 (TIEP_NHAN, 4 h: due Thu 10:00) handed over on Wednesday → early.
  const a = await act(id, 'assign', 'motcua', { unitCode: 'KT', assigneeId: diachinh }, '2026-11-25T16:30');
  accepted(a, 4);
  assert.equal(a.body.events.at(-1).handover.stepDueAt, vn('2026-11-26T10:00'));
  assert.equal(a.body.events.at(-1).handover.result, 'early');

  const duty = { description: 'Nộp tiền sử dụng đất và lệ phí trước bạ', amountVnd: 12_500_000 };
  refused(await act(id, 'obligation_met', 'motcua', {}, '2026-11-26T09:00'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'request_financial_obligation', 'motcua', duty), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'request_financial_obligation', 'hotich', duty), 404, 'NOT_FOUND');
  refused(await act(id, 'request_financial_obligation', 'truongvhxh', duty), 403, 'NOT_AT_YOUR_UNIT');
  const p = await act(id, 'request_financial_obligation', 'diachinh', duty);
  accepted(p, 6);
  assert.equal(p.body.stateName, 'Yêu cầu thực hiện nghĩa vụ tài chính');
  assert.equal(p.body.pausedAt, vn('2026-11-26T09:00'));
  assert.deepEqual(p.body.events.at(-1).payload, duty);
  refused(await act(id, 'request_financial_obligation', 'diachinh', duty), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'request_supplement', 'diachinh', SUPPLEMENT), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'obligation_met', 'diachinh'), 403, 'ROLE_NOT_ALLOWED');

  // Paused Thu 26/11 09:00 → Tue 01/12 14:00 = 6 + 8 + 8 + 5 = 27 working hours.
  const m = await act(id, 'obligation_met', 'motcua', {}, '2026-12-01T14:00');
  accepted(m, 4);
  assert.equal(m.body.pausedAt, null);
  assert.equal(m.body.dueAt, vn('2026-12-29T09:00'), '16:00 Wed 23/12 + 27 h');
  assert.equal(m.body.originalDueAt, vn('2026-12-29T09:00'));
  assert.equal(m.body.extendedDueAt, null);
  // The step budget moves on too: THAM_DINH (136 h from Wed 16:30 → Fri 18/12 16:30) + 27 h.
  const f = await act(id, 'forward', 'diachinh', { unitCode: 'KT', assigneeId: await staffId('truongkt') }, '2026-12-01T15:00');
  assert.equal(f.body.events.at(-1).handover.stepDueAt, vn('2026-12-24T09:30'));
  assert.equal(f.body.events.at(-1).handover.result, 'early');
});

test('financial obligation on a procedure whose clock does not stop for it: the due time stays', async () => {
  const d = await intake(TTHN, '2026-12-02T08:00');
  const id = d.body.id as string;
  dossiers.push(id);
  assert.equal(d.body.dueAt, vn('2026-12-07T08:00'));
  await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-02T08:30');
  const p = await act(id, 'request_financial_obligation', 'hotich', { description: 'Nộp lệ phí' }, '2026-12-02T09:00');
  accepted(p, 6);
  assert.equal(p.body.pausedAt, null, 'pausingStates of 1.004873 = [supplement]');
  const m = await act(id, 'obligation_met', 'motcua', {}, '2026-12-04T09:00');
  accepted(m, 4);
  assert.equal(m.body.dueAt, vn('2026-12-07T08:00'));
  assert.equal(m.body.originalDueAt, vn('2026-12-07T08:00'));
});

test('request_supplement after receipt pauses the clock once; a second request is refused', async () => {
  const d = await intake(TTHN, '2026-12-14T08:00');
  const id = d.body.id as string;
  dossiers.push(id);
  assert.equal(d.body.dueAt, vn('2026-12-17T08:00'));
  await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-14T08:30');
  refused(await act(id, 'supplement_provided', 'motcua', {}, '2026-12-14T10:00'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'request_supplement', 'chutich', SUPPLEMENT), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'request_supplement', 'diachinh', SUPPLEMENT), 404, 'NOT_FOUND');
  const s = await act(id, 'request_supplement', 'hotich', SUPPLEMENT);
  accepted(s, 5);
  assert.equal(s.body.supplementCount, 1);
  assert.equal(s.body.pausedAt, vn('2026-12-14T10:00'));
  refused(await act(id, 'request_supplement', 'hotich', SUPPLEMENT), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  // Paused Mon 10:00 → Wed 10:00 = 5 + 8 + 3 = 16 h: Thu 17/12 08:00 + 16 h = Mon 21/12 08:00.
  const b = await act(id, 'supplement_provided', 'motcua', {}, '2026-12-16T10:00');
  accepted(b, 4);
  assert.equal(b.body.dueAt, vn('2026-12-21T08:00'));
  assert.equal(b.body.originalDueAt, vn('2026-12-21T08:00'));
  refused(await act(id, 'request_supplement', 'hotich', SUPPLEMENT), 409, 'SECOND_SUPPLEMENT_NOT_ALLOWED');
  assert.equal((await get(id)).body.supplementCount, 1);
});

test('apologize_extend: ≥ 1 working day before the due time, once, to a later date; originalDueAt is kept', async () => {
  const a = await intake(TTHN, '2026-12-07T08:00'); // due Thu 10/12 08:00
  const b = await intake(TTHN, '2026-12-07T08:00');
  const [x, y] = [a.body.id as string, b.body.id as string];
  dossiers.push(x, y);
  assert.equal(a.body.dueAt, vn('2026-12-10T08:00'));
  for (const id of [x, y]) await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-07T08:30');
  const apology = (newDueAt: string) => ({ reason: 'Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây', newDueAt });

  refused(await act(x, 'apologize_extend', 'hotich', apology('2026-12-14T17:00:00+07:00'), '2026-12-08T10:00'), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(x, 'apologize_extend', 'motcua', apology('2026-12-14T17:00:00+07:00')), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(x, 'apologize_extend', 'truongkt', apology('2026-12-14T17:00:00+07:00')), 404, 'NOT_FOUND');
  refused(await act(x, 'apologize_extend', 'truongvhxh', apology('2026-12-10T08:00:00+07:00')), 422, 'NEW_DUE_NOT_LATER');
  refused(await act(x, 'apologize_extend', 'truongvhxh', apology('2026-12-09T17:00:00+07:00')), 422, 'NEW_DUE_NOT_LATER');

  // Wed 09/12 08:00 → Thu 08:00 is exactly 8 working hours (7 + 1): still allowed.
  const e = await act(x, 'apologize_extend', 'truongvhxh', apology('2026-12-14T17:00:00+07:00'), '2026-12-09T08:00');
  accepted(e, 4);
  assert.equal(e.body.dueAt, vn('2026-12-14T17:00'));
  assert.equal(e.body.extendedDueAt, vn('2026-12-14T17:00'));
  assert.equal(e.body.originalDueAt, vn('2026-12-10T08:00'), 'the statutory due time is kept for QĐ 766');
  assert.equal(e.body.extensionCount, 1);
  assert.deepEqual([e.body.events.at(-1).fromState, e.body.events.at(-1).toState], [4, 4]);
  assert.deepEqual(e.body.events.at(-1).payload, apology('2026-12-14T10:00:00.000Z'));
  refused(await act(x, 'apologize_extend', 'chutich', apology('2026-12-18T17:00:00+07:00'), '2026-12-09T09:00'), 409, 'EXTENSION_ALREADY_USED');

  // One second later, less than a working day is left.
  refused(await act(y, 'apologize_extend', 'truongvhxh', apology('2026-12-14T17:00:00+07:00'), '2026-12-09T08:00:01'), 409, 'EXTENSION_TOO_LATE');
  refused(await act(y, 'apologize_extend', 'chutich', apology('2026-12-14T17:00:00+07:00'), '2026-12-09T15:00'), 409, 'EXTENSION_TOO_LATE');
  const yd = (await get(y)).body;
  assert.equal(yd.dueAt, vn('2026-12-10T08:00'));
  assert.equal(yd.extensionCount, 0);
});

test('an apology during a clock pause keeps the whole pause out of the step budget', async () => {
  const d = await intake(LAND, '2026-12-03T08:00');
  const id = d.body.id as string;
  dossiers.push(id);
  assert.equal(d.body.dueAt, vn('2026-12-31T08:00'));
  await act(id, 'assign', 'motcua', { unitCode: 'KT', assigneeId: await staffId('diachinh') }, '2026-12-03T08:30');
  // THAM_DINH: 136 h from Thu 03/12 08:30 → Mon 28/12 08:30.
  accepted(await act(id, 'request_financial_obligation', 'diachinh', { description: 'Nộp tiền sử dụng đất' }, '2026-12-04T08:00'), 6);
  accepted(await act(id, 'apologize_extend', 'truongkt', { reason: 'Chờ ý kiến Chi nhánh Văn phòng đăng ký đất đai', newDueAt: '2027-01-15T17:00:00+07:00' }, '2026-12-07T08:00'), 6);
  const m = await act(id, 'obligation_met', 'motcua', {}, '2026-12-09T08:00');
  accepted(m, 4);
  // Paused Fri 04/12 08:00 → Wed 09/12 08:00 = 24 working hours (01/01/2027 is a holiday).
  assert.equal(m.body.originalDueAt, vn('2027-01-06T08:00'));
  assert.equal(m.body.dueAt, vn('2027-01-19T17:00'), 'the new date moves on by the pause after the apology (16 h)');
  const f = await act(id, 'forward', 'diachinh', { unitCode: 'KT', assigneeId: await staffId('truongkt') }, '2026-12-09T09:00');
  assert.equal(f.body.events.at(-1).handover.stepDueAt, vn('2026-12-31T08:30'), 'Mon 28/12 08:30 + 24 h');
});

test('each action endpoint describes who may take it by the roles\' Vietnamese names', async () => {
  const paths = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths as Record<string, { post?: { description?: string } }>;
  const described = Object.entries(paths).filter(([path]) => path.includes('/actions/'));
  assert.ok(described.length >= 15);
  assert.match(paths['/api/v1/dossiers/{id}/actions/receive_online']!.post!.description!, /Vai trò: Cán bộ một cửa\. /);
  for (const [path, ops] of described) {
    const roles = /Vai trò: ([^.]*)\./.exec(ops.post?.description ?? '')?.[1] ?? '';
    assert.ok(roles && !/[a-z]+_[a-z]+|\b(citizen|system|specialist|leader|admin)\b/.test(roles), `${path}: ${roles}`);
  }
});

test('coverage, history and replay of every dossier of this file', async () => {
  assertCoverage(cov, [
    'submit_online', 'receive_counter', 'receive_online', 'refuse_receipt', 'request_supplement_before_receipt',
    'assign', 'forward', 'request_supplement', 'supplement_provided', 'request_financial_obligation', 'obligation_met',
    'apologize_extend',
  ], ['submit_online', 'receive_counter']);
  for (const id of dossiers) await assertConsistent(id);
});
