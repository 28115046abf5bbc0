// Staff login hardening through the pages: lockout shown in the error summary, the TOTP enrolment on "Tài khoản
// của tôi" (QR code, secret as text, confirmation), the code page after the password, the administrator's reset
// on the staff page and the login log page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { Browser, browserAs, hiddenFields, text } from '../web/staff-browser.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { base32Decode, totp } from '../../src/identity/staff/core/totp.ts';

const t = await testApp();

test('login page: a locked username is refused with an error summary (429), even with the right password', async () => {
  t.setNow('2026-12-05T08:00:00Z');
  const b = new Browser(t);
  let page = await b.get('/can-bo/dang-nhap');
  for (let i = 0; i < 5; i++) {
    page = await b.submit(page, '/can-bo/dang-nhap', { username: 'truongkt', password: `sai-${i}` });
    assert.equal(page.status, 401);
  }
  const locked = await b.submit(page, '/can-bo/dang-nhap', { username: 'truongkt', password: DEMO_PASSWORD });
  assert.equal(locked.status, 429);
  assert.match(locked.body, /class="error-summary"/);
  assert.match(text(locked.body), /Tài khoản tạm thời bị khóa do đăng nhập sai quá nhiều lần/);
  assert.ok(!b.jar.has('xaso_sid'));
  t.setNow(null);
});

test('a page login ends the session the browser had before (rotation)', async () => {
  const b = await browserAs(t, 'motcua');
  const before = b.jar.get('xaso_sid')!;
  // The login form posted from a browser that is still logged in (e.g. a planted or forgotten session).
  const { fields } = hiddenFields((await b.get('/can-bo/ho-so')).body, '/can-bo/dang-xuat');
  const r = await b.post('/can-bo/dang-nhap', { _csrf: fields._csrf, username: 'motcua', password: DEMO_PASSWORD });
  assert.equal(r.status, 303);
  assert.notEqual(b.jar.get('xaso_sid'), before);
  const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `xaso_sid=${before}` } });
  assert.equal(old.statusCode, 401);
});

test('TOTP through the pages: enrol with the QR code or the secret, then the login asks for the code; admin resets', async () => {
  t.setNow('2026-12-05T09:00:00Z');
  const b = await browserAs(t, 'truongvhxh');
  const account = await b.get('/can-bo/tai-khoan');
  assert.equal(account.status, 200);
  assert.match(text(account.body), /Xác thực hai lớp/);
  const started = await b.submit(account, '/can-bo/tai-khoan/xac-thuc-hai-lop');
  assert.equal(started.status, 303);
  const enrol = await b.get(started.location!);
  assert.equal(enrol.status, 200);
  assert.match(enrol.body, /<img src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
  assert.match(enrol.body, /otpauth:\/\/totp\//);
  const secret = /<code id="secret">([A-Z2-7 ]+)<\/code>/.exec(enrol.body)![1]!;
  const key = base32Decode(secret)!;
  const wrong = await b.submit(enrol, '/xac-thuc-hai-lop/xac-nhan', { code: '999999' === totp(key, new Date('2026-12-05T09:00:00Z')) ? '111111' : '999999' });
  assert.equal(wrong.status, 422);
  assert.match(wrong.body, /class="error-summary"/);
  const ok = await b.submit(wrong, '/xac-thuc-hai-lop/xac-nhan', { code: totp(key, new Date('2026-12-05T09:00:00Z')) });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/can-bo/tai-khoan?ok=totp');
  assert.match(text((await b.get(ok.location)).body), /Đã bật xác thực hai lớp/);

  // The next login: password, then the code page.
  t.setNow('2026-12-05T09:01:00Z');
  const c = new Browser(t);
  const login = await c.get('/can-bo/dang-nhap?next=%2Fcan-bo%2Ftai-khoan');
  const step1 = await c.submit(login, '/can-bo/dang-nhap', { username: 'truongvhxh', password: DEMO_PASSWORD });
  assert.equal(step1.status, 303);
  assert.equal(step1.location, '/can-bo/dang-nhap/ma-xac-thuc?next=%2Fcan-bo%2Ftai-khoan');
  assert.ok(!c.jar.has('xaso_sid'), 'no session yet');
  assert.equal((await c.get('/can-bo/tai-khoan')).status, 303, 'the pending state opens nothing');
  const codePage = await c.get(step1.location!);
  assert.equal(codePage.status, 200);
  assert.match(text(codePage.body), /Nhập mã xác thực/);
  const bad = await c.submit(codePage, '/ma-xac-thuc', { code: '12345' });
  assert.equal(bad.status, 401);
  assert.match(text(bad.body), /Mã xác thực không đúng/);
  const good = await c.submit(bad, '/ma-xac-thuc', { code: totp(key, new Date('2026-12-05T09:01:00Z')) });
  assert.equal(good.status, 303);
  assert.equal(good.location, '/can-bo/tai-khoan');
  assert.ok(c.jar.has('xaso_sid'));
  assert.ok(!c.jar.has('xaso_login'), 'the pending cookie is cleared');
  assert.equal((await c.get('/can-bo/tai-khoan')).status, 200);

  // Without a pending state the code page sends back to the password.
  assert.equal((await new Browser(t).get('/can-bo/dang-nhap/ma-xac-thuc')).status, 303);

  // The administrator sees the factor on the staff page and resets it.
  const admin = await browserAs(t, 'admin');
  const id = (await t.db.selectFrom('staff').select('id').where('username', '=', 'truongvhxh').executeTakeFirstOrThrow()).id;
  const edit = await admin.get(`/can-bo/quan-tri/can-bo/${id}`);
  assert.match(text(edit.body), /Đã bật xác thực hai lớp/);
  const reset = await admin.submit(edit, `/can-bo/quan-tri/can-bo/${id}/xac-thuc-hai-lop`);
  assert.equal(reset.status, 303);
  assert.match(text((await admin.get(`/can-bo/quan-tri/can-bo/${id}`)).body), /Chưa bật xác thực hai lớp/);
  assert.equal((await c.get('/can-bo/tai-khoan')).status, 303, 'the reset ended the open sessions');
  await new Browser(t).login('truongvhxh');

  // Only administrators reset; the login log lists the events.
  const officer = await browserAs(t, 'motcua');
  assert.equal((await officer.get('/can-bo/quan-tri/nhat-ky-dang-nhap')).status, 403);
  const log = await admin.get('/can-bo/quan-tri/nhat-ky-dang-nhap');
  assert.equal(log.status, 200);
  for (const s of ['Bật xác thực hai lớp', 'Đúng mật khẩu, chờ mã xác thực', 'Sai mã xác thực hai lớp', 'Quản trị đặt lại xác thực hai lớp', 'Đăng nhập thành công']) {
    assert.match(text(log.body), new RegExp(s), s);
  }
  t.setNow(null);
});
