// The plan file import: the shipped file is valid, a second import adds nothing, a changed file updates in place
// (keeping what the commune decided), and every item keeps its section of the document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from '../support/db.ts';
import { fileURLToPath } from 'node:url';
import { importPlan, readPlanFile, runPlanCli, SHIPPED_PLAN } from '../../src/reform/import.ts';
import { PlanFileError, type PlanFile } from '../../src/reform/core/plan-file.ts';
import { PLAN_TARGETS } from '../../src/indicators/core/targets.ts';

const { db } = await testDb();
const C = 'xuan-duong';
const now = new Date('2026-01-05T09:00:00+07:00');
const count = async (table: 'reform_tasks' | 'reform_targets' | 'reform_goals' | 'reform_areas' | 'reform_plans' | 'reform_task_events') =>
  (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

test('the shipped plan: six areas, goals, targets with measures from PLAN_TARGETS, tasks per year and unit', async () => {
  const plan = readPlanFile(SHIPPED_PLAN) as PlanFile;
  assert.equal(plan.areas.length, 6);
  assert.deepEqual(plan.areas.map((a) => a.ref), ['II.1', 'II.2', 'II.3', 'II.4', 'II.5', 'II.6']);
  const targets = plan.areas.flatMap((a) => a.targets);
  for (const t of targets) if (t.indicatorTarget) assert.ok(PLAN_TARGETS.some((p) => p.id === t.indicatorTarget), t.indicatorTarget);
  assert.ok(targets.some((t) => t.indicatorTarget === 'satisfaction' && t.value === 95 && t.ref === 'II.2.a.9'));
  const r = await importPlan(db, C, plan, now);
  assert.ok(r.created > 250, String(r.created));
  assert.equal(r.updated, 0);
  // IV.1.1: each of the six units sends its plan by 15/01/2026.
  const unitPlans = await db.selectFrom('reform_tasks as t').innerJoin('units as u', 'u.id', 't.responsible_unit_id').select(['u.code', 't.deadline', 't.ref', 't.authority_role'])
    .where('t.plan_id', '=', r.planId).where('t.item_key', '=', 'to-chuc.ke-hoach-don-vi').execute();
  assert.deepEqual(unitPlans.map((t) => t.code).sort(), ['CA', 'KT', 'QS', 'TTPVHCC', 'VHXH', 'VP']);
  assert.ok(unitPlans.every((t) => t.deadline === '2026-01-15' && t.ref === 'IV.1.1' && t.authority_role === 'cchc_coordinator'));
  // A yearly task: one per year 2026–2030, due 15/12, with its year in the expected result.
  const yearly = await db.selectFrom('reform_tasks').select(['year', 'deadline', 'expected_result']).where('plan_id', '=', r.planId).where('item_key', '=', 'the-che.nhiem-vu-2').orderBy('year').execute();
  assert.deepEqual(yearly.map((t) => t.deadline), ['2026-12-15', '2027-12-15', '2028-12-15', '2029-12-15', '2030-12-15']);
  assert.match(yearly[1]!.expected_result, /năm 2027/);
});

test('a second import adds nothing; a changed file updates titles but keeps the commune\'s decisions', async () => {
  const plan = readPlanFile(SHIPPED_PLAN) as PlanFile;
  const before = { tasks: await count('reform_tasks'), targets: await count('reform_targets'), goals: await count('reform_goals'), areas: await count('reform_areas'), plans: await count('reform_plans') };
  const again = await importPlan(db, C, plan, now);
  assert.equal(again.created, 0);
  assert.equal(again.updated, 0);
  assert.deepEqual({ tasks: await count('reform_tasks'), targets: await count('reform_targets'), goals: await count('reform_goals'), areas: await count('reform_areas'), plans: await count('reform_plans') }, before);

  const key = 'the-che.nhiem-vu-1@2026';
  await db.updateTable('reform_tasks').set({ deadline: '2026-11-30' }).where('key', '=', key).execute(); // the commune re-planned it
  const changed = structuredClone(plan);
  changed.areas[0]!.tasks[0]!.title = 'Tổ chức rà soát toàn bộ các văn bản quy phạm pháp luật của xã.';
  changed.areas[0]!.targets.push({ key: 'the-che.chi-tieu-moi', ref: 'II.1.a.3', text: '100% văn bản được rà soát.', value: 100, unit: '%', year: 2030, kind: 'at_least' });
  const r = await importPlan(db, C, changed, now);
  assert.equal(r.created, 0);
  assert.equal(r.updated, 1);
  const t = await db.selectFrom('reform_tasks').select(['id', 'title', 'deadline']).where('key', '=', key).executeTakeFirstOrThrow();
  assert.equal(t.title, 'Tổ chức rà soát toàn bộ các văn bản quy phạm pháp luật của xã.');
  assert.equal(t.deadline, '2026-11-30');
  const ev = await db.selectFrom('reform_task_events').select('type').where('task_id', '=', t.id).orderBy('id').execute();
  assert.deepEqual(ev.map((e) => e.type), ['imported', 'reimported']);
  assert.equal(await count('reform_targets'), before.targets + 1);
  assert.equal(await count('reform_tasks'), before.tasks);
});

test('another commune gets its own copy; a bad file is refused whole', async () => {
  const plan = readPlanFile(SHIPPED_PLAN) as PlanFile;
  const before = await count('reform_tasks');
  const r = await importPlan(db, 'tan-lap', plan, now);
  assert.equal(await count('reform_tasks'), before + r.created);
  const bad = structuredClone(plan);
  bad.areas[1]!.tasks[0]!.responsible = 'XYZ';
  await assert.rejects(importPlan(db, C, bad, now), PlanFileError);
  const dup = structuredClone(plan);
  dup.areas[1]!.tasks[1]!.key = dup.areas[1]!.tasks[0]!.key;
  await assert.rejects(importPlan(db, C, dup, now), /trùng/);
  await assert.rejects(importPlan(db, C, { ...plan, areas: 'x' }, now), /cấu trúc/);
  const unknownTarget = structuredClone(plan);
  unknownTarget.areas[1]!.targets[0]!.indicatorTarget = 'no-such';
  await assert.rejects(importPlan(db, C, unknownTarget, now), /PLAN_TARGETS/);
});

test('`xaso plan import <file>`: needs the commune when there are several; repeatable', async () => {
  const lines: string[] = [];
  const out = (l: string) => lines.push(l);
  const open = async () => ({ db, close: async () => {} }); // the test's database stays open
  const file = fileURLToPath(SHIPPED_PLAN);
  assert.equal(await runPlanCli(['import'], out, open), 2);
  assert.equal(await runPlanCli(['import', file], out, open), 2);
  assert.match(lines.at(-1)!, /--commune <xuan-duong \| tan-lap>|--commune <tan-lap \| xuan-duong>/);
  assert.equal(await runPlanCli(['import', file, '--commune', 'tan-lap'], out, open), 0);
  assert.match(lines.at(-1)!, /^Đã nhập kế hoạch vào xã tan-lap: 0 nhiệm vụ mới, 0 cập nhật, \d+ không đổi\.$/);
  assert.equal(await runPlanCli(['import', '/no/such/file.json', '--commune', 'tan-lap'], out, open), 1);
});
