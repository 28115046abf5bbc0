// The shipped catalogue: every version valid, enough procedures, versions consistent over time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { findSeedProcedure, seedProcedures } from '../../src/catalogue/seed/index.ts';
import { ProcedureVersionSchema } from '../../src/catalogue/core/types.ts';
import { isLocalCode, legalWorkingHours, pathExists, validateProcedure, validateVersions } from '../../src/catalogue/core/validate.ts';
import { PROVINCIAL_RATE } from '../../src/catalogue/seed/builders.ts';
import { notesOf } from '../web/developer-notes.ts';

/** Vietnam-local midnight of a calendar day, as an instant. */
const vnMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);
const codes = new Set(seedProcedures.map((p) => p.code));

test('every seed version passes validation', () => {
  for (const p of seedProcedures) assert.deepEqual(validateProcedure(p), [], `${p.code} ${p.name}`);
});

test('every seed version matches the stored-procedure schema', () => {
  if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v));
  for (const p of seedProcedures) {
    const errors = [...Value.Errors(ProcedureVersionSchema, p)].map((e) => `${e.path}: ${e.message}`);
    assert.deepEqual(errors, [], p.code);
  }
});

test('at least 25 distinct codes and 28 commune (non-police) procedures', () => {
  assert.ok(codes.size >= 25, `only ${codes.size} codes`);
  const commune = new Set(seedProcedures.filter((p) => p.handlingUnitCode !== 'CA').map((p) => p.code));
  assert.ok(commune.size >= 28, `only ${commune.size} commune procedures`);
});

test('the codes given in domain.md §6 are present with the right names', () => {
  const expected: Record<string, string> = {
    '1.001193': 'Đăng ký khai sinh',
    '1.000894': 'Đăng ký kết hôn',
    '1.000656': 'Đăng ký khai tử',
    '1.004873': 'Cấp Giấy xác nhận tình trạng hôn nhân',
    '1.001022': 'Đăng ký nhận cha, mẹ, con',
    '1.004837': 'Đăng ký giám hộ',
    '1.004884': 'Đăng ký lại khai sinh',
    '2.000635': 'Cấp bản sao trích lục hộ tịch',
    '2.000806': 'Đăng ký kết hôn có yếu tố nước ngoài',
    '2.000908': 'Cấp bản sao từ sổ gốc',
  };
  for (const [code, name] of Object.entries(expected)) {
    assert.equal(findSeedProcedure(code, vnMidnight('2026-01-15'))?.name, name, code);
  }
  assert.match(findSeedProcedure('2.000815', vnMidnight('2026-01-15'))!.name, /^Chứng thực bản sao từ bản chính/);
  assert.match(findSeedProcedure('2.000884', vnMidnight('2026-01-15'))!.name, /^Chứng thực chữ ký/);
});

test('local codes are marked uncertain; every uncertain path resolves', () => {
  for (const p of seedProcedures) {
    if (isLocalCode(p.code)) assert.ok(p.uncertain.includes('code'), p.code);
    for (const path of p.uncertain) assert.ok(pathExists(p, path), `${p.code}: ${path}`);
  }
});

test('police procedures are routing entries handled by Công an xã only', () => {
  const police = seedProcedures.filter((p) => p.code.startsWith('CA.'));
  assert.ok(police.length > 0);
  for (const p of police) {
    assert.equal(p.handlingUnitCode, 'CA');
    assert.ok(p.sources.some((s) => s.includes('định tuyến')), p.code);
  }
  assert.ok(seedProcedures.every((p) => p.handlingUnitCode !== 'CA' || p.code.startsWith('CA.')));
});

test('Decree 120/2025 events are receivable anywhere in the province; in-person signing only where the law asks', () => {
  const at = vnMidnight('2026-01-15');
  for (const code of ['1.001193', '1.000656', '1.001022', '1.004837', 'HT.LOCAL.001', 'HT.LOCAL.002']) {
    assert.equal(findSeedProcedure(code, at)?.flags.receivableAnywhereInProvince, true, code);
  }
  for (const code of ['1.000894', '2.000806', '2.000884']) {
    const p = findSeedProcedure(code, at)!;
    assert.equal(p.flags.requiresInPersonSigning, true, code);
    assert.equal(p.flags.eligibleFullOnline, false, code);
  }
});

