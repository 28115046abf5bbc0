// The administrator's security self-check (issue 13), pure: from facts measured elsewhere (self-check.ts), each
// control the platform provides toward an information system of level 3 (cấp độ 3) gets a status, what was measured
// and what to do, in Vietnamese.
//
// Basis: Nghị định 85/2016/NĐ-CP (security levels of information systems; a system offering online public services
// and holding many citizens' personal data is usually level 3) and TCVN 11930:2017 (baseline technical requirements
// per level: network and host security; application security: authentication, sessions, input, logging; data
// security: backup, encryption; operations). Whether a decree under Luật An ninh mạng 116/2025/QH15 (in force
// 01/7/2026) replaces them is UNCERTAIN (domain.md § 9.2): the controls stay the same minimums either way.
import { fmtDateTime } from '../../shared/format.ts';

export type ControlStatus = 'ok' | 'warn' | 'fail';

export const STATUS_NAMES_VI: Record<ControlStatus, string> = { ok: 'Đạt', warn: 'Cần chú ý', fail: 'Chưa đạt' };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The thresholds, as data. Each says why it is that number. */
export const THRESHOLDS = {
  /** A backup at most a day old: a commune can re-enter one day of dossiers from the paper receipts, not more. */
  backupOkHours: 24,
  /** Up to a week old the backup still restores the commune, but a week of work would be re-entered: warn; older fails. */
  backupWarnDays: 7,
  /** A restore drill each quarter: a backup nobody has restored is a hope, and procedures, keys and people change. */
  restoreDrillDays: 90,
  /** The stored files' key-encryption keys (`xaso keys rotate`, vault/) rotated at least yearly. */
  keyRotationMonths: 12,
  /** Checkpoints are written hourly (integrity/checkpoints.ts): two hours tolerates one missed run, not two. */
  checkpointHours: 2,
} as const;

/** The history trails that must refuse UPDATE, DELETE and TRUNCATE for every role (their triggers), with their names. */
export const HISTORY_TRAILS: readonly { table: string; label: string }[] = [
  { table: 'dossier_events', label: 'Nhật ký xử lý hồ sơ' },
  { table: 'payment_orders', label: 'Lệnh thanh toán phí, lệ phí' },
  { table: 'payment_entries', label: 'Sổ thu phí, lệ phí' },
  { table: 'signed_documents', label: 'Văn bản đã ký số' },
  { table: 'signed_document_status', label: 'Thu hồi, thay thế văn bản đã ký số' },
  { table: 'admin_audit', label: 'Nhật ký quản trị' },
  { table: 'ops_events', label: 'Nhật ký sao lưu, diễn tập khôi phục, đổi khóa' },
  { table: 'privacy_request_events', label: 'Nhật ký yêu cầu về dữ liệu cá nhân' },
];
/** Showings of ID numbers and declarations (migration 030). */
export const ACCESS_LOG = 'access_log';

export interface OpsFact {
  /** The latest successful operation. */
  lastOk: Date | null;
  /** The latest attempt, successful or not. */
  lastAttempt: { at: Date; ok: boolean } | null;
}

export interface TrailFact {
  table: string;
  /** An enabled BEFORE trigger on UPDATE and DELETE (row level). */
  rowGuard: boolean;
  /** An enabled trigger on TRUNCATE. */
  truncateGuard: boolean;
}

export interface AdminAccount {
  fullName: string;
  username: string;
  communeName: string;
  provinceLevel: boolean;
}

export interface SecurityFacts {
  tls: {
    publicUrl: string;
    /** XASO_TRUST_PROXY: the proxies' addresses, or false when none is set. */
    proxies: string[] | false;
    /** The protocol this request reached the platform by, as the trusted proxy says (X-Forwarded-Proto) or the socket. */
    requestProtocol: string;
  };
  backup: OpsFact;
  restoreDrill: OpsFact;
  keyRotation: OpsFact;
  /** Active accounts with the administrator roles in the reader's scope, and those without a second factor. */
  admins: { scope: 'commune' | 'province'; total: number; without: AdminAccount[] };
  runtimeLogin: { name: string; superuser: boolean };
  checkpoints: {
    latestAt: Date | null;
    /** Newer checkpoint files whose signature does not hold. */
    invalid: number;
    /** When the latest entry of any action log was recorded. */
    lastEntryAt: Date | null;
    /** Why the checkpoints could not be read (a message for the administrator), or null. */
    unreadable: string | null;
  };
  trails: TrailFact[];
  loginPolicy: { minPassword: number; userMax: number; ipMax: number; windowMinutes: number };
}

