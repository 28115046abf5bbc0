// How long each kind of record is kept (pure data, effective-dated like the other rule sets): the rows the purge
// job removes once their period is over, and the legal records it never touches. Luật Bảo vệ dữ liệu cá nhân
// 91/2025/QH15, Điều 3: personal data are kept only as long as their purpose requires, unless a law says otherwise;
// the dossiers, their history and the ledgers are the commune's records that the archival rules keep
// (Luật Lưu trữ; domain.md §9.1), so they are kept whatever a citizen asks.

export const RECORD_KINDS = [
  'citizen_sessions', 'citizen_logins', 'staff_sessions', 'staff_login_pending', 'drafts', 'idempotency_keys',
  'attempt_counters', 'failed_attempts', 'notifications', 'sync_messages', 'citizen_accounts',
  'dossiers', 'dossier_events', 'payments', 'access_log', 'admin_audit', 'ratings', 'petitions', 'privacy_requests', 'staff_logins',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface RetentionRule {
  kind: RecordKind;
  /** What it is, for the citizen's page and the purge report. */
  label: string;
  /** Hours after the rule's starting point before a row is removed; null: a legal record, never purged. */
  hours: number | null;
  /** The period in plain Vietnamese. */
  period: string;
  /** Why (a legal source or the purpose). */
  basis: string;
}

export interface RetentionVersion {
  effectiveFrom: string;
  rules: readonly RetentionRule[];
}

const DAY = 24;
const PDP = 'Luật Bảo vệ dữ liệu cá nhân 2025: chỉ lưu trong thời gian cần cho mục đích xử lý';
const ARCHIVE = 'Hồ sơ, sổ sách của cơ quan nhà nước: lưu trữ theo pháp luật về lưu trữ, không xóa theo yêu cầu';

export const RETENTION_VERSIONS: readonly RetentionVersion[] = [
  {
    effectiveFrom: '2026-01-01', // the law and NĐ 356/2025 in force
    rules: [
      { kind: 'citizen_sessions', label: 'Phiên đăng nhập cổng dịch vụ công', hours: 0, period: 'Xóa khi hết hạn (4 giờ)', basis: PDP },
      { kind: 'citizen_logins', label: 'Lượt đăng nhập VNeID đang chờ hoàn tất', hours: 0, period: 'Xóa khi hết hạn (10 phút)', basis: PDP },
      { kind: 'staff_sessions', label: 'Phiên đăng nhập của cán bộ', hours: 0, period: 'Xóa khi hết hạn', basis: PDP },
      { kind: 'staff_login_pending', label: 'Đăng nhập cán bộ chờ mã xác thực', hours: 0, period: 'Xóa khi hết hạn', basis: PDP },
      // The 30-day rule of src/web/portal/drafts.ts (KEEP_DAYS).
      { kind: 'drafts', label: 'Hồ sơ đang soạn chưa nộp', hours: 30 * DAY, period: '30 ngày sau lần sửa cuối', basis: PDP },
      // IDEMPOTENCY_TTL_HOURS (src/http/idempotency.ts): the stored response may show ID numbers.
      { kind: 'idempotency_keys', label: 'Bản lưu tạm kết quả gửi biểu mẫu', hours: 1 * DAY, period: '24 giờ', basis: PDP },
      { kind: 'attempt_counters', label: 'Bộ đếm lượt thử sai (chống dò mã)', hours: 1 * DAY, period: '1 ngày sau khi hết khung đếm', basis: PDP },
      { kind: 'failed_attempts', label: 'Nhật ký lượt đăng nhập, tra cứu sai', hours: 1 * DAY, period: '1 ngày', basis: PDP },
      { kind: 'notifications', label: 'Tin nhắn, thư thông báo đã gửi', hours: 90 * DAY, period: '90 ngày sau khi gửi', basis: PDP },
      // Delivered sync messages keep no personal data (the payload is cleared on delivery, src/sync/store.ts); the
      // dossier's sync state (dossier_sync) stays. A year covers the daily reconciliations and the annual 766 review.
      { kind: 'sync_messages', label: 'Bản tin đồng bộ hồ sơ đã gửi lên Cổng Dịch vụ công quốc gia', hours: 365 * DAY, period: '1 năm sau khi gửi', basis: PDP },
      { kind: 'citizen_accounts', label: 'Tài khoản cổng dịch vụ công không có hồ sơ', hours: 730 * DAY, period: '2 năm không đăng nhập, không có hồ sơ, không có yêu cầu', basis: PDP },
      { kind: 'dossiers', label: 'Hồ sơ thủ tục hành chính và thông tin cá nhân trong hồ sơ', hours: null, period: 'Lưu trữ theo quy định', basis: ARCHIVE },
      { kind: 'dossier_events', label: 'Lịch sử xử lý hồ sơ', hours: null, period: 'Lưu trữ theo quy định', basis: ARCHIVE },
      { kind: 'payments', label: 'Sổ thu phí, lệ phí', hours: null, period: 'Lưu trữ theo quy định', basis: 'Sổ kế toán: lưu trữ theo pháp luật về kế toán' },
      { kind: 'access_log', label: 'Nhật ký truy cập dữ liệu cá nhân', hours: null, period: 'Lưu trữ, không sửa, không xóa', basis: 'Nghị định 356/2025/NĐ-CP: ghi nhận việc xử lý dữ liệu cá nhân' },
      { kind: 'admin_audit', label: 'Nhật ký thay đổi quản trị', hours: null, period: 'Lưu trữ, không sửa, không xóa', basis: ARCHIVE },
      { kind: 'ratings', label: 'Đánh giá mức độ hài lòng', hours: null, period: 'Lưu cùng hồ sơ', basis: 'Quyết định 766/QĐ-TTg: số liệu đánh giá chất lượng phục vụ' },
      { kind: 'petitions', label: 'Phản ánh, kiến nghị và trả lời', hours: null, period: 'Lưu trữ theo quy định', basis: ARCHIVE },
      { kind: 'privacy_requests', label: 'Yêu cầu về dữ liệu cá nhân và trả lời', hours: null, period: 'Lưu trữ theo quy định', basis: 'Nghị định 356/2025/NĐ-CP: chứng minh việc thực hiện quyền của chủ thể dữ liệu' },
      { kind: 'staff_logins', label: 'Nhật ký đăng nhập của cán bộ', hours: null, period: 'Lưu trữ', basis: 'An toàn thông tin: nhật ký truy cập hệ thống' },
    ],
  },
];

/** The rules in force on `date` ('YYYY-MM-DD'): the latest version starting on or before it (the first one before). */
export function retentionAt(date: string): RetentionVersion {
  const inForce = RETENTION_VERSIONS.filter((v) => v.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? RETENTION_VERSIONS[0]!;
}

export const ruleOf = (v: RetentionVersion, kind: RecordKind): RetentionRule => v.rules.find((r) => r.kind === kind)!;

/** The kinds the purge job removes (a period), in the order it removes them. */
export const purgedKinds = (v: RetentionVersion): RetentionRule[] => v.rules.filter((r) => r.hours !== null);

/** The instant before which a row of this rule is over its period (null: never). */
export const cutoffOf = (r: RetentionRule, now: Date): Date | null => (r.hours === null ? null : new Date(+now - r.hours * 3_600_000));
