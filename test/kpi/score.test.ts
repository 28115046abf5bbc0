// The 30 + 70 model of NĐ 335/2025 (domain.md §8.1) with hand-computed fixtures, and properties: scores stay in
// 0..100, grow with the on-time share, and the bands cut at 90/70/50; the quota of "excellent" ratings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkQuota, ratingOf, RATING_LABEL, type Rating } from '../../src/kpi/core/rules.ts';
import { components, score, type WorkItem } from '../../src/kpi/core/score.ts';
import { planTaskItems, withFindings } from '../../src/kpi/core/figures.ts';
import { rankUnits } from '../../src/kpi/core/ranking.ts';
import { SEEDED, rules } from './rules-data.ts';

const item = (o: Partial<WorkItem> = {}): WorkItem => ({ ref: 'X', kind: 'dossier', weight: 1, completed: true, delays: 0, qualityErrors: 0, ...o });
const FULL = Object.fromEntries(SEEDED.general.map((g) => [g.code, g.max]));

describe('the seeded rule set (015_kpi.sql)', () => {
  it('is 30 + 70, equal weights of a, b, c, 25 % deductions, bands 90/70/50, quota 20 % (25 %)', () => {
    assert.equal(SEEDED.general.reduce((s, g) => s + g.max, 0), 30);
    assert.equal(SEEDED.generalMax + SEEDED.taskMax, 100);
    assert.deepEqual(SEEDED.components, { a: 1, b: 1, c: 1 });
    assert.deepEqual(SEEDED.deduction, { qualityPerError: 0.25, timelinessPerDelay: 0.25 });
    assert.deepEqual(SEEDED.bands.map((b) => b.min), [90, 70, 50]);
    assert.deepEqual([SEEDED.quota.percent, SEEDED.quota.percentIfUnitExcellent], [20, 25]);
    assert.match(SEEDED.rankingBasis, /Lựa chọn của xã/);
  });
});

describe('a, b, c and the total (hand-computed)', () => {
  it('3 dossiers: 1 on time, 1 late (one delay), 1 not finished → a 66.67, b 66.67, c 58.33', () => {
    const k = components([item(), item({ delays: 1 }), item({ completed: false, delays: 1 })], SEEDED);
    assert.deepEqual([k.a, k.b, k.c], [66.67, 66.67, 58.33]);
    // task = 70 × (66.67 + 66.67 + 58.33) / 300 = 44.723 → 44.72; general 30 → total 74.72: good
    const r = score({ items: [item(), item({ delays: 1 }), item({ completed: false, delays: 1 })], general: FULL }, SEEDED);
    assert.deepEqual([r.general, r.task, r.total, r.rating], [30, 44.72, 74.72, 'good']);
    assert.equal(r.ratingLabel, 'Hoàn thành tốt nhiệm vụ');
    assert.match(r.lines.find((l) => l.key === 'a')!.formula, /2 ÷ 3 = 66,67 %/);
    assert.match(r.lines.find((l) => l.key === 'c')!.formula, /1,75 ÷ 3 = 58,33 %/);
  });
  it('conversion weights: a land dossier (×2) finished late twice, a civil-status one on time with 1 content error', () => {
    // assigned 3; completed 3 → a 100; quality: 2 × 1 + 1 × 0.75 = 2.75 → 91.67; timeliness: 2 × 0.5 + 1 = 2 → 66.67
    const k = components([item({ weight: 2, delays: 2 }), item({ qualityErrors: 1 })], SEEDED);
    assert.deepEqual([k.a, k.b, k.c], [100, 91.67, 66.67]);
    // task = 70 × 258.34 / 300 = 60.279 → 60.28; general 30 − 4 − 4 − 1 = 21 → 81.28
    const r = score({ items: [item({ weight: 2, delays: 2 }), item({ qualityErrors: 1 })], general: { ...FULL, doi_moi: 0, thai_do_phuc_vu: 0, ky_luat: 3 } }, SEEDED);
    assert.deepEqual([r.general, r.task, r.total], [21, 60.28, 81.28]);
  });
  it('−25 % per delay and per error, floored at 0; an excused delay costs nothing', () => {
    assert.equal(components([item({ delays: 5 })], SEEDED).c, 0);
    assert.equal(components([item({ qualityErrors: 3 })], SEEDED).b, 25);
    assert.equal(components([item({ delays: 1, excused: true })], SEEDED).c, 100);
  });
  it('no tracked product: the manager scores a, b, c; otherwise zero with a note', () => {
    assert.deepEqual(components([], SEEDED).source, 'none');
    const m = components([], SEEDED, { a: 100, b: 90, c: 80 });
    assert.deepEqual([m.a, m.b, m.c, m.source], [100, 90, 80, 'manual']);
    assert.equal(score({ items: [], general: FULL, manual: { a: 100, b: 90, c: 80 } }, SEEDED).total, 93);
  });
  it('general points are clamped to each criterion; a disqualifying case rates "not completed"', () => {
    assert.equal(score({ items: [item()], general: { chinh_tri: 99 } }, SEEDED).general, 5);
    const r = score({ items: [item()], general: FULL, disqualified: 'Bị kỷ luật khiển trách' }, SEEDED);
    assert.deepEqual([r.total, r.rating], [100, 'not_completed']);
  });
  it('plan tasks as products and the manager\'s findings on dossiers', () => {
    const p = planTaskItems({ due: 4, done: 3, onTime: 2, overdue: 1 }, SEEDED);
    assert.deepEqual(p.map((i) => [i.completed, i.delays, i.weight]), [[true, 0, 3], [true, 0, 3], [true, 1, 3], [false, 1, 3]]);
    const f = withFindings([item({ ref: 'A' }), item({ ref: 'B', delays: 1 })], ['A', 'A'], ['B']);
    assert.deepEqual(f.map((i) => [i.qualityErrors, i.excused]), [[2, false], [0, true]]);
  });
});

