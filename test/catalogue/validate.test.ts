// One test per validation rule: each breaks a valid seed procedure in one way and expects that rule's issue,
// so removing the rule makes its test fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { legalWorkingHours, validateProcedure, validateVersions, type ValidationIssue } from '../../src/catalogue/core/validate.ts';
import { standardProcess } from '../../src/catalogue/seed/builders.ts';
import { findSeedProcedure } from '../../src/catalogue/seed/index.ts';
import type { ProcedureVersionInput, ProcessingTime } from '../../src/catalogue/core/types.ts';

const at = new Date('2026-01-15T03:00:00Z');
const base = (code = '2.000815'): ProcedureVersionInput => structuredClone(findSeedProcedure(code, at)!);
const COPY = '2.000815'; // same_day, per-page fee, direct only
const BIRTH = '1.001193'; // same_day, full online, e-form with selects
const PERMIT = 'XD.LOCAL.001'; // calendar days, local code

function issuesAfter(mutate: (p: ProcedureVersionInput) => void, code = COPY): ValidationIssue[] {
  const p = base(code);
  mutate(p);
  return validateProcedure(p);
}
function expectIssue(mutate: (p: ProcedureVersionInput) => void, rule: string, path?: string, code = COPY): void {
  const issues = issuesAfter(mutate, code);
  const hit = issues.find((i) => i.code === rule && (path === undefined || i.path === path));
  assert.ok(hit, `expected ${rule}${path ? ` at ${path}` : ''}, got ${JSON.stringify(issues)}`);
  assert.match(hit.message, /[àáảãạăâđèéêìíòóôơùúưýếềệộớờợứừự]/i, 'message in Vietnamese');
}

test('the bases are valid, so each issue below comes from its mutation', () => {
  for (const code of [COPY, BIRTH, PERMIT, '1.000894']) assert.deepEqual(validateProcedure(base(code)), [], code);
});

test("the field code '*' is reserved (the rollup's every field)", () => {
  expectIssue((p) => void (p.field.code = '*'), 'field.code_reserved', 'field.code');
});

test('required fields', () => {
  expectIssue((p) => void (p.name = ' '), 'required', 'name');
  expectIssue((p) => void (p.field.name = ''), 'required', 'field.name');
  expectIssue((p) => void (p.resultType = ''), 'required', 'resultType');
  expectIssue((p) => void (p.components = []), 'required', 'components');
  expectIssue((p) => void (p.legalBasis = []), 'required', 'legalBasis');
  expectIssue((p) => void (p.sources = []), 'required', 'sources');
  expectIssue((p) => void (p.legalBasis[0]!.document = ''), 'required', 'legalBasis.0.document');
});

test('code format: national 1.001193 or local XX.LOCAL.001', () => {
  expectIssue((p) => void (p.code = '1.0011'), 'code.format', 'code');
  expectIssue((p) => void (p.code = 'xd.local.1'), 'code.format', 'code');
  assert.deepEqual(issuesAfter((p) => void (p.code = '2.000999')), []);
});

test('a local code must be listed as uncertain', () => {
  expectIssue((p) => void (p.uncertain = p.uncertain.filter((u) => u !== 'code')), 'code.local_not_uncertain', 'code', PERMIT);
});

test('units: the handling unit and step units must be commune units', () => {
  expectIssue((p) => void (p.handlingUnitCode = 'PTP'), 'unit.unknown', 'handlingUnitCode');
  expectIssue((p) => void (p.processSteps[0]!.unitCode = 'HUYEN'), 'unit.unknown', 'processSteps.0.unitCode');
  const p = base();
  p.handlingUnitCode = 'PTP';
  assert.deepEqual(validateProcedure(p, { unitCodes: ['PTP', 'TTPVHCC', 'VP'] }), []);
});

