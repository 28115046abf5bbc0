// Pure rules of the plan: shown status (overdue computed), on-time delivery, the reminder day N working days before
// a deadline on the official calendar, the alert of the day, and the annual plans derived from the five-year plan.
// Hand-computed fixtures and fast-check properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkCalendar, addDays } from '../../src/calendar/core/index.ts';
import { alertFor, reminderDay, shownStatus, type TaskClock } from '../../src/reform/core/task-rules.ts';
import { annualPlan, checkPlanFile, deriveTasks, type PlanFile } from '../../src/reform/core/plan-file.ts';
import { readPlanFile, SHIPPED_PLAN } from '../../src/reform/import.ts';
import { notesOf } from '../web/developer-notes.ts';

const cal = WorkCalendar.forYears(2025, 2031);
const working = (d: string) => cal.isWorkingDay(d);
const at = (s: string) => new Date(`${s}+07:00`);
const clock = (o: Partial<TaskClock> = {}): TaskClock => ({ status: 'in_progress', deadline: '2026-12-15', completedAt: null, ...o });

test('status: overdue only once the deadline day is over (Vietnam time) and nothing was delivered by it', () => {
  assert.equal(shownStatus(clock(), at('2026-12-15T23:59:00')), 'in_progress', 'the whole deadline day counts');
  assert.equal(shownStatus(clock(), at('2026-12-16T00:00:00')), 'overdue');
  assert.equal(shownStatus(clock({ status: 'not_started' }), at('2026-12-16T08:00:00')), 'overdue');
  assert.equal(shownStatus(clock({ status: 'awaiting_approval', completedAt: at('2026-12-15T17:00:00') }), at('2026-12-20T08:00:00')), 'awaiting_approval', 'delivered on time, approval pending');
  assert.equal(shownStatus(clock({ status: 'awaiting_approval', completedAt: at('2026-12-16T08:00:00') }), at('2026-12-20T08:00:00')), 'overdue', 'delivered late');
  assert.equal(shownStatus(clock({ status: 'done', completedAt: at('2026-12-30T08:00:00') }), at('2027-01-20T08:00:00')), 'done');
  // 2026-12-15 16:59 UTC is already 16/12 in Vietnam.
  assert.equal(shownStatus(clock(), new Date('2026-12-15T17:00:00Z')), 'overdue');
});

test('reminder day: N working days before the deadline on the official calendar (hand-computed)', () => {
  assert.equal(reminderDay('2026-12-18', 3, working), '2026-12-15'); // Fri → Tue
  assert.equal(reminderDay('2026-12-21', 3, working), '2026-12-16'); // Mon → Wed (weekend skipped)
  assert.equal(reminderDay('2026-05-04', 3, working), '2026-04-24'); // 30/4, 1/5 and Monday 27/4 (Giỗ Tổ on a Sunday) skipped
  assert.equal(reminderDay('2026-02-23', 3, working), '2026-02-11'); // Tết: 16–20/02 off
  assert.equal(reminderDay('2026-12-18', 0, working), '2026-12-18');
  assert.equal(reminderDay('2026-12-18', 1, working), '2026-12-17');
});

test('alert of the day: reminder from the reminder day through the deadline, escalation once overdue, nothing when delivered', () => {
  const t = clock({ deadline: '2026-12-18' });
  assert.equal(alertFor(t, at('2026-12-14T09:00:00'), 3, working), null);
  assert.equal(alertFor(t, at('2026-12-15T09:00:00'), 3, working), 'reminder');
  assert.equal(alertFor(t, at('2026-12-18T16:00:00'), 3, working), 'reminder');
  assert.equal(alertFor(t, at('2026-12-19T09:00:00'), 3, working), 'escalation');
  assert.equal(alertFor({ ...t, status: 'awaiting_approval', completedAt: at('2026-12-16T09:00:00') }, at('2026-12-17T09:00:00'), 3, working), null);
  assert.equal(alertFor({ ...t, status: 'done', completedAt: at('2026-12-16T09:00:00') }, at('2026-12-30T09:00:00'), 3, working), null);
  assert.equal(alertFor(t, at('2026-12-16T09:00:00'), 5, working), 'reminder', 'N is data: 5 working days');
});

const day = fc.integer({ min: 0, max: 365 * 4 }).map((n) => addDays('2026-01-01', n));

test('property: the reminder day has exactly N working days between it and the deadline', () => {
  fc.assert(fc.property(day, fc.integer({ min: 0, max: 15 }), (deadline, n) => {
    const r = reminderDay(deadline, n, working);
    assert.ok(r <= deadline);
    let count = 0;
    for (let d = r; d < deadline; d = addDays(d, 1)) if (working(d)) count++;
    assert.equal(count, n);
    if (n > 0) assert.ok(working(r), 'a reminder falls on a working day');
    assert.ok(reminderDay(deadline, n + 1, working) < r, 'one more working day reaches further back');
  }), { numRuns: 300 });
});

