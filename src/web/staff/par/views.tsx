// Page bodies of the PAR self-assessment (Chỉ số CCHC): the tree of one year with self / appraised / final scores
// and auto values, and the page of one sub-criterion with its scoring form, evidence, appraisal and dialogue. The
// decisions (who may do what) come from src/par/view.ts and the service; the forms post to routes.tsx.
import { STATUS_LABEL } from '../../../par/service.ts';
import type { AssessmentView, ItemView } from '../../../par/view.ts';
import type { LogRow } from '../../../par/store.ts';
import { Button, CsrfField, ErrorSummary, SummaryList, type FieldError } from '../../components.tsx';
import { Area, Input, Table } from '../../fields.tsx';
import { fmtDate, fmtDateTime } from '../../../shared/format.ts';
import { KeyField, Notice, newFormKey } from '../common.tsx';

export const BASE = '/can-bo/cchc/chi-so';
export const pts = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toLocaleString('vi-VN', { maximumFractionDigits: 2 }));
const pct = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 10_000) / 100).toLocaleString('vi-VN')} %`);
const STATUS_TONE = { draft: 'blue', submitted: 'yellow', final: 'green' } as const;

export const StatusTag = ({ status }: { status: AssessmentView['assessment']['status'] }) => <strong class={`tag tag--${STATUS_TONE[status]}`}>{STATUS_LABEL[status]}</strong>;

export const LOG_LABEL: Record<string, string> = {
  created: 'Mở kỳ tự chấm điểm', autofilled: 'Cập nhật số liệu tự động', self_scored: 'Tự chấm điểm', overridden: 'Thay giá trị tự động',
  evidence: 'Thêm tài liệu kiểm chứng', submitted: 'Gửi thẩm định', appraised: 'Thẩm định', response: 'Xã giải trình', revised: 'Điều chỉnh điểm thẩm định', finalized: 'Công bố kết quả',
};

function Figures({ item }: { item: ItemView }) {
  const f = item.auto?.figures;
  if (!item.auto) return null;
  if (!f) return <p class="muted">Chưa có số liệu tự động.</p>;
  return (
    <p>
      {f.source}, {f.period}: {f.unavailable ? <>chưa tính được ({f.unavailable})</> : <>{pts(f.numerator)}/{pts(f.denominator)} = {pct(f.rate)} → <strong>{pts(item.auto.points)} điểm</strong></>}
      {item.auto.at && <span class="muted"> (cập nhật {fmtDateTime(item.auto.at)})</span>}
    </p>
  );
}

/** The tree of one year: per area, its criteria and sub-criteria with maxima and scores. */
export function TreeBody({ v, csrf, notice }: { v: AssessmentView; csrf: string; notice?: string }) {
  const a = v.assessment;
  const unscored = v.totals.subs - v.totals.scored;
  return (
    <>
      {notice && <Notice>{notice}</Notice>}
      <h1>Chỉ số CCHC năm {a.year}</h1>
      <p><StatusTag status={a.status} /></p>
      <p>Bộ chỉ số: {a.template_name} (áp dụng từ năm {a.effective_year}).{a.template_uncertain && <> <strong class="tag tag--yellow">Điểm, cách chấm chưa đối chiếu quyết định của tỉnh</strong></>}</p>
      <ul class="figures">
        <li><span class="figures__value">{pts(v.totals.self)}</span> điểm tự chấm / {pts(v.totals.maxPoints)}</li>
        <li><span class="figures__value">{pts(v.totals.review)}</span> điểm thẩm định</li>
        {a.status === 'final' && <li><span class="figures__value">{pts(v.totals.final)}</span> điểm cuối cùng</li>}
        <li><span class="figures__value">{v.totals.scored}/{v.totals.subs}</span> tiêu chí thành phần đã chấm</li>
      </ul>
      <p><a href={`${BASE}/so-sanh?nam=${a.year}`}>So sánh với năm {a.year - 1}</a></p>
      {v.can.submit && (
        <form method="post" action={`${BASE}/${a.year}/gui`} class="action-form" id="form-submit">
          <CsrfField token={csrf} /><KeyField />
          <h2>Gửi thẩm định</h2>
          {unscored > 0 && <p>Còn {unscored} tiêu chí thành phần chưa chấm: sẽ tính 0 điểm.</p>}
          <Button>Gửi kết quả tự chấm điểm</Button>
        </form>
      )}
      {v.can.refresh && (
        <form method="post" action={`${BASE}/${a.year}/cap-nhat`} class="action-form" id="form-refresh">
          <CsrfField token={csrf} /><KeyField />
          <Button variant="secondary">Cập nhật số liệu tự động</Button>
        </form>
      )}
      {v.can.finalize && (
        <form method="post" action={`${BASE}/${a.year}/cong-bo`} class="action-form" id="form-finalize">
          <CsrfField token={csrf} /><KeyField />
          <h2>Công bố kết quả thẩm định</h2>
          <p>Tiêu chí chưa thẩm định giữ điểm tự chấm.</p>
          <Button>Công bố kết quả</Button>
        </form>
      )}
      {v.areas.map((ar) => (
        <section aria-labelledby={`area-${ar.code}`}>
          <h2 id={`area-${ar.code}`}>{ar.code}. {ar.name}</h2>
          <p>Tối đa {pts(ar.maxPoints)} điểm · tự chấm {pts(ar.self)} · thẩm định {pts(ar.review)}{a.status === 'final' ? ` · cuối cùng ${pts(ar.final)}` : ''}</p>
          <Table caption={`Lĩnh vực ${ar.code}: ${ar.name}`} head={['Tiêu chí', 'Tối đa', 'Tự chấm', 'Thẩm định']}>
            {ar.criteria.flatMap((c) => [
              <tr><th scope="row" colSpan={4}>{c.code}. {c.name} ({pts(c.maxPoints)} điểm)</th></tr>,
              ...c.items.map((i) => (
                <tr>
                  <td>
                    <a href={`${BASE}/${a.year}/tieu-chi/${i.code}`}>{i.code}. {i.name}</a>
                    <br /><span class="muted">{i.ownerUnit ?? 'Chưa giao đơn vị'}</span>
                    {i.auto && <> <strong class="tag tag--blue">Tự động</strong></>}
                    {i.evidence.length > 0 && <> <span class="tag tag--grey">{i.evidence.length} tài liệu</span></>}
                  </td>
                  <td>{pts(i.maxPoints)}</td>
                  <td>{pts(i.effectiveSelf)}{i.selfPoints === null && i.effectiveSelf !== null ? ' (tự động)' : ''}</td>
                  <td>{pts(i.reviewPoints)}</td>
                </tr>
              )),
            ])}
          </Table>
        </section>
      ))}
    </>
  );
}

const ScoreFields = ({ prefix, item, value }: { prefix: string; item: ItemView; value?: number | null }) => (
  <Input id={`${prefix}-points`} name="points" type="text" inputmode="text" label={`Điểm (0 đến ${pts(item.maxPoints)})`} hint={item.ruleText} value={value === null || value === undefined ? '' : String(value).replace('.', ',')} required short />
);

/** One sub-criterion: what it is, its auto value, scores, evidence, the forms the caller may use and the dialogue. */
export function ItemBody({ v, item, log, csrf, errors, can }: {
  v: AssessmentView; item: ItemView; log: LogRow[]; csrf: string; errors: FieldError[];
  can: { respond: boolean; evidence: boolean };
}) {
  const a = v.assessment;
  const action = (step: string) => `${BASE}/${a.year}/tieu-chi/${item.code}/${step}`;
  return (
    <>
      <ErrorSummary errors={errors} />
      <h1>{item.code}. {item.name}</h1>
      <p><StatusTag status={a.status} />{item.uncertain && <> <strong class="tag tag--yellow">Điểm, cách chấm chưa đối chiếu quyết định của tỉnh</strong></>}</p>
      <SummaryList rows={[
        { key: 'Điểm tối đa', value: pts(item.maxPoints) },
        { key: 'Cách chấm', value: item.ruleText },
        { key: 'Đơn vị tự chấm', value: item.ownerUnit ?? 'Chưa giao' },
        ...(item.due ? [{ key: 'Hạn', value: fmtDate(item.due) }] : []),
        { key: 'Tài liệu kiểm chứng cần có', value: <ul>{item.evidenceExpected.map((e) => <li>{e}</li>)}</ul> },
        ...(item.auto ? [{ key: 'Giá trị tự động', value: <Figures item={item} /> }] : []),
        { key: 'Điểm tự chấm', value: <>{pts(item.effectiveSelf)}{item.selfPoints === null && item.effectiveSelf !== null ? ' (giá trị tự động)' : ''}{item.selfNote ? `: ${item.selfNote}` : ''}</> },
        ...(item.overrideReason ? [{ key: 'Lý do thay giá trị tự động', value: item.overrideReason }] : []),
        { key: 'Điểm thẩm định', value: <>{pts(item.reviewPoints)}{item.reviewNote ? `: ${item.reviewNote}` : ''}</> },
        ...(item.finalPoints !== null ? [{ key: 'Điểm cuối cùng', value: pts(item.finalPoints) }] : []),
      ]} />
      {item.canSelfScore && (
        <form method="post" action={action('tu-cham')} class="action-form" id="form-self">
          <CsrfField token={csrf} /><KeyField />
          <h2>Tự chấm điểm</h2>
          <ScoreFields prefix="self" item={item} value={item.selfPoints ?? item.auto?.points} />
          <Area id="self-note" name="note" label="Thuyết minh" value={item.selfNote} />
          {item.auto && <Area id="self-reason" name="reason" label="Lý do (bắt buộc khi điểm khác giá trị tự động)" value={item.overrideReason} />}
          <Button>Lưu điểm tự chấm</Button>
        </form>
      )}
      <h2>Tài liệu kiểm chứng</h2>
      {item.evidence.length ? (
        <ul>{item.evidence.map((e) => <li>{e.url ? <a href={e.url}>{e.fileName}</a> : e.note}{e.url && e.note ? `: ${e.note}` : ''} <span class="muted">({e.addedBy ?? 'hệ thống'}, {fmtDateTime(e.addedAt)})</span></li>)}</ul>
      ) : <p>Chưa có tài liệu kiểm chứng.</p>}
      {can.evidence && (
        <>
          <form method="post" action={action('minh-chung')} class="action-form" id="form-evidence">
            <CsrfField token={csrf} /><KeyField />
            <Input id="evidence-note" name="note" label="Số, ký hiệu, tên tài liệu (hoặc đường dẫn)" required />
            <Button variant="secondary">Thêm tài liệu</Button>
          </form>
          <form method="post" action={`${action('tep')}?_csrf=${encodeURIComponent(csrf)}&key=${newFormKey()}`} enctype="multipart/form-data" class="upload-form" id="form-file">
            <Input id="evidence-file" name="file" type="file" label="Tệp tài liệu kiểm chứng" hint="PDF, JPEG hoặc PNG, tối đa 10 MB." accept="application/pdf,image/jpeg,image/png" required />
            <Button variant="secondary">Tải tệp lên</Button>
          </form>
        </>
      )}
      {v.can.appraise && (
        <form method="post" action={action('tham-dinh')} class="action-form" id="form-appraise">
          <CsrfField token={csrf} /><KeyField />
          <h2>{item.reviewPoints === null ? 'Chấm điểm thẩm định' : 'Điều chỉnh điểm thẩm định'}</h2>
          <ScoreFields prefix="review" item={item} value={item.reviewPoints ?? item.effectiveSelf} />
          <Area id="review-note" name="note" label="Giải trình điểm thẩm định" required />
          <Button>Lưu điểm thẩm định</Button>
        </form>
      )}
      <h2>Nhật ký và trao đổi</h2>
      {log.length ? (
        <ol class="timeline">{log.map((l) => (
          <li><time datetime={l.at.toISOString()}>{fmtDateTime(l.at)}</time><strong>{LOG_LABEL[l.type] ?? l.type}</strong>{l.actor_name ? ` (${l.actor_name})` : ''}{l.points !== null ? `: ${pts(l.points)} điểm` : ''}{l.text ? <p>{l.text}</p> : null}</li>
        ))}</ol>
      ) : <p>Chưa có.</p>}
      {can.respond && (
        <form method="post" action={action('giai-trinh')} class="action-form" id="form-respond">
          <CsrfField token={csrf} /><KeyField />
          <Area id="respond-text" name="text" label="Ý kiến giải trình của xã" required />
          <Button variant="secondary">Gửi giải trình</Button>
        </form>
      )}
    </>
  );
}
