// The result panel of the staff dossier page: the preview of the draft result (generated from the procedure's
// template with the dossier's data, or the result file attached), how to attach a prepared result file instead,
// and, once the approver has signed, the signed result's verification code with its download.
import { formatCode } from '../../signatures/core/code.ts';

export interface ResultPanelProps {
  dossierId: string;
  /** The dossier's code, or its reference before it has one. */
  name: string;
  /** A proposal exists (the preview then shows the result it leads to: the document, or the written refusal). */
  hasProposal: boolean;
  /** The signed result in force, if any. */
  signed: { code: string } | null;
  csrf: string;
  /** The caller may prepare the result (preview, attach a file). */
  canPrepare: boolean;
}

export const previewHref = (dossierId: string) => `/can-bo/ho-so/${dossierId}/du-thao-ket-qua.pdf`;
export const signedDownloadHref = (code: string) => `/xac-thuc/tai-ve?ma=${formatCode(code)}`;

export function ResultPanel(props: ResultPanelProps) {
  const { dossierId, name, hasProposal, signed, canPrepare } = props;
  return (
    <section class="notice" aria-labelledby="ket-qua-tieu-de">
      <h2 id="ket-qua-tieu-de">Kết quả giải quyết</h2>
      {signed ? (
        <p>
          Kết quả đã ký số: mã xác thực <strong>{formatCode(signed.code)}</strong>{' '}
          (<a href={signedDownloadHref(signed.code)} download>tải về</a>,{' '}
          <a href={`/xac-thuc?ma=${formatCode(signed.code)}`}>kiểm tra</a>).
        </p>
      ) : canPrepare ? (
        <>
          <p>
            <a href={previewHref(dossierId)} target="_blank" rel="noopener">Xem trước dự thảo kết quả</a> (PDF) của hồ sơ {name}
            {hasProposal ? ', theo hướng giải quyết đã đề xuất.' : '.'}
          </p>
          <p class="hint">
            Dự thảo được tạo từ mẫu kết quả của thủ tục với thông tin người dân đã khai. Để dùng văn bản kết quả đã soạn sẵn,
            tải tệp PDF lên ở thành phần «Kết quả giải quyết»: tệp đó sẽ được ký số thay cho dự thảo.
          </p>
        </>
      ) : (
        <p>Hồ sơ chưa có kết quả đã ký số.</p>
      )}
    </section>
  );
}
