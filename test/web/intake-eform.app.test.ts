// Counter intake with the procedure's e-form and the checklist of the components received (/can-bo/tiep-nhan):
// choosing the procedure shows its tờ khai (the portal's fields) and its components; a required component not
// ticked and an implausible answer come back in the error summary; a receipt stores the answers as the dossier's
// declaration (source 'counter') and the components received with their copies, which the receipt (BM.01) lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { browserAs, hiddenFields, text } from './staff-browser.ts';
import { errorSummary, inputValue } from './portal-support.ts';
import { flat, getPdf, pdfText, POPPLER } from '../documents/pdf-helpers.ts';

const t = await testApp();
t.setNow('2026-12-07T09:00:00+07:00');
const KHAI_SINH = '1.001193';
const CHILD = {
  relationship: 'Mẹ',
  childFullName: 'Trương Gia Hân', childDateOfBirth: '01/12/2026', childGender: 'Nữ', childEthnicity: '01', childNationality: 'VN',
  childPlaceOfBirth: 'Trạm y tế xã Xuân Dương', childHometown: 'Xã Xuân Dương, tỉnh Thái Nguyên',
  motherFullName: 'Trương Thị Mai', motherDateOfBirth: '1994-05-06', motherEthnicity: '01', motherNationality: 'VN',
  motherIdNumber: '001194001111', motherResidence: 'Thôn Đồng Tâm, xã Xuân Dương',
};
const APPLICANT = { procedureCode: KHAI_SINH, name: 'Trương Thị Mai', idNumber: '001194001111', address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912345678' };
const ALL_REQUIRED = ['TO_KHAI', 'GIAY_CHUNG_SINH', 'GIAY_TO_TUY_THAN'];

test('choosing the procedure shows its tờ khai and its checklist, keeping what was typed', async () => {
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get('/can-bo/tiep-nhan');
  assert.match(text(page.body), /Hiện tờ khai và thành phần hồ sơ/);
  const chosen = await desk.submit(page, '/can-bo/tiep-nhan', { ...APPLICANT, action: 'choose' });
  assert.equal(chosen.status, 200);
  assert.match(text(chosen.body), /Tờ khai .*Thông tin của trẻ/);
  assert.match(text(chosen.body), /Thành phần hồ sơ đã nhận/);
  assert.match(text(chosen.body), /Giấy chứng sinh/);
  assert.equal(inputValue(chosen.body, 'name'), 'Trương Thị Mai', 'the applicant is kept');
  assert.ok(/name="childFullName"/.test(chosen.body));
  assert.ok(!/name="requesterFullName"/.test(chosen.body), 'the requester is the applicant');
  assert.equal(hiddenFields(chosen.body, '/can-bo/tiep-nhan').fields.checklist, KHAI_SINH);
  const direct = await desk.get(`/can-bo/tiep-nhan?procedure=${KHAI_SINH}`);
  assert.ok(/name="received" value="GIAY_CHUNG_SINH"/.test(direct.body), 'GET with the procedure shows it too');
});

test('a required component not ticked, or an implausible answer, refuses the receipt with the error summary', async () => {
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get(`/can-bo/tiep-nhan?procedure=${KHAI_SINH}`);
  const missing = await desk.submit(page, '/can-bo/tiep-nhan', { ...APPLICANT, ...CHILD, received: ['TO_KHAI', 'GIAY_TO_TUY_THAN'], action: 'receive_counter' });
  assert.equal(missing.status, 422, text(missing.body).slice(0, 300));
  const summary = errorSummary(missing.body);
  assert.equal(summary.length, 1, JSON.stringify(summary));
  assert.equal(summary[0]![0], '#received-GIAY_CHUNG_SINH');
  assert.match(summary[0]![1], /^Chưa nhận giấy chứng sinh.*\(thành phần bắt buộc\): hướng dẫn người nộp bổ sung hoặc từ chối tiếp nhận$/);
  assert.ok(/name="received" value="TO_KHAI"[^>]*checked/.test(missing.body), 'what was ticked stays ticked');

  const born = await desk.submit(missing, '/can-bo/tiep-nhan', { ...APPLICANT, ...CHILD, motherDateOfBirth: '2026-12-05', received: ALL_REQUIRED, action: 'receive_counter' });
  assert.equal(born.status, 422);
  const s2 = errorSummary(born.body);
  assert.deepEqual(s2.map(([href]) => href), ['#motherDateOfBirth']);
  assert.match(s2[0]![1], /Ngày sinh của người mẹ phải trước ngày sinh của trẻ/);

  const copies = await desk.submit(born, '/can-bo/tiep-nhan', { ...APPLICANT, ...CHILD, received: ALL_REQUIRED, copies_GIAY_CHUNG_SINH: '0', action: 'receive_counter' });
  assert.deepEqual(errorSummary(copies.body).map(([href]) => href), ['#copies_GIAY_CHUNG_SINH']);
  const count = await t.db.selectFrom('dossiers').select('id').execute();
  assert.equal(count.length, 0, 'nothing was received');
});

test('a receipt stores the tờ khai as the declaration (counter) and the components received, listed on the receipt', async () => {
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get(`/can-bo/tiep-nhan?procedure=${KHAI_SINH}`);
  const ok = await desk.submit(page, '/can-bo/tiep-nhan', {
    ...APPLICANT, ...CHILD, received: [...ALL_REQUIRED, 'GCN_KET_HON_CHA_ME'], copies_GIAY_CHUNG_SINH: '2', action: 'receive_counter',
  });
  assert.equal(ok.status, 303, text(ok.body).slice(0, 400));
  const id = /\/can-bo\/ho-so\/([0-9a-f-]{36})/.exec(ok.location ?? '')![1]!;
  const d = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' });
  assert.deepEqual([d.body.declaration.revision, d.body.declaration.source], [1, 'counter']);
  assert.equal(d.body.declaration.forms[0].answers.childFullName, 'Trương Gia Hân');
  assert.equal(d.body.declaration.forms[0].answers.requesterFullName, 'Trương Thị Mai', 'the requester from the applicant');
  const papers = await t.db.selectFrom('dossier_received_papers').select(['component_code', 'copies']).where('dossier_id', '=', id).orderBy('component_code').execute();
  assert.deepEqual(papers.map((p) => [p.component_code, p.copies]), [['GCN_KET_HON_CHA_ME', 1], ['GIAY_CHUNG_SINH', 2], ['GIAY_TO_TUY_THAN', 1], ['TO_KHAI', 1]]);
  if (POPPLER) {
    const receipt = flat(pdfText((await getPdf(t, `/api/v1/dossiers/${id}/documents/receipt`, 'motcua')).body));
    assert.match(receipt, /Giấy chứng sinh.*\(bản chính, số lượng: 02\)/);
  }
});

test('without the e-form typed, a receipt still works (the paper tờ khai only); a refusal needs no checklist', async () => {
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get(`/can-bo/tiep-nhan?procedure=${KHAI_SINH}`);
  const ok = await desk.submit(page, '/can-bo/tiep-nhan', { ...APPLICANT, received: ALL_REQUIRED, action: 'receive_counter' });
  assert.equal(ok.status, 303, text(ok.body).slice(0, 400));
  const id = /\/can-bo\/ho-so\/([0-9a-f-]{36})/.exec(ok.location ?? '')![1]!;
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' })).body.declaration, null);
  const refused = await desk.submit(await desk.get(`/can-bo/tiep-nhan?procedure=${KHAI_SINH}`), '/can-bo/tiep-nhan',
    { ...APPLICANT, action: 'refuse_receipt', reason: 'Không thuộc thẩm quyền của xã' });
  assert.equal(refused.status, 303, text(refused.body).slice(0, 400));
});

test('only the receiving officer opens the counter intake', async () => {
  assert.equal((await (await browserAs(t, 'hotich')).get(`/can-bo/tiep-nhan?procedure=${KHAI_SINH}`)).status, 403);
  const anon = await t.app.inject({ method: 'GET', url: `/can-bo/tiep-nhan?procedure=${KHAI_SINH}` });
  assert.equal(anon.statusCode, 303);
});
