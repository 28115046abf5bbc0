// The deadline engine (domain.md §2.7): computeDue per unit, clock pauses, apology window, handover verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ProcessingTime } from '../../src/catalogue/core/types.ts';
import { addDays } from '../../src/calendar/core/civil.ts';
import { legalWorkingHours } from '../../src/catalogue/core/time.ts';
import { canSetNewAppointment, computeDue, handoverResult, resumeDue } from '../../src/calendar/core/deadline.ts';
import { formatVn, vnDate } from '../../src/calendar/core/vn-time.ts';
import { WorkCalendar } from '../../src/calendar/core/working-time.ts';
import { instant, vn } from './arbitraries.ts';

const cal = WorkCalendar.national();
const due = (received: string, time: ProcessingTime, cutoff?: string) => {
  const r = computeDue(vn(received), time, cal, cutoff ? { sameDayCutoff: cutoff } : {});
  return [formatVn(r.startAt), formatVn(r.dueAt)];
};
const SAME_DAY: ProcessingTime = { unit: 'same_day', value: 0 };

test('working days and working hours count from the receipt time', () => {
  assert.deepEqual(due('2026-11-25T09:00', { unit: 'working_days', value: 3 }), ['2026-11-25T09:00:00+07:00', '2026-11-30T09:00:00+07:00']);
  assert.deepEqual(due('2026-11-25T07:00', { unit: 'working_days', value: 1 }), ['2026-11-25T07:00:00+07:00', '2026-11-25T17:00:00+07:00']);
  assert.deepEqual(due('2026-11-25T16:00', { unit: 'working_hours', value: 4 }), ['2026-11-25T16:00:00+07:00', '2026-11-26T10:00:00+07:00']);
  assert.deepEqual(due('2026-02-13T10:00', { unit: 'working_days', value: 1 }), ['2026-02-13T10:00:00+07:00', '2026-02-23T10:00:00+07:00']);
});

test('intake on a Saturday, a holiday, an evening or at lunch counts from the next working start', () => {
  const threeDays: ProcessingTime = { unit: 'working_days', value: 3 };
  assert.deepEqual(due('2026-11-28T10:00', threeDays), ['2026-11-30T07:00:00+07:00', '2026-12-02T17:00:00+07:00']);
  assert.deepEqual(due('2026-09-02T10:00', threeDays), ['2026-09-03T07:00:00+07:00', '2026-09-07T17:00:00+07:00']);
  assert.deepEqual(due('2026-11-25T19:30', threeDays), ['2026-11-26T07:00:00+07:00', '2026-11-30T17:00:00+07:00']);
  assert.deepEqual(due('2026-11-25T12:15', { unit: 'working_hours', value: 1 }), ['2026-11-25T13:30:00+07:00', '2026-11-25T14:30:00+07:00']);
  assert.deepEqual(due('2026-04-27T08:00', { unit: 'working_hours', value: 8 }), ['2026-04-28T07:00:00+07:00', '2026-04-28T17:00:00+07:00']);
});

test('same day: up to 15:00:00 → end of that working day; after 15:00 → end of the next (Luật Hộ tịch Đ5 k3)', () => {
  assert.deepEqual(due('2026-11-25T14:59', SAME_DAY), ['2026-11-25T14:59:00+07:00', '2026-11-25T17:00:00+07:00']);
  assert.deepEqual(due('2026-11-25T14:59:59.999', SAME_DAY)[1], '2026-11-25T17:00:00+07:00');
  // Exactly 15:00:00 is not "sau 15 giờ": the same day.
  assert.deepEqual(due('2026-11-25T15:00', SAME_DAY), ['2026-11-25T15:00:00+07:00', '2026-11-25T17:00:00+07:00']);
  assert.deepEqual(due('2026-11-25T15:00:00.999', SAME_DAY)[1], '2026-11-25T17:00:00+07:00');
  assert.deepEqual(due('2026-11-25T15:00:01', SAME_DAY), ['2026-11-25T15:00:01+07:00', '2026-11-26T17:00:00+07:00']);
  assert.deepEqual(due('2026-11-27T15:30', SAME_DAY)[1], '2026-11-30T17:00:00+07:00'); // Friday → Monday
  assert.deepEqual(due('2026-11-28T16:00', SAME_DAY), ['2026-11-30T07:00:00+07:00', '2026-11-30T17:00:00+07:00']); // Saturday
  assert.deepEqual(due('2026-11-25T18:00', SAME_DAY), ['2026-11-26T07:00:00+07:00', '2026-11-26T17:00:00+07:00']); // evening
  assert.deepEqual(due('2026-11-25T12:00', SAME_DAY), ['2026-11-25T13:30:00+07:00', '2026-11-25T17:00:00+07:00']); // lunch
  assert.deepEqual(due('2026-08-28T15:01', SAME_DAY)[1], '2026-09-03T17:00:00+07:00'); // 29/8–2/9 off
  assert.deepEqual(due('2026-08-21T15:01', SAME_DAY)[1], '2026-08-22T17:00:00+07:00'); // swapped Saturday
  assert.deepEqual(due('2026-11-25T14:30', SAME_DAY, '14:00')[1], '2026-11-26T17:00:00+07:00'); // configurable cutoff
});

