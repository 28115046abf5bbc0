// Parts of the unit reports pages: status and lateness tags, the list tables, the call form, the submission's content
// (form or read-only) and the review forms. Pure rendering; routes.tsx reads and decides.
import { AREAS, type ReportContent } from '../../../reform/reports/core/content.ts';
import { CALL_KINDS, KIND_LABEL, STATUS_LABEL, type ReportStatus } from '../../../reform/reports/core/status.ts';
import type { CallRow, ReportRow } from '../../../reform/reports/store.ts';
import { Button, CsrfField, SummaryList, errorFor, type FieldError } from '../../components.tsx';
import { Area, Choice, Input, Table } from '../../fields.tsx';
import { fmtDate, fmtDateTime } from '../../../shared/format.ts';
import { newFormKey, KeyField } from '../common.tsx';

export const LIST = '/can-bo/cchc/bao-cao';
export const callHref = (id: string) => `${LIST}/ky/${id}`;
export const reportHref = (id: string) => `${LIST}/nop/${id}`;
export const API = '/api/v1/reform/reports';

const TONE: Record<ReportStatus, string> = { draft: 'grey', submitted: 'blue', returned: 'yellow', resubmitted: 'blue', accepted: 'green' };
export const StatusTag = ({ s }: { s: ReportStatus }) => <strong class={`tag tag--${TONE[s]}`}>{STATUS_LABEL[s]}</strong>;

export interface Late { late: boolean; days: number | null; overdue: boolean }
export function LateTag({ l }: { l: Late }) {
  if (l.late) return <strong class="tag tag--red">Nộp trễ {l.days} ngày làm việc</strong>;
  if (l.overdue) return <strong class="tag tag--red">Quá hạn, chưa nộp</strong>;
  return null;
}

export const EVENT_LABEL: Record<string, string> = {
  saved: 'Lưu nháp', file_added: 'Đính kèm minh chứng', submitted: 'Nộp báo cáo', returned: 'Trả lại để sửa', resubmitted: 'Nộp lại', accepted: 'Chấp nhận',
};

export const periodText = (c: CallRow) => `${KIND_LABEL[c.kind]}, hạn nộp ${fmtDate(c.due_date)}`;

/** The submissions of one call, one row per unit (the coordinator's view). */
export function UnitTable({ call, rows, late }: { call: CallRow; rows: ReportRow[]; late: Map<string, Late> }) {
  return (
    <Table caption={`Tình trạng nộp: ${call.title}`} head={['Đơn vị', 'Trạng thái', 'Nộp lần đầu', 'Báo cáo']}>
      {rows.map((r) => (
        <tr>
          <td>{r.unit_name}</td>
          <td><StatusTag s={r.status} /> <LateTag l={late.get(r.id)!} /></td>
          <td>{r.first_submitted_at ? fmtDateTime(r.first_submitted_at) : '—'}</td>
          <td><a href={reportHref(r.id)}>Xem<span class="visually-hidden"> báo cáo của {r.unit_name}</span></a></td>
        </tr>
      ))}
    </Table>
  );
}

export interface CallFormValues { kind?: string; year?: string; quarter?: string; month?: string; dueDate?: string; instructions?: string }

export function CallForm({ csrf, v, errors, year }: { csrf: string; v: CallFormValues; errors: FieldError[]; year: number }) {
  return (
    <form method="post" action={LIST} id="form-call">
      <CsrfField token={csrf} />
      <KeyField />
      <h2>Mở kỳ báo cáo mới</h2>
      <Choice id="call-kind" name="kind" label="Loại báo cáo" required value={v.kind ?? 'quarterly'} options={CALL_KINDS.map((k) => ({ value: k, label: KIND_LABEL[k] }))} error={errorFor(errors, 'call-kind')} />
      <Input id="call-year" name="year" type="number" label="Năm" required short value={v.year ?? String(year)} inputmode="numeric" error={errorFor(errors, 'call-year')} />
      <Choice id="call-quarter" name="quarter" label="Quý (báo cáo quý, đột xuất)" value={v.quarter} options={[1, 2, 3, 4].map((q) => ({ value: String(q), label: `Quý ${['I', 'II', 'III', 'IV'][q - 1]}` }))} />
      <Choice id="call-month" name="month" label="Tháng (chỉ báo cáo đột xuất)" value={v.month} options={Array.from({ length: 12 }, (_, k) => ({ value: String(k + 1), label: `Tháng ${k + 1}` }))} />
      <Input id="call-due" name="dueDate" type="date" label="Hạn nộp" hint="Để trống: kế hoạch năm hạn 15/01; báo cáo hạn ngày 15 tháng sau kỳ." value={v.dueDate} />
      <Area id="call-instructions" name="instructions" label="Hướng dẫn cho các đơn vị" value={v.instructions} rows={3} />
      <Button>Mở kỳ báo cáo</Button>
    </form>
  );
}

