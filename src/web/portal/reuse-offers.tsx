// The file step's "Dùng giấy tờ đã có trong kho" (NĐ 45/2020/NĐ-CP Điều 16 as amended by NĐ 118/2025 Điều 40 khoản 8:
// a paper the state already holds in a valid form is not asked for again): for a component that accepts a document
// type, the valid items of the citizen's store that stand for it are offered first; one chosen is the component's
// file without any upload, and the citizen can undo it and upload instead. Also the pre-check's warnings on a file.
import { Button, CsrfField } from '../components.tsx';
import { fmtDate } from '../../shared/format.ts';
import type { StoreItemRow } from '../../datastore/store.ts';

/** One item as the citizen reads it: its name, number and symbol, issuer and date of issue. */
export function ItemFacts({ item }: { item: StoreItemRow }) {
  return (
    <>
      <strong>{item.type_name}</strong>
      {item.number_symbol && <> số {item.number_symbol}</>}, do {item.issuer} cấp ngày {fmtDate(item.valid_from)}
      {item.valid_to && <> (có giá trị đến hết ngày {fmtDate(item.valid_to)})</>}
    </>
  );
}

/** The item chosen for the component, with "undo" (the file is removed from the draft: the store keeps its item). */
export function ChosenItem(p: { draftId: string; csrf: string; fileId: number; item: StoreItemRow | undefined; fileName: string }) {
  return (
    <div class="notice">
      <p>Đã dùng giấy tờ trong kho dữ liệu của bạn: {p.item ? <ItemFacts item={p.item} /> : p.fileName}. Bạn không cần tải lên giấy tờ này.</p>
      <form method="post" action={`/nop-ho-so/${p.draftId}/giay-to/xoa`}>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="tep" value={String(p.fileId)} />
        <button type="submit" class="link-button">Không dùng giấy tờ trong kho<span class="visually-hidden"> cho thành phần này</span>, tải lên tệp khác</button>
      </form>
    </div>
  );
}

/** The offers for a component not yet satisfied from the store. `error`: why the last choice was refused. */
export function StoreOffers(p: { draftId: string; csrf: string; code: string; name: string; offers: StoreItemRow[]; error?: string; canUpload: boolean }) {
  const id = `kho-${p.code}`;
  return (
    <div id={id} tabindex={-1} class={`store-offers${p.error ? ' field--error' : ''}`}>
      <h3>Dùng giấy tờ đã có trong kho</h3>
      <p class="hint">Kho quản lý dữ liệu điện tử của bạn đang có giấy tờ còn giá trị dùng được cho thành phần này.{p.canUpload ? ' Chọn giấy tờ để không phải tải lên.' : ''}</p>
      {p.error && <p class="error-message"><span class="visually-hidden">Lỗi: </span>{p.error}</p>}
      <ul>
        {p.offers.map((item) => (
          <li>
            <ItemFacts item={item} />{' '}
            <form method="post" action={`/nop-ho-so/${p.draftId}/giay-to/${p.code}/kho`}>
              <CsrfField token={p.csrf} />
              <input type="hidden" name="giay_to" value={String(item.id)} />
              <Button variant="secondary">Dùng giấy tờ này<span class="visually-hidden"> cho {p.name}</span></Button>
            </form>
          </li>
        ))}
      </ul>
      {p.canUpload && <p>Hoặc tải lên tệp:</p>}
    </div>
  );
}

/** The pre-check's warnings on a file kept (blurred, low resolution…): the citizen may upload a better one. */
export function ScanWarnings({ notes }: { notes: string[] | undefined }) {
  if (!notes?.length) return null;
  return (
    <div class="notice notice--warn">
      <p>Lưu ý về tệp này:</p>
      <ul>{notes.map((n) => <li>{n}</li>)}</ul>
      <p>Bạn có thể xóa tệp và tải lên bản quét hoặc ảnh chụp rõ hơn.</p>
    </div>
  );
}