describe('bands 90/70/50', () => {
  it('cut exactly at the thresholds, after rounding to 2 decimals', () => {
    assert.deepEqual([90, 89.99, 70, 69.99, 50, 49.99, 89.999].map((t) => ratingOf(t, SEEDED)), ['excellent', 'good', 'good', 'completed', 'completed', 'not_completed', 'excellent']);
    assert.deepEqual(Object.values(RATING_LABEL), ['Hoàn thành xuất sắc nhiệm vụ', 'Hoàn thành tốt nhiệm vụ', 'Hoàn thành nhiệm vụ', 'Không hoàn thành nhiệm vụ']);
  });
  it('property: the rating is the band the total falls in', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (n) => {
      const t = n / 100;
      const r = ratingOf(t, SEEDED);
      const expected: Rating = t >= 90 ? 'excellent' : t >= 70 ? 'good' : t >= 50 ? 'completed' : 'not_completed';
      return r === expected;
    }));
  });
});

const arbItem = fc.record({ weight: fc.constantFrom(0.5, 1, 1.5, 2, 3), completed: fc.boolean(), delays: fc.integer({ min: 0, max: 5 }), qualityErrors: fc.integer({ min: 0, max: 5 }) })
  .map((o) => item(o));
const arbGeneral = fc.record(Object.fromEntries(SEEDED.general.map((g) => [g.code, fc.integer({ min: 0, max: g.max })])));

describe('properties of the score', () => {
  it('a, b, c in 0..100, the total in 0..100 and equal to general + task', () => {
    fc.assert(fc.property(fc.array(arbItem, { maxLength: 30 }), arbGeneral, (items, general) => {
      const r = score({ items, general }, SEEDED);
      return [r.a, r.b, r.c].every((x) => x >= 0 && x <= 100) && r.total >= 0 && r.total <= 100 && r.general <= 30 && r.task <= 70
        && Math.abs(r.total - (r.general + r.task)) < 0.011;
    }));
  });
  it('monotone in the on-time share: turning a late completed product into an on-time one never lowers c or the total', () => {
    fc.assert(fc.property(fc.array(arbItem, { minLength: 1, maxLength: 30 }), fc.nat(), arbGeneral, (items, k, general) => {
      const i = k % items.length;
      const better = items.map((x, j) => (j === i ? { ...x, completed: true, delays: 0 } : x));
      const before = score({ items, general }, SEEDED);
      const after = score({ items: better, general }, SEEDED);
      return after.c >= before.c && after.total >= before.total;
    }));
  });
  it('all on time, no error, full general points → 100, excellent', () => {
    fc.assert(fc.property(fc.array(arbItem, { minLength: 1, maxLength: 20 }), (items) => {
      const r = score({ items: items.map((x) => ({ ...x, completed: true, delays: 0, qualityErrors: 0 })), general: FULL }, SEEDED);
      return r.total === 100 && r.rating === 'excellent';
    }));
  });
});

