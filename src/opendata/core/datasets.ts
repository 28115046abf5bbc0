// The commune's open datasets (pure): what each holds, its columns as a Frictionless Table Schema, how often it is
// updated, and its rows as CSV or JSON. Aggregates only: no dossier code, no name, no ID number, no text a citizen
// wrote. Plan II.6 (chia sẻ dữ liệu, dữ liệu mở); Decision 766 and the plan's targets (domain.md §4, §11).
import { csvLine } from '../../imports/core/csv.ts';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean';

/** One column (Frictionless Table Schema field: name, type, title, description). */
export interface DatasetField {
  readonly name: string;
  readonly type: FieldType;
  readonly title: string;
  readonly description: string;
  /** Counts that may be withheld when small (see suppress.ts): the cell is then empty. */
  readonly suppressible?: boolean;
}

export interface DatasetDef {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly keywords: readonly string[];
  /** Dublin Core frequency (http://purl.org/cld/freq/…) and its Vietnamese name. */
  readonly frequency: { readonly uri: string; readonly name: string };
  readonly fields: readonly DatasetField[];
  readonly primaryKey: readonly string[];
}

const DAILY = { uri: 'http://purl.org/cld/freq/daily', name: 'Hằng ngày' };
const MONTHLY = { uri: 'http://purl.org/cld/freq/monthly', name: 'Hằng tháng' };

const count = (name: string, title: string, description: string): DatasetField => ({ name, type: 'integer', title, description, suppressible: true });

