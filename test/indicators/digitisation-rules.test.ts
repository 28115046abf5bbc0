// The digitisation, reuse, store and population-data rules of one dossier (core dataFlagsOf; 766 spec 4.1–4.5,
// domain.md §3.3–3.4), as properties over generated procedures and files, the 4.5a procedure rule, and the rates
// against the plan's targets (core/breakdown.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { countsOf, dataFlagsOf, type DataFacts, type DossierFacts, type FileFacts, type PaperOf } from '../../src/indicators/core/contributions.ts';
import { populationDataProcedures, targetsPersons } from '../../src/indicators/core/catalogue-measures.ts';
import { meets, ratesOf } from '../../src/indicators/core/breakdown.ts';

const RESULT = 'KET_QUA';
const CODES = ['TO_KHAI', 'GIAY_CHUNG_SINH', 'GXN_DA_CAP', 'GIAY_TO_TUY_THAN'];
const paper: fc.Arbitrary<PaperOf> = fc.record({
  code: fc.constantFrom(...CODES), required: fc.boolean(), kind: fc.constantFrom('original', 'copy', 'certified_copy', 'shown'),
});
const fileOf = (component: fc.Arbitrary<string>): fc.Arbitrary<FileFacts> => fc.record({
  component, digitised: fc.constant(true), reused: fc.boolean(), fromStore: fc.boolean(), signedResult: fc.boolean(),
}).map((f) => (f.component === RESULT ? { ...f, reused: false, fromStore: false } : { ...f, signedResult: false }));
const anyFile = fileOf(fc.constantFrom(...CODES, RESULT));
const facts: fc.Arbitrary<DataFacts> = fc.record({
  papers: fc.uniqueArray(paper, { selector: (p) => p.code, maxLength: 4 }),
  files: fc.array(anyFile, { maxLength: 6 }),
  resultPushed: fc.boolean(),
  authenticatedWithEid: fc.boolean(),
});
const base: Omit<DossierFacts, keyof ReturnType<typeof dataFlagsOf>> = {
  channel: 'direct', received: true, eligibleFullOnline: false, feeDue: false, paidOnline: false, complained: false, returnsPaperResult: false,
};
const countsFor = (d: DataFacts, returnsPaperResult: boolean) => countsOf({ ...base, returnsPaperResult, ...dataFlagsOf(d) });

describe('dataFlagsOf (766 4.2–4.5 of one dossier)', () => {
  it('property: adding a file never makes a dossier less digitised, reused, linked or using population data', () => {
    fc.assert(fc.property(facts, anyFile, fc.boolean(), (d, extra, paperResult) => {
      const before = countsFor(d, paperResult);
      const after = countsFor({ ...d, files: [...d.files, extra] }, paperResult);
      for (const c of ['digitised', 'reused', 'linked_to_store', 'eid', 'e_result'] as const) {
        if (before.includes(c)) assert.ok(after.includes(c), `${c} lost by adding ${JSON.stringify(extra)}`);
      }
    }));
  });
  it('property: a dossier with a component from the store is always reused, linked to the store and using population data', () => {
    fc.assert(fc.property(facts, fc.constantFrom(...CODES), (d, component) => {
      const f = dataFlagsOf({ ...d, files: [...d.files, { component, digitised: true, reused: false, fromStore: true, signedResult: false }] });
      assert.deepEqual([f.reusedComponent, f.linkedToStore, f.eid], [true, true, true]);
    }));
  });
  it('property: removing the only reused (or from-store) component file un-reuses the dossier', () => {
    fc.assert(fc.property(facts, fc.constantFrom(...CODES), fc.boolean(), (d, component, fromStore) => {
      const plain = d.files.map((f) => ({ ...f, reused: false, fromStore: false }));
      const reused = { component, digitised: true, reused: !fromStore, fromStore, signedResult: false };
      assert.equal(dataFlagsOf({ ...d, files: [...plain, reused] }).reusedComponent, true);
      assert.equal(dataFlagsOf({ ...d, files: plain }).reusedComponent, false);
    }));
  });
  it('property: digitised (4.2) is exactly "every required filed paper has a file, and the signed e-result where the procedure returns a paper result"', () => {
    fc.assert(fc.property(facts, fc.boolean(), (d, paperResult) => {
      const required = d.papers.filter((p) => p.required);
      const withFile = new Set(d.files.filter((f) => f.component !== RESULT).map((f) => f.component));
      const papersOk = required.length > 0 && required.every((p) => p.kind === 'shown' || withFile.has(p.code));
      const resultOk = !paperResult || d.files.some((f) => f.component === RESULT && f.signedResult);
      assert.equal(countsFor(d, paperResult).includes('digitised'), papersOk && resultOk);
    }));
  });
  it('property: the result file is never a component: it neither digitises a paper, nor reuses, nor comes from the store', () => {
    fc.assert(fc.property(facts, (d) => {
      const onlyResult = { ...d, files: d.files.filter((f) => f.component === RESULT), resultPushed: false, authenticatedWithEid: false };
      const f = dataFlagsOf(onlyResult);
      assert.deepEqual([f.reusedComponent, f.linkedToStore, f.eid], [false, false, false]);
      assert.equal(f.allComponentsDigitised, d.papers.some((p) => p.required) && d.papers.filter((p) => p.required).every((p) => p.kind === 'shown'));
    }));
  });
  it('a draft result (not signed) is not the e-result; the signed one is', () => {
    const papers = [{ code: 'TO_KHAI', required: true, kind: 'original' }];
    const files = (signedResult: boolean): FileFacts[] => [
      { component: 'TO_KHAI', digitised: true, reused: false, fromStore: false, signedResult: false },
      { component: RESULT, digitised: true, reused: false, fromStore: false, signedResult },
    ];
    const d = (signed: boolean): DataFacts => ({ papers, files: files(signed), resultPushed: false, authenticatedWithEid: false });
    assert.deepEqual(countsFor(d(false), true).filter((c) => c === 'digitised' || c === 'e_result'), []);
    assert.deepEqual(countsFor(d(true), true).filter((c) => c === 'digitised' || c === 'e_result'), ['e_result', 'digitised']);
  });
  it('4.4: the result pushed to the store links the dossier; 4.5: VNeID alone uses population data', () => {
    const d: DataFacts = { papers: [], files: [], resultPushed: true, authenticatedWithEid: false };
    assert.deepEqual([dataFlagsOf(d).linkedToStore, dataFlagsOf(d).eid], [true, false]);
    assert.deepEqual([dataFlagsOf({ ...d, resultPushed: false, authenticatedWithEid: true }).eid], [true]);
  });
});

