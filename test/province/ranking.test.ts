// The province's comparison (pure): ranked by the total 766 index with ties by name, sorted by any column with the
// communes without a value last, and the province's average leaving those out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isSortKey, provinceAverage, rank, sortRows, type CommuneFigures } from '../../src/province/core/ranking.ts';
import { keptPeriods, provinceSpec, provinceSpecFromQuery } from '../../src/province/core/period.ts';

const row = (name: string, score: number, o: Partial<CommuneFigures> = {}): CommuneFigures => ({
  communeId: name.toLowerCase(), name, score, computedMax: 76, maxPoints: 100,
  groups: [{ id: 'progress', name: 'Tiến độ giải quyết', maxPoints: 20, score: score / 2, computedMax: 20 }],
  targetsMet: 1, targetsMeasured: 2, lateNow: 0, received: 10, onTime: 0.5, onlineShare: null, satisfaction: null, ratings: 0, ...o,
});

test('ranked by total, ties by Vietnamese name order', () => {
  const r = rank([row('Xã Yên', 30), row('Xã Ân', 30), row('Xã Bình', 50)]);
  assert.deepEqual(r.map((x) => [x.rank, x.name]), [[1, 'Xã Bình'], [2, 'Xã Ân'], [3, 'Xã Yên']]);
});

test('sorted by a column: best first, reversed on demand, no value last either way', () => {
  const r = rank([row('A', 10, { lateNow: 5, onlineShare: 0.2 }), row('B', 20, { lateNow: 0, onlineShare: null }), row('C', 30, { lateNow: 2, onlineShare: 0.9 })]);
  assert.deepEqual(sortRows(r, 'hang').map((x) => x.name), ['C', 'B', 'A']);
  assert.deepEqual(sortRows(r, 'qua-han').map((x) => x.name), ['B', 'C', 'A'], 'the fewest late dossiers first');
  assert.deepEqual(sortRows(r, 'qua-han', true).map((x) => x.name), ['A', 'C', 'B']);
  assert.deepEqual(sortRows(r, 'truc-tuyen').map((x) => x.name), ['C', 'A', 'B']);
  assert.deepEqual(sortRows(r, 'truc-tuyen', true).map((x) => x.name), ['A', 'C', 'B'], 'no value stays last');
  assert.deepEqual(sortRows(r, 'nhom-progress').map((x) => x.name), ['C', 'B', 'A']);
  assert.deepEqual(sortRows(r, 'ten', true).map((x) => x.name), ['C', 'B', 'A']);
  assert.ok(isSortKey('nhom-satisfaction') && isSortKey('diem') && !isSortKey('x; drop') && !isSortKey('nhom-'));
});

test('the province average leaves out communes without a value', () => {
  const a = provinceAverage([row('A', 10, { onlineShare: 0.2, lateNow: 1 }), row('B', 21, { onlineShare: null, lateNow: 2 })]);
  assert.deepEqual([a.communes, a.score, a.onlineShare, a.lateNow, a.groups[0]!.score, a.satisfaction], [2, 15.5, 0.2, 1.5, 7.75, null]);
});

test('the period: the current month by default, a year alone, thang=0 for a year', () => {
  const now = new Date('2026-12-31T18:00:00Z'); // 1 January 2027 in Vietnam
  assert.deepEqual(provinceSpec({}, now), { year: 2027, month: 1 });
  assert.deepEqual(provinceSpec({ year: 2026 }, now), { year: 2026 });
  assert.deepEqual(provinceSpec({ month: 3 }, now), { year: 2027, month: 3 });
  assert.deepEqual(provinceSpecFromQuery('2026', '0', now), { year: 2026 });
  assert.equal(provinceSpecFromQuery('1999', '', now), null);
  assert.equal(provinceSpecFromQuery('', '13', now), null);
});

test('the periods kept computed: this month, the month just closed (across the new year), this year (Vietnam time)', () => {
  assert.deepEqual(keptPeriods(new Date('2026-12-01T03:00:00Z')), [{ year: 2026, month: 12 }, { year: 2026, month: 11 }, { year: 2026 }]);
  // 31 Dec 2026 18:00 UTC is 1 Jan 2027 01:00 in Vietnam.
  assert.deepEqual(keptPeriods(new Date('2026-12-31T18:00:00Z')), [{ year: 2027, month: 1 }, { year: 2026, month: 12 }, { year: 2027 }]);
});
