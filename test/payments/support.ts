// A test app whose payment stand-in uses a known secret and delivers its IPN calls to the app itself (listening on
// a loopback port, test/support/app.ts), plus helpers to bring dossiers to the states where something is owed.
import assert from 'node:assert/strict';
import { IPN_PATH } from '../../src/outside/payment.ts';
import { resultParams, signed, toQuery, type GatewayResult } from '../../src/payments/core/protocol.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

export const SECRET = 'xaso-test-gateway-secret-0123456789';
export const MERCHANT = 'XASOTEST';

export type PaymentTestApp = TestApp;

/** A listening test app whose payment stand-in uses a known secret and merchant code. */
export const paymentApp = (): Promise<PaymentTestApp> =>
  testApp({ listen: true, standIns: ['payment'], env: { XASO_PAYMENT_SECRET: SECRET, XASO_PAYMENT_MERCHANT: MERCHANT } });

export const ID_LAST4 = '4567';
/** Xác nhận tình trạng hôn nhân: a 10.000 đ fee collected at submission ("thu trước"). */
export const FEE_BEFORE_PROCEDURE = '1.004873';
/** First land certificate: pauses for the financial obligation (state 6). */
export const LAND_PROCEDURE = 'DD.LOCAL.001';

/** A dossier received at the counter, owing its fee collected at submission. */
export async function feeDossier(t: TestApp) {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: FEE_BEFORE_PROCEDURE, applicant: applicant() } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; code: string };
}

/** A land dossier waiting for its financial obligation (state 6) of `amountVnd`. */
export async function obligationDossier(t: TestApp, amountVnd = 1_250_000) {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: LAND_PROCEDURE, applicant: applicant() } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const id = r.body.id as string;
  const a = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'KT' } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  const o = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/request_financial_obligation`, {
    as: 'diachinh', body: { description: 'Tiền sử dụng đất và lệ phí cấp Giấy chứng nhận', amountVnd },
  });
  assert.equal(o.status, 200, JSON.stringify(o.body));
  assert.equal(o.body.state, 6);
  return { id, code: r.body.code as string };
}

/** The citizen starts an online payment through the public API. */
export async function startPay(t: TestApp, code: string) {
  const r = await call(t, 'POST', '/api/v1/public/payments', { body: { code, idLast4: ID_LAST4 } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { ref: string; amountVnd: number; paymentUrl: string };
}

/** The gateway's IPN call for a result, signed with `secret` (the right one unless forging). */
export async function ipn(t: TestApp, r: Partial<GatewayResult> & { orderRef: string; amountVnd: number }, secret = SECRET) {
  const full: GatewayResult = {
    merchantCode: MERCHANT, outcome: 'paid', responseCode: '00', transactionNo: '14000001', bankCode: 'NCB', payDate: new Date(), ...r,
  };
  const res = await t.app.inject({ method: 'GET', url: `${IPN_PATH}?${toQuery(signed(resultParams(full), secret))}` });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { RspCode: string; Message: string };
}

export async function ledger(t: TestApp, ref: string) {
  return t.db.selectFrom('payment_entries').select(['kind', 'amount_vnd', 'transaction_no']).where('order_ref', '=', ref).orderBy('id').execute();
}
