// The notices to the applicant, in Vietnamese (pure: no I/O, no clock). A dossier change gives the facts of its
// notice (noticeFacts, stored in the outbox), and the facts give the texts (renderNotice: e-mail subject and body,
// and a short text for SMS/Zalo).
//
// What a status notice must carry: NĐ 224/2026 Đ15 k1 điểm g (domain.md §3.1) — "thông báo tình trạng … tối thiểu
// gồm cơ quan, cán bộ tiếp nhận hoặc xử lý hồ sơ, thời gian tiếp nhận, xử lý, trả kết quả", sent in real time on
// every status change. Supplement requests list what is missing and why (BM.02, NĐ 45/2020 Đ12); the apology gives
// the reason and the new return time (BM.04; the online channel sends it by e-mail or SMS, domain.md §2.7).
// No personal ID number ever appears in a notice: the status link carries the dossier code (before receipt, the
// dossier's reference, mã tra cứu: src/dossiers/core/reference.ts) only, and the lookup page asks for the last 4
// digits.
import { STATES, isStateCode, stateName } from '../../dossiers/core/states.ts';
import { fmtDateTime, fmtMoney } from '../../shared/format.ts';
import { RETURN_CHANNEL } from '../../dossiers/core/labels.ts';

export const NOTICE_KINDS = ['status', 'supplement', 'apology', 'result', 'returned'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Which notice a logged action calls for, or null: every status change (NĐ 224/2026 Đ15 k1 g), plus the
 *  apology/new appointment, which keeps the state. */
export function noticeKind(action: string, fromState: number | null, toState: number): NoticeKind | null {
  if (action === 'apologize_extend') return 'apology';
  if (action === 'send_draft') return 'status'; // the applicant has one working day to check the draft
  if (fromState === toState) return null;
  if (toState === 5) return 'supplement';
  if (toState === 9) return 'result';
  if (toState === 10) return 'returned';
  return 'status';
}

/** Everything a notice says, captured when the change is committed (names and times as they were then). */
export interface NoticeFacts {
  action: string;
  fromState: number | null;
  toState: number;
  /** Time of the change (ISO). */
  at: string;
  dossierId: string;
  code: string | null;
  /** The dossier's reference (mã tra cứu), its name until the code exists; absent in facts stored before it. */
  reference?: string | null;
  procedureName: string;
  applicantName: string;
  communeName: string;
  /** The unit now holding the dossier. */
  handlingUnit: string | null;
  /** The officer who took the action (null for the citizen's own actions and for systems). */
  officer: { name: string; title: string | null; unit: string | null } | null;
  /** By when the desk must receive or refuse an online submission (state 1). */
  receiptDueAt?: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  reason: string | null;
  items: string[];
  newDueAt: string | null;
  returnChannel: string | null;
  amountVnd: number | null;
  obligation: string | null;
}

/** The parts of a dossier row the facts read (structural: the store's DossierRow fits). */
export interface DossierLike {
  id: string;
  code: string | null;
  reference?: string | null;
  receipt_due_at?: Date | null;
  applicant_name: string;
  received_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
}

/** The parts of a log entry the facts read (the store's EventRow fits). */
export interface EventLike {
  action: string;
  from_state: number | null;
  to_state: number;
  at: Date;
  payload: unknown;
}

export interface NoticeNames {
  procedureName: string;
  communeName: string;
  handlingUnit: string | null;
  officer: NoticeFacts['officer'];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function noticeFacts(d: DossierLike, e: EventLike, names: NoticeNames): NoticeFacts {
  const p = (e.payload && typeof e.payload === 'object' ? e.payload : {}) as Record<string, unknown>;
  const newDue = p.newDueAt instanceof Date ? p.newDueAt.toISOString() : text(p.newDueAt);
  return {
    action: e.action, fromState: e.from_state, toState: e.to_state, at: e.at.toISOString(),
    dossierId: d.id, code: d.code, reference: d.reference ?? null, procedureName: names.procedureName, applicantName: d.applicant_name,
    communeName: names.communeName, handlingUnit: names.handlingUnit, officer: names.officer,
    receiptDueAt: e.to_state === 1 ? iso(d.receipt_due_at ?? null) : null, receivedAt: iso(d.received_at), dueAt: iso(d.due_at), finishedAt: iso(d.finished_at), returnedAt: iso(d.returned_at),
    reason: text(p.reason),
    items: Array.isArray(p.items) ? p.items.map(text).filter((i): i is string => i !== null) : [],
    newDueAt: newDue,
    returnChannel: text(p.channel),
    amountVnd: typeof p.amountVnd === 'number' ? p.amountVnd : null,
    obligation: text(p.description),
  };
}

export interface RenderedNotice {
  subject: string;
  /** Plain-text e-mail body. */
  text: string;
  /** One short paragraph for SMS and Zalo. */
  short: string;
}

/** "Ủy ban nhân dân xã Xuân Dương" from the commune's name ("Xã Xuân Dương"). */
export const agencyName = (communeName: string, short = false) =>
  `${short ? 'UBND' : 'Ủy ban nhân dân'} ${communeName.replace(/^Xã /, 'xã ')}`;

/** How the applicant names the dossier: its code, or before receipt its reference; null in facts stored before
 *  references existed (the internal id is never shown). */
export const dossierName = (f: Pick<NoticeFacts, 'code' | 'reference'>): string | null => f.code ?? f.reference ?? null;

/** Where the applicant follows the dossier: the lookup, with the dossier's code or reference filled in (in facts
 *  stored before references existed, the id, which the lookup also takes). */
export const statusLink = (publicUrl: string, f: Pick<NoticeFacts, 'code' | 'reference' | 'dossierId'>) =>
  `${publicUrl}/tra-cuu?ma=${encodeURIComponent(dossierName(f) ?? f.dossierId)}`;

interface Wording {
  /** Subject line and SMS headline. */
  headline: string;
  /** What happened and what to do, as paragraphs. */
  lines: string[];
}

const because = (f: NoticeFacts) => (f.reason ? [`Lý do: ${f.reason}.`] : []);

function wording(f: NoticeFacts): Wording {
  const due = f.dueAt ? `Thời hạn trả kết quả: ${fmtDateTime(f.dueAt)}.` : null;
  switch (f.action) {
    case 'apologize_extend':
      return {
        headline: 'Thư xin lỗi và hẹn lại ngày trả kết quả',
        lines: [
          `${agencyName(f.communeName)} xin lỗi ông/bà vì hồ sơ chưa được giải quyết đúng thời hạn đã hẹn.`,
          ...because(f),
          `Ngày hẹn trả kết quả mới: ${fmtDateTime(f.newDueAt ?? f.dueAt)}.`,
        ],
      };
    case 'request_supplement':
    case 'request_supplement_before_receipt':
      return {
        headline: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
        lines: [
          'Hồ sơ của ông/bà cần được bổ sung, hoàn thiện các giấy tờ, nội dung sau:',
          ...f.items.map((i, n) => `  ${n + 1}. ${i}`),
          ...because(f),
          'Ông/bà gửi phần bổ sung trên trang tra cứu hồ sơ (đường dẫn bên dưới) hoặc tại Trung tâm Phục vụ hành chính công.',
        ],
      };
    case 'submit_online':
      return {
        headline: 'Đã nhận hồ sơ nộp trực tuyến',
        lines: [
          'Hồ sơ ông/bà nộp trực tuyến đã được gửi đến cơ quan và đang chờ tiếp nhận.',
          ...(f.reference ? [`Mã tra cứu hồ sơ: ${f.reference}. Ông/bà dùng mã này để tra cứu cho đến khi hồ sơ được tiếp nhận và cấp mã hồ sơ.`] : []),
          ...(f.receiptDueAt ? [`Hồ sơ sẽ được tiếp nhận hoặc trả lời chậm nhất ${fmtDateTime(f.receiptDueAt)}.`] : []),
        ],
      };
    case 'receive_counter':
    case 'receive_online':
      return { headline: 'Hồ sơ đã được tiếp nhận', lines: ['Hồ sơ của ông/bà đã được tiếp nhận và cấp mã hồ sơ.', ...(due ? [due] : [])] };
    case 'refuse_receipt':
      return { headline: 'Hồ sơ không được tiếp nhận', lines: ['Hồ sơ của ông/bà không được tiếp nhận.', ...because(f)] };
    case 'supplement_provided':
      return f.toState === 4
        ? { headline: 'Đã nhận hồ sơ bổ sung', lines: ['Phần bổ sung đã được tiếp nhận; hồ sơ tiếp tục được giải quyết.', ...(due ? [due] : [])] }
        : { headline: 'Đã nhận hồ sơ bổ sung', lines: ['Phần bổ sung đã được nhận; hồ sơ đang chờ tiếp nhận.'] };
    case 'request_financial_obligation': {
      const amount = f.amountVnd !== null ? `, số tiền ${fmtMoney(f.amountVnd)}` : '';
      return {
        headline: 'Thông báo thực hiện nghĩa vụ tài chính',
        lines: [`Ông/bà cần thực hiện nghĩa vụ tài chính: ${f.obligation ?? 'theo thông báo của cơ quan'}${amount}.`],
      };
    }
    case 'obligation_met':
      return { headline: 'Đã hoàn thành nghĩa vụ tài chính', lines: ['Nghĩa vụ tài chính đã được xác nhận; hồ sơ tiếp tục được giải quyết.', ...(due ? [due] : [])] };
    case 'issue_result':
      return { headline: 'Đã có kết quả giải quyết hồ sơ', lines: ['Kết quả giải quyết hồ sơ của ông/bà đã sẵn sàng để trả.'] };
    case 'reject_not_eligible':
      return {
        headline: 'Hồ sơ không đủ điều kiện giải quyết',
        lines: ['Hồ sơ của ông/bà không đủ điều kiện giải quyết; văn bản trả lời đã sẵn sàng để trả.', ...because(f)],
      };
    case 'return_result': {
      const how = f.returnChannel ? RETURN_CHANNEL[f.returnChannel] : undefined;
      const online = f.returnChannel === 'online'
        ? ['Ông/bà tải kết quả điện tử (tệp PDF có chữ ký số của Ủy ban nhân dân xã) tại trang tra cứu hồ sơ theo đường dẫn dưới đây; mã xác thực in trên văn bản dùng để kiểm tra văn bản tại trang xác thực.']
        : [];
      return { headline: 'Đã trả kết quả', lines: [how ? `Kết quả đã được trả cho ông/bà ${how}.` : 'Kết quả đã được trả cho ông/bà.', ...online] };
    }
    case 'withdraw':
      return { headline: 'Hồ sơ đã được rút', lines: ['Hồ sơ đã được rút theo yêu cầu của người nộp.', ...because(f)] };
    case 'stop_processing':
      return { headline: 'Thông báo dừng giải quyết hồ sơ', lines: ['Hồ sơ của ông/bà đã được dừng giải quyết.', ...because(f)] };
    case 'send_draft':
      return {
        headline: 'Dự thảo kết quả chờ ông/bà kiểm tra',
        lines: [
          'Cơ quan đã gửi dự thảo kết quả (giấy tờ hộ tịch điện tử) để ông/bà kiểm tra các thông tin trước khi trình ký.',
          'Ông/bà xem dự thảo trên trang tra cứu hồ sơ (đường dẫn bên dưới), xác nhận hoặc đề nghị sửa trong thời hạn 01 ngày làm việc; quá thời hạn mà không có ý kiến thì được coi là đồng ý.',
        ],
      };
    case 'assign':
      return {
        headline: 'Hồ sơ đang được giải quyết',
        lines: [`Hồ sơ đã được chuyển${f.handlingUnit ? ` đến ${f.handlingUnit}` : ''} để giải quyết.`, ...(due ? [due] : [])],
      };
    default:
      return { headline: `Hồ sơ chuyển sang trạng thái: ${stateName(isStateCode(f.toState) ? f.toState : null)}`, lines: [] };
  }
}

/** The notice's texts. Every one names the agency, the officer, the times and the status link (NĐ 224/2026 Đ15 k1 g). */
export function renderNotice(f: NoticeFacts, publicUrl: string): RenderedNotice {
  const w = wording(f);
  const link = statusLink(publicUrl, f);
  // An e-result returned online: the status page (after the second factor) offers the signed PDF.
  const download = f.action === 'return_result' && f.returnChannel === 'online';
  const state = isStateCode(f.toState) ? STATES[f.toState].name : String(f.toState);
  const officer = f.officer
    ? `${f.officer.name}${f.officer.title ? `, ${f.officer.title}` : ''}${f.officer.unit ? ` (${f.officer.unit})` : ''}`
    : null;
  const facts: [string, string | null][] = [
    [f.code ? 'Mã hồ sơ' : 'Mã tra cứu', dossierName(f)],
    ['Thủ tục', f.procedureName],
    ['Trạng thái', state],
    ['Cơ quan giải quyết', agencyName(f.communeName) + (f.handlingUnit ? ` - ${f.handlingUnit}` : '')],
    ['Cán bộ tiếp nhận, xử lý', officer],
    ['Thời điểm cập nhật', fmtDateTime(f.at)],
    ['Hạn tiếp nhận hồ sơ', f.receiptDueAt ? fmtDateTime(f.receiptDueAt) : null],
    ['Thời gian tiếp nhận', f.receivedAt ? fmtDateTime(f.receivedAt) : null],
    ['Thời hạn trả kết quả', f.dueAt ? fmtDateTime(f.dueAt) : null],
    ['Thời gian giải quyết xong', f.finishedAt ? fmtDateTime(f.finishedAt) : null],
    ['Thời gian trả kết quả', f.returnedAt ? fmtDateTime(f.returnedAt) : null],
  ];
  const body = [
    `Kính gửi ông/bà ${f.applicantName},`,
    '',
    ...w.lines,
    '',
    'Thông tin hồ sơ:',
    ...facts.filter(([, v]) => v).map(([k, v]) => `- ${k}: ${v}`),
    '',
    download ? `Tải kết quả điện tử: ${link}` : `Tra cứu tình trạng hồ sơ: ${link}`,
    '(Khi tra cứu, ông/bà nhập 4 số cuối số định danh cá nhân của người nộp hồ sơ.)',
    '',
    `Thư này do ${agencyName(f.communeName)} gửi tự động qua hệ thống Xã Số; vui lòng không trả lời thư này.`,
  ].join('\n');
  const ref = f.code ?? f.reference ?? 'đã nộp';
  const detail = f.action === 'apologize_extend'
    ? ` Hẹn trả mới: ${fmtDateTime(f.newDueAt ?? f.dueAt)}.`
    : f.toState === 5 && f.items.length ? ` Cần bổ sung: ${f.items.join('; ')}.`
    : f.toState === 2 && f.dueAt ? ` Hẹn trả: ${fmtDateTime(f.dueAt)}.`
    : '';
  const by = f.officer ? ` Cán bộ: ${f.officer.name}.` : '';
  return {
    subject: `${w.headline} - hồ sơ ${f.code ?? f.reference ?? f.procedureName}`,
    text: body,
    short: `${agencyName(f.communeName, true)}: ${w.headline} (hồ sơ ${ref}).${detail}${by} ${download ? 'Tải kết quả' : 'Tra cứu'}: ${link}`,
  };
}
