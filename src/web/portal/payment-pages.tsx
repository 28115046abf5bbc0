// Citizen payment pages (views): what the dossier owes and the "Thanh toán trực tuyến" button, the hand-over to the
// gateway, the result after the gateway's redirect (shown, never settled here), and the link on the status page.
import type { PublicDossier } from '../../dossiers/public.ts';
import type { Due } from '../../payments/core/amount.ts';
import type { OrderState } from '../../payments/core/ledger.ts';
import type { ReturnView } from '../../payments/service.ts';
import { Button, CsrfField, ErrorSummary, SummaryList, type FieldError } from '../components.tsx';
import { fmtDateTime, fmtMoney } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';
import { titled } from './common.ts';
import type { StoredProcedure } from './types.ts';

export const payPath = (id: string) => `/tra-cuu/ho-so/${id}/thanh-toan`;
const back = (id: string) => ({ href: `/tra-cuu/ho-so/${id}`, label: 'Quay lại tình trạng hồ sơ' });

/** On the status page: the way to pay, when the dossier waits for its obligation or owes a fee collected at submission. */
export function PaymentLink({ d, proc }: { d: PublicDossier; proc: StoredProcedure | undefined }) {
  const feeBefore = [1, 2, 4].includes(d.state) && (proc?.fees ?? []).some((f) => f.collect === 'before' && (f.amountVnd > 0 || f.perUnit));
  if (d.state !== 6 && !feeBefore) return null;
  return (
    <p>
      <a class="button button--primary" href={payPath(d.id)}>Thanh toán trực tuyến</a>{' '}
      {d.state === 6 ? 'Nộp nghĩa vụ tài chính qua cổng thanh toán, hồ sơ được giải quyết tiếp ngay khi thanh toán thành công.' : 'Xem phí, lệ phí của hồ sơ và thanh toán trực tuyến.'}
    </p>
  );
}

export interface PaidOrder { ref: string; amountVnd: number; method: string; description: string; at: Date }

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
      ) : (
        <p>Hồ sơ hiện không có khoản phí, lệ phí nào cần nộp.</p>
      )}
      {paid.length > 0 && (
        <>
          <h2>Đã nộp</h2>
          <ul>
            {paid.map((o) => (
              <li>{fmtMoney(o.amountVnd)} ({METHOD[o.method] ?? o.method}) lúc {fmtDateTime(o.at)}: {o.description}. <a href={`${payPath(d.id)}/bien-lai/${o.ref}`}>Tải biên lai điện tử (PDF)</a></li>
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
 * On the confirmation page after an online submission: fees collected at submission can be paid online now. `ma`:
 * how the citizen names the dossier in the lookup (its code, or its reference before receipt), filled in there;
 * never the internal id (`dossierId` is no longer used: without `ma` the lookup opens empty).
 */
export function FeeOnSubmission({ proc, ma }: { proc: StoredProcedure | undefined; ma?: string; dossierId?: string }) {
  const lines = (proc?.fees ?? []).filter((f) => f.collect === 'before' && (f.amountVnd > 0 || f.perUnit));
  if (!lines.length) return null;
  const lookup = ma ? `/tra-cuu?ma=${encodeURIComponent(ma)}` : '/tra-cuu';
  return (
    <>
      <h2>Phí, lệ phí</h2>
      <p>Thủ tục này thu {lines.map((f) => f.name.toLowerCase()).join('; ')} khi nộp hồ sơ. Bạn có thể <a href={lookup}>thanh toán trực tuyến</a> trên trang tra cứu hồ sơ (chọn “Thanh toán trực tuyến”), hoặc nộp tại Trung tâm Phục vụ hành chính công.</p>
    </>
  );
}
