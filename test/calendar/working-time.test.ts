// WorkCalendar: examples with concrete values, then properties (domain.md §2.7 "Counting working time").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatVn, vnDate } from '../../src/calendar/core/vn-time.ts';
import { WorkCalendar } from '../../src/calendar/core/working-time.ts';
import { hoursInMinutes, instant, vn } from './arbitraries.ts';

const cal = WorkCalendar.national();
const at = (d: Date) => formatVn(d);

test('07:00 + 8 working hours ends at 17:00 the same day, not 07:00 the next day', () => {
  assert.equal(at(cal.addWorkingHours(vn('2026-11-25T07:00'), 8)), '2026-11-25T17:00:00+07:00');
  assert.equal(at(cal.addWorkingDays(vn('2026-11-25T07:00'), 1)), '2026-11-25T17:00:00+07:00');
  assert.equal(at(cal.addWorkingHours(vn('2026-11-25T07:00'), 4.5)), '2026-11-25T11:30:00+07:00');
  assert.equal(at(cal.addWorkingHours(vn('2026-11-25T07:00'), 4.5 + 1 / 60)), '2026-11-25T13:31:00+07:00');
  // The same instant in UTC, whatever the machine's time zone.
  assert.equal(cal.addWorkingHours(vn('2026-11-25T07:00'), 8).toISOString(), '2026-11-25T10:00:00.000Z');
});

test('adding working time skips weekends, holidays and compensatory days, and uses swapped Saturdays', () => {
  assert.equal(at(cal.addWorkingHours(vn('2026-11-27T16:00'), 2)), '2026-11-30T08:00:00+07:00'); // Fri → Mon
  // Thu 12/2/2026 10:00 + 3 days: 5 h Thu, 8 h Fri 13/2, Tết 14–22/2, 8 h Mon 23/2, 3 h Tue 24/2.
  assert.equal(at(cal.addWorkingDays(vn('2026-02-12T10:00'), 3)), '2026-02-24T10:00:00+07:00');
  // Fri 21/8/2026 09:00 + 1 day: 6 h Fri, then Saturday 22/8 is a working day.
  assert.equal(at(cal.addWorkingDays(vn('2026-08-21T09:00'), 1)), '2026-08-22T09:00:00+07:00');
  // Fri 28/8/2026 09:00 + 1 day: 29/8–2/9 off → Thu 3/9.
  assert.equal(at(cal.addWorkingDays(vn('2026-08-28T09:00'), 1)), '2026-09-03T09:00:00+07:00');
  // Fri 24/4/2026 17:00 + 1 day: Mon 27/4 is nghỉ bù Giỗ Tổ → Tue 28/4 17:00.
  assert.equal(at(cal.addWorkingDays(vn('2026-04-24T17:00'), 1)), '2026-04-28T17:00:00+07:00');
});

test('going backwards ends at a period start', () => {
  assert.equal(at(cal.addWorkingHours(vn('2026-11-25T17:00'), -8)), '2026-11-25T07:00:00+07:00');
  assert.equal(at(cal.addWorkingHours(vn('2026-11-30T07:00'), -1)), '2026-11-27T16:00:00+07:00');
  assert.equal(at(cal.addWorkingHours(vn('2026-11-25T13:30'), -4.5)), '2026-11-25T07:00:00+07:00');
  assert.equal(at(cal.addWorkingDays(vn('2026-02-23T17:00'), -2)), '2026-02-13T07:00:00+07:00'); // over Tết
});

