// Holiday rules (BLLĐ 2019 Đ111 k3, Đ112), the 2026 official schedule and scope merging.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isWeekend, parseIsoDate, weekdayOf } from '../../src/calendar/core/civil.ts';
import { mergeScopes, type CalendarDay } from '../../src/calendar/core/days.ts';
import { generateYear, ruleSetFor } from '../../src/calendar/core/rules.ts';
import { WorkCalendar } from '../../src/calendar/core/working-time.ts';

const brief = (days: CalendarDay[]) => days.map((d) => `${d.date} ${d.type}`);
const dates = (days: CalendarDay[], type: CalendarDay['type']) => days.filter((d) => d.type === type).map((d) => d.date);

test('2026: the official schedule (Thông báo 9441/TB-BNV) and the general rules', () => {
  const y2026 = generateYear(2026);
  assert.deepEqual(brief(y2026), [
    '2026-01-01 HOLIDAY',
    '2026-02-16 HOLIDAY',
    '2026-02-17 HOLIDAY',
    '2026-02-18 HOLIDAY',
    '2026-02-19 HOLIDAY',
    '2026-02-20 HOLIDAY',
    '2026-04-26 HOLIDAY',
    '2026-04-27 COMPENSATORY_OFF',
    '2026-04-30 HOLIDAY',
    '2026-05-01 HOLIDAY',
    '2026-08-22 SWAPPED_WORKDAY',
    '2026-08-31 COMPENSATORY_OFF',
    '2026-09-01 HOLIDAY',
    '2026-09-02 HOLIDAY',
  ]);
  const byDate = new Map(y2026.map((d) => [d.date, d]));
  assert.equal(byDate.get('2026-04-27')?.name, 'Nghỉ bù Giỗ Tổ Hùng Vương');
  assert.equal(byDate.get('2026-04-27')?.source, 'Bộ luật Lao động 2019, Điều 111 khoản 3');
  assert.equal(byDate.get('2026-02-17')?.name, 'Tết Nguyên đán');
  assert.match(byDate.get('2026-02-17')?.source ?? '', /9441\/TB-BNV/);
  assert.match(byDate.get('2026-08-22')?.source ?? '', /9441\/TB-BNV/);
  assert.equal(byDate.get('2026-04-30')?.source, 'Bộ luật Lao động 2019, Điều 112 khoản 1 điểm c');
  for (const d of y2026) {
    assert.equal(d.scope, 'national');
    assert.ok(d.name.length > 0 && d.source.length > 0);
  }
});

test('2026 working days: 22/8 works, 31/8 and 27/4 and 16–20/2 are off, 23/2 works', () => {
  const cal = WorkCalendar.forYears(2026, 2026);
  assert.equal(cal.isWorkingDay('2026-08-22'), true); // Saturday made a working day
  assert.equal(cal.isWorkingDay('2026-08-29'), false);
  assert.equal(cal.isWorkingDay('2026-08-31'), false);
  assert.equal(cal.isWorkingDay('2026-09-01'), false);
  assert.equal(cal.isWorkingDay('2026-09-02'), false);
  assert.equal(cal.isWorkingDay('2026-09-03'), true);
  assert.equal(cal.isWorkingDay('2026-04-27'), false);
  assert.equal(cal.isWorkingDay('2026-04-28'), true);
  for (const d of ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']) {
    assert.equal(cal.isWorkingDay(d), false, d);
  }
  assert.equal(cal.isWorkingDay('2026-02-13'), true);
  assert.equal(cal.isWorkingDay('2026-02-23'), true);
  assert.equal(cal.isWorkingDay('2026-04-30'), false);
  assert.equal(cal.isWorkingDay('2026-05-01'), false);
  assert.equal(cal.isWorkingDay('2026-01-01'), false);
  assert.equal(cal.isWorkingDay('2026-01-02'), true);
});

test('2026 without schedules: the pure rules give the same Tết (29 Chạp–mùng 4) and 1/9 + 2/9', () => {
  const rules = generateYear(2026, []);
  assert.deepEqual(dates(rules, 'HOLIDAY').filter((d) => d < '2026-03-01'), [
    '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
  ]);
  assert.deepEqual(dates(rules, 'HOLIDAY').filter((d) => d > '2026-08-01'), ['2026-09-01', '2026-09-02']);
  assert.deepEqual(dates(rules, 'SWAPPED_WORKDAY'), []);
  assert.ok(rules.find((d) => d.date === '2026-02-17')?.source.includes('Điều 112 khoản 1 điểm b'));
});

test('2027 default: Tết on a weekend gives nghỉ bù after the block; 1/5 Saturday → Monday 3/5', () => {
  const y = generateYear(2027);
  assert.deepEqual(dates(y, 'HOLIDAY'), [
    '2027-01-01',
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', // 30 Chạp (Fri) … mùng 4 (Tue)
    '2027-04-16', '2027-04-30', '2027-05-01',
    '2027-09-02', '2027-09-03', // 2/9 Thursday → adjacent Friday 3/9
  ]);
  assert.deepEqual(dates(y, 'COMPENSATORY_OFF'), ['2027-02-10', '2027-02-11', '2027-05-03']);
  assert.equal(y.find((d) => d.date === '2027-02-10')?.name, 'Nghỉ bù Tết Nguyên đán');
  assert.equal(y.find((d) => d.date === '2027-05-03')?.name, 'Nghỉ bù Ngày Quốc tế Lao động');
});

