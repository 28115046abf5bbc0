// One component (thành phần hồ sơ) on the staff dossier page: its files (the masters), the storage copy of each scan
// (đang số hóa / đã số hóa PDF/A with its download / lỗi with the reason and the way on: thử lại or quét lại), what the
// check of the scan found, earlier versions, the link to the applicant's data store, the link "Gợi ý điền tờ khai từ
// bản quét" (ocr-prefill.tsx) for a paper whose catalogue entry maps printed labels to e-form fields, and the scan
// form. Identity images (src/digitisation/core/sensitive.ts) are listed without a link for whoever may not see them.
import type { Component } from '../../catalogue/core/types.ts';
import type { Finding } from '../../digitisation/core/quality.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { CsrfField, type FieldError } from '../components.tsx';
import { KeyField } from './common.tsx';
import { UploadForm } from './upload-form.tsx';
import { IDENTITY_RESTRICTED } from '../../digitisation/access.ts';
import { fillUrl } from './ocr-prefill.tsx';

export interface ScanJob {
  id: string;
  component_code: string;
  version: number;
  file_name: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  findings: Finding[];
  last_error: string | null;
  source_pages: number;
  result_pages: number | null;
}

export interface ShownFile {
  id: number;
  componentCode: string;
  fileName: string;
  contentType: string;
  size: number;
  reused: boolean;
  fromStore: boolean;
  uploadedAt: string;
}

/** A long token (a hash, a storage file name) that may wrap on a narrow screen: a break opportunity after each "_"
 *  and every 16 characters of a run without one. */
export function breakable(token: string) {
  const pieces = token.split(/(?<=_)/).flatMap((part) => part.match(/.{1,16}/g) ?? []);
  return pieces.map((c, i) => <>{i > 0 && <wbr />}{c}</>);
}

const KIND_NAMES: Record<string, string> = { original: 'Bản chính', copy: 'Bản sao', certified_copy: 'Bản sao có chứng thực', shown: 'Xuất trình' };
const sizeText = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The error findings of a component's newest scan, for the page's error summary right after the upload. */
export function scanErrors(jobs: readonly ScanJob[], component: string): FieldError[] {
  const newest = jobs.filter((j) => j.component_code === component).sort((a, b) => b.version - a.version)[0];
  return (newest?.findings ?? []).filter((f) => f.severity === 'error').map((f) => ({ field: `scan-${component}`, message: `Bản quét V${newest!.version}: ${f.message}` }));
}

function Files({ dossierId, files, hidden }: { dossierId: string; files: ShownFile[]; hidden: boolean }) {
  if (!files.length) return <p class="muted">Chưa có tệp.</p>;
  if (hidden) return <p class="muted">{files.length} tệp ảnh giấy tờ tùy thân. {IDENTITY_RESTRICTED}</p>;
  return (
    <ul>
      {files.map((f) => {
        const url = `/api/v1/dossiers/${dossierId}/files/${f.id}`;
        return (
          <li>
            <a href={url}>{breakable(f.fileName)}</a> ({f.contentType === 'application/pdf' ? 'PDF' : 'ảnh'}, {sizeText(f.size)}
            {f.reused ? ', tái sử dụng' : ''}{f.fromStore ? ', lấy từ kho dữ liệu' : ''}) — {fmtDateTime(f.uploadedAt)} · <a href={`${url}?view=true`} target="_blank" rel="noopener">Xem<span class="visually-hidden"> {f.fileName} (mở trong thẻ mới)</span></a>
            {f.contentType.startsWith('image/') && <div><img src={url} alt={`Xem trước: ${f.fileName}`} width={240} loading="lazy" /></div>}
          </li>
        );
      })}
    </ul>
  );
}

function Findings({ findings }: { findings: Finding[] }) {
  if (!findings.length) return null;
  return (
    <ul class="scan-findings">
      {findings.map((f) => <li class={f.severity === 'error' ? 'error-message' : 'warning'}><strong>{f.severity === 'error' ? 'Lỗi' : 'Lưu ý'}:</strong> {f.message}</li>)}
    </ul>
  );
}

