// Our dossier → the DVCQG sync contract's `HoSo` and `TienTrinh` (pure; domain.md §10.2, the Thanh Hóa `HoSoDongBoDVC`
// DTO, tag [S]). The one place where each field's source is named. The dossier is taken AS OF one log entry (the change
// a message reports): its state and dates are folded from the log's recorded changes up to that entry, so a message
// says what was true at that change, whenever it is sent.
//
// Decisions where the sources are silent or uncertain (documented in docs/architecture.md § sync):
// - States 5, 6 and 8 are sent with their own national codes (they are in the code list, domain.md §2.5), each with
//   its explanatory process step (the reason). The Thanh Hóa sync sends them as 9 (domain.md §10.2: UNCERTAIN whether
//   required or a local workaround); sending "processed" for a stopped dossier would misstate indicator 2.1's end
//   time, so we do not.
// - A dossier without a dossier code (submitted online on our portal and not yet received, or refused before receipt)
//   is not sent: MaHoSo is required and is issued at receipt (domain.md §2.4). Its steps go with its first message,
//   once it has one. A dossier filed on the national portal carries the portal's code from the start (inbound).
// - Dates: yyyyMMddHHmmss in Vietnam time (UTC+7).
import { ACTIONS, isActionType } from '../../dossiers/core/actions.ts';
import { VN_OFFSET_MS } from '../../calendar/core/vn-time.ts';
import type { Fee } from '../../catalogue/core/types.ts';

/** One entry of the dossier's log as the mapping reads it (src/sync/source-store.ts). */
export interface SyncEvent {
  seq: number;
  action: string;
  fromState: number | null;
  toState: number;
  at: Date;
  actorRole: string;
  actorName: string | null;
  actorTitle: string | null;
  /** The name of the acting officer's unit. */
  unitName: string | null;
  payload: Record<string, unknown>;
  /** The projection fields the entry set (dates as ISO strings). */
  changes: Record<string, unknown>;
}

export interface SyncFile {
  id: number;
  component: string;
  fileName: string;
  sha256: string;
  digitised: boolean;
  reused: boolean;
  fromStore: boolean;
  replacesWith: string | null;
}

export interface SyncResult {
  /** The signed document's verification code (src/signatures). */
  code: string;
  title: string;
  signedAt: Date;
}

/** Everything the mapping reads about one dossier (gathered by src/sync/source-store.ts). */
export interface SyncSource {
  /** dossiers.code: issued at receipt (domain.md §2.4). */
  code: string | null;
  /** The national portal's code of a dossier filed there and forwarded to us (src/inbound), else null. */
  portalCode: string | null;
  communeId: string;
  communeName: string;
  channel: 'direct' | 'online' | 'postal';
  applicantName: string;
  applicantIdNumber: string | null;
  /** dossiers.applicant (phone, email, address). */
  applicant: Record<string, unknown>;
  authenticatedWithEid: boolean;
  procedure: { code: string; name: string; fieldCode: string; fieldName: string; fees: readonly Fee[]; resultCode?: string };
  receivingUnitName: string | null;
  /** unit code → unit name, for the processing unit as of a change. */
  unitNames: Readonly<Record<string, string>>;
  /** The log, in order, up to (at least) the entry the message reports. */
  events: readonly SyncEvent[];
  files: readonly SyncFile[];
  results: readonly SyncResult[];
  /** DSKetNoiCSDL codes (src/registries/uses-store.ts registryCodesOf). */
  registryCodes: readonly string[];
}

