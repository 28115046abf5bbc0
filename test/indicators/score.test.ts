// The Decision 766 scoring rule (domain.md §4): points = max × min(1, rate ÷ full-points rate), 2 decimals; no
// denominator → N/A (not zero); uncomputable indicators stay out of the totals; the data adds up to 100.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { INDEX_766_VERSIONS, index766At, type IndicatorDef } from '../../src/indicators/core/index766-data.ts';
import { pointsFor, round2, scoreIndex, scoreIndicator } from '../../src/indicators/core/score.ts';

const v = index766At('2026-12-01');
const def = (id: string) => v.indicators.find((d) => d.id === id)!;

describe('the index data', () => {
  it('groups weigh 18/20/12/10/22/18 and their indicators add up to each group, 100 in all', () => {
    assert.deepEqual(v.groups.map((g) => g.maxPoints), [18, 20, 12, 10, 22, 18]);
    for (const g of v.groups) {
      assert.equal(v.indicators.filter((d) => d.group === g.id).reduce((s, d) => s + d.maxPoints, 0), g.maxPoints, g.id);
    }
    assert.equal(v.groups.reduce((s, g) => s + g.maxPoints, 0), 100);
  });
  it('the full-points rates seen in the specification', () => {
    assert.equal(def('3.2').fullAt, 0.8); // DVCTT ≥ 80 %
    assert.equal(def('4.2').fullAt, 0.8); // digitisation ≥ 80 %
    assert.equal(def('4.3').fullAt, 0.8); // reuse ≥ 80 %
    assert.equal(def('5.4').fullAt, 0.9); // satisfaction ≥ 90 %
  });
  it('is effective-dated: a later version takes over from its date, an earlier date has none', () => {
    const later = { ...INDEX_766_VERSIONS[0]!, effectiveFrom: '2027-01-01', legalBasis: 'test' };
    assert.equal(index766At('2026-12-31', [...INDEX_766_VERSIONS, later]).effectiveFrom, '2022-06-23');
    assert.equal(index766At('2027-01-01', [...INDEX_766_VERSIONS, later]).effectiveFrom, '2027-01-01');
    assert.throws(() => index766At('2022-06-22'));
  });
});

describe('points of one indicator', () => {
  it('hand-computed values', () => {
    assert.equal(pointsFor(20, 0.93, 1), 18.6); // 2.1: 93 % on time of 20 points
    assert.equal(pointsFor(2, 0.5, 0.8), 1.25); // reuse 50 % of a full-at-80 % indicator
    assert.equal(pointsFor(2, 0.85, 0.8), 2); // above the threshold: full points
    assert.equal(pointsFor(6, 2 / 3, 0.9), 4.44); // 6 × 0.7407… = 4.444…
    assert.equal(pointsFor(12, 0.8, 0.8), 12);
    assert.equal(round2(1.005), 1.01);
  });
  it('property: 0 ≤ points ≤ max, monotone in the rate, full at and above the threshold', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 22 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(0.5, 0.8, 0.9, 1),
      (max, a, b, fullAt) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const pLo = pointsFor(max, lo, fullAt);
        const pHi = pointsFor(max, hi, fullAt);
        assert.ok(pLo >= 0 && pHi <= max && pLo <= pHi);
        if (hi >= fullAt) assert.equal(pHi, max);
        assert.equal(pHi, Math.round(pHi * 100) / 100, '2 decimals');
      },
    ));
  });
  it('no denominator is N/A, not zero; a missing measure is "unavailable" with its reason', () => {
    const none = scoreIndicator(def('2.1'), { numerator: 0, denominator: 0 });
    assert.deepEqual([none.status, none.score, none.rate], ['no_data', null, null]);
    const why = scoreIndicator(def('1.4'), { unavailable: 'Chưa kết nối Cổng DVCQG' });
    assert.deepEqual([why.status, why.score, why.reason], ['unavailable', null, 'Chưa kết nối Cổng DVCQG']);
    assert.throws(() => scoreIndicator(def('2.1'), { numerator: 3, denominator: 2 }));
  });
});

describe('the whole index', () => {
  it('hand-computed fixture: only computed indicators count, with the maximum they could earn', () => {
    const r = scoreIndex(v, {
      '2.1': { numerator: 93, denominator: 100 }, // 18.6
      '3.2': { numerator: 45, denominator: 60 }, // 75 % of full-at-80 % → 12 × 0.9375 = 11.25
      '3.6': { numerator: 0, denominator: 0 }, // N/A
      '4.3': { numerator: 40, denominator: 100 }, // 2 × 0.5 = 1
      '5.4': { numerator: 95, denominator: 100 }, // 6
      '1.4': { unavailable: 'Chưa kết nối Cổng DVCQG' },
    });
    const g = (id: string) => r.groups.find((x) => x.id === id)!;
    assert.equal(g('progress').score, 18.6);
    assert.equal(g('online').score, 11.25);
    assert.equal(g('payment').score, 0);
    assert.equal(g('payment').computedMax, 0, 'N/A is not a zero that lowers the score');
    assert.equal(g('digitisation').score, 1);
    assert.equal(r.score, 36.85);
    assert.equal(r.computedMax, 20 + 12 + 2 + 6);
    assert.equal(r.maxPoints, 100);
  });
  it('property: the total is the sum of the groups and never above the computed maximum', () => {
    const ids = v.indicators.map((d: IndicatorDef) => d.id);
    fc.assert(fc.property(
      fc.dictionary(fc.constantFrom(...ids), fc.tuple(fc.nat(500), fc.nat(500)).map(([a, b]) => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) }))),
      (measures) => {
        const r = scoreIndex(v, measures);
        assert.equal(r.score, round2(r.groups.reduce((s, g) => s + g.score, 0)));
        assert.ok(r.score <= r.computedMax + 1e-9 && r.computedMax <= 100);
      },
    ));
  });
});
