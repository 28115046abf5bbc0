// The KPI page parts: the period picker, an officer's period (figures, the explanation of every point, the products,
// the step log) and the forms of the steps the caller may take now (self-assessment, appraisal, approval).
import type { KpiView, PeriodKey } from '../../../kpi/service.ts';
import type { QuotaReport } from '../../../kpi/service.ts';
import { parsePeriod, periodParam } from '../../../kpi/period.ts';
import { hasRole, type Principal } from '../../../identity/core/principal.ts';
import type { Children } from '../../render.tsx';
import { Button, CsrfField } from '../../components.tsx';
import { Area, Choice, Input, Table } from '../../fields.tsx';
import { fmtDateTime } from '../../../shared/format.ts';
import { KeyField } from '../common.tsx';

export const BASE = '/can-bo/kpi';
const num = (x: number) => String(x).replace('.', ',');
const STEP_LABEL: Record<string, string> = { self_assess: 'Tự đánh giá', appraise: 'Thẩm định', approve: 'Phê duyệt' };

/** The period of a page's "ky" parameter; a malformed one gives the last finished month. */
export function pickPeriod(raw: string, now: Date): PeriodKey {
  try {
    return parsePeriod(raw || undefined, now);
  } catch {
    return parsePeriod(undefined, now);
  }
}

/** The KPI pages' links; `centre`: the caller writes the centre comments or reads their list (a leader). */
export function Nav({ p, period, centre }: { p: Principal; period: string; centre: boolean }) {
  return (
    <p>
      <a href={`${BASE}?ky=${period}`}>KPI của tôi</a>
      {(hasRole(p, 'unit_head') || hasRole(p, 'leader')) && <> · <a href={`${BASE}/don-vi?ky=${period}`}>{hasRole(p, 'leader') ? 'Cán bộ của xã' : 'Cán bộ của đơn vị'}</a></>}
      {' · '}<a href={`${BASE}/xep-hang?ky=${period}`}>Xếp hạng thi đua đơn vị</a>
      {centre && <> · <a href={`${BASE}/trung-tam?ky=${period}`}>Nhận xét công chức được cử đến Trung tâm</a></>}
    </p>
  );
}

/** The last 12 months and 4 quarters before `now`, newest first, as period parameters. */
export function periodOptions(now: Date): { value: string; label: string }[] {
  const vn = new Date(now.getTime() + 7 * 3_600_000);
  const out: { value: string; label: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth() - i, 1));
    out.push({ value: periodParam({ kind: 'month', year: d.getUTCFullYear(), no: d.getUTCMonth() + 1 }), label: `Tháng ${d.getUTCMonth() + 1}/${d.getUTCFullYear()}` });
  }
  const q = Math.floor(vn.getUTCMonth() / 3);
  for (let i = 0; i < 4; i++) {
    const y = vn.getUTCFullYear() + Math.floor((q - i) / 4);
    const no = (((q - i) % 4) + 4) % 4 + 1;
    out.push({ value: periodParam({ kind: 'quarter', year: y, no }), label: `Quý ${['I', 'II', 'III', 'IV'][no - 1]}/${y}` });
  }
  return out;
}

export function PeriodPicker({ action, value, now }: { action: string; value: string; now: Date }) {
  return (
    <form method="get" action={action} class="inline-form">
      <Choice id="ky" name="ky" label="Kỳ đánh giá" value={value} options={periodOptions(now)} required />
      <Button variant="secondary">Xem</Button>
    </form>
  );
}