test('isWorkingTime uses closed periods; nextWorkingTime only starts where work can be done', () => {
  assert.equal(cal.isWorkingTime(vn('2026-11-25T07:00')), true);
  assert.equal(cal.isWorkingTime(vn('2026-11-25T17:00')), true);
  assert.equal(cal.isWorkingTime(vn('2026-11-25T17:00:01')), false);
  assert.equal(cal.isWorkingTime(vn('2026-11-25T12:00')), false);
  assert.equal(cal.isWorkingTime(vn('2026-11-28T09:00')), false); // Saturday
  assert.equal(cal.isWorkingTime(vn('2026-08-22T09:00')), true); // swapped Saturday
  assert.equal(at(cal.nextWorkingTime(vn('2026-11-25T06:59'))), '2026-11-25T07:00:00+07:00');
  assert.equal(at(cal.nextWorkingTime(vn('2026-11-25T09:15'))), '2026-11-25T09:15:00+07:00');
  assert.equal(at(cal.nextWorkingTime(vn('2026-11-25T11:30'))), '2026-11-25T13:30:00+07:00');
  assert.equal(at(cal.nextWorkingTime(vn('2026-11-25T17:00'))), '2026-11-26T07:00:00+07:00');
  assert.equal(at(cal.nextWorkingTime(vn('2026-11-28T10:00'))), '2026-11-30T07:00:00+07:00');
  assert.equal(at(cal.nextWorkingTime(vn('2026-02-13T20:00'))), '2026-02-23T07:00:00+07:00');
  assert.equal(cal.nextWorkingDay('2026-08-28'), '2026-09-03');
  assert.equal(at(cal.endOfWorkingDay('2026-11-25')), '2026-11-25T17:00:00+07:00');
});

test('workingHoursBetween: examples', () => {
  assert.equal(cal.workingHoursBetween(vn('2026-11-23T07:00'), vn('2026-11-27T17:00')), 40);
  assert.equal(cal.workingHoursBetween(vn('2026-11-23T00:00'), vn('2026-11-30T00:00')), 40);
  assert.equal(cal.workingHoursBetween(vn('2026-11-25T11:00'), vn('2026-11-25T14:00')), 1);
  assert.equal(cal.workingHoursBetween(vn('2026-11-25T14:00'), vn('2026-11-25T11:00')), -1);
  assert.equal(cal.workingHoursBetween(vn('2026-02-13T17:00'), vn('2026-02-23T07:00')), 0);
  assert.equal(cal.workingHoursBetween(vn('2026-08-21T07:00'), vn('2026-08-25T07:00')), 24); // Fri, Sat 22/8, Mon
});

test('custom office hours and hours per working day; invalid periods are rejected', () => {
  const c = new WorkCalendar([], { periods: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }], hoursPerWorkingDay: 8 });
  assert.equal(at(c.addWorkingDays(vn('2026-11-25T07:30'), 1)), '2026-11-25T17:00:00+07:00');
  assert.equal(at(c.nextWorkingTime(vn('2026-11-25T07:00'))), '2026-11-25T07:30:00+07:00');
  // No holiday data: 1/1/2026 is an ordinary Thursday for this calendar.
  assert.equal(c.isWorkingDay('2026-01-01'), true);
  const longDay = new WorkCalendar([], { periods: [{ start: '08:00', end: '12:00' }], hoursPerWorkingDay: 4 });
  assert.equal(at(longDay.addWorkingDays(vn('2026-11-27T08:00'), 2)), '2026-11-30T12:00:00+07:00');
  const bad = (periods: { start: string; end: string }[]) => () => new WorkCalendar([], { periods, hoursPerWorkingDay: 8 });
  assert.throws(bad([]), RangeError);
  assert.throws(bad([{ start: '11:00', end: '09:00' }]), RangeError);
  assert.throws(bad([{ start: '07:00', end: '12:00' }, { start: '11:00', end: '17:00' }]), RangeError);
  assert.throws(bad([{ start: '7:00', end: '12:00' }]), RangeError);
  assert.throws(bad([{ start: '00:00', end: '24:00' }]), RangeError);
  assert.throws(() => new WorkCalendar([], { periods: [{ start: '07:00', end: '12:00' }], hoursPerWorkingDay: 0 }), RangeError);
});

test('national() takes overrides; forYears() knows only its years', () => {
  const withCommune = WorkCalendar.national(undefined, [
    { date: '2026-11-24', type: 'HOLIDAY', name: 'Ngày truyền thống của xã', source: 'QĐ UBND xã', scope: 'commune' },
  ]);
  assert.equal(withCommune.isWorkingDay('2026-11-24'), false);
  assert.equal(withCommune.isWorkingDay('2026-09-02'), false);
  const only2026 = WorkCalendar.forYears(2026, 2026);
  assert.equal(only2026.isWorkingDay('2027-02-08'), true); // Tết 2027 unknown to a 2026-only calendar
  assert.equal(cal.isWorkingDay('2027-02-08'), false);
});

