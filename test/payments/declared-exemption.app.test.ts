// Issue 11, an exempt group the applicant declares (Luật Hộ tịch 2014 Đ11 k1 điểm a: people with meritorious service,
// poor households, persons with disabilities): the birth form asks it; once declared, a late registration asks no
// payment and the counter's fee line tells the officer to check the papers; when they do not bear it out, the officer
// corrects the declaration (in the history) and the fee becomes due, computed by the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { textOf } from '../web/portal-support.ts';
import { browserAs } from '../web/staff-browser.ts';
import { NO_EXEMPTION_ANSWER } from '../../src/catalogue/core/fees.ts';
import { ID_LAST4, paymentApp } from './support.ts';

const t = await paymentApp();
const KHAI_SINH = '1.001193';
const MOTHER = applicant({ name: 'Lê Thị Hồng', idNumber: '001190004567' });

/** A late birth (61 days before the filing) whose mother declares the child's household poor. */
const TO_KHAI = {
  relationship: 'Mẹ',
  childFullName: 'Nguyễn Minh Khang', childDateOfBirth: '2026-10-07', childGender: 'Nam', childEthnicity: 'Kinh', childNationality: 'VN',
  childPlaceOfBirth: 'Trạm y tế xã Xuân Dương', childHometown: 'Xã Xuân Dương, tỉnh Thái Nguyên',
  motherFullName: 'Lê Thị Hồng', motherDateOfBirth: '1990-04-12', motherEthnicity: 'Kinh', motherNationality: 'Việt Nam',
  motherIdNumber: '001190004567', motherResidence: 'Thôn Đồng Tâm, xã Xuân Dương',
  feeExemption: 'Người thuộc hộ nghèo',
};

test('a declared exempt group: no payment asked, the officer is told to check; corrected, the fee is due', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const r = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: MOTHER, answers: { TO_KHAI } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const d = r.body as { id: string; reference: string };

  const pay = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.reference, idLast4: ID_LAST4 } });
  assert.equal(pay.status, 409, JSON.stringify(pay.body));
  assert.equal(pay.body.code, 'FEE_EXEMPT');
  assert.match(pay.body.title, /người thuộc hộ nghèo/);

  const staff = await browserAs(t, 'motcua');
  const counter = await staff.get(`/can-bo/thu-phi?ma=${encodeURIComponent(d.reference)}`);
  const line = textOf(counter.body);
  assert.match(line, /Phí, lệ phí: 0 đồng — miễn \(Miễn lệ phí: người thuộc hộ nghèo/);
  assert.match(line, /tự khai thuộc đối tượng được miễn: kiểm tra giấy tờ chứng minh; nếu không đủ căn cứ, sửa mục đối tượng miễn lệ phí trong tờ khai để thu 5\.000 đồng/);
  assert.ok(counter.body.includes(`href="/can-bo/ho-so/${d.id}/to-khai/sua"`), 'the way to correct it');

  // The papers do not bear it out: the officer corrects the declaration; the history says so.
  const fixed = await call(t, 'PUT', `/api/v1/dossiers/${d.id}/declaration`, {
    as: 'motcua', body: { answers: { TO_KHAI: { ...TO_KHAI, feeExemption: NO_EXEMPTION_ANSWER } }, reason: 'Không có giấy tờ chứng minh thuộc hộ nghèo' },
  });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  const due = await call(t, 'GET', `/api/v1/dossiers/${d.id}/payments`, { as: 'motcua' });
  assert.equal(due.status, 200, JSON.stringify(due.body));
  assert.equal(due.body.due.amountVnd, 5_000);
  assert.deepEqual(due.body.due.exemptReasons, []);
  const paid = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.reference, idLast4: ID_LAST4 } });
  assert.equal(paid.status, 201, JSON.stringify(paid.body));
  assert.equal(paid.body.amountVnd, 5_000);
  assert.match(textOf((await staff.get(`/can-bo/thu-phi?ma=${encodeURIComponent(d.reference)}`)).body), /Chưa nộp: 5\.000 đồng/);
});
