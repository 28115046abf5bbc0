// The gateway's notification (IPN) and return URL: forged signature, wrong amount, replay, unknown order, out of
// order (cancelled or expired order), and the return URL that shows without settling; state 6 → obligation_met.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from '../support/http.ts';
import { resultParams, signed, toQuery } from '../../src/payments/core/protocol.ts';
import { MERCHANT, SECRET, feeDossier, ipn, ledger, obligationDossier, paymentApp, startPay } from './support.ts';

const t = await paymentApp();

const notices = (ref: string) =>
  t.db.selectFrom('payment_notifications').select(['channel', 'result', 'reason', 'rsp_code']).where('order_ref', '=', ref).orderBy('id').execute();

test('the amount is the server\'s: fee collected at submission from the procedure version, signed URL to the gateway', async () => {
  const d = await feeDossier(t);
  const p = await startPay(t, d.code);
  assert.equal(p.amountVnd, 10_000);
  const url = new URL(p.paymentUrl);
  assert.equal(url.searchParams.get('vnp_Amount'), '1000000');
  assert.equal(url.searchParams.get('vnp_TxnRef'), p.ref);
  assert.match(url.searchParams.get('vnp_SecureHash') ?? '', /^[0-9a-f]{128}$/);
  // Asking again reuses the open order.
  assert.equal((await startPay(t, d.code)).ref, p.ref);
  // A wrong second factor gets nothing.
  const wrong = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.code, idLast4: '0000' } });
  assert.equal(wrong.status, 404);
  // The browser cannot set the amount: unknown fields are refused.
  const extra = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.code, idLast4: '4567', amountVnd: 1 } });
  assert.equal(extra.status, 400);
});