/** The content as read-only rows. */
export function ContentView({ isPlan, c }: { isPlan: boolean; c: ReportContent }) {
  const rows = [
    { key: isPlan ? 'Mục đích, yêu cầu' : 'Công tác chỉ đạo, điều hành', value: c.direction ?? '—' },
    ...AREAS.map((a) => ({
      key: a.name,
      value: isPlan
        ? (c.tasks?.filter((t) => t.area === a.code).length ? <ul>{c.tasks.filter((t) => t.area === a.code).map((t) => <li>{t.text}</li>)}</ul> : '—')
        : (c.areas?.[a.code] ?? '—'),
    })),
    ...(isPlan ? [] : [{ key: 'Khó khăn, vướng mắc', value: c.difficulties ?? '—' }]),
    { key: 'Đề xuất, kiến nghị', value: c.proposals ?? '—' },
  ];
  return <SummaryList rows={rows} />;
}

/** The content form of a unit's draft: sections by the plan's six areas. */
export function ContentForm({ id, isPlan, c, csrf, canSubmit }: { id: string; isPlan: boolean; c: ReportContent; csrf: string; canSubmit: boolean }) {
  return (
    <form method="post" action={reportHref(id)} id="form-content">
      <CsrfField token={csrf} />
      <KeyField />
      <h2>Nội dung {isPlan ? 'kế hoạch' : 'báo cáo'}</h2>
      <Area id="direction" name="direction" label={isPlan ? 'Mục đích, yêu cầu' : 'Công tác chỉ đạo, điều hành'} value={c.direction} rows={3} />
      {AREAS.map((a) => isPlan
        ? <Area id={`tasks_${a.code}`} name={`tasks_${a.code}`} label={`Nhiệm vụ: ${a.name}`} hint="Mỗi dòng một nhiệm vụ." value={c.tasks?.filter((t) => t.area === a.code).map((t) => t.text).join('\n')} rows={3} />
        : <Area id={`area_${a.code}`} name={`area_${a.code}`} label={`Kết quả: ${a.name}`} value={c.areas?.[a.code]} rows={3} />)}
      {!isPlan && <Area id="difficulties" name="difficulties" label="Khó khăn, vướng mắc" value={c.difficulties} rows={3} />}
      <Area id="proposals" name="proposals" label="Đề xuất, kiến nghị" value={c.proposals} rows={3} />
      <p>
        <Button variant="secondary" name="action" value="save">Lưu nháp</Button>
        {canSubmit && <> <Button name="action" value="submit">Nộp báo cáo</Button></>}
      </p>
    </form>
  );
}

export const uploadAction = (id: string, csrf: string) => `${reportHref(id)}/tep?${new URLSearchParams({ key: newFormKey(), _csrf: csrf }).toString()}`;

/** Evidence upload (multipart: the CSRF token and the one-time key travel in the URL, as upload-form.tsx). */
export function EvidenceForm({ id, csrf, error }: { id: string; csrf: string; error?: string }) {
  return (
    <form method="post" action={uploadAction(id, csrf)} enctype="multipart/form-data" class="upload-form" id="form-file">
      <Input id="evidence-file" name="file" type="file" label="Tệp minh chứng" hint="PDF, JPEG hoặc PNG, tối đa 10 MB." accept="application/pdf,image/jpeg,image/png" required error={error} />
      <button type="submit" class="button button--secondary">Đính kèm minh chứng</button>
    </form>
  );
}

export function ReviewForms({ id, csrf, errors }: { id: string; csrf: string; errors: FieldError[] }) {
  return (
    <>
      <form method="post" action={`${reportHref(id)}/return`} id="form-return">
        <CsrfField token={csrf} />
        <KeyField />
        <h2>Trả lại để sửa</h2>
        <Area id="return-reasons" name="reasons" label="Lý do trả lại, nội dung cần sửa" required error={errorFor(errors, 'return-reasons')} />
        <Button variant="warning">Trả lại để sửa</Button>
      </form>
      <form method="post" action={`${reportHref(id)}/accept`} id="form-accept">
        <CsrfField token={csrf} />
        <KeyField />
        <h2>Chấp nhận báo cáo</h2>
        <Button>Chấp nhận</Button>
      </form>
    </>
  );
}
