// /du-lieu-mo: the commune's open data, no login (plan II.6): each dataset with its description, licence, update
// frequency, formats and download links, and the machine-readable catalogue record (DCAT). Aggregates only.
import type { App, Deps } from '../../http/deps.ts';
import { DATASETS, type DatasetDef } from '../../opendata/core/datasets.ts';
import { LICENCE, downloadPath } from '../../opendata/core/catalog.ts';
import { SMALL_COUNT_LIMIT } from '../../opendata/core/suppress.ts';
import { Layout } from '../layout.tsx';
import { sendPage } from '../render.tsx';
import { page } from './common.ts';

function Dataset({ d }: { d: DatasetDef }) {
  return (
    <section id={d.id} class="dataset">
      <h2>{d.title}</h2>
      <p>{d.description}</p>
      <dl class="summary-list">
        <div class="summary-list__row"><dt>Cập nhật</dt><dd>{d.frequency.name}</dd></div>
        <div class="summary-list__row"><dt>Giấy phép</dt><dd><a href={LICENCE.uri} rel="license">{LICENCE.name}</a></dd></div>
        <div class="summary-list__row"><dt>Định dạng</dt><dd>CSV (UTF-8), JSON</dd></div>
        <div class="summary-list__row"><dt>Các cột</dt><dd>{d.fields.map((f) => f.title).join(', ')}</dd></div>
      </dl>
      <ul class="downloads">
        <li><a href={downloadPath(d, 'csv')} download>Tải tệp CSV<span class="visually-hidden">: {d.title}</span></a></li>
        <li><a href={downloadPath(d, 'json')}>Tải tệp JSON<span class="visually-hidden">: {d.title}</span></a></li>
        <li><a href={downloadPath(d, 'schema.json')}>Mô tả các cột (Table Schema)<span class="visually-hidden">: {d.title}</span></a></li>
      </ul>
    </section>
  );
}

function OpenDataPage() {
  return (
    <Layout title="Dữ liệu mở">
      <h1>Dữ liệu mở</h1>
      <p>Ủy ban nhân dân xã công bố các số liệu tổng hợp về giải quyết thủ tục hành chính và danh mục thủ tục hành chính để
        mọi người tự do sử dụng, kể cả vì mục đích thương mại, với điều kiện ghi rõ nguồn "Ủy ban nhân dân xã Xuân Dương".</p>
      <p>Dữ liệu không có thông tin cá nhân: không có mã hồ sơ, họ tên, số định danh, số điện thoại hay nội dung người dân
        viết. Số hồ sơ từ 1 đến {SMALL_COUNT_LIMIT - 1} của một thủ tục trong một tháng được để trống, để không thể nhận ra
        một người cụ thể.</p>
      <p>Danh mục dữ liệu dạng máy đọc (DCAT, JSON-LD): <a href="/du-lieu-mo/catalog.jsonld">catalog.jsonld</a>. Xem số liệu
        dạng biểu đồ tại trang <a href="/cong-khai">Công khai kết quả giải quyết thủ tục hành chính</a>.</p>
      {DATASETS.map((d) => <Dataset d={d} />)}
    </Layout>
  );
}

export async function openDataPages(app: App, _deps: Deps): Promise<void> {
  app.get('/du-lieu-mo', page, async (_req, reply) => sendPage(reply, <OpenDataPage />));
}
