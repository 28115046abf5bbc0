// Issue 11, a fee whose rate depends on how the dossier is filed (residence registration: lower online, Thông tư
// 75/2022/TT-BTC): an online dossier is charged the online line only — in the API, the payment order, the citizen's
// status page and the counter's fee line — and a counter dossier the counter line only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { Browser, textOf } from '../web/portal-support.ts';
import { browserAs } from '../web/staff-browser.ts';
import { ID_LAST4, paymentApp } from './support.ts';
import { findSeedProcedure } from '../../src/catalogue/seed/index.ts';
import { insertVersion } from '../../src/catalogue/store.ts';

const t = await paymentApp();
// The shipped procedures with fees per channel are residence registrations, which Công an xã decides (routing only:
// the commune receives no dossier of them). This file tests the fee rule on a commune procedure of the same shape:
// the residence registration's version, stored under a local code the commune receives.
const THUONG_TRU = 'VP.LOCAL.901'; // 20.000 đ on paper, 10.000 đ online
{
  const { routingOnly: _r, ...residence } = findSeedProcedure('CA.LOCAL.001', new Date('2026-12-07T02:00:00Z'))!;
  const added = await t.db.transaction().execute((trx) => insertVersion(trx, { ...residence, code: THUONG_TRU, handlingUnitCode: 'VP' }));
  assert.ok(added.ok);
}
const CITIZEN = applicant({ name: 'Lê Thị Hồng', idNumber: '001190004567' });
assert.equal(CITIZEN.idNumber.slice(-4), ID_LAST4);

const answers = {
  TO_KHAI: {
    applicantFullName: 'Lê Thị Hồng', applicantDateOfBirth: '1990-04-12', applicantIdNumber: '001190004567', applicantGender: 'Nữ',
    newResidence: 'Thôn Đồng Tâm, xã Xuân Dương, tỉnh Thái Nguyên', content: 'Đăng ký thường trú tại nhà ở thuộc sở hữu của bản thân',
  },
};

test('an online residence registration is charged the online rate only (10.000 đ), everywhere it is shown', async () => {
  t.setNow('2026-12-07T09:00:00+07:00');
  const r = await fileOnline(t, { procedureCode: THUONG_TRU, applicant: CITIZEN, answers });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const d = r.body as { id: string; reference: string };

  const api = await call(t, 'GET', `/api/v1/dossiers/${d.id}/payments`, { as: 'motcua' });
  assert.equal(api.status, 200, JSON.stringify(api.body));
  assert.equal(api.body.due.amountVnd, 10_000);
  assert.deepEqual(api.body.due.feeCodes, ['LP_TRUC_TUYEN']);

  const pay = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.reference, idLast4: ID_LAST4 } });
  assert.equal(pay.status, 201, JSON.stringify(pay.body));
  assert.equal(pay.body.amountVnd, 10_000);
  assert.equal(new URL(pay.body.paymentUrl).searchParams.get('vnp_Amount'), '1000000');

  const b = new Browser(t);
  await b.get('/tra-cuu');
  assert.equal((await b.post('/tra-cuu', { ma_ho_so: d.reference, bon_so_cuoi: ID_LAST4 })).status, 303);
  const status = textOf((await b.get(`/tra-cuu/ho-so/${d.id}`)).body);
  assert.match(status, /Phí, lệ phí của hồ sơ: 10\.000 đồng/);
  const payPage = textOf((await b.get(`/tra-cuu/ho-so/${d.id}/thanh-toan`)).body);
  assert.match(payPage, /Lệ phí đăng ký thường trú \(nộp hồ sơ trực tuyến\)/);
  assert.doesNotMatch(payPage, /20\.000|trực tiếp hoặc qua bưu chính/);

  const staff = await browserAs(t, 'motcua');
  const counter = textOf((await staff.get(`/can-bo/thu-phi?ma=${encodeURIComponent(d.reference)}`)).body);
  assert.match(counter, /Chưa nộp: 10\.000 đồng/);
  assert.doesNotMatch(counter, /20\.000/);
});

test('a residence registration received at the counter is charged the counter rate only (20.000 đ)', async () => {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: THUONG_TRU, applicant: CITIZEN, channel: 'direct' } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const api = await call(t, 'GET', `/api/v1/dossiers/${r.body.id}/payments`, { as: 'motcua' });
  assert.equal(api.status, 200, JSON.stringify(api.body));
  assert.equal(api.body.due.amountVnd, 20_000);
  assert.deepEqual(api.body.due.feeCodes, ['LP_TRUC_TIEP']);
  assert.match(api.body.due.description, /^Lệ phí đăng ký thường trú \(nộp hồ sơ trực tiếp hoặc qua bưu chính\)$/);
});