export interface Control {
  id: 'tls' | 'backup' | 'restore_drill' | 'key_rotation' | 'two_factor' | 'runtime_login' | 'checkpoints' | 'append_only' | 'access_log' | 'login_policy';
  title: string;
  status: ControlStatus;
  /** What was measured, one line each. */
  measured: string[];
  /** What to do (for a control that holds: what keeps it so). */
  action: string;
  /** The requirement it answers. */
  basis: string;
}

const when = (d: Date) => fmtDateTime(d);
const ago = (now: Date, d: Date) => {
  const h = Math.floor((now.getTime() - d.getTime()) / HOUR);
  return h < 48 ? `${Math.max(h, 0)} giờ trước` : `${Math.floor(h / 24)} ngày trước`;
};
const failedAfter = (f: OpsFact) => f.lastAttempt && !f.lastAttempt.ok && (!f.lastOk || f.lastAttempt.at > f.lastOk)
  ? [`Lần gần nhất (${when(f.lastAttempt.at)}) không thành công.`] : [];
const worse = (a: ControlStatus, b: ControlStatus): ControlStatus => (a === 'fail' || b === 'fail' ? 'fail' : a === 'warn' || b === 'warn' ? 'warn' : 'ok');

/** `d` plus `months` calendar months (UTC), for "within 12 months". */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

export function tlsControl(f: SecurityFacts['tls']): Control {
  const https = /^https:\/\//i.test(f.publicUrl);
  const measured = [
    `Địa chỉ công khai (PUBLIC_URL): ${f.publicUrl}.`,
    f.proxies ? `Proxy tin cậy (XASO_TRUST_PROXY): ${f.proxies.join(', ')}.` : 'Chưa khai báo proxy tin cậy (XASO_TRUST_PROXY).',
    `Yêu cầu vừa rồi đến máy chủ bằng ${f.requestProtocol === 'https' ? 'https (đã mã hóa)' : 'http (không mã hóa)'}.`,
  ];
  const basis = 'TCVN 11930:2017, cấp độ 3: mã hóa kênh truyền giữa người dùng và hệ thống.';
  const title = 'Kết nối được mã hóa (TLS) qua proxy phía trước';
  if (!https) {
    return { id: 'tls', title, status: 'fail', measured, basis,
      action: 'Đặt máy chủ sau một proxy có chứng chỉ TLS (nginx, Caddy, cân bằng tải của trung tâm dữ liệu), đặt PUBLIC_URL=https://… '
        + 'và khai báo địa chỉ proxy trong XASO_TRUST_PROXY. Không mở cổng của Xã Số trực tiếp ra Internet.' };
  }
  if (!f.proxies) {
    return { id: 'tls', title, status: 'warn', measured, basis,
      action: 'Khai báo địa chỉ proxy TLS trong XASO_TRUST_PROXY: khi chưa khai báo, mọi yêu cầu mang địa chỉ của proxy, nên giới hạn '
        + 'đăng nhập sai theo địa chỉ và nhật ký không phân biệt được người dùng, và máy chủ không biết yêu cầu đã được mã hóa.' };
  }
  if (f.requestProtocol !== 'https') {
    return { id: 'tls', title, status: 'warn', measured, basis,
      action: 'Yêu cầu này không đi qua proxy TLS đã khai báo: kiểm tra proxy gửi X-Forwarded-Proto, địa chỉ của nó có trong '
        + 'XASO_TRUST_PROXY, và cổng của Xã Số chỉ mở cho proxy.' };
  }
  return { id: 'tls', title, status: 'ok', measured, basis,
    action: 'Gia hạn chứng chỉ TLS trước khi hết hạn; giữ cổng của Xã Số chỉ mở cho proxy.' };
}

