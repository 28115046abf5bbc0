// Citizen payment pages (views): what the dossier owes and the "Thanh toán trực tuyến" button, the hand-over to the
// gateway, the result after the gateway's redirect (shown, never settled here), and the link on the status page.
import type { PublicDossier } from '../../dossiers/public.ts';
import type { Due, PaidOrder } from '../../payments/core/amount.ts';
import { assessFee, exemptionText, linesAt, type Answers } from '../../payments/core/assess.ts';
import type { OrderState } from '../../payments/core/ledger.ts';
import type { FeeStatus, ReturnView } from '../../payments/service.ts';
import { Button, CsrfField, ErrorSummary, SummaryList, type FieldError } from '../components.tsx';
import { fmtDateTime, fmtMoney } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';
import { titled } from './common.ts';
import type { StoredProcedure } from './types.ts';

export const payPath = (id: string) => `/tra-cuu/ho-so/${id}/thanh-toan`;
const back = (id: string) => ({ href: `/tra-cuu/ho-so/${id}`, label: 'Quay lại tình trạng hồ sơ' });

const receiptPath = (id: string, ref: string) => `${payPath(id)}/bien-lai/${ref}`;

/** On the status page: what the dossier's fees came to — paid (with the receipt), exempt (and why), or the way to pay
 *  when something is due now. */
export function PaymentLink({ d, fee }: { d: PublicDossier; fee: FeeStatus | null }) {
  if (!fee) return null;
  const paid = fee.paid.filter((o) => o.amountVnd > 0);
  return (
    <>
      {paid.length > 0 && (
        <p><strong>Đã nộp</strong> {paid.map((o, i) => (
          <>{i > 0 && '; '}{fmtMoney(o.amountVnd)} ({METHOD[o.method] ?? o.method}, {fmtDateTime(o.at)}) — <a href={receiptPath(d.id, o.ref)}>biên lai điện tử<span class="visually-hidden"> {o.ref}</span> (PDF)</a></>
        ))}.</p>
      )}
      {fee.kind === 'exempt' && <p>Phí, lệ phí: 0 đồng. {reasonsOf(fee).join('. ')}{reasonsOf(fee).length ? '.' : ''}</p>}
      {fee.kind === 'due' && fee.due && (
        <p>
          <a class="button button--primary" href={payPath(d.id)}>Thanh toán trực tuyến</a>{' '}
          {fee.due.purpose === 'obligation' ? 'Nộp nghĩa vụ tài chính qua cổng thanh toán, hồ sơ được giải quyết tiếp ngay khi thanh toán thành công.' : `Phí, lệ phí của hồ sơ: ${fmtMoney(fee.due.amountVnd)}.`}
        </p>
      )}
    </>
  );
}

const reasonsOf = (fee: FeeStatus) => [...new Set([...(fee.due?.exemptReasons ?? []), ...fee.lines.flatMap((l) => l.exemption ?? [])])];

const METHOD: Record<string, string> = { online: 'trực tuyến', cash: 'tiền mặt tại quầy', exempt: 'miễn nộp' };

