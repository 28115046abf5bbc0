// The pure rules of identity bound to the dossier: who files online (core/filing.ts) and the applicant's
// identification at the counter (core/desk-id.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUTHORISATION_CODE, eidFilingOf, filingProblem, withAuthorisation, type FilingData } from '../../src/identity/citizens/core/filing.ts';
import { DESK_ID_MESSAGE, checkDeskId } from '../../src/identity/citizens/core/desk-id.ts';
import { findSeedProcedure } from '../../src/catalogue/seed/index.ts';
import { uploadComponents } from '../../src/web/portal/eform.ts';

const HONG = { citizenId: 7, name: 'Lê Thị Hồng', idNumber: '001190004567' };
const self: FilingData = { applicant: { name: HONG.name, idNumber: HONG.idNumber }, onBehalf: false, filer: HONG };
const forOther: FilingData = { applicant: { name: 'Phạm Văn Cường', idNumber: '019099000111' }, onBehalf: true, filer: HONG };

test('the filing is recorded only for the citizen who declared it, with the filer as authorised person when nộp thay', () => {
  assert.deepEqual(eidFilingOf(self, 7), { ...HONG, onBehalf: false });
  assert.deepEqual(eidFilingOf(forOther, 7), { ...HONG, onBehalf: true });
  assert.equal(eidFilingOf(self, 8), null, 'another citizen submits');
  assert.equal(eidFilingOf(self, undefined), null, 'nobody logged in');
  assert.equal(eidFilingOf({ applicant: self.applicant }, 7), null, 'declared without logging in');
  assert.equal(eidFilingOf({ ...self, applicant: { name: HONG.name, idNumber: '019085012345' } }, 7), null, 'someone else\'s ID as their own');
  assert.equal(eidFilingOf({ ...forOther, applicant: self.applicant }, 7), null, 'for someone else with their own ID');
});

test('who may submit: e-identity required → logged in and the draft\'s filer; otherwise anonymous too', () => {
  assert.equal(filingProblem(self, 7, true), null);
  assert.equal(filingProblem(forOther, 7, true), null);
  assert.equal(filingProblem(self, undefined, true), 'Đăng nhập bằng định danh điện tử để nộp hồ sơ');
  assert.equal(filingProblem({ applicant: self.applicant }, null, false), null);
  assert.match(filingProblem(self, 8, false)!, /tài khoản định danh điện tử bạn đang đăng nhập/);
});

test('nộp thay makes the authorisation paper required, added when the procedure does not list it', () => {
  const birth = uploadComponents(findSeedProcedure('1.001193', new Date())!);
  assert.equal(birth.find((c) => c.code === AUTHORISATION_CODE)?.required, false, 'listed, optional');
  assert.deepEqual(withAuthorisation(birth, self), birth);
  const needed = withAuthorisation(birth, forOther);
  assert.equal(needed.length, birth.length);
  assert.equal(needed.find((c) => c.code === AUTHORISATION_CODE)?.required, true);
  const marital = uploadComponents(findSeedProcedure('1.004873', new Date())!);
  assert.ok(!marital.some((c) => c.code === AUTHORISATION_CODE), 'not listed');
  const added = withAuthorisation(marital, forOther);
  assert.deepEqual(added.slice(0, -1), marital);
  assert.deepEqual([added.at(-1)!.code, added.at(-1)!.name, added.at(-1)!.required], [AUTHORISATION_CODE, 'Văn bản ủy quyền nộp hồ sơ thay', true]);
});

test('at the counter: the ID number, or a known reason (with its detail for "other") and a phone', () => {
  const none = { idNumber: '', phone: '', waiver: '', waiverDetail: '' };
  assert.deepEqual(checkDeskId({ ...none, idNumber: '001203001111' }), { waiver: null, errors: [] });
  assert.deepEqual(checkDeskId({ ...none, idNumber: '001203001111', waiver: 'other' }), { waiver: null, errors: [] }, 'the ID number wins');
  assert.deepEqual(checkDeskId(none).errors, [{ field: 'idNumber', message: DESK_ID_MESSAGE.missing }]);
  assert.deepEqual(checkDeskId({ ...none, waiver: 'child' }).errors, [{ field: 'phone', message: DESK_ID_MESSAGE.phone }]);
  assert.deepEqual(checkDeskId({ ...none, waiver: 'other', phone: '0912345678' }).errors, [{ field: 'idWaiverDetail', message: DESK_ID_MESSAGE.detail }]);
  assert.deepEqual(checkDeskId({ ...none, waiver: 'x', phone: '0912345678' }).errors, [{ field: 'idWaiver', message: DESK_ID_MESSAGE.unknownReason }]);
  assert.deepEqual(checkDeskId({ ...none, waiver: 'other', waiverDetail: 'a'.repeat(501), phone: '0912345678' }).errors,
    [{ field: 'idWaiverDetail', message: DESK_ID_MESSAGE.detailTooLong }]);
  assert.deepEqual(checkDeskId({ ...none, waiver: 'not_issued', waiverDetail: '  ', phone: '0912345678' }),
    { waiver: { reason: 'not_issued', detail: null }, errors: [] });
});
