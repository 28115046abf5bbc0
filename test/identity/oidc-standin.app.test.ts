// Citizen e-identity login through the stand-in identity provider, over HTTP: the happy path, the stand-in's
// labelled login page and discovery document, wrong state and replays at the callback, a fresh hashed session,
// logout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { CALLBACK_PATH } from '../../src/outside/identity.ts';
import { testApp } from '../support/app.ts';
import { Browser, textOf } from '../web/portal-support.ts';
import { BINH, HONG, IssuerJar, chooseCitizen, loginAs, toIssuerLogin } from './citizen-support.ts';

const t = await testApp({ standIns: ['identity'] });
const issuer = CALLBACK_PATH;
const sessions = () => t.db.selectFrom('citizen_sessions').selectAll().execute();

test('the stand-in issuer serves its discovery document and a login page labelled as a TEST identity provider', async () => {
  const b = new Browser(t);
  const jar = new IssuerJar();
  const { authorizeUrl, html } = await toIssuerLogin(b, jar);
  const u = new URL(authorizeUrl);
  const disco = await (await fetch(`${u.origin}/.well-known/openid-configuration`)).json() as Record<string, unknown>;
  assert.equal(disco.issuer, u.origin);
  assert.ok((disco.claims_supported as string[]).includes('so_dinh_danh'));
  assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
  assert.ok(u.searchParams.get('code_challenge') && u.searchParams.get('state') && u.searchParams.get('nonce'));
  assert.equal(u.searchParams.get('redirect_uri'), `http://xaso.test${issuer}`);
  assert.match(html, /Nhà cung cấp định danh THỬ NGHIỆM – không phải VNeID/);
  assert.match(textOf(html), /Lê Thị Hồng – số định danh 001190004567/);
  assert.doesNotMatch(html, /<script/i, 'no script needed');
});

test('happy path: the citizen logs in, sees "Hồ sơ của tôi" with their name; the session cookie is hashed at rest', async () => {
  const { b, location } = await loginAs(t, HONG);
  assert.equal(location, '/ho-so-cua-toi');
  const page = await b.get('/ho-so-cua-toi');
  assert.equal(page.status, 200);
  assert.match(textOf(page.body), /Đăng nhập bằng định danh điện tử: Lê Thị Hồng ?, số định danh cá nhân •••••••• 4567, sinh ngày 14\/03\/1990/);
  const token = b.cookies.get('xaso_cid')!;
  assert.ok(token);
  const rows = await sessions();
  assert.ok(rows.some((r) => r.token_hash === crypto.createHash('sha256').update(token).digest('hex')));
  assert.ok(!rows.some((r) => r.token_hash === token), 'never in clear');
  const c = await t.db.selectFrom('citizens').selectAll().where('id_number', '=', HONG.idNumber).executeTakeFirstOrThrow();
  assert.deepEqual([c.full_name, c.birth_date, c.assurance_level, c.subject], [HONG.name, '1990-03-14', 2, HONG.sub]);
  assert.equal(b.cookies.has('xaso_oidc'), false, 'the login-in-progress cookie is cleared');
});

test('a callback with a wrong state is rejected and opens no session', async () => {
  const b = new Browser(t);
  const jar = new IssuerJar();
  const { loginUrl } = await toIssuerLogin(b, jar);
  const callback = await chooseCitizen(jar, loginUrl, BINH.sub);
  const before = (await sessions()).length;
  const forged = callback.replace(/state=[^&]+/, 'state=not-the-state');
  const r = await b.get(forged);
  assert.equal(r.status, 400);
  assert.match(textOf(r.body), /Đăng nhập không thành công/);
  assert.equal((await sessions()).length, before);
  assert.equal(b.cookies.has('xaso_cid'), false);
});

test('a callback without this browser\'s login in progress (another browser, or expired) is rejected', async () => {
  const b = new Browser(t);
  const jar = new IssuerJar();
  const { loginUrl } = await toIssuerLogin(b, jar);
  const callback = await chooseCitizen(jar, loginUrl, BINH.sub);
  const other = new Browser(t);
  const r = await other.get(callback);
  assert.equal(r.status, 400);
  assert.match(textOf(r.body), /Phiên đăng nhập không hợp lệ hoặc đã hết hạn/);
});