export function PaymentPage({ d, due, paid, csrf, errors }: { d: PublicDossier; due: Due | null; paid: PaidOrder[]; csrf: string; errors?: FieldError[] }) {
  return (
    <Layout title={titled('Thanh toán phí, lệ phí', errors)} back={back(d.id)}>
      <ErrorSummary errors={errors ?? []} />
      <h1>Thanh toán phí, lệ phí</h1>
      <SummaryList rows={[
        d.code ? { key: 'Mã hồ sơ', value: d.code } : { key: 'Mã tra cứu', value: d.reference },
        { key: 'Thủ tục', value: d.procedureName },
      ]} />
      {due && due.amountVnd > 0 ? (
        <>
          <h2>Khoản cần nộp</h2>
          <SummaryList rows={[
            { key: 'Nội dung', value: due.description },
            { key: 'Số tiền', value: <strong>{fmtMoney(due.amountVnd)}</strong> },
          ]} />
          {due.exemptions.length > 0 && (
            <div class="notice" role="note"><p>Nếu bạn thuộc trường hợp được miễn, không cần thanh toán: cán bộ sẽ xác nhận khi tiếp nhận hồ sơ.</p>
              <ul>{due.exemptions.map((x) => <li>{x}</li>)}</ul></div>
          )}
          <p>Số tiền do hệ thống tính theo quy định của thủ tục{due.purpose === 'obligation' ? ' và thông báo nghĩa vụ tài chính của cơ quan giải quyết' : ''}. Bạn sẽ được chuyển sang cổng thanh toán; sau khi thanh toán, cổng đưa bạn trở lại đây.</p>
          <form method="post" action={payPath(d.id)} novalidate>
            <CsrfField token={csrf} />
            <Button>Thanh toán trực tuyến</Button>
          </form>
          <p>Bạn cũng có thể nộp tiền mặt tại Trung tâm Phục vụ hành chính công.</p>
        </>
      ) : due && due.exemptReasons.length > 0 ? (
        <div class="notice" role="note"><p><strong>Không phải nộp phí, lệ phí (0 đồng).</strong></p>
          <ul>{due.exemptReasons.map((x) => <li>{x}</li>)}</ul></div>
      ) : (
        <p>Hồ sơ hiện không có khoản phí, lệ phí nào cần nộp.</p>
      )}
      {paid.length > 0 && (
        <>
          <h2>Đã nộp</h2>
          <ul>
            {paid.map((o) => (
              <li>{fmtMoney(o.amountVnd)} ({METHOD[o.method] ?? o.method}) lúc {fmtDateTime(o.at)}: {o.description}. <a href={receiptPath(d.id, o.ref)}>Tải biên lai điện tử (PDF)</a></li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}

/** After the order is created: a link to the gateway (a link, not a redirect: the form-action CSP keeps forms on this site). */
export function GoToGatewayPage({ d, amountVnd, url, expiresAt }: { d: PublicDossier; amountVnd: number; url: string; expiresAt: Date }) {
  return (
    <Layout title="Chuyển đến cổng thanh toán" back={{ href: payPath(d.id), label: 'Quay lại' }}>
      <h1>Chuyển đến cổng thanh toán</h1>
      <p>Số tiền: <strong>{fmtMoney(amountVnd)}</strong>. Yêu cầu thanh toán có hiệu lực đến {fmtDateTime(expiresAt)}.</p>
      <p><a class="button button--primary" href={url}>Tiếp tục đến cổng thanh toán</a></p>
    </Layout>
  );
}

const SETTLED: Record<OrderState, string> = {
  paid: 'Thanh toán thành công. Hệ thống đã ghi nhận khoản nộp của bạn.',
  pending: 'Đang chờ xác nhận từ cổng thanh toán. Trang tình trạng hồ sơ sẽ cập nhật khi cổng thanh toán xác nhận.',
  expired: 'Yêu cầu thanh toán đã hết hạn trước khi được xác nhận. Nếu tài khoản của bạn đã bị trừ tiền, Trung tâm sẽ đối soát và liên hệ với bạn.',
  cancelled: 'Bạn đã hủy giao dịch. Bạn có thể thanh toán lại bất cứ lúc nào.',
  failed: 'Giao dịch không thành công. Bạn có thể thanh toán lại hoặc nộp tại quầy.',
};

export function ReturnPage({ v }: { v: ReturnView }) {
  if (!v.valid) {
    return (
      <Layout title="Kết quả thanh toán không hợp lệ">
        <h1>Kết quả thanh toán không hợp lệ</h1>
        <p>Thông tin trả về từ cổng thanh toán không đúng chữ ký nên không được chấp nhận. Vui lòng tra cứu lại hồ sơ để xem tình trạng thanh toán.</p>
        <p><a href="/tra-cuu">Tra cứu hồ sơ</a></p>
      </Layout>
    );
  }
  // The gateway says what it did; the ledger (settled only by the IPN) says what we recorded.
  const state = v.state ?? 'pending';
  const message = state === 'pending' && v.result.outcome !== 'paid' ? SETTLED[v.result.outcome] : SETTLED[state];
  return (
    <Layout title="Kết quả thanh toán">
      <div class="notice" role="status"><p><strong>{message}</strong></p></div>
      <h1>Kết quả thanh toán</h1>
      <SummaryList rows={[
        { key: 'Mã đơn thanh toán', value: v.ref },
        { key: 'Số tiền', value: fmtMoney(v.result.amountVnd) },
        ...(v.result.transactionNo ? [{ key: 'Mã giao dịch của cổng', value: v.result.transactionNo }] : []),
      ]} />
      {v.order && <p><a href={`/tra-cuu/ho-so/${v.order.dossier_id}`}>Xem tình trạng hồ sơ</a></p>}
    </Layout>
  );
}

/**
 * Before paying: on "check your answers" (the draft's answers, filed today) and on the confirmation page after an
 * online submission (the answers as filed, on the day of submission), the fees this dossier comes to, computed from
 * the procedure's fee rules and the answers (at the online rate: the portal files online); when they come to 0, why,
 * and no way to pay. `ma`: how the citizen
 * names the dossier in the lookup (its code, or its reference before receipt); never the internal id.
 */
export function FeeOnSubmission({ proc, answers, filedOn, ma }: { proc: StoredProcedure | undefined; answers?: Answers; filedOn: string; ma?: string; dossierId?: string }) {
  if (!proc) return null;
  const { lines, totalVnd } = linesAt(assessFee(proc, answers ?? {}, { filedOn, channel: 'online' }), 'before');
  const charged = lines.filter((l) => l.fullAmountVnd > 0);
  if (!charged.length) return null;
  // A group the citizen declared is exempt now (no payment asked); the officer checks the papers at receipt.
  const declared = charged.filter((l) => l.exemption?.source === 'declared');
  const lookup = ma ? `/tra-cuu?ma=${encodeURIComponent(ma)}` : '/tra-cuu';
  return (
    <>
      <h2>Phí, lệ phí</h2>
      <SummaryList rows={charged.map((l) => ({ key: l.name, value: <>{fmtMoney(l.amountVnd)}{l.copies > 1 ? ` (${l.copies} bản)` : ''}{l.exemption ? <><br />{exemptionText(l)}</> : ''}</> }))} />
      {totalVnd > 0 ? (
        <p>Tổng số tiền: <strong>{fmtMoney(totalVnd)}</strong>, do hệ thống tính theo quy định của thủ tục và thông tin bạn khai. {ma ? <>Bạn có thể <a href={lookup}>thanh toán trực tuyến</a> trên trang tra cứu hồ sơ (chọn “Thanh toán trực tuyến”), hoặc nộp tại Trung tâm Phục vụ hành chính công.</> : 'Sau khi gửi hồ sơ, bạn có thể thanh toán trực tuyến trên trang tra cứu hồ sơ hoặc nộp tại Trung tâm Phục vụ hành chính công.'}</p>
      ) : (
        <p>Bạn không phải nộp phí, lệ phí cho hồ sơ này.</p>
      )}
      {declared.length > 0 && (
        <p>Bạn khai thuộc đối tượng được miễn lệ phí: cán bộ sẽ kiểm tra giấy tờ chứng minh khi tiếp nhận hồ sơ. Nếu không đủ căn cứ miễn, hồ sơ phải nộp lệ phí {fmtMoney(declared.reduce((s, l) => s + l.fullAmountVnd, 0))}, thanh toán trên trang tra cứu hồ sơ hoặc tại Trung tâm Phục vụ hành chính công.</p>
      )}
    </>
  );
}