test('Quốc khánh adjacent day joins a weekend (matches the official 2021–2025 choices)', () => {
  const national = (year: number) => generateYear(year, []).filter((d) => d.date >= `${year}-08-25` && d.date <= `${year}-09-10`);
  assert.deepEqual(brief(national(2024)), ['2024-09-02 HOLIDAY', '2024-09-03 HOLIDAY']); // Mon → Tue 3/9
  assert.deepEqual(brief(national(2025)), ['2025-09-01 HOLIDAY', '2025-09-02 HOLIDAY']); // Tue → Mon 1/9
  assert.deepEqual(brief(national(2021)), ['2021-09-02 HOLIDAY', '2021-09-03 HOLIDAY']); // Thu → Fri 3/9
  assert.deepEqual(brief(national(2022)), ['2022-09-01 HOLIDAY', '2022-09-02 HOLIDAY']); // Fri → Thu 1/9
  // Sat → Fri 1/9, nghỉ bù Mon 4/9
  assert.deepEqual(brief(national(2023)), ['2023-09-01 HOLIDAY', '2023-09-02 HOLIDAY', '2023-09-04 COMPENSATORY_OFF']);
  // Sun → Mon 3/9, nghỉ bù Tue 4/9
  assert.deepEqual(brief(national(2029)), ['2029-09-02 HOLIDAY', '2029-09-03 HOLIDAY', '2029-09-04 COMPENSATORY_OFF']);
});

test('Giỗ Tổ on Saturday before 30/4–1/5 (2023): nghỉ bù goes after the whole block', () => {
  const y = generateYear(2023, []);
  assert.deepEqual(
    brief(y.filter((d) => d.date >= '2023-04-28' && d.date <= '2023-05-05')),
    ['2023-04-29 HOLIDAY', '2023-04-30 HOLIDAY', '2023-05-01 HOLIDAY', '2023-05-02 COMPENSATORY_OFF', '2023-05-03 COMPENSATORY_OFF'],
  );
});

test('two holidays on one date (Giỗ Tổ on 30/4/1947) make one day off with both names', () => {
  const day = generateYear(1947).find((d) => d.date === '1947-04-30');
  assert.equal(day?.name, 'Ngày Chiến thắng; Giỗ Tổ Hùng Vương');
  assert.match(day?.source ?? '', /điểm c; .*điểm e$/);
});

test('rule sets: Labour Code 2019 from 2021, one-day Quốc khánh before', () => {
  assert.equal(ruleSetFor(2026).law, 'Bộ luật Lao động 2019');
  assert.equal(ruleSetFor(2020).law, 'Bộ luật Lao động 2012');
  assert.equal(ruleSetFor(1950).law, 'Bộ luật Lao động 2012');
  assert.deepEqual(dates(generateYear(2020), 'HOLIDAY').filter((d) => d >= '2020-09-01'), ['2020-09-02']);
});

test('generateYear rejects unsupported years', () => {
  for (const y of [1899, 2101, 2026.5, NaN]) assert.throws(() => generateYear(y), RangeError);
  assert.doesNotThrow(() => generateYear(1900));
  assert.doesNotThrow(() => generateYear(2100));
});

test('property: every year 1900–2100 is sorted, in its year, and each weekend holiday has one nghỉ bù', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1900, max: 2100 }), (year) => {
      const days = generateYear(year, []);
      const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
      assert.deepEqual(days, sorted);
      assert.equal(new Set(days.map((d) => d.date)).size, days.length);
      for (const d of days) assert.ok(d.date.startsWith(`${year}-`), d.date);
      const holidays = days.filter((d) => d.type === 'HOLIDAY');
      // Giỗ Tổ fell on 30/4 in 1947: one day off with both names.
      assert.equal(holidays.length, (year >= 2021 ? 11 : 10) - (year === 1947 ? 1 : 0));
      const comps = days.filter((d) => d.type === 'COMPENSATORY_OFF');
      assert.equal(comps.length, holidays.filter((d) => isWeekend(parseIsoDate(d.date))).length);
      for (const c of comps) assert.ok(!isWeekend(parseIsoDate(c.date)), `${c.date} is a weekday`);
    }),
    { numRuns: 60 },
  );
});

test('mergeScopes: the narrowest scope wins on a date, whatever the order', () => {
  const national: CalendarDay = { date: '2026-11-24', type: 'WORKDAY', name: 'Ngày làm việc', source: 'x', scope: 'national' };
  const province: CalendarDay = { date: '2026-11-24', type: 'HOLIDAY', name: 'Ngày lễ tỉnh', source: 'QĐ tỉnh', scope: 'province' };
  const commune: CalendarDay = { date: '2026-11-24', type: 'WORKDAY', name: 'Làm việc', source: 'QĐ xã', scope: 'commune' };
  const other: CalendarDay = { date: '2026-11-23', type: 'HOLIDAY', name: 'Nghỉ', source: 'y', scope: 'national' };
  assert.deepEqual(mergeScopes([province, national, other]), [other, province]);
  assert.deepEqual(mergeScopes([commune, province, national]), [commune]);
  assert.deepEqual(mergeScopes([national, commune, province]), [commune]);
  const cal = new WorkCalendar([...generateYear(2026), { ...province, date: '2026-09-03' }, { ...commune, date: '2026-09-02' }]);
  assert.equal(cal.isWorkingDay('2026-09-03'), false); // a provincial day off
  assert.equal(cal.isWorkingDay('2026-09-02'), true); // a commune override wins over the national holiday
  assert.equal(cal.dayInfo('2026-09-02')?.scope, 'commune');
});

test('weekday helper sanity: 2026-08-22 is a Saturday, 2026-04-26 a Sunday', () => {
  assert.equal(weekdayOf(parseIsoDate('2026-08-22')), 6);
  assert.equal(weekdayOf(parseIsoDate('2026-04-26')), 0);
  assert.equal(weekdayOf(parseIsoDate('1900-01-01')), 1);
});
