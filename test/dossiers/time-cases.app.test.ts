// A procedure's case with its own statutory time through the HTTP API: chosen at the counter (the due date printed on
// the receipt follows it), or later by the specialist with a reason (in the history); the statutory due date that
// 766 and the KPI compare with follows it. Luật Hộ tịch 2014 Đ18 k2: a marriage whose conditions need verification
// is due within 5 working days instead of the same day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { accepted, assertCoverage, helpers, newCoverage, refused, vn } from './action-helpers.ts';
import { flat, getPdf, pdfText, POPPLER } from '../documents/pdf-helpers.ts';

const t = await testApp();
const cov = newCoverage();
const { act, intake, get, staffId, assertConsistent } = helpers(t, cov);
const MARRIAGE = '1.000894';
const TTHN = '1.004873'; // a single statutory time: nothing to choose

test('chosen at the counter: a marriage needing verification is due in 5 working days, and the choices are listed', async () => {
  const plain = await intake(MARRIAGE, '2026-12-14T09:00');
  assert.equal(plain.status, 201, JSON.stringify(plain.body));
  assert.equal(plain.body.dueAt, vn('2026-12-14T17:00'), 'the same day by default');
  assert.equal(plain.body.timeCase, null);
  assert.deepEqual(plain.body.timeCases.map((c: { code: string }) => c.code), ['THONG_THUONG', 'XAC_MINH']);

  const d = await intake(MARRIAGE, '2026-12-14T09:00', 'motcua', { timeCase: 'XAC_MINH' });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  assert.equal(d.body.dueAt, vn('2026-12-21T09:00'));
  assert.equal(d.body.originalDueAt, vn('2026-12-21T09:00'));
  assert.deepEqual(d.body.timeCase, { code: 'XAC_MINH', name: 'Trường hợp cần xác minh điều kiện kết hôn' });
  // The receipt (BM.01) states the case's statutory time and the appointment it gives.
  if (POPPLER) {
    const slip = flat(pdfText((await getPdf(t, `/api/v1/dossiers/${d.body.id}/documents/receipt`, 'motcua')).body));
    assert.ok(slip.includes('Thời gian giải quyết hồ sơ theo quy định là: 05 ngày làm việc (trường hợp cần xác minh điều kiện kết hôn).'), slip);
  }

  const wrong = await intake(MARRIAGE, '2026-12-14T09:00', 'motcua', { timeCase: 'NHIEU_BAN' });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.code, 'UNKNOWN_TIME_CASE');
  assert.match(wrong.body.detail ?? wrong.body.title, /trường hợp giải quyết/);
  const tthn = await intake(TTHN, '2026-12-14T09:00');
  assert.deepEqual(tthn.body.timeCases, []);
  assert.ok(!tthn.body.allowedActions.includes('set_time_case'), 'nothing to choose, nothing offered');
  assert.ok(d.body.allowedActions.includes('set_time_case'), 'the marriage offers it at the desk');
});

test('set later by the assigned specialist with a reason: the due date moves, the history says why; others are refused', async () => {
  const d = await intake(MARRIAGE, '2026-12-15T10:00');
  const id = d.body.id as string;
  const body = { timeCase: 'XAC_MINH', reason: 'Cần xác minh tình trạng hôn nhân của bên nam tại nơi thường trú trước đây' };
  refused(await act(id, 'set_time_case', 'hotich', body, '2026-12-15T10:10'), 404, 'NOT_FOUND'); // not yet at the unit: unseen
  accepted(await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-15T10:30'), 4);
  refused(await act(id, 'set_time_case', 'motcua', body), 403, 'ONLY_AT_DESK');
  refused(await act(id, 'set_time_case', 'diachinh', body), 404, 'NOT_FOUND');
  refused(await act(id, 'set_time_case', 'hotich', { timeCase: 'XAC_MINH' }), 400, 'VALIDATION_FAILED'); // the reason is required
  refused(await act(id, 'set_time_case', 'hotich', { ...body, timeCase: 'THONG_THUONG' }), 409, 'TIME_CASE_UNCHANGED');

  const r = await act(id, 'set_time_case', 'hotich', body, '2026-12-15T11:00');
  accepted(r, 4);
  assert.equal(r.body.dueAt, vn('2026-12-22T10:00'), '5 working days from the receipt, not from the change');
  assert.equal(r.body.originalDueAt, vn('2026-12-22T10:00'));
  const last = r.body.events.at(-1);
  assert.equal(last.action, 'set_time_case');
  assert.equal(last.actionName, 'Xác định trường hợp giải quyết');
  assert.deepEqual(last.payload, body);
  await assertConsistent(id);
  // The 766 index and the KPI judge lateness by the statutory due time (original_due_at): the case's.
  const facts = await t.db.selectFrom('indicator_facts').select('original_due_at').where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(facts.original_due_at?.toISOString(), vn('2026-12-22T10:00'));
  const row = await t.db.selectFrom('dossiers').select('original_due_at').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.original_due_at?.toISOString(), vn('2026-12-22T10:00'));

  // Issued, the dossier can no longer change its case.
  const s = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'hotich' });
  assert.ok(s.body.allowedActions.includes('set_time_case'));
  accepted(await act(id, 'withdraw', 'motcua', {}, '2026-12-15T11:30'), 7);
  refused(await act(id, 'set_time_case', 'hotich', { ...body, timeCase: 'THONG_THUONG' }), 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  assertCoverage(cov, ['set_time_case']);
  assert.equal((await get(id)).body.state, 7);
});
