// The KPI from a real small dossier history (the engine driven through the API) and the permissions of every
// endpoint: an officer sees only their own KPI, a unit head only their unit, the leader the commune; another
// commune gets 404; only the unit head appraises their officers, only the leader approves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { engine } from '../indicators/support.ts';
import { seedDemoKpi } from '../../src/demo/kpi.ts';

const t = await testApp();
const { intake, act, sign } = engine(t);
const idOf = async (username: string) => (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const P = '2026-11';
const FULL = { chinh_tri: 5, dao_duc: 5, van_hoa_cong_vu: 4, ky_luat: 4, trach_nhiem: 4, thai_do_phuc_vu: 4, doi_moi: 4 };

test('November 2026: figures from the action log, the workflow, the freeze at approval', async () => {
  const hotich = await idOf('hotich');
  const truong = await idOf('truongvhxh');
  // 1. on time: received, routed to the unit, handled by hotich the same day
  const d1 = await intake('2026-11-09T09:00:00+07:00');
  await act(d1, 'assign', 'motcua', '2026-11-09T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(d1, 'propose_result', 'hotich', '2026-11-09T09:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await sign(d1, 'chutich', '2026-11-09T10:00:00+07:00');
  await act(d1, 'issue_result', 'hotich', '2026-11-09T10:30:00+07:00');
  // 2. late: due 17:00 on the 10th, taken up by hotich only the next day → hotich's (first to take it up)
  const d2 = await intake('2026-11-10T09:00:00+07:00');
  await act(d2, 'assign', 'motcua', '2026-11-10T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(d2, 'propose_result', 'hotich', '2026-11-11T09:00:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await sign(d2, 'chutich', '2026-11-11T09:30:00+07:00');
  await act(d2, 'issue_result', 'hotich', '2026-11-11T10:00:00+07:00');
  // 3. assigned to hotich by name, never finished: late, not completed
  const d3 = await intake('2026-11-12T09:00:00+07:00');
  await act(d3, 'assign', 'motcua', '2026-11-12T09:10:00+07:00', { unitCode: 'VHXH', assigneeId: String(hotich) });
  // 4. due in December: not counted in November
  await intake('2026-12-01T09:00:00+07:00');

  t.setNow('2026-12-02T08:00:00+07:00');
  const me = await call(t, 'GET', `/api/v1/kpi/me?period=${P}`, { as: 'hotich' });
  assert.equal(me.status, 200, JSON.stringify(me.body));
  const f = me.body.figures;
  assert.deepEqual([f.assigned, f.completed, f.onTime, f.late, f.apologies], [3, 2, 1, 2, 2]);
  assert.deepEqual([me.body.result.a, me.body.result.b, me.body.result.c], [66.67, 66.67, 58.33]);
  assert.equal(me.body.status, 'not_started');
  assert.ok(me.body.result.lines.some((l: { key: string; formula: string }) => l.key === 'c' && /1,75 ÷ 3/.test(l.formula)), 'every point explained');
  const truongMe = await call(t, 'GET', `/api/v1/kpi/me?period=${P}`, { as: 'truongvhxh' });
  assert.equal(truongMe.body.figures.assigned, 0, 'the approver of a result is not its holder');
  assert.equal((await call(t, 'GET', `/api/v1/kpi/me?period=${P}`, { as: 'diachinh' })).body.figures.assigned, 0);

  // who sees hotich's KPI
  for (const [who, status] of [['hotich', 200], ['truongvhxh', 200], ['chutich', 200], ['diachinh', 404], ['truongkt', 404], ['motcua', 404], ['tl.chutich', 404], ['tl.truongvhxh', 404]] as const) {
    assert.equal((await call(t, 'GET', `/api/v1/kpi/officers/${hotich}?period=${P}`, { as: who })).status, status, who);
  }
  assert.equal((await call(t, 'GET', `/api/v1/kpi/officers/${hotich}?period=${P}`)).status, 401);

  // self-assessment: only for oneself; needs an Idempotency-Key
  assert.equal((await call(t, 'POST', '/api/v1/kpi/self-assessment', { as: 'hotich', key: null, body: { period: P } })).status, 400);
  const bad = await call(t, 'POST', '/api/v1/kpi/self-assessment', { as: 'hotich', body: { period: P, general: { chinh_tri: 9 } } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'GENERAL_SCORE_OUT_OF_RANGE');
  const self = await call(t, 'POST', '/api/v1/kpi/self-assessment', { as: 'hotich', body: { period: P, note: 'Hoàn thành khối lượng được giao.', general: FULL } });
  assert.equal(self.status, 200, JSON.stringify(self.body));
  assert.equal(self.body.status, 'self_assessed');
  assert.equal(self.body.generalSource, 'self');

  // appraisal: the unit head of hotich's unit only
  const appraisal = { period: P, general: FULL, note: 'Đồng ý.', excused: [] as string[] };
  for (const [who, status] of [['hotich', 403], ['chutich', 403], ['truongkt', 404], ['tl.truongvhxh', 404]] as const) {
    assert.equal((await call(t, 'POST', `/api/v1/kpi/officers/${hotich}/appraisal`, { as: who, body: appraisal })).status, status, who);
  }
  const unknown = await call(t, 'POST', `/api/v1/kpi/officers/${hotich}/appraisal`, { as: 'truongvhxh', body: { ...appraisal, excused: ['KHONG-CO'] } });
  assert.equal(unknown.body.code, 'UNKNOWN_PRODUCT');
  const d2code = (await t.db.selectFrom('dossiers').select('code').where('id', '=', d2).executeTakeFirstOrThrow()).code!;
  const ap = await call(t, 'POST', `/api/v1/kpi/officers/${hotich}/appraisal`, { as: 'truongvhxh', body: { ...appraisal, excused: [d2code] } });
  assert.equal(ap.status, 200, JSON.stringify(ap.body));
  // the delay of d2 excused (objective cause): c = (1 + 1) / 3 = 66.67; task = 70 × 200.01 / 300 = 46.67; total 76.67
  assert.deepEqual([ap.body.result.c, ap.body.result.task, ap.body.result.total, ap.body.result.rating], [66.67, 46.67, 76.67, 'good']);
  assert.equal((await call(t, 'POST', '/api/v1/kpi/self-assessment', { as: 'hotich', body: { period: P } })).status, 409, 'no self-assessment after the appraisal');

  // the unit head is appraised by the leader
  await call(t, 'POST', '/api/v1/kpi/self-assessment', { as: 'truongvhxh', body: { period: P } });
  assert.equal((await call(t, 'POST', `/api/v1/kpi/officers/${truong}/appraisal`, { as: 'truongvhxh', body: { ...appraisal, manual: { a: 100, b: 100, c: 100 } } })).status, 403);
  const lead = await call(t, 'POST', `/api/v1/kpi/officers/${truong}/appraisal`, { as: 'chutich', body: { ...appraisal, manual: { a: 100, b: 100, c: 100 } } });
  assert.equal(lead.status, 200, JSON.stringify(lead.body));
  assert.deepEqual([lead.body.result.source, lead.body.result.total, lead.body.result.rating], ['manual', 100, 'excellent']);

  // approval: the leader only; the quota check comes back (1 excellent, 1 good → 20 % × 1 = 0 allowed: exceeded)
  for (const [who, status] of [['truongvhxh', 403], ['hotich', 403], ['tl.chutich', 404]] as const) {
    assert.equal((await call(t, 'POST', `/api/v1/kpi/officers/${hotich}/approval`, { as: who, body: { period: P } })).status, status, who);
  }
  const ok = await call(t, 'POST', `/api/v1/kpi/officers/${hotich}/approval`, { as: 'chutich', body: { period: P, note: 'Phê duyệt.' } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.view.status, 'approved');
  assert.equal(ok.body.quota.commune.exceeded, true);
  assert.deepEqual(ok.body.view.steps.map((s: { step: string }) => s.step), ['self_assess', 'appraise', 'approve']);
  assert.equal((await call(t, 'POST', `/api/v1/kpi/officers/${hotich}/approval`, { as: 'chutich', body: { period: P } })).status, 409);

  // frozen: finishing d3 later changes the live figures, not the approved ones
  await act(d3, 'propose_result', 'hotich', '2026-12-02T09:00:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await sign(d3, 'chutich', '2026-12-02T09:30:00+07:00');
  await act(d3, 'issue_result', 'hotich', '2026-12-02T10:00:00+07:00');
  const after = await call(t, 'GET', `/api/v1/kpi/me?period=${P}`, { as: 'hotich' });
  assert.deepEqual([after.body.frozen, after.body.figures.completed, after.body.result.total], [true, 2, 76.67]);

  // lists: team in scope, quota for managers, ranking for everyone of the commune
  const teamOf = async (who: string) => (await call(t, 'GET', `/api/v1/kpi/team?period=${P}`, { as: who })).body.rows.map((r: { name: string }) => r.name).sort();
  assert.deepEqual(await teamOf('hotich'), ['Trần Văn Minh']);
  assert.deepEqual(await teamOf('truongvhxh'), ['Lê Thị Hoa', 'Trần Văn Minh']);
  assert.ok((await teamOf('chutich')).length >= 8);
  const theirs = (await call(t, 'GET', `/api/v1/kpi/team?period=${P}`, { as: 'tl.chutich' })).body.rows.map((r: { staffId: number }) => r.staffId);
  assert.ok(theirs.length > 0 && !theirs.includes(hotich), 'another commune: none of ours');
  assert.equal((await call(t, 'GET', `/api/v1/kpi/quota?period=${P}`, { as: 'hotich' })).status, 403);
  assert.equal((await call(t, 'GET', `/api/v1/kpi/quota?period=${P}`, { as: 'chutich' })).status, 200);
  const kt = await call(t, 'GET', `/api/v1/kpi/quota?period=${P}`, { as: 'truongkt' });
  assert.deepEqual([kt.status, kt.body.units.length, kt.body.commune.excellent], [200, 0, 1], 'a unit head sees their unit only (none rated) and the agency total');
  const q4 = await call(t, 'GET', '/api/v1/kpi/me?period=2026-Q4', { as: 'hotich' });
  assert.deepEqual([q4.body.period.label, q4.body.figures.assigned, q4.body.figures.completed, q4.body.figures.late], ['quý IV/2026', 3, 3, 2], 'a quarter, live (d3 now finished, late)');
  const rank = await call(t, 'GET', `/api/v1/kpi/ranking?period=${P}`, { as: 'hotich' });
  assert.equal(rank.status, 200);
  const vhxh = rank.body.units.find((u: { name: string }) => u.name === 'Phòng Văn hóa - Xã hội');
  // KPI average (76.67 + 100) / 2 = 88.34 (88.335 → 88.34); on time 1 of 3 = 33.33 → (0.5 × 88.34 + 0.3 × 33.33) ÷ 0.8 = 67.71
  assert.deepEqual([vhxh.kpiAverage, vhxh.onTimeRate, vhxh.score, vhxh.rank], [88.34, 33.33, 67.71, 1]);
  const other = await call(t, 'GET', `/api/v1/kpi/ranking?period=${P}`, { as: 'tl.hotich' });
  assert.ok(other.body.units.every((u: { score: number | null }) => u.score === null), 'another commune sees none of it');
  assert.equal((await call(t, 'GET', '/api/v1/kpi/me?period=2025-11', { as: 'hotich' })).body.code, 'NO_KPI_RULES');
  assert.equal((await call(t, 'GET', '/api/v1/kpi/me?period=2026-13', { as: 'hotich' })).status, 400);
  const api = await call(t, 'GET', '/openapi.json');
  for (const path of ['/api/v1/kpi/me', '/api/v1/kpi/self-assessment', '/api/v1/kpi/officers/{staffId}/appraisal', '/api/v1/kpi/officers/{staffId}/approval', '/api/v1/kpi/ranking']) {
    assert.ok(api.body.paths[path], `${path} in the OpenAPI document`);
  }
  t.setNow(null);
});

test('the demo seeder: the last finished month at various steps, idempotent', async () => {
  const now = new Date('2026-12-03T10:00:00+07:00');
  await seedDemoKpi(t.db, 'tan-lap', now);
  await seedDemoKpi(t.db, 'tan-lap', now);
  const rows = await t.db.selectFrom('kpi_assessments as a').innerJoin('staff as s', 's.id', 'a.staff_id').select(['s.username', 'a.status', 'a.year', 'a.period_no'])
    .where('a.commune_id', '=', 'tan-lap').orderBy('s.username').execute();
  assert.deepEqual(rows.map((r) => [r.username, r.status, r.year, r.period_no]), [
    ['tl.diachinh', 'appraised', 2026, 11], ['tl.hotich', 'approved', 2026, 11], ['tl.motcua', 'self_assessed', 2026, 11], ['tl.truongkt', 'self_assessed', 2026, 11],
  ]);
  const steps = await t.db.selectFrom('kpi_steps as k').innerJoin('kpi_assessments as a', 'a.id', 'k.assessment_id').select('k.step').where('a.commune_id', '=', 'tan-lap').execute();
  assert.equal(steps.length, 7, 'no step twice (3 + 2 + 1 + 1)');
  await seedDemoKpi(t.db, 'tan-lap', new Date('2025-12-03T10:00:00+07:00')); // before NĐ 335/2025: nothing
  assert.equal((await t.db.selectFrom('kpi_assessments').select('id').where('commune_id', '=', 'tan-lap').execute()).length, 4);
});

test('a unit rated "Hoàn thành xuất sắc nhiệm vụ" for the year lifts its quota from 20 % to 25 %; only the leader records it', async () => {
  t.setNow('2026-11-05T08:00:00+07:00');
  const staff = await t.db.selectFrom('staff').select(['id', 'unit_id']).where('commune_id', '=', 'xuan-duong').orderBy('id').limit(5).execute();
  // October 2026: 1 excellent and 4 good in the People's Committee → 20 % × 4 = 0.8 → 0 allowed; 25 % × 4 = 1.
  for (const [i, s] of staff.entries()) {
    await t.db.insertInto('kpi_assessments').values({
      commune_id: 'xuan-duong', staff_id: s.id, unit_id: s.unit_id, period_kind: 'month', year: 2026, period_no: 10,
      status: 'appraised', rating: i === 0 ? 'excellent' : 'good', total: i === 0 ? 95 : 80, updated_at: new Date(),
      snapshot: 'null', appraisal_general: 'null', manual_task: 'null',
    }).execute();
  }
  const quota = async () => (await call(t, 'GET', '/api/v1/kpi/quota?period=2026-10', { as: 'chutich' })).body;
  assert.deepEqual([(await quota()).commune.allowed, (await quota()).commune.exceeded, (await quota()).communeExcellent], [0, true, false]);
  const body = { unitId: null, year: 2026, excellent: true };
  for (const as of ['truongvhxh', 'hotich', 'tl.chutich']) {
    const r = await call(t, 'POST', '/api/v1/kpi/unit-ratings', { as, body });
    assert.equal(r.status, as === 'tl.chutich' ? 200 : 403, as); // another commune's leader rates their own People's Committee only
  }
  assert.equal((await quota()).communeExcellent, false, "another commune's record does not touch ours");
  assert.equal((await call(t, 'POST', '/api/v1/kpi/unit-ratings', { body })).status, 401);
  const foreignUnit = (await t.db.selectFrom('units').select('id').where('commune_id', '=', 'tan-lap').executeTakeFirstOrThrow()).id;
  assert.equal((await call(t, 'POST', '/api/v1/kpi/unit-ratings', { as: 'chutich', body: { ...body, unitId: Number(foreignUnit) } })).body.code, 'UNKNOWN_UNIT');
  assert.equal((await call(t, 'POST', '/api/v1/kpi/unit-ratings', { as: 'chutich', body })).status, 200);
  const lifted = await quota();
  assert.deepEqual([lifted.commune.allowed, lifted.commune.exceeded, lifted.communeExcellent], [1, false, true]);
  // The latest record counts: rated otherwise, back to 20 %. Another year is not touched.
  await call(t, 'POST', '/api/v1/kpi/unit-ratings', { as: 'chutich', body: { ...body, excellent: false } });
  assert.deepEqual([(await quota()).commune.allowed, (await quota()).communeExcellent], [0, false]);
  assert.equal((await t.db.selectFrom('kpi_unit_ratings').select('year').where('commune_id', '=', 'xuan-duong').execute()).length, 1);
  t.setNow(null);
});
