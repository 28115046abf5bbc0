// The dashboard's "Mức độ hài lòng theo cán bộ": the ratings given in the period, counted for every officer who
// acted on the rated dossier (ratings/kiosk-store.ts satisfactionByOfficer), whatever the channel (portal, QR,
// counter tablet).
import type { OfficerSatisfaction } from '../../ratings/kiosk-store.ts';
import { OVERALL, OVERALL_LABEL } from '../../ratings/core/criteria.ts';
import { Table } from '../fields.tsx';

export function SatisfactionByOfficer({ rows, period }: { rows: OfficerSatisfaction[]; period: string }) {
  return (
    <>
      <h2>Mức độ hài lòng theo cán bộ, {period}</h2>
      {rows.length === 0 ? <p>Chưa có đánh giá nào trong kỳ.</p> : (
        <Table caption="Số đánh giá theo mức độ hài lòng, tính cho mỗi cán bộ đã xử lý hồ sơ được đánh giá" head={['Cán bộ', ...OVERALL.map((o) => OVERALL_LABEL[o]), 'Tổng số']}>
          {rows.map((r) => <tr><td>{r.name}</td>{OVERALL.map((o) => <td>{r.counts[o]}</td>)}<td>{r.total}</td></tr>)}
        </Table>
      )}
      <p><a href="/danh-gia/quay">Mở màn hình đánh giá tại quầy</a></p>
    </>
  );
}
