// Satisfaction on the staff side:
// - the dashboard's "Mức độ hài lòng theo cán bộ": the ratings given in the period, counted for every officer who
//   acted on the rated dossier (ratings/kiosk-store.ts satisfactionByOfficer), whatever the channel (portal, QR,
//   counter tablet);
// - /can-bo/danh-gia-hai-long?nam=&quy=: the quarterly evaluation of the commune and of each unit (ratings/service.ts
//   quarterEvaluation, ratings/core/scores.ts): the average score on the legacy 18-point form with its band, and the
//   average of every criterion. Registered by satisfactionPages(), with the other staff pages (web/staff/routes.tsx).
import type { App, Deps } from '../../http/deps.ts';
import { vnDate } from '../../calendar/core/vn-time.ts';
import type { OfficerSatisfaction } from '../../ratings/kiosk-store.ts';
import { CRITERIA, MAX_FORM_POINTS, OVERALL, OVERALL_LABEL } from '../../ratings/core/criteria.ts';
import { bandsText, type Evaluation } from '../../ratings/core/scores.ts';
import { quarterEvaluation, type QuarterEvaluation } from '../../ratings/service.ts';
import { periodName } from '../../indicators/core/periods.ts';
import { Table } from '../fields.tsx';
import { q1, staffPage } from './common.tsx';
import { staffOrLogin } from './guard.ts';

export const EVALUATION_PATH = '/can-bo/danh-gia-hai-long';

export function SatisfactionByOfficer({ rows, period }: { rows: OfficerSatisfaction[]; period: string }) {
  return (
    <>
      <h2>Mức độ hài lòng theo cán bộ, {period}</h2>
      {rows.length === 0 ? <p>Chưa có đánh giá nào trong kỳ.</p> : (
        <Table caption="Số đánh giá theo mức độ hài lòng, tính cho mỗi cán bộ đã xử lý hồ sơ được đánh giá" head={['Cán bộ', ...OVERALL.map((o) => OVERALL_LABEL[o]), 'Tổng số']}>
          {rows.map((r) => <tr><td>{r.name}</td>{OVERALL.map((o) => <td>{r.counts[o]}</td>)}<td>{r.total}</td></tr>)}
        </Table>
      )}
      <p><a href={EVALUATION_PATH}>Điểm đánh giá và xếp loại theo quý của xã và từng đơn vị</a> · <a href="/danh-gia/quay">Mở màn hình đánh giá tại quầy</a></p>
    </>
  );
}

const num = (x: number | null) => (x === null ? '—' : x.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));

/** One row of the score table: who, ratings, scored ratings, score, band. */
function ScoreRow({ name, e }: { name: string; e: Evaluation }) {
  return <tr><td>{name}</td><td>{e.ratings}</td><td>{e.scored}</td><td>{num(e.score)}</td><td>{e.band ?? 'Chưa đủ dữ liệu'}</td></tr>;
}

const quarterLink = (year: number, quarter: number) => `${EVALUATION_PATH}?nam=${year}&quy=${quarter}`;

export function QuarterEvaluationView({ q }: { q: QuarterEvaluation }) {
  const name = periodName({ year: q.year, quarter: q.quarter });
  const prev = q.quarter === 1 ? [q.year - 1, 4] : [q.year, q.quarter - 1];
  const next = q.quarter === 4 ? [q.year + 1, 1] : [q.year, q.quarter + 1];
  return (
    <>
      <h1>Đánh giá việc giải quyết thủ tục hành chính, {name}</h1>
      <p>
        Điểm của mỗi phiếu là tổng điểm 9 tiêu chí (mỗi tiêu chí tối đa 2 điểm, tối đa {MAX_FORM_POINTS} điểm); phiếu chỉ trả lời một số tiêu chí được
        quy đổi theo các tiêu chí đã trả lời. Điểm của xã và của đơn vị là điểm trung bình các phiếu trong quý; mỗi phiếu được tính cho mọi đơn vị đã giải quyết hồ sơ.
        Xếp loại: {bandsText(q.bands)}.
      </p>
      <p><a href={quarterLink(prev[0]!, prev[1]!)}>Quý trước</a> · <a href={quarterLink(next[0]!, next[1]!)}>Quý sau</a> · <a href="/can-bo/bang-dieu-khien">Bảng điều khiển</a></p>
      <h2>Điểm và xếp loại</h2>
      <Table caption={`Điểm đánh giá trung bình và xếp loại, ${name}`} head={['Đơn vị', 'Số phiếu', 'Số phiếu có chấm điểm', `Điểm trung bình (trên ${MAX_FORM_POINTS})`, 'Xếp loại']}>
        <ScoreRow name="Toàn xã" e={q.commune} />
        {q.units.map((u) => <ScoreRow name={u.name} e={u} />)}
      </Table>
      <h2>Điểm trung bình từng tiêu chí</h2>
      <Table caption={`Điểm trung bình từng tiêu chí (tối đa 2 điểm), ${name}`} head={['Tiêu chí', 'Số phiếu trả lời', 'Điểm trung bình toàn xã', ...q.units.map((u) => u.name)]}>
        {CRITERIA.map((c, i) => (
          <tr>
            <td>{c.label}{c.scored ? '' : ' (không tính vào thang 18 điểm)'}</td>
            <td>{q.commune.criteria[i]!.answers}</td>
            <td>{num(q.commune.criteria[i]!.average)}</td>
            {q.units.map((u) => <td>{num(u.criteria[i]!.average)}</td>)}
          </tr>
        ))}
      </Table>
    </>
  );
}

/** The quarter asked (?nam=YYYY&quy=1–4), or the current one in Vietnam time; null when malformed. */
function quarterOf(nam: string, quy: string, now: Date): { year: number; quarter: number } | null {
  const today = vnDate(now);
  if (!nam && !quy) return { year: Number(today.slice(0, 4)), quarter: Math.ceil(Number(today.slice(5, 7)) / 3) };
  if (!/^\d{4}$/.test(nam) || !/^[1-4]$/.test(quy)) return null;
  const year = Number(nam);
  return year >= 2000 && year <= 2100 ? { year, quarter: Number(quy) } : null;
}

export async function satisfactionPages(app: App, deps: Deps) {
  app.get(EVALUATION_PATH, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const q = quarterOf(q1(req, 'nam'), q1(req, 'quy'), deps.now());
    if (!q) return reply.redirect(EVALUATION_PATH, 303);
    const e = await quarterEvaluation(deps.db, p.communeId, q.year, q.quarter);
    return staffPage(reply, p, 'Đánh giá mức độ hài lòng theo quý', () => <QuarterEvaluationView q={e} />);
  });
}
