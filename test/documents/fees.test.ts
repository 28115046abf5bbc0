// What the stop notice says about the fees paid (src/documents/core/fees.ts): nothing paid, exempt, one payment,
// several payments (with the total), online with the gateway's transaction number.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stopFeeText, type PaymentFacts } from '../../src/documents/core/fees.ts';

const DESK = 'Trung tâm Phục vụ hành chính công xã Xuân Dương';
const pay = (o: Partial<PaymentFacts>): PaymentFacts => ({
  entryId: '12', amountVnd: 5_000, method: 'cash', at: new Date('2026-12-01T02:00:00Z'), transactionNo: null, ...o,
});

test('nothing paid: nothing to settle', () => {
  assert.equal(stopFeeText([], DESK), 'không phát sinh phí, lệ phí phải xử lý.');
});

test('only an exemption recorded (0 đ): the dossier is exempt', () => {
  assert.equal(stopFeeText([pay({ amountVnd: 0, method: 'exempt' })], DESK), 'Hồ sơ được miễn phí, lệ phí.');
});

test('one cash payment: amount, date, receipt number, the neutral rule and whom to contact', () => {
  const s = stopFeeText([pay({})], DESK);
  assert.ok(s.startsWith('người nộp hồ sơ đã nộp 5.000 đồng (tiền mặt, ngày 01/12/2026, biên lai số 0000012/BL). '), s);
  assert.ok(s.includes('được xử lý theo quy định của Luật Phí và lệ phí năm 2015'), s);
  assert.ok(s.endsWith(`liên hệ ${DESK} để được hướng dẫn.`), s);
  assert.ok(!/hoàn trả/.test(s), 'neither promises nor denies a refund');
});

test('several payments, one online: each with its receipt, then the total; exemptions at 0 đ are not listed', () => {
  const s = stopFeeText([
    pay({}),
    pay({ entryId: '40', amountVnd: 1_250_000, method: 'online', transactionNo: '14000001', at: new Date('2026-12-05T03:00:00Z') }),
    pay({ entryId: '41', amountVnd: 0, method: 'exempt' }),
  ], DESK);
  assert.ok(s.includes('5.000 đồng (tiền mặt, ngày 01/12/2026, biên lai số 0000012/BL); '
    + '1.250.000 đồng (thanh toán trực tuyến, mã giao dịch 14000001, ngày 05/12/2026, biên lai số 0000040/BL), '
    + 'tổng cộng 1.255.000 đồng.'), s);
  assert.ok(!s.includes('0000041/BL'), s);
});
