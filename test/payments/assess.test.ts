// The fee assessment (pure): the shipped procedures' fee lines applied to a dossier's answers — on-time birth and
// death registration exempt by law, copies and pages from the e-form, declared exempt groups — and its properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assessFee, daysBetween, exemptionText, linesAt, type Answers } from '../../src/payments/core/assess.ts';
import { dueNow, feeStatusKind } from '../../src/payments/core/amount.ts';
import { findSeedProcedure, seedProcedures } from '../../src/catalogue/seed/index.ts';
import type { Fee } from '../../src/catalogue/core/types.ts';
import { NO_EXEMPTION_ANSWER } from '../../src/catalogue/core/fees.ts';
import { validateProcedure } from '../../src/catalogue/core/validate.ts';
import { exemptGroupField } from '../../src/catalogue/seed/builders.ts';

const at = new Date('2026-01-15T03:00:00Z');
const get = (code: string) => {
  const p = findSeedProcedure(code, at);
  assert.ok(p, code);
  return p;
};
const birth = get('1.001193');
const death = get('1.000656');
const extract = get('2.000635'); // bản sao trích lục: per copy
const certified = get('2.000815'); // chứng thực bản sao: per page, per copy
const total = (p: Parameters<typeof assessFee>[0], answers: Answers, filedOn: string, o: { exemption?: string; units?: number; copies?: number } = {}) =>
  linesAt(assessFee(p, answers, { channel: 'direct', filedOn, ...o }), 'before').totalVnd;

/** A day `n` calendar days after 2026-01-01. */
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);
const born = (iso: string): Answers => ({ TO_KHAI: { childDateOfBirth: iso } });
const died = (iso: string): Answers => ({ TO_KHAI: { dateOfDeath: iso } });

test('days between two dates, across months and years; null for a non-date', () => {
  assert.equal(daysBetween('2026-01-01', '2026-03-02'), 60);
  assert.equal(daysBetween('2025-12-31', '2026-01-01'), 1);
  assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2); // leap year
  assert.equal(daysBetween('', '2026-01-01'), null);
  assert.equal(daysBetween('2026-02-30', '2026-03-01'), null);
});

