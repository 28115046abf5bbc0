// The columns of an import file (`xaso import dossiers`): the field names of the national sync contract's `HoSo`
// (domain.md §10.2), so that a CSV export of the earlier system and its sync JSON read alike. The header row of a CSV
// names them, in any order; unknown columns are ignored. Pure data, shown by `xaso help` and the documentation.

export interface ImportColumn {
  readonly name: string;
  readonly required: boolean;
  /** What it holds, in Vietnamese (shown to the operator). */
  readonly text: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { name: 'MaHoSo', required: true, text: 'mã hồ sơ ở hệ thống cũ (giữ làm mã hồ sơ nếu đúng dạng <mã định danh>-<YYMMDD>-<NNNN> của ngày tiếp nhận, nếu không lưu làm mã hồ sơ khác)' },
  { name: 'MaTTHC', required: true, text: 'mã thủ tục hành chính, có trong danh mục của xã và có hiệu lực vào ngày tiếp nhận' },
  { name: 'KenhThucHien', required: true, text: '1 trực tiếp, 2 trực tuyến, 3 bưu chính công ích' },
  { name: 'ChuHoSo', required: true, text: 'họ tên người nộp (chủ hồ sơ)' },
  { name: 'SoGiayToChuHoSo', required: false, text: 'số định danh cá nhân 12 chữ số, hoặc để trống' },
  { name: 'TrangThaiHoSo', required: true, text: 'trạng thái 1–10 theo danh mục đồng bộ Cổng Dịch vụ công quốc gia' },
  { name: 'NgayNopHoSo', required: false, text: 'thời điểm nộp, yyyyMMddHHmmss (giờ Việt Nam); bắt buộc với trạng thái 1' },
  { name: 'NgayTiepNhan', required: false, text: 'thời điểm tiếp nhận; bắt buộc với trạng thái 2, 4, 5, 6, 9, 10' },
  { name: 'NgayHenTra', required: false, text: 'thời điểm hẹn trả; bắt buộc với trạng thái 2, 4, 5, 6, 9, 10' },
  { name: 'NgayKetThucXuLy', required: false, text: 'thời điểm kết thúc xử lý; bắt buộc với trạng thái 7, 8, 9, 10' },
  { name: 'NgayTra', required: false, text: 'thời điểm trả kết quả; bắt buộc với trạng thái 10, để trống với trạng thái khác' },
  { name: 'NgayTuChoi', required: false, text: 'thời điểm từ chối tiếp nhận (trạng thái 3; hoặc NgayKetThucXuLy)' },
  { name: 'DonViXuLy', required: false, text: 'mã hoặc tên đơn vị xử lý của xã; để trống: đơn vị giải quyết của thủ tục' },
  { name: 'DuocThanhToanTrucTuyen', required: false, text: '1 đã thanh toán trực tuyến, 2 thanh toán không trực tuyến, trống: không có phí' },
  { name: 'TaiKhoanDuocXacThucVoiVNeID', required: false, text: '1 nếu nộp bằng tài khoản định danh điện tử VNeID, 0 hoặc trống nếu không' },
  { name: 'HoSoCoThanhPhanSoHoa', required: false, text: '1 nếu mọi thành phần hồ sơ đã được số hóa, 0 hoặc trống nếu không' },
  { name: 'SoDienThoai', required: false, text: 'số điện thoại người nộp' },
  { name: 'Email', required: false, text: 'thư điện tử người nộp' },
  { name: 'TrichYeuHoSo', required: false, text: 'trích yếu hồ sơ, tối đa 1000 ký tự' },
];

export const COLUMN_NAMES: ReadonlySet<string> = new Set(IMPORT_COLUMNS.map((c) => c.name));

/** The fields of one `TienTrinh` step kept in the history entry (JSON files only). */
export const STEP_FIELDS = ['NguoiXuLy', 'ChucDanh', 'ThoiDiemXuLy', 'PhongBanXuLy', 'NoiDungXuLy', 'TrangThai'] as const;
