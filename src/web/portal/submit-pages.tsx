// Pages of the online submission (GOV.UK patterns): start, the applicant, the e-form one part per page, files
// per component. "Check your answers" and the confirmation are in check-pages.tsx. The applicant's name and ID
// number come from the e-identity of the citizen logged in and are shown, not asked (identity/citizens/core/filing.ts);
// filing for someone else (nộp thay) is chosen by a link, so that the page works without JavaScript.
import { Button, CsrfField, ErrorSummary, SummaryList, TextField, errorFor, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import type { Children } from '../render.tsx';
import { fmtDate, fmtDateTime } from '../../shared/format.ts';
import { titled } from './common.ts';
import type { DraftFile } from './drafts.ts';
import type { ApplicantAnswers, FormPage } from './eform.ts';
import { shownComponents, uploadComponents } from './eform.ts';
import { EFormField } from './fields.tsx';
import type { Component, StoredProcedure } from './types.ts';
import { ACCEPT, FILE_HINT } from './upload.ts';
import { APPLICANT_LABEL as L } from '../../dossiers/core/applicant.ts';
import type { StoreItemRow } from '../../datastore/store.ts';
import { ChosenItem, ScanWarnings, StoreOffers } from './reuse-offers.tsx';
import { showsPrefill, type PrefillState } from './registry-prefill.ts';

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

export function StartPage(p: {
  proc: StoredProcedure; csrf: string; drafts: { id: string; updated_at: Date }[];
  /** The citizen logged in, or null; `eidRequired`: the procedure is filed online only after the login at `login`. */
  citizen: { name: string } | null; eidRequired: boolean; login: string;
  /** The support point helping the citizen (from the link's ?diem-ho-tro=), carried into the new draft. */
  supportPoint?: { code: string; name: string } | null;
}) {
  const files = uploadComponents(p.proc);
  const shown = shownComponents(p.proc);
  const start = (
    <form method="post" action={`/nop-ho-so/${encodeURIComponent(p.proc.code)}`}>
      <CsrfField token={p.csrf} />
      {p.supportPoint && <input type="hidden" name="diemHoTro" value={p.supportPoint.code} />}
      <Button>{p.drafts.length ? 'Bắt đầu hồ sơ mới' : 'Bắt đầu'}</Button>
    </form>
  );
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
      {p.supportPoint && <p class="notice">Bạn đang được hỗ trợ nộp hồ sơ tại <strong>{p.supportPoint.name}</strong>.</p>}
      <p>Bạn sẽ khai thông tin người nộp, điền tờ khai điện tử, tải lên giấy tờ, kiểm tra lại rồi gửi hồ sơ. Việc này mất khoảng 10 phút.</p>
      <h2>Bạn cần chuẩn bị</h2>
      <ul>
        {p.eidRequired || p.citizen ? (
          <>
            <li>Tài khoản định danh điện tử (VNeID) để đăng nhập. Họ tên và số định danh cá nhân của bạn được lấy từ tài khoản, không phải khai.</li>
            <li>Nếu nộp thay người khác: họ tên, số định danh cá nhân của người đó và ảnh chụp hoặc bản quét văn bản ủy quyền.</li>
          </>
        ) : <li>Số định danh cá nhân (số thẻ Căn cước) của người nộp hồ sơ.</li>}
        {files.map((c) => <li>Ảnh chụp hoặc bản quét: {c.name}{c.required ? '' : ' (nếu có)'}.</li>)}
      </ul>
      {files.length > 0 && <p>{FILE_HINT}</p>}
      {shown.length > 0 && (
        <p>Không cần tải lên: {shown.map((c) => c.name).join('; ')}. Khi nộp trực tuyến, thông tin này được đối chiếu với Cơ sở dữ liệu quốc gia về dân cư hoặc xuất trình khi nhận kết quả.</p>
      )}
      <p>Hồ sơ được lưu sau mỗi bước. Nếu bị gián đoạn, bạn có thể quay lại tiếp tục trên thiết bị này trong 30 ngày.</p>
      {p.citizen ? (
        <>
          <p>Bạn đang đăng nhập bằng định danh điện tử: <strong>{p.citizen.name}</strong>.</p>
          {start}
        </>
      ) : p.eidRequired ? (
        <>
          <p>Để nộp hồ sơ trực tuyến, bạn cần đăng nhập bằng tài khoản định danh điện tử (VNeID). Sau khi đăng nhập, bạn quay lại trang này.</p>
          <p><a class="button button--primary" href={p.login} role="button" draggable={false}>Đăng nhập bằng định danh điện tử để nộp hồ sơ</a></p>
          <p>Chưa có tài khoản định danh điện tử? Bạn có thể nộp hồ sơ trực tiếp tại Trung tâm Phục vụ hành chính công xã; cán bộ sẽ hướng dẫn bạn đăng ký tài khoản.</p>
        </>
      ) : (
        <>
          {start}
          <p>Hoặc <a href={p.login}>đăng nhập bằng định danh điện tử</a> để họ tên và số định danh cá nhân được lấy từ tài khoản.</p>
        </>
      )}
    </Layout>
  );
}

