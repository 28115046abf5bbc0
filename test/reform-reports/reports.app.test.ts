// Unit reports API: opening a call, a unit's submission from draft to accepted with evidence, the log, the late flag,
// and the permissions of every endpoint (own unit only, coordinator reviews, other commune 404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call, multipart } from '../support/http.ts';
import { passwordHash } from '../support/staff.ts';
import { seedDemoUnitReports } from '../../src/demo/unit-reports.ts';

const t = await testApp();
const C = 'xuan-duong';
const B = '/api/v1/reform/reports';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

// A head of Phòng Văn hóa - Xã hội who is not the coordinator (the demo head is both).
const hotich = await t.db.selectFrom('staff').select([passwordHash(), 'unit_id']).where('username', '=', 'hotich').executeTakeFirstOrThrow();
await t.db.insertInto('staff').values({ commune_id: C, unit_id: hotich.unit_id, username: 'phovhxh', full_name: 'Ngô Thị Hạnh', title: 'Phó Trưởng phòng', roles: ['unit_head'], password_hash: hotich.password_hash }).execute();

async function upload(as: string, id: string, content: Buffer, name = 'minh-chung.pdf', key?: string) {
  const m = multipart(name, content, 'application/pdf');
  return call(t, 'POST', `${B}/submissions/${id}/files`, { as, body: m.payload, headers: { 'content-type': m.contentType }, ...(key ? { key } : {}) });
}

async function openCall(body: Record<string, unknown>) {
  const r = await call(t, 'POST', `${B}/calls`, { as: 'truongvhxh', body });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; submissions: { id: string; unitCode: string; status: string }[] };
}
const subOf = (c: { submissions: { id: string; unitCode: string }[] }, unit: string) => c.submissions.find((s) => s.unitCode === unit)!.id;

test('opening a call: coordinator only (403 for unit head, specialist, leader), idempotent, one per period', async () => {
  t.setNow('2026-10-01T09:00:00+07:00');
  const body = { kind: 'quarterly', year: 2026, quarter: 3 };
  for (const as of ['truongkt', 'hotich', 'chutich']) assert.equal((await call(t, 'POST', `${B}/calls`, { as, body })).status, 403, as);
  assert.equal((await call(t, 'POST', `${B}/calls`, { as: 'truongvhxh', body, key: null })).status, 400);
  const r1 = await call(t, 'POST', `${B}/calls`, { as: 'truongvhxh', body, key: 'call-key-0001' });
  const r2 = await call(t, 'POST', `${B}/calls`, { as: 'truongvhxh', body, key: 'call-key-0001' });
  assert.equal(r1.status, 201, JSON.stringify(r1.body));
  assert.deepEqual(r2.body, r1.body);
  assert.equal(r1.body.title, 'Báo cáo CCHC quý III/2026');
  assert.equal(r1.body.dueDate, '2026-10-15');
  assert.equal(r1.body.submissions.length, 6);
  assert.ok(r1.body.submissions.every((s: { status: string }) => s.status === 'draft'));
  const again = await call(t, 'POST', `${B}/calls`, { as: 'truongvhxh', body });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'CALL_EXISTS');
  assert.equal((await call(t, 'POST', `${B}/calls`, { as: 'truongvhxh', body: { kind: 'quarterly', year: 2026 } })).status, 422);
  t.setNow(null);
});

test('scope: a unit sees only its own submission; coordinator and leader see all; other commune 404', async () => {
  t.setNow('2026-11-02T09:00:00+07:00');
  const c = await openCall({ kind: 'ad_hoc', year: 2026, month: 10, dueDate: '2026-11-20', title: 'Báo cáo đột xuất về số hóa' });
  const kt = subOf(c, 'KT');
  const list = await call(t, 'GET', `${B}/calls`, { as: 'truongkt' });
  const mine = list.body.items.find((i: { id: string }) => i.id === c.id);
  assert.deepEqual(mine.submissions.map((s: { unitCode: string }) => s.unitCode), ['KT']);
  assert.equal((await call(t, 'GET', `${B}/calls/${c.id}`, { as: 'chutich' })).body.submissions.length, 6);
  assert.equal((await call(t, 'GET', `${B}/calls/${c.id}`, { as: 'tl.truongvhxh' })).status, 404);
  assert.equal((await call(t, 'GET', `${B}/calls`, { as: 'tl.truongvhxh' })).body.items.some((i: { id: string }) => i.id === c.id), false);
  for (const [as, status] of [['truongkt', 200], ['diachinh', 200], ['truongvhxh', 200], ['chutich', 200], ['phovhxh', 404], ['hotich', 404], ['giamdoc', 404], ['tl.truongkt', 404], ['tl.truongvhxh', 404]] as const) {
    assert.equal((await call(t, 'GET', `${B}/submissions/${kt}`, { as })).status, status, `GET as ${as}`);
  }
  // Writing: the unit's staff only.
  const content = { areas: { public_finance: 'Giải ngân 85% kế hoạch vốn.' } };
  for (const [as, status] of [['diachinh', 200], ['truongvhxh', 403], ['chutich', 403], ['phovhxh', 404], ['tl.truongkt', 404]] as const) {
    assert.equal((await call(t, 'POST', `${B}/submissions/${kt}/content`, { as, body: content })).status, status, `content as ${as}`);
  }
  assert.equal((await call(t, 'POST', `${B}/submissions/${kt}/content`, { as: 'truongkt', body: { areas: { nope: 'x' } } })).status, 400);
  for (const [as, status] of [['phovhxh', 404], ['tl.truongkt', 404], ['truongvhxh', 403]] as const) {
    assert.equal((await upload(as, kt, PDF)).status, status, `upload as ${as}`);
  }
  for (const [as, status] of [['hotich', 403], ['truongkt', 403], ['tl.truongvhxh', 404]] as const) {
    assert.equal((await call(t, 'GET', `${B}/calls/${c.id}/consolidated.pdf`, { as })).status, status, `pdf as ${as}`);
  }
  assert.equal((await call(t, 'GET', `${B}/calls/${c.id}/consolidated.xlsx`, { as: 'diachinh' })).status, 403);
  assert.equal((await call(t, 'GET', `${B}/calls/${c.id}/consolidated.xlsx`, { as: 'tl.chutich' })).status, 404);
  t.setNow(null);
});

