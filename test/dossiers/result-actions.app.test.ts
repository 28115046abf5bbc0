// Lifecycle actions through the HTTP API (part 2: proposal, approval, result, return, withdrawal, stop, and the
// other commune). Part 1 (filing, receipt, routing, clock pauses, apology) is actions.app.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiKey } from '../../src/identity/staff/auth.ts';
import { ACTIONS, ACTION_TYPES, type ActionType } from '../../src/dossiers/core/index.ts';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { KHAI_SINH, TTHN, accepted, assertCoverage, helpers, newCoverage, refused, vn } from './action-helpers.ts';

const t = await testApp();
const cov = newCoverage();
const { act, intake, submit, get, staffId, assertConsistent, submitAndSign } = helpers(t, cov);
const dossiers: string[] = [];
/** The dossier the VHXH system key acted on (four-eyes test), for the attribution check. */
let keyDossier = '';

async function vhxhId(): Promise<number> {
  const u = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', 'VHXH').executeTakeFirstOrThrow();
  return u.id;
}

/** A 1.004873 dossier received at `at` and assigned to the civil-status specialist half an hour later. */
async function atVhxh(day: string, code = TTHN): Promise<string> {
  const d = await intake(code, `${day}T08:00`);
  assert.equal(d.status, 201, JSON.stringify(d.body));
  dossiers.push(d.body.id);
  accepted(await act(d.body.id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, `${day}T08:30`), 4);
  return d.body.id as string;
}

