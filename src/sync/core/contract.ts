// The DVCQG sync contract as the portal checks it (pure), declared independently of our mapping (core/mapping.ts):
// the stand-in portal (src/outside/portal-standin.ts) validates every message with it, so a wrong mapping fails a
// test. Field names and code lists: domain.md §10.2 (the Thanh Hóa `HoSoDongBoDVC` DTO, tag [S]; to check against the
// official TT 04/2025/TT-VPCP annex), status codes §2.5, DuocThanhToanTrucTuyen §2.8, DinhDanhCHS §10.2.
// What the sources leave open is decided here and documented (docs/architecture.md § sync): the error codes, the
// transitions the portal accepts, the required fields per status.

/** The portal's answer: error_code "0" = accepted (domain.md §10.2: `{error_code, message}`). */
export interface PortalAnswer {
  error_code: string;
  message: string;
}

/** Stable error codes of the contract (ours to define: the sources name only the answer's shape). */
export const PORTAL_ERRORS = {
  OK: '0',
  MISSING_FIELD: 'THIEU_TRUONG',
  BAD_FORMAT: 'SAI_DINH_DANG',
  BAD_CODE: 'SAI_MA_DANH_MUC',
  ILLEGAL_TRANSITION: 'SAI_CHUYEN_TRANG_THAI',
  UNKNOWN_DOSSIER: 'HO_SO_KHONG_TON_TAI',
  DOSSIER_EXISTS: 'HO_SO_DA_TON_TAI',
  DUPLICATE_MESSAGE: 'TRUNG_MA_THONG_DIEP',
  TOO_MANY: 'VUOT_SO_LUONG',
  UNAUTHORIZED: 'KHONG_XAC_THUC',
  UNAVAILABLE: 'TAM_NGUNG',
} as const;

/** Answers that no re-send can change (the message itself is wrong): the sender stops and shows them. */
export const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  PORTAL_ERRORS.MISSING_FIELD, PORTAL_ERRORS.BAD_FORMAT, PORTAL_ERRORS.BAD_CODE, PORTAL_ERRORS.ILLEGAL_TRANSITION,
  PORTAL_ERRORS.UNKNOWN_DOSSIER, PORTAL_ERRORS.DOSSIER_EXISTS, PORTAL_ERRORS.DUPLICATE_MESSAGE, PORTAL_ERRORS.TOO_MANY,
]);

/** The contract's three configured endpoints (URLThemMoi, URLCapNhat, URLDongBoTienTrinh; domain.md §10.2) and the
 *  count query of the daily reconciliation, relative to the portal's base address. */
export const PORTAL_PATHS = {
  create: '/api/dvcqg/hoso/themmoi',
  update: '/api/dvcqg/hoso/capnhat',
  history: '/api/dvcqg/hoso/dongbotientrinh',
  counts: '/api/dvcqg/hoso/thongke',
} as const;

/** A process-history message carries at most this many steps (domain.md §10.2: batches of 10). */
export const MAX_STEPS_PER_MESSAGE = 10;

/** Code lists (domain.md §10.2, §2.5, §2.8). */
export const CODE_LISTS = {
  KenhThucHien: [1, 2, 3], // direct / online / postal
  LoaiDoiTuong: [1, 2, 3, 4], // citizen / enterprise / state agency / organisation
  TrangThaiHoSo: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  DuocThanhToanTrucTuyen: [1, 2, 3], // DVCQG platform / ministry or provincial gateway / other (Thanh Hóa sends 3)
  LoaiDinhDanh: [1, 2], // 12-digit ID number / other
  flag: [0, 1],
} as const;

/**
 * Transitions of TrangThaiHoSo the portal accepts on an update (besides staying in the same status): the national
 * lifecycle of domain.md §2.5. 5 → 1: a supplement asked for before receipt and provided (the dossier is filed again);
 * 5 → 4: provided after receipt. Nothing leaves 3, 7, 8 or 10.
 */
export const TRANSITIONS: Readonly<Record<number, readonly number[]>> = {
  1: [2, 3, 5, 7],
  2: [4, 5, 7, 8],
  3: [],
  4: [5, 6, 7, 8, 9],
  5: [1, 4, 7, 8],
  6: [4, 7, 8],
  7: [],
  8: [],
  9: [10],
  10: [],
};

export const DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Whether `s` is a real date-time written yyyyMMddHHmmss. */
export function isContractDate(s: unknown): boolean {
  if (typeof s !== 'string') return false;
  const m = DATE_PATTERN.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60 && se < 60 && y >= 2000;
}

/** A dossier code: `<agency e-identifier>-<YYMMDD>-<sequence>` (domain.md §2.4, also the centralised `AAXXXX` form). */
export const DOSSIER_CODE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*-\d{6}-\d{4,}$/;

