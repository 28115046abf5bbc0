// The province's pages for staff (issue 16): /can-bo/tinh compares every commune of the caller's province (the
// Decision 766 index and its six groups, the plan's 2030 targets met, dossiers late now, on-time, online and
// satisfaction rates), ranked by the total index, with the province's average and a column sort by links (no
// script); /can-bo/tinh/xa/:communeId lists a commune's late dossiers without any applicant data. For the province's
// administrator and follow-up officers (province_admin, province_viewer); other staff get 403, anonymous visitors
// the login page. Read through deps.readDb. The commune onboarding page is registered from here (admin/communes.tsx).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { notFound } from '../../http/problem.ts';
import { hasRole, type Principal } from '../../identity/core/principal.ts';
import { periodName, type PeriodSpec } from '../../indicators/core/periods.ts';
import { PLAN_TARGETS } from '../../indicators/core/targets.ts';
import { stateName, type StateCode } from '../../dossiers/core/index.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { cachedProvinceFigures, mayViewProvince, provinceForbidden } from '../../province/access.ts';
import { callerProvince, type ProvinceFigures } from '../../province/service.ts';
import { communesOf, lateDossiers, provinceOf } from '../../province/store.ts';
import { isSortKey, sortRows, type Ranked, type SortKey } from '../../province/core/ranking.ts';
import { provinceSpecFromQuery, specQuery } from '../../province/core/period.ts';
import { q1, staffPage } from './common.tsx';
import { staffOrLogin } from './guard.ts';
import { COMMUNES_PAGE, communeAdminPages } from './admin/communes.tsx';
import { YearMonthForm } from '../period-form.tsx';

export const PROVINCE_PAGE = '/can-bo/tinh';
const LATE_PAGE_SIZE = 50;

const pct = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')} %`);
const num = (x: number | null, places = 2) => (x === null ? '—' : (Math.round(x * 10 ** places) / 10 ** places).toLocaleString('vi-VN'));

/** The province's staff member behind a page request (null: sent to the login page); 403 for other staff. */
export function provinceStaffOrLogin(req: FastifyRequest, reply: FastifyReply): Principal | null {
  const p = staffOrLogin(req, reply);
  if (p && !mayViewProvince(p)) throw provinceForbidden();
  return p;
}

interface Column { key: SortKey; label: string }

/** A column heading that sorts the table by it (again: the other way round), with aria-sort on the current one. */
function SortHead({ c, spec, sort, reverse }: { c: Column; spec: PeriodSpec; sort: SortKey; reverse: boolean }) {
  const current = c.key === sort;
  const href = `${PROVINCE_PAGE}?${specQuery(spec)}&sap_xep=${c.key}${current && !reverse ? '&nguoc=1' : ''}`;
  return (
    <th scope="col" aria-sort={current ? (reverse ? 'ascending' : 'descending') : undefined}>
      <a href={href}>{c.label}<span class="visually-hidden">, sắp xếp theo cột này{current ? (reverse ? ' (đang xếp ngược)' : ' (đang xếp)') : ''}</span></a>
    </th>
  );
}

