// Authorisation on shared data by role level (issue 13, finding 5): the procedure catalogue (its fees are charged by
// every commune's next intake) and the province's and national calendar are edited only by the province-level role
// ('province_admin', demo account tinh.quantri); a commune's administrator keeps its own calendar days and office
// hours, cannot give the province-level role, and cannot take over an account that holds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { browserAs, hiddenFields, text } from '../web/staff-browser.ts';

const t = await testApp();
const CODE = '1.004873';
const DAY = { type: 'HOLIDAY', name: 'Nghỉ lễ địa phương', source: 'Quyết định thử nghiệm' };
const staffId = async (u: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;

async function raisedFee() {
  const { version: _v, ...input } = (await call(t, 'GET', `/api/v1/procedures/${CODE}`)).body;
  assert.ok(Array.isArray(input.fees) && input.fees.length, 'the procedure has a fee line');
  return { ...input, effectiveFrom: '2026-12-01', effectiveTo: null, fees: input.fees.map((f: object) => ({ ...f, amountVnd: 990_000 })) };
}

test('another commune\'s administrator cannot publish a catalogue version, even in a burst of 50 (403 PROVINCE_ADMIN_ONLY)', async () => {
  t.setNow('2026-11-20T09:00:00+07:00');
  const body = await raisedFee();
  const versions = (await call(t, 'GET', `/api/v1/procedures/${CODE}/versions`)).body.length;
  for (const u of ['admin', 'tl.admin']) await t.login(u); // sessions first: the burst is of publications, not logins
  const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => call(t, 'POST', '/api/v1/procedures', { as: i % 2 ? 'tl.admin' : 'admin', body })));
  for (const r of burst) {
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.equal(r.body.code, 'PROVINCE_ADMIN_ONLY');
    assert.match(String(r.headers['content-type']), /application\/problem\+json/);
    assert.match(r.body.title, /Chỉ quản trị cấp tỉnh/);
  }
  // Refused before validation: an empty body says nothing either.
  assert.equal((await call(t, 'POST', '/api/v1/procedures', { as: 'tl.admin', body: {} })).body.code, 'PROVINCE_ADMIN_ONLY');
  assert.equal((await call(t, 'GET', `/api/v1/procedures/${CODE}/versions`)).body.length, versions, 'no version was added');
  // And the page: the publish form and its post are the province's.
  const tl = await browserAs(t, 'tl.admin');
  assert.equal((await tl.get(`/can-bo/quan-tri/thu-tuc/${CODE}/phien-ban-moi`)).status, 403);
  const view = await tl.get(`/can-bo/quan-tri/thu-tuc/${CODE}`);
  assert.equal(view.status, 200);
  const { fields } = hiddenFields(view.body, '/can-bo/dang-xuat'); // a valid CSRF token: only the role is wrong
  const post = await tl.post(`/can-bo/quan-tri/thu-tuc/${CODE}/phien-ban-moi`, { ...fields, _key: `f-${crypto.randomUUID()}`, json: JSON.stringify(body) });
  assert.equal(post.status, 403);
  assert.equal((await call(t, 'GET', `/api/v1/procedures/${CODE}/versions`)).body.length, versions);
});

test('the province-level role publishes; the new version is the one in force from its start, for every commune', async () => {
  t.setNow('2026-11-20T09:00:00+07:00');
  const body = await raisedFee();
  const r = await call(t, 'POST', '/api/v1/procedures', { as: 'tinh.quantri', body });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const at = (await call(t, 'GET', `/api/v1/procedures/${CODE}?at=2026-12-02`)).body;
  assert.equal(at.version, r.body.version);
  // Other roles, including a system's key, stay refused.
  for (const who of ['motcua', 'chutich', 'truongvhxh']) {
    assert.equal((await call(t, 'POST', '/api/v1/procedures', { as: who, body: {} })).status, 403, who);
  }
});