export const DATASETS: readonly DatasetDef[] = [
  {
    id: 'chi-so-766',
    title: 'Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg) của xã, theo năm',
    description: 'Điểm và tỷ lệ của từng chỉ số, từng nhóm chỉ số 766 của xã trong năm nay và năm trước, tính tự động từ hồ sơ trên hệ thống. Chỉ số chưa tính được ghi rõ trạng thái.',
    keywords: ['chỉ số 766', 'dịch vụ công', 'cải cách hành chính'],
    frequency: DAILY,
    primaryKey: ['nam', 'ma_chi_so'],
    fields: [
      { name: 'nam', type: 'integer', title: 'Năm', description: 'Năm của số liệu (từ 01/01 đến hết năm hoặc đến hôm nay).' },
      { name: 'ma_nhom', type: 'string', title: 'Mã nhóm', description: 'Nhóm chỉ số 766.' },
      { name: 'ten_nhom', type: 'string', title: 'Tên nhóm', description: 'Tên nhóm chỉ số.' },
      { name: 'ma_chi_so', type: 'string', title: 'Mã chỉ số', description: 'Số thứ tự của chỉ số trong bộ chỉ số 766, ví dụ 2.1.' },
      { name: 'ten_chi_so', type: 'string', title: 'Tên chỉ số', description: 'Tên chỉ số.' },
      { name: 'trang_thai', type: 'string', title: 'Trạng thái', description: 'da_tinh: đã tính; khong_co_ho_so: không có hồ sơ trong kỳ; chua_tinh_duoc: hệ thống chưa có dữ liệu để tính.' },
      { name: 'tu_so', type: 'integer', title: 'Tử số', description: 'Số hồ sơ (hoặc thủ tục) đạt yêu cầu của chỉ số.' },
      { name: 'mau_so', type: 'integer', title: 'Mẫu số', description: 'Số hồ sơ (hoặc thủ tục) được xét.' },
      { name: 'ty_le', type: 'number', title: 'Tỷ lệ', description: 'Tử số ÷ mẫu số, từ 0 đến 1, làm tròn 4 chữ số thập phân.' },
      { name: 'diem', type: 'number', title: 'Điểm', description: 'Điểm đạt được.' },
      { name: 'diem_toi_da', type: 'number', title: 'Điểm tối đa', description: 'Điểm tối đa của chỉ số.' },
    ],
  },
  {
    id: 'chi-tieu-ke-hoach',
    title: 'Chỉ tiêu Kế hoạch cải cách hành chính 2026–2030 của xã và kết quả năm nay',
    description: 'Các chỉ tiêu đến năm 2030 của kế hoạch cải cách hành chính, cách tính từ dữ liệu của hệ thống và giá trị đạt được trong năm nay.',
    keywords: ['kế hoạch cải cách hành chính', 'chỉ tiêu'],
    frequency: DAILY,
    primaryKey: ['ma_chi_tieu'],
    fields: [
      { name: 'ma_chi_tieu', type: 'string', title: 'Mã chỉ tiêu', description: 'Mã ổn định của chỉ tiêu.' },
      { name: 'noi_dung', type: 'string', title: 'Nội dung', description: 'Chỉ tiêu theo lời văn của kế hoạch.' },
      { name: 'muc_tieu', type: 'number', title: 'Mức phải đạt', description: 'Tỷ lệ phải đạt đến năm 2030, từ 0 đến 1.' },
      { name: 'cach_tinh', type: 'string', title: 'Cách tính', description: 'Cách đo từ dữ liệu của hệ thống, hoặc lý do chưa đo được.' },
      { name: 'nam', type: 'integer', title: 'Năm', description: 'Năm của giá trị đạt được.' },
      { name: 'gia_tri', type: 'number', title: 'Giá trị đạt được', description: 'Tỷ lệ đạt được trong năm, từ 0 đến 1; trống khi chưa đo được.' },
      { name: 'dat', type: 'boolean', title: 'Đã đạt', description: 'Giá trị đạt được đã bằng hoặc vượt mức phải đạt; trống khi chưa đo được.' },
    ],
  },
  {
    id: 'ho-so-theo-thu-tuc-thang',
    title: 'Số hồ sơ theo thủ tục hành chính và theo tháng',
    description: 'Số hồ sơ tiếp nhận (theo tháng tiếp nhận) và số hồ sơ giải quyết xong, đúng hạn, trễ hạn, đã trả kết quả (theo tháng kết thúc xử lý) của từng thủ tục. Số từ 1 đến 2 được để trống để không thể nhận ra một người cụ thể.',
    keywords: ['hồ sơ', 'thủ tục hành chính', 'thống kê'],
    frequency: DAILY,
    primaryKey: ['thang', 'ma_thu_tuc'],
    fields: [
      { name: 'thang', type: 'string', title: 'Tháng', description: 'Tháng, dạng YYYY-MM (giờ Việt Nam).' },
      { name: 'ma_thu_tuc', type: 'string', title: 'Mã thủ tục', description: 'Mã thủ tục hành chính.' },
      { name: 'ten_thu_tuc', type: 'string', title: 'Tên thủ tục', description: 'Tên thủ tục hành chính.' },
      { name: 'linh_vuc', type: 'string', title: 'Lĩnh vực', description: 'Lĩnh vực của thủ tục.' },
      count('tiep_nhan', 'Tiếp nhận', 'Số hồ sơ tiếp nhận trong tháng.'),
      count('tiep_nhan_truc_tuyen', 'Tiếp nhận trực tuyến', 'Số hồ sơ nộp trực tuyến được tiếp nhận trong tháng.'),
      count('giai_quyet_xong', 'Giải quyết xong', 'Số hồ sơ kết thúc xử lý trong tháng (có kết quả, từ chối giải quyết, rút hoặc dừng).'),
      count('dung_han', 'Đúng hạn', 'Số hồ sơ kết thúc xử lý trong tháng không muộn hơn thời hạn theo quy định.'),
      count('tre_han', 'Trễ hạn', 'Số hồ sơ kết thúc xử lý trong tháng sau thời hạn theo quy định.'),
      count('da_tra_ket_qua', 'Đã trả kết quả', 'Số hồ sơ kết thúc xử lý trong tháng đã trả kết quả.'),
    ],
  },
  {
    id: 'thu-tuc-hanh-chinh',
    title: 'Danh mục thủ tục hành chính của xã',
    description: 'Các thủ tục hành chính xã công bố đang có hiệu lực: mã, tên, lĩnh vực, thời hạn giải quyết, phí và lệ phí, cách thức thực hiện, tên mẫu đơn, tờ khai.',
    keywords: ['thủ tục hành chính', 'danh mục', 'phí', 'lệ phí'],
    frequency: MONTHLY,
    primaryKey: ['ma_thu_tuc'],
    fields: [
      { name: 'ma_thu_tuc', type: 'string', title: 'Mã thủ tục', description: 'Mã thủ tục hành chính trên Cơ sở dữ liệu quốc gia về thủ tục hành chính (hoặc mã của địa phương).' },
      { name: 'ten_thu_tuc', type: 'string', title: 'Tên thủ tục', description: 'Tên thủ tục.' },
      { name: 'ma_linh_vuc', type: 'string', title: 'Mã lĩnh vực', description: 'Mã lĩnh vực.' },
      { name: 'linh_vuc', type: 'string', title: 'Lĩnh vực', description: 'Tên lĩnh vực.' },
      { name: 'co_quan_giai_quyet', type: 'string', title: 'Cơ quan có thẩm quyền', description: 'Cơ quan giải quyết thủ tục.' },
      { name: 'thoi_han', type: 'string', title: 'Thời hạn giải quyết', description: 'Thời hạn giải quyết theo quy định.' },
      { name: 'phi_le_phi', type: 'string', title: 'Phí, lệ phí', description: 'Các khoản phí, lệ phí và mức thu; trống khi không thu.' },
      { name: 'cach_thuc', type: 'string', title: 'Cách thức thực hiện', description: 'Trực tiếp, trực tuyến, bưu chính công ích (ngăn cách bằng dấu ;).' },
      { name: 'truc_tuyen_toan_trinh', type: 'boolean', title: 'Trực tuyến toàn trình', description: 'Thủ tục đủ điều kiện và được cung cấp trực tuyến toàn trình.' },
      { name: 'mau_don_to_khai', type: 'string', title: 'Mẫu đơn, tờ khai', description: 'Tên các mẫu đơn, tờ khai (ngăn cách bằng dấu ;).' },
      { name: 'chi_huong_dan', type: 'boolean', title: 'Xã chỉ hướng dẫn', description: 'Thủ tục do cơ quan khác giải quyết; xã hướng dẫn người dân nộp tại đó.' },
      { name: 'hieu_luc_tu', type: 'string', title: 'Hiệu lực từ', description: 'Ngày phiên bản thủ tục có hiệu lực, dạng YYYY-MM-DD.' },
    ],
  },
];

export const datasetDef = (id: string): DatasetDef | undefined => DATASETS.find((d) => d.id === id);

export type Row = Record<string, string | number | boolean | null>;

/** The rows as CSV (UTF-8, header row of the field names, CRLF, RFC 4180). */
export function toCsv(def: DatasetDef, rows: readonly Row[]): string {
  return csvLine(def.fields.map((f) => f.name)) + rows.map((r) => csvLine(def.fields.map((f) => r[f.name] ?? null))).join('');
}

/** The rows as JSON: exactly the schema's fields, in its order. */
export function toJson(def: DatasetDef, rows: readonly Row[]): Row[] {
  return rows.map((r) => Object.fromEntries(def.fields.map((f) => [f.name, r[f.name] ?? null])));
}

/** The dataset's Frictionless Table Schema (https://specs.frictionlessdata.io/table-schema/). */
export function tableSchema(def: DatasetDef) {
  return {
    fields: def.fields.map((f) => ({
      name: f.name, type: f.type, title: f.title, description: f.description,
      ...(f.type === 'integer' || f.type === 'number' ? { constraints: { minimum: 0 } } : {}),
    })),
    primaryKey: [...def.primaryKey],
    missingValues: [''],
  };
}
