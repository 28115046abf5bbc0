// The quarterly evaluation from the ratings (domain.md §2.9): the score of a rating on the legacy 18-point form, the
// mean of a unit's, the bands (Xuất sắc > 15; Tốt 12–15; Khá 9–<12; Trung bình 6–<9; Yếu < 6), the averages of the
// criteria, and the criteria asked by channel.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CRITERIA, SCORED_CRITERIA, criteriaFor, parseCriteria, type Criteria } from '../../src/ratings/core/criteria.ts';
import { RATING_BAND_VERSIONS, bandOf, bandsAt, bandsText, evaluate, evaluateByUnit, formScore } from '../../src/ratings/core/scores.ts';

const bands = bandsAt('2026-10-01');
const BAND_ORDER = ['Yếu', 'Trung bình', 'Khá', 'Tốt', 'Xuất sắc'];
const all = (p: 0 | 1 | 2): Criteria => Object.fromEntries(SCORED_CRITERIA.map((c) => [c.key, p]));
const points = fc.constantFrom(0 as const, 1 as const, 2 as const);
const rating = fc.record(Object.fromEntries(CRITERIA.map((c) => [c.key, points])), { requiredKeys: [] }) as fc.Arbitrary<Criteria>;

describe('the criteria', () => {
  it('the nine of the legacy form are scored; timeliness and the online convenience are not', () => {
    assert.equal(SCORED_CRITERIA.length, 9);
    assert.deepEqual(CRITERIA.filter((c) => !c.scored).map((c) => c.key), ['onlineConvenience', 'timeliness']);
  });
  it('the online service\'s convenience is asked only about an online dossier, and dropped from another\'s form', () => {
    assert.ok(criteriaFor('online').some((c) => c.key === 'onlineConvenience'));
    assert.ok(!criteriaFor('direct').some((c) => c.key === 'onlineConvenience'));
    assert.deepEqual(parseCriteria({ onlineConvenience: '2', timeliness: '1' }, 'direct'), { timeliness: 1 });
    assert.deepEqual(parseCriteria({ onlineConvenience: '2', timeliness: '1' }, 'online'), { onlineConvenience: 2, timeliness: 1 });
  });
});

describe('bands', () => {
  it('the boundaries as the provincial practice codes them; 15 itself is Tốt', () => {
    const cases: [number, string][] = [[18, 'Xuất sắc'], [15.01, 'Xuất sắc'], [15, 'Tốt'], [12, 'Tốt'], [11.99, 'Khá'], [9, 'Khá'],
      [8.99, 'Trung bình'], [6, 'Trung bình'], [5.99, 'Yếu'], [0, 'Yếu']];
    for (const [s, name] of cases) assert.equal(bandOf(s, bands), name, String(s));
  });
  it('property: the band never falls as the score rises, and every score 0–18 has one', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: 18, noNaN: true }), fc.double({ min: 0, max: 18, noNaN: true }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      assert.ok(BAND_ORDER.indexOf(bandOf(lo, bands)) <= BAND_ORDER.indexOf(bandOf(hi, bands)));
    }));
  });
  it('outside the scale is an error; the bands are effective-dated', () => {
    assert.throws(() => bandOf(18.5, bands), RangeError);
    assert.throws(() => bandOf(-1, bands), RangeError);
    assert.throws(() => bandsAt('2000-01-01'));
    assert.equal(bandsAt('2030-01-01'), RATING_BAND_VERSIONS[0]);
  });
  it('in words for the page', () => {
    assert.equal(bandsText(bands), 'Xuất sắc: trên 15 điểm; Tốt: từ 12 đến 15 điểm; Khá: từ 9 đến dưới 12 điểm; Trung bình: từ 6 đến dưới 9 điểm; Yếu: dưới 6 điểm');
  });
});

describe('formScore and evaluate', () => {
  it('a full form adds up its nine criteria; the two others do not count; none answered is not scored', () => {
    assert.equal(formScore(all(2)), 18);
    assert.equal(formScore({ ...all(1), timeliness: 2, onlineConvenience: 0 }), 9);
    assert.equal(formScore({ timeliness: 2 }), null);
    assert.equal(formScore({}), null);
  });
  it('a partly answered form is pro-rated to 18 over the criteria it answers', () => {
    assert.equal(formScore({ totalTime: 2, attitude: 1 }), 13.5); // 3 of 4 points → 18 × 3/4
  });
  it('property: a score is within 0–18 and equals the sum when all nine are answered', () => {
    fc.assert(fc.property(rating, (r) => {
      const s = formScore(r);
      if (s === null) return assert.ok(SCORED_CRITERIA.every((c) => r[c.key] === undefined));
      assert.ok(s >= 0 && s <= 18);
      if (SCORED_CRITERIA.every((c) => r[c.key] !== undefined)) assert.equal(s, SCORED_CRITERIA.reduce((x, c) => x + r[c.key]!, 0));
    }));
  });
  it('hand-computed unit quarter: 18, 9 and an unscored rating → 13.5, Tốt', () => {
    const e = evaluate([all(2), all(1), { timeliness: 0 }], bands);
    assert.deepEqual([e.ratings, e.scored, e.score, e.band], [3, 2, 13.5, 'Tốt']);
    const timeliness = e.criteria.find((c) => c.key === 'timeliness')!;
    assert.deepEqual([timeliness.answers, timeliness.average], [1, 0]);
    assert.deepEqual(evaluate([], bands).band, null);
  });
  it('property: the mean lies between the lowest and highest scored rating, and its band is its band', () => {
    fc.assert(fc.property(fc.array(rating, { maxLength: 30 }), (rs) => {
      const e = evaluate(rs, bands);
      const scores = rs.map(formScore).filter((s): s is number => s !== null);
      if (!scores.length) return assert.equal(e.score, null);
      assert.ok(e.score! >= Math.min(...scores) - 0.005 && e.score! <= Math.max(...scores) + 0.005);
      assert.equal(e.band, bandOf(e.score!, bands));
      for (const c of e.criteria) assert.ok(c.average === null || (c.average >= 0 && c.average <= 2));
    }));
  });
  it('per unit: a rating counts for every unit its dossier was at, and once for the commune', () => {
    const r = evaluateByUnit([
      { criteria: all(2), units: [{ code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công' }, { code: 'VHXH', name: 'Phòng Văn hóa - Xã hội' }] },
      { criteria: all(0), units: [{ code: 'VHXH', name: 'Phòng Văn hóa - Xã hội' }] },
    ], bands);
    assert.deepEqual([r.commune.ratings, r.commune.score, r.commune.band], [2, 9, 'Khá']);
    assert.deepEqual(r.units.map((u) => [u.code, u.ratings, u.score, u.band]), [['VHXH', 2, 9, 'Khá'], ['TTPVHCC', 1, 18, 'Xuất sắc']]);
  });
});