/** The filer's name and ID number as their e-identity says: shown, never a field (a POST of others is refused). */
function Identity({ who, error }: { who: { name: string; idNumber: string }; error?: string }) {
  return (
    <div id="identity" tabindex={-1} class={`field${error ? ' field--error' : ''}`}>
      {error && <p class="error-message"><span class="visually-hidden">Lỗi: </span>{error}</p>}
      <SummaryList rows={[{ key: L.name, value: who.name }, { key: L.idNumber, value: who.idNumber }]} />
      <p class="hint">Lấy từ tài khoản định danh điện tử (VNeID) bạn đang đăng nhập, không sửa được tại đây.</p>
    </div>
  );
}

/** The citizen's date of birth as the population database holds it, or why their residence must be typed. */
function RegistryNote({ registry }: { registry: PrefillState | undefined }) {
  if (registry?.state === 'unavailable') {
    return <p class="notice">Chưa lấy được thông tin của bạn từ Cơ sở dữ liệu quốc gia về dân cư. Bạn vui lòng tự nhập nơi cư trú bên dưới.</p>;
  }
  if (registry?.state !== 'filled' || !registry.dateOfBirth) return null;
  return (
    <div class="field">
      <SummaryList rows={[{ key: 'Ngày sinh', value: fmtDate(registry.dateOfBirth) }]} />
      <p class="hint">{FROM_REGISTRY} (Cơ sở dữ liệu quốc gia về dân cư); nơi cư trú bên dưới cũng được điền sẵn từ đó.</p>
    </div>
  );
}

export interface ApplicantView {
  proc: StoredProcedure;
  draftId: string;
  csrf: string;
  /** What the form shows: saved, typed or prefilled. */
  values: Partial<ApplicantAnswers>;
  errors?: FieldError[];
  back: string;
  returnToCheck: boolean;
  /** The logged-in citizen's identity; null when not logged in (a procedure that allows other means). */
  identity: { name: string; idNumber: string } | null;
  /** Filing for someone else (nộp thay): the fields are that person's, the identity is their authorised person's. */
  onBehalf: boolean;
  /** Filing for themselves: what the population database filled in, or that it could not be reached. */
  registry?: PrefillState;
}

/** The hint next to a value the population database gave. */
export const FROM_REGISTRY = 'Lấy từ CSDL quốc gia về dân cư';