export function backupControl(f: OpsFact, now: Date): Control {
  const title = 'Sao lưu dữ liệu gần đây';
  const basis = 'TCVN 11930:2017, cấp độ 3: sao lưu dự phòng dữ liệu.';
  const action = 'Chạy lệnh xaso backup hằng ngày (cron hoặc systemd timer), lưu bản sao ở nơi khác máy chủ, và sao lưu riêng thư mục khóa.';
  if (!f.lastOk) {
    return { id: 'backup', title, status: 'fail', basis, action, measured: ['Chưa có lần sao lưu thành công nào.', ...failedAfter(f)] };
  }
  const age = now.getTime() - f.lastOk.getTime();
  const status: ControlStatus = age <= THRESHOLDS.backupOkHours * HOUR ? 'ok' : age <= THRESHOLDS.backupWarnDays * DAY ? 'warn' : 'fail';
  return {
    id: 'backup', title, basis, action,
    status: worse(status, failedAfter(f).length ? 'warn' : 'ok'),
    measured: [`Lần sao lưu thành công gần nhất: ${when(f.lastOk)} (${ago(now, f.lastOk)}); yêu cầu: trong ${THRESHOLDS.backupOkHours} giờ.`, ...failedAfter(f)],
  };
}

export function restoreDrillControl(f: OpsFact, now: Date): Control {
  const title = 'Diễn tập khôi phục từ bản sao lưu';
  const basis = 'TCVN 11930:2017, cấp độ 3: kiểm tra khả năng khôi phục dữ liệu từ bản sao lưu.';
  const action = `Diễn tập khôi phục ít nhất ${THRESHOLDS.restoreDrillDays} ngày một lần: lệnh xaso restore --drill khôi phục bản sao lưu vào một cơ sở dữ liệu tạm và kiểm tra, không động đến dữ liệu đang chạy.`;
  if (!f.lastOk) {
    return { id: 'restore_drill', title, status: 'fail', basis, action, measured: ['Chưa diễn tập khôi phục thành công lần nào.', ...failedAfter(f)] };
  }
  const status: ControlStatus = now.getTime() - f.lastOk.getTime() <= THRESHOLDS.restoreDrillDays * DAY ? 'ok' : 'warn';
  return {
    id: 'restore_drill', title, basis, action,
    status: worse(status, failedAfter(f).length ? 'warn' : 'ok'),
    measured: [`Lần diễn tập thành công gần nhất: ${when(f.lastOk)} (${ago(now, f.lastOk)}); yêu cầu: trong ${THRESHOLDS.restoreDrillDays} ngày.`, ...failedAfter(f)],
  };
}

export function keyRotationControl(f: OpsFact, now: Date): Control {
  const title = 'Đổi khóa định kỳ';
  const basis = 'TCVN 11930:2017, cấp độ 3: quản lý khóa mã hóa.';
  const action = `Đổi khóa ít nhất ${THRESHOLDS.keyRotationMonths} tháng một lần và ngay khi nghi bị lộ: xaso keys rotate; sao lưu thư mục khóa mới.`;
  if (!f.lastOk) {
    return { id: 'key_rotation', title, status: 'warn', basis, action, measured: ['Chưa đổi khóa lần nào (khóa đang dùng là khóa tạo lúc cài đặt).', ...failedAfter(f)] };
  }
  const status: ControlStatus = addMonths(f.lastOk, THRESHOLDS.keyRotationMonths) >= now ? 'ok' : 'warn';
  return {
    id: 'key_rotation', title, basis, action,
    status: worse(status, failedAfter(f).length ? 'warn' : 'ok'),
    measured: [`Lần đổi khóa gần nhất: ${when(f.lastOk)} (${ago(now, f.lastOk)}); yêu cầu: trong ${THRESHOLDS.keyRotationMonths} tháng.`, ...failedAfter(f)],
  };
}

