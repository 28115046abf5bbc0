// The citizen's pages: from the status page to the stand-in gateway and back, the dossier resumed, the e-receipt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, textOf } from '../web/portal-support.ts';
import { applicant, call } from '../support/http.ts';
import { CITIZEN_COOKIE, startCitizenSession } from '../../src/identity/citizens/accounts.ts';
import { FEE_BEFORE_PROCEDURE, ID_LAST4, obligationDossier, paymentApp } from './support.ts';

const t = await paymentApp();

const unescape = (s: string) => s.replace(/&amp;/g, '&');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

test('a citizen pays a financial obligation online from the status page; the dossier resumes; the receipt is a PDF', async () => {
  const d = await obligationDossier(t, 1_250_000);
  const b = new Browser(t);
  assert.equal((await b.get(`/tra-cuu/ho-so/${d.id}/thanh-toan`)).location, '/tra-cuu'); // no second factor yet
  await b.get('/tra-cuu');
  const proof = await b.post('/tra-cuu', { ma_ho_so: d.code, bon_so_cuoi: ID_LAST4 });
  assert.equal(proof.status, 303);
  const status = await b.get(`/tra-cuu/ho-so/${d.id}`);
  assert.match(status.body, /href="\/tra-cuu\/ho-so\/[^"]+\/thanh-toan"[^>]*>Thanh toán trực tuyến/);

  const pay = await b.get(`/tra-cuu/ho-so/${d.id}/thanh-toan`);
  assert.match(textOf(pay.body), /1\.250\.000 đồng/);
  assert.match(textOf(pay.body), new RegExp(`Mã hồ sơ\\s*${d.code.replace(/\./g, '\\.')}`));
  assert.doesNotMatch(textOf(pay.body), UUID);
  const go = await b.post(`/tra-cuu/ho-so/${d.id}/thanh-toan`, { amountVnd: '1' }); // a posted amount is ignored
  assert.equal(go.status, 200);
  const gatewayUrl = unescape(/href="(http:\/\/127\.0\.0\.1:\d+\/paymentv2\/[^"]+)"/.exec(go.body)![1]!);
  assert.equal(new URL(gatewayUrl).searchParams.get('vnp_Amount'), '125000000');

  // At the stand-in gateway: "Thanh toán".
  const gw = await fetch(gatewayUrl);
  assert.match(await gw.text(), /1\.250\.000/);
  const ref = new URL(gatewayUrl).searchParams.get('vnp_TxnRef')!;
  const confirm = await fetch(new URL('/paymentv2/confirm', gatewayUrl), { method: 'POST', body: new URLSearchParams({ ref, choice: 'pay' }), redirect: 'manual' });
  const back = new URL(confirm.headers.get('location')!);
  const shown = await b.get(back.pathname + back.search);
  assert.equal(shown.status, 200);
  assert.match(textOf(shown.body), /Thanh toán thành công/);

  const after = await b.get(`/tra-cuu/ho-so/${d.id}`);
  assert.match(textOf(after.body), /Đang xử lý/);
  const paid = await b.get(`/tra-cuu/ho-so/${d.id}/thanh-toan`);
  assert.match(textOf(paid.body), /không có khoản phí, lệ phí nào cần nộp/);
  const receipt = await t.app.inject({ method: 'GET', url: `/tra-cuu/ho-so/${d.id}/thanh-toan/bien-lai/${ref}`, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  assert.equal(receipt.statusCode, 200);
  assert.equal(receipt.headers['content-type'], 'application/pdf');
});

test('cancelling at the gateway records the cancellation and the citizen can pay again', async () => {
  const d = await obligationDossier(t, 50_000);
  const b = new Browser(t);
  await b.get('/tra-cuu');
  await b.post('/tra-cuu', { ma_ho_so: d.code, bon_so_cuoi: ID_LAST4 });
  await b.get(`/tra-cuu/ho-so/${d.id}/thanh-toan`);
  const go = await b.post(`/tra-cuu/ho-so/${d.id}/thanh-toan`);
  const gatewayUrl = unescape(/href="(http:\/\/127\.0\.0\.1:\d+\/paymentv2\/[^"]+)"/.exec(go.body)![1]!);
  await fetch(gatewayUrl);
  const ref = new URL(gatewayUrl).searchParams.get('vnp_TxnRef')!;
  const confirm = await fetch(new URL('/paymentv2/confirm', gatewayUrl), { method: 'POST', body: new URLSearchParams({ ref, choice: 'cancel' }), redirect: 'manual' });
  const back = new URL(confirm.headers.get('location')!);
  assert.match(textOf((await b.get(back.pathname + back.search)).body), /Bạn đã hủy giao dịch/);
  await b.get(`/tra-cuu/ho-so/${d.id}/thanh-toan`);
  const again = await b.post(`/tra-cuu/ho-so/${d.id}/thanh-toan`);
  const second = new URL(unescape(/href="(http:\/\/127\.0\.0\.1:\d+\/paymentv2\/[^"]+)"/.exec(again.body)![1]!)).searchParams.get('vnp_TxnRef');
  assert.notEqual(second, ref);
});

test('before receipt the payment page names the dossier by its reference, never its id; the public API takes the reference', async () => {
  // Filed online, by the applicant logged in with e-identity (the session the login would open), with a fee collected
  // at submission: no dossier code yet, only the reference.
  const a = applicant();
  const { token } = await startCitizenSession(t.db, { issuer: 'test', subject: 'payer', idNumber: a.idNumber, name: a.name, birthdate: null, level: 2 }, new Date());
  const filed = await call(t, 'POST', '/api/v1/public/submissions', {
    headers: { cookie: `${CITIZEN_COOKIE}=${token}` },
    body: { communeId: 'xuan-duong', procedureCode: FEE_BEFORE_PROCEDURE, applicant: a },
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  const { id, reference } = filed.body as { id: string; reference: string };
  assert.match(reference, /^HS-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const b = new Browser(t);
  await b.get('/tra-cuu');
  assert.equal((await b.post('/tra-cuu', { ma_ho_so: reference, bon_so_cuoi: ID_LAST4 })).status, 303);
  const pay = textOf((await b.get(`/tra-cuu/ho-so/${id}/thanh-toan`)).body);
  assert.match(pay, /10\.000 đồng/);
  assert.match(pay, new RegExp(`Mã tra cứu\\s*${reference}`));
  assert.doesNotMatch(pay, /Chưa có mã/);
  assert.doesNotMatch(pay, UUID);

  // The public API: the reference as a citizen types it (any case, spaces), and the id still works for programs.
  const typed = reference.toLowerCase().replace(/-/g, ' ');
  const started = await call(t, 'POST', '/api/v1/public/payments', { body: { code: typed, idLast4: ID_LAST4 } });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  assert.equal(started.body.amountVnd, 10_000);
  const again = await call(t, 'POST', '/api/v1/public/payments', { body: { id, idLast4: ID_LAST4 } });
  assert.equal(again.status, 201, JSON.stringify(again.body));
  assert.equal(again.body.ref, started.body.ref, 'the same open order');
  const both = await call(t, 'POST', '/api/v1/public/payments', { body: { code: reference, id, idLast4: ID_LAST4 } });
  assert.equal(both.status, 400);
});
