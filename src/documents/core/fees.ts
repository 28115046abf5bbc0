// What the stop notice (Thông báo dừng giải quyết hồ sơ, NĐ 118/2025 Đ21; TT 03/2025 Đ7) says about the fees the
// applicant paid: domain.md §2.6 item 5 lists "treatment of fees paid" among its contents. Pure: the settled
// payments of the dossier in, the sentence out.
//
// What happens to the money is UNCERTAIN: domain.md says nothing about refunds when processing stops, and neither
// NĐ 118/2025 Đ21 nor Luật Phí và lệ phí 2015 (Luật số 97/2015/QH13) states a general refund or no-refund rule for a
// stop or a withdrawal on request; it depends on the fee's own act (the Ministry of Finance circular or the
// provincial People's Council resolution setting it). The notice therefore states the neutral rule ("được xử lý theo
// quy định của pháp luật về phí, lệ phí") and points the applicant to the desk, never promising or denying a refund.
import { receiptNumber, type Method } from '../../payments/core/ledger.ts';
import { dateShort } from './format.ts';

/** One settled payment of the dossier: a paid ledger entry (an exemption is one at 0 đ, method "exempt"). */
export interface PaymentFacts {
  /** The settling ledger entry's id, whose number the e-receipt bears (payments/core/ledger.ts `receiptNumber`). */
  readonly entryId: string;
  readonly amountVnd: number;
  readonly method: Method;
  readonly at: Date;
  readonly transactionNo: string | null;
}

/** 10000 → "10.000 đồng" (the same digits as the e-receipt). */
const vnd = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;

function paymentText(x: PaymentFacts): string {
  const how = x.method === 'online'
    ? `thanh toán trực tuyến${x.transactionNo ? `, mã giao dịch ${x.transactionNo}` : ''}`
    : 'tiền mặt';
  return `${vnd(x.amountVnd)} (${how}, ngày ${dateShort(x.at)}, biên lai số ${receiptNumber(x.entryId)})`;
}

/**
 * "Về phí, lệ phí: …" of the stop notice: nothing paid → nothing to settle; only exemptions recorded → exempt;
 * otherwise each payment with its receipt number, the total when there are several, and how the money is handled.
 * `desk`: the unit the applicant contacts ("Trung tâm Phục vụ hành chính công xã Xuân Dương").
 */
export function stopFeeText(payments: readonly PaymentFacts[], desk: string): string {
  const paid = payments.filter((x) => x.amountVnd > 0);
  if (!paid.length) {
    return payments.length ? 'Hồ sơ được miễn phí, lệ phí.' : 'không phát sinh phí, lệ phí phải xử lý.';
  }
  const total = paid.reduce((s, x) => s + x.amountVnd, 0);
  const list = paid.map(paymentText).join('; ');
  return `người nộp hồ sơ đã nộp ${list}${paid.length > 1 ? `, tổng cộng ${vnd(total)}` : ''}. `
    // Luật Phí và lệ phí 2015 (Luật số 97/2015/QH13); the refund rule is the fee's own act (UNCERTAIN, see above).
    + 'Phí, lệ phí đã nộp được xử lý theo quy định của Luật Phí và lệ phí năm 2015 và văn bản quy định mức thu phí, lệ phí '
    + `của thủ tục; ông/bà liên hệ ${desk} để được hướng dẫn.`;
}
