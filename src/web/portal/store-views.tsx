// The pages of "Kho dữ liệu của tôi" (routes: store-pages.tsx): the list of the citizen's items and who looked into
// the store, and one item with its download, its share links and, for a paper that is not a legal record, the request
// to correct or delete it. Mobile first (360 px), no JavaScript.
import type { ItemView } from '../../datastore/core/shares.ts';
import { ITEM_VIEW_LABEL, SHARE_DAYS, SHARE_STATE_LABEL } from '../../datastore/core/shares.ts';
import type { MyItem, MyStore } from '../../datastore/service.ts';
import { KIND_LABEL, STATUS_LABEL } from '../../privacy/core/request.ts';
import { fmtDate, fmtDateTime } from '../../shared/format.ts';
import { Button, CsrfField, ErrorSummary, Radios, SummaryList, TextArea, TextField, errorFor, type FieldError } from '../components.tsx';
import { Table } from '../fields.tsx';
import { Layout } from '../layout.tsx';
import { KeyField } from '../staff/common.tsx';
import { ACCOUNT_PATH, STORE_PATH } from './account-pages.tsx';
import { titled } from './common.ts';

export const STORE_TITLE = 'Kho dữ liệu của tôi';
/** The civil-status correction procedure (a result's error is corrected through it, not by a data request). */
export const CORRECTION_PROCEDURE = 'HT.LOCAL.001';

const TONE: Record<ItemView, string> = { valid: 'green', not_yet: 'blue', expired: 'grey', revoked: 'red', deleted: 'grey' };
export const ItemTag = ({ view }: { view: ItemView }) => <strong class={`tag tag--${TONE[view]}`}>{ITEM_VIEW_LABEL[view]}</strong>;

export const itemPath = (id: number) => `${STORE_PATH}/${id}`;
const validity = (to: string | null) => (to ? `đến hết ngày ${fmtDate(to)}` : 'không thời hạn');

type ListItem = MyStore['items'][number];

function ItemLine({ i }: { i: ListItem }) {
  return (
    <li>
      <a href={itemPath(i.id)}>{i.type_name}</a> <ItemTag view={i.view} />
      <br />
      <span class="muted">
        {i.kind === 'result' ? `Cơ quan cấp: ${i.issuer}` : `Nơi nộp: ${i.issuer}`}
        {i.number_symbol && ` · Số, ký hiệu: ${i.number_symbol}`}
        {` · ${i.kind === 'result' ? 'Ngày cấp' : 'Ngày nộp'} ${fmtDate(i.valid_from)} · Hiệu lực ${validity(i.valid_to)}`}
        {i.dossierCode && ` · Hồ sơ ${i.dossierCode}`}
      </span>
    </li>
  );
}

export function StorePage({ d }: { d: MyStore }) {
  const results = d.items.filter((i) => i.kind === 'result');
  const papers = d.items.filter((i) => i.kind === 'component');
  return (
    <Layout title={STORE_TITLE} back={{ href: ACCOUNT_PATH, label: 'Hồ sơ của tôi' }}>
      <h1>{STORE_TITLE}</h1>
      <p>Kết quả giải quyết thủ tục hành chính cấp cho bạn và giấy tờ bạn đã nộp được lưu tại đây khi hồ sơ trả kết quả. Khi bạn nộp hồ sơ mới, giấy tờ còn hiệu lực trong kho được dùng lại: bạn không phải nộp lại (Nghị định 45/2020/NĐ-CP, Điều 16).</p>
      <h2>Kết quả được cấp</h2>
      {results.length === 0 ? <p>Chưa có kết quả nào.</p> : <ul class="results" aria-label="Kết quả được cấp">{results.map((i) => <ItemLine i={i} />)}</ul>}
      <h2>Giấy tờ bạn đã nộp</h2>
      {papers.length === 0 ? <p>Chưa có giấy tờ nào.</p> : <ul class="results" aria-label="Giấy tờ bạn đã nộp">{papers.map((i) => <ItemLine i={i} />)}</ul>}
      <h2>Ai đã tra cứu kho của bạn</h2>
      <p class="hint">Mỗi lần cán bộ tra cứu kho dữ liệu của bạn để giải quyết hồ sơ đều được ghi lại: ai, khi nào, vì sao (Thông tư 117/2026/TT-BCA).</p>
      {d.lookups.length === 0 ? <p>Chưa có ai tra cứu.</p> : (
        <Table caption="Lượt tra cứu kho dữ liệu" head={['Thời gian', 'Người tra cứu', 'Lý do', 'Số giấy tờ tìm thấy']}>
          {d.lookups.map((l) => <tr><td>{fmtDateTime(l.at)}</td><td>{l.staff_name}, {l.commune_name}</td><td>{l.reason}</td><td>{l.found}</td></tr>)}
        </Table>
      )}
    </Layout>
  );
}

