// Issue 11, fees from the law and the dossier, through the API and the pages: an on-time birth registration asks no
// fee (no payment can be created, the pages say why), a late one is charged the computed amount whatever the client
// sends; once paid, the citizen's status page says "Đã nộp" with the receipt and offers no payment, and the counter's
// page says it was paid online.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { Browser, textOf } from '../web/portal-support.ts';
import { browserAs } from '../web/staff-browser.ts';
import { feeStatusOf } from '../../src/payments/service.ts';
import { ID_LAST4, ipn, ledger, paymentApp } from './support.ts';

const t = await paymentApp();
const KHAI_SINH = '1.001193';
const MOTHER = applicant({ name: 'Lê Thị Hồng', idNumber: '001190004567' });
assert.equal(MOTHER.idNumber.slice(-4), ID_LAST4);

const answers = (childDateOfBirth: string) => ({
  TO_KHAI: {
    relationship: 'Mẹ',
    childFullName: 'Nguyễn Minh Khang', childDateOfBirth, childGender: 'Nam', childEthnicity: 'Kinh', childNationality: 'VN',
    childPlaceOfBirth: 'Trạm y tế xã Xuân Dương', childHometown: 'Xã Xuân Dương, tỉnh Thái Nguyên',
    motherFullName: 'Lê Thị Hồng', motherDateOfBirth: '1990-04-12', motherEthnicity: 'Kinh', motherNationality: 'Việt Nam',
    motherIdNumber: '001190004567', motherResidence: 'Thôn Đồng Tâm, xã Xuân Dương',
  },
});

/** A birth registration filed online on 2026-12-07 for a child born on `born`. */
async function fileBirth(born: string) {
  t.setNow('2026-12-07T09:00:00+07:00');
  const r = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: MOTHER, answers: answers(born) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; reference: string };
}

async function statusPage(d: { id: string; reference: string }) {
  const b = new Browser(t);
  await b.get('/tra-cuu');
  assert.equal((await b.post('/tra-cuu', { ma_ho_so: d.reference, bon_so_cuoi: ID_LAST4 })).status, 303);
  return { b, page: await b.get(`/tra-cuu/ho-so/${d.id}`) };
}

test('on-time birth registration (day 60): no payment can be created, the pages say why and offer none', async () => {
  const d = await fileBirth('2026-10-08'); // 60 days before 2026-12-07
  const pay = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.reference, idLast4: ID_LAST4 } });
  assert.equal(pay.status, 409, JSON.stringify(pay.body));
  assert.equal(pay.body.code, 'FEE_EXEMPT');
  assert.match(pay.body.title, /đăng ký khai sinh đúng hạn/);
  assert.equal((await t.db.selectFrom('payment_orders').select('ref').where('dossier_id', '=', d.id).execute()).length, 0);

  const api = await call(t, 'GET', `/api/v1/dossiers/${d.id}/payments`, { as: 'motcua' });
  assert.equal(api.status, 200, JSON.stringify(api.body));
  assert.equal(api.body.due.amountVnd, 0);
  assert.match(api.body.due.exemptReasons[0], /^Miễn lệ phí: đăng ký khai sinh đúng hạn \(Luật Hộ tịch 2014, Điều 11/);

  const { b, page } = await statusPage(d);
  assert.doesNotMatch(page.body, /Thanh toán trực tuyến/);
  assert.match(textOf(page.body), /Phí, lệ phí: 0 đồng\. Miễn lệ phí: đăng ký khai sinh đúng hạn/);
  const payPage = await b.get(`/tra-cuu/ho-so/${d.id}/thanh-toan`);
  assert.doesNotMatch(payPage.body, /<button[^>]*>\s*Thanh toán trực tuyến/);
  assert.match(textOf(payPage.body), /Không phải nộp phí, lệ phí \(0 đồng\)/);
  const posted = await b.post(`/tra-cuu/ho-so/${d.id}/thanh-toan`, { amountVnd: '5000' });
  assert.equal(posted.status, 409);

  const fee = await feeStatusOf(t.db, d.id, new Date('2026-12-07T02:00:00Z'));
  assert.equal(fee.kind, 'exempt');
  const staff = await browserAs(t, 'motcua');
  const counter = await staff.get(`/can-bo/thu-phi?ma=${encodeURIComponent(d.reference)}`);
  assert.match(textOf(counter.body), /Phí, lệ phí: 0 đồng — miễn \(Miễn lệ phí: đăng ký khai sinh đúng hạn/);
  assert.doesNotMatch(counter.body, /Ghi nhận đã thu tiền mặt/);
});

test('late birth registration (day 61): the payment is for the computed amount; once paid, "Đã nộp" with the receipt and no payment offered', async () => {
  const d = await fileBirth('2026-10-07'); // 61 days before 2026-12-07
  const before = await statusPage(d);
  assert.match(before.page.body, /href="\/tra-cuu\/ho-so\/[^"]+\/thanh-toan"[^>]*>Thanh toán trực tuyến/);
  assert.match(textOf(before.page.body), /Phí, lệ phí của hồ sơ: 5\.000 đồng/);

  const pay = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.reference, idLast4: ID_LAST4 } });
  assert.equal(pay.status, 201, JSON.stringify(pay.body));
  assert.equal(pay.body.amountVnd, 5_000);
  assert.equal(new URL(pay.body.paymentUrl).searchParams.get('vnp_Amount'), '500000');
  const staff = await browserAs(t, 'motcua');
  assert.match(textOf((await staff.get(`/can-bo/thu-phi?ma=${encodeURIComponent(d.reference)}`)).body), /Chưa nộp: 5\.000 đồng — thu tiền mặt/);

  assert.equal((await ipn(t, { orderRef: pay.body.ref, amountVnd: 5_000 })).RspCode, '00');
  assert.deepEqual((await ledger(t, pay.body.ref)).map((e) => e.kind), ['created', 'paid']);

  const after = await statusPage(d);
  const text = textOf(after.page.body);
  assert.match(text, /Đã nộp 5\.000 đồng \(trực tuyến/);
  assert.match(after.page.body, new RegExp(`href="/tra-cuu/ho-so/${d.id}/thanh-toan/bien-lai/${pay.body.ref}"`));
  assert.doesNotMatch(after.page.body, /Thanh toán trực tuyến/);
  const again = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.reference, idLast4: ID_LAST4 } });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'NOTHING_TO_PAY');

  const counter = await staff.get(`/can-bo/thu-phi?ma=${encodeURIComponent(d.reference)}`);
  assert.match(textOf(counter.body), /Phí, lệ phí: Đã nộp trực tuyến 5\.000 đồng/);
  assert.match(counter.body, new RegExp(`href="/api/v1/dossiers/${d.id}/payments/${pay.body.ref}/receipt"`));
  assert.doesNotMatch(counter.body, /Ghi nhận đã thu tiền mặt/);
  assert.equal((await feeStatusOf(t.db, d.id, new Date('2026-12-07T02:00:00Z'))).kind, 'paid');
});