test('calendar by scope: commune days for the commune\'s administrator, province and national days for the province-level role', async () => {
  const put = (who: string, date: string, scope?: string) =>
    call(t, 'PUT', `/api/v1/calendar/days/${date}`, { as: who, body: scope ? { ...DAY, scope } : DAY });
  // A commune's administrator: never the province's or the nation's days, in a burst of 50 either.
  for (const u of ['admin', 'tl.admin']) await t.login(u);
  const burst = await Promise.all(Array.from({ length: 50 }, (_, i) => put(i % 2 ? 'tl.admin' : 'admin', '2026-12-23', i % 3 ? 'province' : 'national')));
  for (const r of burst) {
    assert.equal(r.status, 403, JSON.stringify(r.body));
    assert.equal(r.body.code, 'PROVINCE_ADMIN_ONLY');
  }
  const shared = await t.db.selectFrom('calendar_days').select('scope').where('date', '=', '2026-12-23').execute();
  assert.deepEqual(shared, [], 'nothing was written');
  // Their own commune's day: yes, and it applies to their commune only.
  assert.equal((await put('tl.admin', '2026-12-23')).status, 200);
  const xd = (await call(t, 'GET', '/api/v1/calendar/2026?commune=xuan-duong')).body as { date: string }[];
  assert.ok(!xd.some((d) => d.date === '2026-12-23'), 'Tân Lập\'s day is not Xuân Dương\'s');
  // The province-level role: the province's and the nation's days, not a commune's own choice.
  assert.equal((await put('tinh.quantri', '2026-12-22', 'province')).status, 200);
  assert.equal((await put('tinh.quantri', '2026-12-21', 'national')).status, 200);
  const own = await put('tinh.quantri', '2026-12-18', 'commune');
  assert.equal(own.status, 403);
  assert.equal(own.body.code, 'COMMUNE_ADMIN_ONLY');
  const tl = (await call(t, 'GET', '/api/v1/calendar/2026?commune=tan-lap')).body as { date: string; scope: string }[];
  assert.equal(tl.find((d) => d.date === '2026-12-22')?.scope, 'province');
  assert.equal(tl.find((d) => d.date === '2026-12-21')?.scope, 'national');
  // Office hours stay the commune's.
  const hours = { periods: [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }] };
  assert.equal((await call(t, 'PUT', '/api/v1/organisation/office-hours', { as: 'tinh.quantri', body: hours })).status, 403);
  assert.equal((await call(t, 'PUT', '/api/v1/organisation/office-hours', { as: 'tl.admin', body: hours })).status, 200);
});

test('the calendar page offers each role its scopes and refuses a forged one', async () => {
  const admin = await browserAs(t, 'admin');
  const page = await admin.get('/can-bo/quan-tri/lich?year=2026');
  assert.ok(page.body.includes('<input type="hidden" name="scope" value="commune"'));
  const forged = await admin.submit(page, '/can-bo/quan-tri/lich', { scope: 'province', date: '2026-12-17', type: 'HOLIDAY', name: 'Giả mạo', source: 'Không có' });
  assert.equal(forged.status, 403);
  assert.match(text(forged.body), /Chỉ quản trị cấp tỉnh/);
  assert.equal(await t.db.selectFrom('calendar_days').select('scope').where('date', '=', '2026-12-17').executeTakeFirst(), undefined);
  const province = await browserAs(t, 'tinh.quantri');
  const p2 = await province.get('/can-bo/quan-tri/lich?year=2026');
  assert.equal(p2.status, 200);
  assert.match(text(p2.body), /Cả tỉnh \(mọi xã trong tỉnh\)/);
  assert.ok(!p2.body.includes('value="commune"'));
  const ok = await province.submit(p2, '/can-bo/quan-tri/lich', { scope: 'province', date: '2026-12-17', type: 'HOLIDAY', name: 'Nghỉ lễ của tỉnh', source: 'Quyết định số 1/QĐ-UBND' });
  assert.equal(ok.status, 303, text(ok.body).slice(0, 400));
  const row = await t.db.selectFrom('calendar_days').select(['scope', 'scope_id']).where('date', '=', '2026-12-17').executeTakeFirstOrThrow();
  assert.deepEqual(row, { scope: 'province', scope_id: 'Thái Nguyên' });
  // The province-level account has no commune pages.
  for (const url of ['/can-bo/quan-tri/can-bo', '/can-bo/quan-tri/don-vi']) assert.equal((await province.get(url)).status, 403, url);
});

