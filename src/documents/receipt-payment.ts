// The electronic receipt (biên lai thu phí, lệ phí điện tử) of a settled payment, as a layout model (pure) that
// pdf.ts draws. Legal basis: NĐ 118/2025 Đ24 (how fees are paid; domain.md §2.8); the receipt's own legal form
// (NĐ 123/2020 on e-invoices and receipts: template symbol, series) is UNCERTAIN, not in domain.md: the number
// printed is the ledger entry's, and the template symbol is left for the finance office to fill in.
import type { DocumentModel, FormInfo, FormId, OrgFacts } from './core/model.ts';
import { b, communeAuthority, field, p } from './core/model.ts';
import { dateTimeShort, placeDate } from './core/format.ts';
import { receiptNumber } from '../payments/core/ledger.ts';

export const PAYMENT_RECEIPT_FORM: FormInfo = {
  // Not one of the one-stop forms (FORM_IDS); the id only types the model.
  id: 'receipt-payment' as FormId,
  officialNumber: null,
  listNumber: 0,
  title: 'Biên lai thu phí, lệ phí',
  numberCode: 'BL',
  fileStem: 'bien-lai',
  legalBasis: 'NĐ 118/2025 Đ24 (nộp phí, lệ phí)',
  numberUnchecked: true, // the e-receipt's own template (NĐ 123/2020) is UNCERTAIN, see above
};

export interface ReceiptFacts {
  org: OrgFacts;
  /** The ledger entry id: unique, gap-free per settlement order of recording. */
  entryId: string;
  orderRef: string;
  method: 'online' | 'cash' | 'exempt';
  amountVnd: number;
  description: string;
  paidAt: Date;
  transactionNo: string | null;
  dossierCode: string | null;
  applicantName: string;
  procedureName: string;
  /** The officer who collected cash; null online. */
  collectedBy: string | null;
}

const METHOD_LABEL: Record<ReceiptFacts['method'], string> = {
  online: 'Thanh toán trực tuyến qua cổng thanh toán',
  cash: 'Tiền mặt tại Trung tâm Phục vụ hành chính công',
  exempt: 'Miễn nộp (thuộc đối tượng được miễn)',
};

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** Three digits in Vietnamese words ("một trăm linh năm", "hai mươi mốt"); `full` keeps a leading "không trăm". */
function triple(n: number, full: boolean): string {
  const h = Math.floor(n / 100), t = Math.floor((n % 100) / 10), u = n % 10;
  const out: string[] = [];
  if (h > 0 || full) out.push(`${DIGITS[h]} trăm`);
  if (t === 0 && u > 0 && (h > 0 || full)) out.push('linh');
  if (t === 1) out.push('mười');
  if (t > 1) out.push(`${DIGITS[t]} mươi`);
  if (u > 0) out.push(u === 5 && t > 0 ? 'lăm' : u === 1 && t > 1 ? 'mốt' : DIGITS[u]!);
  return out.join(' ');
}

/** 125000 → "Một trăm hai mươi lăm nghìn đồng". */
export function amountWords(vnd: number): string {
  if (vnd === 0) return 'Không đồng';
  const units = ['', ' nghìn', ' triệu', ' tỷ', ' nghìn tỷ', ' triệu tỷ'];
  const groups: number[] = [];
  for (let n = vnd; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const words = groups
    .map((g, i) => (g === 0 ? '' : triple(g, i < groups.length - 1) + units[i]))
    .reverse().filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1) + ' đồng';
}

export const vndText = (n: number) => `${n.toLocaleString('vi-VN')} đồng`;

export function buildPaymentReceipt(f: ReceiptFacts, generatedAt: Date): DocumentModel {
  return {
    form: PAYMENT_RECEIPT_FORM,
    orientation: 'portrait',
    header: {
      agency: [{ text: communeAuthority(f.org), bold: true }],
      number: `Số: ${receiptNumber(f.entryId)}`,
      placeDate: placeDate(f.org.communeName, f.paidAt),
    },
    title: { text: 'BIÊN LAI THU PHÍ, LỆ PHÍ', lines: [{ text: '(Biên lai điện tử)', italic: true }] },
    qr: null,
    blocks: [
      field('Họ và tên người nộp', f.applicantName, true),
      field('Mã hồ sơ', f.dossierCode),
      field('Thủ tục hành chính', f.procedureName),
      field('Nội dung thu', f.description),
      p('Số tiền: ', b(vndText(f.amountVnd))),
      p({ text: `Bằng chữ: ${amountWords(f.amountVnd)}.`, italic: true }),
      field('Hình thức nộp', METHOD_LABEL[f.method]),
      field('Thời điểm nộp', dateTimeShort(f.paidAt)),
      field('Mã đơn thanh toán', f.orderRef),
      ...(f.transactionNo ? [field('Mã giao dịch của cổng thanh toán', f.transactionNo)] : []),
      { type: 'paragraph', runs: [{ text: 'Người nộp tiền giữ biên lai này để đối chiếu khi cần.', italic: true }], small: true },
      { type: 'space', size: 12 },
      {
        type: 'signatures',
        signers: [null, { title: ['NGƯỜI THU TIỀN'], note: f.collectedBy ? '(Ký và ghi rõ họ tên)' : '(Thu qua cổng thanh toán, không cần ký)', name: f.collectedBy ?? undefined }],
      },
    ],
    fileName: `bien-lai-${f.orderRef}.pdf`,
    generatedAt,
  };
}
