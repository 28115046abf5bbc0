// Petition pages without a browser: the citizen form (error summary, CSRF, double submit files once), the staff
// list's late / due-soon labels and scope, and a step form's error shown in the summary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { Browser, errorSummary } from '../web/portal-support.ts';
import { browserAs, hiddenFields, text } from '../web/staff-browser.ts';

const t = await testApp();

test('citizen form: CSRF required, error summary, a double submit files one petition', async () => {
  const b = new Browser(t);
  const form = await b.get('/phan-anh');
  assert.equal(form.status, 200);
  const key = /name="_key" value="([^"]+)"/.exec(form.body)![1]!;
  assert.equal((await b.post('/phan-anh', { _key: key, noi_dung: 'Nội dung đủ dài để gửi.', ho_ten: 'A' }, { csrf: false })).status, 403);
  const bad = await b.post('/phan-anh', { _key: key, noi_dung: 'ngắn', lien_he: 'abc' });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorSummary(bad.body).map(([f]) => f), ['#noi_dung', '#ho_ten', '#lien_he']);
  const fields = { _key: key, noi_dung: 'Thủ tục chứng thực yêu cầu giấy tờ không có trong quy định.', ho_ten: 'Phạm Văn Đức', lien_he: 'duc@example.vn' };
  const one = await b.post('/phan-anh', fields);
  const two = await b.post('/phan-anh', fields);
  const ref = /PAKN-\d{4}-[2-9A-Z]{6}/.exec(one.body)?.[0];
  assert.ok(ref);
  assert.equal(/PAKN-\d{4}-[2-9A-Z]{6}/.exec(two.body)?.[0], ref);
  const n = await t.db.selectFrom('petitions').select((eb) => eb.fn.countAll<number>().as('n')).where('petitioner_name', '=', 'Phạm Văn Đức').executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 1);
});

test('staff list labels late and due-soon petitions; another commune does not see them; a step error shows in the summary', async () => {
  t.setNow('2026-11-02T09:00:00+07:00');
  const late = await call(t, 'POST', '/api/v1/public/petitions', { body: { communeId: 'xuan-duong', name: 'B', content: 'Phản ánh cũ chưa được trả lời.' } });
  t.setNow('2026-12-07T09:00:00+07:00');
  const fresh = await call(t, 'POST', '/api/v1/public/petitions', { body: { communeId: 'xuan-duong', name: 'C', content: 'Phản ánh mới, hạn còn dài.' } });
  // An answered petition must be published within 2 working days: due soon a working day before.
  const soon = await call(t, 'POST', '/api/v1/public/petitions', { body: { communeId: 'xuan-duong', name: 'D', content: 'Phản ánh đã được trả lời.' } });
  await call(t, 'POST', `/api/v1/petitions/${soon.body.id}/answer`, { as: 'motcua', body: { text: 'Đã trả lời.' } });
  t.setNow('2026-12-08T10:00:00+07:00');
  const officer = await browserAs(t, 'motcua');
  const list = await officer.get('/can-bo/phan-anh');
  assert.equal(list.status, 200);
  const row = (ref: string) => text(new RegExp(`<tr>(?:(?!</tr>).)*${ref}(?:(?!</tr>).)*</tr>`, 's').exec(list.body)?.[0] ?? '');
  assert.match(row(late.body.reference), /Quá hạn/);
  assert.match(row(soon.body.reference), /Sắp đến hạn/);
  assert.doesNotMatch(row(fresh.body.reference), /Quá hạn|Sắp đến hạn/);
  const other = await browserAs(t, 'tl.motcua');
  assert.doesNotMatch((await other.get('/can-bo/phan-anh')).body, new RegExp(fresh.body.reference));
  assert.equal((await other.get(`/can-bo/phan-anh/${fresh.body.id}`)).status, 404);
  const page = await officer.get(`/can-bo/phan-anh/${fresh.body.id}`);
  const { fields, action } = hiddenFields(page.body, `/can-bo/phan-anh/${fresh.body.id}/refuse`);
  const r = await officer.post(action, { ...fields, text: '' });
  assert.equal(r.status, 422);
  assert.match(text(r.body), /Cần nhập nội dung/);
  t.setNow(null);
});

test('staff record a phone petition: error summary keeps the typed values, a double submit records one, specialists may not', async () => {
  t.setNow('2026-12-09T10:00:00+07:00');
  const officer = await browserAs(t, 'motcua');
  const list = await officer.get('/can-bo/phan-anh');
  assert.match(list.body, /href="\/can-bo\/phan-anh\/ghi-nhan"/);
  const form = await officer.get('/can-bo/phan-anh/ghi-nhan');
  assert.equal(form.status, 200);
  const { fields, action } = hiddenFields(form.body, '/can-bo/phan-anh/ghi-nhan');
  const bad = await officer.post(action, { ...fields, channel: 'phone', content: 'ngắn', name: '' });
  assert.equal(bad.status, 422);
  assert.deepEqual(errorSummary(bad.body).map(([f]) => f), ['#content', '#name']);
  assert.match(bad.body, />ngắn</);
  const future = await officer.post(action, { ...fields, channel: 'phone', content: 'Phản ánh qua điện thoại về giờ làm việc.', name: 'Lò Văn Sáu', receivedAt: '2026-12-10T08:00' });
  assert.equal(future.status, 422);
  assert.match(text(future.body), /ở tương lai/);
  const ok = { ...fields, channel: 'phone', content: 'Phản ánh qua điện thoại về giờ làm việc.', name: 'Lò Văn Sáu', receivedAt: '2026-12-08T08:00' };
  const r1 = await officer.post(action, ok);
  const r2 = await officer.post(action, ok);
  assert.equal(r1.status, 303);
  assert.equal(r2.location, r1.location);
  const rows = await t.db.selectFrom('petitions').select(['channel', 'received_at']).where('petitioner_name', '=', 'Lò Văn Sáu').execute();
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.channel, 'phone');
  assert.equal(rows[0]!.received_at.toISOString(), new Date('2026-12-08T08:00:00+07:00').toISOString()); // the form's time is Vietnam time
  const specialist = await browserAs(t, 'hotich');
  assert.equal((await specialist.get('/can-bo/phan-anh/ghi-nhan')).status, 403);
  assert.doesNotMatch((await specialist.get('/can-bo/phan-anh')).body, /ghi-nhan/);
  t.setNow(null);
});