test('propose (reject) → approve → reject_not_eligible → return_result by post', async () => {
  const id = await atVhxh('2026-12-14');
  const reject = { proposalText: 'Người yêu cầu đang có vợ theo Cơ sở dữ liệu hộ tịch; đề nghị từ chối', proposalOutcome: 'reject' };
  const reason = 'Không đủ điều kiện cấp Giấy xác nhận tình trạng hôn nhân';
  refused(await act(id, 'propose_result', 'motcua', reject, '2026-12-14T09:00'), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'propose_result', 'truongvhxh', reject), 403, 'ROLE_NOT_ALLOWED'); // only specialists propose
  refused(await act(id, 'propose_result', 'diachinh', reject), 404, 'NOT_FOUND');
  refused(await act(id, 'approve', 'truongvhxh'), 409, 'NO_PROPOSAL');
  refused(await act(id, 'issue_result', 'hotich'), 409, 'RESULT_NOT_APPROVED');
  refused(await act(id, 'reject_not_eligible', 'hotich', { reason }), 409, 'RESULT_NOT_APPROVED');

  const p = await act(id, 'propose_result', 'hotich', reject, '2026-12-14T10:00');
  accepted(p, 4);
  assert.deepEqual([p.body.events.at(-1).fromState, p.body.events.at(-1).toState, p.body.events.at(-1).payload], [4, 4, reject]);
  assert.equal(p.body.outcome, null);
  refused(await act(id, 'approve', 'hotich'), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'approve', 'truongkt'), 404, 'NOT_FOUND');
  refused(await act(id, 'approve', 'truongvhxh'), 409, 'NOT_SUBMITTED_FOR_SIGNATURE');
  refused(await act(id, 'send_back', 'truongvhxh', { reason: 'x' }), 409, 'NOT_SUBMITTED_FOR_SIGNATURE');
  const offered = (await get(id, 'hotich')).body.allowedActions as string[];
  assert.ok(offered.includes('submit_for_signature') && !offered.includes('issue_result') && !offered.includes('reject_not_eligible'), offered.join());
  // Trình ký: to the unit head (the proposer, a desk head or a specialist cannot be asked to sign).
  refused(await act(id, 'submit_for_signature', 'motcua', { signerId: await staffId('truongvhxh') }), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'submit_for_signature', 'hotich', { signerId: await staffId('hotich') }), 422, 'SIGNER_IS_PROPOSER');
  for (const other of ['giamdoc', 'motcua', 'tl.chutich']) {
    refused(await act(id, 'submit_for_signature', 'hotich', { signerId: await staffId(other) }), 422, 'UNKNOWN_SIGNER');
  }
  const sub = await act(id, 'submit_for_signature', 'hotich', { signerId: await staffId('truongvhxh'), note: 'Kính trình' }, '2026-12-14T10:10');
  accepted(sub, 4);
  assert.ok(!sub.body.allowedActions.some((a: string) => ['propose_result', 'submit_for_signature', 'issue_result'].includes(a)), 'the proposer waits for the signer');
  const row = await t.db.selectFrom('dossiers').select('signature_requested_of').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(String(row.signature_requested_of), await staffId('truongvhxh'));
  refused(await act(id, 'approve', 'chutich'), 403, 'NOT_REQUESTED_SIGNER');
  refused(await act(id, 'send_back', 'chutich', { reason: 'x' }), 403, 'NOT_REQUESTED_SIGNER');
  refused(await act(id, 'send_back', 'hotich', { reason: 'x' }), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(id, 'propose_result', 'hotich', reject), 409, 'AWAITING_SIGNATURE');
  refused(await act(id, 'submit_for_signature', 'hotich', { signerId: await staffId('chutich') }), 409, 'AWAITING_SIGNATURE');
  assert.deepEqual((await get(id, 'truongvhxh')).body.allowedActions.filter((a: string) => ['approve', 'send_back'].includes(a)), ['send_back', 'approve']);
  // Trả lại: a comment is required; the proposal goes back to the specialist, the comment stays in the history.
  assert.equal((await act(id, 'send_back', 'truongvhxh', {})).status, 400);
  const back = await act(id, 'send_back', 'truongvhxh', { reason: 'Ghi rõ căn cứ xác minh tình trạng hôn nhân' }, '2026-12-14T10:20');
  accepted(back, 4);
  assert.deepEqual(back.body.events.at(-1).payload, { reason: 'Ghi rõ căn cứ xác minh tình trạng hôn nhân' });
  refused(await act(id, 'approve', 'truongvhxh'), 409, 'NO_PROPOSAL');
  accepted(await act(id, 'propose_result', 'hotich', reject, '2026-12-14T10:30'), 4);
  accepted(await submitAndSign(id, 'truongvhxh', 'hotich', '2026-12-14T11:00'), 4);
  refused(await act(id, 'approve', 'chutich'), 409, 'ALREADY_APPROVED');
  refused(await act(id, 'submit_for_signature', 'hotich', { signerId: await staffId('chutich') }), 409, 'ALREADY_APPROVED');
  refused(await act(id, 'propose_result', 'hotich', { ...reject, proposalOutcome: 'approve' }), 409, 'ALREADY_APPROVED');
  refused(await act(id, 'issue_result', 'hotich'), 409, 'PROPOSAL_OUTCOME_MISMATCH');
  // NĐ 118/2025 Đ21 k1: no withdrawal or stop once the decision is signed.
  refused(await act(id, 'withdraw', 'motcua', { reason: 'Công dân xin rút hồ sơ' }), 409, 'DECISION_ALREADY_MADE');
  refused(await act(id, 'stop_processing', 'motcua', { reason: 'Công dân đề nghị dừng' }), 409, 'DECISION_ALREADY_MADE');
  refused(await act(id, 'reject_not_eligible', 'motcua', { reason }), 403, 'ROLE_NOT_ALLOWED');

  const r = await act(id, 'reject_not_eligible', 'hotich', { reason }, '2026-12-14T14:00');
  accepted(r, 9);
  assert.equal(r.body.stateName, 'Đã xử lý xong');
  assert.equal(r.body.outcome, 'rejected');
  assert.equal(r.body.finishedAt, vn('2026-12-14T14:00'));
  assert.equal(r.body.currentUnit, 'TTPVHCC', 'the written refusal goes back to the desk');
  assert.equal(r.body.assigneeId, null);
  // THAM_DINH: 16 h from Mon 08:30 → Wed 16/12 08:30; done on Monday → early.
  assert.deepEqual(r.body.events.at(-1).handover, {
    fromUnit: 'VHXH', toUnit: 'TTPVHCC', fromAssigneeId: await staffId('hotich'), toAssigneeId: null, at: vn('2026-12-14T14:00'),
    stepCode: 'THAM_DINH', stepDueAt: vn('2026-12-16T08:30'), result: 'early',
  });
  assert.deepEqual((await get(id)).body.allowedActions, ['return_result']);
  for (const [type, who, body] of [
    ['reject_not_eligible', 'hotich', { reason }], ['issue_result', 'hotich', {}], ['propose_result', 'hotich', reject],
    ['approve', 'chutich', {}], ['withdraw', 'motcua', {}], ['submit_for_signature', 'hotich', { signerId: '1' }],
    ['send_back', 'truongvhxh', { reason: 'x' }],
  ] as const) refused(await act(id, type, who, body), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(id, 'return_result', 'hotich', { channel: 'post' }), 403, 'ROLE_NOT_ALLOWED');

  const ret = await act(id, 'return_result', 'motcua', { channel: 'post' }, '2026-12-14T15:00');
  accepted(ret, 10);
  assert.equal(ret.body.stateName, 'Đã trả kết quả');
  assert.equal(ret.body.returnedAt, vn('2026-12-14T15:00'));
  assert.equal(ret.body.finishedAt, vn('2026-12-14T14:00'), 'delivery does not move the end of processing');
  assert.deepEqual(ret.body.events.at(-1).payload, { channel: 'post' });
  assert.deepEqual(ret.body.allowedActions, []);
  refused(await act(id, 'return_result', 'motcua', { channel: 'post' }), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  const pub = await call(t, 'GET', `/api/v1/public/status?code=${ret.body.code}&idLast4=4567`);
  assert.deepEqual([pub.body.state, pub.body.finishedAt, pub.body.returnedAt], [10, vn('2026-12-14T14:00'), vn('2026-12-14T15:00')]);
  assert.equal(pub.body.timeline.at(-1).text, 'Trả kết quả → Đã trả kết quả');
});