export type Problem = PortalAnswer;
const fail = (error_code: string, message: string): Problem => ({ error_code, message });

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Field-level rules, applied in order; the first broken one is the answer. */
class Check {
  problem: Problem | null = null;
  constructor(private readonly o: Obj, private readonly where: string) {}
  private set(p: Problem) {
    this.problem ??= p;
    return this;
  }
  required(...fields: string[]) {
    for (const f of fields) if (!present(this.o[f])) return this.set(fail(PORTAL_ERRORS.MISSING_FIELD, `${this.where}: thiếu trường ${f}.`));
    return this;
  }
  text(f: string, max: number) {
    const v = this.o[f];
    if (present(v) && (typeof v !== 'string' || v.length > max)) return this.set(fail(PORTAL_ERRORS.BAD_FORMAT, `${this.where}: ${f} phải là chuỗi không quá ${max} ký tự.`));
    return this;
  }
  date(...fields: string[]) {
    for (const f of fields) {
      const v = this.o[f];
      if (present(v) && !isContractDate(v)) return this.set(fail(PORTAL_ERRORS.BAD_FORMAT, `${this.where}: ${f} phải có dạng yyyyMMddHHmmss.`));
    }
    return this;
  }
  code(f: string, list: readonly number[]) {
    const v = this.o[f];
    if (present(v) && !(typeof v === 'number' && list.includes(v))) {
      return this.set(fail(PORTAL_ERRORS.BAD_CODE, `${this.where}: ${f} = ${JSON.stringify(v)} không thuộc danh mục (${list.join(', ')}).`));
    }
    return this;
  }
  flags(...fields: string[]) {
    for (const f of fields) this.code(f, CODE_LISTS.flag);
    return this;
  }
  list(f: string, each: (item: Obj, where: string) => Problem | null) {
    const v = this.o[f];
    if (!present(v)) return this;
    if (!Array.isArray(v)) return this.set(fail(PORTAL_ERRORS.BAD_FORMAT, `${this.where}: ${f} phải là danh sách.`));
    v.forEach((item, i) => {
      const w = `${this.where}.${f}[${i}]`;
      const p = isObj(item) ? each(item, w) : fail(PORTAL_ERRORS.BAD_FORMAT, `${w}: phải là đối tượng.`);
      if (p) this.set(p);
    });
    return this;
  }
  rule(ok: boolean, p: () => Problem) {
    return ok ? this : this.set(p());
  }
}

const file = (o: Obj, w: string) =>
  new Check(o, w).required('TepDinhKemId', 'TenTepDinhKem', 'MaThanhPhanHoSo').text('TenTepDinhKem', 4000)
    .flags('DuocSoHoa', 'DuocTaiSuDung', 'DuocLayTuKhoDMQG', 'IsDeleted').text('DuongDanTaiTepTin', 2000).problem;

const fee = (o: Obj, w: string) =>
  new Check(o, w).required('TenPhiLePhi', 'MaPhiLePhi', 'HinhThucThu', 'LoaiPhiLePhi')
    .rule(typeof o.Gia === 'number' && Number.isInteger(o.Gia) && o.Gia >= 0, () => fail(PORTAL_ERRORS.BAD_FORMAT, `${w}: Gia phải là số nguyên không âm.`)).problem;

const result = (o: Obj, w: string) =>
  new Check(o, w).required('TenGiayTo', 'GiayToId').text('DuongDanTepTinKetQua', 2000)
    .rule(!present(o.DuongDanTepTinKetQua) || /^https?:\/\//.test(String(o.DuongDanTepTinKetQua)),
      () => fail(PORTAL_ERRORS.BAD_FORMAT, `${w}: DuongDanTepTinKetQua phải là địa chỉ tải về (http/https).`)).problem;

const supplement = (o: Obj, w: string) =>
  new Check(o, w).required('HoSoBoSungId', 'NoiDungBoSung', 'NgayBoSung', 'TrangThaiBoSung')
    .date('NgayBoSung', 'NgayTiepNhanBoSung', 'NgayHenTraTruoc', 'NgayHenTraMoi').code('TrangThaiBoSung', [1, 2]).problem;

const identifier = (o: Obj, w: string) =>
  new Check(o, w).required('LoaiDinhDanh', 'SoDinhDanh').code('LoaiDinhDanh', CODE_LISTS.LoaiDinhDanh)
    .rule(o.LoaiDinhDanh !== 1 || /^\d{12}$/.test(String(o.SoDinhDanh)),
      () => fail(PORTAL_ERRORS.BAD_FORMAT, `${w}: SoDinhDanh loại 1 phải là số định danh cá nhân 12 chữ số.`)).problem;

const database = (o: Obj, w: string) => new Check(o, w).required('MaCSDL').problem;

