// The catalogue-level measures of the payment group, 766 3.5a and 3.5b (domain.md §4 3.5), over procedures in force;
// and that a procedure listed for routing only (another agency decides it) counts in none of the catalogue measures.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catalogueRates, offersOnlinePayment, onlinePaymentMeasures, ownProcedures, proceduresOf, publishedInFull, type ProcedureData } from '../../src/indicators/core/catalogue-measures.ts';
import type { Fee } from '../../src/catalogue/core/types.ts';

const line = (o: Partial<Fee>): Fee => ({ code: 'LP', name: 'Lệ phí', kind: 'charge', amountVnd: 5_000, collect: 'before', exemptions: [], legalBasis: 'TT 85/2019/TT-BTC', ...o });
const proc = (code: string, o: Partial<ProcedureData> = {}): ProcedureData => ({
  code, name: code, field: { code: 'HT' }, handlingUnitCode: 'VHXH', fees: [line({})], pausingStates: ['supplement'], flags: { hasFee: true }, ...o,
});

describe('offersOnlinePayment (3.5a)', () => {
  it('a chargeable "thu trước" line is payable online', () => {
    assert.equal(offersOnlinePayment(proc('A')), true);
    assert.equal(offersOnlinePayment(proc('A', { fees: [line({ amountVnd: 0, perUnit: { unit: 'trang', tiers: [{ fromUnit: 1, amountVnd: 2_000 }] } })] })), true, 'per page');
  });
  it('a "thu sau" line only with the financial-obligation step (state 6 is when it can be paid online)', () => {
    assert.equal(offersOnlinePayment(proc('B', { fees: [line({ collect: 'after' })] })), false);
    assert.equal(offersOnlinePayment(proc('B', { fees: [line({ collect: 'after' })], pausingStates: ['supplement', 'financial_obligation'] })), true);
  });
  it('lines of 0 đ offer nothing to pay', () => {
    assert.equal(offersOnlinePayment(proc('C', { fees: [line({ amountVnd: 0 })] })), false);
    assert.equal(offersOnlinePayment(proc('C', { fees: [] })), false);
  });
});

describe('onlinePaymentMeasures (3.5a, 3.5b)', () => {
  it('hand-computed: 3 fee-bearing procedures (one "thu sau" without the obligation step), 1 free; 2 paid online, one of them free', () => {
    const all = [proc('A'), proc('B'), proc('C', { fees: [line({ collect: 'after' })] }), proc('FREE', { fees: [], flags: { hasFee: false } })];
    const m = onlinePaymentMeasures(all, new Set(['A', 'FREE', 'ELSEWHERE']));
    assert.deepEqual(m['3.5a'], { numerator: 2, denominator: 3 });
    assert.deepEqual(m['3.5b'], { numerator: 1, denominator: 3 }, 'a procedure without fee or out of the catalogue does not count');
  });
  it('property: numerators ≤ the fee-bearing procedures; 3.5b counts exactly the fee-bearing ones paid online', () => {
    const p = fc.record({
      code: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), hasFee: fc.boolean(), amount: fc.constantFrom(0, 2_000, 50_000),
      collect: fc.constantFrom('before' as const, 'after' as const), obligation: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(p, { maxLength: 12 }), fc.subarray(['A', 'B', 'C', 'D', 'E', 'F', 'Z']), (list, paid) => {
      const procs = proceduresOf(list.map((x) => proc(x.code, {
        flags: { hasFee: x.hasFee }, fees: [line({ amountVnd: x.amount, collect: x.collect })],
        pausingStates: x.obligation ? ['financial_obligation'] : [],
      })), {});
      const m = onlinePaymentMeasures(procs, new Set(paid));
      const withFee = procs.filter((x) => x.flags?.hasFee);
      for (const k of ['3.5a', '3.5b'] as const) {
        const v = m[k] as { numerator: number; denominator: number };
        assert.equal(v.denominator, withFee.length);
        assert.ok(v.numerator <= v.denominator, k);
      }
      assert.equal((m['3.5b'] as { numerator: number }).numerator, withFee.filter((x) => paid.includes(x.code!)).length);
    }));
  });
});