test('four eyes: whoever proposed cannot approve, even holding a signing role (an API key with both roles)', async () => {
  // No demo person is both specialist and unit head; a system key for VHXH with both roles is the real way.
  const key = await createApiKey(t.db, { communeId: 'xuan-duong', unitId: await vhxhId(), name: 'Phần mềm hộ tịch dùng chung', roles: ['specialist', 'unit_head'] });
  const sys = { key };
  const d = await intake(KHAI_SINH, '2026-12-15T08:00');
  const id = d.body.id as string;
  dossiers.push(id);
  keyDossier = id;
  assert.equal(d.body.dueAt, vn('2026-12-15T17:00'));
  refused(await act(id, 'propose_result', sys, { proposalText: 'x', proposalOutcome: 'approve' }, '2026-12-15T08:05'), 404, 'NOT_FOUND');
  accepted(await act(id, 'assign', 'motcua', { unitCode: 'VHXH' }, '2026-12-15T08:10'), 4);
  const p = await act(id, 'propose_result', sys, { proposalText: 'Đủ điều kiện, đề nghị đăng ký khai sinh', proposalOutcome: 'approve' }, '2026-12-15T09:00');
  accepted(p, 4);
  assert.equal(p.body.events.at(-1).actorRole, 'specialist');
  refused(await act(id, 'approve', sys), 403, 'SELF_APPROVAL_NOT_ALLOWED');
  refused(await act(id, 'issue_result', sys), 409, 'RESULT_NOT_APPROVED');
  accepted(await submitAndSign(id, 'chutich', sys, '2026-12-15T10:00'), 4);
  refused(await act(id, 'issue_result', 'motcua'), 403, 'ROLE_NOT_ALLOWED');
  const i = await act(id, 'issue_result', sys, {}, '2026-12-15T10:30');
  accepted(i, 9);
  assert.equal(i.body.outcome, 'granted');
  assert.equal(i.body.currentUnit, 'TTPVHCC');
  refused(await act(id, 'issue_result', sys), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  const ret = await act(id, 'return_result', 'motcua', { channel: 'online' }, '2026-12-15T11:00');
  accepted(ret, 10);
  assert.deepEqual(
    ret.body.events.map((e: { action: string; actorRole: string }) => `${e.action}/${e.actorRole}`),
    ['receive_counter/receiving_officer', 'assign/receiving_officer', 'propose_result/specialist',
      'submit_for_signature/specialist', 'approve/leader',
      'issue_result/specialist', 'return_result/receiving_officer'],
  );
});

test('withdraw (state 7) and stop_processing (state 8, reason required)', async () => {
  const w = await atVhxh('2026-12-16');
  refused(await act(w, 'return_result', 'motcua', { channel: 'counter' }, '2026-12-16T09:00'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(w, 'withdraw', 'hotich'), 403, 'ROLE_NOT_ALLOWED');
  refused(await act(w, 'withdraw', 'chutich'), 403, 'ROLE_NOT_ALLOWED');
  const wd = await act(w, 'withdraw', 'motcua', { reason: 'Công dân có đơn xin rút hồ sơ' });
  accepted(wd, 7);
  assert.equal(wd.body.stateName, 'Công dân yêu cầu rút hồ sơ');
  assert.equal(wd.body.finishedAt, vn('2026-12-16T09:00'));
  assert.deepEqual(wd.body.allowedActions, []);
  refused(await act(w, 'withdraw', 'motcua'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(w, 'stop_processing', 'motcua', { reason: 'Dừng' }), 409, 'ACTION_NOT_ALLOWED_IN_STATE');

  // Stopped while waiting for a supplement: the clock stays paused where it was (projection.ts finishedAt).
  const s = await atVhxh('2026-12-16');
  accepted(await act(s, 'request_supplement', 'hotich', { items: ['Trích lục ly hôn'], reason: 'Thiếu giấy tờ' }, '2026-12-16T09:30'), 5);
  refused(await act(s, 'stop_processing', 'chutich', { reason: 'Công dân đề nghị dừng' }, '2026-12-16T10:00'), 403, 'ROLE_NOT_ALLOWED');
  const noReason = await act(s, 'stop_processing', 'motcua', {});
  assert.equal(noReason.status, 400);
  assert.equal(noReason.body.code, 'VALIDATION_FAILED');
  assert.deepEqual(noReason.body.errors.map((e: { path: string }) => e.path), ['/body/reason']);
  const st = await act(s, 'stop_processing', 'motcua', { reason: 'Công dân đề nghị dừng giải quyết hồ sơ' });
  accepted(st, 8);
  assert.equal(st.body.stateName, 'Dừng xử lý');
  assert.equal(st.body.finishedAt, vn('2026-12-16T10:00'));
  assert.equal(st.body.pausedAt, vn('2026-12-16T09:30'));
  refused(await act(s, 'stop_processing', 'motcua', { reason: 'Dừng' }), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  refused(await act(s, 'supplement_provided', 'motcua'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');

  // Before receipt, the citizen's withdrawal is recorded by the desk; stopping needs a received dossier.
  const o = (await submit(KHAI_SINH, '2026-12-16T10:30')).body.id as string;
  dossiers.push(o);
  refused(await act(o, 'stop_processing', 'motcua', { reason: 'Dừng' }, '2026-12-16T10:40'), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  const ow = await act(o, 'withdraw', 'motcua');
  accepted(ow, 7);
  assert.equal(ow.body.code, null);
});

const BODIES: Record<ActionType, object> = {
  submit_online: {},
  receive_counter: {},
  receive_online: {},
  refuse_receipt: { reason: 'Từ chối' },
  request_supplement_before_receipt: { items: ['Tờ khai'], reason: 'Thiếu' },
  assign: { unitCode: 'VHXH' },
  forward: { unitCode: 'KT' },
  request_supplement: { items: ['Tờ khai'], reason: 'Thiếu' },
  supplement_provided: {},
  request_financial_obligation: { description: 'Nộp lệ phí' },
  obligation_met: {},
  propose_result: { proposalText: 'Đủ điều kiện', proposalOutcome: 'approve' },
  submit_for_signature: { signerId: '1' },
  send_back: { reason: 'Bổ sung căn cứ' },
  approve: {},
  reject_not_eligible: { reason: 'Không đủ điều kiện' },
  issue_result: {},
  return_result: { channel: 'counter' },
  withdraw: {},
  stop_processing: { reason: 'Dừng' },
  apologize_extend: { reason: 'Quá tải', newDueAt: '2026-12-31T17:00:00+07:00' },
  correct_declaration: {},
  fee_paid: {},
  set_time_case: { timeCase: 'XAC_MINH', reason: 'Cần xác minh' },
  send_draft: {},
  confirm_draft: {},
  request_draft_correction: { reason: 'Sai tên' },
  attach_file: {},
  update_applicant: {},
  transfer_to_competent: { communeId: 'tan-lap', resultAt: 'receiving_centre' },
  send_papers: { papers: 'Bản chính', carrier: 'Bưu điện' },
  receive_papers: {},
};

test("another commune's staff get 404 on every action endpoint; so does a unit the dossier never reached", async () => {
  const id = await atVhxh('2026-12-17', KHAI_SINH);
  t.setNow('2026-12-17T09:00:00+07:00');
  const tl = ['tl.admin', 'tl.motcua', 'tl.hotich', 'tl.truongvhxh', 'tl.diachinh', 'tl.truongkt', 'tl.chutich', 'tl.giamdoc'];
  for (const who of [...tl, 'diachinh', 'truongkt']) {
    for (const type of ACTION_TYPES) {
      const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as: who, body: BODIES[type] });
      assert.equal(r.status, 404, `${who} ${type}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(r.body.code, 'NOT_FOUND');
      // Creating actions have no per-dossier endpoint at all, nor have those their own flows record (the
      // declaration's correction, the fee's payment); the others do not reveal that the dossier exists.
      const creating = ACTIONS[type].via !== 'action';
      assert.equal(r.body.title, creating ? 'Không tìm thấy địa chỉ yêu cầu.' : 'Không tìm thấy hồ sơ.', `${who} ${type}`);
    }
    assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: who })).status, 404, who);
    assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: who })).status, 404, who);
  }
  // Nothing was written; the commune's own staff can still act.
  assert.deepEqual((await get(id)).body.events.map((e: { action: string }) => e.action), ['receive_counter', 'assign']);
  accepted(await act(id, 'propose_result', 'hotich', BODIES.propose_result), 4);
});

test('an API key and a staff member with the same numeric id are different actors', async (tc) => {
  // hotich proposes; a system key for the VHXH head (a different actor) approves: four eyes are satisfied.
  const hotich = Number(await staffId('hotich'));
  let keyId = 0;
  let key = '';
  while (keyId < hotich) {
    key = await createApiKey(t.db, { communeId: 'xuan-duong', unitId: await vhxhId(), name: `Ký số VHXH ${keyId}`, roles: ['unit_head'] });
    const row = await t.db.selectFrom('api_keys').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
    keyId = Number(row.id);
  }
  if (keyId !== hotich) return tc.skip(`API key ids already past ${hotich}`);
  const id = await atVhxh('2026-12-18');
  accepted(await act(id, 'propose_result', 'hotich', BODIES.propose_result, '2026-12-18T09:00'), 4);
  // The key (a unit head's system) submits the proposal for signature: its action, not the specialist's.
  const a = await act(id, 'submit_for_signature', { key }, { signerId: await staffId('chutich') }, '2026-12-18T09:30');
  accepted(a, 4);
  const ev = a.body.events.at(-1);
  assert.notEqual(ev.actorId, String(hotich), 'the key is not recorded as the specialist');
  assert.notEqual(ev.actorName, 'Trần Văn Minh', 'the history does not name the specialist as the approver');
});

test("the history does not attribute an API key's action to the staff member with the same id", async () => {
  const h = await call(t, 'GET', `/api/v1/dossiers/${keyDossier}/history`, { as: 'motcua' });
  const proposal = h.body.events.find((e: { action: string }) => e.action === 'propose_result');
  const key = await t.db.selectFrom('api_keys').select(['id', 'name']).where('name', '=', 'Phần mềm hộ tịch dùng chung').executeTakeFirstOrThrow();
  const namesake = await t.db.selectFrom('staff').select('full_name').where('id', '=', key.id).executeTakeFirst();
  assert.ok(namesake, `a staff member with id ${key.id} exists, so the ids collide`);
  assert.notEqual(proposal.actorName, namesake.full_name, `the key's proposal is shown as made by ${namesake.full_name}`);
  assert.notEqual(proposal.actorId, String(key.id), 'an API-key actor id is distinguishable from a staff id');
});

test('coverage, history and replay of every dossier of this file', async () => {
  assertCoverage(cov, ['propose_result', 'submit_for_signature', 'send_back', 'approve', 'reject_not_eligible', 'issue_result', 'return_result', 'withdraw', 'stop_processing']);
  for (const id of dossiers) await assertConsistent(id);
});
