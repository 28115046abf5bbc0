// The second step of a counter scan made of page images ("Sắp xếp, xoay trang"): each uploaded page with its preview,
// an order number and a rotation; "Lưu bản số hóa" makes them one master PDF (src/digitisation/assemble.ts) and queues
// its storage copy. A plain form (no script): the previews show the pages as scanned; the rotation is applied on save.
import { CsrfField, ErrorSummary, type FieldError } from '../components.tsx';
import { KeyField } from './common.tsx';
import { ROTATIONS, type Rotation } from '../../digitisation/core/arrange.ts';
import { signPage } from '../../digitisation/pending.ts';

export interface ArrangePageProps {
  dossierId: string;
  dossierName: string;
  component: { code: string; name: string };
  /** The officer (principalKey), for the preview links' signatures. */
  by: string;
  pages: { sha256: string; fileName: string }[];
  signature: string;
  expectedPages?: number;
  /** Typed values of a refused post. */
  values?: { orders: string[]; rotations: string[] };
  errors?: FieldError[];
  csrf: string;
}

const ROTATION_LABEL: Record<Rotation, string> = {
  0: 'Không xoay',
  90: 'Xoay phải 90°',
  180: 'Xoay 180°',
  270: 'Xoay trái 90°',
};

export const arrangeAction = (dossierId: string) => `/can-bo/ho-so/${dossierId}/tep/sap-xep`;
export const pagePreview = (dossierId: string, by: string, sha256: string) =>
  `/can-bo/ho-so/${dossierId}/tep/trang/${sha256}?sig=${signPage(dossierId, by, sha256)}`;

export function ArrangePage(p: ArrangePageProps) {
  const errors = p.errors ?? [];
  const n = p.pages.length;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>Sắp xếp, xoay trang: {p.component.name}</h1>
      <p class="lead">Hồ sơ {p.dossierName} · {n} ảnh trang đã tải lên.</p>
      <p>Ghi thứ tự của từng trang (1 là trang đầu) và chọn góc xoay cho trang bị ngược hoặc nằm ngang, rồi bấm "Lưu bản số hóa".
        Các ảnh được ghép thành một tệp PDF, giữ nguyên ảnh gốc; bản lưu trữ PDF/A có lớp chữ được tạo sau đó.</p>
      <form method="post" action={arrangeAction(p.dossierId)} class="arrange-form">
        <CsrfField token={p.csrf} />
        <KeyField />
        <input type="hidden" name="component" value={p.component.code} />
        <input type="hidden" name="sig" value={p.signature} />
        {p.expectedPages !== undefined && <input type="hidden" name="expectedPages" value={String(p.expectedPages)} />}
        <ol class="scan-pages">
          {p.pages.map((page, i) => {
            const order = p.values?.orders[i] ?? String(i + 1);
            const rotation = p.values?.rotations[i] ?? '0';
            const error = errors.find((e) => e.field === `order-${i}` || e.field === `rotate-${i}`)?.message;
            return (
              <li class={`scan-page${error ? ' field--error' : ''}`}>
                <input type="hidden" name="page" value={page.sha256} />
                <input type="hidden" name="pageName" value={page.fileName} />
                <img src={pagePreview(p.dossierId, p.by, page.sha256)} alt={`Ảnh trang tải lên thứ ${i + 1}: ${page.fileName}`} width={160} loading="lazy" />
                <p>{page.fileName}</p>
                {error && <p class="error-message" id={`order-${i}-error`}><span class="visually-hidden">Lỗi: </span>{error}</p>}
                <div class="field">
                  <label for={`order-${i}`}>Thứ tự trang ({page.fileName})</label>
                  <input id={`order-${i}`} name="order" type="number" inputMode="numeric" min="1" max={String(n)} value={order} required
                    class="input--short" aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `order-${i}-error` : undefined} />
                </div>
                <div class="field">
                  <label for={`rotate-${i}`}>Xoay ({page.fileName})</label>
                  <select id={`rotate-${i}`} name="rotate">
                    {ROTATIONS.map((r) => <option value={String(r)} selected={String(r) === rotation}>{ROTATION_LABEL[r]}</option>)}
                  </select>
                </div>
              </li>
            );
          })}
        </ol>
        <button type="submit" class="button">Lưu bản số hóa</button>
        {' '}<a href={`/can-bo/ho-so/${p.dossierId}#tp-${p.component.code}`}>Hủy, quay lại hồ sơ</a>
      </form>
    </>
  );
}
