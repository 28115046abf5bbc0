// One report call per kind and period, under 48 simultaneous openings (issue 13, finding 6): one 201, the others
// 409 CALL_EXISTS problem+json, exactly one call and one set of unit submissions, no 5xx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';

const t = await testApp();
const N = 48;

test('48 simultaneous openings of the same quarterly call → one call', async () => {
  t.setNow('2026-10-01T09:00:00+07:00');
  await t.login('truongvhxh');
  const body = { kind: 'quarterly', year: 2026, quarter: 3 };
  const rs = await Promise.all(Array.from({ length: N }, () => call(t, 'POST', '/api/v1/reform/reports/calls', { as: 'truongvhxh', body })));
  const bad = rs.filter((r) => r.status >= 500);
  assert.equal(bad.length, 0, `${bad.length} server errors: ${JSON.stringify(bad[0]?.body)}`);
  assert.equal(rs.filter((r) => r.status === 201).length, 1);
  for (const r of rs.filter((x) => x.status !== 201)) {
    assert.equal(r.status, 409, JSON.stringify(r.body));
    assert.equal(r.body.code, 'CALL_EXISTS');
    assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  }
  const calls = await t.db.selectFrom('report_calls').select('id').where('commune_id', '=', 'xuan-duong')
    .where('kind', '=', 'quarterly').where('period_year', '=', 2026).where('period_quarter', '=', 3).execute();
  assert.equal(calls.length, 1);
  const reports = await t.db.selectFrom('unit_reports').select('id').where('call_id', '=', calls[0]!.id).execute();
  const units = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').execute();
  assert.equal(reports.length, units.length);
});

test('ad hoc calls may repeat: 48 simultaneous → 48 calls', async () => {
  const body = { kind: 'ad_hoc', year: 2026, month: 9, title: 'Báo cáo đột xuất về dịch vụ công trực tuyến' };
  const rs = await Promise.all(Array.from({ length: N }, () => call(t, 'POST', '/api/v1/reform/reports/calls', { as: 'truongvhxh', body })));
  assert.deepEqual(new Set(rs.map((r) => r.status)), new Set([201]));
});