test('statutory times: 15:00-rule procedures are same_day; construction permit counts calendar days', () => {
  const at = vnMidnight('2026-01-15');
  for (const code of ['1.001193', '1.000894', '1.000656', '2.000635', '2.000815', '2.000884', '2.000908']) {
    assert.deepEqual(findSeedProcedure(code, at)?.processingTime, { unit: 'same_day', value: 0 }, code);
  }
  assert.deepEqual(findSeedProcedure('XD.LOCAL.001', at)?.processingTime, { unit: 'calendar_days', value: 15 });
  assert.deepEqual(findSeedProcedure('1.000894', at)?.timeVariants?.[0]?.processingTime, { unit: 'working_days', value: 5 });
  for (const p of seedProcedures) {
    const hours = p.processSteps.reduce((sum, s) => sum + s.hours, 0);
    assert.ok(hours <= legalWorkingHours(p.processingTime), p.code);
  }
});

test('land procedures stop the clock for financial obligations', () => {
  const land = seedProcedures.filter((p) => p.field.code === 'DATDAI');
  assert.ok(land.length >= 3);
  for (const p of land) assert.deepEqual(p.pausingStates, ['supplement', 'financial_obligation'], p.code);
});

test('versions of one code do not overlap; one procedure has two versions', () => {
  assert.deepEqual(validateVersions(seedProcedures), []);
  const multi = [...codes].filter((c) => seedProcedures.filter((p) => p.code === c).length > 1);
  assert.deepEqual(multi, ['2.000635']);
});

test('findSeedProcedure returns the version in force at each date (Vietnam local time)', () => {
  const v = (at: Date) => findSeedProcedure('2.000635', at);
  assert.equal(v(new Date('2025-06-30T16:59:59Z')), undefined); // 23:59:59 on 30/6/2025 in Vietnam: before the reform
  assert.equal(v(new Date('2025-06-30T17:00:00Z'))?.effectiveFrom, '2025-07-01'); // 00:00 on 1/7/2025 in Vietnam
  assert.equal(v(vnMidnight('2026-03-01'))?.fees[0]?.amountVnd, 8_000);
  assert.equal(v(new Date('2026-06-30T16:59:59Z'))?.effectiveTo, '2026-07-01'); // last second of version 1
  assert.equal(v(new Date('2026-06-30T17:00:00Z'))?.effectiveFrom, '2026-07-01'); // first second of version 2
  assert.equal(v(vnMidnight('2030-01-01'))?.fees[0]?.amountVnd, 10_000);
  assert.equal(findSeedProcedure('9.999999', vnMidnight('2026-03-01')), undefined);
});

test('every code is in force today and after the change date', () => {
  for (const code of codes) {
    assert.ok(findSeedProcedure(code, vnMidnight('2026-01-15')), code);
    assert.ok(findSeedProcedure(code, vnMidnight('2026-07-01')), code);
  }
});

test('main declarations carry an e-form; user-facing text is Vietnamese with diacritics', () => {
  for (const p of seedProcedures) {
    const forms = p.components.filter((c) => c.form);
    const needsForm = !['2.000815', '2.000884', 'CT.LOCAL.001'].includes(p.code); // no tờ khai by law
    if (needsForm) assert.ok(forms.some((c) => c.required && c.form!.fields.length >= 3), p.code);
    for (const text of [p.name, p.resultType, ...p.steps, ...p.components.map((c) => c.name)]) {
      assert.match(text, /[àáảãạăâđèéẻẽẹêìíỉĩịòóỏõọôơùúủũụưỳýỷỹỵ]/i, `${p.code}: "${text}"`);
    }
  }
});

test('no developer note in the shipped catalogue: what the portal publishes and the sources staff read (issue 11)', () => {
  // `uncertain` lists data paths (a note for staff, never published); everything else is read by someone.
  const found = seedProcedures.flatMap((p) => notesOf({ ...p, uncertain: [] }).map((n) => `${p.code} v${p.effectiveFrom}: ${n}`));
  assert.deepEqual(found, []);
  // The province's resolution on fees has no number yet: its fees say nothing of it, their legal basis is uncertain.
  const provincial = seedProcedures.flatMap((p) => p.fees.map((f, i) => ({ p, f, i }))).filter(({ f }) => f.legalBasis === PROVINCIAL_RATE);
  assert.ok(provincial.length > 0);
  for (const { p, i } of provincial) assert.ok(p.uncertain.includes(`fees.${i}.legalBasis`), `${p.code} fees.${i}`);
});
