// The draft e-certificate waiting for the applicant's check (online civil-status registration, the 2025 civil-status
// procedure texts): read the draft, confirm it, or ask for a correction; silence for one working day is agreement.
import type { PublicDossier } from '../../dossiers/public.ts';
import { Button, CsrfField, TextArea, errorFor, type FieldError } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';

interface DraftState { draftSentAt?: string | null; draftConfirmedAt?: string | null }

/** The draft waiting for the applicant's answer, if any. */
export const draftWaiting = (d: PublicDossier): string | null => {
  const p = d.projection as DraftState;
  return d.state === 4 && p.draftSentAt && !p.draftConfirmedAt ? p.draftSentAt : null;
};

export function DraftSection({ d, csrf, errors }: { d: PublicDossier; csrf: string; errors?: FieldError[] }) {
  const sentAt = draftWaiting(d);
  if (!sentAt) return null;
  return (
    <section aria-labelledby="du-thao">
      <h2 id="du-thao">Kiểm tra dự thảo kết quả</h2>
      <div class="notice notice--warn">
        <p>Ngày {fmtDateTime(sentAt)}, cán bộ đã gửi dự thảo kết quả (giấy tờ hộ tịch điện tử) để bạn kiểm tra các thông tin trước khi trình ký.</p>
        <p>Bạn xác nhận hoặc đề nghị sửa trong thời hạn <strong>01 ngày làm việc</strong>; quá thời hạn mà bạn không có ý kiến thì được coi là đồng ý với dự thảo.</p>
      </div>
      <p><a href={`/tra-cuu/ho-so/${d.id}/du-thao.pdf`}>Xem dự thảo kết quả</a> (tệp PDF)</p>
      <form method="post" action={`/tra-cuu/ho-so/${d.id}/du-thao/xac-nhan`} novalidate>
        <CsrfField token={csrf} />
        <Button>Xác nhận thông tin đúng</Button>
      </form>
      <form method="post" action={`/tra-cuu/ho-so/${d.id}/du-thao/sua`} novalidate>
        <CsrfField token={csrf} />
        <TextArea name="noi_dung_sua" label="Thông tin cần sửa" hint="Ghi rõ thông tin nào sai và thông tin đúng, ví dụ: tên đệm của mẹ là Thị, không phải Thu."
          error={errorFor(errors, 'noi_dung_sua')} />
        <Button variant="secondary">Đề nghị sửa dự thảo</Button>
      </form>
    </section>
  );
}
