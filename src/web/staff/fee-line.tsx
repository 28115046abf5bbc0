// One line on the staff dossier page saying where the dossier's fees stand: exempt (and why), owed (collect cash at
// /can-bo/thu-phi), or paid (with the e-receipt). Its data: `feeStatusOf(deps.db, dossierId, deps.now())`
// (src/payments/service.ts), loaded after the page has checked who may see the dossier.
import type { FeeStatus } from '../../payments/service.ts';
import { fmtDateTime, fmtMoney } from '../../shared/format.ts';

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
        return <>0 đồng — miễn{reasons(fee).length ? ` (${reasons(fee).join('; ')})` : ''}</>;
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
