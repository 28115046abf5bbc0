// The centre comments' page parts: the centre's figures for an officer, the comments as the home unit reads them
// (also on the officer's KPI page, next to the general criteria), and the form of the centre's head.
import type { CentreView } from '../../../kpi/centre.ts';
import { CENTRE_FIGURE_LABEL, type CentreFigures } from '../../../kpi/core/centre.ts';
import { RATING_LABEL } from '../../../kpi/core/rules.ts';
import { fmtDateTime } from '../../../shared/format.ts';
import { Button, CsrfField, errorFor, type FieldError } from '../../components.tsx';
import { Area, Choice, Input, Options } from '../../fields.tsx';
import { KeyField } from '../common.tsx';
import { BASE } from './views.tsx';

export const CENTRE_BASE = `${BASE}/trung-tam`;
const STEP_LABEL = { save: 'Lưu nháp', send: 'Gửi đơn vị chủ quản' } as const;

/** Input ids of the form's fields, for the error summary's links. */
export const CENTRE_FIELD_ID = { attitude: 'cc-attitude', discipline: 'cc-discipline', other: 'cc-other', proposedRating: 'cc-level' } as const;

export function CentreFiguresList({ f }: { f: CentreFigures }) {
  return (
    <ul class="figures">
      {(Object.keys(CENTRE_FIGURE_LABEL) as (keyof CentreFigures)[]).map((k) => (
        <li><span class="figures__value">{f[k]}</span> {CENTRE_FIGURE_LABEL[k]}</li>
      ))}
    </ul>
  );
}

const tagOf = (v: CentreView) => (v.status === 'sent' ? 'tag--green' : v.status === 'draft' ? 'tag--blue' : 'tag--grey');

/** The comments as the home unit and the officer read them; on the KPI page, where the manager scores. */
export function CentrePanel({ v, scoring }: { v: CentreView; scoring?: boolean }) {
  const c = v.content;
  return (
    <section class="notice" aria-labelledby="centre-comments-title">
      <h2 id="centre-comments-title">Nhận xét của {v.centreName}</h2>
      <p><strong class={`tag ${tagOf(v)}`}>{v.statusLabel}</strong>{v.sentAt ? ` Gửi lúc ${fmtDateTime(v.sentAt)} đến ${v.recipientAtSending ?? v.recipient}.` : ''}</p>
      {scoring && (
        <p class="hint">
          Công chức được cử đến làm việc tại Trung tâm do đơn vị chủ quản đánh giá; người đứng đầu Trung tâm gửi nhận xét để đơn vị tham khảo
          (Quyết định 212/2025/QĐ-UBND Hải Phòng, Điều 3 khoản 7). Điểm tiêu chí chung (tối đa 30 điểm) do người quản lý chấm theo Nghị định 335/2025/NĐ-CP; nhận xét không tự động thành điểm.
        </p>
      )}
      {c && (
        <dl>
          <dt>Thái độ phục vụ người dân, doanh nghiệp</dt><dd>{c.attitude || '—'}</dd>
          <dt>Ý thức tổ chức kỷ luật</dt><dd>{c.discipline || '—'}</dd>
          {c.other && <><dt>Nhận xét khác</dt><dd>{c.other}</dd></>}
          <dt>Mức xếp loại đề xuất</dt><dd>{v.proposedRatingLabel ?? '—'}</dd>
        </dl>
      )}
      <h3>Số liệu tại Trung tâm, {v.period.label}{v.frozen ? ' (chốt khi gửi)' : ''}</h3>
      <CentreFiguresList f={v.figures} />
    </section>
  );
}

export interface CentreValues { attitude?: string; discipline?: string; other?: string; proposedRating?: string | null }