export function OfficerPeriod({ v }: { v: KpiView }) {
  const f = v.figures;
  const r = v.result;
  return (
    <>
      <p><strong class={`tag ${v.status === 'approved' ? 'tag--green' : 'tag--blue'}`}>{v.statusLabel}</strong>{v.frozen ? ' Số liệu đã chốt khi phê duyệt.' : ' Số liệu tính trực tiếp từ nhật ký xử lý hồ sơ, được chốt khi phê duyệt.'}</p>
      <ul class="figures">
        <li><span class="figures__value">{num(r.total)}</span> tổng điểm / 100</li>
        <li><span class="figures__value">{r.ratingLabel}</span> xếp loại{v.status === 'approved' ? '' : ' (dự kiến)'}</li>
        <li><span class="figures__value">{num(r.general)}</span> tiêu chí chung / 30{v.generalSource === 'self' ? ' (cán bộ tự chấm)' : v.generalSource === 'none' ? ' (chưa chấm)' : ''}</li>
        <li><span class="figures__value">{num(r.task)}</span> kết quả nhiệm vụ / 70</li>
      </ul>
      <h2>Số liệu trong kỳ</h2>
      <ul class="figures">
        <li><span class="figures__value">{f.assigned}</span> hồ sơ được giao</li>
        <li><span class="figures__value">{f.completed}</span> hồ sơ hoàn thành</li>
        <li><span class="figures__value">{f.onTime}</span> hoàn thành đúng hạn</li>
        <li><span class="figures__value">{f.apologies}</span> hồ sơ trễ hạn (xin lỗi do cán bộ)</li>
        <li><span class="figures__value">{f.supplementErrors}</span> lỗi nội dung (bổ sung quá 1 lần, lỗi do người quản lý ghi nhận)</li>
        <li><span class="figures__value">{f.planDone}/{f.planDue}</span> nhiệm vụ kế hoạch CCHC hoàn thành</li>
      </ul>
      <h2>Cách tính từng điểm</h2>
      <Table caption="Cách tính từng điểm" head={['Mục', 'Giá trị', 'Cách tính']}>
        {r.lines.map((l) => <tr><td>{l.label}</td><td>{l.key === 'rating' ? r.ratingLabel : `${num(l.value)} ${l.unit}`}</td><td>{l.formula}</td></tr>)}
      </Table>
      <details>
        <summary>Quy tắc tính và căn cứ (áp dụng từ {v.rules.effectiveFrom})</summary>
        <p>{v.rules.legalBasis}</p>
        <ul>
          <li>Hồ sơ được tính cho cán bộ giữ hồ sơ tại thời điểm hoàn thành, hoặc tại thời điểm đến hạn nếu chưa xong: cán bộ được phân công đích danh, hoặc cán bộ đã xử lý (đề xuất, ban hành, từ chối, yêu cầu bổ sung).</li>
          <li>Không tính hồ sơ bị từ chối tiếp nhận, công dân rút, dừng giải quyết, đang chờ công dân bổ sung, hoặc chưa đến hạn.</li>
          <li>Đúng hạn hay trễ hạn theo quy tắc chỉ số 2.1 (Quyết định 766): so với hạn trả theo quy định, không tính thời gian chờ bổ sung; yêu cầu bổ sung quá 1 lần là trễ hạn.</li>
          {v.rules.notes.map((n) => <li>{n}</li>)}
        </ul>
      </details>
      {v.products.length > 0 && (
        <>
          <h2>Hồ sơ được tính</h2>
          <Table caption="Hồ sơ được tính trong kỳ" head={['Mã hồ sơ', 'Hệ số', 'Hoàn thành', 'Tiến độ', 'Lỗi nội dung']}>
            {v.products.map((x) => (
              <tr>
                <td>{x.ref}</td><td>{num(x.weight)}</td><td>{x.completed ? 'Có' : 'Chưa'}</td>
                <td>{x.late ? `Trễ hạn (${x.delays} lần chậm)${x.excused ? ', khách quan, không trừ' : ''}` : 'Đúng hạn'}</td>
                <td>{x.qualityErrors}</td>
              </tr>
            ))}
          </Table>
        </>
      )}
      {(v.selfNote || v.appraisalNote || v.disqualified) && (
        <>
          <h2>Ý kiến</h2>
          {v.selfNote && <p><strong>Cán bộ tự đánh giá:</strong> {v.selfNote}</p>}
          {v.appraisalNote && <p><strong>Người quản lý:</strong> {v.appraisalNote}</p>}
          {v.disqualified && <p><strong>Trường hợp không hoàn thành nhiệm vụ:</strong> {v.disqualified}</p>}
        </>
      )}
      <h2>Nhật ký đánh giá</h2>
      {v.steps.length ? <ol>{v.steps.map((s) => <li>{fmtDateTime(s.at)}: {STEP_LABEL[s.step] ?? s.step} ({s.actorName}){s.note ? `: ${s.note}` : ''}</li>)}</ol> : <p>Chưa có bước nào.</p>}
    </>
  );
}

function GeneralInputs({ v, prefix, values }: { v: KpiView; prefix: string; values: Record<string, number> }) {
  return (
    <fieldset>
      <legend>Tiêu chí chung (tối đa 30 điểm)</legend>
      {v.rules.general.map((g) => (
        <Input id={`${prefix}-${g.code}`} name={`g_${g.code}`} type="number" inputmode="numeric" short label={`${g.label} (0–${g.max} điểm)`} value={values[g.code] ?? ''} required={prefix === 'ap'} />
      ))}
    </fieldset>
  );
}

