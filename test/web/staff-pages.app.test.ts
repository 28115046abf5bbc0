// Staff pages: login and logout, CSRF, the work list's scope and labels, counter intake (one dossier on a
// double submit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { Browser, browserAs, hiddenFields, requiredPapers, text } from './staff-browser.ts';
import { Browser as Citizen, errorSummary } from './portal-support.ts';
import { PHONE_PATTERN } from '../../src/dossiers/core/applicant.ts';
import { HONG, loginAs } from '../identity/citizen-support.ts';

const t = await testApp({ standIns: ['identity'] });
const KHAI_SINH = '1.001193'; // same day, VHXH
const LAND = 'DD.LOCAL.001'; // KT

async function staffId(username: string) {
  return (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

async function apiIntake(as: string, procedureCode: string, name: string) {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as, body: { procedureCode, applicant: applicant({ name }) } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; code: string };
}

test('login page: a wrong password re-renders with an error summary; a good one sets the session and follows ?next', async () => {
  const b = new Browser(t);
  const page = await b.get('/can-bo/dang-nhap?next=%2Fcan-bo%2Ftiep-nhan');
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1>Đăng nhập cán bộ<\/h1>/);
  const wrong = await b.submit(page, '/can-bo/dang-nhap', { username: 'motcua', password: 'sai-mat-khau' });
  assert.equal(wrong.status, 401);
  assert.match(wrong.body, /class="error-summary"/);
  assert.match(text(wrong.body), /Tên đăng nhập hoặc mật khẩu không đúng/);
  assert.match(wrong.body, /name="username"[^>]*value="motcua"/, 'the typed username is kept');
  assert.ok(!b.jar.has('xaso_sid'));

  const ok = await b.submit(wrong, '/can-bo/dang-nhap', { username: 'motcua', password: 'xaso-demo' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/can-bo/tiep-nhan');
  assert.ok(b.jar.get('xaso_sid')?.startsWith('s_'));
  // The same session works on the JSON API.
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `xaso_sid=${b.jar.get('xaso_sid')}` } });
  assert.equal(me.json().name, 'Nguyễn Thị Lan');

  // Logout ends the session.
  const home = await b.get('/can-bo/ho-so');
  const out = await b.submit(home, '/can-bo/dang-xuat');
  assert.equal(out.status, 303);
  assert.equal(out.location, '/can-bo/dang-nhap');
  const after = await b.get('/can-bo/ho-so');
  assert.equal(after.status, 303);
  assert.match(after.location ?? '', /^\/can-bo\/dang-nhap\?next=/);
});

test('?next only leads to a local /can-bo page', async () => {
  for (const next of ['https://evil.example/can-bo', '//evil.example/can-bo', '/can-bo\\@evil', '/portal', '/can-bo/dang-xuat']) {
    const b = new Browser(t);
    const page = await b.get(`/can-bo/dang-nhap?next=${encodeURIComponent(next)}`);
    const r = await b.submit(page, '/can-bo/dang-nhap', { username: 'motcua', password: 'xaso-demo' });
    assert.equal(r.location, '/can-bo/ho-so', next);
  }
  assert.equal((await new Browser(t).get('/can-bo')).location, '/can-bo/ho-so');
});

test('a form post without the CSRF token is refused', async () => {
  const b = new Browser(t);
  await b.get('/can-bo/dang-nhap'); // the CSRF secret cookie
  const r = await b.post('/can-bo/dang-nhap', { username: 'motcua', password: 'xaso-demo' });
  assert.equal(r.status, 403);
  assert.ok(!b.jar.has('xaso_sid'));
  const officer = await browserAs(t, 'motcua');
  const page = await officer.get('/can-bo/tiep-nhan');
  const { fields } = hiddenFields(page.body, '/can-bo/tiep-nhan');
  const noToken = await officer.post('/can-bo/tiep-nhan', { _key: fields._key, procedureCode: KHAI_SINH, name: 'Lê Văn Bình', action: 'receive_counter' });
  assert.equal(noToken.status, 403);
  const forged = await officer.post('/can-bo/tiep-nhan', { _csrf: 'forged', _key: fields._key, procedureCode: KHAI_SINH, name: 'Lê Văn Bình' });
  assert.equal(forged.status, 403);
  assert.equal(await t.db.selectFrom('dossiers').select('id').where('applicant_name', '=', 'Lê Văn Bình').executeTakeFirst(), undefined);
});

test('pages need a login: anonymous visitors go to the login page', async () => {
  for (const url of ['/can-bo/ho-so', '/can-bo/tiep-nhan', '/can-bo/quan-tri', '/can-bo/ho-so/00000000-0000-0000-0000-000000000000']) {
    const r = await new Browser(t).get(url);
    assert.equal(r.status, 303, url);
    assert.equal(r.location, `/can-bo/dang-nhap?next=${encodeURIComponent(url)}`);
  }
});