function ComparisonTable({ f, spec, sort, reverse }: { f: ProvinceFigures; spec: PeriodSpec; sort: SortKey; reverse: boolean }) {
  const columns: Column[] = [
    { key: 'hang', label: 'Hạng' }, { key: 'ten', label: 'Xã' }, { key: 'diem', label: 'Tổng điểm 766' },
    ...f.groups.map((g) => ({ key: `nhom-${g.id}` as SortKey, label: `${g.name} (${g.maxPoints})` })),
    { key: 'chi-tieu', label: 'Chỉ tiêu 2030 đạt' }, { key: 'qua-han', label: 'Hồ sơ quá hạn hiện nay' },
    { key: 'tiep-nhan', label: 'Hồ sơ tiếp nhận' }, { key: 'dung-han', label: 'Đúng hạn' }, { key: 'truc-tuyen', label: 'Nộp trực tuyến' },
    { key: 'hai-long', label: 'Hài lòng' },
  ];
  const q = specQuery(spec);
  const a = f.average;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label="So sánh các xã">
      <table>
        <caption class="visually-hidden">So sánh các xã trong tỉnh, {periodName(spec)}</caption>
        <thead><tr>{columns.map((c) => <SortHead c={c} spec={spec} sort={sort} reverse={reverse} />)}</tr></thead>
        <tbody>
          {sortRows(f.rows, sort, reverse).map((r: Ranked) => (
            <tr>
              <td>{r.rank}</td>
              <th scope="row"><a href={`${PROVINCE_PAGE}/xa/${encodeURIComponent(r.communeId)}?${q}`}>{r.name}</a></th>
              <td><strong>{num(r.score)}</strong> / {r.computedMax}</td>
              {r.groups.map((g) => <td>{num(g.score)} / {g.computedMax}</td>)}
              <td>{r.targetsMeasured ? `${r.targetsMet} / ${r.targetsMeasured}` : '—'}</td>
              <td>{r.lateNow ? <a href={`${PROVINCE_PAGE}/xa/${encodeURIComponent(r.communeId)}?${q}`}>{r.lateNow}<span class="visually-hidden"> hồ sơ quá hạn của {r.name}</span></a> : 0}</td>
              <td>{r.received}</td>
              <td>{pct(r.onTime)}</td>
              <td>{pct(r.onlineShare)}</td>
              <td>{pct(r.satisfaction)}{r.ratings ? <span class="muted"> ({r.ratings} phiếu)</span> : null}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td></td>
            <th scope="row">Trung bình tỉnh ({a.communes} xã)</th>
            <td><strong>{num(a.score)}</strong></td>
            {a.groups.map((g) => <td>{num(g.score)}</td>)}
            <td>{a.targetsMet === null ? '—' : `${num(a.targetsMet, 1)} / ${num(a.targetsMeasured, 1)}`}</td>
            <td>{num(a.lateNow, 1)}</td>
            <td>{num(a.received, 1)}</td>
            <td>{pct(a.onTime)}</td>
            <td>{pct(a.onlineShare)}</td>
            <td>{pct(a.satisfaction)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Each measurable target of the plan: how many communes met it, did not, or had nothing to measure. */
function TargetsTable({ f }: { f: ProvinceFigures }) {
  const rows = PLAN_TARGETS.filter((t) => t.measure !== null).map((t) => {
    const statuses = f.rows.map((r) => f.targets.get(r.communeId)?.find((s) => s.target.id === t.id));
    return { t, met: statuses.filter((s) => s?.met === true).length, unmet: statuses.filter((s) => s?.met === false).length, none: statuses.filter((s) => !s || s.met === null).length };
  });
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label="Chỉ tiêu kế hoạch 2030 theo xã">
      <table>
        <caption class="visually-hidden">Số xã đạt từng chỉ tiêu kế hoạch cải cách hành chính 2030</caption>
        <thead><tr><th scope="col">Chỉ tiêu</th><th scope="col">Mức năm 2030</th><th scope="col">Số xã đạt</th><th scope="col">Số xã chưa đạt</th><th scope="col">Chưa có số liệu</th></tr></thead>
        <tbody>
          {rows.map(({ t, met, unmet, none }) => (
            <tr class={unmet ? 'late' : undefined}><td>{t.text}</td><td>{pct(t.target)}</td><td>{met}</td><td>{unmet}</td><td>{none}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function provincePages(app: App, deps: Deps) {
  app.get(PROVINCE_PAGE, { schema: { hide: true } }, async (req, reply) => {
    const p = provinceStaffOrLogin(req, reply);
    if (!p) return reply;
    const spec = provinceSpecFromQuery(q1(req, 'nam'), q1(req, 'thang'), deps.now());
    const asked = q1(req, 'sap_xep');
    if (!spec || (asked && !isSortKey(asked))) return reply.redirect(PROVINCE_PAGE, 303);
    const sort: SortKey = asked && isSortKey(asked) ? asked : 'hang';
    const reverse = q1(req, 'nguoc') === '1';
    const province = await callerProvince(deps.readDb, p.communeId);
    if (!province) throw notFound('xã của bạn');
    const f = await cachedProvinceFigures(deps.readDb, province, spec, deps.now());
    const name = periodName(spec);
    return staffPage(reply, p, `Chỉ số các xã, tỉnh ${province}`, () => (
      <>
        <h1>Chỉ số các xã, tỉnh {province}</h1>
        <p>{f.rows.length} xã, số liệu {name}, tính từ hồ sơ trên hệ thống. Xếp hạng theo tổng điểm Bộ chỉ số 766 (bằng điểm thì
          theo tên xã); bấm tên cột để sắp xếp theo cột đó. Số liệu tính lúc {fmtDateTime(f.computedAt)} (trong {f.tookMs.toLocaleString('vi-VN')} ms), cập nhật mỗi phút; hồ sơ quá hạn tính tại thời điểm đó.</p>
        {hasRole(p, 'province_admin') && <p><a href={COMMUNES_PAGE}>Các xã trong tỉnh: thêm xã, đơn vị, cán bộ</a></p>}
        <YearMonthForm spec={spec} action={PROVINCE_PAGE} keep={{ sap_xep: asked }} />
        <h2>So sánh các xã, {name}</h2>
        <ComparisonTable f={f} spec={spec} sort={sort} reverse={reverse} />
        <h2>Chỉ tiêu Kế hoạch cải cách hành chính 2026–2030, {name}</h2>
        <TargetsTable f={f} />
        <p class="muted">Công khai cho người dân: <a href={`/tinh?${specQuery(spec)}`}>trang so sánh các xã</a>. Dạng máy đọc: <a
          href={`/api/v1/province/indicators?year=${spec.year}${spec.month ? `&month=${spec.month}` : ''}`}>chỉ số các xã (JSON)</a>.</p>
      </>
    ));
  });

  // A commune's late dossiers: code, procedure, state, unit and due time only, never the applicant.
  app.get(`${PROVINCE_PAGE}/xa/:communeId`, { schema: { hide: true } }, async (req, reply) => {
    const p = provinceStaffOrLogin(req, reply);
    if (!p) return reply;
    const communeId = (req.params as { communeId: string }).communeId;
    const [mine, theirs] = await Promise.all([callerProvince(deps.readDb, p.communeId), /^[a-z0-9-]{1,60}$/.test(communeId) ? provinceOf(deps.readDb, communeId) : undefined]);
    if (!mine || theirs !== mine) throw notFound('xã trong tỉnh của bạn');
    const spec = provinceSpecFromQuery(q1(req, 'nam'), q1(req, 'thang'), deps.now());
    const back = { href: `${PROVINCE_PAGE}${spec ? `?${specQuery(spec)}` : ''}`, label: 'Chỉ số các xã' };
    const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([0-9a-f-]{36})$/.exec(q1(req, 'sau'));
    const after = m ? { dueAt: new Date(m[1]!), id: m[2]! } : undefined;
    const now = deps.now();
    const rows = await lateDossiers(deps.readDb, communeId, now, LATE_PAGE_SIZE + 1, after);
    const more = rows.length > LATE_PAGE_SIZE;
    const shown = rows.slice(0, LATE_PAGE_SIZE);
    const last = shown[shown.length - 1];
    const communeName = (await communesOf(deps.readDb, mine)).find((c) => c.id === communeId)?.name ?? communeId;
    const title = `Hồ sơ quá hạn: ${communeName}`;
    return staffPage(reply, p, title, () => (
      <>
        <h1>{title}</h1>
        <p>Hồ sơ đang giải quyết đã quá hạn trả kết quả tại thời điểm {fmtDateTime(now)}, quá hạn lâu nhất trước{after ? ' (trang tiếp)' : ''}.
          Không hiển thị thông tin của người nộp hồ sơ.</p>
        {shown.length === 0 ? <p>Không có hồ sơ quá hạn.</p> : (
          <div class="table-wrap" tabindex={0} role="region" aria-label={title}>
            <table>
              <caption class="visually-hidden">{title}</caption>
              <thead><tr><th scope="col">Mã hồ sơ</th><th scope="col">Thủ tục</th><th scope="col">Trạng thái</th><th scope="col">Đơn vị đang xử lý</th><th scope="col">Hạn trả kết quả</th></tr></thead>
              <tbody>
                {shown.map((d) => (
                  <tr class="late">
                    <td>{d.code ?? d.reference}</td>
                    <td>{d.procedure_name}</td>
                    <td>{stateName(d.state as StateCode)}</td>
                    <td>{d.unit_name ?? 'Chưa chuyển đơn vị'}</td>
                    <td>{fmtDateTime(d.due_at)} <strong class="tag tag--red">Quá hạn</strong></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {more && last && (
          <p><a href={`${PROVINCE_PAGE}/xa/${encodeURIComponent(communeId)}?${spec ? `${specQuery(spec)}&` : ''}sau=${encodeURIComponent(`${new Date(last.due_at!).toISOString()}~${last.id}`)}`}>Xem tiếp {LATE_PAGE_SIZE} hồ sơ</a></p>
        )}
      </>
    ), { back });
  });

  await communeAdminPages(app, deps);
}