export function twoFactorControl(f: SecurityFacts['admins']): Control {
  const title = 'Quản trị viên dùng xác thực hai lớp';
  const basis = 'TCVN 11930:2017, cấp độ 3: xác thực nhiều yếu tố cho tài khoản quản trị.';
  const where = f.scope === 'province' ? 'các xã của tỉnh' : 'xã';
  const measured = [`${f.total - f.without.length}/${f.total} tài khoản quản trị đang hoạt động của ${where} đã bật xác thực hai lớp.`,
    ...f.without.map((a) => `Chưa bật: ${a.fullName} (${a.username})${a.provinceLevel ? ', quản trị cấp tỉnh' : ''}, ${a.communeName}.`)];
  if (f.without.length) {
    return { id: 'two_factor', title, status: 'fail', measured, basis,
      action: 'Mỗi người trong danh sách đăng nhập, mở "Tài khoản của tôi" và bật xác thực hai lớp; tài khoản không còn dùng thì ngừng kích hoạt.' };
  }
  return { id: 'two_factor', title, status: 'ok', measured, basis, action: 'Bật xác thực hai lớp ngay khi tạo tài khoản quản trị mới.' };
}

export function runtimeLoginControl(f: SecurityFacts['runtimeLogin']): Control {
  const title = 'Máy chủ kết nối cơ sở dữ liệu bằng tài khoản không phải superuser';
  const basis = 'TCVN 11930:2017, cấp độ 3: phân quyền tối thiểu cho tài khoản ứng dụng.';
  const measured = [`Tài khoản PostgreSQL của máy chủ đang chạy: ${f.name}${f.superuser ? ' (superuser)' : ' (không phải superuser)'}.`];
  if (f.superuser) {
    return { id: 'runtime_login', title, status: 'fail', measured, basis,
      action: 'Tạo một tài khoản PostgreSQL không phải superuser, là thành viên của xaso_app, đặt nó trong XASO_RUNTIME_DATABASE_URL '
        + '(DATABASE_URL giữ tài khoản chủ sở hữu để cập nhật lược đồ) rồi khởi động lại.' };
  }
  return { id: 'runtime_login', title, status: 'ok', measured, basis, action: 'Giữ nguyên; không cấp thêm quyền cho tài khoản này.' };
}

export function checkpointsControl(f: SecurityFacts['checkpoints'], now: Date): Control {
  const title = 'Điểm kiểm tra có chữ ký của nhật ký hồ sơ';
  const basis = 'TCVN 11930:2017, cấp độ 3: bảo vệ nhật ký khỏi sửa, xóa; phát hiện thay đổi trái phép.';
  const action = 'Điểm kiểm tra được ghi khi khởi động và mỗi giờ; nếu quá hạn, xem nhật ký của máy chủ, quyền ghi thư mục checkpoints, '
    + 'rồi chạy xaso checkpoint và xaso verify.';
  if (f.unreadable) return { id: 'checkpoints', title, status: 'fail', basis, action, measured: [f.unreadable] };
  const measured: string[] = [];
  let status: ControlStatus;
  if (!f.latestAt) {
    measured.push('Chưa có điểm kiểm tra hợp lệ nào.');
    status = f.lastEntryAt ? 'fail' : 'ok';
    if (!f.lastEntryAt) measured.push('Chưa có hồ sơ nào để ghi điểm kiểm tra.');
  } else {
    measured.push(`Điểm kiểm tra hợp lệ gần nhất: ${when(f.latestAt)} (${ago(now, f.latestAt)}); yêu cầu: trong ${THRESHOLDS.checkpointHours} giờ.`);
    const fresh = now.getTime() - f.latestAt.getTime() <= THRESHOLDS.checkpointHours * HOUR;
    // No entry since: nothing changed, and an unchanged log is not written again (checkpoints.ts).
    const unchanged = !f.lastEntryAt || f.lastEntryAt <= f.latestAt;
    if (!fresh && unchanged) measured.push('Không có thao tác hồ sơ nào sau điểm kiểm tra này.');
    status = fresh || unchanged ? 'ok' : 'fail';
  }
  if (f.invalid) {
    measured.push(`${f.invalid} tệp điểm kiểm tra mới hơn không đúng chữ ký (bị sửa hoặc ký bằng khóa khác).`);
    status = 'fail';
  }
  return { id: 'checkpoints', title, status, measured, basis, action: status === 'ok' ? 'Chạy xaso verify định kỳ và khi nghi có thay đổi trái phép.' : action };
}

const guarded = (t: TrailFact | undefined) => Boolean(t?.rowGuard && t.truncateGuard);