test('birth registered within 60 days of the birth is free (Luật Hộ tịch 2014 Đ15 k1, Đ11 k1); day 61 pays the fee', () => {
  const fee = birth.fees[0]!.amountVnd;
  assert.ok(fee > 0);
  assert.equal(total(birth, born(day(0)), day(0)), 0);
  assert.equal(total(birth, born(day(0)), day(60)), 0);
  assert.equal(total(birth, born(day(0)), day(61)), fee);
  const line = assessFee(birth, born(day(0)), { channel: 'direct', filedOn: day(10) }).lines[0]!;
  assert.equal(line.exemption?.source, 'law');
  assert.match(exemptionText(line)!, /^Miễn lệ phí: đăng ký khai sinh đúng hạn \(Luật Hộ tịch 2014, Điều 11/);
  // No birth date, or one after the filing: no exemption from the law (the officer can still choose one).
  assert.equal(total(birth, {}, day(10)), fee);
  assert.equal(total(birth, born(day(20)), day(10)), fee);
});

test('death registered within 15 days is free (Luật Hộ tịch 2014 Đ33, Đ11 k1): day 15 free, day 16 charged', () => {
  const fee = death.fees[0]!.amountVnd;
  assert.equal(total(death, died(day(3)), day(18)), 0);
  assert.equal(total(death, died(day(3)), day(19)), fee);
  assert.match(exemptionText(assessFee(death, died(day(3)), { channel: 'direct', filedOn: day(4) }).lines[0]!)!, /^Miễn lệ phí: đăng ký khai tử đúng hạn/);
});

test('copies from the e-form: two copies of an extract cost twice one; the officer\'s count wins', () => {
  const one = total(extract, { TO_KHAI: { copies: '1' } }, day(10));
  assert.ok(one > 0);
  assert.equal(total(extract, { TO_KHAI: { copies: '2' } }, day(10)), 2 * one);
  assert.equal(total(extract, {}, day(10)), one); // not answered: one copy
  assert.equal(total(extract, { TO_KHAI: { copies: 'hai' } }, day(10)), one);
  assert.equal(total(extract, { TO_KHAI: { copies: '2' } }, day(10), { copies: 3 }), 3 * one);
});

test('pages and copies of a certified copy: tiers per copy (TT 226/2016 Đ4)', () => {
  const form = (pages: string, copies: string): Answers => ({ PHIEU_YEU_CAU: { pages, copies } });
  assert.equal(total(certified, form('1', '1'), day(1)), 2_000);
  assert.equal(total(certified, form('3', '1'), day(1)), 5_000);
  assert.equal(total(certified, form('3', '2'), day(1)), 10_000);
  assert.equal(total(certified, form('300', '1'), day(1)), 200_000);
  assert.equal(total(certified, form('3', '2'), day(1), { units: 1 }), 4_000);
});

test('an exempt group declared in the e-form makes a late registration free, to be confirmed by the officer', () => {
  // The shipped birth and death forms ask it (catalogue/seed/builders.ts exemptGroupField, civilStatusExempt).
  for (const p of [birth, death]) {
    assert.equal(p.fees[0]!.exemptionField, 'feeExemption', p.code);
    assert.ok(p.components.some((c) => c.form?.fields.some((f) => f.name === 'feeExemption' && f.type === 'select' && !f.required)), p.code);
    assert.ok(p.components.some((c) => c.code === 'GIAY_TO_MIEN_LE_PHI' && !c.required), `${p.code}: the proof, optional`);
  }
  const withoutField = { ...birth, components: birth.components.map((c) => c.form ? { ...c, form: { ...c.form, fields: c.form.fields.filter((f) => f.name !== 'feeExemption') } } : c) };
  assert.ok(validateProcedure(withoutField).some((i) => i.path === 'fees.0.exemptionField'), 'the field must exist in the tờ khai');
  const late = (feeExemption: string): Answers => ({ TO_KHAI: { childDateOfBirth: day(0), feeExemption } });
  assert.equal(total(birth, late('Người thuộc hộ nghèo'), day(200)), 0);
  const line = assessFee(birth, late('Người thuộc hộ nghèo'), { channel: 'online', filedOn: day(200) }).lines[0]!;
  assert.equal(line.exemption?.source, 'declared');
  assert.equal(line.fullAmountVnd, birth.fees[0]!.amountVnd);
  assert.match(exemptionText(line)!, /^Miễn lệ phí: người thuộc hộ nghèo \(Luật Hộ tịch 2014, Điều 11 khoản 1; cán bộ kiểm tra giấy tờ/);
  assert.equal(total(death, { TO_KHAI: { dateOfDeath: day(0), feeExemption: 'Người khuyết tật' } }, day(100)), 0);
  // "None" (the first choice, to take a choice back), nothing, or a value that is not one of the line's cases: charged.
  assert.equal(birth.components[0]!.form!.fields.find((f) => f.name === 'feeExemption')!.options![0], NO_EXEMPTION_ANSWER);
  for (const v of [NO_EXEMPTION_ANSWER, '', 'Người quen']) assert.equal(total(birth, late(v), day(200)), birth.fees[0]!.amountVnd, v);
  // A generated form with the field passes validation (the builder's choices are the line's cases, plus "none").
  const declaring = { ...withoutField, components: withoutField.components.map((c) => c.form ? { ...c, form: { ...c.form, fields: [...c.form.fields, exemptGroupField()] } } : c) };
  assert.deepEqual(validateProcedure(declaring), []);
});

test('the officer\'s exemption must be one of the procedure\'s; a free procedure has nothing to exempt', () => {
  assert.equal(total(birth, born(day(0)), day(100), { exemption: 'Người khuyết tật' }), 0);
  assert.throws(() => assessFee(birth, {}, { channel: 'direct', filedOn: day(1), exemption: 'Người quen' }), RangeError);
  const marriage = get('1.000894');
  assert.equal(total(marriage, {}, day(1)), 0);
  assert.equal(feeStatusKind(assessFee(marriage, {}, { channel: 'direct', filedOn: day(1) }), null, []), 'free');
});

test('what is due and the status: an on-time birth owes 0 with its reason; a late one owes the fee until paid', () => {
  const open = { state: 2, obligation: null, beforeFeesSettled: false };
  const onTime = assessFee(birth, born(day(0)), { channel: 'direct', filedOn: day(5) });
  const due = dueNow(onTime, open)!;
  assert.equal(due.amountVnd, 0);
  assert.equal(due.exemptReasons.length, 1);
  assert.equal(feeStatusKind(onTime, due, []), 'exempt');
  const late = assessFee(birth, born(day(0)), { channel: 'direct', filedOn: day(90) });
  const owed = dueNow(late, open)!;
  assert.equal(owed.amountVnd, birth.fees[0]!.amountVnd);
  assert.equal(feeStatusKind(late, owed, []), 'due');
  const paid = [{ ref: 'XS1', amountVnd: owed.amountVnd, method: 'online', description: owed.description, at }];
  assert.equal(feeStatusKind(late, dueNow(late, { ...open, beforeFeesSettled: true }), paid), 'paid');
  assert.equal(feeStatusKind(late, dueNow(late, { ...open, state: 10 }), []), 'unsettled');
});

test('residence registration is charged the rate of its channel only: online 10.000, at the counter 20.000 (TT 75/2022)', () => {
  const permanent = get('CA.LOCAL.001');
  const temporary = get('CA.LOCAL.002');
  const at = (p: typeof permanent, channel: 'direct' | 'online' | 'postal') => assessFee(p, {}, { filedOn: day(1), channel });
  assert.equal(linesAt(at(permanent, 'online'), 'before').totalVnd, 10_000);
  assert.equal(linesAt(at(permanent, 'direct'), 'before').totalVnd, 20_000);
  assert.equal(linesAt(at(permanent, 'postal'), 'before').totalVnd, 20_000); // on paper, by post: not the online rate
  assert.deepEqual(at(permanent, 'online').lines.map((l) => l.code), ['LP_TRUC_TUYEN']);
  assert.deepEqual(at(permanent, 'direct').lines.map((l) => l.code), ['LP_TRUC_TIEP']);
  assert.equal(linesAt(at(temporary, 'online'), 'before').totalVnd, 7_000);
  assert.equal(linesAt(at(temporary, 'direct'), 'before').totalVnd, 15_000);
  // What is due is the one line: its name says which rate it is.
  const due = dueNow(at(permanent, 'online'), { state: 1, obligation: null, beforeFeesSettled: false })!;
  assert.equal(due.amountVnd, 10_000);
  assert.match(due.description, /trực tuyến/);
  assert.deepEqual(due.feeCodes, ['LP_TRUC_TUYEN']);
});

test('a shipped procedure priced per channel prices every channel it offers, with exactly one line', () => {
  const perChannel = seedProcedures.filter((p) => p.fees.some((f) => f.channels));
  assert.ok(perChannel.length >= 2);
  for (const p of perChannel) {
    for (const channel of p.methods) {
      const lines = assessFee(p, {}, { filedOn: day(1), channel }).lines.filter((l) => l.fullAmountVnd > 0);
      assert.equal(lines.length, 1, `${p.code} ${channel}`);
    }
  }
});

// ── Properties over generated fee lines ──────────────────────────────────────────────────────────────────────

const CASES = ['Người thuộc hộ nghèo', 'Người khuyết tật'];
const flatFee = fc.record({ amountVnd: fc.integer({ min: 0, max: 2_000_000 }), collect: fc.constantFrom('before' as const, 'after' as const) })
  .map(({ amountVnd, collect }): Fee => ({
    code: 'F', name: 'Lệ phí', kind: 'charge', amountVnd, collect, exemptions: CASES, legalBasis: 'x', copiesField: 'copies', exemptionField: 'feeExemption',
    exemptWhen: [{ exemption: CASES[0]!, dateField: 'eventDate', withinDays: 30, reason: 'đúng hạn', legalBasis: 'y' }],
  }));
const answers = fc.record({
  eventDate: fc.integer({ min: 0, max: 400 }).map(day),
  feeExemption: fc.constantFrom('', ...CASES, 'Khác'),
  copies: fc.constantFrom('', '1', '2', '7', 'x'),
});

test('property: the amount is never negative, and an exemption never raises it', () => {
  fc.assert(fc.property(flatFee, answers, fc.integer({ min: 0, max: 400 }), fc.option(fc.constantFrom(...CASES), { nil: undefined }), (fee, ans, filed, exemption) => {
    const p = { code: 'X', fees: [fee] };
    const line = assessFee(p, { F: ans }, { channel: 'direct', filedOn: day(filed), exemption }).lines[0]!;
    assert.ok(line.amountVnd >= 0);
    assert.ok(line.amountVnd <= line.fullAmountVnd);
    const plain = assessFee(p, { F: { copies: ans.copies } }, { channel: 'direct', filedOn: day(filed) }).lines[0]!;
    assert.equal(line.fullAmountVnd, plain.amountVnd); // the exemption changes nothing but the amount
  }));
});

test('property: for a flat fee, n copies cost n times one copy', () => {
  fc.assert(fc.property(flatFee, fc.integer({ min: 1, max: 999 }), (fee, n) => {
    const p = { code: 'X', fees: [fee] };
    const of = (copies: string) => assessFee(p, { F: { copies } }, { channel: 'direct', filedOn: day(1) }).lines[0]!.amountVnd;
    assert.equal(of(String(n)), n * of('1'));
  }));
});