/** `yyyyMMddHHmmss` in Vietnam time (UTC+7) (domain.md §10.2). */
export function contractDate(d: Date | string): string {
  const t = new Date(+new Date(d) + VN_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

const opt = (d: unknown): string | undefined => (typeof d === 'string' || d instanceof Date ? contractDate(d) : undefined);
const flag = (b: boolean) => (b ? 1 : 0);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The portal's code (MaHoSo): the portal's own for a dossier filed there, else ours. */
export const maHoSo = (s: Pick<SyncSource, 'code' | 'portalCode'>): string | null => s.portalCode ?? s.code;

/** Whether the dossier can be sent at all (it has a MaHoSo). */
export const syncable = (s: Pick<SyncSource, 'code' | 'portalCode'>) => maHoSo(s) !== null;

/** KenhThucHien: 1 direct / 2 online / 3 postal. */
const CHANNEL = { direct: 1, online: 2, postal: 3 } as const;

/** The projection fields as of entry `seq`: the recorded changes folded in order (dossiers/core/projection.ts). */
export function asOf(events: readonly SyncEvent[], seq: number): { state: number; at: Date; fields: Record<string, unknown>; unitCode: string | null } {
  let fields: Record<string, unknown> = {};
  let last: SyncEvent | undefined;
  let unitCode: string | null = null;
  for (const e of events) {
    if (e.seq > seq) break;
    fields = { ...fields, ...e.changes };
    if (typeof e.changes.currentUnitCode === 'string') unitCode = e.changes.currentUnitCode;
    last = e;
  }
  if (!last) throw new Error(`no log entry up to ${seq}`);
  return { state: last.toState, at: last.at, fields, unitCode };
}

/** Where a message goes: create (URLThemMoi) for the first, update (URLCapNhat) after; a dossier filed on the portal
 *  exists there already, so even its first message is an update. */
export function endpointFor(kind: 'create' | 'update', s: Pick<SyncSource, 'portalCode'>): 'create' | 'update' {
  return kind === 'create' && !s.portalCode ? 'create' : 'update';
}

const NOT_RECEIVED = 3;
const SUPPLEMENT_ACTIONS = new Set(['request_supplement', 'request_supplement_before_receipt']);

/** The contract's `HoSo` of the dossier as of log entry `seq`. `publicUrl`: where a signed result is downloaded. */
export function mapHoSo(s: SyncSource, seq: number, publicUrl: string): Record<string, unknown> {
  const code = maHoSo(s);
  if (!code) throw new Error('a dossier without a code is not synced');
  const now = asOf(s.events, seq);
  const f = now.fields;
  const events = s.events.filter((e) => e.seq <= seq);
  const files = filesAsOf(s, seq);
  const refused = events.find((e) => e.toState === NOT_RECEIVED && e.fromState !== NOT_RECEIVED);
  const returned = events.findLast((e) => e.action === 'return_result');
  const paidOnline = events.some((e) => e.action === 'fee_paid' && e.payload.paymentMethod === 'online');
  const handling = now.unitCode ? s.unitNames[now.unitCode] : undefined;
  const last = events[events.length - 1]!;
  const h: Record<string, unknown> = {
    MaHoSo: code, // dossiers.code (§2.4) or the portal's code (src/inbound inboundPortalCode)
    MaTTHC: s.procedure.code, // the procedure's national code (catalogue)
    TenTTHC: s.procedure.name,
    MaLinhVuc: s.procedure.fieldCode, // catalogue field (lĩnh vực)
    TenLinhVuc: s.procedure.fieldName,
    KenhThucHien: CHANNEL[s.channel], // dossiers.channel
    ChuHoSo: s.applicantName, // dossiers.applicant_name
    SoGiayToChuHoSo: s.applicantIdNumber ?? undefined, // dossiers.applicant_id_number (only here: the contract)
    LoaiDoiTuong: 1, // our applicants are persons (dossiers/core/applicant.ts): 1 citizen
    SoDienThoai: str(s.applicant.phone), // dossiers.applicant.phone
    Email: str(s.applicant.email),
    ThongTinKhac: str(s.applicant.address), // the applicant's residence, as written
    TrichYeuHoSo: `${s.procedure.name} - ${s.applicantName}`.slice(0, 1000),
    NgayNopHoSo: contractDate(s.events[0]!.at), // the first log entry: filing (online) or receipt (counter)
    NgayTiepNhan: opt(f.receivedAt), // projection receivedAt
    NgayHenTra: opt(f.dueAt), // projection dueAt (the apology's new date once extended)
    TrangThaiHoSo: now.state, // the log entry's to_state: national codes 1–10 (§2.5), no collapsing (see top)
    NgayKetThucXuLy: now.state === 9 || now.state === 10 ? opt(f.resultIssuedAt ?? f.finishedAt) : opt(f.finishedAt),
    NgayTra: now.state === 10 ? opt(f.returnedAt) : undefined, // projection returnedAt
    HinhThuc: returned ? ({ counter: 1, online: 2, post: 3 } as Record<string, number>)[String(returned.payload.channel)] : undefined,
    ThongTinTra: returned ? returnInfo(String(returned.payload.channel)) : undefined,
    NgayTuChoi: refused ? contractDate(refused.at) : undefined, // the refusal's log entry
    DonViXuLy: handling ?? s.communeName, // the unit holding it as of the change, else the commune
    MaDonViTiepNhan: s.communeId, // communes.id (the inbound contract's unit key; the count query's scope)
    NoiNopHoSo: s.channel === 'online' ? 'Cổng Dịch vụ công' : (s.receivingUnitName ?? s.communeName),
    GhiChu: reasonOf(last), // the explanation of the latest change (refusal, supplement, stop, withdrawal…)
    HoSoCoThanhPhanSoHoa: flag(files.some((x) => x.digitised)), // dossier_files.digitised
    TaiKhoanDuocXacThucVoiVNeID: flag(s.authenticatedWithEid), // dossiers.authenticated_with_eid
    DuocThanhToanTrucTuyen: paidOnline ? 2 : 3, // fee_paid online through our (provincial) gateway: 2; else 3 (§2.8)
    DinhDanhCHS: s.applicantIdNumber
      ? [{ LoaiDinhDanh: /^\d{12}$/.test(s.applicantIdNumber) ? 1 : 2, SoDinhDanh: s.applicantIdNumber }] : [],
    DSKetNoiCSDL: s.registryCodes.map((c) => ({ MaCSDL: c })), // registries/uses-store.ts registryCodesOf
    TaiLieuNop: files.map((x) => ({
      TepDinhKemId: String(x.id), // dossier_files.id
      TenTepDinhKem: x.fileName.slice(0, 4000),
      MaThanhPhanHoSo: x.component, // the procedure's component code
      IsDeleted: 0,
      DuocSoHoa: flag(x.digitised), // dossier_files.digitised
      DuocTaiSuDung: flag(x.reused), // dossier_files.reused
      DuocLayTuKhoDMQG: flag(x.fromStore), // dossier_files.from_store (the citizen's data store, §3.4)
      ...(x.replacesWith ? { MaKetQuaThayThe: x.replacesWith } : {}), // dossier_files.replaces_with
    })),
    DanhSachLePhi: s.procedure.fees.map((x) => ({
      TenPhiLePhi: x.name, MaPhiLePhi: x.code, // the procedure version's fees (catalogue)
      HinhThucThu: x.amountVnd === 0 ? 'Đối tượng miễn phí' : 'Thu trước', // §2.8; collected before processing
      Gia: x.amountVnd,
      LoaiPhiLePhi: x.kind === 'fee' ? 1 : 2, // 1 phí, 2 lệ phí
    })),
    DanhSachGiayToKetQua: now.state >= 9 ? s.results.map((r) => ({
      TenGiayTo: r.title, // signed_documents.title
      MaThanhPhanHoSo: 'KET_QUA',
      GiayToId: r.code, // the verification code
      DuongDanTepTinKetQua: `${publicUrl}/xac-thuc/tai-ve?ma=${encodeURIComponent(r.code)}`, // public download (web/portal/verify-routes.tsx)
      MaGiayToKetQua: s.procedure.resultCode ?? `KQ_${s.procedure.code}`, // MaKetQuaChinh
    })) : [],
    DanhSachHoSoBoSung: supplements(code, events),
  };
  return Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined));
}

