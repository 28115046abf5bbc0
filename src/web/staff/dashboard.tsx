// /can-bo/bang-dieu-khien: the steering dashboard. The Decision 766 figures of the period with numerator and
// denominator (the same computation as the public page), the workload per unit and per officer, and the late and
// due-soon dossiers. Leaders, unit heads, CCHC coordinators and administrators see the whole commune; other officers
// see the figures of the commune and the workload of their own unit.
import type { App, Deps } from '../../http/deps.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { workCalendarFor } from '../../calendar/store.ts';
import { periodName, periodOf } from '../../indicators/core/periods.ts';
import { index766 } from '../../indicators/service.ts';
import { openDossiers, type OpenDossier } from '../../indicators/workload-store.ts';
import { LISTABLE, dossiersBehind, filterable } from '../../indicators/behind.ts';
import { digitisationRates } from '../../indicators/digitisation.ts';
import { DigitisationTables, NO_UNIT_PARAM, type LinkOf } from '../portal/public-digitisation.tsx';
import { index766At } from '../../indicators/core/index766-data.ts';
import { NO_UNIT } from '../../indicators/core/breakdown.ts';
import { unitNames } from '../../indicators/breakdown-store.ts';
import { procedureNames } from '../../indicators/store.ts';
import { stateName, type StateCode } from '../../dossiers/core/index.ts';
import type { IndexResult } from '../../indicators/core/score.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { Table } from '../fields.tsx';
import { specFrom } from '../portal/public-page.tsx';
import { staffOrLogin } from './guard.ts';
import { vnDate } from '../../calendar/core/vn-time.ts';
import { DueTag, dueLabel, q1, staffPage, type DueLabel } from './common.tsx';
import { satisfactionByOfficer } from '../../ratings/kiosk-store.ts';
import { SatisfactionByOfficer } from './satisfaction.tsx';
import { Downloads, bookFields } from './downloads.tsx';

const WHOLE_COMMUNE = ['leader', 'unit_head', 'cchc_coordinator', 'admin'] as const;
const seesCommune = (p: Principal) => p.roles.some((r) => (WHOLE_COMMUNE as readonly string[]).includes(r));
const pct = (x: number | null) => (x === null ? '—' : `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')} %`);

/** A dossier in a list: its code, or before receipt its reference (mã tra cứu), never the internal id. */
function DossierName({ d }: { d: { id: string; code: string | null; reference: string } }) {
  return (
    <>
      <a href={`/can-bo/ho-so/${d.id}`}>{d.code ?? d.reference}</a>
      {!d.code && <><br /><span class="muted">Mã tra cứu, chưa có mã hồ sơ</span></>}
    </>
  );
}

interface Load { key: string; name: string; open: number; late: number; dueSoon: number }

function tally(rows: { d: OpenDossier; label: DueLabel }[], keyOf: (d: OpenDossier) => [string, string]): Load[] {
  const m = new Map<string, Load>();
  for (const { d, label } of rows) {
    const [key, name] = keyOf(d);
    const l = m.get(key) ?? { key, name, open: 0, late: 0, dueSoon: 0 };
    l.open++;
    if (label === 'late') l.late++;
    if (label === 'due-soon') l.dueSoon++;
    m.set(key, l);
  }
  return [...m.values()].sort((a, b) => b.late - a.late || b.dueSoon - a.dueSoon || a.name.localeCompare(b.name, 'vi'));
}

function IndexTable({ index, query }: { index: IndexResult; query: string }) {
  return (
    <Table caption="Bộ chỉ số 766: tử số, mẫu số, tỷ lệ và điểm" head={['Chỉ số', 'Tử số / mẫu số', 'Tỷ lệ', 'Điểm']}>
      {index.groups.flatMap((g) => g.indicators).map((i) => (
        <tr>
          <td>{i.def.id}. {i.def.name}</td>
          <td>{i.status === 'unavailable' ? <span class="muted">{i.reason}</span>
            : i.status === 'no_data' ? 'Không có hồ sơ'
            : LISTABLE.includes(i.def.id) ? (
              <>
                <a href={`/can-bo/chi-so/ho-so?chi_so=${encodeURIComponent(i.def.id)}&phan=tu&${query}`}>{i.numerator}<span class="visually-hidden"> hồ sơ ở tử số chỉ số {i.def.id}</span></a>
                {' / '}
                <a href={`/can-bo/chi-so/ho-so?chi_so=${encodeURIComponent(i.def.id)}&phan=mau&${query}`}>{i.denominator}<span class="visually-hidden"> hồ sơ ở mẫu số chỉ số {i.def.id}</span></a>
              </>
            ) : `${i.numerator} / ${i.denominator}`}</td>
          <td>{pct(i.rate)}</td>
          <td>{i.score === null ? '—' : `${i.score.toLocaleString('vi-VN')} / ${i.def.maxPoints}`}</td>
        </tr>
      ))}
    </Table>
  );
}