test('dates: valid ISO days, effectiveFrom < effectiveTo', () => {
  expectIssue((p) => void (p.effectiveFrom = '2025-02-30'), 'date.format', 'effectiveFrom');
  expectIssue((p) => void (p.effectiveTo = '1/7/2026'), 'date.format', 'effectiveTo');
  expectIssue((p) => void (p.effectiveTo = p.effectiveFrom), 'effective.order', 'effectiveTo');
  expectIssue((p) => void (p.effectiveTo = '2025-01-01'), 'effective.order', 'effectiveTo');
});

test('processing time: known unit, non-negative integer, 0 only for same_day', () => {
  expectIssue((p) => void (p.processingTime = { unit: 'weeks' as never, value: 1 }), 'time.unit', 'processingTime.unit');
  expectIssue((p) => void (p.processingTime = { unit: 'working_days', value: -1 }), 'time.value', 'processingTime.value');
  expectIssue((p) => void (p.processingTime = { unit: 'working_days', value: 1.5 }), 'time.value', 'processingTime.value');
  expectIssue((p) => void (p.processingTime = { unit: 'working_days', value: 0 }), 'time.zero_only_same_day', 'processingTime.value');
  expectIssue((p) => void (p.onlineProcessingTime = { unit: 'calendar_days', value: 0 }), 'time.zero_only_same_day', 'onlineProcessingTime.value');
  expectIssue((p) => void (p.timeVariants![0]!.processingTime.value = -2), 'time.value', 'timeVariants.0.processingTime.value');
});

test('a same-day time may carry an extension in working days (NĐ 23/2015 Đ21)', () => {
  assert.deepEqual(issuesAfter((p) => void (p.timeVariants = [{ code: 'NHIEU_BAN', name: 'Nhiều bản', processingTime: { unit: 'same_day', value: 2 } }])), []);
});

test('time variants need distinct codes', () => {
  expectIssue((p) => void p.timeVariants!.push({ ...p.timeVariants![0]! }), 'time.duplicate_variant', 'timeVariants.1.code');
});

test('internal step budgets must fit the legal time', () => {
  const over = (t: ProcessingTime, hours: number) => (p: ProcedureVersionInput) => {
    p.processingTime = t;
    p.processSteps = [{ code: 'A', name: 'Bước', role: 'specialist', hours }];
  };
  expectIssue(over({ unit: 'same_day', value: 0 }, 9), 'process.budget_exceeded', 'processSteps');
  expectIssue(over({ unit: 'working_days', value: 3 }, 25), 'process.budget_exceeded');
  expectIssue(over({ unit: 'working_hours', value: 4 }, 5), 'process.budget_exceeded');
  expectIssue(over({ unit: 'calendar_days', value: 15 }, 81), 'process.budget_exceeded'); // 8 × ⌊15·5/7⌋ = 80
  expectIssue((p) => void (p.onlineProcessingTime = { unit: 'working_hours', value: 4 }), 'process.budget_exceeded'); // 8 h of steps
  for (const [t, h] of [[{ unit: 'same_day', value: 0 }, 8], [{ unit: 'working_days', value: 3 }, 24], [{ unit: 'calendar_days', value: 15 }, 80]] as const) {
    assert.deepEqual(issuesAfter(over(t, h)), [], `${t.unit} ${h} h fits`);
  }
});

test('step hours, roles and codes', () => {
  expectIssue((p) => void (p.processSteps[1]!.hours = -1), 'process.hours', 'processSteps.1.hours');
  expectIssue((p) => void (p.processSteps[1]!.role = 'mayor' as never), 'process.role', 'processSteps.1.role');
  expectIssue((p) => void (p.processSteps[1]!.code = p.processSteps[0]!.code), 'process.duplicate_code', 'processSteps.1.code');
});

test('methods and pausing states are known values', () => {
  expectIssue((p) => void (p.methods = ['direct', 'fax' as never]), 'methods.invalid', 'methods.1');
  expectIssue((p) => void (p.methods = ['direct', 'direct']), 'methods.invalid', 'methods.1');
  expectIssue((p) => void (p.pausingStates = ['holiday' as never]), 'pausing.invalid', 'pausingStates.0');
});

