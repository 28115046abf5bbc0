// One line on the staff dossier page saying where the dossier's fees stand: exempt (and why), owed (collect cash at
// /can-bo/thu-phi), or paid (with the e-receipt). Its data: `feeStatusOf(deps.db, dossierId, deps.now())`
// (src/payments/service.ts), loaded after the page has checked who may see the dossier.
import type { FeeStatus } from '../../payments/service.ts';
import { fmtDateTime, fmtMoney } from '../../shared/format.ts';
import { declarationEditUrl } from './declaration-section.tsx';

const METHOD: Record<string, string> = { online: 'trực tuyến', cash: 'tiền mặt tại quầy', exempt: 'miễn' };

/** The staff e-receipt of a settled order. */
export const staffReceiptPath = (dossierId: string, ref: string) => `/api/v1/dossiers/${dossierId}/payments/${ref}/receipt`;

const reasons = (fee: FeeStatus) => [...new Set([...(fee.due?.exemptReasons ?? []), ...fee.lines.flatMap((l) => l.exemption ?? [])])];

/** Paid orders (amount > 0) with their receipts: "Đã nộp trực tuyến 8.000 đồng lúc … (biên lai)". */
export function PaidList({ fee }: { fee: FeeStatus }) {
  const paid = fee.paid.filter((o) => o.amountVnd > 0);
  return (
    <>
      {paid.map((o, i) => (
        <>{i > 0 && '; '}Đã nộp {METHOD[o.method] ?? o.method} {fmtMoney(o.amountVnd)} lúc {fmtDateTime(o.at)} (<a href={staffReceiptPath(fee.dossierId, o.ref)}>biên lai<span class="visually-hidden"> {o.ref}</span></a>)</>
      ))}
    </>
  );
}

/** An exempt group the applicant declared (Luật Hộ tịch 2014 Đ11 k1 điểm a) is theirs to prove and the officer's to
 *  check: no payment is asked meanwhile; when the papers do not bear it out, the officer corrects the declaration (the
 *  change is in the history) and the fee becomes due, to be paid online or at the counter. */
function DeclaredCheck({ fee }: { fee: FeeStatus }) {
  const declared = fee.lines.filter((l) => l.declared && l.amountVnd === 0);
  if (!declared.length) return null;
  const full = declared.reduce((s, l) => s + l.fullAmountVnd, 0);
  return (
    <>. Người yêu cầu tự khai thuộc đối tượng được miễn: kiểm tra giấy tờ chứng minh; nếu không đủ căn cứ,{' '}
      <a href={declarationEditUrl(fee.dossierId)}>sửa mục đối tượng miễn lệ phí trong tờ khai</a> để thu {fmtMoney(full)}</>
  );
}

/** What the fees of the dossier come to, in one sentence (with the way to act on it). */
export function FeeLine({ fee }: { fee: FeeStatus | null }) {
  if (!fee) return null;
  const text = (() => {
    switch (fee.kind) {
      case 'due':
        return <>Chưa nộp: {fmtMoney(fee.due!.amountVnd)} — <a href={`/can-bo/thu-phi?ma=${encodeURIComponent(fee.name)}`}>thu tiền mặt</a>{fee.paid.some((o) => o.amountVnd > 0) ? <>. <PaidList fee={fee} /></> : ''}</>;
      case 'paid':
        return <PaidList fee={fee} />;
      case 'exempt':
        return <>0 đồng — miễn{reasons(fee).length ? ` (${reasons(fee).join('; ')})` : ''}<DeclaredCheck fee={fee} /></>;
      case 'unsettled':
        return <>Chưa ghi nhận khoản nộp ({fee.lines.map((l) => `${l.name}: ${fmtMoney(l.amountVnd)}`).join('; ')})</>;
      case 'later':
        return <>Thu khi có thông báo thực hiện nghĩa vụ tài chính</>;
      case 'free':
        return <>Thủ tục không thu phí, lệ phí</>;
    }
  })();
  return <p class="fee-line"><strong>Phí, lệ phí:</strong> {text}.</p>;
}