function LoadTable({ caption, first, rows }: { caption: string; first: string; rows: Load[] }) {
  return (
    <Table caption={caption} head={[first, 'Đang giải quyết', 'Quá hạn', 'Sắp đến hạn']}>
      {rows.map((r) => <tr class={r.late ? 'late' : r.dueSoon ? 'due-soon' : undefined}><td>{r.name}</td><td>{r.open}</td><td>{r.late}</td><td>{r.dueSoon}</td></tr>)}
    </Table>
  );
}

/** The dossiers behind a count of the digitisation section (a procedure's or a unit's, or the whole commune's). */
const behindLink = (query: string): LinkOf => (indicator, part, row) => {
  const filter = row.by === 'procedure' ? `&thu_tuc=${encodeURIComponent(row.key)}`
    : row.by === 'unit' ? `&don_vi=${row.key ? encodeURIComponent(row.key) : NO_UNIT_PARAM}` : '';
  return `/can-bo/chi-so/ho-so?chi_so=${indicator}&phan=${part}&${query}${filter}`;
};

/** The list's narrowing to one procedure or unit (?thu_tuc=, ?don_vi=), undefined when the query has none. */
function behindFilter(procedure: string, unit: string) {
  if (!procedure && !unit) return undefined;
  return { procedureCode: procedure || undefined, unitCode: unit === NO_UNIT_PARAM ? null : unit || undefined };
}