test('components: unique codes, at least one required, sensible copies and kinds', () => {
  expectIssue((p) => void (p.components[1]!.code = p.components[0]!.code), 'components.duplicate_code', 'components.1.code');
  expectIssue((p) => p.components.forEach((c) => void (c.required = false)), 'components.no_required', 'components');
  expectIssue((p) => void (p.components[1]!.copies = 0), 'components.copies', 'components.1.copies'); // a copy to file, 0 copies
  expectIssue((p) => void (p.components[0]!.copies = -1), 'components.copies', 'components.0.copies');
  expectIssue((p) => void (p.components[0]!.kind = 'scan' as never), 'components.kind', 'components.0.kind');
});

test('e-forms: distinct field names, options for selects, at least one field', () => {
  const form = (p: ProcedureVersionInput) => p.components[0]!.form!;
  expectIssue((p) => void form(p).fields.push({ ...form(p).fields[0]! }), 'form.duplicate_field', undefined, BIRTH);
  expectIssue((p) => form(p).fields.filter((f) => f.type === 'select').forEach((f) => delete f.options), 'form.select_options', undefined, BIRTH);
  expectIssue((p) => void (form(p).fields = []), 'form.empty', 'components.0.form.fields', BIRTH);
});

test('fees: amounts are non-negative integers, tiers start at 1 and ascend, codes distinct', () => {
  expectIssue((p) => void (p.fees[0]!.amountVnd = -2_000), 'fee.amount', 'fees.0.amountVnd');
  expectIssue((p) => void (p.fees[0]!.amountVnd = 2_000.5), 'fee.amount', 'fees.0.amountVnd');
  expectIssue((p) => void (p.fees[0]!.perUnit!.tiers[1]!.amountVnd = -1), 'fee.amount', 'fees.0.perUnit.tiers.1.amountVnd');
  expectIssue((p) => void (p.fees[0]!.perUnit!.maxPerCopyVnd = 1.5), 'fee.amount', 'fees.0.perUnit.maxPerCopyVnd');
  expectIssue((p) => void (p.fees[0]!.perUnit!.tiers[0]!.fromUnit = 2), 'fee.tiers', 'fees.0.perUnit.tiers');
  expectIssue((p) => void p.fees[0]!.perUnit!.tiers.reverse(), 'fee.tiers', 'fees.0.perUnit.tiers');
  expectIssue((p) => void p.fees.push({ ...p.fees[0]! }), 'fee.duplicate_code', 'fees.1.code');
});

test('fees per channel: only channels the procedure offers, each once, at least one', () => {
  assert.ok(!base().methods.includes('online'));
  expectIssue((p) => void (p.fees[0]!.channels = ['online']), 'fee.channel_not_offered', 'fees.0.channels.0');
  expectIssue((p) => void (p.fees[0]!.channels = ['direct', 'direct']), 'fee.channels', 'fees.0.channels.1');
  expectIssue((p) => void (p.fees[0]!.channels = []), 'fee.channels', 'fees.0.channels');
  const perChannel = base(BIRTH);
  perChannel.fees[0]!.channels = ['online'];
  assert.deepEqual(validateProcedure(perChannel), []);
});

test('flags.hasFee must agree with the fee lines', () => {
  expectIssue((p) => void (p.flags.hasFee = false), 'flags.has_fee', 'flags.hasFee'); // per-page fee
  expectIssue((p) => void (p.fees[0]!.amountVnd = 0), 'flags.has_fee', 'flags.hasFee', BIRTH); // flat fee set to 0
  expectIssue((p) => void (p.flags.hasFee = true), 'flags.has_fee', 'flags.hasFee', '1.000894'); // only a zero line
  const perPageAtZero = base();
  perPageAtZero.fees[0]!.amountVnd = 0; // still chargeable through its tiers
  assert.deepEqual(validateProcedure(perPageAtZero), []);
});

test('full online needs the online channel and no in-person signing', () => {
  expectIssue((p) => void (p.methods = ['direct', 'postal']), 'flags.online_method', 'methods', BIRTH);
  expectIssue((p) => void (p.flags.requiresInPersonSigning = true), 'flags.in_person_full_online', 'flags.eligibleFullOnline', BIRTH);
});

