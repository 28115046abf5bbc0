// Cash at the counter, exemptions, the e-receipt, the stand-in gateway round trip (pay page → IPN → return URL),
// the daily reconciliation finding a planted mismatch, and who may do what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applicant, call } from '../support/http.ts';
import { vnDate } from '../../src/calendar/core/index.ts';
import { feeDossier, ipn, ledger, obligationDossier, paymentApp, startPay } from './support.ts';

const t = await paymentApp();

test('cash at the counter: the amount is the server\'s, state 6 goes back to processing, a receipt PDF is issued', async () => {
  const d = await obligationDossier(t, 300_000);
  const r = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, { as: 'motcua', body: {} });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.equal(r.body.amountVnd, 300_000);
  assert.equal(r.body.method, 'cash');
  const row = await t.db.selectFrom('dossiers').select('state').where('id', '=', d.id).executeTakeFirstOrThrow();
  assert.equal(row.state, 4);
  const ev = await t.db.selectFrom('dossier_events').select(['action', 'actor_role']).where('dossier_id', '=', d.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
  assert.deepEqual(ev, { action: 'obligation_met', actor_role: 'receiving_officer' });
  // Cash does not count as paid online.
  const v = await call(t, 'GET', `/api/v1/dossiers/${d.id}/payments`, { as: 'motcua' });
  assert.equal(v.body.paidOnline, false);
  const pdf = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/payments/${r.body.ref}/receipt`, headers: { cookie: await t.login('motcua') } });
  assert.equal(pdf.statusCode, 200);
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  // Nothing is owed any more.
  const again = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, { as: 'motcua', body: {} });
  assert.equal(again.status, 409);
});

test('an exemption must be one of the procedure\'s; an exempt fee is recorded at 0 đ', async () => {
  const d = await feeDossier(t);
  const bad = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, { as: 'motcua', body: { exemption: 'Bạn của cán bộ' } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'INVALID_FEE_QUERY');
  const ok = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, { as: 'motcua', body: {} });
  assert.equal(ok.body.amountVnd, 10_000);
  // Birth registration on time (Luật Hộ tịch 2014 Đ11 k1): the officer records the exemption, 0 đ, method "exempt".
  const birth = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  const exempt = await call(t, 'POST', `/api/v1/dossiers/${birth.body.id}/payments/cash`, {
    as: 'motcua', body: { exemption: 'Đăng ký khai sinh đúng hạn (trong thời hạn 60 ngày kể từ ngày sinh)' },
  });
  assert.equal(exempt.status, 201, JSON.stringify(exempt.body));
  assert.deepEqual([exempt.body.amountVnd, exempt.body.method], [0, 'exempt']);
  // Without an amount in the notice and no fee line after processing, nothing can be collected blindly.
  const land = await obligationDossierWithoutAmount();
  const blind = await call(t, 'POST', `/api/v1/dossiers/${land}/payments/cash`, { as: 'motcua', body: {} });
  assert.equal(blind.status, 201, 'the land procedure has a 25.000 đ fee line collected after processing');
  assert.equal(blind.body.amountVnd, 25_000);
});

async function obligationDossierWithoutAmount() {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: 'DD.LOCAL.001', applicant: applicant() } });
  await call(t, 'POST', `/api/v1/dossiers/${r.body.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'KT' } });
  const o = await call(t, 'POST', `/api/v1/dossiers/${r.body.id}/actions/request_financial_obligation`, { as: 'diachinh', body: { description: 'Lệ phí cấp Giấy chứng nhận' } });
  assert.equal(o.body.state, 6);
  return r.body.id as string;
}