test('property: escalation exactly when overdue; never an alert for a done task', () => {
  const status = fc.constantFrom('not_started', 'in_progress', 'awaiting_approval', 'done') as fc.Arbitrary<TaskClock['status']>;
  fc.assert(fc.property(day, day, status, fc.option(day), (deadline, today, s, delivered) => {
    const t: TaskClock = { status: s, deadline, completedAt: delivered ? at(`${delivered}T10:00:00`) : null };
    const now = at(`${today}T10:00:00`);
    const a = alertFor(t, now, 3, working);
    assert.equal(a === 'escalation', shownStatus(t, now) === 'overdue');
    if (s === 'done') assert.equal(a, null);
    if (a === 'reminder') assert.ok(today <= deadline);
  }), { numRuns: 500 });
});

const shipped = readPlanFile(SHIPPED_PLAN) as PlanFile;
const UNITS = ['VP', 'VHXH', 'KT', 'TTPVHCC', 'CA', 'QS'];

test('annual plans of the shipped plan (hand-counted): yearly tasks every year, one-off ones in their year', () => {
  checkPlanFile(shipped, UNITS);
  // 51 tasks in the six areas (2 one-off) → 49 yearly; section IV: 16 yearly of one unit + IV.1.2 for each of 6 units.
  const perYear = 49 + 16 + 6;
  assert.equal(annualPlan(shipped, UNITS, 2027).length, perYear);
  // 2026 adds the one-off tasks of 2026: II.1.b.1, II.4.b.4 and IV.1.1 for each of the six units.
  assert.equal(annualPlan(shipped, UNITS, 2026).length, perYear + 2 + 6);
  // 2030 adds the final review (IV.2.12).
  assert.equal(annualPlan(shipped, UNITS, 2030).length, perYear + 1);
  assert.equal(deriveTasks(shipped, UNITS).length, 71 * 5 + 2 + 6 + 1);
  const unitPlans = annualPlan(shipped, UNITS, 2026).filter((t) => t.ref === 'IV.1.1');
  assert.deepEqual(unitPlans.map((t) => [t.responsible, t.deadline]), UNITS.map((u) => [u, '2026-01-15']));
});

test('property: derived tasks have unique keys, fall in their year, and the annual plans partition them', () => {
  fc.assert(fc.property(fc.integer({ min: 2020, max: 2040 }), fc.integer({ min: 0, max: 6 }), fc.subarray(UNITS, { minLength: 1 }), (start, span, units) => {
    const plan: PlanFile = { ...shipped, startYear: start, endYear: start + span, areas: [], tasks: [
      { key: 'a', ref: 'IV.1', title: 'Hằng năm', responsible: '*', coordinating: [], schedule: { yearly: '03-31' }, authority: 'unit_head', expectedResult: 'Năm {year}' },
      { key: 'b', ref: 'IV.2', title: 'Một lần', responsible: units[0]!, coordinating: [units[0]!], schedule: { once: `${start}-06-30` }, authority: 'leader', expectedResult: 'x' },
    ] };
    const all = deriveTasks(plan, units);
    assert.equal(all.length, units.length * (span + 1) + 1);
    assert.equal(new Set(all.map((t) => t.key)).size, all.length);
    for (const t of all) {
      assert.equal(Number(t.deadline.slice(0, 4)), t.year);
      assert.ok(!t.coordinating.includes(t.responsible), 'a unit does not coordinate with itself');
      if (t.itemKey === 'a') assert.equal(t.expectedResult, `Năm ${t.year}`);
    }
    let sum = 0;
    for (let y = start; y <= start + span; y++) sum += annualPlan(plan, units, y).length;
    assert.equal(sum, all.length);
  }), { numRuns: 100 });
});

test('a yearly date that does not exist every year (29/02) is refused', () => {
  const bad = structuredClone(shipped);
  bad.tasks[0]!.schedule = { yearly: '02-29' };
  assert.throws(() => checkPlanFile(bad, UNITS), /không hợp lệ/);
});

test('the shipped plan file: no developer note in what staff read; the plan\'s sections only in the refs (issue 11)', () => {
  const plan = readPlanFile(SHIPPED_PLAN) as PlanFile;
  assert.deepEqual(notesOf(plan), []);
  assert.doesNotMatch(plan.source, /\.(md|json)\b|docs\//, 'the source names the document, not a file of the code');
  // A section reference lives in `ref` (shown under "Nguồn"), never in a title, a goal or a target.
  const texts = [...plan.areas.flatMap((a) => [a.title, ...a.goals.map((g) => g.text), ...a.targets.map((t) => t.text), ...a.tasks.map((t) => t.title)]),
    ...plan.tasks.map((t) => t.title)];
  for (const s of texts) assert.doesNotMatch(s, /\b(mục|vấn đề) [IVX]+\.|\b[IVX]+\.\d+\.[a-z]\.\d/, s);
});