function JobState({ dossierId, job, hidden, canScan, csrf }: { dossierId: string; job: ScanJob; hidden: boolean; canScan: boolean; csrf: string }) {
  const pages = job.result_pages ?? job.source_pages;
  if (job.status === 'done') {
    return (
      <p>
        <strong class="tag tag--done">Đã số hóa</strong> Bản lưu trữ PDF/A có lớp chữ ({pages} trang):{' '}
        {hidden ? breakable(job.file_name) : <a href={`/api/v1/dossiers/${dossierId}/digitisation/${job.id}/file`}>Tải {breakable(job.file_name)}</a>}
      </p>
    );
  }
  if (job.status === 'failed') {
    return (
      <div>
        <p><strong class="tag tag--error">Lỗi số hóa</strong> {job.last_error ?? 'Không tạo được bản lưu trữ.'}</p>
        {canScan && (
          <form method="post" action={`/can-bo/ho-so/${dossierId}/so-hoa/${job.id}/thu-lai`} class="inline-form">
            <CsrfField token={csrf} />
            <KeyField />
            <button type="submit" class="button button--secondary">Thử lại<span class="visually-hidden"> số hóa {job.file_name}</span></button>
            {' '}hoặc <a href={`#file-${job.component_code}`}>quét lại</a>
          </form>
        )}
      </div>
    );
  }
  return <p><strong class="tag">Đang số hóa</strong> Bản lưu trữ {breakable(job.file_name)} đang được tạo (nhận dạng chữ tiếng Việt, PDF/A).</p>;
}

export interface ComponentSectionProps {
  dossierId: string;
  component: Component;
  files: ShownFile[];
  jobs: ScanJob[];
  /** Identity images the viewer may not see. */
  hidden: boolean;
  canScan: boolean;
  /** Whether the viewer may correct the declaration now (declaration-correction.ts mayCorrect): the suggestion to fill
   *  it from the scan is theirs. */
  canCorrect?: boolean;
  csrf: string;
  uploadError?: string;
}

/** The link to the suggestion read off the newest done scan, for a paper with an OCR mapping (`ocrFill`). */
function FillLink({ dossierId, component, jobs }: { dossierId: string; component: Component; jobs: ScanJob[] }) {
  const done = jobs.find((j) => j.status === 'done');
  if (!component.ocrFill || !done) return null;
  return (
    <p>
      <a href={fillUrl(dossierId, done.id)} class="button button--secondary">Gợi ý điền tờ khai từ bản quét<span class="visually-hidden"> {component.name} V{done.version}</span></a>
      {' '}<span class="hint">Các mục tờ khai đọc được từ bản quét V{done.version}; chỉ điền những mục cán bộ chọn.</span>
    </p>
  );
}

export function ComponentSection(p: ComponentSectionProps) {
  const c = p.component;
  const jobs = p.jobs.filter((j) => j.component_code === c.code).sort((a, b) => b.version - a.version);
  const [newest, ...older] = jobs;
  return (
    <div class="component" id={`tp-${c.code}`}>
      <h3>{c.name}</h3>
      <p class="hint">{c.required ? 'Bắt buộc' : 'Không bắt buộc'} · {KIND_NAMES[c.kind] ?? c.kind}{c.copies ? ` · ${c.copies} bản` : ''}</p>
      <Files dossierId={p.dossierId} files={p.files} hidden={p.hidden} />
      {newest && (
        <section class="scan-state" id={`scan-${c.code}`} aria-label={`Bản số hóa: ${c.name}`}>
          <h4>Bản số hóa V{newest.version}</h4>
          <JobState dossierId={p.dossierId} job={newest} hidden={p.hidden} canScan={p.canScan} csrf={p.csrf} />
          <Findings findings={newest.findings} />
          {older.length > 0 && (
            <details>
              <summary>Các phiên bản trước ({older.length})</summary>
              <ul>
                {older.map((j) => (
                  <li>V{j.version}: {j.status === 'done' && !p.hidden
                    ? <a href={`/api/v1/dossiers/${p.dossierId}/digitisation/${j.id}/file`}>{breakable(j.file_name)}</a>
                    : breakable(j.file_name)} — {j.status === 'done' ? 'đã số hóa' : j.status === 'failed' ? 'lỗi' : 'đang số hóa'}</li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
      {p.canCorrect && !p.hidden && <FillLink dossierId={p.dossierId} component={c} jobs={jobs} />}
      {c.accepts && <p><a href={`/can-bo/ho-so/${p.dossierId}/kho-du-lieu?component=${encodeURIComponent(c.code)}`}>Tìm trong kho dữ liệu của người nộp<span class="visually-hidden">: {c.name}</span></a></p>}
      {p.canScan && c.kind !== 'shown' && (
        <UploadForm dossierId={p.dossierId} component={c} csrf={p.csrf} error={p.uploadError} rescan={jobs.length > 0 || p.files.length > 0} />
      )}
    </div>
  );
}