test('safe across 1900–2100: far dates and a 200-year span are fast and exact', () => {
  assert.equal(at(cal.addWorkingDays(vn('1900-01-02T07:00'), 1)), '1900-01-02T17:00:00+07:00');
  assert.equal(at(cal.nextWorkingTime(vn('1900-01-01T08:00'))), '1900-01-02T07:00:00+07:00'); // 1/1 holiday
  assert.equal(at(cal.addWorkingDays(vn('2100-12-30T07:00'), 2)), '2100-12-31T17:00:00+07:00');
  const started = performance.now();
  const total = cal.workingHoursBetween(vn('1900-01-01T00:00'), vn('2101-01-01T00:00'));
  const back = cal.addWorkingHours(vn('1900-01-01T00:00'), total);
  assert.ok(performance.now() - started < 2000);
  assert.equal(vnDate(back), '2100-12-31');
  assert.equal(total % 0.5, 0);
});

test('property: a due time is never in non-working time, and never before the start', () => {
  fc.assert(
    fc.property(instant, hoursInMinutes, (t, h) => {
      const due = cal.addWorkingHours(t, h);
      assert.ok(cal.isWorkingTime(due), `${formatVn(t)} + ${h} h = ${formatVn(due)}`);
      assert.ok(+due >= +t);
    }),
    { numRuns: 500 },
  );
});

test('property: adding n then m working days equals adding n + m (also for hours)', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), (t, n, m) => {
      assert.equal(+cal.addWorkingDays(cal.addWorkingDays(t, n), m), +cal.addWorkingDays(t, n + m));
    }),
  );
  fc.assert(
    fc.property(instant, hoursInMinutes, hoursInMinutes, (t, a, b) => {
      const ab = Math.round((a + b) * 60) / 60;
      assert.equal(+cal.addWorkingHours(cal.addWorkingHours(t, a), b), +cal.addWorkingHours(t, ab));
    }),
  );
});

test('property: addWorkingHours and workingHoursBetween round-trip', () => {
  fc.assert(
    fc.property(instant, hoursInMinutes, (t, h) => {
      assert.equal(Math.round(cal.workingHoursBetween(t, cal.addWorkingHours(t, h)) * 60), Math.round(h * 60));
      assert.equal(Math.round(cal.workingHoursBetween(cal.addWorkingHours(t, -h), t) * 60), Math.round(h * 60));
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(instant, instant, (x, y) => {
      const [a, b] = +x <= +y ? [x, y] : [y, x];
      const h = cal.workingHoursBetween(a, b);
      const v = cal.addWorkingHours(a, h);
      // v ≤ b, except that zero hours from a non-working time gives the next working time.
      assert.ok(h > 0 ? +v <= +b : +v === +cal.nextWorkingTime(a) || +v === +a);
      assert.equal(cal.workingHoursBetween(v, b), 0);
    }),
    { numRuns: 300 },
  );
});

test('property: workingHoursBetween is additive and agrees with a minute-by-minute count', () => {
  fc.assert(
    fc.property(instant, instant, instant, (a, b, c) => {
      const sum = cal.workingHoursBetween(a, b) + cal.workingHoursBetween(b, c);
      assert.ok(Math.abs(sum - cal.workingHoursBetween(a, c)) < 1e-9);
    }),
  );
  fc.assert(
    fc.property(instant, fc.integer({ min: 0, max: 4 * 24 * 60 }), (t, minutes) => {
      const a = new Date(Math.floor(+t / 60_000) * 60_000);
      let count = 0; // oracle: minutes whose middle is working time
      for (let i = 0; i < minutes; i++) if (cal.isWorkingTime(new Date(+a + i * 60_000 + 30_000))) count++;
      assert.equal(Math.round(cal.workingHoursBetween(a, new Date(+a + minutes * 60_000)) * 60), count);
    }),
    { numRuns: 60 },
  );
});

test('property: nextWorkingTime is a working time, ≥ t, with no working time in between', () => {
  fc.assert(
    fc.property(instant, (t) => {
      const n = cal.nextWorkingTime(t);
      assert.ok(+n >= +t && cal.isWorkingTime(n));
      assert.equal(cal.workingHoursBetween(t, n), 0);
      if (cal.isWorkingTime(t) && +n !== +t) assert.ok(['11:30', '17:00'].includes(formatVn(t).slice(11, 16)));
    }),
    { numRuns: 300 },
  );
});
