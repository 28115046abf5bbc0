// Location-independent receipt on the staff dossier page (phi địa giới; domain.md §2.2): the two communes of a
// transferred dossier, where the citizen receives the result, and the paper sent and received between them, by whom.
// The receiving commune's officers see the page as followers: the competent commune's entries without their content.
import type { dossierView } from '../../dossiers/view.ts';
import type { EventRow } from '../../dossiers/store.ts';
import { fmtDateTime } from '../../shared/format.ts';
import { SummaryList } from '../components.tsx';
import { Table } from '../fields.tsx';
import { RESULT_PLACES } from './action-forms.tsx';

type Transfer = NonNullable<Awaited<ReturnType<typeof dossierView>>['transfer']>;

const KIND: Record<string, string> = { originals: 'Hồ sơ giấy (bản chính)', result: 'Kết quả giải quyết (bản giấy)' };

export function TransferSection({ t, follower }: { t: Transfer; follower: boolean }) {
  const place = RESULT_PLACES.find((r) => r.value === t.resultAt)?.label.replace(' (xã này)', '') ?? '—';
  const road = t.papersInTransit === 'to_competent' ? `Hồ sơ giấy đang chuyển đến ${t.competentCommune.name}`
    : t.papersInTransit === 'to_receiving' ? `Kết quả giấy đang chuyển về ${t.receivingCommune.name}` : 'Không có';
  return (
    <section aria-labelledby="transfer-title">
      <h2 id="transfer-title">Tiếp nhận không phụ thuộc địa giới hành chính</h2>
      {follower && (
        <p class="muted">Hồ sơ do xã bạn tiếp nhận và đã chuyển đến {t.competentCommune.name} giải quyết. Xã bạn theo dõi tiến độ, gửi hồ sơ giấy,
          nhận kết quả giấy và trả kết quả khi người nộp chọn nhận tại nơi tiếp nhận; nội dung xử lý nội bộ của xã có thẩm quyền không hiển thị.</p>
      )}
      <SummaryList rows={[
        { key: 'Xã tiếp nhận hồ sơ', value: t.receivingCommune.name },
        { key: 'Xã có thẩm quyền giải quyết', value: t.competentCommune.name },
        { key: 'Thời điểm chuyển', value: t.transferredAt ? fmtDateTime(t.transferredAt) : '—' },
        { key: 'Người nộp nhận kết quả', value: t.resultAt === 'receiving_centre' ? `Tại nơi tiếp nhận hồ sơ (${t.receivingCommune.name})` : place },
        { key: 'Hồ sơ giấy đang chuyển', value: road },
      ]} />
      {t.papers.length > 0 && (
        <Table caption="Hồ sơ giấy đã gửi, nhận" head={['Loại', 'Từ → đến', 'Giấy tờ', 'Hình thức chuyển', 'Gửi', 'Nhận']}>
          {t.papers.map((x) => (
            <tr>
              <td>{KIND[x.kind] ?? x.kind}</td>
              <td>{x.from.name} → {x.to.name}</td>
              <td>{x.papers}</td>
              <td>{x.carrier}</td>
              <td>{x.sentAt ? fmtDateTime(x.sentAt) : ''}, {x.sentBy}</td>
              <td>{x.receivedAt ? `${fmtDateTime(x.receivedAt)}, ${x.receivedBy ?? ''}` : 'Chưa nhận'}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

/** The log as the receiving commune sees it once the dossier left: each entry of the competent commune without its
 *  content (reasons, proposals, comments), its hand-overs or who did it. */
export function followedEvents(events: EventRow[]): EventRow[] {
  const transfer = events.find((e) => e.action === 'transfer_to_competent')?.seq ?? Infinity;
  return events.map((e) => (e.seq > transfer && e.action !== 'send_papers' && e.action !== 'receive_papers'
    ? { ...e, payload: {}, handover: null, actor_name: 'Cán bộ xã có thẩm quyền', actor_unit: null }
    : e));
}
