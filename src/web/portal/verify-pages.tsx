// The pages of /xac-thuc: the form (a verification code, or a PDF file) and a signed document's verification: genuine
// or not, who signed it, for which agency and when, whether it was revoked or replaced, its file to download, and
// the comparison of a file the visitor holds with it (byte for byte, by SHA-256).
import { formatCode } from '../../signatures/core/code.ts';
import { STATUS_LABEL, type VerifiedDocument } from '../../signatures/core/document.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { VERIFY_PATH } from '../../signatures/service.ts';
import { Button, ErrorSummary, Panel, SummaryList, TextField, errorFor, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { titled } from './common.ts';
import { MAX_MB } from './upload.ts';

export const VERIFY = VERIFY_PATH;
const TITLE = 'Xác thực văn bản điện tử';
const PDF_HINT = `Tệp PDF, tối đa ${MAX_MB} MB.`;
const TONE = { valid: 'green', revoked: 'red', replaced: 'yellow' } as const;

const linkTo = (code: string) => `${VERIFY}?ma=${formatCode(code)}`;
const kb = (n: number) => `${Math.max(1, Math.round(n / 1024)).toLocaleString('vi-VN')} KB`;

function FileForm(p: { action: string; csrf: string; code?: string; errors?: FieldError[]; label: string; button: string }) {
  const { csrf, errors } = p;
  return (
    <form method="post" enctype="multipart/form-data" class="upload-form" action={`${p.action}?_csrf=${encodeURIComponent(csrf)}`} novalidate>
      {p.code && <input type="hidden" name="ma" value={p.code} />}
      <TextField type="file" name="tep" label={p.label} hint={PDF_HINT} accept=".pdf,application/pdf" required error={errorFor(errors, 'tep')} />
      <Button variant="secondary">{p.button}</Button>
    </form>
  );
}

export function VerifyFormPage(p: { code: string; csrf: string; errors?: FieldError[] }) {
  return (
    <Layout title={titled(TITLE, p.errors)}>
      <ErrorSummary errors={p.errors ?? []} />
      <h1>{TITLE}</h1>
      <p>
        Văn bản điện tử do Ủy ban nhân dân xã ký số có <strong>mã xác thực</strong> và mã QR ở cuối trang. Nhập mã xác thực (hoặc quét
        mã QR bằng điện thoại) để biết văn bản có phải văn bản gốc không, ai đã ký, và văn bản còn hiệu lực không.
      </p>
      <form method="get" action={VERIFY} novalidate>
        <TextField name="ma" label="Mã xác thực" required value={p.code} autocomplete="off" width="short" error={errorFor(p.errors, 'ma')}
          hint="10 ký tự in cạnh mã QR, ví dụ XD7K-4Q2M-92. Không phân biệt chữ hoa, chữ thường." />
        <Button>Kiểm tra</Button>
      </form>
      <h2>Hoặc kiểm tra bằng tệp PDF</h2>
      <p>Nếu bạn nhận được văn bản dạng tệp PDF, hãy tải tệp lên. Hệ thống cho biết tệp có đúng là văn bản gốc đã ký số hay không.</p>
      <FileForm action={`${VERIFY}/tep`} csrf={p.csrf} errors={p.errors} label="Chọn tệp PDF" button="Kiểm tra tệp" />
    </Layout>
  );
}

/** The outcome of comparing an uploaded file with the genuine one. */
export type Comparison = { same: boolean; fileName: string } | null;

function Verdict({ d }: { d: VerifiedDocument }) {
  if (d.status === 'valid') {
    return (
      <Panel title="Văn bản hợp lệ">
        Văn bản gốc do {d.agency} ký số, còn hiệu lực.
      </Panel>
    );
  }
  return (
    <>
      <h1>{d.status === 'revoked' ? 'Văn bản đã bị thu hồi' : 'Văn bản đã được thay thế'}</h1>
      <div class="notice notice--warn">
        <p>
          Văn bản này do {d.agency} ký số, nhưng {d.status === 'revoked' ? 'đã bị thu hồi' : 'đã được thay thế bằng một văn bản khác'}
          {d.statusAt ? ` lúc ${fmtDateTime(d.statusAt)}` : ''}. <strong>Văn bản không còn hiệu lực.</strong>
        </p>
        {d.reason && <p><strong>Lý do:</strong> {d.reason}</p>}
        {d.replacedBy && <p><a href={linkTo(d.replacedBy)}>Xem văn bản thay thế (mã xác thực {formatCode(d.replacedBy)})</a></p>}
      </div>
    </>
  );
}

function ComparisonNotice({ c }: { c: Comparison }) {
  if (!c) return null;
  return c.same ? (
    <div class="notice" role="status">
      <p><strong>Tệp “{c.fileName}” là văn bản gốc:</strong> tệp trùng khớp từng byte với văn bản đã ký số.</p>
    </div>
  ) : (
    <div class="notice notice--warn" role="status">
      <p><strong>Tệp “{c.fileName}” không phải văn bản gốc.</strong> Nội dung tệp khác với văn bản đã ký số (tệp có thể đã bị sửa đổi, hoặc là một văn bản khác).</p>
      <p>Chỉ tin vào văn bản tải về từ trang này.</p>
    </div>
  );
}

export function VerifiedPage(p: { d: VerifiedDocument; csrf: string; comparison?: Comparison; foundByFile?: string; errors?: FieldError[] }) {
  const { d } = p;
  const title = d.status === 'valid' ? 'Văn bản hợp lệ' : STATUS_LABEL[d.status];
  return (
    <Layout title={titled(`${title} – ${TITLE}`, p.errors)} back={{ href: VERIFY, label: 'Kiểm tra văn bản khác' }}>
      <ErrorSummary errors={p.errors ?? []} />
      {p.foundByFile && (
        <div class="notice" role="status">
          <p><strong>Tệp “{p.foundByFile}” là văn bản gốc:</strong> tệp trùng khớp từng byte với văn bản đã ký số dưới đây.</p>
        </div>
      )}
      <ComparisonNotice c={p.comparison ?? null} />
      <Verdict d={d} />
      {d.testCertificates && (
        <div class="notice notice--warn">
          <p><strong>Văn bản được ký bằng chứng thư số thử nghiệm của Xã Số, không có giá trị pháp lý.</strong></p>
        </div>
      )}
      <SummaryList rows={[
        { key: 'Mã xác thực', value: formatCode(d.code) },
        { key: 'Tên văn bản', value: d.title },
        { key: 'Cơ quan ký số', value: d.agency },
        { key: 'Người ký', value: d.signerTitle ? `${d.signerName}, ${d.signerTitle}` : d.signerName },
        { key: 'Thời gian ký', value: fmtDateTime(d.signedAt) },
        { key: 'Trạng thái', value: <strong class={`tag tag--${TONE[d.status]}`}>{STATUS_LABEL[d.status]}</strong> },
        ...(d.replaces ? [{ key: 'Thay thế văn bản', value: <a href={linkTo(d.replaces)}>{formatCode(d.replaces)}</a> }] : []),
      ]} />
      <p>
        <a href={`${VERIFY}/tai-ve?ma=${formatCode(d.code)}`} download>Tải văn bản gốc (PDF, {kb(d.size)})</a>
      </p>
      <h2>So sánh với tệp bạn đang có</h2>
      <p>Tải lên tệp PDF bạn nhận được để biết tệp đó có đúng là văn bản gốc này không.</p>
      <FileForm action={`${VERIFY}/so-sanh`} code={formatCode(d.code)} csrf={p.csrf} errors={p.errors} label="Chọn tệp PDF cần so sánh" button="So sánh" />
      <p class="muted">Mã băm SHA-256 của văn bản gốc: {d.sha256.match(/.{1,8}/g)!.join(' ')}</p>
    </Layout>
  );
}