test('calendar days: the day of receipt is not counted; a last day off is pushed to the next working day', () => {
  const days = (n: number): ProcessingTime => ({ unit: 'calendar_days', value: n });
  assert.deepEqual(due('2026-11-25T10:00', days(2))[1], '2026-11-27T17:00:00+07:00'); // Fri, not pushed
  assert.deepEqual(due('2026-11-23T10:00', days(5))[1], '2026-11-30T17:00:00+07:00'); // Sat 28 → Mon 30
  assert.deepEqual(due('2026-11-23T10:00', days(6))[1], '2026-11-30T17:00:00+07:00'); // Sun 29 → Mon 30
  assert.deepEqual(due('2026-08-27T10:00', days(4))[1], '2026-09-03T17:00:00+07:00'); // 31/8 off, 1–2/9 holiday
  assert.deepEqual(due('2026-08-20T10:00', days(2))[1], '2026-08-22T17:00:00+07:00'); // swapped Saturday works
  assert.deepEqual(due('2026-11-28T10:00', days(1)), ['2026-11-30T07:00:00+07:00', '2026-12-01T17:00:00+07:00']);
  assert.throws(() => computeDue(vn('2026-11-25T10:00'), days(1.5), cal), RangeError);
});

test('invalid inputs are rejected', () => {
  assert.throws(() => computeDue(new Date(NaN), SAME_DAY, cal), RangeError);
  assert.throws(() => computeDue(vn('2026-11-25T10:00'), { unit: 'working_days', value: -1 }, cal), RangeError);
  assert.throws(() => computeDue(vn('2026-11-25T10:00'), SAME_DAY, cal, { sameDayCutoff: '3pm' }), RangeError);
});

test('resumeDue keeps the remaining working time; a pause after the due time stays overdue', () => {
  const dueAt = vn('2026-11-27T17:00');
  // Paused Wed 25/11 13:30 with 19.5 h left; resumed Tue 1/12 10:00 → 5 h Tue, 8 h Wed, 6.5 h Thu.
  assert.equal(formatVn(resumeDue(dueAt, vn('2026-11-25T13:30'), vn('2026-12-01T10:00'), cal)), '2026-12-03T15:30:00+07:00');
  // Resumed on a Saturday: the clock restarts on Monday 07:00.
  assert.equal(formatVn(resumeDue(dueAt, vn('2026-11-27T16:00'), vn('2026-11-28T09:00'), cal)), '2026-11-30T08:00:00+07:00');
  assert.equal(formatVn(resumeDue(dueAt, vn('2026-11-27T17:00'), vn('2026-12-01T10:00'), cal)), '2026-11-27T17:00:00+07:00');
  assert.equal(formatVn(resumeDue(dueAt, vn('2026-11-30T08:00'), vn('2026-12-01T10:00'), cal)), '2026-11-27T17:00:00+07:00');
  assert.throws(() => resumeDue(dueAt, vn('2026-11-26T10:00'), vn('2026-11-26T09:00'), cal), RangeError);
});

test('canSetNewAppointment: only while at least one working day is left', () => {
  const dueAt = vn('2026-11-27T17:00');
  assert.equal(canSetNewAppointment(vn('2026-11-26T16:59'), dueAt, cal), true);
  assert.equal(canSetNewAppointment(vn('2026-11-26T17:00'), dueAt, cal), true); // exactly 8 h
  assert.equal(canSetNewAppointment(vn('2026-11-27T07:00:01'), dueAt, cal), false);
  assert.equal(canSetNewAppointment(vn('2026-11-28T10:00'), dueAt, cal), false); // already overdue
  assert.equal(canSetNewAppointment(vn('2026-11-27T11:00'), vn('2026-11-30T11:00'), cal), true); // over a weekend
  assert.equal(canSetNewAppointment(vn('2026-11-27T11:01'), vn('2026-11-30T11:00'), cal), false);
});

