// Reminders N working days before a deadline to the assignee (or the unit head), escalation of overdue tasks to the
// unit head and the CCHC coordinator, each recorded once; and taskFigures() for PAR and KPI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from '../support/db.ts';
import { importPlan, readPlanFile, SHIPPED_PLAN } from '../../src/reform/import.ts';
import { remindAndEscalate } from '../../src/reform/reminders.ts';
import { taskFigures } from '../../src/reform/task-measures.ts';

const { db } = await testDb();
const C = 'xuan-duong';
const at = (s: string) => new Date(`${s}+07:00`);
const { planId } = await importPlan(db, C, readPlanFile(SHIPPED_PLAN), at('2026-01-02T08:00:00'));
const staff = async (u: string) => (await db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
const task = async (key: string) => (await db.selectFrom('reform_tasks').select(['id', 'deadline']).where('plan_id', '=', planId).where('key', '=', key).executeTakeFirstOrThrow());
const sentTo = async (taskId: number) => (await db.selectFrom('reform_reminders as r').innerJoin('staff as s', 's.id', 'r.recipient_id')
  .select(['r.kind', 's.username']).where('r.task_id', '=', taskId).orderBy('s.username').execute()).map((r) => `${r.kind}:${r.username}`);

test('reminders 3 working days ahead, then escalation; each once', async () => {
  const kt = await task('to-chuc.ke-hoach-don-vi:kt@2026'); // due Thu 15/01/2026
  const vp = await task('to-chuc.ke-hoach-don-vi:vp@2026');
  await db.updateTable('reform_tasks').set({ assignee_id: await staff('diachinh') }).where('id', '=', kt.id).execute();
  const vh = await task('to-chuc.ke-hoach-don-vi:vhxh@2026');
  await db.updateTable('reform_tasks').set({ status: 'awaiting_approval', completed_at: at('2026-01-09T09:00:00') }).where('id', '=', vh.id).execute();
  // Fri 9/01: 3 working days before Thu 15/01 is Mon 12/01: nothing yet.
  await remindAndEscalate(db, at('2026-01-09T08:00:00'));
  assert.deepEqual(await sentTo(kt.id), []);
  const r1 = await remindAndEscalate(db, at('2026-01-12T08:00:00'));
  assert.deepEqual(await sentTo(kt.id), ['reminder:diachinh']);
  assert.deepEqual(await sentTo(vp.id), [], 'VP has no unit head among the demo staff and no assignee: nobody to remind');
  assert.ok(r1.reminders >= 1);
  const r2 = await remindAndEscalate(db, at('2026-01-13T08:00:00'));
  assert.equal((await sentTo(kt.id)).length, 1, 'not twice');
  assert.equal(r2.reminders, 0, 'nothing new the next day');
  // Fri 16/01: overdue → the KT head and the coordinator (also head of VHXH).
  await remindAndEscalate(db, at('2026-01-16T08:00:00'));
  assert.deepEqual(await sentTo(kt.id), ['reminder:diachinh', 'escalation:truongkt', 'escalation:truongvhxh']);
  const again = await remindAndEscalate(db, at('2026-01-19T08:00:00'));
  assert.deepEqual(await sentTo(kt.id), ['reminder:diachinh', 'escalation:truongkt', 'escalation:truongvhxh']);
  assert.equal(again.escalations, 0);
  // A task delivered (9/01) before its reminder day is neither reminded nor escalated.
  await remindAndEscalate(db, at('2026-01-20T08:00:00'));
  assert.deepEqual(await sentTo(vh.id), []);
  // The number of working days is the plan's data.
  await db.updateTable('reform_plans').set({ reminder_working_days: 10 }).where('id', '=', planId).execute();
  const annual = await task('to-chuc.ke-hoach-nam@2026'); // 31/01 (Sat); 10 working days before: Mon 19/01 (3 before: Wed 28/01)
  assert.deepEqual(await sentTo(annual.id), [], 'not reminded on 19/01 with 3 days');
  await remindAndEscalate(db, at('2026-01-19T09:00:00'));
  assert.deepEqual(await sentTo(annual.id), ['reminder:truongvhxh']);
});

test('taskFigures: due, done, on time and overdue in a period, by unit and assignee', async () => {
  const kt = (await db.selectFrom('units').select('id').where('commune_id', '=', C).where('code', '=', 'KT').executeTakeFirstOrThrow()).id;
  const q1 = { communeId: C, from: at('2026-01-01T00:00:00'), to: at('2026-04-01T00:00:00'), now: at('2026-04-02T09:00:00') };
  // Q1/2026: six unit plans (15/01) and the annual plan (31/01); VHXH's plan done on time (10/01), CA's late (16/01).
  const vh = await task('to-chuc.ke-hoach-don-vi:vhxh@2026');
  await db.updateTable('reform_tasks').set({ status: 'done', completed_at: at('2026-01-10T09:00:00') }).where('id', '=', vh.id).execute();
  const ca = await task('to-chuc.ke-hoach-don-vi:ca@2026');
  await db.updateTable('reform_tasks').set({ status: 'done', completed_at: at('2026-01-16T09:00:00') }).where('id', '=', ca.id).execute();
  assert.deepEqual(await taskFigures(db, q1), { due: 7, done: 2, onTime: 1, overdue: 5 });
  assert.deepEqual(await taskFigures(db, { ...q1, unitId: kt }), { due: 1, done: 0, onTime: 0, overdue: 1 });
  assert.deepEqual(await taskFigures(db, { ...q1, assigneeId: await staff('diachinh') }), { due: 1, done: 0, onTime: 0, overdue: 1 });
  assert.deepEqual(await taskFigures(db, { ...q1, communeId: 'tan-lap' }), { due: 0, done: 0, onTime: 0, overdue: 0 });
  // The period's end is exclusive: 15/01 is outside [1/01, 15/01).
  assert.equal((await taskFigures(db, { ...q1, to: at('2026-01-15T00:00:00') })).due, 0);
});