export async function dashboardPages(app: App, deps: Deps) {
  app.get('/can-bo/bang-dieu-khien', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    // Default: the current month; ?thang=0 (or "cả năm" in the form) for the whole year.
    const month = q1(req, 'thang') === '' ? String(Number(vnDate(deps.now()).slice(5, 7))) : q1(req, 'thang') === '0' ? '' : q1(req, 'thang');
    const spec = specFrom({ nam: q1(req, 'nam'), thang: month }, deps.now());
    if (!spec) return reply.redirect('/can-bo/bang-dieu-khien', 303);
    const now = deps.now();
    const period = periodOf(spec);
    // Side by side: the officers' satisfaction is the longest read of a year (130 ms at 10M dossiers,
    // docs/benchmarks-province.md), the index's reads together about as long.
    const [r, rates, open, cal, officers, fields] = await Promise.all([
      index766(deps.db, { communeId: p.communeId }, period, { now }),
      digitisationRates(deps.db, { communeId: p.communeId }, period),
      openDossiers(deps.db, p.communeId, seesCommune(p) ? undefined : p.unitId),
      workCalendarFor(deps.db, p.communeId),
      satisfactionByOfficer(deps.db, p.communeId, period.start, period.end),
      bookFields(deps.db),
    ]);
    const labelled = open.map((d) => ({ d, label: dueLabel(d.state, d.due_at, now, cal) }));
    const urgent = labelled.filter((x) => x.label === 'late' || x.label === 'due-soon');
    const query = `nam=${spec.year}${spec.month ? `&thang=${spec.month}` : ''}`;
    return staffPage(reply, p, 'Bảng điều khiển', () => (
      <>
        <h1>Bảng điều khiển</h1>
        <p>Số liệu {periodName(spec)}, tính từ hồ sơ trên hệ thống. Tổng điểm chỉ số 766: <strong>{r.index.score.toLocaleString('vi-VN')}</strong> trên {r.index.computedMax} điểm tính được. <a href={`/cong-khai?${query}`}>Trang công khai</a>.</p>
        <Downloads spec={spec} fields={fields} />
        <h2>Hồ sơ quá hạn và sắp đến hạn ({urgent.length})</h2>
        {urgent.length === 0 ? <p>Không có hồ sơ quá hạn hay sắp đến hạn.</p> : (
          <Table caption="Hồ sơ quá hạn và sắp đến hạn" head={['Mã hồ sơ', 'Thủ tục', 'Đang ở', 'Hạn trả kết quả']}>
            {urgent.slice(0, 200).map(({ d, label }) => (
              <tr class={label ?? undefined}>
                <td><DossierName d={d} /></td>
                <td>{d.procedure_name}</td>
                <td>{d.unit_name ?? '—'}{d.assignee_name ? ` (${d.assignee_name})` : ''}</td>
                <td>{fmtDateTime(d.due_at)} <DueTag label={label} /></td>
              </tr>
            ))}
          </Table>
        )}
        <h2>Theo đơn vị</h2>
        <LoadTable caption="Hồ sơ đang giải quyết theo đơn vị" first="Đơn vị" rows={tally(labelled, (d) => [d.unit_code ?? '', d.unit_name ?? 'Chưa chuyển đơn vị'])} />
        <h2>Theo cán bộ</h2>
        <LoadTable caption="Hồ sơ đang giải quyết theo cán bộ được giao" first="Cán bộ" rows={tally(labelled, (d) => [String(d.assignee_id ?? ''), d.assignee_name ?? 'Chưa giao cán bộ'])} />
        <h2>Bộ chỉ số 766, {periodName(spec)}</h2>
        <IndexTable index={r.index} query={query} />
        <h2>Số hóa và tái sử dụng dữ liệu, {periodName(spec)}</h2>
        <DigitisationTables rates={rates} period={periodName(spec)} link={behindLink(query)} />
        <SatisfactionByOfficer rows={officers} period={periodName(spec)} />
      </>
    ));
  });

  // The dossiers behind a figure (numerator or denominator), as this officer may see them.
  app.get('/can-bo/chi-so/ho-so', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const id = q1(req, 'chi_so');
    const part = q1(req, 'phan') === 'mau' ? 'denominator' : 'numerator';
    const spec = specFrom({ nam: q1(req, 'nam'), thang: q1(req, 'thang') }, deps.now());
    const def = index766At(vnDate(deps.now())).indicators.find((d) => d.id === id);
    const filter = behindFilter(q1(req, 'thu_tuc'), q1(req, 'don_vi'));
    if (!spec || !def || !LISTABLE.includes(id) || (filter && !filterable(id))) return reply.redirect('/can-bo/bang-dieu-khien', 303);
    const rows = await dossiersBehind(deps.db, p, id, part, periodOf(spec), filter);
    const narrowed = !filter ? '' : filter.procedureCode
      ? `, thủ tục ${(await procedureNames(deps.db)).get(filter.procedureCode)?.name ?? filter.procedureCode}`
      : `, ${filter.unitCode ? (await unitNames(deps.db, p.communeId)).get(filter.unitCode) ?? filter.unitCode : NO_UNIT.toLowerCase()}`;
    const title = `Chỉ số ${def.id}: hồ sơ ở ${part === 'numerator' ? 'tử số' : 'mẫu số'}${narrowed}`;
    return staffPage(reply, p, title, () => (
      <>
        <h1>{title}</h1>
        <p>{def.name}, {periodName(spec)}: {rows.length} hồ sơ{rows.length >= 500 ? ' (hiển thị 500 hồ sơ đầu)' : ''} trong phạm vi bạn được xem.</p>
        <Table caption={title} head={['Mã hồ sơ', 'Thủ tục', 'Trạng thái', 'Tiếp nhận', 'Kết thúc']}>
          {rows.map((d) => (
            <tr>
              <td><DossierName d={d} /></td>
              <td>{d.procedure_name}</td>
              <td>{stateName(d.state as StateCode)}</td>
              <td>{fmtDateTime(d.received_at)}</td>
              <td>{fmtDateTime(d.finished_at) || '—'}</td>
            </tr>
          ))}
        </Table>
      </>
    ), { back: { href: `/can-bo/bang-dieu-khien?nam=${spec.year}${spec.month ? `&thang=${spec.month}` : '&thang=0'}`, label: 'Bảng điều khiển' } });
  });
}