export type ChangeValues = Partial<Record<'loai' | 'noi_dung' | 'dung', string>>;

export interface ItemPageProps {
  d: MyItem;
  csrf: string;
  publicUrl: string;
  /** The link just made: its token is shown this once. */
  created?: { token: string; expiresAt: Date };
  /** A repeated post of the share form: the link exists, its token was shown the first time only. */
  replayed?: boolean;
  notice?: string;
  shareErrors?: FieldError[];
  change?: { v: ChangeValues; errors: FieldError[] };
}

function ShareSection({ d, csrf, publicUrl, created, replayed, shareErrors }: ItemPageProps) {
  const base = itemPath(d.item.id);
  return (
    <section aria-labelledby="chia-se">
      <h2 id="chia-se">Chia sẻ bằng liên kết có thời hạn</h2>
      {created && (
        <div class="notice" role="status">
          <p><strong>Đã tạo liên kết.</strong> Sao chép và gửi cho người cần xem; liên kết chỉ hiển thị một lần này và mở được đến {fmtDateTime(created.expiresAt)}.</p>
          <p><label for="lien-ket">Liên kết chia sẻ</label><br /><input id="lien-ket" readonly value={`${publicUrl.replace(/\/+$/, '')}/chia-se/${created.token}`} /></p>
        </div>
      )}
      {replayed && <div class="notice" role="status"><p>Liên kết đã được tạo ở lần gửi trước. Vì an toàn, liên kết chỉ hiển thị một lần: nếu chưa kịp sao chép, hãy thu hồi và tạo liên kết mới.</p></div>}
      <p>Người có liên kết xem và tải được giấy tờ này (không cần đăng nhập) cho đến khi liên kết hết hạn hoặc bạn thu hồi. Mỗi lần mở đều được ghi lại.</p>
      {d.mayShare ? (
        <form method="post" action={`${base}/chia-se`} novalidate>
          <CsrfField token={csrf} />
          <KeyField />
          <Radios name="ngay" legend="Liên kết mở trong" error={errorFor(shareErrors, 'ngay')} value="7"
            options={SHARE_DAYS.map((n) => ({ value: String(n), label: `${n} ngày` }))} />
          <Button>Tạo liên kết chia sẻ</Button>
        </form>
      ) : <p>Chỉ chia sẻ được giấy tờ còn hiệu lực.</p>}
      {d.shares.length > 0 && (
        <Table caption="Các liên kết đã tạo" head={['Tạo lúc', 'Hết hạn', 'Lượt mở', 'Trạng thái', 'Thao tác']}>
          {d.shares.map((s) => (
            <tr>
              <td>{fmtDateTime(s.created_at)}</td>
              <td>{fmtDateTime(s.expires_at)}</td>
              <td>{s.opens}</td>
              <td>{SHARE_STATE_LABEL[s.state]}</td>
              <td>{s.state === 'open' && (
                <form method="post" action={`${base}/chia-se/${s.id}/thu-hoi`}>
                  <CsrfField token={csrf} />
                  <KeyField />
                  <Button variant="warning">Thu hồi<span class="visually-hidden"> liên kết tạo lúc {fmtDateTime(s.created_at)}</span></Button>
                </form>
              )}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function ChangeSection({ d, csrf, change }: ItemPageProps) {
  const i = d.item;
  return (
    <section aria-labelledby="yeu-cau">
      <h2 id="yeu-cau">Sửa hoặc xóa giấy tờ</h2>
      {i.legal_record ? (
        <p>Đây là kết quả giải quyết thủ tục hành chính do cơ quan nhà nước cấp, có giá trị pháp lý như bản giấy: không sửa hoặc xóa theo yêu cầu. Nếu thông tin trên kết quả có sai sót, bạn làm thủ tục <a href={`/thu-tuc/${CORRECTION_PROCEDURE}`}>Đăng ký thay đổi, cải chính hộ tịch</a> (hoặc thủ tục cải chính tương ứng); kết quả mới sẽ được đưa vào kho.</p>
      ) : d.mayAskChange ? (
        <form method="post" action={`${itemPath(i.id)}/yeu-cau`} novalidate>
          <CsrfField token={csrf} />
          <KeyField />
          <p>Ủy ban nhân dân xã trả lời trong 2 ngày làm việc (Nghị định 356/2025/NĐ-CP). Giấy tờ đã xóa khỏi kho vẫn được lưu trong hồ sơ thủ tục theo quy định lưu trữ.</p>
          <Radios name="loai" legend="Bạn muốn yêu cầu gì?" value={change?.v.loai} error={errorFor(change?.errors, 'loai')}
            options={[{ value: 'correction', label: 'Sửa thông tin không đúng của giấy tờ này' }, { value: 'deletion', label: 'Xóa giấy tờ này khỏi kho' }]} />
          <TextField name="dung" label="Thông tin đúng (khi yêu cầu sửa)" value={change?.v.dung} error={errorFor(change?.errors, 'dung')} />
          <TextArea name="noi_dung" label="Nội dung yêu cầu" hint="Nêu rõ điều cần sửa hoặc lý do xóa. Không ghi số định danh cá nhân." value={change?.v.noi_dung} error={errorFor(change?.errors, 'noi_dung')} />
          <Button>Gửi yêu cầu</Button>
        </form>
      ) : <p>Giấy tờ này đã bị thu hồi hoặc đã xóa.</p>}
      {d.requests.length > 0 && (
        <ul aria-label="Yêu cầu về giấy tờ này">
          {d.requests.map((r) => (
            <li>{KIND_LABEL[r.kind]} · gửi {fmtDateTime(r.received_at)} · <strong>{STATUS_LABEL[r.status]}</strong>
              {r.status === 'received' ? ` · hạn trả lời ${fmtDateTime(r.due_at)}` : ` · trả lời: ${r.answer ?? ''}`}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ItemPage(p: ItemPageProps) {
  const i = p.d.item;
  const errors = [...(p.shareErrors ?? []), ...(p.change?.errors ?? [])];
  return (
    <Layout title={titled(i.type_name, errors)} back={{ href: STORE_PATH, label: STORE_TITLE }}>
      <ErrorSummary errors={errors} />
      {p.notice && <div class="notice" role="status"><p>{p.notice}</p></div>}
      <h1>{i.type_name}</h1>
      <p><ItemTag view={i.view} />{i.status !== 'valid' && i.status_reason && <> {i.status_reason} ({fmtDateTime(i.status_at)})</>}</p>
      <SummaryList rows={[
        { key: i.kind === 'result' ? 'Cơ quan cấp' : 'Nơi nộp', value: i.issuer },
        { key: 'Số, ký hiệu', value: i.number_symbol ?? 'Không có' },
        { key: i.kind === 'result' ? 'Ngày cấp' : 'Ngày nộp', value: fmtDate(i.valid_from) },
        { key: 'Hiệu lực', value: validity(i.valid_to) },
        ...(i.dossierCode && i.source_dossier_id ? [{ key: 'Hồ sơ', value: <a href={`${ACCOUNT_PATH}/ho-so/${i.source_dossier_id}`}>{i.dossierCode}</a> }] : []),
        ...(i.number_symbol && i.signed_code ? [{ key: 'Kiểm tra văn bản', value: <a href={`/xac-thuc?ma=${i.number_symbol}`}>Mở trang xác thực</a> }] : []),
        { key: 'Loại', value: i.legal_record ? 'Kết quả giải quyết thủ tục (bản điện tử có giá trị pháp lý)' : 'Giấy tờ bạn đã nộp (bản số hóa)' },
      ]} />
      {i.status !== 'deleted' && (
        <p><a class="button button--primary" href={`${itemPath(i.id)}/tai-ve`} download role="button" draggable={false}>Tải về ({i.file_name})</a></p>
      )}
      {i.status !== 'deleted' && <ShareSection {...p} />}
      <ChangeSection {...p} />
    </Layout>
  );
}
