// Staff login hardening over the JSON API: lockout per username and limit per address (then unlocked after the
// window), session rotation and expiry, argon2id rehash, the TOTP factor (enrol, login with a code, replay
// refused, administrator reset), the login audit and who may read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashSync } from '@node-rs/argon2';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { passwordHash } from '../support/staff.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { createApiKey } from '../../src/identity/staff/auth.ts';
import { base32Decode, totp } from '../../src/identity/staff/core/totp.ts';

const t = await testApp();

interface LoginOpts { ip?: string; cookie?: string; password?: string }
async function login(username: string, o: LoginOpts = {}) {
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/login', remoteAddress: o.ip ?? '10.9.9.9',
    headers: { 'user-agent': 'test-agent/1.0', ...(o.cookie ? { cookie: o.cookie } : {}) },
    payload: { username, password: o.password ?? DEMO_PASSWORD },
  });
  const sid = res.cookies.find((c) => c.name === 'xaso_sid')?.value;
  const pending = res.cookies.find((c) => c.name === 'xaso_login')?.value;
  return { status: res.statusCode, body: res.json(), headers: res.headers, cookie: sid ? `xaso_sid=${sid}` : undefined, sid, pending };
}
const me = async (cookie: string) => (await call(t, 'GET', '/api/v1/auth/me', { headers: { cookie } })).status;
const staffId = async (username: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const events = async (id: number) =>
  (await t.db.selectFrom('login_events').selectAll().where('staff_id', '=', id).orderBy('id').execute()).map((e) => e.outcome);

test('5 wrong passwords lock the username for 15 minutes (a correct one is refused too); unknown usernames alike', async () => {
  t.setNow('2026-12-01T08:00:00Z');
  for (let i = 0; i < 5; i++) {
    const r = await login('truongkt', { password: `sai-${i}`, ip: '10.1.0.1' });
    assert.equal(r.status, 401);
    assert.equal(r.body.code, 'LOGIN_FAILED');
  }
  const locked = await login('truongkt', { ip: '10.1.0.2' });
  assert.equal(locked.status, 429);
  assert.equal(locked.body.code, 'LOGIN_LOCKED');
  assert.match(String(locked.headers['content-type']), /^application\/problem\+json/);
  assert.match(locked.body.title, /tạm thời bị khóa.*15 phút/);
  assert.equal(locked.headers['retry-after'], '900');
  assert.equal(locked.cookie, undefined);

  // An unknown username gets exactly the same answers (nothing tells it apart from a real one).
  for (let i = 0; i < 5; i++) assert.equal((await login('khong-co-ai', { password: 'x', ip: '10.1.0.3' })).body.code, 'LOGIN_FAILED');
  assert.equal((await login('khong-co-ai', { password: 'x', ip: '10.1.0.3' })).body.code, 'LOGIN_LOCKED');

  t.setNow('2026-12-01T08:14:00Z');
  assert.equal((await login('truongkt', { ip: '10.1.0.2' })).status, 429, 'still locked inside the window');
  t.setNow('2026-12-01T08:15:01Z');
  const ok = await login('truongkt', { ip: '10.1.0.2' });
  assert.equal(ok.status, 200, 'unlocked after the window');
  assert.equal(ok.body.kind, 'staff');
  // A success clears the username's count: one new failure does not lock again.
  assert.equal((await login('truongkt', { password: 'sai', ip: '10.1.0.2' })).status, 401);
  assert.equal((await login('truongkt', { ip: '10.1.0.2' })).status, 200);
  const outcomes = await events(await staffId('truongkt'));
  assert.deepEqual(outcomes.slice(0, 7), ['failure', 'failure', 'failure', 'failure', 'failure', 'locked', 'locked']);
  assert.equal(outcomes[7], 'success');
  t.setNow(null);
});

test('20 failures from one address block it (any username) for 15 minutes; other addresses are unaffected', async () => {
  t.setNow('2026-12-02T08:00:00Z');
  for (let i = 0; i < 20; i++) assert.equal((await login(`nguoi-${i}`, { password: 'x', ip: '10.2.0.1' })).status, 401);
  const blocked = await login('hotich', { ip: '10.2.0.1' });
  assert.equal(blocked.status, 429);
  assert.equal(blocked.body.code, 'LOGIN_RATE_LIMITED');
  assert.match(blocked.body.title, /quá nhiều lần đăng nhập sai từ địa chỉ này/);
  assert.equal((await login('hotich', { ip: '10.2.0.2' })).status, 200);
  t.setNow('2026-12-02T08:16:00Z');
  assert.equal((await login('hotich', { ip: '10.2.0.1' })).status, 200);
  const rl = await t.db.selectFrom('login_events').select(['client', 'outcome']).where('outcome', '=', 'rate_limited').execute();
  assert.deepEqual(rl, [{ client: '10.2.0.0', outcome: 'rate_limited' }]);
  t.setNow(null);
});

test('session rotation: a login ends the session cookie it was sent with; logout ends the session', async () => {
  const first = await login('motcua');
  assert.equal(await me(first.cookie!), 200);
  const second = await login('motcua', { cookie: first.cookie });
  assert.notEqual(second.sid, first.sid);
  assert.equal(await me(first.cookie!), 401, 'the old cookie is invalid');
  assert.equal(await me(second.cookie!), 200);
  // A planted token (session fixation) never becomes a logged-in session.
  const planted = 'xaso_sid=s_planted-by-someone-else';
  const third = await login('motcua', { cookie: planted });
  assert.notEqual(third.sid, 's_planted-by-someone-else');
  assert.equal(await me(planted), 401);
  // Another login of the same person elsewhere keeps this one.
  assert.equal(await me(second.cookie!), 200);
  assert.equal((await call(t, 'POST', '/api/v1/auth/logout', { headers: { cookie: third.cookie! }, key: null })).status, 204);
  assert.equal(await me(third.cookie!), 401);
  assert.ok((await events(await staffId('motcua'))).includes('logout'));
});

test('sessions expire after an hour without requests and 12 hours after login at the latest', async () => {
  const s = await login('giamdoc');
  const row = () => t.db.selectFrom('sessions').select(['expires_at', 'created_at']).where('staff_id', '=', s.body.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  const fresh = await row();
  const idle = fresh.expires_at.getTime() - fresh.created_at.getTime();
  assert.equal(idle, 60 * 60_000);
  // Activity pushes the idle deadline forward…
  await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() + 10 * 60_000) }).where('staff_id', '=', s.body.id).execute();
  assert.equal(await me(s.cookie!), 200);
  assert.ok((await row()).expires_at.getTime() > Date.now() + 55 * 60_000);
  // …but never past 12 hours after the login.
  const created = new Date(Date.now() - 11.5 * 3600_000);
  await t.db.updateTable('sessions').set({ created_at: created, expires_at: new Date(Date.now() + 10 * 60_000) }).where('staff_id', '=', s.body.id).execute();
  assert.equal(await me(s.cookie!), 200);
  assert.equal((await row()).expires_at.getTime(), created.getTime() + 12 * 3600_000);
  // Idle past the deadline: the session is over.
  await t.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('staff_id', '=', s.body.id).execute();
  assert.equal(await me(s.cookie!), 401);
});

