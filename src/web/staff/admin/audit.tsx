// The admin audit trail (/can-bo/quan-tri/nhat-ky): every administrative change the reader's commune sees (its own,
// its province's, the shared catalogue and national calendar), newest first, with who made it as they were named
// then and what changed (before → after; passwords and keys never), 100 a page; the whole trail as a CSV file.
import type { App, Deps } from '../../../http/deps.ts';
import { auditPage } from '../../../audit/export.ts';
import { ADMIN_BACK, q1, staffPage } from '../common.tsx';
import { Table } from '../../fields.tsx';
import { ADMIN_ROLES, rolePageOrLogin } from './guard.ts';

export const AUDIT_PAGE = '/can-bo/quan-tri/nhat-ky';
const PER_PAGE = 100;

export async function auditPages(app: App, deps: Deps) {
  app.get(AUDIT_PAGE, { schema: { hide: true } }, async (req, reply) => {
    const p = rolePageOrLogin(req, reply, ADMIN_ROLES);
    if (!p) return reply;
    const raw = q1(req, 'truoc');
    const before = /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
    const lines = await auditPage(deps.db, p.communeId, { limit: PER_PAGE, before });
    const last = lines.length === PER_PAGE ? lines.at(-1) : undefined;
    return staffPage(reply, p, 'Nhật ký quản trị', () => (
      <>
        <h1>Nhật ký quản trị</h1>
        <p>Mọi thay đổi về cán bộ, vai trò, mật khẩu, xác thực hai lớp, đơn vị, số điện thoại, giờ làm việc, khóa API, danh mục thủ tục
          và lịch làm việc của xã, của tỉnh và dữ liệu dùng chung; mới nhất trước. Nhật ký chỉ được ghi thêm, không sửa, không xóa được.
          Mật khẩu và khóa không bao giờ được ghi.</p>
        <p><a class="button button--secondary" href="/api/v1/admin-audit/export" download>Tải toàn bộ nhật ký (tệp CSV)</a></p>
        {lines.length === 0 ? <p>Chưa có thay đổi nào.</p> : (
          <Table caption="Nhật ký quản trị" head={['Số', 'Thời gian', 'Người thực hiện', 'Thao tác', 'Đối tượng', 'Phạm vi', 'Thay đổi (trước → sau)']}>
            {lines.map((l) => (
              <tr>
                <td>{l.id}</td><td>{l.atText}</td><td>{l.actor}</td><td>{l.action}</td><td>{l.object}</td><td>{l.scope}</td>
                <td>{l.changes.length ? <ul class="plain">{l.changes.map((c) => <li>{c}</li>)}</ul> : '—'}</td>
              </tr>
            ))}
          </Table>
        )}
        {last && <p><a href={`${AUDIT_PAGE}?truoc=${last.id}`} rel="next">Trang sau</a></p>}
      </>
    ), { back: ADMIN_BACK });
  });
}
