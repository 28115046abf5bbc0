// Pages of the online submission (GOV.UK patterns): start, the applicant, the e-form one part per page, files
// per component. "Check your answers" and the confirmation are in check-pages.tsx.
import { Button, CsrfField, ErrorSummary, TextField, errorFor, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import type { Children } from '../render.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { titled } from './common.ts';
import type { DraftFile } from './drafts.ts';
import type { ApplicantAnswers, FormPage } from './eform.ts';
import { shownComponents, uploadComponents } from './eform.ts';
import { EFormField } from './fields.tsx';
import type { StoredProcedure } from './types.ts';
import { ACCEPT, FILE_HINT } from './upload.ts';
import { APPLICANT_LABEL as L } from '../../dossiers/core/applicant.ts';

/** Step pages: the procedure as a caption above the question, a back link, the error summary first. */
function Step(p: { proc: StoredProcedure; title: string; back: string; errors?: FieldError[]; children: Children }) {
  return (
    <Layout title={titled(`${p.title} – ${p.proc.name}`, p.errors)} back={{ href: p.back, label: 'Quay lại' }}>
      <ErrorSummary errors={p.errors ?? []} />
      <p class="muted">{p.proc.name}</p>
      <h1>{p.title}</h1>
      {p.children}
    </Layout>
  );
}

/** Where the POST returns when the page was opened from "check your answers". */
const ReturnField = ({ to }: { to: boolean }) => (to ? <input type="hidden" name="tro_lai" value="kiem-tra" /> : null);

export function StartPage(p: { proc: StoredProcedure; csrf: string; drafts: { id: string; updated_at: Date }[] }) {
  const files = uploadComponents(p.proc);
  const shown = shownComponents(p.proc);
  return (
    <Layout title={`Nộp hồ sơ trực tuyến – ${p.proc.name}`} back={{ href: `/thu-tuc/${encodeURIComponent(p.proc.code)}`, label: 'Thông tin thủ tục' }}>
      <p class="muted">Nộp hồ sơ trực tuyến</p>
      <h1>{p.proc.name}</h1>
      {p.drafts.length > 0 && (
        <div class="notice">
          <p><strong>Bạn có hồ sơ đang soạn dở cho thủ tục này.</strong></p>
          <ul>{p.drafts.map((d) => <li><a href={`/nop-ho-so/${d.id}`}>Tiếp tục hồ sơ lưu lúc {fmtDateTime(d.updated_at)}</a></li>)}</ul>
        </div>
      )}
      <p>Bạn sẽ khai thông tin người nộp, điền tờ khai điện tử, tải lên giấy tờ, kiểm tra lại rồi gửi hồ sơ. Việc này mất khoảng 10 phút.</p>
      <h2>Bạn cần chuẩn bị</h2>
      <ul>
        <li>Số định danh cá nhân (số thẻ Căn cước) của người nộp hồ sơ.</li>
        {files.map((c) => <li>Ảnh chụp hoặc bản quét: {c.name}{c.required ? '' : ' (nếu có)'}.</li>)}
      </ul>
      {files.length > 0 && <p>{FILE_HINT}</p>}
      {shown.length > 0 && (
        <p>Không cần tải lên: {shown.map((c) => c.name).join('; ')}. Khi nộp trực tuyến, thông tin này được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư hoặc xuất trình khi nhận kết quả.</p>
      )}
      <p>Hồ sơ được lưu sau mỗi bước. Nếu bị gián đoạn, bạn có thể quay lại tiếp tục trên thiết bị này trong 30 ngày.</p>
      <form method="post" action={`/nop-ho-so/${encodeURIComponent(p.proc.code)}`}>
        <CsrfField token={p.csrf} />
        <Button>{p.drafts.length ? 'Bắt đầu hồ sơ mới' : 'Bắt đầu'}</Button>
      </form>
    </Layout>
  );
}

export function ApplicantPage(p: { proc: StoredProcedure; draftId: string; csrf: string; values: Partial<ApplicantAnswers>; errors?: FieldError[]; back: string; returnToCheck: boolean }) {
  const e = (f: string) => errorFor(p.errors, f);
  return (
    <Step proc={p.proc} title="Thông tin người nộp hồ sơ" back={p.back} errors={p.errors}>
      <p>Người nộp hồ sơ là người đứng tên yêu cầu. Kết quả và thông báo về hồ sơ được gửi theo thông tin này.</p>
      <form method="post" action={`/nop-ho-so/${p.draftId}/nguoi-nop`} novalidate>
        <CsrfField token={p.csrf} />
        <ReturnField to={p.returnToCheck} />
        <TextField name="name" label={L.name} required value={p.values.name} error={e('name')} autocomplete="name" />
        <TextField name="idNumber" label={L.idNumber} required value={p.values.idNumber} error={e('idNumber')} inputmode="numeric" autocomplete="off"
          hint="Số thẻ Căn cước gồm 12 chữ số. 4 số cuối dùng để tra cứu hồ sơ." />
        <TextField name="address" label={L.address} required value={p.values.address} error={e('address')} autocomplete="street-address"
          hint="Ví dụ: Thôn Đồng Tâm, xã Xuân Dương, tỉnh Thái Nguyên" />
        <TextField name="phone" label={L.phone} type="tel" required value={p.values.phone} error={e('phone')} autocomplete="tel" width="short"
          hint="Để nhận thông báo về hồ sơ." />
        <TextField name="email" label={L.email} type="email" value={p.values.email} error={e('email')} autocomplete="email" />
        <Button>Lưu và tiếp tục</Button>
      </form>
    </Step>
  );
}

export function FormStepPage(p: { proc: StoredProcedure; draftId: string; csrf: string; page: FormPage; total: number; values: Record<string, string>; errors?: FieldError[]; back: string; returnToCheck: boolean }) {
  return (
    <Step proc={p.proc} title={p.page.title} back={p.back} errors={p.errors}>
      <p class="muted">{p.page.component.name} · phần {p.page.n}/{p.total}</p>
      <form method="post" action={`/nop-ho-so/${p.draftId}/to-khai/${p.page.n}`} novalidate>
        <CsrfField token={p.csrf} />
        <ReturnField to={p.returnToCheck} />
        {p.page.fields.map((f) => <EFormField f={f} value={p.values[f.name]} error={errorFor(p.errors, f.name)} />)}
        <Button>Lưu và tiếp tục</Button>
      </form>
    </Step>
  );
}

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export function FilesPage(p: { proc: StoredProcedure; draftId: string; csrf: string; files: DraftFile[]; errors?: FieldError[]; back: string }) {
  const components = uploadComponents(p.proc);
  return (
    <Step proc={p.proc} title="Tải lên giấy tờ" back={p.back} errors={p.errors}>
      <p>{FILE_HINT} Tải lên từng tệp một; mỗi giấy tờ có thể gồm nhiều tệp (ví dụ mỗi trang một ảnh).</p>
      {components.length === 0 && <p>Thủ tục này không cần tải lên giấy tờ khi nộp trực tuyến.</p>}
      {components.map((c) => {
        const mine = p.files.filter((f) => f.component_code === c.code);
        const id = `file-${c.code}`;
        return (
          <section aria-labelledby={`h-${c.code}`}>
            <h2 id={`h-${c.code}`}>{c.name}{c.required ? '' : ' (nếu có)'}</h2>
            {c.note && <p class="hint">{c.note}</p>}
            {mine.length > 0 ? (
              <ul>
                {mine.map((f) => (
                  <li>
                    {f.file_name} ({kb(f.size)}){' '}
                    <form method="post" action={`/nop-ho-so/${p.draftId}/giay-to/xoa`}>
                      <CsrfField token={p.csrf} />
                      <input type="hidden" name="tep" value={String(f.id)} />
                      <button type="submit" class="link-button">Xóa<span class="visually-hidden"> tệp {f.file_name}</span></button>
                    </form>
                  </li>
                ))}
              </ul>
            ) : <p class="muted">Chưa có tệp nào.</p>}
            <form method="post" enctype="multipart/form-data" class="upload-form" action={`/nop-ho-so/${p.draftId}/giay-to/${c.code}?_csrf=${encodeURIComponent(p.csrf)}`} novalidate>
              <TextField type="file" name={id} label={mine.length ? 'Tải lên thêm tệp' : 'Chọn tệp'} accept={ACCEPT} required={c.required && !mine.length} error={errorFor(p.errors, id)} />
              <Button variant="secondary">Tải lên<span class="visually-hidden"> {c.name}</span></Button>
            </form>
          </section>
        );
      })}
      <form method="post" action={`/nop-ho-so/${p.draftId}/giay-to`}>
        <CsrfField token={p.csrf} />
        <Button>Tiếp tục</Button>
      </form>
    </Step>
  );
}
