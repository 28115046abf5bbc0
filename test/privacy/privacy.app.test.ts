// The citizen's personal-data page and requests, and the staff side: the page shows only this citizen's data (another
// citizen's dossier absent) and who was shown their ID number; a request is due 2 working days later on the commune
// calendar (over the National Day holidays), sent once however often the form is posted; a leader answers and the
// citizen sees the answer; every page and endpoint refuses the anonymous, the wrong role and another commune.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { citizenCookie } from '../identity/citizen-support.ts';
import { Browser, errorSummary, textOf } from '../web/portal-support.ts';
import { browserAs, text } from '../web/staff-browser.ts';

const t = await testApp();
// Friday 28/8/2026 10:00: then the weekend, Mon 31/8 off (swapped), Tue 1/9 and Wed 2/9 National Day.
t.setNow('2026-08-28T10:00:00+07:00');
const HONG = { name: 'Lê Thị Hồng', idNumber: '001190004567' };
const BINH = { name: 'Nguyễn Văn Bình', idNumber: '019085012345' };
const PAGE = '/ho-so-cua-toi/du-lieu-ca-nhan';
const FORM = `${PAGE}/yeu-cau`;

async function citizenBrowser(who: typeof HONG) {
  const b = new Browser(t);
  const [name, value] = (await citizenCookie(t, who)).split('=') as [string, string];
  b.cookies.set(name, value);
  return b;
}
async function file(who: typeof HONG, address: string) {
  const r = await call(t, 'POST', '/api/v1/public/submissions', {
    body: { communeId: 'xuan-duong', procedureCode: '1.001193', applicant: applicant({ ...who, address }) }, headers: { cookie: await citizenCookie(t, who) },
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; reference: string };
}

const hongDossier = await file(HONG, 'Thôn Đồng Tâm, xã Xuân Dương');
const binhDossier = await file(BINH, 'Thôn Bình Minh, xã Xuân Dương');
// An officer opens Hồng's dossier: her ID number is shown to him, and logged.
assert.equal((await call(t, 'GET', `/api/v1/dossiers/${hongDossier.id}`, { as: 'motcua' })).status, 200);

test('the page shows this citizen\'s data only, masked, with who saw her ID number and the retention of each kind', async () => {
  const b = await citizenBrowser(HONG);
  const r = await b.get(PAGE);
  assert.equal(r.status, 200, r.body);
  const s = textOf(r.body);
  assert.ok(s.includes('Lê Thị Hồng') && s.includes('••••••••4567'), 'name and masked ID');
  assert.ok(!s.includes(HONG.idNumber), 'never the whole ID number');
  assert.ok(s.includes(hongDossier.reference) && s.includes('Thôn Đồng Tâm'), 'her dossier and the data in it');
  assert.ok(!s.includes(binhDossier.reference) && !s.includes('Thôn Bình Minh') && !s.includes('Nguyễn Văn Bình'), 'not another citizen\'s dossier');
  assert.match(s, /Nguyễn Thị Lan.*Xem số định danh cá nhân/, 'who saw her ID number');
  assert.match(s, /Hồ sơ đang soạn chưa nộp 30 ngày sau lần sửa cuối/, 'retention');
  const binh = textOf((await (await citizenBrowser(BINH)).get(PAGE)).body);
  assert.ok(binh.includes(binhDossier.reference) && !binh.includes(hongDossier.reference) && !binh.includes('Nguyễn Thị Lan'), 'Bình sees his own only');
  // The same as JSON.
  const j = await b.get(`${PAGE}.json`);
  assert.equal(j.status, 200);
  const d = JSON.parse(j.body);
  assert.equal(d.account.idNumber, '••••••••4567');
  assert.deepEqual(d.dossiers.map((x: { reference: string }) => x.reference), [hongDossier.reference]);
  assert.ok(!j.body.includes(BINH.idNumber) && !j.body.includes(HONG.idNumber));
  // The account page links to it.
  assert.ok((await b.get('/ho-so-cua-toi')).body.includes(`href="${PAGE}"`));
});

test('anonymous: every citizen page sends to the e-identity login and the form post creates nothing', async () => {
  const b = new Browser(t);
  for (const url of [PAGE, `${PAGE}.json`, FORM]) {
    const r = await b.get(url);
    assert.equal(r.status, 303, url);
    assert.match(r.location!, /^\/dang-nhap\/vneid\?tiep=/);
  }
  await b.get('/phan-anh'); // a CSRF token
  const r = await b.post(FORM, { loai: 'deletion', noi_dung: 'Xin xóa dữ liệu của tôi.', _key: 'f-00000000-0000-0000-0000-000000000000' });
  assert.equal(r.status, 303);
  assert.equal((await t.db.selectFrom('privacy_requests').select('id').execute()).length, 0);
});

let requestId = '';

test('a correction request: errors shown with the typed values; sent once however often it is posted; due in 2 working days', async () => {
  const b = await citizenBrowser(HONG);
  await b.get(FORM);
  const bad = await b.post(FORM, { loai: 'correction', muc: 'Địa chỉ', sai: 'Thôn Đồng Tâm', dung: '', _key: 'f-11111111-1111-1111-1111-111111111111' });
  assert.equal(bad.status, 400);
  assert.deepEqual(errorSummary(bad.body), [['#dung', 'Nhập thông tin đúng']]);
  assert.match(bad.body, /value="Thôn Đồng Tâm"/);
  const form = { loai: 'correction', muc: 'Địa chỉ trong hồ sơ', sai: 'Thôn Đồng Tâm', dung: 'Thôn Đồng Tiến', _key: 'f-22222222-2222-2222-2222-222222222222' };
  const first = await b.post(FORM, form);
  assert.deepEqual([first.status, first.location], [303, `${PAGE}?da_gui=1`], first.body);
  const again = await b.post(FORM, form);
  assert.equal(again.status, 303);
  const rows = await t.db.selectFrom('privacy_requests').selectAll().execute();
  assert.equal(rows.length, 1, 'one request');
  requestId = rows[0]!.id;
  assert.equal(rows[0]!.commune_id, 'xuan-duong');
  assert.equal(rows[0]!.due_at.toISOString(), new Date('2026-09-04T10:00:00+07:00').toISOString(), 'Fri 10:00 + 2 working days over the holidays');
  const page = textOf((await b.get(`${PAGE}?da_gui=1`)).body);
  assert.match(page, /Đã gửi yêu cầu/);
  assert.match(page, /Chỉnh sửa dữ liệu không đúng .* Đang xử lý Hạn trả lời 10:00 04\/09\/2026|Hạn trả lời .*04\/09\/2026/);
});

test('staff pages: list and answer for the commune\'s leader; 403 for other roles; another commune sees nothing', async () => {
  const anon = await t.app.inject({ method: 'GET', url: '/can-bo/du-lieu-ca-nhan' });
  assert.equal(anon.statusCode, 303);
  assert.match(String(anon.headers.location), /^\/can-bo\/dang-nhap/);
  const officer = await browserAs(t, 'motcua');
  assert.equal((await officer.get('/can-bo/du-lieu-ca-nhan')).status, 403);
  assert.equal((await officer.get(`/can-bo/du-lieu-ca-nhan/${requestId}`)).status, 403);
  assert.ok(!(await officer.get('/can-bo/ho-so')).body.includes('href="/can-bo/du-lieu-ca-nhan"'), 'no nav link for the officer');
  const other = await browserAs(t, 'tl.chutich');
  const otherList = await other.get('/can-bo/du-lieu-ca-nhan');
  assert.equal(otherList.status, 200);
  assert.ok(!text(otherList.body).includes('Lê Thị Hồng'), 'another commune\'s list is empty');
  assert.equal((await other.get(`/can-bo/du-lieu-ca-nhan/${requestId}`)).status, 404);

  t.setNow('2026-09-04T10:30:00+07:00'); // past due
  const leader = await browserAs(t, 'chutich');
  const list = await leader.get('/can-bo/du-lieu-ca-nhan');
  assert.equal(list.status, 200);
  assert.match(text(list.body), /Lê Thị Hồng Chỉnh sửa dữ liệu không đúng .* Quá hạn/);
  assert.ok(list.body.includes('href="/can-bo/du-lieu-ca-nhan"'), 'nav link');
  const page = await leader.get(`/can-bo/du-lieu-ca-nhan/${requestId}`);
  assert.match(text(page.body), /Thôn Đồng Tiến/);
  // The other commune cannot answer it either.
  const otherPage = await other.get('/can-bo/du-lieu-ca-nhan');
  assert.equal((await other.post(`/can-bo/du-lieu-ca-nhan/${requestId}`, { _csrf: /name="_csrf" value="([^"]+)"/.exec(otherPage.body)![1]!, _key: 'f-33333333-3333-3333-3333-333333333333', action: 'refuse', answer: 'Không thuộc xã.' })).status, 404);
  const empty = await leader.submit(page, `/can-bo/du-lieu-ca-nhan/${requestId}`, { action: 'complete', answer: '' });
  assert.equal(empty.status, 422);
  assert.match(text(empty.body), /Nêu việc đã thực hiện/);
  const done = await leader.submit(page, `/can-bo/du-lieu-ca-nhan/${requestId}`, { action: 'complete', answer: 'Đã đính chính địa chỉ trong hồ sơ.' });
  assert.equal(done.status, 303, done.body);
  const after = text((await leader.get(`/can-bo/du-lieu-ca-nhan/${requestId}`)).body);
  assert.match(after, /Đã thực hiện/);
  assert.match(after, /Gửi yêu cầu \(Lê Thị Hồng\).*Đã thực hiện \(Hoàng Văn Nam\): Đã đính chính/);
  const events = await t.db.selectFrom('privacy_request_events').select(['seq', 'action']).where('request_id', '=', requestId).orderBy('seq').execute();
  assert.deepEqual(events, [{ seq: 1, action: 'submit' }, { seq: 2, action: 'complete' }]);
  // The citizen sees the answer.
  const mine = textOf((await (await citizenBrowser(HONG)).get(PAGE)).body);
  assert.match(mine, /Đã thực hiện Trả lời .*Đã đính chính địa chỉ trong hồ sơ\./);
});

test('the JSON API: 401 anonymous, 403 wrong role, 404 another commune, 409 answered twice', async () => {
  const url = `/api/v1/privacy-requests/${requestId}`;
  assert.equal((await call(t, 'GET', '/api/v1/privacy-requests')).status, 401);
  assert.equal((await call(t, 'GET', '/api/v1/privacy-requests', { as: 'hotich' })).body.code, 'FORBIDDEN');
  assert.equal((await call(t, 'GET', url, { as: 'motcua' })).status, 403);
  assert.equal((await call(t, 'POST', `${url}/answer`, { as: 'motcua', body: { action: 'refuse', answer: 'Không được.' } })).status, 403);
  assert.equal((await call(t, 'GET', url, { as: 'tl.admin' })).status, 404);
  assert.equal((await call(t, 'POST', `${url}/answer`, { as: 'tl.admin', body: { action: 'refuse', answer: 'Không được.' } })).status, 404);
  const list = await call(t, 'GET', '/api/v1/privacy-requests', { as: 'admin' });
  assert.equal(list.status, 200);
  assert.equal(list.body.items[0].status, 'done');
  const one = await call(t, 'GET', url, { as: 'admin' });
  assert.equal(one.body.request.citizenIdNumber, '••••••••4567');
  assert.equal(one.body.events.length, 2);
  const twice = await call(t, 'POST', `${url}/answer`, { as: 'admin', body: { action: 'refuse', answer: 'Từ chối sau khi đã làm.' } });
  assert.deepEqual([twice.status, twice.body.code], [409, 'PRIVACY_REQUEST_ANSWERED']);
});
