// The administrator's log of lookups in the national databases (/can-bo/quan-tri/tra-cuu-dan-cu): who, when, which
// dossier, purpose, registry, outcome and the masked subject with the name; filtered by days and officer, newest
// first, keyset-paginated, downloadable as CSV (?dinh-dang=csv: the filtered rows, up to 5,000). TT 117/2026/TT-BCA:
// every lookup of population data is recorded and audited.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { caseOf, logCsv, outcomeLabel, registryLabel, who, type LogLine } from '../../registries/core/log.ts';
import { lookupLogPage } from '../../registries/service.ts';
import { lookingStaff } from '../../registries/store.ts';
import { Button, ErrorSummary, Select, TextField, type FieldError } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import { ADMIN_BACK, adminOrLogin, q1, staffPage } from './common.tsx';

const PATH = '/can-bo/quan-tri/tra-cuu-dan-cu';
type Filter = { from: string; to: string; staffId: string };

function LogPage(p: { f: Filter; rows: LogLine[]; next: string | null; staff: { id: number; full_name: string }[]; errors: FieldError[] }) {
  const qs = (extra: Record<string, string>) => new URLSearchParams(Object.entries({ tu: p.f.from, den: p.f.to, can_bo: p.f.staffId, ...extra }).filter(([, v]) => v)).toString();
  return (
    <>
      <ErrorSummary errors={p.errors} />
      <h1>Nhật ký tra cứu dữ liệu dân cư, hộ tịch</h1>
      <p>Mỗi lần cán bộ tra cứu Cơ sở dữ liệu quốc gia về dân cư hoặc kiểm tra hộ tịch, và mỗi lần công dân tự điền tờ khai từ dữ liệu dân cư của mình, được ghi lại ở đây (Thông tư 117/2026/TT-BCA). Số định danh chỉ hiện 4 số cuối.</p>
      <form method="get" action={PATH}>
        <TextField name="tu" label="Từ ngày" type="date" value={p.f.from} width="short" />
        <TextField name="den" label="Đến ngày" type="date" value={p.f.to} width="short" />
        <Select name="can_bo" label="Cán bộ" value={p.f.staffId} options={[{ value: '', label: 'Tất cả' }, ...p.staff.map((s) => ({ value: String(s.id), label: s.full_name }))]} />
        <Button variant="secondary">Lọc</Button>
      </form>
      <p><a href={`${PATH}?${qs({ 'dinh-dang': 'csv' })}`} download>Tải về tệp CSV</a></p>
      {p.rows.length === 0 ? <p>Không có lần tra cứu nào.</p> : (
        <div class="table-wrap"><table>
          <caption class="visually-hidden">Các lần tra cứu, mới nhất trước</caption>
          <thead><tr>
            <th scope="col">Thời điểm</th><th scope="col">Người tra cứu</th><th scope="col">Hồ sơ</th><th scope="col">Mục đích</th>
            <th scope="col">Cơ sở dữ liệu</th><th scope="col">Người được tra cứu</th><th scope="col">Kết quả</th>
          </tr></thead>
          <tbody>{p.rows.map((l) => (
            <tr>
              <td>{fmtDateTime(l.at)}</td><td>{who(l)}</td><td>{caseOf(l)}</td><td>{l.purpose}</td><td>{registryLabel(l.registry)}</td>
              <td>{l.subject_name ?? ''} <span class="muted">{l.subject_masked}</span></td><td>{outcomeLabel(l.outcome)}</td>
            </tr>
          ))}</tbody>
        </table></div>
      )}
      {p.next && <p><a href={`${PATH}?${qs({ sau: p.next })}`}>Trang sau</a></p>}
    </>
  );
}

const toLines = (rows: Awaited<ReturnType<typeof lookupLogPage>>['rows']): LogLine[] =>
  rows.map((r) => ({ ...r, id: Number(r.id), citizen_id: r.citizen_id === null ? null : Number(r.citizen_id) }));

async function show(deps: Deps, reply: FastifyReply, p: Principal, f: Filter, cursor: string, csv: boolean) {
  const staff = await lookingStaff(deps.db, p.communeId);
  try {
    const q = { ...(f.from ? { from: f.from } : {}), ...(f.to ? { to: f.to } : {}), ...(f.staffId ? { staffId: f.staffId } : {}) };
    if (csv) {
      const r = await lookupLogPage(deps.db, p, { ...q, limit: 500 });
      const all = toLines(r.rows);
      let next = r.nextCursor;
      while (next && all.length < 5000) {
        const more = await lookupLogPage(deps.db, p, { ...q, cursor: next, limit: 500 });
        all.push(...toLines(more.rows));
        next = more.nextCursor;
      }
      return reply.header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="nhat-ky-tra-cuu-dan-cu.csv"').send(logCsv(all, fmtDateTime));
    }
    const r = await lookupLogPage(deps.db, p, { ...q, ...(cursor ? { cursor } : {}) });
    return staffPage(reply, p, 'Nhật ký tra cứu dữ liệu dân cư, hộ tịch', () => <LogPage f={f} rows={toLines(r.rows)} next={r.nextCursor} staff={staff} errors={[]} />, { back: ADMIN_BACK });
  } catch (e) {
    if (!(e instanceof Problem) || e.status !== 400) throw e;
    return staffPage(reply, p, 'Nhật ký tra cứu dữ liệu dân cư, hộ tịch',
      () => <LogPage f={f} rows={[]} next={null} staff={staff} errors={[{ field: 'tu', message: e.title }]} />, { back: ADMIN_BACK, status: 400 });
  }
}

export async function registryLogPages(app: App, deps: Deps): Promise<void> {
  app.get(PATH, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply);
    if (!p) return reply;
    return show(deps, reply, p, { from: q1(req, 'tu'), to: q1(req, 'den'), staffId: q1(req, 'can_bo') }, q1(req, 'sau'), q1(req, 'dinh-dang') === 'csv');
  });
}