/** `centre`: the centre's comments on a seconded officer, shown in the appraisal form next to the general criteria. */
export function StepForms({ v, csrf, period, centre }: { v: KpiView; csrf: string; period: string; centre?: Children }) {
  const action = `${BASE}/can-bo/${v.staff.id}`;
  return (
    <>
      {v.can.selfAssess && (
        <form method="post" action={`${BASE}/tu-danh-gia`} id="form-self">
          <CsrfField token={csrf} /><KeyField />
          <input type="hidden" name="ky" value={period} />
          <h2>Tự đánh giá</h2>
          <GeneralInputs v={v} prefix="self" values={v.selfGeneral} />
          <Area id="self-note" name="note" label="Ghi chú của cán bộ (kết quả nổi bật, nguyên nhân chậm…)" value={v.selfNote} />
          <Button>Gửi tự đánh giá</Button>
        </form>
      )}
      {v.can.appraise && (
        <form method="post" action={`${action}/tham-dinh`} id="form-appraise">
          <CsrfField token={csrf} /><KeyField />
          <input type="hidden" name="ky" value={period} />
          <h2>Thẩm định</h2>
          {centre}
          <GeneralInputs v={v} prefix="ap" values={Object.keys(v.general).length ? v.general : v.selfGeneral} />
          <Area id="ap-errors" name="qualityErrors" rows={2} label="Hồ sơ không đạt do lỗi nội dung lớn (mỗi dòng một mã hồ sơ; mỗi lần trừ 25 % điểm chất lượng)" value={v.qualityErrors.join('\n')} />
          <Area id="ap-excused" name="excused" rows={2} label="Hồ sơ chậm do nguyên nhân khách quan (mỗi dòng một mã hồ sơ; không trừ điểm tiến độ)" value={v.excused.join('\n')} />
          {v.products.length === 0 && v.figures.planDue === 0 && (
            <fieldset>
              <legend>Không có sản phẩm được theo dõi tự động: chấm a, b, c (%)</legend>
              <Input id="ap-a" name="a" type="number" inputmode="numeric" short label="a - Số lượng (%)" value={v.manualTask?.a ?? ''} />
              <Input id="ap-b" name="b" type="number" inputmode="numeric" short label="b - Chất lượng (%)" value={v.manualTask?.b ?? ''} />
              <Input id="ap-c" name="c" type="number" inputmode="numeric" short label="c - Tiến độ (%)" value={v.manualTask?.c ?? ''} />
            </fieldset>
          )}
          <Input id="ap-disq" name="disqualified" label="Trường hợp không hoàn thành nhiệm vụ (kỷ luật, suy thoái…), nếu có: lý do" value={v.disqualified} />
          <Area id="ap-note" name="note" label="Nhận xét của người quản lý" value={v.appraisalNote} />
          <Button>Lưu thẩm định</Button>
        </form>
      )}
      {v.can.approve && (
        <form method="post" action={`${action}/phe-duyet`} id="form-approve">
          <CsrfField token={csrf} /><KeyField />
          <input type="hidden" name="ky" value={period} />
          <h2>Phê duyệt</h2>
          <p>Phê duyệt chốt số liệu và kết quả: {v.result.total} điểm, {v.result.ratingLabel}.</p>
          <Area id="approve-note" name="note" label="Ý kiến phê duyệt" />
          <Button>Phê duyệt kết quả</Button>
        </form>
      )}
    </>
  );
}

export function QuotaNotice({ q }: { q: QuotaReport }) {
  const over = [q.commune, ...q.units].filter((x) => x.exceeded);
  return (
    <div class={`notice${over.length ? ' notice--warn' : ''}`} role="status">
      <h2>Tỷ lệ “Hoàn thành xuất sắc nhiệm vụ”</h2>
      <p>{q.commune.exceeded ? <strong>Vượt tỷ lệ trong UBND xã. </strong> : 'Trong UBND xã: '}{q.commune.explanation}</p>
      <ul>{q.units.map((u) => <li>{u.unitName}: {u.exceeded ? <strong>vượt tỷ lệ. </strong> : ''}{u.explanation}</li>)}</ul>
      <p class="hint">{q.basis}. Tính trên các kết quả đã thẩm định hoặc phê duyệt.{q.communeExcellent ? ' UBND xã được xếp loại “Hoàn thành xuất sắc nhiệm vụ” trong năm: giới hạn 25 %.' : ''}
        {q.units.filter((u) => u.unitExcellent).map((u) => ` ${u.unitName} được xếp loại “Hoàn thành xuất sắc nhiệm vụ”: giới hạn 25 %.`).join('')}</p>
    </div>
  );
}

/** The leader records a unit's (or the People's Committee's) own rating for the year: it sets the quota at 20 or 25 %. */
export function UnitRatingForm({ csrf, period, year, units }: { csrf: string; period: string; year: number; units: { id: number; name: string }[] }) {
  return (
    <form method="post" action={`${BASE}/xep-loai-don-vi`} id="form-unit-rating">
      <CsrfField token={csrf} /><KeyField />
      <input type="hidden" name="ky" value={period} />
      <h2>Kết quả xếp loại của đơn vị năm {year}</h2>
      <p class="hint">Đơn vị được xếp loại “Hoàn thành xuất sắc nhiệm vụ” được có tới 25 % cán bộ xếp loại xuất sắc (Nghị định 335/2025/NĐ-CP).</p>
      <Choice id="unit-rating-unit" name="unitId" label="Đơn vị" required options={[{ value: 'ubnd', label: 'UBND xã (cả cơ quan)' }, ...units.map((u) => ({ value: String(u.id), label: u.name }))]} />
      <Choice id="unit-rating-excellent" name="excellent" label={`Xếp loại năm ${year}`} required options={[{ value: 'yes', label: 'Hoàn thành xuất sắc nhiệm vụ' }, { value: 'no', label: 'Mức khác' }]} />
      <Button variant="secondary">Ghi nhận</Button>
    </form>
  );
}
