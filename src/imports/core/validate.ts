// Checking one row of an import file (pure): required fields, formats, the procedure in our catalogue in the version in
// force at the receipt date, the state code and the dates it implies, the ID number. Every reason is collected, in
// Vietnamese, for the report of rejected rows; a row with no reason becomes a `ValidRow`.
// Sources: domain.md §10.2 (HoSo fields, dates yyyyMMddHHmmss), §2.5 (status codes 1–10), §2.4 (dossier code).
import { parseDossierCode } from '../../dossiers/core/code.ts';
import { formatSyncTime, parseSyncTime, vnDay } from './dates.ts';
import { STEP_FIELDS } from './columns.ts';

/** A procedure version as the import reads it from the catalogue. */
export interface ProcedureRef {
  code: string;
  version: number;
  /** YYYY-MM-DD, inclusive. */
  effectiveFrom: string;
  /** YYYY-MM-DD, exclusive; null: still in force. */
  effectiveTo: string | null;
  fieldCode: string;
  authority: string;
  handlingUnitCode: string;
  routingOnly: boolean;
  flags: { eligibleFullOnline: boolean; returnsPaperResult: boolean; hasFee: boolean };
}

export interface ValidationContext {
  /** Versions of each procedure code. */
  procedures: ReadonlyMap<string, readonly ProcedureRef[]>;
  /** The commune's units: code → code, and lower-case name → code. */
  unitCodes: ReadonlySet<string>;
  unitNames: ReadonlyMap<string, string>;
  /** The one-stop desk's unit code (where received dossiers are). */
  receivingUnitCode: string;
  now: Date;
}

/** One step of the earlier system's process history (TienTrinh), kept as text in the import's history entry. */
export type Step = Partial<Record<(typeof STEP_FIELDS)[number], string>>;

export type RawRow = Record<string, string>;

export type Channel = 'direct' | 'online' | 'postal';

export interface ValidRow {
  sourceCode: string;
  /** Kept as the dossier's code (a well-formed code of the receipt date), else null. */
  code: string | null;
  /** The original code when it is not kept as the dossier's code (MaHoSoKhac). */
  externalCode: string | null;
  procedure: ProcedureRef;
  channel: Channel;
  state: number;
  applicantName: string;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  summary: string | null;
  submittedAt: Date | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  /** The unit holding the dossier now (null: none, e.g. awaiting receipt or refused). */
  unitCode: string | null;
  /** DuocThanhToanTrucTuyen: true 1, false 2, null not given (no fee). */
  paidOnline: boolean | null;
  eid: boolean;
  digitised: boolean;
  steps: Step[];
}

export type Checked = { ok: true; row: ValidRow } | { ok: false; sourceCode: string; reasons: string[] };

const CHANNELS: Record<string, Channel> = { '1': 'direct', '2': 'online', '3': 'postal' };
/** States after receipt whose dossier has a receipt time and a promised return time. */
const NEEDS_RECEIPT = new Set([2, 4, 5, 6, 9, 10]);
/** States with an end of processing (NgayKetThucXuLy). */
const FINISHED = new Set([7, 8, 9, 10]);
const MAX_CODE = 60; // dossiers.external_code (migration 027)

const text = (raw: RawRow, k: string) => (raw[k] ?? '').trim();
// Control characters other than tab and line breaks have no place in a name or a code.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The procedure version in force on a Vietnam-local day (YYYY-MM-DD). */
export function versionAt(versions: readonly ProcedureRef[], day: string): ProcedureRef | undefined {
  return versions.find((v) => v.effectiveFrom <= day && (v.effectiveTo === null || day < v.effectiveTo));
}