test('passwords are argon2id at the OWASP minimum; a weaker stored hash is replaced at login', async () => {
  const id = await staffId('diachinh');
  const weak = hashSync(DEMO_PASSWORD, { memoryCost: 4096, timeCost: 1 });
  await t.db.updateTable('staff').set({ password_hash: weak }).where('id', '=', id).execute();
  assert.equal((await login('diachinh')).status, 200);
  const now = await t.db.selectFrom('staff').select(passwordHash()).where('id', '=', id).executeTakeFirstOrThrow();
  assert.match(now.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.equal((await login('diachinh')).status, 200, 'the new hash verifies');
  const demo = await t.db.selectFrom('staff').select(passwordHash()).where('username', '=', 'motcua').executeTakeFirstOrThrow();
  assert.match(demo.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
});

test('TOTP: enrol (secret + otpauth URI), confirm with a code, then login asks for the code; a code works once', async () => {
  t.setNow('2026-12-03T08:00:00Z');
  const { cookie } = await login('chutich');
  const as = { headers: { cookie: cookie! }, key: null };
  assert.deepEqual((await call(t, 'GET', '/api/v1/auth/totp', as)).body, { enabled: false, pending: false, confirmedAt: null });
  const setup = await call(t, 'POST', '/api/v1/auth/totp/setup', as);
  assert.equal(setup.status, 201);
  assert.match(setup.body.otpauthUri, /^otpauth:\/\/totp\/X%C3%A3%20S%E1%BB%91%3Achutich\?secret=[A-Z2-7]{32}&issuer=/);
  const key = base32Decode(setup.body.secret)!;
  assert.equal(key.length, 20);
  const stored = await t.db.selectFrom('staff_totp').select('secret_enc').where('staff_id', '=', await staffId('chutich')).executeTakeFirstOrThrow();
  assert.ok(!stored.secret_enc.includes(key), 'the secret is stored encrypted');

  const wrong = await call(t, 'POST', '/api/v1/auth/totp/confirm', { ...as, body: { code: '000000' } });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.code, 'TOTP_INVALID_CODE');
  const code0 = totp(key, new Date('2026-12-03T08:00:00Z'));
  const ok = await call(t, 'POST', '/api/v1/auth/totp/confirm', { ...as, body: { code: code0 } });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.enabled, true);
  assert.equal((await call(t, 'POST', '/api/v1/auth/totp/setup', as)).body.code, 'TOTP_ALREADY_ENABLED');

  // The password alone now gives a pending state, not a session.
  const step1 = await login('chutich');
  assert.equal(step1.status, 202);
  assert.equal(step1.body.totpRequired, true);
  assert.equal(step1.cookie, undefined);
  assert.ok(step1.pending);
  assert.equal(await me(`xaso_sid=${step1.body.pendingToken}`), 401, 'the pending token is no session');
  const code = (c: string, token = step1.body.pendingToken as string) =>
    call(t, 'POST', '/api/v1/auth/login/totp', { body: { code: c, pendingToken: token }, key: null, headers: {} });
  const replay = await code(code0);
  assert.equal(replay.status, 401, 'the code used to confirm cannot be used again');
  assert.equal(replay.body.code, 'TOTP_FAILED');
  t.setNow('2026-12-03T08:00:30Z');
  const code1 = totp(key, new Date('2026-12-03T08:00:30Z'));
  const done = await code(code1);
  assert.equal(done.status, 200);
  assert.equal(done.body.id, await staffId('chutich'));
  const sid = (done.headers['set-cookie'] as string[] | string).toString().match(/xaso_sid=([^;]+)/)![1];
  assert.equal(await me(`xaso_sid=${sid}`), 200);
  assert.equal((await code(code1)).body.code, 'LOGIN_PENDING_EXPIRED', 'the pending token is used up');
  // The same code within its window, on a new login: refused (replay).
  const again = await login('chutich');
  assert.equal((await code(code1, again.body.pendingToken)).body.code, 'TOTP_FAILED');
  // The pending token also comes as a cookie (what the login page uses).
  t.setNow('2026-12-03T08:01:00Z');
  const viaCookie = await t.app.inject({
    method: 'POST', url: '/api/v1/auth/login/totp', headers: { cookie: `xaso_login=${again.pending}` },
    payload: { code: totp(key, new Date('2026-12-03T08:01:00Z')) },
  });
  assert.equal(viaCookie.statusCode, 200);
  const outcomes = await events(await staffId('chutich'));
  for (const o of ['totp_enabled', 'totp_required', 'totp_failure', 'success']) assert.ok(outcomes.includes(o), o);
  t.setNow(null);
});