describe('4.5a: procedures targeting people', () => {
  it('the catalogue\'s target persons naming people count; organisations only do not', () => {
    assert.equal(targetsPersons({ targetPersons: ['Công dân Việt Nam cư trú ở trong nước có yêu cầu xác nhận tình trạng hôn nhân'] }), true);
    assert.equal(targetsPersons({ targetPersons: ['Hộ gia đình, cá nhân có nhu cầu chuyển mục đích sử dụng đất'] }), true);
    assert.equal(targetsPersons({ targetPersons: ['Cha, mẹ, ông, bà, người thân thích khác của trẻ'] }), true);
    assert.equal(targetsPersons({ targetPersons: ['Ban tổ chức lễ hội; cơ quan, tổ chức tổ chức lễ hội cấp xã'] }), false);
    assert.equal(targetsPersons({ targetPersons: ['Doanh nghiệp, tổ chức kinh tế tại Việt Nam'] }), false, '"Việt Nam" is no person');
    assert.equal(targetsPersons({ targetPersons: [] }), false);
  });
  it('property: numerator ⊆ denominator; routing-only procedures and organisations never count', () => {
    const proc = fc.record({
      code: fc.constantFrom('A', 'B', 'C', 'D', 'E'), routingOnly: fc.boolean(),
      targetPersons: fc.constantFrom<string[]>(['Công dân có yêu cầu'], ['Cơ quan, tổ chức'], []),
    });
    fc.assert(fc.property(fc.array(proc, { maxLength: 8 }), fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'Z')), (ps, eid) => {
      const m = populationDataProcedures(ps, new Set(eid)) as { numerator: number; denominator: number };
      const people = ps.filter((p) => !p.routingOnly && p.targetPersons[0] === 'Công dân có yêu cầu');
      assert.equal(m.denominator, people.length);
      assert.equal(m.numerator, people.filter((p) => eid.includes(p.code)).length);
      assert.ok(m.numerator <= m.denominator);
    }));
  });
});

describe('rates against the plan\'s targets', () => {
  it('rates rounded as the index rounds them, targets from the plan, no rate without dossiers', () => {
    const r = ratesOf([
      { by: 'all', key: '', counts: { received: 7, digitised: 4, reused: 2 } },
      { by: 'procedure', key: 'X', counts: { received: 3, digitised: 3, reused: 3 } },
      { by: 'unit', key: '', counts: { received: 2, digitised: 0, reused: 0 } },
      { by: 'unit', key: 'VHXH', counts: { received: 5, digitised: 4, reused: 2 } },
    ], { procedures: new Map([['X', 'Đăng ký khai sinh']]), units: new Map([['VHXH', 'Phòng Văn hóa - Xã hội']]) });
    assert.deepEqual([r.overall.digitisedRate, r.overall.reusedRate], [0.5714, 0.2857]);
    assert.deepEqual(r.targets, { digitised: 1, reused: 0.8 });
    assert.deepEqual(r.byUnit.map((u) => u.name), ['Phòng Văn hóa - Xã hội', 'Chưa chuyển đơn vị']);
    assert.equal(r.byProcedure[0]!.name, 'Đăng ký khai sinh');
    assert.deepEqual([meets(1, 1), meets(0.8, 0.8), meets(0.7999, 0.8), meets(null, 0.8)], [true, true, false, null]);
    const empty = ratesOf([], { procedures: new Map(), units: new Map() });
    assert.deepEqual([empty.overall.received, empty.overall.digitisedRate], [0, null]);
  });
});