test('a replayed callback, and a replayed authorization code with a new login, are rejected', async () => {
  const { b, callback } = await loginAs(t, BINH);
  const again = await b.get(callback);
  assert.equal(again.status, 400, 'the login in progress was used once');
  // A new login in progress in the same browser, answered with the old code (and the new state): the issuer
  // refuses the code a second time.
  const jar = new IssuerJar();
  const { authorizeUrl } = await toIssuerLogin(b, jar);
  const state = new URL(authorizeUrl).searchParams.get('state')!;
  const oldCode = new URLSearchParams(callback.split('?')[1]).get('code')!;
  const iss = new URLSearchParams(callback.split('?')[1]).get('iss')!;
  const replay = await b.get(`/dang-nhap/vneid/callback?code=${encodeURIComponent(oldCode)}&state=${encodeURIComponent(state)}&iss=${encodeURIComponent(iss)}`);
  assert.equal(replay.status, 400);
  assert.match(textOf(replay.body), /Không xác thực được kết quả đăng nhập/);
});

test('cancelling at the issuer comes back as "denied"', async () => {
  const b = new Browser(t);
  const jar = new IssuerJar();
  const { loginUrl } = await toIssuerLogin(b, jar);
  let r = await jar.fetch(`${loginUrl}/abort`, { method: 'POST' });
  for (let i = 0; i < 5 && r.location && !r.location.startsWith('http://xaso.test'); i++) r = await jar.fetch(new URL(r.location, loginUrl).href);
  const back = await b.get(r.location!.slice('http://xaso.test'.length));
  assert.equal(back.status, 400);
  assert.match(textOf(back.body), /Bạn đã hủy đăng nhập/);
});

test('logout ends the session (the cookie no longer works)', async () => {
  const { b } = await loginAs(t, HONG);
  const token = b.cookies.get('xaso_cid')!;
  await b.get('/ho-so-cua-toi');
  b.cookies.set('xaso_draft', 'x'.repeat(43));
  const out = await b.post('/dang-xuat/vneid');
  assert.deepEqual([out.status, out.location], [303, '/']);
  assert.deepEqual([...b.cookies.keys()].filter((k) => k.startsWith('xaso_') && k !== 'xaso_csrf'), [], 'the session, draft and lookup cookies are cleared');
  const replay = await t.app.inject({ method: 'GET', url: '/ho-so-cua-toi', headers: { cookie: `xaso_cid=${token}` } });
  assert.match(textOf(replay.body), /Đăng nhập bằng tài khoản định danh điện tử \(VNeID\)|Đăng nhập bằng VNeID/);
  assert.doesNotMatch(textOf(replay.body), /Lê Thị Hồng/);
});

test('the login only returns to a local path (no open redirect)', async () => {
  const b = new Browser(t);
  const jar = new IssuerJar();
  const { loginUrl } = await toIssuerLogin(b, jar, '//evil.example/x');
  const callback = await chooseCitizen(jar, loginUrl, HONG.sub);
  const r = await b.get(callback);
  assert.deepEqual([r.status, r.location], [303, '/ho-so-cua-toi']);
});

test('/health shows the identity connection: the stand-in issuer\'s URL, marked as a stand-in', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/health' });
  const identity = (r.json() as { connections: { name: string; url: string; standIn: boolean }[] }).connections.find((c) => c.name === 'identity');
  assert.ok(identity);
  assert.equal(identity.standIn, true);
  assert.match(identity.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const disco = await fetch(`${identity.url}/.well-known/openid-configuration`);
  assert.equal(disco.status, 200);
});

test('the stand-in refuses an unknown citizen and shows its page again', async () => {
  const b = new Browser(t);
  const jar = new IssuerJar();
  const { loginUrl } = await toIssuerLogin(b, jar);
  const r = await jar.fetch(`${loginUrl}/login`, { method: 'POST', form: { citizen: 'nobody' } });
  assert.equal(r.status, 400);
  assert.match(r.body, /Hãy chọn một công dân thử nghiệm/);
});

test('a citizen session ends after 4 hours; a login left at the issuer for over 10 minutes is refused', async () => {
  t.setNow('2026-12-07T08:00:00+07:00');
  const { b } = await loginAs(t, HONG);
  t.setNow('2026-12-07T11:59:00+07:00');
  assert.match(textOf((await b.get('/ho-so-cua-toi')).body), /Lê Thị Hồng/);
  t.setNow('2026-12-07T12:01:00+07:00');
  assert.doesNotMatch(textOf((await b.get('/ho-so-cua-toi')).body), /Lê Thị Hồng/);

  const late = new Browser(t);
  const jar = new IssuerJar();
  const { loginUrl } = await toIssuerLogin(late, jar);
  const callback = await chooseCitizen(jar, loginUrl, HONG.sub);
  t.setNow('2026-12-07T12:12:00+07:00');
  const r = await late.get(callback);
  assert.equal(r.status, 400);
  assert.match(textOf(r.body), /Phiên đăng nhập không hợp lệ hoặc đã hết hạn/);
  t.setNow(null);
});
