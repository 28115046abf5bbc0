// A test app whose payment stand-in uses a known secret and delivers its IPN calls to the app itself (listening on
// a reserved loopback port), plus helpers to bring dossiers to the states where something is owed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { loadConfig, outsideOptions } from '../../src/config.ts';
import { startOutside, type Outside } from '../../src/outside/index.ts';
import { buildApp } from '../../src/http/app.ts';
import { DEMO_PASSWORD } from '../../src/org/demo.ts';
import { IPN_PATH } from '../../src/outside/payment.ts';
import { resultParams, signed, toQuery, type GatewayResult } from '../../src/payments/core/protocol.ts';
import { testDb } from '../support/db.ts';
import type { TestApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

export const SECRET = 'xaso-test-gateway-secret-0123456789';
export const MERCHANT = 'XASOTEST';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export type PaymentTestApp = TestApp & { outside: Outside; base: string };

export async function paymentApp(): Promise<PaymentTestApp> {
  const { db, url } = await testDb();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-pay-test-'));
  const started = await startOutside(outsideOptions({ ...loadConfig({ XASO_PAYMENT_SECRET: SECRET, XASO_PAYMENT_MERCHANT: MERCHANT }), dataDir, publicUrl: base }));
  let fixed: Date | null = null;
  const app = await buildApp({
    db, engine: process.env.DATABASE_URL ? 'external' : 'embedded',
    migrationVersion: async () => 7, now: () => fixed ?? new Date(), publicUrl: base, outside: started.outside,
  }, { logLevel: process.env.PAY_LOG ?? 'silent' });
  await app.listen({ port, host: '127.0.0.1' });
  after(async () => {
    await app.close();
    await started.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const cookies = new Map<string, string>();
  return {
    app, db, url, base, outside: started.outside,
    setNow: (iso) => { fixed = iso ? new Date(iso) : null; },
    async login(username) {
      const hit = cookies.get(username);
      if (hit) return hit;
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      assert.equal(res.statusCode, 200, `login ${username}: ${res.body}`);
      const header = `xaso_sid=${res.cookies.find((x) => x.name === 'xaso_sid')!.value}`;
      cookies.set(username, header);
      return header;
    },
  };
}

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