test('handoverResult compares Vietnam-local dates, not UTC ones', () => {
  const dueAt = vn('2026-11-27T17:00');
  assert.equal(handoverResult(vn('2026-11-26T16:00'), dueAt), 'early');
  assert.equal(handoverResult(vn('2026-11-27T08:00'), dueAt), 'on_time');
  assert.equal(handoverResult(vn('2026-11-27T00:30'), dueAt), 'on_time'); // 26/11 in UTC
  assert.equal(handoverResult(vn('2026-11-26T23:59'), dueAt), 'early');
  assert.equal(handoverResult(dueAt, dueAt), 'on_time');
  assert.equal(handoverResult(vn('2026-11-27T17:00:01'), dueAt), 'late');
});

const timeArb: fc.Arbitrary<ProcessingTime> = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((value) => ({ unit: 'working_days' as const, value })),
  fc.integer({ min: 0, max: 80 }).map((value) => ({ unit: 'working_hours' as const, value })),
  fc.constant(SAME_DAY),
  fc.integer({ min: 0, max: 45 }).map((value) => ({ unit: 'calendar_days' as const, value })),
);

test('property: receivedAt ≤ startAt ≤ dueAt, and dueAt is a working time', () => {
  fc.assert(
    fc.property(instant, timeArb, (t, time) => {
      const { startAt, dueAt } = computeDue(t, time, cal);
      assert.ok(+t <= +startAt && +startAt <= +dueAt);
      assert.ok(cal.isWorkingTime(startAt) && cal.isWorkingTime(dueAt), `${formatVn(t)} ${JSON.stringify(time)} → ${formatVn(dueAt)}`);
      assert.equal(cal.workingHoursBetween(t, startAt), 0);
      if (time.unit === 'working_days' || time.unit === 'working_hours') {
        assert.equal(cal.workingHoursBetween(startAt, dueAt), legalWorkingHours(time));
      }
    }),
    { numRuns: 400 },
  );
});

test('property: same-day rule around 15:00:00 on any working day (15:00:00 is the same day, 15:00:01 the next)', () => {
  fc.assert(
    fc.property(instant, (t) => {
      const day = vnDate(cal.nextWorkingTime(t));
      const before = computeDue(vn(`${day}T15:00:00`), SAME_DAY, cal).dueAt;
      const after = computeDue(vn(`${day}T15:00:01`), SAME_DAY, cal).dueAt;
      assert.equal(formatVn(before), `${day}T17:00:00+07:00`);
      assert.equal(formatVn(after), `${cal.nextWorkingDay(day)}T17:00:00+07:00`);
    }),
  );
});

test('property: calendar-day periods end on the last day, or on the first working day after it', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: 0, max: 45 }), (t, n) => {
      const { startAt, dueAt } = computeDue(t, { unit: 'calendar_days', value: n }, cal);
      const last = addDays(vnDate(startAt), n);
      const dueDay = vnDate(dueAt);
      assert.equal(formatVn(dueAt).slice(11, 19), '17:00:00');
      assert.ok(cal.isWorkingDay(dueDay));
      assert.ok(dueDay >= last);
      for (let d = last; d < dueDay; d = addDays(d, 1)) assert.equal(cal.isWorkingDay(d), false, `${d} should be off`);
    }),
    { numRuns: 300 },
  );
});

test('property: pausing then resuming keeps the remaining working time', () => {
  const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  const pauseMinutes = fc.integer({ min: 0, max: 30 * 24 * 60 });
  fc.assert(
    fc.property(instant, fc.integer({ min: 1, max: 15 }), fraction, pauseMinutes, (t, n, f, minutes) => {
      const { startAt, dueAt } = computeDue(t, { unit: 'working_days', value: n }, cal);
      const pausedAt = new Date(+startAt + Math.floor(f * (+dueAt - +startAt))); // startAt ≤ pausedAt < dueAt
      const resumedAt = new Date(+pausedAt + minutes * 60_000);
      const newDue = resumeDue(dueAt, pausedAt, resumedAt, cal);
      const remaining = cal.workingHoursBetween(pausedAt, dueAt);
      assert.ok(remaining > 0);
      assert.ok(Math.abs(cal.workingHoursBetween(cal.nextWorkingTime(resumedAt), newDue) - remaining) < 1e-9);
      assert.ok(cal.isWorkingTime(newDue) && +newDue >= +dueAt);
    }),
    { numRuns: 300 },
  );
  // A pause at or after the due time leaves the due time (the dossier stays overdue).
  fc.assert(
    fc.property(instant, pauseMinutes, pauseMinutes, (dueAt, late, minutes) => {
      const pausedAt = new Date(+dueAt + late * 60_000);
      assert.equal(+resumeDue(dueAt, pausedAt, new Date(+pausedAt + minutes * 60_000), cal), +dueAt);
    }),
  );
});
