// /can-bo/lien-xa: the one-stop desk's view of location-independent receipt (phi địa giới; domain.md §2.2): the paper on
// its way to this commune's desk (to be received by name), and the dossiers this centre received for other communes,
// whose progress it follows and whose result it may have to return.
import type { App, Deps } from '../../http/deps.ts';
import { hasRole } from '../../identity/core/principal.ts';
import { forbidden } from '../../http/problem.ts';
import { stateName, type StateCode } from '../../dossiers/core/index.ts';
import { communeNames, incomingPapers, receivedForOthers } from '../../dossiers/transfer-store.ts';
import { procedureNames } from '../../catalogue/store.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { StateTag } from '../components.tsx';
import { Table } from '../fields.tsx';
import { staffOrLogin } from './guard.ts';
import { staffPage } from './common.tsx';

const KIND: Record<string, string> = { originals: 'Hồ sơ giấy (bản chính)', result: 'Kết quả giải quyết (bản giấy)' };

export async function transferPages(app: App, deps: Deps) {
  app.get('/can-bo/lien-xa', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    if (!hasRole(p, 'receiving_officer', 'leader', 'cchc_coordinator', 'admin')) {
      throw forbidden('Trang này dành cho Bộ phận Một cửa và lãnh đạo xã.');
    }
    const [incoming, sent] = await Promise.all([incomingPapers(deps.db, p.communeId), receivedForOthers(deps.db, p.communeId)]);
    const [names, procedures] = await Promise.all([
      communeNames(deps.db, [...incoming.map((r) => r.from_commune_id), ...sent.map((r) => r.commune_id)]),
      procedureNames(deps.db, [...new Set([...incoming, ...sent].map((r) => r.procedure_code))]),
    ]);
    const commune = (id: string) => names.get(id) ?? id;
    return staffPage(reply, p, 'Hồ sơ liên xã', () => (
      <>
        <h1>Hồ sơ liên xã (tiếp nhận không phụ thuộc địa giới hành chính)</h1>
        <p class="hint">
          Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ của người dân không phụ thuộc nơi cư trú trong tỉnh, số hóa và chuyển
          đến xã có thẩm quyền giải quyết; kết quả trả tại nơi người nộp chọn. Mở từng hồ sơ để gửi, nhận hồ sơ giấy hoặc trả kết quả.
        </p>
        <h2>Hồ sơ giấy đang chuyển đến xã</h2>
        {incoming.length === 0 ? <p>Không có hồ sơ giấy nào đang chuyển đến.</p> : (
          <Table caption={`${incoming.length} bưu gửi chờ xác nhận đã nhận`} head={['Mã hồ sơ', 'Loại', 'Từ', 'Giấy tờ', 'Hình thức chuyển', 'Gửi lúc']}>
            {incoming.map((r) => (
              <tr>
                <td><a href={`/can-bo/ho-so/${r.dossier_id}`}>{r.code}</a><br /><span class="muted">{procedures.get(r.procedure_code) ?? r.procedure_code}</span></td>
                <td>{KIND[r.kind] ?? r.kind}</td>
                <td>{commune(r.from_commune_id)}</td>
                <td>{r.papers}</td>
                <td>{r.carrier}</td>
                <td>{fmtDateTime(r.sent_at)}</td>
              </tr>
            ))}
          </Table>
        )}
        <h2>Hồ sơ xã đã tiếp nhận, chuyển xã khác giải quyết</h2>
        {sent.length === 0 ? <p>Chưa có hồ sơ nào.</p> : (
          <Table caption={`${sent.length} hồ sơ, chưa xong trước`} head={['Mã hồ sơ', 'Thủ tục', 'Người nộp', 'Xã giải quyết', 'Trạng thái', 'Hẹn trả']}>
            {sent.map((r) => (
              <tr>
                <td><a href={`/can-bo/ho-so/${r.id}`}>{r.code}</a></td>
                <td>{procedures.get(r.procedure_code) ?? r.procedure_code}</td>
                <td>{r.applicant_name}</td>
                <td>{commune(r.commune_id)}</td>
                <td><StateTag state={r.state} name={stateName(r.state as StateCode)} /></td>
                <td>{r.due_at ? fmtDateTime(r.due_at) : '—'}</td>
              </tr>
            ))}
          </Table>
        )}
      </>
    ));
  });
}
