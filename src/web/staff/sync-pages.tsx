// The national-portal sync screen (/can-bo/quan-tri/dong-bo), for the commune's administrator (403 for other staff):
// how many dossiers wait to be sent, failed (with the portal's answer) and are synced; the list per dossier, filtered
// by sync status, 50 a page; "Gửi lại" for a failed dossier (recorded in the admin audit trail); the latest
// reconciliation with the portal and its differences, and "Đối soát ngay". The API twin is /api/v1/sync/….
import type { App, Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import type { DossierSyncStatus } from '../../sync/tables.ts';
import {
  lastReconciliation, reconcileForAdmin, resend, SYNC_STATUS_NAMES, SYNC_STATUSES, syncOverview, type ReconciliationView, type SyncItem,
} from '../../sync/service.ts';
import { fmtDate, fmtDateTime } from '../../shared/format.ts';
import { Button, CsrfField } from '../components.tsx';
import { Table } from '../fields.tsx';
import { ADMIN_BACK, adminOrLogin, Notice, q1, staffPage, UUID } from './common.tsx';

export const SYNC_PAGE = '/can-bo/quan-tri/dong-bo';
const PER_PAGE = 50;

const TAG: Record<DossierSyncStatus, string> = { pending: 'tag tag--yellow', failed: 'tag tag--red', done: 'tag tag--green' };
const DONE_NOTICES: Record<string, string> = {
  'gui-lai': 'Đã đưa hồ sơ về hàng chờ gửi. Hệ thống sẽ gửi lại lên Cổng trong ít phút.',
  'doi-soat': 'Đã đối soát xong. Kết quả ở cuối trang.',
};

function Row({ i, csrf }: { i: SyncItem; csrf: string }) {
  return (
    <tr>
      <td><a href={`/can-bo/ho-so/${i.dossierId}`}>{i.code ?? '—'}</a></td>
      <td>{i.procedureName ?? i.procedureCode}</td>
      <td>{i.stateName}</td>
      <td><span class={TAG[i.status]}>{SYNC_STATUS_NAMES[i.status]}</span></td>
      <td>{i.acknowledged}/{i.messages}{i.lastDeliveredAt ? <><br /><span class="hint">Cổng nhận lúc {fmtDateTime(i.lastDeliveredAt)}</span></> : null}</td>
      <td>{i.attempts ?? '—'}</td>
      <td>{i.status === 'failed' && i.portalAnswer ? i.portalAnswer.message : '—'}</td>
      <td>{i.status === 'failed' ? (
        <form method="post" action={`${SYNC_PAGE}/${i.dossierId}/gui-lai`}>
          <CsrfField token={csrf} />
          <Button variant="secondary">Gửi lại</Button>
        </form>
      ) : null}</td>
    </tr>
  );
}

function Reconciliation({ r, csrf }: { r: ReconciliationView | null; csrf: string }) {
  return (
    <section aria-labelledby="doi-soat">
      <h2 id="doi-soat">Đối soát số liệu với Cổng</h2>
      <p>Hằng ngày, hệ thống so số hồ sơ của xã theo ngày tiếp nhận và trạng thái trong {31} ngày gần nhất với số liệu trên Cổng
        Dịch vụ công quốc gia. Hồ sơ chưa đồng bộ làm giảm chỉ tiêu "Hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia".</p>
      {!r ? <p>Chưa đối soát lần nào.</p> : (
        <>
          <p id="reconciliation-summary">Lần gần nhất: {fmtDateTime(r.ranAt)} ({r.kind === 'daily' ? 'tự động hằng ngày' : 'theo yêu cầu'}), từ ngày {fmtDate(r.from)} đến
            ngày {fmtDate(r.to)}.{' '}
            {r.failed ? <strong>Không lấy được số liệu từ Cổng; hệ thống sẽ thử lại.</strong>
              : r.status === 'running' ? 'Đang đối soát.'
              : <>Xã có <strong>{r.ours}</strong> hồ sơ, Cổng có <strong>{r.portal}</strong> hồ sơ; {r.differences.length ? <strong>{r.differences.length} chỗ chênh lệch</strong> : 'khớp hoàn toàn'}.</>}
          </p>
          {r.differences.length > 0 && (
            <Table caption="Chênh lệch giữa số liệu của xã và của Cổng" head={['Ngày tiếp nhận', 'Trạng thái', 'Số hồ sơ của xã', 'Số hồ sơ trên Cổng']}>
              {r.differences.map((d) => <tr><td>{fmtDate(d.day)}</td><td>{d.statusName}</td><td>{d.ours}</td><td>{d.portal}</td></tr>)}
            </Table>
          )}
        </>
      )}
      <form method="post" action={`${SYNC_PAGE}/doi-soat`}>
        <CsrfField token={csrf} />
        <Button>Đối soát ngay</Button>
      </form>
    </section>
  );
}

export async function syncPages(app: App, deps: Deps): Promise<void> {
  app.get(SYNC_PAGE, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply);
    if (!p) return reply;
    const raw = q1(req, 'trang-thai');
    const status = (SYNC_STATUSES as string[]).includes(raw) ? (raw as DossierSyncStatus) : undefined;
    const [o, r] = await Promise.all([
      syncOverview(deps.db, p, { ...(status ? { status } : {}), limit: PER_PAGE, cursor: q1(req, 'sau') || undefined }),
      lastReconciliation(deps.db, p),
    ]);
    const done = DONE_NOTICES[q1(req, 'xong')];
    const link = (s?: DossierSyncStatus) => (s ? `${SYNC_PAGE}?trang-thai=${s}` : SYNC_PAGE);
    return staffPage(reply, p, 'Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia', (csrf) => (
      <>
        <h1>Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia</h1>
        {done && <Notice>{done}</Notice>}
        <p>Mỗi thay đổi của hồ sơ được gửi lên Cổng theo đúng thứ tự. Khi Cổng tạm ngừng, hệ thống tự gửi lại sau; hồ sơ bị Cổng từ chối
          hiện ở mục "Gửi lỗi" kèm lý do Cổng trả lời. Sau khi khắc phục, bấm "Gửi lại".</p>
        <ul class="plain" id="sync-counts">
          {SYNC_STATUSES.map((s) => <li><a href={link(s)}>{SYNC_STATUS_NAMES[s]}</a>: <strong>{o.counts[s]}</strong> hồ sơ</li>)}
        </ul>
        <p>Đang xem: {status ? SYNC_STATUS_NAMES[status] : 'tất cả hồ sơ'}{status ? <> · <a href={SYNC_PAGE}>Xem tất cả</a></> : null}</p>
        {o.items.length === 0 ? <p>Không có hồ sơ nào.</p> : (
          <Table caption="Hồ sơ đồng bộ lên Cổng" head={['Mã hồ sơ', 'Thủ tục', 'Trạng thái hồ sơ', 'Đồng bộ', 'Thông điệp Cổng đã nhận', 'Số lần gửi', 'Trả lời của Cổng', '']}>
            {o.items.map((i) => <Row i={i} csrf={csrf} />)}
          </Table>
        )}
        {o.nextCursor && <p><a href={`${link(status)}${status ? '&' : '?'}sau=${o.nextCursor}`} rel="next">Trang sau</a></p>}
        <Reconciliation r={r} csrf={csrf} />
      </>
    ), { back: ADMIN_BACK });
  });

  app.post(`${SYNC_PAGE}/:id/gui-lai`, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply, SYNC_PAGE);
    if (!p) return reply;
    const id = (req.params as { id: string }).id;
    if (!UUID.test(id)) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy hồ sơ.');
    await resend(deps.db, p, id, deps.now());
    return reply.redirect(`${SYNC_PAGE}?trang-thai=pending&xong=gui-lai`, 303);
  });

  app.post(`${SYNC_PAGE}/doi-soat`, { schema: { hide: true } }, async (req, reply) => {
    const p = adminOrLogin(req, reply, SYNC_PAGE);
    if (!p) return reply;
    await reconcileForAdmin(deps.db, deps.outside.portal, p, deps.now());
    return reply.redirect(`${SYNC_PAGE}?xong=doi-soat#doi-soat`, 303);
  });
}
