// One-per-key KPI records written by many requests at once (issue 13, finding 6): 48 simultaneous first writes of
// a unit's rating, of an officer's self-assessment and of a centre comment leave exactly one row and no 5xx.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { call, type Call } from '../support/http.ts';

const t = await testApp();
const N = 48;

async function burst(n: number, one: (i: number) => Promise<Call>): Promise<Call[]> {
  // Log in first, so that the burst is the writes themselves.
  return Promise.all(Array.from({ length: n }, (_, i) => one(i)));
}

function noServerError(rs: Call[]) {
  const bad = rs.filter((r) => r.status >= 500);
  assert.equal(bad.length, 0, `${bad.length} server errors: ${JSON.stringify(bad[0]?.body)}`);
}

test('48 simultaneous first unit ratings (the People\'s Committee and a unit) → one row each, all 200', async () => {
  t.setNow('2026-12-02T08:00:00+07:00');
  await t.login('chutich');
  const unit = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', 'VHXH').executeTakeFirstOrThrow();
  for (const unitId of [null, Number(unit.id)]) {
    const rs = await burst(N, (i) => call(t, 'POST', '/api/v1/kpi/unit-ratings', { as: 'chutich', body: { unitId, year: 2026, excellent: i % 2 === 0 } }));
    noServerError(rs);
    assert.deepEqual(new Set(rs.map((r) => r.status)), new Set([200]), JSON.stringify(rs.find((r) => r.status !== 200)?.body));
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM kpi_unit_ratings
      WHERE commune_id = 'xuan-duong' AND year = 2026 AND COALESCE(unit_id, 0) = ${unitId ?? 0}`.execute(t.db);
    assert.equal(rows.rows[0]!.n, 1);
  }
});

test('48 simultaneous first self-assessments of one officer and period → one assessment, every step logged', async () => {
  t.setNow('2026-12-02T08:00:00+07:00');
  await t.login('hotich');
  const rs = await burst(N, (i) => call(t, 'POST', '/api/v1/kpi/self-assessment', { as: 'hotich', body: { period: '2026-11', note: `Lần ${i}` } }));
  noServerError(rs);
  assert.deepEqual(new Set(rs.map((r) => r.status)), new Set([200]), JSON.stringify(rs.find((r) => r.status !== 200)?.body));
  const staff = await t.db.selectFrom('staff').select('id').where('username', '=', 'hotich').executeTakeFirstOrThrow();
  const rows = await t.db.selectFrom('kpi_assessments').select('id').where('staff_id', '=', staff.id)
    .where('period_kind', '=', 'month').where('year', '=', 2026).where('period_no', '=', 11).execute();
  assert.equal(rows.length, 1);
  const steps = await t.db.selectFrom('kpi_steps').select('id').where('assessment_id', '=', rows[0]!.id).execute();
  assert.equal(steps.length, N);
});