export function checkRow(raw: RawRow, steps: readonly Step[], ctx: ValidationContext): Checked {
  const reasons: string[] = [];
  const sourceCode = text(raw, 'MaHoSo');
  if (!sourceCode) reasons.push('Thiếu mã hồ sơ (MaHoSo).');
  else if (sourceCode.length > MAX_CODE || CONTROL.test(sourceCode)) reasons.push(`Mã hồ sơ (MaHoSo) dài quá ${MAX_CODE} ký tự hoặc có ký tự không hợp lệ.`);

  const stateText = text(raw, 'TrangThaiHoSo');
  const state = /^(10|[1-9])$/.test(stateText) ? Number(stateText) : null;
  if (state === null) reasons.push(stateText ? `Trạng thái hồ sơ (TrangThaiHoSo) "${stateText}" không thuộc danh mục 1–10.` : 'Thiếu trạng thái hồ sơ (TrangThaiHoSo).');

  const channelText = text(raw, 'KenhThucHien');
  const channel = CHANNELS[channelText] ?? null;
  if (!channel) reasons.push(channelText ? `Kênh thực hiện (KenhThucHien) "${channelText}" phải là 1, 2 hoặc 3.` : 'Thiếu kênh thực hiện (KenhThucHien).');

  const applicantName = text(raw, 'ChuHoSo');
  if (!applicantName) reasons.push('Thiếu họ tên chủ hồ sơ (ChuHoSo).');
  else if (applicantName.length > 200 || CONTROL.test(applicantName)) reasons.push('Họ tên chủ hồ sơ (ChuHoSo) dài quá 200 ký tự hoặc có ký tự không hợp lệ.');

  // The ID number is never repeated in a reason: the report is a file an operator may pass around.
  const idText = text(raw, 'SoGiayToChuHoSo');
  if (idText && !/^\d{12}$/.test(idText)) reasons.push('Số định danh cá nhân (SoGiayToChuHoSo) phải gồm đúng 12 chữ số hoặc để trống.');

  const time = (k: string): Date | null => {
    const s = text(raw, k);
    if (!s) return null;
    const t = parseSyncTime(s);
    if (!t) reasons.push(`${k} "${s}" không đúng định dạng yyyyMMddHHmmss.`);
    else if (t > ctx.now) reasons.push(`${k} (${vnDay(t)}) ở sau thời điểm hiện tại.`);
    return t;
  };
  const submittedAt = time('NgayNopHoSo');
  const receivedAt = time('NgayTiepNhan');
  const dueAt = time('NgayHenTra');
  const finishedAt = time('NgayKetThucXuLy');
  const returnedAt = time('NgayTra');
  const refusedAt = time('NgayTuChoi');
  const has = (k: string) => text(raw, k) !== '';

  // Dates the state implies (domain.md §2.5).
  if (state !== null) {
    if (state === 1) {
      if (!has('NgayNopHoSo')) reasons.push('Hồ sơ mới đăng ký (trạng thái 1) phải có NgayNopHoSo.');
      if (channel && channel !== 'online') reasons.push('Chỉ hồ sơ nộp trực tuyến (KenhThucHien 2) mới ở trạng thái 1 (chưa tiếp nhận).');
      if (has('NgayTiepNhan')) reasons.push('Hồ sơ chưa tiếp nhận (trạng thái 1) không có NgayTiepNhan.');
    }
    if (NEEDS_RECEIPT.has(state)) {
      if (!has('NgayTiepNhan')) reasons.push(`Hồ sơ ở trạng thái ${state} phải có NgayTiepNhan.`);
      if (!has('NgayHenTra')) reasons.push(`Hồ sơ ở trạng thái ${state} phải có NgayHenTra.`);
    }
    if (state === 3 && !has('NgayTuChoi') && !has('NgayKetThucXuLy')) reasons.push('Hồ sơ không được tiếp nhận (trạng thái 3) phải có NgayTuChoi hoặc NgayKetThucXuLy.');
    if (FINISHED.has(state) && !has('NgayKetThucXuLy')) reasons.push(`Hồ sơ ở trạng thái ${state} phải có NgayKetThucXuLy.`);
    if (!FINISHED.has(state) && state !== 3 && has('NgayKetThucXuLy')) reasons.push(`Hồ sơ ở trạng thái ${state} chưa kết thúc xử lý, không có NgayKetThucXuLy.`);
    if (state === 10 && !has('NgayTra')) reasons.push('Hồ sơ đã trả kết quả (trạng thái 10) phải có NgayTra.');
    if (state !== 10 && has('NgayTra')) reasons.push(`Chỉ hồ sơ đã trả kết quả (trạng thái 10) mới có NgayTra (hồ sơ ở trạng thái ${state}).`);
  }
  const order = (a: Date | null, an: string, b: Date | null, bn: string) => {
    if (a && b && b < a) reasons.push(`${bn} (${vnDay(b)}) ở trước ${an} (${vnDay(a)}).`);
  };
  const received = state !== null && state !== 1 && state !== 3 ? receivedAt : null;
  order(submittedAt, 'NgayNopHoSo', received, 'NgayTiepNhan');
  order(received, 'NgayTiepNhan', dueAt, 'NgayHenTra');
  order(received, 'NgayTiepNhan', finishedAt, 'NgayKetThucXuLy');
  order(finishedAt, 'NgayKetThucXuLy', returnedAt, 'NgayTra');
  if (!finishedAt) order(received, 'NgayTiepNhan', returnedAt, 'NgayTra');
  order(submittedAt, 'NgayNopHoSo', refusedAt, 'NgayTuChoi');

  // The procedure, in the version in force at the receipt (or filing) date (domain.md §2.10).
  const code = text(raw, 'MaTTHC');
  let procedure: ProcedureRef | undefined;
  if (!code) reasons.push('Thiếu mã thủ tục hành chính (MaTTHC).');
  else {
    const versions = ctx.procedures.get(code);
    const at = received ?? submittedAt ?? refusedAt ?? finishedAt;
    if (!versions) reasons.push(`Mã thủ tục "${code}" không có trong danh mục thủ tục hành chính của xã.`);
    else if (at) {
      procedure = versionAt(versions, formatSyncTime(at).replace(/^(\d{4})(\d{2})(\d{2}).*/, '$1-$2-$3'));
      if (!procedure) reasons.push(`Thủ tục "${code}" không có phiên bản có hiệu lực vào ngày ${vnDay(at)}.`);
      else if (procedure.routingOnly) reasons.push(`Thủ tục "${code}" do cơ quan khác giải quyết, xã không tiếp nhận hồ sơ.`);
    } else if (state !== null && !reasons.length) reasons.push('Hồ sơ không có thời điểm nộp, tiếp nhận hay kết thúc để xác định phiên bản thủ tục.');
  }

  // The unit named, by code or by name.
  const unitText = text(raw, 'DonViXuLy');
  let unit: string | null = null;
  if (unitText) {
    unit = ctx.unitCodes.has(unitText.toUpperCase()) ? unitText.toUpperCase() : (ctx.unitNames.get(unitText.toLowerCase()) ?? null);
    if (!unit) reasons.push(`Đơn vị xử lý (DonViXuLy) "${unitText}" không có trong danh sách đơn vị của xã.`);
  }

  const flag = (k: string, allowed: readonly string[]): string => {
    const v = text(raw, k);
    if (v && !allowed.includes(v)) reasons.push(`${k} "${v}" phải là ${allowed.join(' hoặc ')} hoặc để trống.`);
    return v;
  };
  const paid = flag('DuocThanhToanTrucTuyen', ['1', '2']);
  const eid = flag('TaiKhoanDuocXacThucVoiVNeID', ['0', '1']);
  const digitised = flag('HoSoCoThanhPhanSoHoa', ['0', '1']);
  const summary = text(raw, 'TrichYeuHoSo');
  if (summary.length > 1000) reasons.push('Trích yếu hồ sơ (TrichYeuHoSo) dài quá 1000 ký tự.');
  const phone = text(raw, 'SoDienThoai');
  if (phone && !/^\+?[\d .()-]{6,20}$/.test(phone)) reasons.push('Số điện thoại (SoDienThoai) không hợp lệ.');
  const email = text(raw, 'Email');
  if (email && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) reasons.push('Thư điện tử (Email) không hợp lệ.');

  if (reasons.length || state === null || !channel || !procedure) return { ok: false, sourceCode, reasons };

  // The original code is kept as the dossier's code when it is one of the receipt date (domain.md §2.4: YYMMDD is the
  // receipt date; a code is issued at receipt only); otherwise it is the external code (MaHoSoKhac).
  const parsed = parseDossierCode(sourceCode);
  const keep = parsed !== null && received !== null && parsed.receiptDate.replace(/-/g, '') === formatSyncTime(received).slice(0, 8);
  const unitCode = state === 1 || state === 3 ? null : state === 2 ? (unit ?? ctx.receivingUnitCode) : (unit ?? procedure.handlingUnitCode);
  return {
    ok: true,
    row: {
      sourceCode, code: keep ? sourceCode : null, externalCode: keep ? null : sourceCode, procedure, channel, state, applicantName,
      idNumber: idText || null, phone: phone || null, email: email || null, summary: summary || null,
      submittedAt: submittedAt ?? (state === 3 ? refusedAt : null) ?? received, receivedAt: received, dueAt: received ? dueAt : null,
      finishedAt: state === 3 ? (finishedAt ?? refusedAt) : FINISHED.has(state) ? finishedAt : null, returnedAt: state === 10 ? returnedAt : null,
      unitCode, paidOnline: paid === '' ? null : paid === '1', eid: eid === '1', digitised: digitised === '1',
      steps: steps.map((s) => Object.fromEntries(STEP_FIELDS.filter((f) => s[f] !== undefined && s[f] !== '').map((f) => [f, String(s[f]).slice(0, 1000)]))),
    },
  };
}