/** Checks one `HoSo` (create or update) on its own: fields, formats, code lists, what each status requires. */
export function checkHoSo(h: unknown): Problem | null {
  if (!isObj(h)) return fail(PORTAL_ERRORS.BAD_FORMAT, 'HoSo phải là đối tượng JSON.');
  const status = h.TrangThaiHoSo;
  const c = new Check(h, 'HoSo')
    .required('MaHoSo', 'MaTTHC', 'TenTTHC', 'MaLinhVuc', 'TenLinhVuc', 'KenhThucHien', 'ChuHoSo', 'LoaiDoiTuong', 'TrangThaiHoSo',
      'NgayNopHoSo', 'MaDonViTiepNhan', 'DonViXuLy')
    .rule(typeof h.MaHoSo === 'string' && DOSSIER_CODE.test(h.MaHoSo), () => fail(PORTAL_ERRORS.BAD_FORMAT, 'HoSo: MaHoSo không đúng dạng <mã định danh>-<YYMMDD>-<số thứ tự>.'))
    .code('KenhThucHien', CODE_LISTS.KenhThucHien).code('LoaiDoiTuong', CODE_LISTS.LoaiDoiTuong)
    .code('TrangThaiHoSo', CODE_LISTS.TrangThaiHoSo).code('DuocThanhToanTrucTuyen', CODE_LISTS.DuocThanhToanTrucTuyen)
    .flags('TaiKhoanDuocXacThucVoiVNeID', 'HoSoCoThanhPhanSoHoa')
    .text('ChuHoSo', 500).text('TrichYeuHoSo', 1000).text('Email', 200).text('SoDienThoai', 20)
    .date('NgayTiepNhan', 'NgayHenTra', 'NgayTra', 'NgayKetThucXuLy', 'NgayTuChoi', 'NgayNopHoSo')
    // What each status requires: received (2, 4, 6, 9, 10) → receipt and promised time; refused → its
    // time; processed or returned → the end of processing; returned → the return time.
    .rule(![2, 4, 6, 9, 10].includes(status as number) || (present(h.NgayTiepNhan) && present(h.NgayHenTra)),
      () => fail(PORTAL_ERRORS.MISSING_FIELD, 'HoSo: hồ sơ đã tiếp nhận phải có NgayTiepNhan và NgayHenTra.'))
    .rule(status !== 3 || present(h.NgayTuChoi), () => fail(PORTAL_ERRORS.MISSING_FIELD, 'HoSo: hồ sơ không được tiếp nhận phải có NgayTuChoi.'))
    .rule(!(status === 9 || status === 10) || present(h.NgayKetThucXuLy), () => fail(PORTAL_ERRORS.MISSING_FIELD, 'HoSo: hồ sơ đã xử lý xong phải có NgayKetThucXuLy.'))
    .rule(status !== 10 || present(h.NgayTra), () => fail(PORTAL_ERRORS.MISSING_FIELD, 'HoSo: hồ sơ đã trả kết quả phải có NgayTra.'))
    .rule(h.KenhThucHien !== 2 || h.TaiKhoanDuocXacThucVoiVNeID !== undefined, () => fail(PORTAL_ERRORS.MISSING_FIELD, 'HoSo: hồ sơ trực tuyến phải có TaiKhoanDuocXacThucVoiVNeID.'))
    .list('TaiLieuNop', file).list('DanhSachLePhi', fee).list('DanhSachGiayToKetQua', result).list('DanhSachHoSoBoSung', supplement)
    .list('DinhDanhCHS', identifier).list('DSKetNoiCSDL', database);
  return c.problem;
}

/** Checks one process step (`TienTrinh`). */
export function checkStep(t: unknown, i: number): Problem | null {
  if (!isObj(t)) return fail(PORTAL_ERRORS.BAD_FORMAT, `TienTrinh[${i}] phải là đối tượng JSON.`);
  return new Check(t, `TienTrinh[${i}]`)
    .required('MaHoSo', 'NguoiXuLy', 'ThoiDiemXuLy', 'NoiDungXuLy', 'TrangThai')
    .date('ThoiDiemXuLy', 'NgayBatDau', 'NgayKetThucTheoQuyDinh').code('TrangThai', CODE_LISTS.TrangThaiHoSo)
    .text('NoiDungXuLy', 2000).problem;
}

/** Whether an update may move a dossier from `from` to `to` (domain.md §2.5). */
export const transitionAllowed = (from: number, to: number) => from === to || (TRANSITIONS[from] ?? []).includes(to);

/** Parses a contract date as Vietnam time (UTC+7) into an instant. */
export function parseContractDate(s: string): Date {
  const m = DATE_PATTERN.exec(s);
  if (!m) throw new Error(`not a contract date: ${s}`);
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h - 7, mi, se));
}
