// The staff plan pages render for each kind of officer, in scope (another unit's task: 404), and the demo seeder
// is idempotent and fills the pages with tasks under way, done and overdue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { seedDemoPlan } from '../../src/demo/plan.ts';

const t = await testApp();
const NOW = new Date('2026-12-03T09:00:00+07:00');
const get = async (url: string, as: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie: await t.login(as) } });
  return { status: res.statusCode, body: res.body };
};
const count = async (table: 'reform_tasks' | 'reform_task_events' | 'reform_reminders' | 'reform_target_updates') =>
  (await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

test('the demo seeder is idempotent and leaves tasks done, waiting, under way and overdue', async () => {
  const told: number[] = [];
  await seedDemoPlan(t.db, 'xuan-duong', NOW, (tasks) => told.push(tasks));
  const once = { tasks: await count('reform_tasks'), events: await count('reform_task_events'), reminders: await count('reform_reminders'), updates: await count('reform_target_updates') };
  await seedDemoPlan(t.db, 'xuan-duong', NOW, (tasks) => told.push(tasks));
  assert.equal(told.length, 1, 'the first run only says it is adding the demo tasks');
  assert.ok(told[0]! > 0 && told[0]! <= once.tasks, `${told[0]} tasks of ${once.tasks}`);
  assert.deepEqual({ tasks: await count('reform_tasks'), events: await count('reform_task_events'), reminders: await count('reform_reminders'), updates: await count('reform_target_updates') }, once);
  const statuses = await t.db.selectFrom('reform_tasks').select('status').where('commune_id', '=', 'xuan-duong').where('status', '!=', 'not_started').execute();
  const set = new Set(statuses.map((s) => s.status));
  assert.ok(set.has('done') && set.has('in_progress') && set.has('awaiting_approval'), [...set].join());
  assert.ok(once.reminders > 0, 'the overdue tasks were escalated');
});

test('pages: hub, plan, tasks, a task, progress; a unit officer does not see another unit\'s task', async () => {
  t.setNow(NOW.toISOString());
  for (const as of ['truongvhxh', 'truongkt', 'hotich', 'chutich']) {
    for (const url of ['/can-bo/cchc', '/can-bo/cchc/ke-hoach', '/can-bo/cchc/nhiem-vu', '/can-bo/cchc/nhiem-vu?nam=tat-ca&trang-thai=overdue', '/can-bo/cchc/tien-do', '/can-bo/cchc/tien-do?nam=tat-ca']) {
      const r = await get(url, as);
      assert.equal(r.status, 200, `${as} ${url}: ${r.body.slice(0, 300)}`);
    }
  }
  const hub = await get('/can-bo/cchc', 'truongvhxh');
  assert.match(hub.body, /Việc sắp đến hạn \/ quá hạn/);
  assert.match(hub.body, /Cảnh báo quá hạn/);
  const plan = await get('/can-bo/cchc/ke-hoach', 'truongkt');
  assert.match(plan.body, /Cải cách tài chính công/);
  assert.match(plan.body, /Cập nhật kết quả/, 'KT owns the public-finance target');
  const vp = await t.db.selectFrom('reform_tasks').select('id').where('key', '=', 'the-che.nhiem-vu-1@2026').where('commune_id', '=', 'xuan-duong').executeTakeFirstOrThrow();
  assert.equal((await get(`/can-bo/cchc/nhiem-vu/${vp.id}`, 'truongkt')).status, 404);
  const page = await get(`/can-bo/cchc/nhiem-vu/${vp.id}`, 'truongvhxh');
  assert.equal(page.status, 200);
  assert.match(page.body, /Rõ thẩm quyền/);
  assert.match(page.body, /form-assign/);
  assert.equal((await get(`/can-bo/cchc/nhiem-vu/${vp.id}`, 'tl.truongvhxh')).status, 404);
  t.setNow(null);
});
