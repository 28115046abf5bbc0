// The public page of a procedure: everything Nghị định 63/2010/NĐ-CP Điều 8 requires to be published (name,
// steps, methods, dossier components and number of copies, time limit, target persons, implementing agency,
// result, fees, forms, legal basis), the level of online service, and the button to file online when offered.
import type { Component, Fee, StoredProcedure } from './types.ts';
import { describeProcessingTime } from '../../catalogue/core/time.ts';
import { fmtMoney } from '../../shared/format.ts';
import { Layout } from '../layout.tsx';

const METHOD: Record<string, string> = {
  direct: 'Trực tiếp tại Trung tâm Phục vụ hành chính công xã',
  postal: 'Qua dịch vụ bưu chính công ích',
  online: 'Trực tuyến trên Cổng Dịch vụ công',
};

const KIND: Record<Component['kind'], string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certified_copy: 'Bản sao có chứng thực',
  shown: 'Xuất trình bản chính',
};

/** Filed online here: never a procedure another agency decides (`routingOnly`: the portal guides the citizen there). */
export const offeredOnline = (p: StoredProcedure) => p.methods.includes('online') && !p.routingOnly;

/** Level of online public service (Nghị định 224/2026 Đ14; domain.md §3.1). */
export function onlineLevel(p: StoredProcedure): { label: string; detail: string } {
  if (p.routingOnly) {
    return {
      label: `Thủ tục do ${p.authority} giải quyết`,
      detail: `Ủy ban nhân dân xã không tiếp nhận hồ sơ của thủ tục này. Vui lòng nộp hồ sơ tại ${p.authority} hoặc trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), ứng dụng VNeID.`,
    };
  }
  if (!offeredOnline(p)) {
    return { label: 'Chưa cung cấp dịch vụ công trực tuyến', detail: 'Thủ tục này chỉ được công khai thông tin; vui lòng nộp hồ sơ theo cách thức nêu dưới đây.' };
  }
  if (p.flags.eligibleFullOnline && !p.flags.requiresInPersonSigning) {
    return { label: 'Dịch vụ công trực tuyến toàn trình', detail: 'Nộp hồ sơ, theo dõi và nhận kết quả hoàn toàn trực tuyến (hoặc qua bưu chính).' };
  }
  return {
    label: 'Dịch vụ công trực tuyến một phần',
    detail: p.flags.requiresInPersonSigning
      ? 'Nộp hồ sơ trực tuyến; người yêu cầu phải có mặt tại Trung tâm Phục vụ hành chính công để ký và nhận kết quả.'
      : 'Nộp hồ sơ trực tuyến; một số bước phải thực hiện trực tiếp.',
  };
}

/** One fee line as published. A value not yet checked against the province's text (the procedure's `uncertain`
 *  paths) is published as it stands, without a word of it: that note is for staff, in the catalogue's data. */
function FeeText({ fee }: { fee: Fee }) {
  let amount: string;
  if (fee.perUnit) {
    const tiers = [...fee.perUnit.tiers].sort((a, b) => a.fromUnit - b.fromUnit);
    amount = tiers.map((t, i) => {
      const next = tiers[i + 1];
      const range = next ? `${fee.perUnit!.unit} thứ ${t.fromUnit}${next.fromUnit - 1 > t.fromUnit ? `–${next.fromUnit - 1}` : ''}` : `từ ${fee.perUnit!.unit} thứ ${t.fromUnit}`;
      return `${fmtMoney(t.amountVnd)}/${fee.perUnit!.unit} (${range})`;
    }).join('; ') + (fee.perUnit.maxPerCopyVnd !== undefined ? `; tối đa ${fmtMoney(fee.perUnit.maxPerCopyVnd)}/bản` : '');
  } else {
    amount = fee.amountVnd === 0 ? 'Miễn' : fmtMoney(fee.amountVnd);
  }
  return (
    <li>
      <strong>{fee.name}</strong>: {amount}
      {fee.amountVnd > 0 || fee.perUnit ? ` (${fee.collect === 'before' ? 'nộp khi nộp hồ sơ' : 'nộp khi nhận kết quả'})` : ''}.
      {fee.exemptions.length > 0 && (
        <>
          {' '}Miễn cho: {fee.exemptions.join('; ')}.
        </>
      )}
      <br /><span class="muted">Căn cứ: {fee.legalBasis}</span>
    </li>
  );
}