/** The dossier's files as of entry `seq`: those an `attach_file` entry up to it vouches for (by sha256), and those no
 *  entry names (attached before the log recorded files); never the draft result (KET_QUA). */
function filesAsOf(s: SyncSource, seq: number): SyncFile[] {
  const hashOf = (e: SyncEvent) => String((e.payload.file as { sha256?: unknown } | undefined)?.sha256 ?? '');
  const attaches = s.events.filter((e) => e.action === 'attach_file');
  const logged = new Set(attaches.map(hashOf));
  const upTo = new Set(attaches.filter((e) => e.seq <= seq).map(hashOf));
  return s.files.filter((x) => x.component !== 'KET_QUA' && (upTo.has(x.sha256) || !logged.has(x.sha256)));
}

function returnInfo(channel: string): string {
  if (channel === 'online') return 'Trả kết quả điện tử vào kho dữ liệu của người nộp';
  if (channel === 'post') return 'Trả kết quả qua dịch vụ bưu chính';
  return 'Trả kết quả tại Bộ phận Một cửa';
}

/** The explanation a change carries (reason, items, new appointment), for GhiChu and the process step. */
function reasonOf(e: SyncEvent): string | undefined {
  const parts: string[] = [];
  const reason = str(e.payload.reason);
  if (reason) parts.push(reason);
  if (Array.isArray(e.payload.items) && e.payload.items.length) parts.push(`Cần bổ sung: ${e.payload.items.join('; ')}`);
  if (str(e.payload.description)) parts.push(String(e.payload.description));
  if (e.action === 'apologize_extend' && e.payload.newDueAt) parts.push(`Hẹn trả kết quả mới: ${contractDate(e.payload.newDueAt as string)}`);
  return parts.length ? parts.join('. ').slice(0, 2000) : undefined;
}