test('TOTP code failures count towards the lockout', async () => {
  t.setNow('2026-12-04T08:00:00Z');
  const { cookie } = await login('tl.chutich');
  const as = { headers: { cookie: cookie! }, key: null };
  const key = base32Decode((await call(t, 'POST', '/api/v1/auth/totp/setup', as)).body.secret)!;
  assert.equal((await call(t, 'POST', '/api/v1/auth/totp/confirm', { ...as, body: { code: totp(key, new Date('2026-12-04T08:00:00Z')) } })).status, 200);
  const p = await login('tl.chutich', { ip: '10.4.0.1' });
  for (let i = 0; i < 5; i++) {
    const r = await call(t, 'POST', '/api/v1/auth/login/totp', { body: { code: '123456', pendingToken: p.body.pendingToken }, key: null });
    assert.equal(r.body.code, 'TOTP_FAILED');
  }
  const r = await call(t, 'POST', '/api/v1/auth/login/totp', { body: { code: totp(key, new Date('2026-12-04T08:00:30Z')), pendingToken: p.body.pendingToken }, key: null });
  assert.equal(r.status, 429);
  assert.equal(r.body.code, 'LOGIN_LOCKED');
  assert.equal((await login('tl.chutich', { ip: '10.4.0.2' })).body.code, 'LOGIN_LOCKED');
  t.setNow(null);
});