export function ApplicantPage(p: ApplicantView) {
  const e = (f: string) => errorFor(p.errors, f);
  const action = `/nop-ho-so/${p.draftId}/nguoi-nop`;
  const mode = (v: 'co' | 'khong') => `${action}?nop-thay=${v}${p.returnToCheck ? '&tro-lai=kiem-tra' : ''}`;
  const person = (
    <>
      <TextField name="name" label={L.name} required value={p.values.name} error={e('name')} autocomplete={p.onBehalf ? 'off' : 'name'} />
      <TextField name="idNumber" label={L.idNumber} required value={p.values.idNumber} error={e('idNumber')} inputmode="numeric" autocomplete="off"
        hint="Số thẻ Căn cước gồm 12 chữ số. 4 số cuối dùng để tra cứu hồ sơ." />
    </>
  );
  const contact = (
    <>
      <TextField name="address" label={L.address} required value={p.values.address} error={e('address')} autocomplete={p.onBehalf ? 'off' : 'street-address'}
        hint={!p.onBehalf && showsPrefill(p.registry, p.values.address)
          ? `${FROM_REGISTRY} (Cơ sở dữ liệu quốc gia về dân cư). Nếu bạn đang cư trú ở nơi khác, hãy sửa lại.`
          : 'Ví dụ: Thôn Đồng Tâm, xã Xuân Dương, tỉnh Thái Nguyên'} />
      <TextField name="phone" label={L.phone} type="tel" required value={p.values.phone} error={e('phone')} autocomplete={p.onBehalf ? 'off' : 'tel'} width="short"
        hint="Để nhận thông báo về hồ sơ." />
      <TextField name="email" label={L.email} type="email" value={p.values.email} error={e('email')} autocomplete={p.onBehalf ? 'off' : 'email'} />
    </>
  );
  const form = (children: Children) => (
    <form method="post" action={action} novalidate>
      <CsrfField token={p.csrf} />
      <ReturnField to={p.returnToCheck} />
      {p.identity && <input type="hidden" name="nop_thay" value={p.onBehalf ? 'co' : 'khong'} />}
      {children}
      <Button>Lưu và tiếp tục</Button>
    </form>
  );
  if (!p.identity) {
    return (
      <Step proc={p.proc} title="Thông tin người nộp hồ sơ" back={p.back} errors={p.errors}>
        <p>Người nộp hồ sơ là người đứng tên yêu cầu. Kết quả và thông báo về hồ sơ được gửi theo thông tin này.</p>
        {form(<>{person}{contact}</>)}
      </Step>
    );
  }
  if (!p.onBehalf) {
    return (
      <Step proc={p.proc} title="Thông tin người nộp hồ sơ" back={p.back} errors={p.errors}>
        <p>Bạn nộp hồ sơ này cho chính mình. Kết quả và thông báo về hồ sơ được gửi theo thông tin này.</p>
        <Identity who={p.identity} error={e('identity')} />
        <RegistryNote registry={p.registry} />
        <p>Nộp hồ sơ cho người khác? <a href={mode('co')}>Nộp thay người khác</a> (cần có văn bản ủy quyền của người đó).</p>
        {form(contact)}
      </Step>
    );
  }
  return (
    <Step proc={p.proc} title="Nộp thay người khác" back={p.back} errors={p.errors}>
      <p>Bạn nộp hồ sơ thay cho người khác, là người được người đó ủy quyền. Ở bước tải giấy tờ, bạn tải lên văn bản ủy quyền.</p>
      <h2>Người được ủy quyền (bạn)</h2>
      <Identity who={p.identity} error={e('identity')} />
      <p>Nộp hồ sơ cho chính mình? <a href={mode('khong')}>Khai hồ sơ của bạn</a>.</p>
      {form(
        <fieldset>
          <legend><h2>Người ủy quyền (người có hồ sơ)</h2></legend>
          <p>Hồ sơ đứng tên người này. Kết quả và thông báo về hồ sơ được gửi theo thông tin này.</p>
          {person}
          {contact}
        </fieldset>,
      )}
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

/** What the citizen's data store offers on the file step (reuse-offers.tsx): per component code its valid items, the
 *  draft's files chosen from the store (file id → item), and the components only shown at the counter that the store
 *  can stand for (offered, never uploaded). */
export interface StoreView {
  offers: Map<string, StoreItemRow[]>;
  chosen: Map<number, StoreItemRow | undefined>;
  shown: Component[];
}

/** `components`: what this draft uploads (the procedure's papers; with the authorisation when filed for someone else).
 *  `notes`: the pre-check's warnings per file (drafts.ts noteKey). */
export function FilesPage(p: {
  proc: StoredProcedure; components: Component[]; draftId: string; csrf: string; files: DraftFile[]; errors?: FieldError[]; back: string;
  store?: StoreView; notes?: Record<string, string[]>;
}) {
  const store = p.store ?? { offers: new Map(), chosen: new Map(), shown: [] };
  // In the procedure's order (a paper only shown at the counter, offered from the store, in its place); the
  // authorisation of a filing for someone else, not a paper of the procedure, last.
  const rank = (c: Component) => { const i = p.proc.components.findIndex((x) => x.code === c.code); return i < 0 ? Infinity : i; };
  const sections = [...p.components.map((c) => ({ c, upload: true })), ...store.shown.map((c) => ({ c, upload: false }))]
    .sort((a, b) => rank(a.c) - rank(b.c));
  return (
    <Step proc={p.proc} title="Tải lên giấy tờ" back={p.back} errors={p.errors}>
      <p>{FILE_HINT} Tải lên từng tệp một; mỗi giấy tờ có thể gồm nhiều tệp (ví dụ mỗi trang một ảnh).</p>
      {store.offers.size > 0 && <p>Một số giấy tờ đã có trong kho dữ liệu của bạn: chọn “Dùng giấy tờ này” thay vì tải lên lại.</p>}
      {sections.length === 0 && <p>Thủ tục này không cần tải lên giấy tờ khi nộp trực tuyến.</p>}
      {sections.map(({ c, upload }) => {
        const mine = p.files.filter((f) => f.component_code === c.code);
        const chosen = mine.find((f) => store.chosen.has(f.id));
        const uploaded = mine.filter((f) => !store.chosen.has(f.id));
        const offers = store.offers.get(c.code) ?? [];
        const id = `file-${c.code}`;
        return (
          <section aria-labelledby={`h-${c.code}`}>
            <h2 id={`h-${c.code}`}>{c.name}{c.required && upload ? '' : ' (nếu có)'}</h2>
            {c.note && <p class="hint">{c.note}</p>}
            {!upload && <p class="hint">Không bắt buộc tải lên: nếu không dùng giấy tờ trong kho, bạn xuất trình bản chính khi nhận kết quả.</p>}
            {chosen && <ChosenItem draftId={p.draftId} csrf={p.csrf} fileId={chosen.id} item={store.chosen.get(chosen.id)} fileName={chosen.file_name} />}
            {!chosen && offers.length > 0 && (
              <StoreOffers draftId={p.draftId} csrf={p.csrf} code={c.code} name={c.name} offers={offers} error={errorFor(p.errors, `kho-${c.code}`)} canUpload={upload} />
            )}
            {upload && (uploaded.length > 0 ? (
              <ul>
                {uploaded.map((f) => (
                  <li>
                    {f.file_name} ({kb(f.size)}){' '}
                    <form method="post" action={`/nop-ho-so/${p.draftId}/giay-to/xoa`}>
                      <CsrfField token={p.csrf} />
                      <input type="hidden" name="tep" value={String(f.id)} />
                      <button type="submit" class="link-button">Xóa<span class="visually-hidden"> tệp {f.file_name}</span></button>
                    </form>
                    <ScanWarnings notes={p.notes?.[`${c.code}/${f.sha256}`]} />
                  </li>
                ))}
              </ul>
            ) : !chosen && <p class="muted">Chưa có tệp nào.</p>)}
            {upload && (
              <form method="post" enctype="multipart/form-data" class="upload-form" action={`/nop-ho-so/${p.draftId}/giay-to/${c.code}?_csrf=${encodeURIComponent(p.csrf)}`} novalidate>
                <TextField type="file" name={id} label={mine.length ? 'Tải lên thêm tệp' : 'Chọn tệp'} accept={ACCEPT} required={c.required && !mine.length && !offers.length} error={errorFor(p.errors, id)} />
                <Button variant="secondary">Tải lên<span class="visually-hidden"> {c.name}</span></Button>
              </form>
            )}
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