describe('the quota of "excellent" (≤ 20 % of those rated good; 25 % for an excellent unit)', () => {
  const ratings = (ex: number, good: number, other = 0): Rating[] => [...Array(ex).fill('excellent'), ...Array(good).fill('good'), ...Array(other).fill('completed')];
  it('boundary: 10 good allow 2 excellent exactly; a third exceeds', () => {
    assert.deepEqual([checkQuota(ratings(2, 10), SEEDED).allowed, checkQuota(ratings(2, 10), SEEDED).exceeded], [2, false]);
    assert.equal(checkQuota(ratings(3, 10), SEEDED).exceeded, true);
  });
  it('the count is rounded down ("không quá"): 7 good → 1.4 → 1; 4 good → 0.8 → 0; 25 % of 7 → 1.75 → 1', () => {
    assert.equal(checkQuota(ratings(1, 7), SEEDED).allowed, 1);
    assert.equal(checkQuota(ratings(1, 4), SEEDED).allowed, 0);
    assert.equal(checkQuota(ratings(1, 4), SEEDED).exceeded, true);
    assert.equal(checkQuota(ratings(1, 7), SEEDED, true).allowed, 1);
    assert.equal(checkQuota(ratings(2, 8), SEEDED, true).allowed, 2);
    assert.match(checkQuota(ratings(3, 10), SEEDED).explanation, /20 % × 10 .* = 2 → 2 người.*hiện có 3, vượt 1/);
  });
  it('as data: base "good or better" and rounding to the nearest', () => {
    const r = rules({ quota: { percent: 20, percentIfUnitExcellent: 25, base: 'good_or_better', rounding: 'nearest' } });
    assert.equal(checkQuota(ratings(2, 6), r).allowed, 2); // 20 % × 8 = 1.6 → 2
  });
  it('property: allowed = ⌊percent × good / 100⌋ and exceeded iff excellent > allowed', () => {
    fc.assert(fc.property(fc.nat(50), fc.nat(200), fc.nat(20), (ex, good, other) => {
      const q = checkQuota(ratings(ex, good, other), SEEDED);
      return q.allowed === Math.floor(good / 5) && q.exceeded === ex > q.allowed;
    }));
  });
});

describe('the per-unit ranking (the commune\'s choice)', () => {
  it('weights 0.5/0.3/0.2 over the components present, ties share a rank, no data is unranked', () => {
    const r = rankUnits([
      { unitId: 1, name: 'A', kpiTotals: [80, 90], dossiers: 10, onTime: 9, planDue: 4, planDone: 2 }, // 0.5×85 + 0.3×90 + 0.2×50 = 79.5
      { unitId: 2, name: 'B', kpiTotals: [70], dossiers: 0, onTime: 0, planDue: 0, planDone: 0 }, // 70
      { unitId: 3, name: 'C', kpiTotals: [], dossiers: 4, onTime: 4, planDue: 0, planDone: 0 }, // 100
      { unitId: 4, name: 'D', kpiTotals: [], dossiers: 0, onTime: 0, planDue: 0, planDone: 0 },
      { unitId: 5, name: 'E', kpiTotals: [70], dossiers: 0, onTime: 0, planDue: 0, planDone: 0 },
    ], SEEDED);
    assert.deepEqual(r.map((u) => [u.name, u.score, u.rank]), [['C', 100, 1], ['A', 79.5, 2], ['B', 70, 3], ['E', 70, 3], ['D', null, 0]]);
  });
});