export function appendOnlyControl(trails: TrailFact[]): Control {
  const byTable = new Map(trails.map((t) => [t.table, t]));
  const missing = HISTORY_TRAILS.filter((t) => !guarded(byTable.get(t.table)));
  const measured = HISTORY_TRAILS.map((t) => `${t.label}: ${guarded(byTable.get(t.table)) ? 'chỉ ghi thêm' : 'THIẾU cơ chế chặn sửa, xóa trong cơ sở dữ liệu'}.`);
  return {
    id: 'append_only', title: 'Các nhật ký lịch sử chỉ được ghi thêm', measured,
    status: missing.length ? 'fail' : 'ok',
    basis: 'TCVN 11930:2017, cấp độ 3: nhật ký hệ thống không sửa, không xóa được.',
    action: missing.length
      ? 'Có cơ chế chặn sửa, xóa (trigger của cơ sở dữ liệu) bị xóa hoặc tắt: chạy lại xaso migrate bằng tài khoản chủ sở hữu, tìm người đã thay đổi (nhật ký PostgreSQL) và chạy xaso verify.'
      : 'Giữ nguyên; không tắt cơ chế chặn sửa, xóa khi bảo trì cơ sở dữ liệu.',
  };
}

export function accessLogControl(trails: TrailFact[]): Control {
  const ok = guarded(trails.find((t) => t.table === ACCESS_LOG));
  return {
    id: 'access_log', title: 'Ghi nhật ký mỗi lần xem số định danh cá nhân', status: ok ? 'ok' : 'fail',
    measured: ['Mỗi lần hiển thị số định danh cá nhân hoặc tờ khai được ghi vào nhật ký truy cập.',
      ok ? 'Nhật ký truy cập chỉ được ghi thêm (cơ sở dữ liệu chặn sửa, xóa).' : 'Nhật ký truy cập THIẾU cơ chế chặn sửa, xóa trong cơ sở dữ liệu.'],
    // Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15: the controller keeps a record of who processed personal data.
    basis: 'Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15; TCVN 11930:2017, cấp độ 3: nhật ký truy cập dữ liệu.',
    action: ok ? 'Giữ nguyên.' : 'Chạy lại xaso migrate bằng tài khoản chủ sở hữu để đặt lại cơ chế chặn sửa, xóa, và tìm người đã gỡ nó.',
  };
}

export function loginPolicyControl(f: SecurityFacts['loginPolicy']): Control {
  return {
    id: 'login_policy', title: 'Chính sách mật khẩu và khóa đăng nhập', status: 'ok',
    measured: [
      `Mật khẩu cán bộ có ít nhất ${f.minPassword} ký tự; chỉ lưu bản băm.`,
      `Sai ${f.userMax} lần trong ${f.windowMinutes} phút: tạm khóa tên đăng nhập; sai ${f.ipMax} lần từ một địa chỉ: chặn địa chỉ đó.`,
      'Phiên đăng nhập kết thúc khi đổi mật khẩu hoặc đặt lại xác thực hai lớp; mọi lần đăng nhập được ghi nhật ký.',
    ],
    basis: 'TCVN 11930:2017, cấp độ 3: chính sách mật khẩu, giới hạn đăng nhập sai.',
    action: 'Nhắc cán bộ không dùng chung mật khẩu; xem "Nhật ký đăng nhập" khi có nhiều lần tạm khóa.',
  };
}

export interface SelfCheck {
  checkedAt: Date;
  controls: Control[];
  counts: Record<ControlStatus, number>;
}

/** Every control, in the order the page shows them. */
export function selfCheck(f: SecurityFacts, now: Date): SelfCheck {
  const controls = [
    tlsControl(f.tls),
    backupControl(f.backup, now),
    restoreDrillControl(f.restoreDrill, now),
    keyRotationControl(f.keyRotation, now),
    twoFactorControl(f.admins),
    runtimeLoginControl(f.runtimeLogin),
    checkpointsControl(f.checkpoints, now),
    appendOnlyControl(f.trails),
    accessLogControl(f.trails),
    loginPolicyControl(f.loginPolicy),
  ];
  const counts: Record<ControlStatus, number> = { ok: 0, warn: 0, fail: 0 };
  for (const c of controls) counts[c.status]++;
  return { checkedAt: now, controls, counts };
}
