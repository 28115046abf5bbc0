// The gateway protocol and the ledger rules, pure: property tests (fast-check) for sign/verify, the URL round trip,
// dates and results, and for the IPN decision and the reconciliation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  gatewayDate, paramsOf, parseGatewayDate, parseResult, paymentParams, resultParams, sign, signed, signedData, toQuery, verify,
  type GatewayResult, type Params,
} from '../../src/payments/core/protocol.ts';
import { decideNotification, reconcile, type Entry, type GatewayRecord, type Order } from '../../src/payments/core/ledger.ts';
import { dueNow } from '../../src/payments/core/amount.ts';
import { assessFee } from '../../src/payments/core/assess.ts';
import { amountWords } from '../../src/documents/receipt-payment.ts';

const key = fc.stringMatching(/^vnp_[A-Za-z]{1,12}$/).filter((k) => k !== 'vnp_SecureHash' && k !== 'vnp_SecureHashType');
const params = fc.dictionary(key, fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }), { minKeys: 1, maxKeys: 12 });
const secret = fc.string({ minLength: 1, maxLength: 64 });

test('property: what is signed verifies, whatever the key order and however it travels in a URL', () => {
  fc.assert(fc.property(params, secret, (p, s) => {
    const q = signed(p, s);
    assert.ok(verify(q, s));
    const reversed = Object.fromEntries(Object.entries(q).reverse());
    assert.ok(verify(reversed, s));
    const travelled = paramsOf(Object.fromEntries(new URLSearchParams(toQuery(q))));
    assert.ok(travelled && verify(travelled, s));
  }));
});

test('property: any changed value, added parameter or other secret fails verification', () => {
  fc.assert(fc.property(params, secret, fc.nat(), fc.string({ minLength: 1, maxLength: 10 }), (p, s, i, extra) => {
    const q = signed(p, s);
    const keys = Object.keys(p);
    const k = keys[i % keys.length]!;
    assert.ok(!verify({ ...q, [k]: q[k] + extra }, s));
    assert.ok(!verify({ ...q, vnp_Zzzextra: extra }, s));
    assert.ok(!verify(q, s + extra));
    assert.ok(!verify({ ...q, vnp_SecureHash: 'zz' }, s));
  }));
});

test('the signed text: sorted vnp_* keys, form-encoded values, signature fields left out', () => {
  const p: Params = { vnp_TxnRef: 'A1', vnp_Amount: '1000000', vnp_OrderInfo: 'Thanh toan ho so', vnp_SecureHashType: 'x', other: 'y' };
  assert.equal(signedData(p), 'vnp_Amount=1000000&vnp_OrderInfo=Thanh+toan+ho+so&vnp_TxnRef=A1');
  assert.match(sign(p, 'k'), /^[0-9a-f]{128}$/);
});

test('property: gateway dates (yyyyMMddHHmmss, Vietnam time) round-trip to the second', () => {
  fc.assert(fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
    const s = gatewayDate(d);
    assert.match(s, /^\d{14}$/);
    assert.equal(parseGatewayDate(s)!.getTime(), Math.floor(d.getTime() / 1000) * 1000);
  }));
  assert.equal(gatewayDate(new Date('2026-12-01T17:30:00Z')), '20261202003000');
  assert.equal(parseGatewayDate('20261332000000'), null);
});

const result = fc.record({
  merchantCode: fc.constant('XASOTEST'),
  orderRef: fc.stringMatching(/^[A-Z0-9]{8,20}$/),
  amountVnd: fc.integer({ min: 1, max: 10_000_000_000 }),
  outcome: fc.constantFrom('paid' as const, 'cancelled' as const, 'failed' as const),
  transactionNo: fc.stringMatching(/^[0-9]{1,10}$/),
  bankCode: fc.constant('NCB'),
  payDate: fc.constant(new Date('2026-12-01T03:00:00Z')),
}).map((r): GatewayResult => ({ ...r, responseCode: r.outcome === 'paid' ? '00' : r.outcome === 'cancelled' ? '24' : '51' }));

test('property: a result read back from its parameters is the same result; amounts travel ×100', () => {
  fc.assert(fc.property(result, (r) => {
    const p = resultParams(r);
    assert.equal(p.vnp_Amount, String(r.amountVnd * 100));
    assert.deepEqual(parseResult(p), r);
  }));
  assert.equal(parseResult({ ...resultParams({ merchantCode: 'M', orderRef: 'R1234567', amountVnd: 1, outcome: 'paid', responseCode: '00', transactionNo: '1', bankCode: '', payDate: null }), vnp_Amount: '150' }), null);
  assert.throws(() => paymentParams({ merchantCode: 'M', orderRef: 'R', amountVnd: 0, orderInfo: '', returnUrl: '', clientIp: '', createdAt: new Date(), expiresAt: new Date() }), RangeError);
});

