// /tinh: the public comparison of the communes of the province (of this portal's commune), no login: each commune's
// Decision 766 total, on-time rate, share of dossiers filed online and satisfaction for the period, ranked by the
// total. Aggregates only, no personal data; mobile-first (a list of cards, no wide table). The same figures are JSON
// at /api/v1/province/public. Read through deps.readDb, computed once a minute per period (province/access.ts).
import type { App, Deps } from '../../http/deps.ts';
import { periodName } from '../../indicators/core/periods.ts';
import { publicProvinceFigures } from '../../province/access.ts';
import { provinceSpecFromQuery, specQuery } from '../../province/core/period.ts';
import type { Ranked } from '../../province/core/ranking.ts';
import { Layout } from '../layout.tsx';
import { sendPage } from '../render.tsx';
import { PORTAL_COMMUNE_ID, page, queryOf, str } from './common.ts';
import { YearMonthForm } from '../period-form.tsx';

const pct = (x: number | null) => (x === null ? 'Chưa có dữ liệu' : `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')} %`);

function Commune({ r }: { r: Ranked }) {
  return (
    <li>
      <h3>{r.rank}. {r.name}</h3>
      <dl class="summary-list">
        <div class="summary-list__row"><dt>Điểm Bộ chỉ số 766</dt><dd><strong>{r.score.toLocaleString('vi-VN')}</strong> / {r.computedMax} điểm tính được</dd></div>
        <div class="summary-list__row"><dt>Hồ sơ giải quyết đúng hạn</dt><dd>{pct(r.onTime)}</dd></div>
        <div class="summary-list__row"><dt>Hồ sơ nộp trực tuyến</dt><dd>{pct(r.onlineShare)} <span class="muted">({r.received} hồ sơ tiếp nhận)</span></dd></div>
        <div class="summary-list__row"><dt>Người dân hài lòng</dt><dd>{pct(r.satisfaction)}{r.ratings ? <span class="muted"> ({r.ratings} phiếu đánh giá)</span> : null}</dd></div>
      </dl>
    </li>
  );
}

export async function provincePublicPages(app: App, deps: Deps) {
  app.get('/tinh', page, async (req, reply) => {
    const q = queryOf(req);
    const spec = provinceSpecFromQuery(str(q.nam), str(q.thang), deps.now());
    if (!spec) return reply.redirect('/tinh', 303);
    const f = await publicProvinceFigures(deps.readDb, null, PORTAL_COMMUNE_ID, spec, deps.now());
    const name = periodName(spec);
    const json = `/api/v1/province/public?year=${spec.year}${spec.month ? `&month=${spec.month}` : ''}`;
    return sendPage(reply, (
      <Layout title="So sánh kết quả phục vụ của các xã trong tỉnh">
        <h1>Kết quả phục vụ của các xã{f ? `, tỉnh ${f.province}` : ''}</h1>
        <p>Số liệu {name}, tính tự động từ hồ sơ trên hệ thống. Các xã xếp theo tổng điểm Bộ chỉ số đánh giá chất lượng phục vụ
          người dân, doanh nghiệp (Quyết định 766/QĐ-TTg); bằng điểm thì theo tên xã. Không có thông tin cá nhân.</p>
        <YearMonthForm spec={spec} action="/tinh" />
        {!f ? <p>Chưa có số liệu của các xã.</p> : (
          <>
            <h2>{f.rows.length} xã, {name}</h2>
            <ol class="results" role="list">{f.rows.map((r) => <Commune r={r} />)}</ol>
          </>
        )}
        <p class="muted">Số liệu dạng máy đọc: <a href={json}>so sánh các xã (JSON)</a>. Số liệu chi tiết của xã: <a href={`/cong-khai?${specQuery(spec).replace('&thang=0', '')}`}>trang công khai của xã</a>.</p>
      </Layout>
    ));
  });
}
