// The types of document the citizen's data store holds and a procedure's components can be satisfied by (loại giấy
// tờ, the MaKetQua of the national store's API: DanhSachDanhMucKetQua[].MaKetQua). A procedure version names the type
// of its result (`resultCode`); a component names the types that stand for it (`accepts`): a valid store item of one
// of them is offered instead of an upload ("Dùng giấy tờ đã có trong kho"). NĐ 45/2020/NĐ-CP Điều 16 (as amended by
// NĐ 118/2025 Điều 40 khoản 8): an authority must not ask again for a paper it holds in a valid form.
// The codes are this catalogue's own, stable and upper-case, until the national list of result codes is published
// for the province (data, not code: a new type is a line here and a catalogue version that uses it).

export interface DocumentType {
  code: string;
  /** Vietnamese, as the citizen reads it in the store. */
  name: string;
  /** Months the document stays valid from its issue date; absent: valid until revoked or replaced. */
  validMonths?: number;
  /** Where the validity comes from. */
  validityBasis?: string;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { code: 'GIAY_KHAI_SINH', name: 'Giấy khai sinh' },
  { code: 'GCN_KET_HON', name: 'Giấy chứng nhận kết hôn' },
  { code: 'TRICH_LUC_KHAI_TU', name: 'Trích lục khai tử' },
  {
    code: 'GXN_TINH_TRANG_HON_NHAN', name: 'Giấy xác nhận tình trạng hôn nhân',
    validMonths: 6, validityBasis: 'Nghị định 123/2015/NĐ-CP, Điều 23', // 6 months from issue
  },
  { code: 'TRICH_LUC_HO_TICH', name: 'Trích lục hộ tịch' },
  { code: 'XAC_NHAN_THONG_TIN_HO_TICH', name: 'Văn bản xác nhận thông tin hộ tịch' },
  { code: 'GCN_HO_KINH_DOANH', name: 'Giấy chứng nhận đăng ký hộ kinh doanh' },
  { code: 'GIAY_XAC_NHAN_KHUYET_TAT', name: 'Giấy xác nhận khuyết tật' },
  { code: 'BAN_SAO_CHUNG_THUC', name: 'Bản sao có chứng thực' },
];

const BY_CODE = new Map(DOCUMENT_TYPES.map((t) => [t.code, t]));

export const documentType = (code: string): DocumentType | undefined => BY_CODE.get(code);
export const isDocumentType = (code: string): boolean => BY_CODE.has(code);
