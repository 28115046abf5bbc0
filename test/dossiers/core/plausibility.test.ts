// The plausibility rules of a declaration (src/dossiers/core/plausibility.ts), as properties over generated answers
// to the shipped birth-registration tờ khai, and the exact messages once each.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { seedProcedures } from '../../../src/catalogue/seed/index.ts';
import { formIssues, type AnsweredForm } from '../../../src/dossiers/core/plausibility.ts';
import { CODE_LISTS } from '../../../src/dossiers/core/code-lists.ts';

const khaiSinh = seedProcedures.find((p) => p.code === '1.001193')!;
const TO_KHAI = khaiSinh.components.find((c) => c.form)!;
const khaiTu = seedProcedures.find((p) => p.name === 'Đăng ký khai tử')!;
const KHAI_TU = khaiTu.components.find((c) => c.form)!;

const TODAY = '2026-12-07';
const DAY = 86_400_000;
/** The ISO date `n` days after 2026-12-07 (negative: before). */
const day = (n: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const form = (answers: Record<string, string>, c = TO_KHAI): AnsweredForm => ({ componentCode: c.code, fields: c.form!.fields, answers });
const fieldsOf = (answers: Record<string, string>, today = TODAY) => formIssues(form(answers), today).map((i) => i.field);

const ETHNIC = CODE_LISTS.ethnicity.map((e) => e.code);
const COUNTRY = CODE_LISTS.country.map((e) => e.code);
const idNumber = fc.stringMatching(/^[0-9]{12}$/);
const name = fc.constantFrom('Nguyễn Văn An', 'Lê Thị Hồng', 'Trần Minh Khang', 'Hoàng Thị Mai', 'Phạm Gia Bảo');

/** A family that is plausible by construction: the child born up to 5 years ago, each parent 15–50 years before. */
const family = fc.record({
  childBorn: fc.integer({ min: -5 * 365, max: 0 }),
  motherGap: fc.integer({ min: 15 * 365, max: 50 * 365 }),
  fatherGap: fc.integer({ min: 15 * 365, max: 60 * 365 }),
  ids: fc.uniqueArray(idNumber, { minLength: 2, maxLength: 2 }),
  names: fc.tuple(name, name, name),
  ethnic: fc.tuple(fc.constantFrom(...ETHNIC), fc.constantFrom(...ETHNIC), fc.boolean()),
  nationality: fc.tuple(fc.constantFrom(...COUNTRY), fc.constantFrom(...COUNTRY), fc.constantFrom(...COUNTRY)),
}).map((f) => ({
  childFullName: f.names[0], childDateOfBirth: day(f.childBorn), childGender: 'Nữ', childEthnicity: f.ethnic[2] ? f.ethnic[0] : f.ethnic[1],
  childNationality: f.nationality[0],
  motherFullName: f.names[1], motherDateOfBirth: day(f.childBorn - f.motherGap), motherEthnicity: f.ethnic[0],
  motherNationality: f.nationality[1], motherIdNumber: f.ids[0]!,
  fatherFullName: f.names[2], fatherDateOfBirth: day(f.childBorn - f.fatherGap), fatherEthnicity: f.ethnic[1],
  fatherNationality: f.nationality[2], fatherIdNumber: f.ids[1]!,
}));

describe('plausibility of a birth registration', () => {
  it('a plausible family raises no issue', () => {
    fc.assert(fc.property(family, (answers) => assert.deepEqual(formIssues(form(answers), TODAY), [])));
  });

  it('a birth date is refused exactly when it is after today', () => {
    fc.assert(fc.property(fc.integer({ min: -20_000, max: 2_000 }), (n) => {
      assert.equal(fieldsOf({ childDateOfBirth: day(n) }).includes('childDateOfBirth'), n > 0);
    }));
  });

  it('a parent is refused exactly when not born before the child', () => {
    fc.assert(fc.property(fc.integer({ min: -20_000, max: 0 }), fc.integer({ min: -20_000, max: 0 }), fc.constantFrom('mother', 'father'),
      (child, parent, who) => {
        const issues = fieldsOf({ childDateOfBirth: day(child), [`${who}DateOfBirth`]: day(parent) });
        assert.equal(issues.includes(`${who}DateOfBirth`), parent >= child);
      }));
  });

  it('two persons never share an ID number (mother ≠ father)', () => {
    fc.assert(fc.property(family, fc.boolean(), (answers, same) => {
      const a = same ? { ...answers, fatherIdNumber: answers.motherIdNumber } : answers;
      assert.deepEqual(fieldsOf(a), same ? ['fatherIdNumber'] : []);
    }));
  });

  it('a parent with the child’s name and birth date is the child', () => {
    fc.assert(fc.property(family, fc.constantFrom('mother', 'father'), (answers, who) => {
      const a = { ...answers, [`${who}FullName`]: answers.childFullName.toUpperCase(), [`${who}DateOfBirth`]: answers.childDateOfBirth };
      const issues = fieldsOf(a);
      assert.ok(issues.includes(`${who}FullName`) && issues.includes(`${who}DateOfBirth`), issues.join());
    }));
  });

  it('the child’s ethnic group is the father’s or the mother’s when both are given (BLDS 2015 Đ29 k2)', () => {
    fc.assert(fc.property(family, fc.constantFrom(...ETHNIC), fc.constantFrom('motherEthnicity', 'fatherEthnicity', null),
      (answers, child, missing) => {
        const a: Record<string, string> = { ...answers, childEthnicity: child };
        if (missing) delete a[missing];
        const wrong = !missing && ![a.motherEthnicity, a.fatherEthnicity].includes(child);
        assert.equal(fieldsOf(a).includes('childEthnicity'), wrong);
      }));
  });

  it('missing or invalid answers never raise a plausibility issue of their own, and every issue names a field of the form', () => {
    const names = TO_KHAI.form!.fields.map((f) => f.name);
    fc.assert(fc.property(family, fc.subarray(names), fc.constantFrom('', 'abc', '31/02/2026'), (answers, blanked, junk) => {
      const a: Record<string, string> = { ...answers };
      for (const n of blanked) a[n] = junk;
      for (const i of formIssues(form(a), TODAY)) {
        assert.ok(names.includes(i.field));
        assert.ok(!blanked.includes(i.field), `${i.field}: ${i.message}`);
      }
    }));
  });

  it('says what is wrong, in Vietnamese', () => {
    const issues = formIssues(form({
      childFullName: 'Nguyễn Văn An', childDateOfBirth: '2026-12-20', childEthnicity: '02',
      motherFullName: 'Lê Thị Hồng', motherDateOfBirth: '2026-12-20', motherIdNumber: '001195004321', motherEthnicity: '01',
      fatherFullName: 'Nguyễn Văn Bình', fatherDateOfBirth: '1990-01-01', fatherIdNumber: '001195004321', fatherEthnicity: '01',
    }), TODAY);
    assert.deepEqual(issues.map((i) => [i.field, i.message]), [
      ['childDateOfBirth', 'Ngày, tháng, năm sinh của trẻ không được sau ngày hôm nay (07/12/2026)'],
      ['motherDateOfBirth', 'Ngày, tháng, năm sinh của người mẹ không được sau ngày hôm nay (07/12/2026)'],
      ['fatherIdNumber', 'Số định danh cá nhân của người cha trùng với số của người mẹ: mỗi người có một số riêng'],
      ['childEthnicity', 'Dân tộc của trẻ phải là dân tộc của cha hoặc của mẹ'],
    ]);
    const order = formIssues(form({ childDateOfBirth: '2026-11-20', fatherDateOfBirth: '2026-11-20', fatherFullName: 'An', childFullName: 'an' }), TODAY);
    assert.deepEqual(order.map((i) => i.message), [
      'Người cha và trẻ không thể là cùng một người: họ tên và ngày sinh trùng nhau',
      'Ngày sinh của người cha phải trước ngày sinh của trẻ (20/11/2026)',
    ]);
  });
});

describe('plausibility of a death registration', () => {
  it('a date of death is neither after today nor before the birth', () => {
    const field = KHAI_TU.form!.fields.find((f) => /DateOfDeath$|^dateOfDeath$/.test(f.name))!.name;
    fc.assert(fc.property(fc.integer({ min: -30_000, max: 0 }), fc.integer({ min: -30_000, max: 1_000 }), (born, died) => {
      const issues = formIssues(form({ deceasedDateOfBirth: day(born), [field]: day(died) }, KHAI_TU), TODAY);
      assert.equal(issues.some((i) => i.field === field), died > 0 || died < born);
    }));
    assert.deepEqual(formIssues(form({ deceasedDateOfBirth: '1950-01-01', [field]: '1949-12-31' }, KHAI_TU), TODAY).map((i) => i.message),
      ['Ngày, tháng, năm chết không được trước ngày sinh của người chết']);
  });
});
