// The demo's secondment (src/demo/kpi.ts): the one-stop officer works at the centre seconded from the People's
// Committee office for a term covering the demo's year, so the centre head's page lists her; her KPI is appraised by
// the office's appraiser (the leader) meanwhile; a second run records nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { browserAs, text } from '../web/staff-browser.ts';
import { demoSecondmentTerm, seedDemoKpi } from '../../src/demo/kpi.ts';

const t = await testApp();
const AT = '2026-12-03T10:00:00+07:00';
const NOW = new Date(AT);

test('the term: from the month a year before, 24 months (12 to 36 months a term, NĐ 118/2025 Đ12 k8)', () => {
  assert.deepEqual(demoSecondmentTerm(NOW), { startsOn: '2025-12-01', endsOn: '2027-11-30' });
  assert.deepEqual(demoSecondmentTerm(new Date('2027-01-01T06:00:00+07:00')), { startsOn: '2026-01-01', endsOn: '2027-12-31' });
  assert.deepEqual(demoSecondmentTerm(new Date('2026-02-28T23:30:00+07:00')), { startsOn: '2025-02-01', endsOn: '2027-01-31' });
});

test('one officer seconded, shown on the centre head\'s page; idempotent', async () => {
  t.setNow(AT);
  await seedDemoKpi(t.db, 'xuan-duong', NOW);
  await seedDemoKpi(t.db, 'xuan-duong', NOW);
  const rows = await t.db.selectFrom('kpi_secondments as k').innerJoin('staff as s', 's.id', 'k.staff_id').innerJoin('units as u', 'u.id', 'k.home_unit_id')
    .select(['s.username', 'u.code', 'k.starts_on', 'k.ends_on', 'k.commune_id']).execute();
  assert.deepEqual(rows.map((r) => [r.commune_id, r.username, r.code, r.starts_on, r.ends_on]), [['xuan-duong', 'motcua', 'VP', '2025-12-01', '2027-11-30']]);

  const list = await call(t, 'GET', '/api/v1/kpi/centre-comments?period=2026-11', { as: 'giamdoc' });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.deepEqual(list.body.rows.map((r: { name: string; homeUnitName: string }) => [r.name, r.homeUnitName]), [['Nguyễn Thị Lan', 'Văn phòng HĐND và UBND']]);
  const page = await (await browserAs(t, 'giamdoc')).get('/can-bo/kpi/trung-tam?ky=2026-11');
  assert.equal(page.status, 200);
  assert.match(text(page.body), /Nguyễn Thị Lan[\s\S]*Văn phòng HĐND và UBND/);
  assert.doesNotMatch(text(page.body), /Không có công chức được cử đến Trung tâm trong kỳ/);

  // while seconded, the home unit appraises her KPI: the office has no head, so the leader does
  const me = await call(t, 'GET', '/api/v1/kpi/me?period=2026-11', { as: 'motcua' });
  assert.equal(me.status, 200, JSON.stringify(me.body));
  assert.equal(me.body.appraiser, 'leader');
  assert.ok(me.body.secondedFrom, 'seconded in the period');
  t.setNow(null);
});
