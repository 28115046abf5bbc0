// The admin audit trail's rules (pure): what an entry is made of, which fields are secrets (recorded as "changed",
// never their value), what changed between two states, and how an entry reads in Vietnamese (page and CSV export).
// Kept for the security review of level 3 (TCVN 11930:2017, "nhật ký hệ thống" of administrative operations).

export const AUDIT_ACTIONS = {
  'staff.create': 'Thêm cán bộ',
  'staff.update': 'Sửa thông tin, vai trò cán bộ',
  'staff.password_reset': 'Đặt mật khẩu mới',
  'staff.deactivate': 'Ngừng kích hoạt tài khoản',
  'staff.activate': 'Kích hoạt lại tài khoản',
  'staff.totp_reset': 'Đặt lại xác thực hai lớp',
  'staff.phone': 'Sửa số điện thoại công vụ của cán bộ',
  'unit.create': 'Thêm đơn vị',
  'unit.update': 'Sửa đơn vị',
  'unit.phone': 'Sửa số điện thoại của đơn vị',
  'commune.phone': 'Sửa số điện thoại của Ủy ban nhân dân xã',
  'commune.office_hours': 'Sửa giờ làm việc',
  'commune.create': 'Thêm xã vào tỉnh',
  'commune.update': 'Sửa thông tin xã (tên, tỉnh, mã định danh, điện thoại)',
  'commune.procedures': 'Đổi thủ tục tiếp nhận tại Bộ phận Một cửa của xã',
  'api_key.issue': 'Cấp khóa API',
  'api_key.revoke': 'Thu hồi khóa API',
  'catalogue.publish': 'Ban hành phiên bản thủ tục',
  'calendar.set_day': 'Đặt ngày trong lịch làm việc',
  'sync.resend': 'Gửi lại hồ sơ lên Cổng Dịch vụ công quốc gia',
} as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_SCOPES = ['commune', 'province', 'shared'] as const;
export type AuditScope = (typeof AUDIT_SCOPES)[number];

export const SCOPE_NAMES_VI: Record<AuditScope, string> = { commune: 'Xã', province: 'Tỉnh', shared: 'Dùng chung' };

type State = Record<string, unknown>;

/** An administrative change as its service describes it. */
export interface AdminChange {
  action: AuditAction;
  /** Whose data changed: the commune's (scopeId = the commune), the province's (its name) or shared (''). */
  scope: AuditScope;
  scopeId: string;
  objectType: 'staff' | 'unit' | 'commune' | 'api_key' | 'procedure' | 'calendar_day' | 'dossier';
  objectId: string;
  /** What a reader recognises the object by (a name, a code, a date), as it was. */
  objectLabel: string;
  /** The object's state before (null: it did not exist) and after (null: the change removed it). */
  before: State | null;
  after: State | null;
}

/** Who acted, as they were at the time. */
export interface AuditActor {
  kind: 'staff' | 'api_key';
  id: number;
  name: string;
  communeId: string;
}

/** Field names whose values are secrets: recorded as SECRET_MARK, never as value or hash. */
const SECRET = /pass(word)?|hash|secret|token|^key$/i;
export const SECRET_MARK = 'đã thay đổi (không lưu giá trị)';

function withoutSecrets(s: State | null): State | null {
  if (!s) return s;
  return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, SECRET.test(k) ? SECRET_MARK : v]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The entry to store for a change: secrets masked, and for an update only the fields that changed (both sides);
 * a creation keeps its whole `after`, a removal its whole `before`.
 */
export function auditEntry(actor: AuditActor, c: AdminChange) {
  let before = withoutSecrets(c.before);
  let after = withoutSecrets(c.after);
  if (before && after) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => SECRET.test(k) || !same(before![k], after![k]));
    before = Object.fromEntries(keys.filter((k) => k in before!).map((k) => [k, before![k]]));
    after = Object.fromEntries(keys.filter((k) => k in after!).map((k) => [k, after![k]]));
  }
  if (c.scope === 'shared' && c.scopeId !== '') throw new Error('A shared change has no scope id.');
  return {
    scope: c.scope, scopeId: c.scopeId, actorKind: actor.kind, actorId: actor.id, actorName: actor.name, actorCommuneId: actor.communeId,
    action: c.action, objectType: c.objectType, objectId: c.objectId, objectLabel: c.objectLabel, before, after,
  };
}
export type AuditEntry = ReturnType<typeof auditEntry>;

// ── Reading ───────────────────────────────────────────────────────────────────────────────────────────

/** Vietnamese names of the fields the services record (a field without one is shown by its name). */
const FIELD_NAMES_VI: Record<string, string> = {
  username: 'Tên đăng nhập', fullName: 'Họ và tên', title: 'Chức danh', unitId: 'Đơn vị (mã số)', unitCode: 'Đơn vị', roles: 'Vai trò',
  phone: 'Số điện thoại', active: 'Đang hoạt động', password: 'Mật khẩu', totp: 'Xác thực hai lớp', code: 'Mã', name: 'Tên',
  receivesDossiers: 'Tiếp nhận hồ sơ', agencyCode: 'Mã định danh điện tử', periods: 'Các buổi làm việc', revokedAt: 'Thu hồi lúc',
  version: 'Phiên bản', effectiveFrom: 'Hiệu lực từ', effectiveTo: 'Hết hiệu lực', fees: 'Phí, lệ phí', processingTime: 'Thời hạn giải quyết',
  components: 'Thành phần hồ sơ', steps: 'Các bước xử lý', handlingUnitCode: 'Đơn vị xử lý', authority: 'Cơ quan có thẩm quyền',
  type: 'Loại ngày', source: 'Văn bản căn cứ', scope: 'Phạm vi', date: 'Ngày', syncStatus: 'Trạng thái đồng bộ',
};

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  return JSON.stringify(v);
};

/** One line per field: "Họ và tên: A → B" (a creation: "Họ và tên: B"; a removal: "Họ và tên: A →"). */
export function describeChange(before: State | null, after: State | null, names: (field: string, value: unknown) => string = (_f, v) => show(v)): string[] {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return keys.map((k) => {
    const label = FIELD_NAMES_VI[k] ?? k;
    if (!before) return `${label}: ${names(k, after![k])}`;
    if (!after) return `${label}: ${names(k, before[k])} →`;
    return `${label}: ${names(k, before[k])} → ${names(k, after[k])}`;
  });
}

// ── Export ────────────────────────────────────────────────────────────────────────────────────────────

/** A CSV cell: quoted, and a leading =, +, -, @ or control character neutralised so a spreadsheet never runs it. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** CSV (UTF-8 with a byte-order mark so that Excel reads the diacritics; CRLF line ends, RFC 4180). */
export function toCsv(header: string[], rows: string[][]): string {
  return '\ufeff' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
