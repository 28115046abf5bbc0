// Per-dossier contributions to the 766 counts (domain.md §4 3.3, 3.6, 4.1–4.5) and their sums.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  allPapersFiled, countsOf, feeBearing, linkedToStore, measuresFromCounts, usesPopulationData, type Count, type DossierFacts,
} from '../../src/indicators/core/contributions.ts';

const plain: DossierFacts = {
  channel: 'direct', received: true, eligibleFullOnline: false, returnsPaperResult: false, feeDue: false, paidOnline: false,
  eResult: false, allComponentsDigitised: false, reusedComponent: false, linkedToStore: false, eid: false, complained: false,
};
const f = (o: Partial<DossierFacts>) => ({ ...plain, ...o });

describe('countsOf', () => {
  it('never received: counts nowhere', () => {
    assert.deepEqual(countsOf(f({ received: false, channel: 'online', eid: true })), []);
  });
  it('an online dossier of a paper-result procedure counts as online only with an e-result (3.3)', () => {
    assert.ok(!countsOf(f({ channel: 'online', returnsPaperResult: true })).includes('received_online'));
    assert.ok(countsOf(f({ channel: 'online', returnsPaperResult: true, eResult: true })).includes('received_online'));
    assert.ok(countsOf(f({ channel: 'online' })).includes('received_online'));
  });
  it('fee-bearing dossiers form the 3.6 denominator; exempt ones do not', () => {
    assert.deepEqual(countsOf(f({ feeDue: true, paidOnline: true })).filter((c) => c.includes('fee') || c.includes('paid')), ['fee_due', 'paid_online']);
    assert.deepEqual(countsOf(f({ paidOnline: true })).filter((c) => c.includes('paid')), [], 'paid without a fee due does not count');
  });
  it('4.2 needs every component digitised and the e-result where one is returned', () => {
    assert.ok(!countsOf(f({ allComponentsDigitised: true, returnsPaperResult: true })).includes('digitised'));
    assert.ok(countsOf(f({ allComponentsDigitised: true, returnsPaperResult: true, eResult: true })).includes('digitised'));
  });
});

describe('feeBearing (3.6 denominator)', () => {
  const fee = { procedureHasFee: true, assessedVnd: 5_000, paidVnd: 0, exemptRecorded: false };
  it('a positive assessed fee counts, paid or not', () => {
    assert.equal(feeBearing(fee), true);
    assert.equal(feeBearing({ ...fee, paidVnd: 5_000 }), true);
  });
  it('fees all 0 (exempt by the law or the declared group) do not count', () => {
    assert.equal(feeBearing({ ...fee, assessedVnd: 0 }), false);
  });
  it('an exemption the officer recorded at the counter (0 đ) does not count; something paid does', () => {
    assert.equal(feeBearing({ ...fee, exemptRecorded: true }), false);
    assert.equal(feeBearing({ ...fee, assessedVnd: 0, paidVnd: 1_250_000 }), true, 'a notified obligation paid');
  });
  it('a procedure without fees never counts', () => {
    assert.equal(feeBearing({ ...fee, procedureHasFee: false, paidVnd: 5_000 }), false);
  });
});

describe('allPapersFiled (4.2)', () => {
  const papers = [
    { code: 'TO_KHAI', required: true, kind: 'original' },
    { code: 'GIAY_CHUNG_SINH', required: true, kind: 'original' },
    { code: 'GIAY_TO_TUY_THAN', required: true, kind: 'shown' },
    { code: 'VAN_BAN_UY_QUYEN', required: false, kind: 'original' },
  ];
  it('a paper only shown (the ID card) needs no file (TT 03/2025 Đ5 k2)', () => {
    assert.equal(allPapersFiled(papers, new Set(['TO_KHAI', 'GIAY_CHUNG_SINH'])), true);
  });
  it('a filed required paper without a file fails; optional ones do not matter', () => {
    assert.equal(allPapersFiled(papers, new Set(['TO_KHAI', 'GIAY_TO_TUY_THAN'])), false);
  });
  it('a procedure listing no required paper is not counted as digitised', () => {
    assert.equal(allPapersFiled([], new Set()), false);
    assert.equal(allPapersFiled([{ code: 'X', required: true, kind: 'shown' }], new Set()), true, 'only shown: nothing to file');
  });
});