test('a commune administrator can neither give the province-level role nor take over an account holding it', async () => {
  const admin = await browserAs(t, 'admin');
  const list = await admin.get('/can-bo/quan-tri/can-bo');
  assert.ok(!list.body.includes('value="province_admin"'), 'the role is not offered');
  const grant = await admin.submit(list, '/can-bo/quan-tri/can-bo', { username: 'tinh.gia', password: 'mat-khau-dai-1', fullName: 'Giả Mạo', roles: 'province_admin' });
  assert.equal(grant.status, 403);
  assert.match(text(grant.body), /không được giao hoặc bỏ vai trò Quản trị cấp tỉnh/);
  assert.equal(await t.db.selectFrom('staff').select('id').where('username', '=', 'tinh.gia').executeTakeFirst(), undefined);
  // Adding the role to an existing member (their own account included).
  const me = await staffId('admin');
  const self = await admin.submit(await admin.get(`/can-bo/quan-tri/can-bo/${me}`), `/can-bo/quan-tri/can-bo/${me}`, { fullName: 'Đỗ Minh Quân', roles: ['admin', 'province_admin'] });
  assert.equal(self.status, 403);
  assert.deepEqual((await t.db.selectFrom('staff').select('roles').where('id', '=', me).executeTakeFirstOrThrow()).roles, ['admin']);
  // The province account lives in Xuân Dương's records: its password, details, state and second factor are out of reach.
  const target = await staffId('tinh.quantri');
  const page = await admin.get(`/can-bo/quan-tri/can-bo/${target}`);
  const reset = await admin.submit(page, `/can-bo/quan-tri/can-bo/${target}/mat-khau`, { password: 'mat-khau-chiem-quyen' });
  assert.equal(reset.status, 403);
  const edit = await admin.submit(page, `/can-bo/quan-tri/can-bo/${target}`, { fullName: 'Ngô Thị Thanh', roles: 'admin' });
  assert.equal(edit.status, 403);
  assert.equal((await admin.submit(page, `/can-bo/quan-tri/can-bo/${target}/trang-thai`)).status, 403);
  const totp = await call(t, 'POST', `/api/v1/staff/${target}/totp/reset`, { as: 'admin' });
  assert.equal(totp.status, 403);
  assert.equal(totp.body.code, 'PROVINCE_ACCOUNT_PROTECTED');
  assert.equal((await call(t, 'PUT', `/api/v1/staff/${target}/phone`, { as: 'admin', body: { phone: '0912345679' } })).status, 403);
  const row = await t.db.selectFrom('staff').select(['roles', 'active', 'phone']).where('id', '=', target).executeTakeFirstOrThrow();
  assert.deepEqual(row, { roles: ['province_admin'], active: true, phone: null });
  // The demo password still opens it: it was not reset.
  await t.login('tinh.quantri');
  // A system's key never gets an administrator's role.
  const key = await call(t, 'POST', '/api/v1/api-keys', { as: 'admin', body: { name: 'X', roles: ['province_admin'] } });
  assert.equal(key.status, 400, JSON.stringify(key.body));
});

test('the province-level account sees no dossier: shared data is all it edits', async () => {
  t.setNow('2026-11-25T09:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal(d.status, 201);
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'tinh.quantri', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal(r.status, 403);
  const list = await call(t, 'GET', '/api/v1/dossiers', { as: 'tinh.quantri' });
  assert.ok(!list.body.items?.some((i: { id: string }) => i.id === d.body.id));
});
