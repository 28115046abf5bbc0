// The administrator's sync screen and API: permissions (401 without login, 403 for a specialist), the screen renders
// for the administrator, and the reconciliation finds planted differences (a dossier missing on the portal, a status
// that differs), the daily run happens once per commune and day.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { engine } from '../indicators/support.ts';
import { reconcileDueCommunes } from '../../src/sync/reconcile.ts';
import { clearBacklog, drain, standIn, syncDeps } from './support.ts';

const t = await testApp({ standIns: ['portal'] });
await clearBacklog(t);
const e = engine(t);
const clock = { now: new Date('2026-12-10T12:00:00+07:00') };
const deps = syncDeps(t, clock);
const codeOf = async (id: string) => (await t.db.selectFrom('dossiers').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code!;

const ENDPOINTS: ['GET' | 'POST', string][] = [
  ['GET', '/api/v1/sync/dossiers'], ['POST', '/api/v1/sync/dossiers/00000000-0000-4000-8000-000000000000/resend'],
  ['GET', '/api/v1/sync/reconciliations/latest'], ['POST', '/api/v1/sync/reconciliations'],
];

test('every endpoint: 401 without credentials, 403 for a specialist or a leader', async () => {
  for (const [m, url] of ENDPOINTS) {
    assert.equal((await call(t, m, url)).status, 401, url);
    for (const who of ['hotich', 'chutich']) {
      const r = await call(t, m, url, { as: who });
      assert.equal(r.status, 403, `${who} ${url}`);
      assert.match(String(r.headers['content-type']), /problem\+json/);
    }
  }
  assert.equal((await call(t, 'POST', ENDPOINTS[1]![1], { as: 'admin' })).status, 404, 'another commune\'s or no dossier');
  assert.equal((await call(t, 'GET', '/api/v1/sync/dossiers?cursor=zzz', { as: 'admin' })).status, 400);
});

test('the screen: the administrator sees it, a specialist gets 403', async () => {
  const page = await t.app.inject({ method: 'GET', url: '/can-bo/quan-tri/dong-bo', headers: { cookie: await t.login('admin') } });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia/);
  assert.match(page.body, /Đối soát ngay/);
  const other = await t.app.inject({ method: 'GET', url: '/can-bo/quan-tri/dong-bo', headers: { cookie: await t.login('hotich') } });
  assert.equal(other.statusCode, 403);
  const anon = await t.app.inject({ method: 'GET', url: '/can-bo/quan-tri/dong-bo' });
  assert.equal(anon.statusCode, 303);
});

test('reconciliation finds a dossier missing on the portal and a status that differs', async () => {
  const a = await e.intake('2026-12-08T09:00:00+07:00');
  const b = await e.intake('2026-12-08T09:30:00+07:00');
  await e.act(b, 'assign', 'motcua', '2026-12-08T09:40:00+07:00', { unitCode: 'VHXH' });
  assert.deepEqual(await drain(deps), []);
  t.setNow('2026-12-10T12:00:00+07:00');
  const base = await call(t, 'POST', '/api/v1/sync/reconciliations', { as: 'admin' });
  assert.equal(base.status, 201, JSON.stringify(base.body));
  type Diff = { day: string; status: number; ours: number; portal: number };
  const onDay = (r: { differences: Diff[] }) => r.differences.filter((d) => d.day === '2026-12-08');
  assert.deepEqual(onDay(base.body), [], 'in step before the plants');

  standIn(t).forget(await codeOf(a));
  standIn(t).setStatus(await codeOf(b), 9);
  const r = await call(t, 'POST', '/api/v1/sync/reconciliations', { as: 'admin' });
  assert.equal(r.status, 201);
  assert.deepEqual(onDay(r.body).map((d) => [d.status, d.ours, d.portal]), [[2, 1, 0], [4, 1, 0], [9, 0, 1]]);
  const latest = await call(t, 'GET', '/api/v1/sync/reconciliations/latest', { as: 'admin' });
  assert.equal(latest.body.reconciliation.id, r.body.id);
  const page = await t.app.inject({ method: 'GET', url: '/can-bo/quan-tri/dong-bo', headers: { cookie: await t.login('admin') } });
  assert.match(page.body, /chỗ chênh lệch/);
  assert.match(page.body, /08\/12\/2026/);
});

test('the daily run: once per commune and day, whoever asks', async () => {
  const now = new Date('2026-12-11T06:00:00+07:00');
  const first = await reconcileDueCommunes(t.db, t.outside.portal, now);
  assert.ok(first >= 1);
  assert.equal(await reconcileDueCommunes(t.db, t.outside.portal, new Date(+now + 60_000)), 0, 'a second server or a restart runs nothing');
  const rows = await t.db.selectFrom('sync_reconciliations').select(['status']).where('kind', '=', 'daily').where('run_day', '=', '2026-12-11').execute();
  assert.equal(rows.length, first);
  assert.ok(rows.every((x) => x.status === 'done'));
});

test('the list: counts, filter by status and the portal\'s answer for failed ones', async () => {
  const r = await call(t, 'GET', '/api/v1/sync/dossiers?status=done&limit=1', { as: 'admin' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(r.body.counts.done >= 2);
  assert.equal(r.body.items.length, 1);
  assert.ok(r.body.nextCursor);
  const next = await call(t, 'GET', `/api/v1/sync/dossiers?status=done&limit=1&cursor=${r.body.nextCursor}`, { as: 'admin' });
  assert.equal(next.status, 200);
  assert.notEqual(next.body.items[0].dossierId, r.body.items[0].dossierId, 'the next page starts after the last row');
  assert.ok(!JSON.stringify(r.body).match(/\d{12}/), 'no ID number');
});
