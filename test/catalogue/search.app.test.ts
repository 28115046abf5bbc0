// Catalogue over HTTP: diacritic-insensitive, typo-tolerant ranked search; versions and effective dates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';

const t = await testApp();
t.setNow('2026-11-25T09:00:00+07:00');

const first = async (q: string) => {
  const r = await call(t, 'GET', `/api/v1/procedures?q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200);
  return r.body.items as { code: string; name: string; score: number }[];
};

test('"dang ky khai sinh", "khai sinh" and "Đăng ký khai sinh" find Đăng ký khai sinh first', async () => {
  for (const q of ['dang ky khai sinh', 'Đăng ký khai sinh', 'DANG KY KHAI SINH']) {
    const hits = await first(q);
    assert.equal(hits[0]?.name, 'Đăng ký khai sinh', q);
  }
  const khaiSinh = await first('khai sinh');
  assert.ok(khaiSinh.some((h) => h.name === 'Đăng ký khai sinh'));
  assert.ok(khaiSinh.every((h) => /khai sinh/i.test(h.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/gi, 'd'))), 'only khai sinh procedures');
});

test('typos still find it, ranked below exact matches', async () => {
  const hits = await first('dang ki khai sinh');
  assert.equal(hits[0]?.name, 'Đăng ký khai sinh');
  assert.ok(hits[0]!.score < 1);
  assert.equal((await first('chung thuc ban sao'))[0]?.code, '2.000815');
  assert.deepEqual(await first('zzzz qqqq'), []);
});

test('a procedure page, its versions, and the version in force at a date', async () => {
  const p = await call(t, 'GET', '/api/v1/procedures/1.001193');
  assert.equal(p.status, 200);
  assert.equal(p.body.processingTime.unit, 'same_day');
  assert.equal((await call(t, 'GET', '/api/v1/procedures/9.999999')).status, 404);
  const all = (await call(t, 'GET', '/api/v1/procedures?limit=100')).body.items as { code: string }[];
  assert.ok(new Set(all.map((h) => h.code)).size >= 25, 'at least 25 procedures in force');
});

test('an administrator publishes a new version; the previous one ends when it starts', async () => {
  const current = (await call(t, 'GET', '/api/v1/procedures/1.001193')).body;
  const { version, ...input } = current;
  const next = { ...input, effectiveFrom: '2027-03-01', effectiveTo: null, processingTime: { unit: 'working_days', value: 1 } };
  const r = await call(t, 'POST', '/api/v1/procedures', { as: 'tinh.quantri', body: next });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.version, version + 1);
  const versions = (await call(t, 'GET', '/api/v1/procedures/1.001193/versions')).body;
  assert.equal(versions.at(-2).effectiveTo, '2027-03-01');
  assert.equal((await call(t, 'GET', '/api/v1/procedures/1.001193?at=2027-02-28')).body.version, version);
  assert.equal((await call(t, 'GET', '/api/v1/procedures/1.001193?at=2027-03-01')).body.version, version + 1);
  // Not later than the current version → refused; invalid step budgets → refused with the field path.
  const stale = await call(t, 'POST', '/api/v1/procedures', { as: 'tinh.quantri', body: { ...next, effectiveFrom: '2027-01-01' } });
  assert.equal(stale.status, 422);
  assert.equal(stale.body.code, 'VERSION_NOT_LATER');
  const tooLong = { ...next, effectiveFrom: '2027-06-01', processSteps: [{ code: 'X', name: 'Thẩm định', role: 'specialist', hours: 99 }] };
  const bad = await call(t, 'POST', '/api/v1/procedures', { as: 'tinh.quantri', body: tooLong });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'PROCEDURE_INVALID');
});