test('a forged signature is refused (97) and logged; nothing is recorded', async () => {
  const d = await feeDossier(t);
  const p = await startPay(t, d.code);
  const r = await ipn(t, { orderRef: p.ref, amountVnd: 10_000 }, 'not-the-secret');
  assert.equal(r.RspCode, '97');
  // Tampering with a signed query (amount changed after signing) is the same.
  const q = signed(resultParams({ merchantCode: MERCHANT, orderRef: p.ref, amountVnd: 10_000, outcome: 'paid', responseCode: '00', transactionNo: '1', bankCode: 'NCB', payDate: new Date() }), SECRET);
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/payments/ipn?${toQuery({ ...q, vnp_Amount: '100' })}` });
  assert.equal(res.json().RspCode, '97');
  assert.deepEqual((await ledger(t, p.ref)).map((e) => e.kind), ['created']);
  assert.deepEqual((await notices(p.ref)).map((n) => [n.result, n.reason]), [['rejected', 'BAD_SIGNATURE'], ['rejected', 'BAD_SIGNATURE']]);
});

test('a wrong amount is refused (04); an unknown order (01)', async () => {
  const d = await feeDossier(t);
  const p = await startPay(t, d.code);
  assert.equal((await ipn(t, { orderRef: p.ref, amountVnd: 9_000 })).RspCode, '04');
  assert.deepEqual((await ledger(t, p.ref)).map((e) => e.kind), ['created']);
  assert.equal((await ipn(t, { orderRef: 'XSDOESNOTEXIST0000', amountVnd: 10_000 })).RspCode, '01');
  assert.equal((await notices('XSDOESNOTEXIST0000'))[0]?.reason, 'UNKNOWN_ORDER');
});

test('a replayed notification is answered 02 and the ledger holds exactly one settlement', async () => {
  const d = await feeDossier(t);
  const p = await startPay(t, d.code);
  const results = await Promise.all([1, 2, 3].map(() => ipn(t, { orderRef: p.ref, amountVnd: 10_000, transactionNo: '777' })));
  assert.deepEqual(results.map((r) => r.RspCode).sort(), ['00', '02', '02']);
  assert.equal((await ipn(t, { orderRef: p.ref, amountVnd: 10_000, transactionNo: '777' })).RspCode, '02');
  const l = await ledger(t, p.ref);
  assert.deepEqual(l.map((e) => e.kind), ['created', 'paid']);
  // Paid: nothing more is owed, and the dossier counts as paid online.
  const again = await call(t, 'POST', '/api/v1/public/payments', { body: { code: d.code, idLast4: '4567' } });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'NOTHING_TO_PAY');
  const flag = await t.db.selectFrom('dossier_payments').select(['paid_online', 'paid_vnd']).where('dossier_id', '=', d.id).executeTakeFirstOrThrow();
  assert.equal(flag.paid_online, true);
  assert.equal(Number(flag.paid_vnd), 10_000);
});

test('out of order: a payment notice for a cancelled order, or an expired one, is refused and logged', async () => {
  const d = await feeDossier(t);
  const p = await startPay(t, d.code);
  assert.equal((await ipn(t, { orderRef: p.ref, amountVnd: 10_000, outcome: 'cancelled', responseCode: '24', transactionNo: '0' })).RspCode, '00');
  assert.equal((await ipn(t, { orderRef: p.ref, amountVnd: 10_000, transactionNo: '888' })).RspCode, '02');
  assert.deepEqual((await ledger(t, p.ref)).map((e) => e.kind), ['created', 'cancelled']);
  assert.equal((await notices(p.ref)).at(-1)?.reason, 'CONFLICTS_WITH_SETTLEMENT');

  // A new order after the cancellation; the clock passes its expiry before the gateway's notice comes.
  const q = await startPay(t, d.code);
  assert.notEqual(q.ref, p.ref);
  t.setNow(new Date(Date.now() + 16 * 60_000).toISOString());
  try {
    assert.equal((await ipn(t, { orderRef: q.ref, amountVnd: 10_000, transactionNo: '889' })).RspCode, '02');
  } finally {
    t.setNow(null);
  }
  assert.deepEqual((await ledger(t, q.ref)).map((e) => e.kind), ['created']);
  assert.equal((await notices(q.ref)).at(-1)?.reason, 'ORDER_EXPIRED');
});

test('the return URL shows the result but does not settle; only the IPN does', async () => {
  const d = await feeDossier(t);
  const p = await startPay(t, d.code);
  const q = signed(resultParams({ merchantCode: MERCHANT, orderRef: p.ref, amountVnd: 10_000, outcome: 'paid', responseCode: '00', transactionNo: '55', bankCode: 'NCB', payDate: new Date() }), SECRET);
  const page = await t.app.inject({ method: 'GET', url: `/thanh-toan/ket-qua?${toQuery(q)}` });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /đang chờ xác nhận|Đang chờ/i);
  assert.deepEqual((await ledger(t, p.ref)).map((e) => e.kind), ['created']);
  const forged = await t.app.inject({ method: 'GET', url: `/thanh-toan/ket-qua?${toQuery({ ...q, vnp_ResponseCode: '00', vnp_Amount: '1' })}` });
  assert.equal(forged.statusCode, 400);
  assert.equal((await notices(p.ref)).filter((n) => n.channel === 'return').length, 2);
});

test('state 6: the online payment settles the obligation and records obligation_met as the system, in one transaction', async () => {
  const d = await obligationDossier(t, 1_250_000);
  const p = await startPay(t, d.code);
  assert.equal(p.amountVnd, 1_250_000);
  assert.equal((await ipn(t, { orderRef: p.ref, amountVnd: 1_250_000, transactionNo: '4242' })).RspCode, '00');
  const row = await t.db.selectFrom('dossiers').select('state').where('id', '=', d.id).executeTakeFirstOrThrow();
  assert.equal(row.state, 4);
  const ev = await t.db.selectFrom('dossier_events').select(['action', 'actor_role', 'actor_id']).where('dossier_id', '=', d.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(ev, { action: 'obligation_met', actor_role: 'system', actor_id: 'apikey:0' });
  // The staff view of the dossier's payments.
  const v = await call(t, 'GET', `/api/v1/dossiers/${d.id}/payments`, { as: 'motcua' });
  assert.equal(v.status, 200);
  assert.equal(v.body.paidOnline, true);
  assert.equal(v.body.orders[0].state, 'paid');
  assert.equal(v.body.due, null);
});

test('the ledger is append-only for the application role', async () => {
  await assert.rejects(t.db.updateTable('payment_entries').set({ actor_id: 'x' }).execute(), /permission denied|append-only/);
  await assert.rejects(t.db.deleteFrom('payment_orders').execute(), /permission denied|append-only/);
});