/** DanhSachHoSoBoSung: each supplement request of the log, answered (2) by the next `supplement_provided`, else 1. */
function supplements(code: string, events: readonly SyncEvent[]) {
  const out: Record<string, unknown>[] = [];
  let due: unknown;
  events.forEach((e, i) => {
    if (typeof e.changes.dueAt === 'string' && !SUPPLEMENT_ACTIONS.has(e.action)) due = e.changes.dueAt;
    if (!SUPPLEMENT_ACTIONS.has(e.action)) return;
    const answer = events.slice(i + 1).find((x) => x.action === 'supplement_provided');
    out.push(Object.fromEntries(Object.entries({
      HoSoBoSungId: `${code}-BS${out.length + 1}`, // stable: the request's rank in the log
      NguoiYeuCauBoSung: e.actorName ?? 'Cán bộ',
      NoiDungBoSung: reasonOf(e) ?? 'Bổ sung hồ sơ',
      NgayBoSung: contractDate(e.at),
      NguoiTiepNhanBoSung: answer ? (answer.actorName ?? 'Hệ thống') : undefined,
      NgayTiepNhanBoSung: answer ? contractDate(answer.at) : undefined,
      TrangThaiBoSung: answer ? 2 : 1,
      NgayHenTraTruoc: opt(due),
      NgayHenTraMoi: answer ? opt(answer.changes.dueAt) : undefined,
    }).filter(([, v]) => v !== undefined)));
  });
  return out;
}

/** The process steps (`TienTrinh`) of log entries `from`…`to`, one per entry (domain.md §10.2). */
export function mapSteps(s: SyncSource, from: number, to: number): Record<string, unknown>[] {
  const code = maHoSo(s);
  if (!code) throw new Error('a dossier without a code is not synced');
  let fields: Record<string, unknown> = {};
  const out: Record<string, unknown>[] = [];
  for (const e of s.events) {
    if (e.seq > to) break;
    fields = { ...fields, ...e.changes };
    if (e.seq < from) continue;
    const label = isActionType(e.action) ? ACTIONS[e.action].label : e.action;
    const reason = reasonOf(e);
    out.push(Object.fromEntries(Object.entries({
      MaHoSo: code,
      NguoiXuLy: e.actorName ?? (e.actorRole === 'citizen' ? 'Người nộp hồ sơ' : 'Hệ thống'), // dossier_events.actor_name
      ChucDanh: e.actorTitle ?? undefined, // dossier_events.actor_title (as they were)
      ThoiDiemXuLy: contractDate(e.at), // dossier_events.at
      PhongBanXuLy: e.unitName ?? undefined, // the acting officer's unit
      NoiDungXuLy: (reason ? `${label}: ${reason}` : label).slice(0, 2000), // the action's label (+ the explanation)
      TrangThai: e.toState, // dossier_events.to_state
      NgayBatDau: contractDate(e.at),
      NgayKetThucTheoQuyDinh: opt(fields.stepDueAt ?? fields.dueAt),
    }).filter(([, v]) => v !== undefined)));
  }
  return out;
}

/** Steps in batches of at most `size` (domain.md §10.2: 10 per call). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
