// The section "Số hóa và tái sử dụng dữ liệu": the digitisation (766 4.2) and reuse (4.3) rates of the period, overall,
// by procedure and by unit, against the plan's targets (indicators/digitisation.ts). Shown on the public page (figures
// only) and on the staff dashboard, where every count links to the dossiers behind it (`link`).
import type { DigitisationRates, RateRow } from '../../indicators/core/breakdown.ts';
import { meets } from '../../indicators/core/breakdown.ts';
import { Table } from '../fields.tsx';

const pct = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('vi-VN')} %`;

/** The drill-down's value for the dossiers not sent to a unit yet (a unit code is upper case). */
export const NO_UNIT_PARAM = 'chua-chuyen';

/** Where a count leads: the dossiers behind 4.2 / 4.3 ('tu') or the received ones ('mau'), of one row. */
export type LinkOf = (indicator: '4.2' | '4.3', part: 'tu' | 'mau', row: { by: 'all' | 'procedure' | 'unit'; key: string }) => string;

function Rate({ rate, target }: { rate: number | null; target: number }) {
  const ok = meets(rate, target);
  if (rate === null) return <>Chưa có hồ sơ</>;
  return <>{pct(rate)} <span class={ok ? 'tag tag--green' : 'tag tag--red'}>{ok ? 'Đạt' : 'Chưa đạt'}</span></>;
}

function Count({ n, href, label }: { n: number; href?: string; label: string }) {
  return href ? <a href={href}>{n}<span class="visually-hidden"> {label}</span></a> : <>{n}</>;
}

function Rows({ rows, by, targets, link }: { rows: RateRow[]; by: 'all' | 'procedure' | 'unit'; targets: DigitisationRates['targets']; link?: LinkOf }) {
  return (
    <>
      {rows.map((r) => {
        const at = (i: '4.2' | '4.3', part: 'tu' | 'mau') => link?.(i, part, { by, key: r.key });
        return (
          <tr>
            <td>{r.name}</td>
            <td><Count n={r.received} href={at('4.2', 'mau')} label={`hồ sơ tiếp nhận, ${r.name}`} /></td>
            <td><Count n={r.digitised} href={at('4.2', 'tu')} label={`hồ sơ được số hóa, ${r.name}`} /></td>
            <td><Rate rate={r.digitisedRate} target={targets.digitised} /></td>
            <td><Count n={r.reused} href={at('4.3', 'tu')} label={`hồ sơ tái sử dụng dữ liệu, ${r.name}`} /></td>
            <td><Rate rate={r.reusedRate} target={targets.reused} /></td>
          </tr>
        );
      })}
    </>
  );
}

export function DigitisationTables({ rates, period, link }: { rates: DigitisationRates; period: string; link?: LinkOf }) {
  const t = rates.targets;
  const head = (first: string) => [first, 'Hồ sơ tiếp nhận', 'Được số hóa', `Tỷ lệ số hóa (chỉ tiêu ${pct(t.digitised)})`, 'Có tái sử dụng dữ liệu', `Tỷ lệ tái sử dụng (chỉ tiêu ${pct(t.reused)})`];
  return (
    <>
      <p>
        Hồ sơ được số hóa: mọi thành phần hồ sơ phải nộp đều có tệp điện tử và, với thủ tục trả kết quả giấy, có kết quả
        điện tử đã ký số (chỉ số 4.2 theo Quyết định 766/QĐ-TTg). Hồ sơ tái sử dụng dữ liệu: có ít nhất một thành phần
        dùng lại giấy tờ, kết quả đã số hóa, kể cả giấy tờ lấy từ kho dữ liệu của người dân (chỉ số 4.3). Tỷ lệ tính trên
        hồ sơ tiếp nhận {period}; chỉ tiêu theo Kế hoạch cải cách hành chính 2026–2030 của xã.
      </p>
      <Table caption={`Tỷ lệ số hóa và tái sử dụng dữ liệu toàn xã, ${period}`} head={head('Phạm vi')}>
        <Rows rows={[rates.overall]} by="all" targets={t} link={link} />
      </Table>
      <h3>Theo thủ tục</h3>
      {rates.byProcedure.length === 0 ? <p>Không có hồ sơ tiếp nhận trong kỳ.</p> : (
        <Table caption={`Tỷ lệ số hóa và tái sử dụng dữ liệu theo thủ tục, ${period}`} head={head('Thủ tục')}>
          <Rows rows={rates.byProcedure} by="procedure" targets={t} link={link} />
        </Table>
      )}
      <h3>Theo đơn vị</h3>
      {rates.byUnit.length === 0 ? <p>Không có hồ sơ tiếp nhận trong kỳ.</p> : (
        <Table caption={`Tỷ lệ số hóa và tái sử dụng dữ liệu theo đơn vị đang giải quyết hồ sơ, ${period}`} head={head('Đơn vị')}>
          <Rows rows={rates.byUnit} by="unit" targets={t} link={link} />
        </Table>
      )}
    </>
  );
}