test('draft → submitted → returned (reasons) → resubmitted → accepted, with evidence, log, and nothing after acceptance', async () => {
  t.setNow('2026-12-01T09:00:00+07:00');
  const c = await openCall({ kind: 'annual', year: 2026, dueDate: '2026-12-12' }); // a Saturday: last day Monday 14
  const kt = subOf(c, 'KT');
  const r0 = await call(t, 'POST', `${B}/submissions/${kt}/submit`, { as: 'diachinh', body: {} });
  assert.equal(r0.status, 403, JSON.stringify(r0.body));
  const empty = await call(t, 'POST', `${B}/submissions/${kt}/submit`, { as: 'truongkt', body: {} });
  assert.equal(empty.status, 422);
  assert.equal(empty.body.code, 'CONTENT_INCOMPLETE');
  const saved = await call(t, 'POST', `${B}/submissions/${kt}/content`, { as: 'truongkt', body: {
    direction: 'Phân công công chức theo dõi từng nhiệm vụ.', areas: { public_finance: '  Thực hiện dự toán đúng quy định. ', procedures: 'Rà soát 5 thủ tục đất đai.' },
    difficulties: 'Thiếu máy quét.', proposals: 'Bổ sung thiết bị.' } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal(saved.body.content.areas.public_finance, 'Thực hiện dự toán đúng quy định.');
  assert.deepEqual(saved.body.allowedActions, ['save', 'submit']);
  const bad = await upload('truongkt', kt, Buffer.from('not a pdf'), 'x.pdf');
  assert.equal(bad.status, 415);
  const f1 = await upload('truongkt', kt, PDF, 'bien-ban.pdf', 'upload-key-0001');
  const f1b = await upload('truongkt', kt, PDF, 'bien-ban.pdf', 'upload-key-0001');
  assert.equal(f1.status, 201, JSON.stringify(f1.body));
  assert.deepEqual(f1b.body, f1.body);
  t.setNow('2026-12-16T10:00:00+07:00'); // two working days late (Tue 15, Wed 16)
  const sub = await call(t, 'POST', `${B}/submissions/${kt}/submit`, { as: 'truongkt', body: {} });
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  assert.equal(sub.body.status, 'submitted');
  assert.equal(sub.body.lateWorkingDays, 2);
  assert.equal(sub.body.late, true);
  assert.equal((await call(t, 'POST', `${B}/submissions/${kt}/submit`, { as: 'truongkt', body: {} })).status, 409);
  assert.equal((await call(t, 'POST', `${B}/submissions/${kt}/content`, { as: 'truongkt', body: {} })).status, 409);
  assert.equal((await upload('truongkt', kt, PDF, 'muon.pdf')).status, 409);
  // Review: the coordinator only; a return needs reasons.
  for (const [as, status] of [['truongkt', 403], ['chutich', 403], ['hotich', 404], ['tl.truongvhxh', 404]] as const) {
    assert.equal((await call(t, 'POST', `${B}/submissions/${kt}/return`, { as, body: { reasons: 'Sửa' } })).status, status, `return as ${as}`);
    assert.equal((await call(t, 'POST', `${B}/submissions/${kt}/accept`, { as, body: {} })).status, status, `accept as ${as}`);
  }
  const noReason = await call(t, 'POST', `${B}/submissions/${kt}/return`, { as: 'truongvhxh', body: { reasons: '  ' } });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.code, 'REASONS_REQUIRED');
  t.setNow('2026-12-17T08:00:00+07:00');
  const ret = await call(t, 'POST', `${B}/submissions/${kt}/return`, { as: 'truongvhxh', body: { reasons: 'Bổ sung số liệu giải ngân.' } });
  assert.equal(ret.status, 200);
  assert.equal(ret.body.status, 'returned');
  assert.equal((await call(t, 'GET', `${B}/submissions/${kt}`, { as: 'truongkt' })).body.allowedActions.join(), 'save,submit');
  t.setNow('2026-12-18T08:00:00+07:00');
  assert.equal((await call(t, 'POST', `${B}/submissions/${kt}/content`, { as: 'truongkt', body: { ...saved.body.content, areas: { ...saved.body.content.areas, public_finance: 'Giải ngân đạt 92%.' } } })).status, 200);
  const re = await call(t, 'POST', `${B}/submissions/${kt}/submit`, { as: 'truongkt', body: {} });
  assert.equal(re.body.status, 'resubmitted');
  assert.equal(re.body.lateWorkingDays, 2, 'judged on the first submission');
  const acc = await call(t, 'POST', `${B}/submissions/${kt}/accept`, { as: 'truongvhxh', body: {} });
  assert.equal(acc.status, 200);
  assert.equal(acc.body.status, 'accepted');
  for (const step of ['return', 'accept', 'submit']) {
    assert.equal((await call(t, 'POST', `${B}/submissions/${kt}/${step}`, { as: step === 'submit' ? 'truongkt' : 'truongvhxh', body: { reasons: 'x' } })).status, 409, step);
  }
  const view = await call(t, 'GET', `${B}/submissions/${kt}`, { as: 'chutich' });
  assert.deepEqual(view.body.events.map((e: { type: string }) => e.type), ['saved', 'file_added', 'submitted', 'returned', 'saved', 'resubmitted', 'accepted']);
  assert.equal(view.body.events[3].note, 'Bổ sung số liệu giải ngân.');
  assert.equal(view.body.events[3].actorName, 'Lê Thị Hoa');
  assert.deepEqual(view.body.allowedActions, []);
  assert.equal(view.body.files.length, 1);
  // Evidence download: within the scope only.
  const fileUrl = `${B}/submissions/${kt}/files/${view.body.files[0].id}`;
  const dl = await call(t, 'GET', fileUrl, { as: 'diachinh' });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.equal((await call(t, 'GET', fileUrl, { as: 'phovhxh' })).status, 404);
  assert.equal((await call(t, 'GET', fileUrl, { as: 'tl.chutich' })).status, 404);
  // The coordinator's list flags the units not submitted after the last day.
  const callView = await call(t, 'GET', `${B}/calls/${c.id}`, { as: 'truongvhxh' });
  const qs = callView.body.submissions.find((s: { unitCode: string }) => s.unitCode === 'QS');
  assert.equal(qs.overdue, true);
  t.setNow(null);
});

test('demo seeder: last finished quarter, accepted, returned and missing units; idempotent', async () => {
  const now = new Date('2027-02-10T09:00:00+07:00');
  await seedDemoUnitReports(t.db, C, now);
  await seedDemoUnitReports(t.db, C, now);
  const calls = await t.db.selectFrom('report_calls').selectAll().where('commune_id', '=', C).where('kind', '=', 'quarterly').where('period_year', '=', 2026).where('period_quarter', '=', 4).execute();
  assert.equal(calls.length, 1);
  const rows = await t.db.selectFrom('unit_reports as r').innerJoin('units as u', 'u.id', 'r.unit_id').select(['u.code', 'r.status', 'r.late_working_days'])
    .where('r.call_id', '=', calls[0]!.id).execute();
  const by = Object.fromEntries(rows.map((r) => [r.code, r]));
  assert.equal(by.KT!.status, 'returned');
  assert.equal(by.QS!.status, 'draft');
  assert.equal(by.VHXH!.status, 'accepted');
  assert.ok(by.CA!.late_working_days! > 0);
  assert.equal(rows.filter((r) => r.status === 'accepted').length, 4);
});

test('every endpoint is in the OpenAPI document and refuses an anonymous caller (401)', async () => {
  const doc = (await call(t, 'GET', '/openapi.json')).body;
  const mine = Object.entries(doc.paths as Record<string, Record<string, { security?: unknown[] }>>).filter(([p]) => p.startsWith(B));
  const ops = mine.flatMap(([p, o]) => Object.keys(o).map((m) => `${m.toUpperCase()} ${p}`)).sort();
  assert.deepEqual(ops, [
    `GET ${B}/calls`, `GET ${B}/calls/{id}`, `GET ${B}/calls/{id}/consolidated.pdf`, `GET ${B}/calls/{id}/consolidated.xlsx`,
    `GET ${B}/submissions/{id}`, `GET ${B}/submissions/{id}/files/{fileId}`,
    `POST ${B}/calls`, `POST ${B}/submissions/{id}/accept`, `POST ${B}/submissions/{id}/content`, `POST ${B}/submissions/{id}/files`,
    `POST ${B}/submissions/{id}/return`, `POST ${B}/submissions/{id}/submit`,
  ]);
  for (const [p, o] of mine) {
    for (const [m, op] of Object.entries(o)) {
      assert.ok(op.security?.length, `${m} ${p} declares security`);
      const url = p.replace('{id}', '00000000-0000-4000-8000-000000000000').replace('{fileId}', '1');
      assert.equal((await call(t, m.toUpperCase() as 'GET', url, { body: m === 'get' ? undefined : {} })).status, 401, `${m} ${p}`);
    }
  }
});
