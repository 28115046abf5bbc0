// The PAR index (pure): template validation, the scoring rules (hand-computed), totals, comparison, and properties:
// 0 ≤ points ≤ max, totals = sums, the proportional rule is monotone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pointsFromRate, pointsOf, ruleText } from '../../src/par/core/rules.ts';
import { compareYears, scoreAssessment, type ItemScores, type NodeDef } from '../../src/par/core/score.ts';
import { flatten, templateErrors, templateFor, type ScoringRule, type TemplateFile } from '../../src/par/core/template.ts';
import { shippedTemplates } from '../../src/par/templates.ts';
import { notesOf } from '../web/developer-notes.ts';

const shipped = shippedTemplates()[0]!;

describe('the default template', () => {
  it('is valid, has the seven commune areas of domain.md §5 adding up to 100, all marked uncertain', () => {
    assert.deepEqual(templateErrors(shipped), []);
    assert.equal(shipped.areas.length, 7);
    assert.equal(shipped.areas.reduce((s, a) => s + a.maxPoints, 0), 100);
    assert.match(shipped.areas[2]!.name, /Thủ tục hành chính/);
    assert.ok(shipped.uncertain && shipped.areas.every((a) => a.uncertain));
  });
  it('says in words what is not checked against the province\'s decision; no developer note (issue 11)', () => {
    assert.deepEqual(notesOf(shipped), []);
    assert.match(shipped.legalBasis, /chưa đối chiếu quyết định của tỉnh/);
  });
  it('auto-fills on-time, online, 766, satisfaction and plan-task sub-criteria', () => {
    const autos = flatten(shipped).filter((n) => n.auto).map((n) => n.auto!);
    for (const s of ['plan_tasks', 'online_share', 'index766']) assert.ok(autos.some((a) => a.source === s), s);
    for (const id of ['2.1', '5.4']) assert.ok(autos.some((a) => a.source === 'indicator766' && a.id === id), id);
  });
  it('is effective-dated: the latest template not after the year applies', () => {
    const ts = [{ effectiveYear: 2025, id: 1 }, { effectiveYear: 2027, id: 2 }];
    assert.equal(templateFor(ts, 2024), undefined);
    assert.equal(templateFor(ts, 2026)!.id, 1);
    assert.equal(templateFor(ts, 2028)!.id, 2);
  });
  it('rejects a tree whose children do not add up, a sub-criterion without a rule, a duplicate code', () => {
    const bad: TemplateFile = { ...shipped, areas: [{ code: '1', name: 'A', maxPoints: 10, children: [{ code: '1.1', name: 'B', maxPoints: 6, children: [
      { code: '1.1.1', name: 'C', maxPoints: 5, rule: { type: 'manual' } }, { code: '1.1.1', name: 'D', maxPoints: 1 },
    ] }] }] };
    const errs = templateErrors(bad).join(' | ');
    assert.match(errs, /1: tổng điểm các mục con \(6\) khác điểm tối đa \(10\)/);
    assert.match(errs, /Mã 1\.1\.1 bị trùng/);
    assert.match(errs, /thiếu cách chấm điểm/);
  });
});

describe('scoring rules (hand-computed)', () => {
  const prop: ScoringRule = { type: 'proportional', fullAt: 0.8, zeroBelow: 0.3 };
  const band: ScoringRule = { type: 'banded', bands: [{ atLeast: 0.95, share: 1 }, { atLeast: 0.9, share: 0.75 }, { atLeast: 0.8, share: 0.5 }] };
  it('proportional: max × min(1, rate ÷ fullAt), 0 below zeroBelow', () => {
    assert.equal(pointsFromRate(prop, 6, 0.4), 3); // 6 × 0.5
    assert.equal(pointsFromRate(prop, 6, 0.5), 3.75); // 6 × 0.625
    assert.equal(pointsFromRate(prop, 6, 0.9), 6);
    assert.equal(pointsFromRate(prop, 6, 0.29), 0);
    assert.equal(pointsFromRate({ type: 'proportional', fullAt: 1 }, 4, 2 / 3), 2.67);
  });
  it('banded: the share of the first band reached', () => {
    assert.equal(pointsFromRate(band, 4, 0.97), 4);
    assert.equal(pointsFromRate(band, 4, 0.92), 3);
    assert.equal(pointsFromRate(band, 4, 0.8), 2);
    assert.equal(pointsFromRate(band, 4, 0.79), 0);
  });
  it('entered points: never above the maximum or negative; full-or-none takes 0 or max only; a rate goes through the rule', () => {
    assert.deepEqual(pointsOf({ type: 'manual' }, 3, { points: 2.5 }), { points: 2.5 });
    assert.match((pointsOf({ type: 'manual' }, 3, { points: 3.5 }) as { error: string }).error, /vượt quá điểm tối đa \(3\)/);
    assert.ok('error' in pointsOf({ type: 'manual' }, 3, { points: -1 }));
    assert.ok('error' in pointsOf({ type: 'full_or_none' }, 2, { points: 1 }));
    assert.deepEqual(pointsOf({ type: 'full_or_none' }, 2, { points: 2 }), { points: 2 });
    assert.deepEqual(pointsOf(prop, 6, { rate: 0.4 }), { points: 3 });
    assert.ok('error' in pointsOf({ type: 'manual' }, 3, { rate: 0.5 }));
    assert.match(ruleText(band, 4), /từ 90 %: 3 điểm/);
  });
});