test('the work list shows the caller scope only, with counts, due labels in words and keyset pages', async () => {
  t.setNow('2026-11-25T09:00:00+07:00');
  const hotich = await staffId('hotich');
  const diachinh = await staffId('diachinh');
  const vhxh = await apiIntake('motcua', KHAI_SINH, 'Người Hộ Tịch');
  const kt = await apiIntake('motcua', LAND, 'Người Đất Đai');
  const other = await apiIntake('tl.motcua', KHAI_SINH, 'Người Xã Khác');
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${vhxh.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', assigneeId: String(hotich) } })).status, 200);
  assert.equal((await call(t, 'POST', `/api/v1/dossiers/${kt.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'KT', assigneeId: String(diachinh) } })).status, 200);

  const desk = await browserAs(t, 'motcua');
  const list = await desk.get('/can-bo/ho-so?xem=tat-ca'); // "Tất cả hồ sơ" (the inbox opens on "Việc cần làm")
  assert.equal(list.status, 200);
  assert.ok(list.body.includes(`/can-bo/ho-so/${vhxh.id}`));
  assert.ok(list.body.includes(`/can-bo/ho-so/${kt.id}`));
  assert.ok(!list.body.includes(other.id), "another commune's dossier never appears");
  assert.ok(!list.body.includes('Người Xã Khác'));
  assert.match(text(list.body), /Đang xử lý: 2/);
  assert.match(list.body, /href="\/can-bo\/ho-so\?state=4"/);
  // Same-day procedure due at 17:00: less than one working day left.
  assert.match(text(list.body), /Sắp đến hạn/);

  const land = await browserAs(t, 'diachinh');
  const ktList = await land.get('/can-bo/ho-so');
  assert.ok(ktList.body.includes(kt.id));
  assert.ok(!ktList.body.includes(vhxh.id), 'a KT specialist does not see VHXH dossiers');
  assert.ok(!ktList.body.includes(other.id));
  assert.equal((await land.get(`/can-bo/ho-so/${vhxh.id}`)).status, 404, 'nor can open one');
  assert.equal((await land.get(`/can-bo/ho-so/${other.id}`)).status, 404);
  const mine = await land.get('/can-bo/ho-so?assignee=me');
  assert.ok(mine.body.includes(kt.id));

  // The next day the same-day dossier is late.
  t.setNow('2026-11-26T09:00:00+07:00');
  const late = await desk.get(`/can-bo/ho-so?procedure=${KHAI_SINH}`);
  assert.match(text(late.body), /Quá hạn/);
  assert.match(late.body, /<tr class="late">/);
  assert.ok(!late.body.includes(kt.id), 'procedure filter');

  // Keyset pages of one row: every dossier once, then no next link.
  const seen: string[] = [];
  let url: string | undefined = '/can-bo/ho-so?limit=1';
  for (let i = 0; url && i < 10; i++) {
    const page = await desk.get(url);
    assert.equal(page.status, 200);
    seen.push(...[...page.body.matchAll(/href="\/can-bo\/ho-so\/([0-9a-f-]{36})"/g)].map((m) => m[1]!));
    url = /<a href="([^"]+)"[^>]*rel="next"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&');
  }
  assert.deepEqual(new Set(seen), new Set([vhxh.id, kt.id]));
  assert.equal(seen.length, 2);
  assert.equal((await desk.get('/can-bo/ho-so?cursor=garbage')).status, 400);
  t.setNow(null);
});

test('counter intake: a double submit creates exactly one dossier, and the page shows its code', async () => {
  t.setNow('2026-11-27T08:00:00+07:00');
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get('/can-bo/tiep-nhan?q=khai%20sinh');
  assert.equal(page.status, 200);
  assert.ok(page.body.includes(`value="${KHAI_SINH}"`), 'the search lists the procedure');
  const fields = { procedureCode: KHAI_SINH, ...requiredPapers(KHAI_SINH), name: 'Phạm Thị Hạnh', idNumber: '001203009999', phone: '0987654321', action: 'receive_counter' };
  // A double click: the same form posted twice at once.
  const [first, second] = await Promise.all([desk.submit(page, '/can-bo/tiep-nhan', fields), desk.submit(page, '/can-bo/tiep-nhan', fields)]);
  assert.equal(first.status, 303, text(first.body).slice(0, 400));
  assert.equal(second.status, 303);
  assert.equal(second.location, first.location, 'the second submit replays the first');
  const rows = await t.db.selectFrom('dossiers').select(['id', 'code']).where('applicant_name', '=', 'Phạm Thị Hạnh').execute();
  assert.equal(rows.length, 1);
  const shown = await desk.get(first.location!);
  assert.equal(shown.status, 200);
  assert.match(text(shown.body), new RegExp(`Đã tiếp nhận hồ sơ. Mã hồ sơ: ${rows[0]!.code!.replace(/\./g, '\\.')}`));
  assert.ok(shown.body.includes(`/api/v1/dossiers/${rows[0]!.id}/documents/receipt`));
  assert.match(shown.body, /enctype="multipart\/form-data"/, 'scan upload forms');

  // Missing fields: the errors are listed and the typed values kept.
  const bad = await desk.submit(page, '/can-bo/tiep-nhan', { procedureCode: '', name: '', idNumber: '12ab', address: 'Thôn Đồng Tâm', action: 'receive_counter' });
  assert.equal(bad.status, 422);
  assert.match(text(bad.body), /Chọn thủ tục hành chính/);
  assert.match(text(bad.body), /Số định danh cá nhân gồm 12 chữ số/);
  assert.match(bad.body, /value="Thôn Đồng Tâm"/);

  // Refusal at the counter needs a reason, then creates a refused dossier with the refusal form linked.
  const noReason = await desk.submit(page, '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, name: 'Đinh Văn Tú', action: 'refuse_receipt' });
  assert.equal(noReason.status, 422);
  assert.match(text(noReason.body), /Nhập lý do từ chối/);
  const refused = await desk.submit(noReason, '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, name: 'Đinh Văn Tú', action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền của xã' });
  assert.equal(refused.status, 303);
  const r = await desk.get(refused.location!);
  assert.match(text(r.body), /Không được tiếp nhận/);
  assert.match(r.body, /documents\/refusal/);

  // Only the one-stop desk receives at the counter.
  const specialist = await browserAs(t, 'hotich');
  assert.equal((await specialist.get('/can-bo/tiep-nhan')).status, 403);
  t.setNow(null);
});

test('one applicant rule: the API, the counter form and the portal refuse the same phone number with the same message, and store a good one alike', async () => {
  t.setNow('2026-11-27T09:00:00+07:00');
  const BAD = '0912 345 67'; // a digit short
  const MESSAGE = 'Số điện thoại không đúng, ví dụ 0912 345 678';

  // The API: the OpenAPI document shows the rule's pattern, and the schema refuses the number.
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const schemaOf = (path: string) => doc.paths[path].post.requestBody.content['application/json'].schema.properties.applicant;
  assert.equal(schemaOf('/api/v1/dossiers').properties.phone.pattern, PHONE_PATTERN);
  assert.equal(schemaOf('/api/v1/public/submissions').properties.phone.pattern, PHONE_PATTERN);
  const api = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Hà Văn Số', phone: BAD }) } });
  assert.equal(api.status, 400);
  assert.deepEqual(api.body.errors, [{ path: '/body/applicant/phone', message: MESSAGE }], 'the API says what the forms say');

  // The counter form.
  const desk = await browserAs(t, 'motcua');
  const counter = await desk.submit(await desk.get('/can-bo/tiep-nhan'), '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, ...requiredPapers(KHAI_SINH), name: 'Hà Văn Số', idNumber: '001203007777', phone: BAD, action: 'receive_counter' });
  assert.equal(counter.status, 422);
  assert.deepEqual(errorSummary(counter.body), [['#phone', MESSAGE]]);
  assert.match(counter.body, /name="phone"[^>]*value="0912 345 67"/, 'what was typed is kept');

  // The portal (the name and ID number come from the e-identity: only the contact details are posted).
  const citizen = (await loginAs(t, HONG, new Citizen(t))).b;
  await citizen.get(`/nop-ho-so/${KHAI_SINH}`);
  const draft = (await citizen.post(`/nop-ho-so/${KHAI_SINH}`)).location!.replace('/nguoi-nop', '');
  await citizen.get(`${draft}/nguoi-nop`);
  const person = { address: 'Thôn Đồng Tâm, xã Xuân Dương', email: '' };
  const portal = await citizen.post(`${draft}/nguoi-nop`, { ...person, phone: BAD });
  assert.equal(portal.status, 400);
  assert.deepEqual(errorSummary(portal.body), [['#phone', MESSAGE]]);

  // A good number, typed differently in each place, is accepted everywhere; the forms store it the same way.
  const viaApi = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Hà Văn Số', phone: '0912.345.678' }) } });
  assert.equal(viaApi.status, 201);
  const apiRow = await t.db.selectFrom('dossiers').select('applicant').where('id', '=', viaApi.body.id).executeTakeFirstOrThrow();
  assert.equal((apiRow.applicant as { phone: string }).phone, '0912345678', 'the API stores it as the forms do');
  const ok = await desk.submit(await desk.get('/can-bo/tiep-nhan'), '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, ...requiredPapers(KHAI_SINH), name: 'Hà Văn Một', idNumber: '001203007778', phone: '+84 912 345 678', action: 'receive_counter' });
  assert.equal(ok.status, 303, text(ok.body).slice(0, 400));
  const row = await t.db.selectFrom('dossiers').select('applicant').where('applicant_name', '=', 'Hà Văn Một').executeTakeFirstOrThrow();
  assert.equal((row.applicant as { phone: string }).phone, '0912345678');
  assert.equal((await citizen.post(`${draft}/nguoi-nop`, { ...person, phone: '091-234-5678' })).status, 303);
  const stored = await t.db.selectFrom('drafts').select('data').where('id', '=', draft.split('/').at(-1)!).executeTakeFirstOrThrow();
  assert.equal((stored.data as { applicant: { phone: string } }).applicant.phone, '0912345678');
  t.setNow(null);
});