test('administrator reset of the second factor: own commune only, ends sessions, audited; others get 403', async () => {
  const id = await staffId('chutich');
  const loggedIn = await t.db.selectFrom('sessions').select('token_hash').where('staff_id', '=', id).execute();
  assert.ok(loggedIn.length > 0);
  assert.equal((await call(t, 'POST', `/api/v1/staff/${id}/totp/reset`, { as: 'motcua' })).status, 403);
  assert.equal((await call(t, 'POST', `/api/v1/staff/${id}/totp/reset`, { as: 'tl.admin' })).status, 404, 'another commune');
  const r = await call(t, 'POST', `/api/v1/staff/${id}/totp/reset`, { as: 'admin' });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { staffId: id, reset: true });
  assert.equal((await t.db.selectFrom('sessions').select('token_hash').where('staff_id', '=', id).execute()).length, 0);
  assert.equal((await login('chutich')).status, 200, 'password alone again');
  assert.ok((await events(id)).includes('totp_reset'));
});

test('TOTP enrolment is for people, not API keys', async () => {
  const key = await createApiKey(t.db, { communeId: 'xuan-duong', unitId: null, name: 'Hệ thống thử', roles: ['cchc_coordinator'] });
  const r = await call(t, 'POST', '/api/v1/auth/totp/setup', { headers: { authorization: `Bearer ${key}` }, key: null });
  assert.equal(r.status, 403);
  assert.equal((await call(t, 'GET', '/api/v1/auth/totp', { headers: { authorization: `Bearer ${key}` } })).status, 403);
});

test('login audit: no passwords, truncated addresses; administrators read their own commune only', async () => {
  await login('hotich', { password: 'mat-khau-bi-mat-sai', ip: '10.7.8.9' });
  const all = await t.db.selectFrom('login_events').selectAll().execute();
  const dump = JSON.stringify(all);
  assert.ok(!dump.includes('mat-khau-bi-mat-sai') && !dump.includes(DEMO_PASSWORD), 'no password stored');
  assert.ok(!dump.includes('10.7.8.9'), 'no full address');
  assert.ok(!dump.includes('"khong-co-ai"'), 'usernames only hashed');
  const fail = all.find((e) => e.client === '10.7.8.0')!;
  assert.equal(fail.outcome, 'failure');
  assert.equal(fail.user_agent, 'test-agent/1.0');
  assert.match(fail.username_hash!, /^[0-9a-f]{64}$/);

  const list = await call(t, 'GET', '/api/v1/auth/login-events?limit=200', { as: 'admin' });
  assert.equal(list.status, 200);
  assert.ok(list.body.some((e: { client: string; username: string }) => e.client === '10.7.8.0' && e.username === 'hotich'));
  assert.ok(list.body.every((e: { username: string | null }) => !e.username?.startsWith('tl.')), 'own commune only');
  const page2 = await call(t, 'GET', `/api/v1/auth/login-events?limit=2&before=${list.body[1].id}`, { as: 'admin' });
  assert.ok(page2.body.every((e: { id: number }) => e.id < list.body[1].id));
  const one = await call(t, 'GET', `/api/v1/auth/login-events?staffId=${await staffId('hotich')}`, { as: 'admin' });
  assert.ok(one.body.length > 0 && one.body.every((e: { username: string }) => e.username === 'hotich'));
  assert.equal((await call(t, 'GET', '/api/v1/auth/login-events', { as: 'motcua' })).status, 403);
  const other = await call(t, 'GET', '/api/v1/auth/login-events?limit=200', { as: 'tl.admin' });
  assert.ok(other.body.every((e: { username: string | null }) => e.username === null || e.username.startsWith('tl.')));
});