test('property: however many notifications arrive for an order, at most one is recorded, and only a matching one', () => {
  const now = new Date('2026-12-01T03:05:00Z');
  const order: Order = { ref: 'XS00000001', dossierId: 'd', amountVnd: 10_000, method: 'online', createdAt: new Date('2026-12-01T03:00:00Z'), expiresAt: new Date('2026-12-01T03:15:00Z') };
  const notice = fc.record({
    amountVnd: fc.constantFrom(10_000, 9_000), outcome: fc.constantFrom('paid' as const, 'cancelled' as const, 'failed' as const),
    transactionNo: fc.constantFrom('1', '2'), merchantCode: fc.constantFrom('XASOTEST', 'OTHER'),
  });
  fc.assert(fc.property(fc.array(notice, { maxLength: 8 }), (ns) => {
    const entries: Entry[] = [{ kind: 'created', amountVnd: 10_000, at: order.createdAt, transactionNo: null }];
    let recorded = 0;
    for (const n of ns) {
      const d = decideNotification(order, entries, { ...n, orderRef: order.ref, responseCode: '00', bankCode: '', payDate: now }, 'XASOTEST', now);
      if (d.kind === 'record') {
        recorded++;
        assert.equal(n.amountVnd, 10_000);
        assert.equal(n.merchantCode, 'XASOTEST');
        entries.push(d.entry);
      }
    }
    assert.ok(recorded <= 1);
  }));
  const late = decideNotification(order, [], { merchantCode: 'XASOTEST', orderRef: order.ref, amountVnd: 10_000, outcome: 'paid', responseCode: '00', transactionNo: '1', bankCode: '', payDate: null }, 'XASOTEST', new Date('2026-12-01T03:16:00Z'));
  assert.deepEqual(late, { kind: 'reject', reason: 'ORDER_EXPIRED', answer: 'alreadyConfirmed' });
});

test('property: the reconciliation of identical records is empty; a dropped or altered paid record is listed once', () => {
  const rec = fc.record({ ref: fc.stringMatching(/^[A-Z0-9]{8}$/), amountVnd: fc.integer({ min: 1, max: 1e9 }), outcome: fc.constant('paid' as const), transactionNo: fc.constant('1') });
  fc.assert(fc.property(fc.uniqueArray(rec, { selector: (r) => r.ref, minLength: 1, maxLength: 20 }), fc.nat(), (gw: GatewayRecord[], i) => {
    assert.deepEqual(reconcile(gw, gw), []);
    const k = i % gw.length;
    const dropped = gw.filter((_, j) => j !== k);
    assert.deepEqual(reconcile(gw, dropped).map((m) => [m.ref, m.kind]), [[gw[k]!.ref, 'missing_at_gateway']]);
    assert.deepEqual(reconcile(dropped, gw).map((m) => [m.ref, m.kind]), [[gw[k]!.ref, 'missing_in_ledger']]);
    const altered = gw.map((g, j) => (j === k ? { ...g, amountVnd: g.amountVnd + 1 } : g));
    assert.deepEqual(reconcile(gw, altered).map((m) => m.kind), ['amount_differs']);
  }));
});

test('what is due: the officer\'s notified amount in state 6, "thu trước" lines otherwise, per-page fees priced by pages', () => {
  const proc = {
    code: 'X', fees: [
      { code: 'A', name: 'Phí chứng thực bản sao', kind: 'fee' as const, amountVnd: 2000, collect: 'before' as const, exemptions: [], legalBasis: 'TT 226/2016/TT-BTC Đ4',
        perUnit: { unit: 'trang', tiers: [{ fromUnit: 1, amountVnd: 2000 }, { fromUnit: 3, amountVnd: 1000 }], maxPerCopyVnd: 200_000 } },
      { code: 'B', name: 'Lệ phí sau', kind: 'charge' as const, amountVnd: 5000, collect: 'after' as const, exemptions: ['Hộ nghèo'], legalBasis: 'x' },
    ],
  };
  const a = (q: { units?: number; copies?: number; exemption?: string } = {}) => assessFee(proc, {}, { channel: 'direct', filedOn: '2026-01-15', ...q });
  assert.equal(dueNow(a({ units: 5, copies: 2 }), { state: 2, obligation: null, beforeFeesSettled: false })!.amountVnd, (2 * 2000 + 3 * 1000) * 2);
  assert.equal(dueNow(a(), { state: 2, obligation: null, beforeFeesSettled: true }), null);
  assert.equal(dueNow(a(), { state: 9, obligation: null, beforeFeesSettled: false }), null);
  assert.equal(dueNow(a(), { state: 6, obligation: { amountVnd: 777_000 }, beforeFeesSettled: true })!.amountVnd, 777_000);
  assert.equal(dueNow(a(), { state: 6, obligation: null, beforeFeesSettled: true })!.amountVnd, 5000);
  const exempt = dueNow(a({ exemption: 'Hộ nghèo' }), { state: 6, obligation: null, beforeFeesSettled: true })!;
  assert.equal(exempt.amountVnd, 0);
  assert.deepEqual(exempt.exemptReasons, ['Miễn lệ phí: hộ nghèo']);
  assert.throws(() => a({ exemption: 'Khác' }), RangeError);
});

test('amounts in words on the receipt', () => {
  assert.equal(amountWords(10_000), 'Mười nghìn đồng');
  assert.equal(amountWords(1_250_000), 'Một triệu hai trăm năm mươi nghìn đồng');
  assert.equal(amountWords(105_021), 'Một trăm linh năm nghìn không trăm hai mươi mốt đồng');
  assert.equal(amountWords(25_000), 'Hai mươi lăm nghìn đồng');
  assert.equal(amountWords(0), 'Không đồng');
});
