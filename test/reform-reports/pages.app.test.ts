// Unit reports pages without a browser: who sees which page (own unit, coordinator, other commune 404), the forms
// each one gets, a submit with missing content and a return without reasons shown in the error summary, a wrong
// file type refused, and the call form for the coordinator only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { browserAs, text } from '../web/staff-browser.ts';

const t = await testApp();
const B = '/api/v1/reform/reports';
const P = '/can-bo/cchc/bao-cao';

t.setNow('2026-12-01T09:00:00+07:00');
const c = await call(t, 'POST', `${B}/calls`, { as: 'truongvhxh', body: { kind: 'unit_plan', year: 2027 } });
assert.equal(c.status, 201, JSON.stringify(c.body));
const kt = c.body.submissions.find((s: { unitCode: string }) => s.unitCode === 'KT').id as string;

test('who sees which page: own unit, coordinator, leader; another unit and another commune get 404', async () => {
  for (const [as, status] of [['truongkt', 200], ['diachinh', 200], ['truongvhxh', 200], ['chutich', 200], ['hotich', 404], ['giamdoc', 404], ['tl.truongkt', 404]] as const) {
    const b = await browserAs(t, as);
    assert.equal((await b.get(`${P}/nop/${kt}`)).status, status, `report page as ${as}`);
  }
  const unit = await browserAs(t, 'truongkt');
  const list = await unit.get(P);
  assert.equal(list.status, 200);
  assert.match(text(list.body), /Kế hoạch CCHC của đơn vị năm 2027/);
  assert.doesNotMatch(list.body, /id="form-call"/, 'only the coordinator opens calls');
  assert.equal((await unit.get(`${P}/ky/${c.body.id}`)).status, 200);
  assert.equal((await (await browserAs(t, 'hotich')).get(`${P}/ky/${c.body.id}`)).status, 200, 'VHXH is asked too');
  assert.equal((await (await browserAs(t, 'tl.truongvhxh')).get(`${P}/ky/${c.body.id}`)).status, 404);
  const coord = await browserAs(t, 'truongvhxh');
  const all = await coord.get(P);
  assert.match(all.body, /id="form-call"/);
  assert.match(text(all.body), /Đã chấp nhận 0\/6 đơn vị/);
  const page = await coord.get(`${P}/ky/${c.body.id}`);
  assert.match(page.body, /consolidated\.pdf/);
  assert.doesNotMatch((await unit.get(`${P}/ky/${c.body.id}`)).body, /consolidated\.pdf/);
});

test('the unit writes, submits with missing content (error), uploads; the coordinator returns without reasons (error), then with', async () => {
  const unit = await browserAs(t, 'truongkt');
  let page = await unit.get(`${P}/nop/${kt}`);
  assert.match(page.body, /id="tasks_public_finance"/);
  let r = await unit.submit(page, `${P}/nop/${kt}`, { action: 'submit', direction: 'Tổ chức thực hiện nghiêm kế hoạch.' });
  assert.equal(r.status, 422);
  assert.match(text(r.body), /Báo cáo còn thiếu: Nhiệm vụ của đơn vị/);
  r = await unit.submit(r, `${P}/nop/${kt}`, { action: 'save', direction: 'Tổ chức thực hiện nghiêm kế hoạch.', tasks_public_finance: 'Lập dự toán 2027\nCông khai ngân sách' });
  assert.equal(r.status, 303);
  page = await unit.get(r.location!);
  assert.match(text(page.body), /Đã lưu nháp/);
  const bad = await unit.upload(/action="([^"]*\/tep\?[^"]*)"/.exec(page.body)![1]!.replace(/&amp;/g, '&'), 'a.pdf', Buffer.from('plain text'));
  assert.equal(bad.status, 415);
  assert.match(text(bad.body), /Chỉ nhận tệp PDF, JPEG hoặc PNG/);
  r = await unit.submit(page, `${P}/nop/${kt}`, { action: 'submit', direction: 'Tổ chức thực hiện nghiêm kế hoạch.', tasks_public_finance: 'Lập dự toán 2027\nCông khai ngân sách' });
  assert.equal(r.status, 303);
  const diachinh = await browserAs(t, 'diachinh');
  assert.doesNotMatch((await diachinh.get(`${P}/nop/${kt}`)).body, /id="form-content"|id="form-return"/, 'submitted: read-only for the unit');
  const coord = await browserAs(t, 'truongvhxh');
  page = await coord.get(`${P}/nop/${kt}`);
  assert.match(text(page.body), /Lập dự toán 2027/);
  r = await coord.submit(page, '/return', { reasons: '' });
  assert.equal(r.status, 422);
  assert.match(r.body, /href="#return-reasons"/);
  r = await coord.submit(r, '/return', { reasons: 'Ghi rõ thời hạn từng nhiệm vụ.' });
  assert.equal(r.status, 303);
  page = await unit.get(`${P}/nop/${kt}`);
  assert.match(text(page.body), /Lý do trả lại: Ghi rõ thời hạn từng nhiệm vụ\./);
  assert.match(page.body, /id="form-content"/);
});