const nodes: NodeDef[] = [
  { code: '1', name: 'A', level: 'area', parentCode: null, maxPoints: 10 },
  { code: '1.1', name: 'A1', level: 'criterion', parentCode: '1', maxPoints: 10 },
  { code: '1.1.1', name: 'x', level: 'sub', parentCode: '1.1', maxPoints: 4 },
  { code: '1.1.2', name: 'y', level: 'sub', parentCode: '1.1', maxPoints: 6 },
  { code: '2', name: 'B', level: 'area', parentCode: null, maxPoints: 5 },
  { code: '2.1', name: 'B1', level: 'criterion', parentCode: '2', maxPoints: 5 },
  { code: '2.1.1', name: 'z', level: 'sub', parentCode: '2.1', maxPoints: 5 },
];

describe('totals and comparison (hand-computed)', () => {
  it('self = entered else auto; final = appraised else self; sums per criterion, area and overall', () => {
    const s = new Map<string, ItemScores>([
      ['1.1.1', { self: 3, auto: null, review: 2 }],
      ['1.1.2', { self: null, auto: 4.5, review: null }], // auto value counts as the self-score
      ['2.1.1', { self: 5, auto: 2, review: null }], // entered overrides auto
    ]);
    const t = scoreAssessment(nodes, s);
    assert.deepEqual([t.maxPoints, t.self, t.review, t.final, t.scored, t.subs], [15, 12.5, 2, 11.5, 3, 3]);
    assert.deepEqual(t.areas.map((a) => [a.self, a.review, a.final]), [[7.5, 2, 6.5], [5, null, 5]]);
    const prev = scoreAssessment(nodes, new Map([['1.1.1', { self: 4, auto: null, review: 4 }], ['2.1.1', { self: 1, auto: null, review: null }]]));
    const c = compareYears({ stage: 'draft', totals: t }, { stage: 'final', totals: prev });
    assert.deepEqual(c.areas.map((a) => [a.code, a.current, a.previous, a.change]), [['1', 7.5, 4, 3.5], ['2', 5, 1, 4]]);
    assert.deepEqual([c.total.current, c.total.previous, c.total.change, c.total.currentRate], [12.5, 5, 7.5, 0.8333]);
    assert.equal(compareYears({ stage: 'draft', totals: t }, null).total.change, null);
  });
});

describe('properties', () => {
  const rule = fc.oneof(
    fc.constant<ScoringRule>({ type: 'full_or_none' }),
    fc.double({ min: 0.05, max: 1, noNaN: true }).map((fullAt): ScoringRule => ({ type: 'proportional', fullAt })),
    fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 4 })
      .map((bs): ScoringRule => {
        const at = bs.map((b) => b[0]).sort((a, b) => b - a);
        const sh = bs.map((b) => b[1]).sort((a, b) => b - a);
        return { type: 'banded', bands: at.map((atLeast, i) => ({ atLeast, share: sh[i]! })) };
      }),
  );
  const max = fc.integer({ min: 1, max: 4000 }).map((x) => x / 100);
  const rate = fc.double({ min: 0, max: 1.5, noNaN: true });
  it('0 ≤ points ≤ max for every rule and rate', () => {
    fc.assert(fc.property(rule, max, rate, (r, m, x) => {
      const p = pointsFromRate(r, m, x);
      return p >= 0 && p <= m;
    }));
  });
  it('the proportional rule is monotone in the rate', () => {
    fc.assert(fc.property(fc.double({ min: 0.05, max: 1, noNaN: true }), max, rate, rate, (fullAt, m, a, b) => {
      const r: ScoringRule = { type: 'proportional', fullAt };
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return pointsFromRate(r, m, lo) <= pointsFromRate(r, m, hi);
    }));
  });
  it('totals are the sums of their parts and never exceed the maximum', () => {
    const entry = fc.record({ self: fc.option(fc.double({ min: -2, max: 12, noNaN: true })), auto: fc.option(fc.double({ min: 0, max: 12, noNaN: true })), review: fc.option(fc.double({ min: 0, max: 12, noNaN: true })) });
    fc.assert(fc.property(fc.tuple(entry, entry, entry), ([a, b, c]) => {
      const t = scoreAssessment(nodes, new Map([['1.1.1', a], ['1.1.2', b], ['2.1.1', c]]));
      const near = (x: number, y: number) => Math.abs(x - y) < 0.011;
      return near(t.self, t.areas.reduce((s, x) => s + x.self, 0)) && near(t.final, t.areas.reduce((s, x) => s + x.final, 0))
        && t.areas.every((ar) => near(ar.self, ar.children.reduce((s, x) => s + x.self, 0)) && ar.self <= ar.maxPoints + 1e-9 && ar.final <= ar.maxPoints + 1e-9 && ar.self >= 0)
        && t.final <= t.maxPoints + 1e-9;
    }));
  });
});
