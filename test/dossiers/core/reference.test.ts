// The dossier reference's format (src/dossiers/core/reference.ts), the code lists (ethnic groups, countries) and the
// answer rules that use them (src/dossiers/core/code-lists.ts, answers.ts), and the receipt deadline in the core.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  REFERENCE_ALPHABET, decide, formatDossierCode, formatReference, isReference, parseReference,
} from '../../../src/dossiers/core/index.ts';
import { CODE_LISTS, choicesOf, codeListOf, codeName, findCode, foldName } from '../../../src/dossiers/core/code-lists.ts';
import { answerText, checkAnswer } from '../../../src/dossiers/core/answers.ts';
import { validateProcedure } from '../../../src/catalogue/core/validate.ts';
import { seedProcedures } from '../../../src/catalogue/seed/index.ts';
import type { FormField } from '../../../src/catalogue/core/types.ts';
import { T0, citizen, stubCtx, DAY } from './fixtures.ts';

const chars = fc.array(fc.constantFrom(...REFERENCE_ALPHABET), { minLength: 8, maxLength: 8 }).map((a) => a.join(''));

describe('the dossier reference', () => {
  it('reads back from any way a person types it', () => {
    fc.assert(fc.property(chars, fc.boolean(), fc.boolean(), fc.constantFrom('', ' ', '-', '.'), (c, prefix, lower, sep) => {
      const ref = formatReference(c);
      assert.ok(isReference(ref));
      let typed = `${prefix ? 'HS' + sep : ''}${c.slice(0, 4)}${sep}${c.slice(4)}`;
      if (lower) typed = typed.toLowerCase();
      assert.equal(parseReference(` ${typed} `), ref);
    }));
  });

  it('has no 0/O nor 1/I, and is never a dossier code or a UUID', () => {
    assert.equal(REFERENCE_ALPHABET.length, 32);
    assert.doesNotMatch(REFERENCE_ALPHABET, /[01OI]/);
    fc.assert(fc.property(fc.integer({ min: 1, max: 99_999 }), fc.date({ min: new Date('2020-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
      (seq, at) => assert.equal(parseReference(formatDossierCode('000.00.15.H12', at, seq)), null)));
    fc.assert(fc.property(fc.uuid(), (u) => assert.equal(parseReference(u), null)));
    for (const bad of ['HS-7K4Q-2M9', 'HS-7K4Q-2M9PX', 'HS-7K4O-2M9P', 'HS-1K4Q-2M9P', '']) assert.equal(parseReference(bad), null, bad);
  });
});

describe('the receipt deadline in the core', () => {
  it('is set on submission and again when a supplement asked for before receipt comes back', () => {
    const ctx = stubCtx();
    const r = decide(null, { type: 'submit_online', actor: citizen, at: T0 }, ctx);
    assert.ok(r.ok);
    assert.deepEqual(r.next.receiptDueAt, new Date(T0.getTime() + DAY));
    assert.deepEqual(r.event.changes.receiptDueAt, r.next.receiptDueAt, 'kept in the event: replay never recomputes it');
  });
});

describe('the code lists', () => {
  it('hold the 54 ethnic groups (01 Kinh … 54 Rơ-măm) and the 249 ISO 3166-1 countries, each name found once', () => {
    assert.equal(CODE_LISTS.ethnicity.length, 54);
    assert.deepEqual([CODE_LISTS.ethnicity[0]!.name, CODE_LISTS.ethnicity[53]!.name], ['Kinh', 'Rơ-măm']);
    assert.deepEqual(CODE_LISTS.ethnicity.map((e) => e.code), Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')));
    assert.equal(CODE_LISTS.country.length, 249);
    assert.ok(CODE_LISTS.country.every((c) => /^[A-Z]{2}$/.test(c.code)));
    for (const list of ['ethnicity', 'country'] as const) {
      const owner = new Map<string, string>();
      for (const e of CODE_LISTS[list]) {
        for (const n of [e.name, ...(e.aliases ?? [])]) {
          assert.equal(owner.get(foldName(n)) ?? e.code, e.code, `${list}: "${n}" reads like another entry's name`);
          owner.set(foldName(n), e.code);
        }
      }
      for (const e of CODE_LISTS[list]) {
        for (const n of [e.code, e.name, e.name.toUpperCase(), e.name.normalize('NFD'), ...(e.aliases ?? [])]) assert.equal(findCode(list, n)?.code, e.code, n);
      }
    }
    assert.equal(codeName('ethnicity', 'h’mông'.replace('’', "'")), 'Mông');
    assert.equal(findCode('ethnicity', 'Xuân Dương'), undefined);
    assert.equal(choicesOf('country')[0]!.label, 'Việt Nam');
  });

  it('apply to ethnicity and nationality fields by their name, or by the definition', () => {
    const f = (name: string, extra: Partial<FormField> = {}): FormField => ({ name, label: 'Dân tộc của trẻ', type: 'text', required: true, ...extra });
    assert.equal(codeListOf(f('childEthnicity')), 'ethnicity');
    assert.equal(codeListOf(f('motherNationality')), 'country');
    assert.equal(codeListOf(f('ethnicity')), 'ethnicity');
    assert.equal(codeListOf(f('childHometown')), null);
    assert.equal(codeListOf(f('origin', { codeList: 'country' })), 'country');
    assert.equal(codeListOf(f('childEthnicity', { type: 'select', options: ['Kinh', 'Khác'] })), null, 'a field with its own choices keeps them');
    const field = f('childEthnicity');
    assert.deepEqual(checkAnswer(field, ' kinh '), { value: '01', error: null });
    assert.deepEqual(checkAnswer(field, 'Xuân Dương'), { value: 'Xuân Dương', error: 'Chọn dân tộc của trẻ trong danh sách 54 dân tộc Việt Nam' });
    assert.deepEqual(checkAnswer(field, ''), { value: '', error: 'Chọn dân tộc của trẻ' });
    assert.equal(answerText(field, '08'), 'Mông');
    assert.equal(answerText({ ...field, name: 'childDateOfBirth', type: 'date' }, '2026-11-20'), '20/11/2026');
    assert.equal(answerText(field, ''), 'Không khai');
  });

  it('every shipped procedure stays valid; a code list on a field with its own choices is refused', () => {
    for (const p of seedProcedures) assert.deepEqual(validateProcedure(p), [], p.code);
    const p = structuredClone(seedProcedures.find((x) => x.code === '1.001193')!);
    const fields = p.components.find((c) => c.form)!.form!.fields;
    fields.push({ name: 'origin', label: 'Nước xuất xứ', type: 'select', required: false, codeList: 'country' });
    assert.deepEqual(validateProcedure(p), [], 'a choice field may take its choices from a code list');
    fields.push({ name: 'other', label: 'Khác', type: 'date', required: false, codeList: 'country' });
    assert.deepEqual(validateProcedure(p).map((i) => i.code), ['form.code_list']);
  });
});