/** The centre head's form: the comments, the proposed level; save the draft or send it (final). */
export function CentreForm({ v, csrf, period, values, errors }: { v: CentreView; csrf: string; period: string; values: CentreValues; errors: FieldError[] }) {
  const err = (k: keyof typeof CENTRE_FIELD_ID) => errorFor(errors, CENTRE_FIELD_ID[k]);
  return (
    <form method="post" action={`${CENTRE_BASE}/${v.staff.id}`} id="form-centre" novalidate>
      <CsrfField token={csrf} /><KeyField />
      <input type="hidden" name="ky" value={period} />
      <h2>Nhận xét gửi đơn vị chủ quản</h2>
      <p class="hint">Gửi đến: {v.recipient}. Sau khi gửi, nhận xét không sửa được.</p>
      <Area id={CENTRE_FIELD_ID.attitude} name="attitude" required label="Thái độ phục vụ người dân, doanh nghiệp" hint="Tác phong, giao tiếp, hướng dẫn người dân; ý kiến không hài lòng, phản ánh về cán bộ (nếu có)." value={values.attitude} error={err('attitude')} />
      <Area id={CENTRE_FIELD_ID.discipline} name="discipline" required label="Ý thức tổ chức kỷ luật" hint="Chấp hành thời gian làm việc, nội quy, quy chế hoạt động của Trung tâm." value={values.discipline} error={err('discipline')} />
      <Area id={CENTRE_FIELD_ID.other} name="other" label="Nhận xét khác (kết quả nổi bật, hạn chế)" value={values.other} error={err('other')} />
      <Options id={CENTRE_FIELD_ID.proposedRating} name="proposedRating" required legend="Mức xếp loại đề xuất" value={values.proposedRating ?? undefined}
        options={Object.entries(RATING_LABEL).map(([value, label]) => ({ value, label }))} error={err('proposedRating')} />
      <p>
        <Button name="action" value="save" variant="secondary">Lưu nháp</Button>
        {v.can.send && <Button name="action" value="send">Gửi đơn vị chủ quản</Button>}
      </p>
      {!v.can.send && <p class="hint">Gửi được sau khi kỳ đánh giá kết thúc.</p>}
    </form>
  );
}

export function CentreHistory({ v }: { v: CentreView }) {
  return (
    <>
      <h2>Lịch sử</h2>
      {v.steps.length ? <ol>{v.steps.map((s) => <li>{fmtDateTime(s.at)}: {STEP_LABEL[s.step]} ({s.actorName})</li>)}</ol> : <p>Chưa có bước nào.</p>}
    </>
  );
}

export interface SecondmentValues { staffId?: string; homeUnitId?: string; startsOn?: string; endsOn?: string; decision?: string }
export const SECONDMENT_FIELD_ID = { staffId: 'sec-staff', homeUnitId: 'sec-unit', startsOn: 'sec-from', endsOn: 'sec-to', decision: 'sec-decision' } as const;

/** Records that an officer of the centre is seconded from their home unit (the same first day again corrects it). */
export function SecondmentForm({ csrf, period, officers, units, values, errors }: {
  csrf: string; period: string; officers: { id: number; name: string }[]; units: { id: number; name: string }[]; values: SecondmentValues; errors: FieldError[];
}) {
  const err = (k: keyof typeof SECONDMENT_FIELD_ID) => errorFor(errors, SECONDMENT_FIELD_ID[k]);
  return (
    <form method="post" action={`${CENTRE_BASE}/cu-den`} id="form-secondment" novalidate>
      <CsrfField token={csrf} /><KeyField />
      <input type="hidden" name="ky" value={period} />
      <h2>Ghi nhận công chức được cử đến</h2>
      <p class="hint">Thời hạn cử đến từ 12 đến 36 tháng (Nghị định 118/2025/NĐ-CP, Điều 11, Điều 12 khoản 8). Trong thời hạn, đơn vị chủ quản thẩm định KPI của công chức. Ghi lại cùng ngày bắt đầu để sửa hoặc nhập ngày kết thúc.</p>
      <Choice id={SECONDMENT_FIELD_ID.staffId} name="staffId" required label="Công chức làm việc tại Trung tâm" value={values.staffId} error={err('staffId')}
        options={officers.map((o) => ({ value: String(o.id), label: o.name }))} />
      <Choice id={SECONDMENT_FIELD_ID.homeUnitId} name="homeUnitId" required label="Đơn vị chủ quản" value={values.homeUnitId} error={err('homeUnitId')}
        options={units.map((u) => ({ value: String(u.id), label: u.name }))} />
      <Input id={SECONDMENT_FIELD_ID.startsOn} name="startsOn" type="date" required label="Từ ngày" value={values.startsOn} error={err('startsOn')} />
      <Input id={SECONDMENT_FIELD_ID.endsOn} name="endsOn" type="date" label="Đến ngày" value={values.endsOn} error={err('endsOn')} />
      <Input id={SECONDMENT_FIELD_ID.decision} name="decision" label="Quyết định cử đến (số, ngày)" value={values.decision} error={err('decision')} />
      <Button variant="secondary">Ghi nhận</Button>
    </form>
  );
}
