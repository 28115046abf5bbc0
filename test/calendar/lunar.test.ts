// Vietnamese lunar calendar: every vector of domain.md §7.2, plus round-trip properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatDayNumber, parseIsoDate } from '../../src/calendar/core/civil.ts';
import { leapMonthOf, lunarNewYear, lunarToSolar, solarToLunar } from '../../src/calendar/core/lunar.ts';

const TET: Record<number, string> = {
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02', // China: 2030-02-03
  2031: '2031-01-23',
};

const GIO_TO: Record<number, string> = {
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
  2028: '2028-04-04',
  2029: '2029-04-23',
  2030: '2030-04-12',
  2031: '2031-04-01',
};

const LEAP: [number, number, string][] = [
  [2023, 2, '2023-03-22'],
  [2025, 6, '2025-07-25'],
  [2028, 5, '2028-06-23'],
  [2031, 3, '2031-04-21'],
  [2033, 11, '2033-12-22'],
];

test('Tết (1 tháng Giêng) 2024–2031 matches domain.md §7.2', () => {
  for (const [year, date] of Object.entries(TET)) {
    assert.equal(lunarNewYear(Number(year)), date, `Tết ${year}`);
    assert.deepEqual(solarToLunar(date), { year: Number(year), month: 1, day: 1, leap: false });
  }
});

test('Giỗ Tổ Hùng Vương (10 tháng 3) 2024–2031 matches domain.md §7.2', () => {
  for (const [year, date] of Object.entries(GIO_TO)) {
    assert.equal(lunarToSolar({ year: Number(year), month: 3, day: 10, leap: false }), date, `Giỗ Tổ ${year}`);
    assert.deepEqual(solarToLunar(date), { year: Number(year), month: 3, day: 10, leap: false });
  }
});

test('leap months and their start dates match domain.md §7.2', () => {
  for (const [year, month, start] of LEAP) {
    assert.deepEqual(leapMonthOf(year), { month, start }, `leap month of ${year}`);
    assert.deepEqual(solarToLunar(start), { year, month, day: 1, leap: true });
    // The day before is the last day of the ordinary month of the same number.
    const before = solarToLunar(formatDayNumber(parseIsoDate(start) - 1));
    assert.equal(before.month, month);
    assert.equal(before.leap, false);
    assert.ok(before.day === 29 || before.day === 30);
  }
  for (const year of [2024, 2026, 2027, 2029, 2030]) assert.equal(leapMonthOf(year), null, `${year} has no leap month`);
});

test('Vietnam (UTC+7) differs from China (UTC+8): Tết 1985, 2007, 2030', () => {
  assert.equal(lunarNewYear(1985), '1985-01-21');
  assert.equal(lunarNewYear(2007), '2007-02-17');
  assert.equal(lunarNewYear(1985, 8), '1985-02-20');
  assert.equal(lunarNewYear(2007, 8), '2007-02-18');
  assert.equal(lunarNewYear(2030, 8), '2030-02-03');
});

test('2026-02-16 is 29 tháng Chạp Ất Tỵ (the BNV notice), 2033-12-22 is 1 tháng 11 nhuận 2033', () => {
  assert.deepEqual(solarToLunar('2026-02-16'), { year: 2025, month: 12, day: 29, leap: false });
  assert.deepEqual(solarToLunar('2033-12-22'), { year: 2033, month: 11, day: 1, leap: true });
});

test('dates before 2000 (negative solar longitude, Math.floor pitfall) still work', () => {
  assert.equal(lunarNewYear(1900), '1900-01-31');
  assert.equal(lunarNewYear(1975), '1975-02-11');
  assert.equal(lunarNewYear(1990), '1990-01-27');
  assert.equal(lunarNewYear(2100), '2100-02-09');
});

test('non-existent lunar dates throw a RangeError', () => {
  assert.throws(() => lunarToSolar({ year: 2024, month: 3, day: 1, leap: true }), RangeError);
  assert.throws(() => lunarToSolar({ year: 2025, month: 5, day: 1, leap: true }), RangeError);
  assert.throws(() => lunarToSolar({ year: 2025, month: 13, day: 1, leap: false }), RangeError);
  // Tháng Chạp Ất Tỵ (ends 2026-02-16) has 29 days.
  assert.throws(() => lunarToSolar({ year: 2025, month: 12, day: 30, leap: false }), RangeError);
});

const DAY_1900 = parseIsoDate('1900-03-01');
const DAY_2100 = parseIsoDate('2100-10-31');

test('property: solar → lunar → solar is the identity (1900–2100)', () => {
  fc.assert(
    fc.property(fc.integer({ min: DAY_1900, max: DAY_2100 }), (n) => {
      const date = formatDayNumber(n);
      const lunar = solarToLunar(date);
      assert.equal(lunarToSolar(lunar), date);
    }),
    { numRuns: 300 },
  );
});

test('exhaustive 1900–2100: every day follows the previous one (no day 0, months in order, one Tết a year)', () => {
  let prev = solarToLunar('1900-01-01');
  let tets = 0;
  for (let n = parseIsoDate('1900-01-02'); n <= parseIsoDate('2100-12-31'); n++) {
    const date = formatDayNumber(n);
    const cur = solarToLunar(date);
    if (cur.day !== 1) {
      assert.deepEqual(cur, { ...prev, day: prev.day + 1 }, date);
      prev = cur;
      continue;
    }
    assert.ok(prev.day === 29 || prev.day === 30, `${date}: previous month had ${prev.day} days`);
    if (cur.leap) assert.deepEqual([cur.year, cur.month], [prev.year, prev.month], date);
    else if (prev.month === 12) assert.deepEqual([cur.year, cur.month], [prev.year + 1, 1], date);
    else assert.deepEqual([cur.year, cur.month], [prev.year, prev.month + 1], date);
    if (cur.month === 1 && !cur.leap) {
      tets++;
      assert.equal(cur.year, Number(date.slice(0, 4)), `Tết ${date} names its solar year`);
    }
    prev = cur;
  }
  assert.equal(tets, 201);
});