describe('sums', () => {
  it('hand-computed fixture of five dossiers', () => {
    const all = [
      f({ channel: 'online', eligibleFullOnline: true, eid: true, reusedComponent: true, allComponentsDigitised: true }),
      f({ channel: 'online', eligibleFullOnline: true, returnsPaperResult: true }), // no e-result: not online for 3.3
      f({ eligibleFullOnline: true, feeDue: true }),
      f({ feeDue: true, paidOnline: true, returnsPaperResult: true, eResult: true, allComponentsDigitised: true }),
      f({ received: false, channel: 'online' }),
    ];
    const sum: Partial<Record<Count, number>> = {};
    for (const d of all) for (const c of countsOf(d)) sum[c] = (sum[c] ?? 0) + 1;
    const m = measuresFromCounts(sum);
    assert.deepEqual(m['3.2'], { numerator: 1, denominator: 3 });
    assert.deepEqual(m['3.6'], { numerator: 1, denominator: 2 });
    assert.deepEqual(m['4.1'], { numerator: 1, denominator: 2 });
    assert.deepEqual(m['4.2'], { numerator: 2, denominator: 4 });
    assert.deepEqual(m['4.3'], { numerator: 1, denominator: 4 });
    assert.deepEqual(m['4.5b'], { numerator: 1, denominator: 4 });
  });
  it('property: every numerator ≤ its denominator', () => {
    const facts = fc.record({
      channel: fc.constantFrom('direct' as const, 'online' as const, 'postal' as const), received: fc.boolean(),
      eligibleFullOnline: fc.boolean(), returnsPaperResult: fc.boolean(), feeDue: fc.boolean(), paidOnline: fc.boolean(),
      eResult: fc.boolean(), allComponentsDigitised: fc.boolean(), reusedComponent: fc.boolean(), linkedToStore: fc.boolean(),
      eid: fc.boolean(), complained: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(facts, { maxLength: 60 }), (list) => {
      const sum: Partial<Record<Count, number>> = {};
      for (const d of list) for (const c of countsOf(d)) sum[c] = (sum[c] ?? 0) + 1;
      for (const [id, m] of Object.entries(measuresFromCounts(sum))) assert.ok(m.numerator <= m.denominator, id);
    }));
  });
});

describe('the e-data store (4.4) and population data (4.5b)', () => {
  it('property: 4.4 counts a component from the store OR the e-result pushed to it (its store item), nothing else', () => {
    fc.assert(fc.property(fc.boolean(), fc.boolean(), (fromStore, pushed) => {
      assert.equal(linkedToStore({ componentFromStore: fromStore, resultPushed: pushed }), fromStore || pushed);
    }));
  });
  it('property: 4.5b counts VNeID OR data from the store; never more than the received dossiers', () => {
    const facts = fc.record({ received: fc.boolean(), authenticatedWithEid: fc.boolean(), componentFromStore: fc.boolean() });
    fc.assert(fc.property(fc.array(facts, { maxLength: 40 }), (list) => {
      const sum: Partial<Record<Count, number>> = {};
      for (const x of list) {
        const eid = usesPopulationData(x);
        assert.equal(eid, x.authenticatedWithEid || x.componentFromStore);
        for (const c of countsOf(f({ received: x.received, eid }))) sum[c] = (sum[c] ?? 0) + 1;
      }
      const m = measuresFromCounts(sum)['4.5b'];
      assert.equal(m.numerator, list.filter((x) => x.received && (x.authenticatedWithEid || x.componentFromStore)).length);
      assert.equal(m.denominator, list.filter((x) => x.received).length);
    }));
  });
});