export function ProcedurePage({ p }: { p: StoredProcedure }) {
  const level = onlineLevel(p);
  const online = p.onlineProcessingTime;
  const forms = p.components.filter((c) => c.form);
  return (
    <Layout title={p.name} back={{ href: '/thu-tuc', label: 'Danh sách thủ tục' }}>
      <p class="muted">Lĩnh vực {p.field.name} · Mã thủ tục {p.code}</p>
      <h1>{p.name}</h1>
      <div class={`notice${offeredOnline(p) ? '' : ' notice--warn'}`}>
        <p><strong>{level.label}.</strong> {level.detail}</p>
        {offeredOnline(p) && <a class="button button--primary" href={`/nop-ho-so/${encodeURIComponent(p.code)}`} role="button" draggable={false}>Nộp hồ sơ trực tuyến</a>}
      </div>

      <h2>Trình tự thực hiện</h2>
      <ol>{p.steps.map((s) => <li>{s}</li>)}</ol>

      <h2>Cách thức thực hiện</h2>
      <ul>{p.methods.map((m) => <li>{METHOD[m] ?? m}</li>)}</ul>

      <h2>Thành phần, số lượng hồ sơ</h2>
      <div class="table-wrap" tabindex={0} role="region" aria-label="Thành phần hồ sơ">
        <table>
          <caption class="visually-hidden">Thành phần hồ sơ</caption>
          <thead><tr><th scope="col">Giấy tờ</th><th scope="col">Loại</th><th scope="col">Số lượng</th></tr></thead>
          <tbody>
            {p.components.map((c) => (
              <tr>
                <td>
                  {c.name}{c.required ? '' : ' (nếu có)'}
                  {c.form && <><br /><span class="muted">Có tờ khai điện tử khi nộp trực tuyến.</span></>}
                  {c.note && <><br /><span class="muted">{c.note}</span></>}
                </td>
                <td>{KIND[c.kind]}</td>
                <td>{c.kind === 'shown' ? 'Xuất trình' : `${String(c.copies).padStart(2, '0')} bản`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>Số bộ hồ sơ: 01 bộ.</p>

      <h2>Thời hạn giải quyết</h2>
      <ul>
        <li>{describeProcessingTime(p.processingTime)}{online ? ' (nộp trực tiếp, bưu chính)' : ''}.</li>
        {online && <li>Nộp trực tuyến: {describeProcessingTime(online)}.</li>}
        {(p.timeVariants ?? []).map((v) => <li>{v.name}: {describeProcessingTime(v.processingTime)}.</li>)}
      </ul>

      <h2>Đối tượng thực hiện</h2>
      <ul>{p.targetPersons.map((t) => <li>{t}</li>)}</ul>

      <h2>Cơ quan thực hiện</h2>
      <p>Cơ quan có thẩm quyền quyết định: {p.authority}. Nơi tiếp nhận và trả kết quả: Trung tâm Phục vụ hành chính công xã.</p>

      <h2>Kết quả thực hiện</h2>
      <p>{p.resultType}</p>

      <h2>Phí, lệ phí</h2>
      {p.fees.length === 0 ? <p>Không thu phí, lệ phí.</p> : (
        <ul>{p.fees.map((f) => <FeeText fee={f} />)}</ul>
      )}

      <h2>Mẫu đơn, tờ khai</h2>
      {forms.length === 0 ? <p>Không có mẫu đơn, tờ khai.</p> : (
        <ul>{forms.map((c) => <li>{c.name}{offeredOnline(p) ? ' (khai trực tuyến khi nộp hồ sơ)' : ' (nhận tại Trung tâm Phục vụ hành chính công)'}</li>)}</ul>
      )}

      <h2>Yêu cầu, điều kiện thực hiện</h2>
      <p>Theo quy định tại các văn bản căn cứ pháp lý dưới đây.</p>

      <h2>Căn cứ pháp lý</h2>
      <ul>
        {p.legalBasis.map((b) => <li>{b.document}{b.article ? `, ${b.article}` : ''}{b.note ? `: ${b.note}` : ''}</li>)}
      </ul>
      <p class="muted">Thông tin áp dụng từ ngày {p.effectiveFrom.split('-').reverse().join('/')}{p.effectiveTo ? ` đến trước ngày ${p.effectiveTo.split('-').reverse().join('/')}` : ''}.</p>
    </Layout>
  );
}
