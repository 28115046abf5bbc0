// /cong-khai: the commune's public transparency page, no login (plan target "công khai mức độ hài lòng"): on-time,
// online, payment, digitisation and satisfaction figures, the plan's 2030 targets, the Decision 766 group scores,
// charts drawn as SVG on the server, and the ratings. Aggregates only: no personal data. The same figures are JSON
// at /api/v1/indicators/public.
import type { App, Deps } from '../../http/deps.ts';
import { periodName, type PeriodSpec } from '../../indicators/core/periods.ts';
import { publicFigures, type PublicFigures } from '../../indicators/public.ts';
import { vnDate } from '../../calendar/core/vn-time.ts';
import { BarChart, LineChart } from '../charts.tsx';
import { Layout } from '../layout.tsx';
import { sendPage } from '../render.tsx';
import { PORTAL_COMMUNE_ID, page, queryOf, str } from './common.ts';
import { DigitisationTables } from './public-digitisation.tsx';

const pct = (x: number | null) => (x === null ? 'Chưa có dữ liệu' : `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')} %`);

/** The period asked in the query (?nam=2026&quy=4 or &thang=11), defaulting to the current year; null when invalid. */
export function specFrom(q: Record<string, unknown>, now: Date): PeriodSpec | null {
  const today = vnDate(now);
  const year = str(q.nam) ? Number(str(q.nam)) : Number(today.slice(0, 4));
  const month = str(q.thang) ? Number(str(q.thang)) : undefined;
  const quarter = str(q.quy) ? Number(str(q.quy)) : undefined;
  if (!Number.isInteger(year) || year < 2020 || year > 2100) return null;
  if (month !== undefined && !(Number.isInteger(month) && month >= 1 && month <= 12)) return null;
  if (quarter !== undefined && !(Number.isInteger(quarter) && quarter >= 1 && quarter <= 4)) return null;
  return { year, month, quarter };
}

function PeriodForm({ spec }: { spec: PeriodSpec }) {
  return (
    <form method="get" action="/cong-khai" class="period-form">
      <div class="field">
        <label for="nam">Năm</label>
        <input id="nam" name="nam" type="number" inputMode="numeric" min={2020} max={2100} value={String(spec.year)} class="input--short" />
      </div>
      <div class="field">
        <label for="thang">Tháng (không bắt buộc)</label>
        <select id="thang" name="thang">
          <option value="">Cả năm</option>
          {Array.from({ length: 12 }, (_, i) => <option value={String(i + 1)} selected={spec.month === i + 1}>Tháng {i + 1}</option>)}
        </select>
      </div>
      <button type="submit" class="button button--secondary">Xem</button>
    </form>
  );
}

function Figures({ f }: { f: PublicFigures }) {
  const rate = (id: string) => {
    const r = f.index.groups.flatMap((g) => g.indicators).find((i) => i.def.id === id);
    return r?.status === 'ok' ? r.rate : null;
  };
  const cards: [string, number | null][] = [
    ['Hồ sơ giải quyết đúng hạn', rate('2.1')],
    ['Hồ sơ trực tuyến toàn trình (thủ tục đủ điều kiện)', rate('3.2')],
    ['Hồ sơ thanh toán trực tuyến', rate('3.6')],
    ['Hồ sơ được số hóa', rate('4.2')],
    ['Mức độ hài lòng (chỉ số 766)', rate('5.4')],
  ];
  return (
    <ul class="figures">
      {cards.map(([label, value]) => <li><span class="figures__value">{pct(value)}</span> <span class="figures__label">{label}</span></li>)}
    </ul>
  );
}

function PublicPage({ spec, f }: { spec: PeriodSpec; f: PublicFigures }) {
  const name = periodName(spec);
  const r = f.ratings;
  return (
    <Layout title="Công khai kết quả giải quyết thủ tục hành chính">
      <h1>Công khai kết quả giải quyết thủ tục hành chính</h1>
      <p>Số liệu của Ủy ban nhân dân xã Xuân Dương, tính tự động từ hồ sơ trên hệ thống, {name}. Không có thông tin cá nhân.</p>
      <PeriodForm spec={spec} />
      <h2>Kết quả chính, {name}</h2>
      <Figures f={f} />
      <h2>Chỉ tiêu Kế hoạch cải cách hành chính 2026–2030</h2>
      <BarChart title={`Kết quả so với chỉ tiêu năm 2030, ${name}`}
        bars={f.targets.filter((t) => t.target.measure !== null).map((t) => ({ label: t.target.text.split(/[.,;]/)[0]!.slice(0, 60), value: t.value, target: t.target.target }))} />
      <p>Chỉ tiêu chưa đo được từ dữ liệu của hệ thống:</p>
      <ul>{f.targets.filter((t) => t.target.measure === null).map((t) => <li>{t.target.text} <span class="muted">({t.target.definition})</span></li>)}</ul>
      <h2>Bộ chỉ số 766, {name}</h2>
      <p>Tổng điểm: <strong>{f.index.score.toLocaleString('vi-VN')}</strong> trên {f.index.computedMax} điểm của các chỉ số tính được (tối đa {f.index.maxPoints} điểm).</p>
      <BarChart title={`Điểm theo nhóm chỉ số 766, ${name} (tỷ lệ trên điểm tính được)`}
        bars={f.index.groups.map((g) => ({ label: `${g.name} (${g.score.toLocaleString('vi-VN')}/${g.computedMax})`, value: g.computedMax ? g.score / g.computedMax : null }))} />
      <LineChart title={`Tỷ lệ hồ sơ giải quyết đúng hạn theo tháng, năm ${spec.year}`} target={1}
        points={f.trend.map((p) => ({ label: `${p.month}/${spec.year}`, value: p.value }))} />
      <h2>Số hóa và tái sử dụng dữ liệu, {name}</h2>
      <DigitisationTables rates={f.digitisation} period={name} />
      <h2>Đánh giá của người dân, {name}</h2>
      {r.total === 0 ? <p>Chưa có đánh giá trong kỳ.</p> : (
        <BarChart title={`Kết quả ${r.total} phiếu đánh giá mức độ hài lòng, ${name}`} bars={[
          { label: 'Rất hài lòng', value: r.very_satisfied / r.total },
          { label: 'Hài lòng', value: r.satisfied / r.total },
          { label: 'Không hài lòng', value: r.dissatisfied / r.total },
        ]} />
      )}
      <p class="muted">Số liệu dạng máy đọc: <a href={`/api/v1/indicators/766?commune=${PORTAL_COMMUNE_ID}&year=${spec.year}${spec.month ? `&month=${spec.month}` : ''}`}>bộ chỉ số 766 (JSON)</a>, <a href={`/api/v1/indicators/digitisation?commune=${PORTAL_COMMUNE_ID}&year=${spec.year}${spec.month ? `&month=${spec.month}` : ''}`}>tỷ lệ số hóa và tái sử dụng dữ liệu (JSON)</a>. Tải toàn bộ số liệu (CSV, JSON) tại trang <a href="/du-lieu-mo">Dữ liệu mở</a>.</p>
    </Layout>
  );
}

export async function publicPages(app: App, deps: Deps) {
  app.get('/cong-khai', page, async (req, reply) => {
    const spec = specFrom(queryOf(req), deps.now());
    if (!spec) return reply.redirect('/cong-khai', 303);
    return sendPage(reply, <PublicPage spec={spec} f={await publicFigures(deps.readDb, PORTAL_COMMUNE_ID, spec, deps.now())} />);
  });
}
