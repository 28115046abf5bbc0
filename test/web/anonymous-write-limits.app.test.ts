// Issue 13, finding 10: anonymous writes are limited by client address and by target (src/shared/rate-limits.ts),
// with the atomic counters of src/shared/attempts-store.ts: of 100 simultaneous writes exactly the limit get through,
// the others get a Vietnamese 429 problem+json (RATE_LIMITED, Retry-After); the portal's forms come back filled in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { testApp } from '../support/app.ts';
import { applicant } from '../support/http.ts';
import { citizenCookie } from '../identity/citizen-support.ts';
import { Browser } from './portal-support.ts';
import { WRITE_LIMITS } from '../../src/shared/rate-limits.ts';
import { IPN_PATH } from '../../src/outside/payment.ts';

const t = await testApp();

const petition = (ip: string) => t.app.inject({
  method: 'POST', url: '/api/v1/public/petitions', remoteAddress: ip,
  headers: { 'idempotency-key': crypto.randomUUID() },
  payload: { communeId: 'xuan-duong', content: 'Đường vào bộ phận một cửa bị ngập nước.', name: 'Trần Văn Bốn' },
});
const count = (rs: { statusCode: number }[], status: number) => rs.filter((r) => r.statusCode === status).length;

function assertRateLimited(r: { statusCode: number; headers: Record<string, unknown>; json(): any }) { // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(r.statusCode, 429);
  assert.match(String(r.headers['content-type']), /application\/problem\+json/);
  const b = r.json();
  assert.equal(b.code, 'RATE_LIMITED');
  assert.match(b.title, /Vui lòng gửi lại sau \d+ phút\./);
  const wait = Number(r.headers['retry-after']);
  assert.ok(wait >= 1 && wait <= 3600, `Retry-After ${wait}`);
}

test('100 simultaneous petitions from one address: exactly the address limit filed, the rest 429', async () => {
  t.setNow('2026-12-07T01:00:00+07:00');
  const rs = await Promise.all(Array.from({ length: 100 }, () => petition('198.51.100.1')));
  assert.equal(count(rs, 201), WRITE_LIMITS.petition.byAddress.max, rs.map((r) => r.statusCode).join(','));
  assert.equal(count(rs, 429), 100 - WRITE_LIMITS.petition.byAddress.max);
  assertRateLimited(rs.find((r) => r.statusCode === 429)!);
  const filed = await t.db.selectFrom('petitions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  assert.ok(Number(filed.n) <= WRITE_LIMITS.petition.byAddress.max + 50, 'not 100 more');
});

test('petitions from 60 addresses at once: the commune limit holds', async () => {
  t.setNow('2026-12-07T03:00:00+07:00');
  const rs = await Promise.all(Array.from({ length: 60 }, (_, i) => petition(`203.0.113.${i + 1}`)));
  assert.equal(count(rs, 201), WRITE_LIMITS.petition.byTarget.max, rs.map((r) => r.statusCode).join(','));
  assertRateLimited(rs.find((r) => r.statusCode === 429)!);
});

test('100 simultaneous online dossiers from one address: exactly the address limit received', async () => {
  t.setNow('2026-12-07T05:00:00+07:00');
  const who = { name: 'Lê Thị Hồng', idNumber: '001190004567' };
  const cookie = await citizenCookie(t, who);
  const rs = await Promise.all(Array.from({ length: 100 }, () => t.app.inject({
    method: 'POST', url: '/api/v1/public/submissions', remoteAddress: '198.51.100.2',
    headers: { cookie, 'idempotency-key': crypto.randomUUID() },
    payload: { communeId: 'xuan-duong', procedureCode: '1.001193', applicant: applicant(who) },
  })));
  assert.equal(count(rs, 201), WRITE_LIMITS.submission.byAddress.max, rs.filter((r) => r.statusCode !== 201 && r.statusCode !== 429).map((r) => r.body).join('\n'));
  assertRateLimited(rs.find((r) => r.statusCode === 429)!);
});

test('payment notifications: limited per order', async () => {
  t.setNow('2026-12-07T07:00:00+07:00');
  const rs = await Promise.all(Array.from({ length: 50 }, () =>
    t.app.inject({ method: 'GET', url: `${IPN_PATH}?vnp_TxnRef=XS0000000001&vnp_SecureHash=00`, remoteAddress: '198.51.100.3' })));
  assert.equal(count(rs, 429), 50 - WRITE_LIMITS.ipn.byTarget.max);
  assertRateLimited(rs.find((r) => r.statusCode === 429)!);
});

test('the portal petition form past the limit: 429, the form filled in again with when to retry', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const b = new Browser(t);
  const content = 'Xin hỏi thời gian trả kết quả chứng thực bản sao.';
  let last = { status: 0, body: '' };
  for (let i = 0; i <= WRITE_LIMITS.petition.byAddress.max; i++) {
    await b.get('/phan-anh');
    last = await b.post('/phan-anh', { noi_dung: content, ho_ten: 'Phạm Thị Năm', _key: `f-${crypto.randomUUID()}` });
    if (i < WRITE_LIMITS.petition.byAddress.max) assert.equal(last.status, 200, last.body.slice(0, 500));
  }
  assert.equal(last.status, 429);
  assert.match(last.body, /Vui lòng gửi lại sau \d+ phút/);
  assert.ok(last.body.includes(content), 'what the citizen wrote is kept');
  t.setNow(null);
});
