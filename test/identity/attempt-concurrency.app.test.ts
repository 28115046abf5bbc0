// Issue 13, finding 1: attempt limits hold under concurrency. Simultaneous guesses at a dossier's last four ID digits,
// at a staff password and at a TOTP code are counted and decided in one statement (src/shared/attempts-store.ts), so
// that at most the policy's `max` are evaluated per window however many arrive at once, and the right answer sent
// after the wrong ones is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { HONG, fileOnline } from './citizen-support.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { base32Decode, totp } from '../../src/identity/staff/core/totp.ts';
import { LOOKUP_POLICY } from '../../src/shared/attempts.ts';
import { LOGIN_USER_POLICY } from '../../src/identity/staff/lockout.ts';

const t = await testApp();

const statuses = (rs: { status: number }[]) => rs.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});

test('200 simultaneous guesses of a dossier\'s last 4 digits: at most 5 compared, the right digits sent last refused', async () => {
  const filed = await fileOnline(t, { procedureCode: '1.001193', applicant: applicant({ name: HONG.name, idNumber: HONG.idNumber }) });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const ref = filed.body.reference as string;
  const right = HONG.idNumber.slice(-4);
  const guesses = Array.from({ length: 199 }, (_, i) => String(i).padStart(4, '0')).filter((g) => g !== right);
  guesses.push(right); // the right digits, last
  const rs = await Promise.all(guesses.map((g) =>
    t.app.inject({ method: 'GET', url: `/api/v1/public/status?code=${encodeURIComponent(ref)}&idLast4=${g}` })));
  const s = statuses(rs.map((r) => ({ status: r.statusCode })));
  assert.ok((s[404] ?? 0) <= LOOKUP_POLICY.max, `at most ${LOOKUP_POLICY.max} compared: ${JSON.stringify(s)}`);
  assert.equal((s[404] ?? 0) + (s[429] ?? 0), rs.length, JSON.stringify(s));
  const last = rs.at(-1)!;
  assert.equal(last.statusCode, 429, 'the right digits after the wrong ones are refused while locked');
  assert.equal(last.json().code, 'LOOKUP_LOCKED');
  assert.match(last.headers['content-type'] as string, /application\/problem\+json/);
});

test('40 simultaneous passwords for one username, the right one last: at most 5 checked, no session', async () => {
  const passwords = Array.from({ length: 39 }, (_, i) => `sai-mat-khau-${i}`).concat(DEMO_PASSWORD);
  const rs = await Promise.all(passwords.map((password) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.1.1.1', payload: { username: 'hotich', password } })));
  const s = statuses(rs.map((r) => ({ status: r.statusCode })));
  assert.ok((s[401] ?? 0) + (s[200] ?? 0) <= LOGIN_USER_POLICY.max, `at most ${LOGIN_USER_POLICY.max} checked: ${JSON.stringify(s)}`);
  assert.equal(rs.at(-1)!.statusCode, 429, 'the right password after the wrong ones is refused');
  assert.match(rs.at(-1)!.json().code, /^LOGIN_(LOCKED|RATE_LIMITED)$/);
  assert.ok(!rs.some((r) => r.cookies.some((c) => c.name === 'xaso_sid')), 'no session');
});

test('60 simultaneous TOTP codes for one pending login: at most 5 checked, then locked', async () => {
  t.setNow('2026-12-03T08:00:00Z');
  const first = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.2.2.2', payload: { username: 'chutich', password: DEMO_PASSWORD } });
  assert.equal(first.statusCode, 200, first.body);
  const as = { headers: { cookie: `xaso_sid=${first.cookies.find((c) => c.name === 'xaso_sid')!.value}` }, key: null };
  const setup = await call(t, 'POST', '/api/v1/auth/totp/setup', as);
  const key = base32Decode(setup.body.secret)!;
  assert.equal((await call(t, 'POST', '/api/v1/auth/totp/confirm', { ...as, body: { code: totp(key, new Date('2026-12-03T08:00:00Z')) } })).status, 200);
  t.setNow('2026-12-03T08:05:00Z');
  const step1 = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.2.2.2', payload: { username: 'chutich', password: DEMO_PASSWORD } });
  assert.equal(step1.statusCode, 202, step1.body);
  const pendingToken = step1.json().pendingToken as string;
  const right = totp(key, new Date('2026-12-03T08:05:00Z'));
  const codes = Array.from({ length: 59 }, (_, i) => String(100000 + i)).filter((c) => c !== right).concat(right);
  const rs = await Promise.all(codes.map((code) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login/totp', remoteAddress: '10.2.2.2', payload: { code, pendingToken } })));
  const s = statuses(rs.map((r) => ({ status: r.statusCode })));
  assert.ok((s[401] ?? 0) + (s[200] ?? 0) <= LOGIN_USER_POLICY.max + 1, `at most ${LOGIN_USER_POLICY.max} codes checked: ${JSON.stringify(s)}`);
  assert.ok((s[429] ?? 0) >= codes.length - LOGIN_USER_POLICY.max - 1, JSON.stringify(s));
  assert.ok(!rs.some((r) => r.cookies.some((c) => c.name === 'xaso_sid')), 'no session from a code sent after the wrong ones');
  t.setNow(null);
});

test('a right password before its code, and a complete login, do not count as failures', async () => {
  for (let i = 0; i < LOGIN_USER_POLICY.max + 2; i++) {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.3.3.3', payload: { username: 'diachinh', password: DEMO_PASSWORD } });
    assert.equal(r.statusCode, 200, `login ${i + 1}: ${r.body}`);
  }
});
