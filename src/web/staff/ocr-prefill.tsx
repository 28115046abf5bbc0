// The staff page "Gợi ý điền tờ khai từ bản quét": what was read off a scanned paper (digitisation/prefill.ts), each
// value beside the answer in force; the officer ticks what to apply (nothing is ticked beforehand) and keeps or
// rewrites the reason. Posted under a one-time form key (ocr-prefill-routes.tsx) into the declaration correction.
import type { FillRow, FillSuggestion } from '../../digitisation/prefill.ts';
import { CsrfField, ErrorSummary, SummaryList, type FieldError } from '../components.tsx';
import { Area } from '../fields.tsx';
import { KeyField } from './common.tsx';

export const fillUrl = (dossierId: string, jobId: string) => `/can-bo/ho-so/${dossierId}/so-hoa/${jobId}/dien-to-khai`;

/** The id of a row's checkbox (the error summary links to it). */
export const applyId = (field: string) => `apply-${field}`;

export interface FillPageProps {
  dossierId: string;
  /** The dossier's code, or its reference before receipt. */
  name: string;
  procedureName: string;
  s: FillSuggestion;
  /** The fields ticked (after a refusal). */
  chosen?: readonly string[];
  reason: string;
  errors?: FieldError[];
  csrf: string;
}

const OTHER: Record<Exclude<FillRow['status'], 'found'>, string> = {
  same: 'Bản quét ghi giống nội dung đang khai',
  unreadable: 'Không đọc được rõ trên bản quét',
  missing: 'Không tìm thấy trên bản quét',
};

function Offered({ r, checked, error }: { r: FillRow; checked: boolean; error?: string }) {
  const id = applyId(r.field);
  const readDiffers = r.read && r.read !== r.valueText;
  return (
    <div class={`radio${error ? ' field--error' : ''}`}>
      <input type="checkbox" id={id} name="apply" value={r.field} checked={checked} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} />
      <label for={id}><strong>{r.label}</strong>: {r.valueText}</label>
      <p class="hint" id={`${id}-hint`}>Đang khai: {r.currentText}{readDiffers ? <> · Bản quét ghi: “{r.read}”</> : null}</p>
      {error && <p class="error-message" id={`${id}-error`}><span class="visually-hidden">Lỗi: </span>{error}</p>}
    </div>
  );
}

export function FillPage(p: FillPageProps) {
  const errors = p.errors ?? [];
  const offered = p.s.rows.filter((r) => r.status === 'found');
  const others = p.s.rows.filter((r) => r.status !== 'found');
  const chosen = new Set(p.chosen ?? []);
  return (
    <>
      <ErrorSummary errors={errors} />
      <p class="caption">Hồ sơ {p.name} — {p.procedureName}</p>
      <h1>Gợi ý điền tờ khai từ bản quét</h1>
      <p>Các mục dưới đây được đọc tự động từ bản quét <strong>{p.s.component.name}</strong> ({p.s.fileName}). Đối chiếu với
        giấy tờ gốc trước khi chọn: chỉ những mục được đánh dấu mới được điền vào tờ khai. Nội dung đã khai trước đó vẫn
        được lưu; lần điền được ghi vào nhật ký xử lý của hồ sơ với người điền, thời điểm và lý do.</p>
      {offered.length > 0 ? (
        <form method="post" action={fillUrl(p.dossierId, p.s.jobId)} novalidate>
          <CsrfField token={p.csrf} />
          <KeyField />
          <div class={`field${errors.some((e) => e.field === 'apply') ? ' field--error' : ''}`} id="apply">
            <fieldset>
              <legend>Chọn mục điền vào tờ khai</legend>
              {errors.filter((e) => e.field === 'apply').map((e) => <p class="error-message"><span class="visually-hidden">Lỗi: </span>{e.message}</p>)}
              {offered.map((r) => <Offered r={r} checked={chosen.has(r.field)} error={errors.find((e) => e.field === applyId(r.field))?.message} />)}
            </fieldset>
          </div>
          <Area id="reason" name="reason" label="Lý do sửa tờ khai" required value={p.reason} rows={2}
            error={errors.find((e) => e.field === 'reason')?.message} hint="Được ghi cùng lần sửa trong nhật ký xử lý hồ sơ." />
          <button type="submit" class="button button--primary">Điền các mục đã chọn vào tờ khai</button>{' '}
          <a href={`/can-bo/ho-so/${p.dossierId}#tp-${p.s.component.code}`}>Hủy, quay lại hồ sơ</a>
        </form>
      ) : (
        <p><strong>Không có mục nào cần điền từ bản quét này.</strong> <a href={`/can-bo/ho-so/${p.dossierId}#tp-${p.s.component.code}`}>Quay lại hồ sơ</a></p>
      )}
      {others.length > 0 && (
        <>
          <h2>Các mục khác</h2>
          <SummaryList rows={others.map((r) => ({
            key: r.label,
            value: <>{OTHER[r.status as keyof typeof OTHER]}{r.read ? <>: “{r.read}”</> : null}{r.message ? <> — {r.message}</> : null}
              {' '}(đang khai: {r.currentText})</>,
          }))} />
        </>
      )}
    </>
  );
}