test('a paper read off its scan (ocrFill) names e-form fields of the version, each once, by a label; a shown paper has none', () => {
  const chungSinh = (p: ProcedureVersionInput) => p.components.find((c) => c.code === 'GIAY_CHUNG_SINH')!;
  assert.ok(chungSinh(base(BIRTH)).ocrFill?.length, 'the birth certificate paper ships a mapping');
  assert.deepEqual(validateProcedure(base('1.000656')), [], 'so does the death notice, valid');
  expectIssue((p) => void chungSinh(p).ocrFill!.push({ field: 'childShoeSize', label: 'Cỡ giày' }), 'components.ocr_fill_field', 'components.1.ocrFill.6.field', BIRTH);
  expectIssue((p) => void chungSinh(p).ocrFill!.push({ field: 'childFullName', label: 'Tên con' }), 'components.ocr_fill_duplicate', 'components.1.ocrFill.6.field', BIRTH);
  expectIssue((p) => void (chungSinh(p).ocrFill![0]!.label = ' … '), 'required', 'components.1.ocrFill.0.label', BIRTH);
  expectIssue((p) => void (chungSinh(p).ocrFill![1]!.also = ['::']), 'required', 'components.1.ocrFill.1.also.0', BIRTH);
  expectIssue((p) => void (chungSinh(p).kind = 'shown'), 'components.ocr_fill_shown', 'components.1.ocrFill', BIRTH);
});

test('every uncertain path must name a value', () => {
  expectIssue((p) => void p.uncertain.push('fees.7.amountVnd'), 'uncertain.unresolved', `uncertain.${base().uncertain.length}`);
  expectIssue((p) => void p.uncertain.push('processingTime.days'), 'uncertain.unresolved');
});

test('versions of one code must not overlap', () => {
  const v = (code: string, effectiveFrom: string, effectiveTo: string | null) => ({ ...base(), code, effectiveFrom, effectiveTo });
  assert.deepEqual(validateVersions([v('1.000001', '2025-07-01', '2026-07-01'), v('1.000001', '2026-07-01', null)]), []);
  assert.deepEqual(validateVersions([v('1.000001', '2025-07-01', null), v('1.000002', '2025-07-01', null)]), []);
  const open = validateVersions([v('1.000001', '2026-07-01', null), v('1.000001', '2025-07-01', null)]);
  assert.deepEqual(open.map((i) => [i.code, i.path]), [['versions.overlap', '1.000001@2026-07-01']]);
  const nested = validateVersions([v('1.000001', '2025-07-01', '2027-01-01'), v('1.000001', '2025-08-01', '2025-09-01'), v('1.000001', '2026-01-01', null)]);
  assert.equal(nested.length, 2); // both later versions start inside the first one
  assert.equal(validateVersions([v('1.000001', '2025-07-01', '2026-07-02'), v('1.000001', '2026-07-01', null)]).length, 1);
  assert.equal(validateVersions([v('1.000001', '2025-07-01', null), v('1.000001', '2025-07-01', null)]).length, 1);
});

test('property: the default internal process always fills exactly the legal time and validates', () => {
  const time = fc.oneof(
    fc.constant<ProcessingTime>({ unit: 'same_day', value: 0 }),
    fc.integer({ min: 1, max: 60 }).map((value): ProcessingTime => ({ unit: 'working_days', value })),
    fc.integer({ min: 2, max: 90 }).map((value): ProcessingTime => ({ unit: 'calendar_days', value })),
  );
  fc.assert(
    fc.property(time, (t) => {
      const steps = standardProcess(t);
      assert.equal(steps.reduce((s, x) => s + x.hours, 0), legalWorkingHours(t));
      assert.ok(steps.every((s) => s.hours >= 0));
      const p = base();
      p.processingTime = t;
      delete p.timeVariants;
      p.processSteps = steps;
      assert.deepEqual(validateProcedure(p), []);
    }),
  );
});
