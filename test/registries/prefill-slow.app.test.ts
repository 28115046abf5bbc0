// The provincial platform that takes the connection and never answers: the portal's applicant step does not wait for
// it beyond PREFILL_WAIT_MS (well before the client's own 8-second timeouts for the token and the call); the citizen
// gets the notice and types her residence; the lookup is logged as failed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testApp } from '../support/app.ts';
import { PREFILL_WAIT_MS } from '../../src/registries/prefill.ts';
import { textOf } from '../web/portal-support.ts';
import { HONG, loginAs } from '../identity/citizen-support.ts';

const held: http.ServerResponse[] = [];
const silent = http.createServer((_req, res) => void held.push(res)); // never answers
await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
after(() => new Promise<void>((r) => {
  silent.closeAllConnections();
  silent.close(() => r());
}));
const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
const t = await testApp({ standIns: ['identity'], env: { XASO_LGSP_URL: url, XASO_LGSP_CLIENT_ID: 'xa-so', XASO_LGSP_CLIENT_SECRET: 'k' } });
t.setNow('2026-12-07T09:00:00+07:00');
const CODE = '2.000635';

test('a platform that never answers does not hold the e-form: the notice comes, the lookup is logged as failed', async () => {
  const { b } = await loginAs(t, HONG);
  await b.get(`/nop-ho-so/${CODE}`);
  const base = (await b.post(`/nop-ho-so/${CODE}`)).location!.replace('/nguoi-nop', '');
  const t0 = performance.now();
  const page = await b.get(`${base}/nguoi-nop`);
  const waited = performance.now() - t0;
  assert.equal(page.status, 200);
  assert.ok(held.length >= 1, 'the platform was asked');
  assert.ok(waited >= PREFILL_WAIT_MS - 100 && waited < 8000, `answered after ${Math.round(waited)} ms: the e-form's own deadline, not the client's`);
  assert.match(textOf(page.body), /Chưa lấy được thông tin của bạn từ Cơ sở dữ liệu quốc gia về dân cư/);
  const log = await t.db.selectFrom('registry_lookups').select(['purpose', 'outcome']).where('draft_id', '=', base.split('/')[2]!).execute();
  assert.deepEqual(log.map((l) => [l.purpose, l.outcome]), [['Điền sẵn tờ khai', 'failed']]);
});