describe('proceduresOf', () => {
  it('one per code, filtered by field, procedure or handling unit', () => {
    const all = [proc('A'), proc('A'), proc('B', { field: { code: 'CT' }, handlingUnitCode: 'VP' })];
    assert.deepEqual(proceduresOf(all, {}).map((p) => p.code), ['A', 'B']);
    assert.deepEqual(proceduresOf(all, { fieldCode: 'CT' }).map((p) => p.code), ['B']);
    assert.deepEqual(proceduresOf(all, { procedureCode: 'A' }).map((p) => p.code), ['A']);
    assert.deepEqual(proceduresOf(all, { unitCode: 'VHXH' }).map((p) => p.code), ['A']);
  });
});

describe('routing-only procedures (catalogue `routingOnly`: residence, decided by Công an xã)', () => {
  // Published in full (1.3), eligible for and offered full online, receivable anywhere, with a fee paid online.
  const complete = (code: string, o: Partial<ProcedureData> = {}) => proc(code, {
    steps: ['Bước 1'], methods: ['counter', 'online'], components: [{}], processingTime: { days: 3 }, targetPersons: ['Công dân'],
    authority: 'Ủy ban nhân dân cấp xã', flags: { hasFee: true, eligibleFullOnline: true, receivableAnywhereInProvince: true }, ...o,
  });
  const own = [complete('A'), complete('B', { methods: ['counter'], flags: { hasFee: true, eligibleFullOnline: true } })];
  const police = complete('CA.LOCAL.001', { routingOnly: true, field: { code: 'CT' }, handlingUnitCode: 'CA' });

  it('hand-computed: the same figures with or without it, in 1.3, 3.5a, 3.5b and the plan\'s catalogue targets', () => {
    const paid = new Set(['A', 'CA.LOCAL.001']);
    assert.deepEqual(publishedInFull([...own, police]), { numerator: 2, denominator: 2 });
    assert.deepEqual(onlinePaymentMeasures([...own, police], paid), {
      '3.5a': { numerator: 2, denominator: 2 }, '3.5b': { numerator: 1, denominator: 2 },
    });
    assert.deepEqual(catalogueRates([...own, police]), { 'full-online-procedures': 0.5, 'borderless-procedures': 0.5 });
    assert.deepEqual(ownProcedures(proceduresOf([...own, police], { fieldCode: 'CT' })), []);
  });
  it('only routing-only procedures: nothing to count (null rates, 0 denominators), never a figure of the commune', () => {
    assert.deepEqual(publishedInFull([police]), { numerator: 0, denominator: 0 });
    assert.deepEqual(catalogueRates([police]), { 'full-online-procedures': null, 'borderless-procedures': null });
    const m = onlinePaymentMeasures([police], new Set(['CA.LOCAL.001']));
    assert.deepEqual([m['3.5a'], m['3.5b']], [{ numerator: 0, denominator: 0 }, { numerator: 0, denominator: 0 }]);
  });
  it('property: adding routing-only procedures, anywhere in the list, changes no catalogue measure', () => {
    const p = fc.record({
      code: fc.constantFrom('A', 'B', 'C', 'D'), hasFee: fc.boolean(), eligible: fc.boolean(), anywhere: fc.boolean(),
      online: fc.boolean(), full: fc.boolean(), routingOnly: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(p, { maxLength: 10 }), fc.subarray(['A', 'B', 'C', 'D']), (list, paidCodes) => {
      const all = list.map((x) => complete(x.routingOnly ? `CA.LOCAL.${x.code}` : x.code, {
        ...(x.routingOnly ? { routingOnly: true } : {}), methods: x.online ? ['online'] : ['counter'], steps: x.full ? ['Bước 1'] : [],
        flags: { hasFee: x.hasFee, eligibleFullOnline: x.eligible, receivableAnywhereInProvince: x.anywhere },
      }));
      const mine = all.filter((x) => !x.code!.startsWith('CA.'));
      const paid = new Set(paidCodes.flatMap((c) => [c, `CA.LOCAL.${c}`]));
      assert.deepEqual(publishedInFull(all), publishedInFull(mine));
      assert.deepEqual(catalogueRates(all), catalogueRates(mine));
      assert.deepEqual(onlinePaymentMeasures(all, paid), onlinePaymentMeasures(mine, paid));
    }));
  });
});
