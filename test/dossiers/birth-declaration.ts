// A plausible tờ khai of a birth (procedure 1.001193), as an API caller sends it — names of code-list entries are
// read as their codes — and its mother, the applicant, shared by the tests of the declaration, its corrections, its
// PDF and the signed result.
import assert from 'node:assert/strict';
import type { TestApp } from '../support/app.ts';
import { applicant } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';

export const KHAI_SINH = '1.001193';

export const MOTHER = { name: 'Lê Thị Hồng', idNumber: '001190004567' };

/** The birth's answers; `child` overrides the child's name (or any other answer). */
export function birthAnswers(over: Record<string, string> = {}) {
  return {
    TO_KHAI: {
      relationship: 'Mẹ',
      childFullName: 'Nguyễn Minh Khang', childDateOfBirth: '20/11/2026', childGender: 'Nam', childEthnicity: 'kinh', childNationality: 'VN',
      childPlaceOfBirth: 'Trạm y tế xã Xuân Dương', childHometown: 'Xã Xuân Dương, tỉnh Thái Nguyên',
      motherFullName: MOTHER.name, motherDateOfBirth: '1990-04-12', motherEthnicity: 'Kinh', motherNationality: 'Việt Nam',
      motherIdNumber: MOTHER.idNumber, motherResidence: 'Thôn Đồng Tâm, xã Xuân Dương',
      fatherFullName: 'Nguyễn Văn Bình', fatherDateOfBirth: '1988-09-02', fatherEthnicity: '01', fatherNationality: 'VN',
      fatherIdNumber: '001088012345', fatherResidence: 'Thôn Đồng Tâm, xã Xuân Dương',
      ...over,
    },
  };
}

/** The mother files the birth online, logged in with e-identity, at the app's clock: the new dossier's id and reference. */
export async function fileBirth(t: TestApp, over: Record<string, string> = {}): Promise<{ id: string; reference: string }> {
  const filed = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant(MOTHER), answers: birthAnswers(over) });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  return { id: filed.body.id as string, reference: filed.body.reference as string };
}