test('who may: cash only by the one-stop desk, reconciliation not by specialists, other communes see nothing', async () => {
  const d = await feeDossier(t);
  const specialist = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, { as: 'hotich', body: {} });
  assert.equal(specialist.status, 403);
  const other = await call(t, 'POST', `/api/v1/dossiers/${d.id}/payments/cash`, { as: 'tl.motcua', body: {} });
  assert.equal(other.status, 404);
  assert.equal((await call(t, 'GET', `/api/v1/dossiers/${d.id}/payments`, { as: 'tl.motcua' })).status, 404);
  const day = vnDate(new Date());
  assert.equal((await call(t, 'GET', `/api/v1/payments/reconciliation?day=${day}`, { as: 'hotich' })).status, 403);
  assert.equal((await call(t, 'GET', `/api/v1/payments/reconciliation?day=${day}`)).status, 401);
  const page = await t.app.inject({ method: 'GET', url: '/can-bo/thu-phi', headers: { cookie: await t.login('hotich') } });
  assert.equal(page.statusCode, 403);
  const desk = await t.app.inject({ method: 'GET', url: `/can-bo/thu-phi?ma=${d.code}`, headers: { cookie: await t.login('motcua') } });
  assert.equal(desk.statusCode, 200);
  assert.match(desk.body, /10\.000 đồng/);
});

test('the stand-in gateway round trip, then the reconciliation lists a planted mismatch and only it', async () => {
  const d = await feeDossier(t);
  const p = await startPay(t, d.code);
  // The citizen's browser: the gateway page, then "Thanh toán".
  const pageRes = await fetch(p.paymentUrl);
  assert.equal(pageRes.status, 200);
  assert.match(await pageRes.text(), /CỔNG THANH TOÁN THỬ NGHIỆM/);
  const confirm = await fetch(new URL('/paymentv2/confirm', p.paymentUrl), {
    method: 'POST', body: new URLSearchParams({ ref: p.ref, choice: 'pay' }), redirect: 'manual',
  });
  assert.equal(confirm.status, 303);
  const back = new URL(confirm.headers.get('location')!);
  assert.equal(back.pathname, '/thanh-toan/ket-qua');
  // The gateway called the IPN before redirecting: the ledger is settled already.
  assert.deepEqual((await ledger(t, p.ref)).map((e) => e.kind), ['created', 'paid']);
  const shown = await fetch(back);
  assert.match(await shown.text(), /Thanh toán thành công/);

  // A tampered payment URL is refused by the gateway.
  const tampered = new URL(p.paymentUrl);
  tampered.searchParams.set('vnp_Amount', '100');
  assert.equal((await fetch(tampered)).status, 400);

  // Planted: a settlement the gateway never made (e.g. a leaked secret), recorded in the ledger only.
  const q = await startPay(t, (await feeDossier(t)).code);
  assert.equal((await ipn(t, { orderRef: q.ref, amountVnd: 10_000, transactionNo: '99999999' })).RspCode, '00');
  const day = vnDate(new Date());
  const r = await call(t, 'GET', `/api/v1/payments/reconciliation?day=${day}`, { as: 'motcua' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.deepEqual(r.body.mismatches.map((m: { ref: string; kind: string }) => [m.ref, m.kind]), [[q.ref, 'missing_at_gateway']]);
  assert.ok(r.body.gatewayCount >= 1);
  const html = await t.app.inject({ method: 'GET', url: `/can-bo/doi-soat?ngay=${day}`, headers: { cookie: await t.login('giamdoc') } });
  assert.equal(html.statusCode, 200);
  assert.match(html.body, new RegExp(q.ref));
});

test('/health lists the payment gateway: the local stand-in, with its address', async () => {
  const h = (await t.app.inject({ method: 'GET', url: '/health' })).json() as { connections: { name: string; url: string; standIn: boolean }[] };
  const pay = h.connections.find((c) => c.name === 'payment');
  assert.equal(pay?.standIn, true);
  assert.match(pay?.url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/paymentv2\/vpcpay\.html$/);
});

test('the IPN endpoint and the payment API are in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, unknown> };
  for (const path of ['/api/v1/payments/ipn', '/api/v1/public/payments', '/api/v1/dossiers/{id}/payments/cash', '/api/v1/payments/reconciliation']) {
    assert.ok(doc.paths[path], path);
  }
});
