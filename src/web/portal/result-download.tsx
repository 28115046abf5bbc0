// The citizen's download of a dossier's electronic result (the PDF signed digitally by the commune), with its
// verification code and the link to check it on /xac-thuc: shown on "Hồ sơ của tôi" and on the status page.
import { formatCode } from '../../signatures/core/code.ts';

/** Where the signed result of a dossier is downloaded (result-routes.tsx): for its owner or with the lookup proof. */
export const resultHref = (dossierId: string) => `/tra-cuu/ho-so/${dossierId}/ket-qua.pdf`;

export function ResultDownload({ dossierId, code }: { dossierId: string; code: string }) {
  const shown = formatCode(code);
  return (
    <p class="result-download">
      <a class="button button--primary" href={resultHref(dossierId)} download role="button" draggable={false}>Tải kết quả điện tử (PDF có chữ ký số)</a>
      <br />
      <span class="muted">
        Mã xác thực: <strong>{shown}</strong>. <a href={`/xac-thuc?ma=${shown}`}>Kiểm tra văn bản trên trang xác thực</a>.
      </span>
    </p>
  );
}
