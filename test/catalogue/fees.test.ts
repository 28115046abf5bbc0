// Fee computation (used by payments): certified-copy tiers with a per-copy cap, flat fees, exemptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { feeFor, tieredAmount } from '../../src/catalogue/core/validate.ts';
import { findSeedProcedure } from '../../src/catalogue/seed/index.ts';
import type { Fee } from '../../src/catalogue/core/types.ts';

const at = new Date('2026-01-15T03:00:00Z');
const get = (code: string) => {
  const p = findSeedProcedure(code, at);
  assert.ok(p, code);
  return p;
};
const copy = get('2.000815'); // chứng thực bản sao từ bản chính
const pages = (n: number, copies?: number) => feeFor(copy, { units: n, ...(copies ? { copies } : {}) });

test('certified copy: 2,000 đ/page, 1,000 đ/page from page 3, at most 200,000 đ per copy (TT 226/2016 Đ4)', () => {
  assert.equal(pages(1), 2_000);
  assert.equal(pages(2), 4_000);
  assert.equal(pages(3), 5_000);
  assert.equal(pages(10), 12_000);
  assert.equal(pages(198), 200_000);
  assert.equal(pages(199), 200_000);
  assert.equal(pages(300), 200_000);
  assert.equal(feeFor(copy), 2_000); // default one page, one copy
});

test('certified copy: each copy is priced and capped separately', () => {
  assert.equal(pages(3, 2), 10_000);
  assert.equal(pages(300, 3), 600_000);
});

test('property: the copy fee is monotone in pages, never above the cap, and equals the closed form', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 5_000 }), (n) => {
      const fee = pages(n);
      assert.ok(fee <= pages(n + 1));
      assert.ok(fee <= 200_000);
      assert.equal(fee, Math.min(200_000, 2_000 * Math.min(n, 2) + 1_000 * Math.max(0, n - 2)));
    }),
  );
});

test('property: any tier table gives a monotone sum of per-unit prices, capped', () => {
  const table = fc
    .record({
      steps: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 20 }), amountVnd: fc.integer({ min: 0, max: 10_000 }) }), { minLength: 1, maxLength: 5 }),
      cap: fc.option(fc.integer({ min: 0, max: 300_000 }), { nil: undefined }),
    })
    .map(({ steps, cap }) => {
      let from = 1;
      const tiers = steps.map((s, i) => ({ fromUnit: i === 0 ? 1 : (from += s.gap), amountVnd: s.amountVnd }));
      return { unit: 'trang', tiers, ...(cap === undefined ? {} : { maxPerCopyVnd: cap }) } satisfies NonNullable<Fee['perUnit']>;
    });
  fc.assert(
    fc.property(table, fc.integer({ min: 1, max: 200 }), (perUnit, n) => {
      const priceOf = (k: number) => [...perUnit.tiers].reverse().find((t) => t.fromUnit <= k)!.amountVnd;
      const brute = Array.from({ length: n }, (_, i) => priceOf(i + 1)).reduce((a, b) => a + b, 0);
      const expected = perUnit.maxPerCopyVnd === undefined ? brute : Math.min(brute, perUnit.maxPerCopyVnd);
      assert.equal(tieredAmount(perUnit, n), expected);
      assert.ok(tieredAmount(perUnit, n) <= tieredAmount(perUnit, n + 1));
    }),
  );
});

test('flat fees: signature 10,000 đ per case, contracts 50,000 / 30,000 / 25,000 đ (TT 226/2016 Đ4)', () => {
  assert.equal(feeFor(get('2.000884')), 10_000);
  assert.equal(feeFor(get('2.000884'), { units: 3 }), 30_000);
  assert.equal(feeFor(get('CT.LOCAL.002')), 50_000);
  assert.equal(feeFor(get('CT.LOCAL.003')), 30_000);
  assert.equal(feeFor(get('CT.LOCAL.004')), 25_000);
});

test('exemptions: on-time birth registration is free (Luật Hộ tịch Đ11); an unknown exemption is refused', () => {
  const birth = get('1.001193');
  const onTime = birth.fees[0]!.exemptions[0]!;
  assert.equal(feeFor(birth, { exemption: onTime }), 0);
  assert.equal(feeFor(birth, { exemption: 'Người khuyết tật' }), 0);
  assert.ok(feeFor(birth) > 0); // late registration is charged
  assert.throws(() => feeFor(birth, { exemption: 'Người quen' }), RangeError);
});

test('free or fee-less procedures cost nothing', () => {
  assert.equal(feeFor(get('1.000894')), 0); // kết hôn: miễn lệ phí
  assert.equal(feeFor(get('2.000908')), 0); // bản sao từ sổ gốc: no fee line
  assert.equal(feeFor(get('XH.LOCAL.001')), 0);
});

test('a fee line can be chosen by code; bad inputs are refused', () => {
  const residence = get('CA.LOCAL.001');
  assert.equal(feeFor(residence, { feeCode: 'LP_TRUC_TUYEN' }), residence.fees[1]!.amountVnd);
  assert.throws(() => feeFor(residence, { feeCode: 'KHONG_CO' }), RangeError);
  assert.throws(() => feeFor(copy, { units: 0 }), RangeError);
  assert.throws(() => feeFor(copy, { units: 1.5 }), RangeError);
  assert.throws(() => feeFor(copy, { copies: -1 }), RangeError);
});

test('the fee follows the version in force', () => {
  const before = findSeedProcedure('2.000635', new Date('2026-06-30T10:00:00Z'))!;
  const after = findSeedProcedure('2.000635', new Date('2026-07-01T10:00:00Z'))!;
  assert.equal(feeFor(before, { units: 2 }), 16_000);
  assert.equal(feeFor(after, { units: 2 }), 20_000);
});
