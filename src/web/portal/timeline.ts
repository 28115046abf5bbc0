// The dossier's history in plain Vietnamese for the applicant (pure). One sentence per logged action; reasons
// and lists written by the officers for the citizen are shown, internal details (who, which unit) are not.
import { isActionType, type ActionType } from '../../dossiers/core/index.ts';
import type { PublicEvent } from '../../dossiers/public.ts';
import { fmtDateTime, fmtMoney } from '../../shared/format.ts';
import { RETURN_CHANNEL } from '../../dossiers/core/labels.ts';


const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const because = (p: Record<string, unknown>) => (text(p.reason) ? ` Lý do: ${text(p.reason)}.` : '');
const texts = (v: unknown) => (Array.isArray(v) ? v.map(text).filter((x): x is string => x !== null) : []);
const PAID_HOW: Record<string, string> = { online: 'trực tuyến', cash: 'tại Bộ phận Một cửa' };

/** A fee paid: how much, how, and the receipt's number. */
function feePaid(e: PublicEvent): string {
  const amount = typeof e.payload.amountVnd === 'number' ? ` ${fmtMoney(e.payload.amountVnd)}` : '';
  const how = PAID_HOW[String(e.payload.paymentMethod)];
  const receipt = text(e.payload.receiptNo);
  return `Đã nộp phí, lệ phí${amount}${how ? ` ${how}` : ''}${receipt ? ` (biên lai số ${receipt})` : ''}.`;
}

/** A file attached (its name and a short form of its hash), or the storage copy made of it. */
function attached(e: PublicEvent): string {
  const f = (e.payload.file ?? {}) as { fileName?: unknown; sha256?: unknown; storageCopy?: { fileName?: unknown; sha256?: unknown } };
  const short = (h: unknown) => (typeof h === 'string' ? h.slice(0, 12) : '');
  if (f.storageCopy) return `Đã tạo bản lưu trữ PDF/A ${text(f.storageCopy.fileName) ?? ''} (mã băm ${short(f.storageCopy.sha256)}) từ tệp ${text(f.fileName) ?? ''}.`;
  const who = e.actorRole === 'citizen' ? 'Bạn đã đính kèm' : 'Đính kèm';
  return `${who} tệp ${text(f.fileName) ?? ''} (mã băm ${short(f.sha256)}).`;
}

const SAY: Record<ActionType, (e: PublicEvent) => string> = {
  submit_online: () => 'Bạn đã nộp hồ sơ trực tuyến.',
  receive_counter: () => 'Trung tâm Phục vụ hành chính công đã tiếp nhận hồ sơ và cấp mã hồ sơ.',
  receive_online: () => 'Trung tâm Phục vụ hành chính công đã tiếp nhận hồ sơ trực tuyến và cấp mã hồ sơ.',
  refuse_receipt: (e) => `Hồ sơ không được tiếp nhận.${because(e.payload)}`,
  request_supplement_before_receipt: (e) => `Cán bộ đề nghị bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận.${because(e.payload)}`,
  request_supplement: (e) => `Cán bộ đề nghị bổ sung, hoàn thiện hồ sơ.${because(e.payload)}`,
  supplement_provided: (e) => (e.actorRole === 'citizen' ? 'Bạn đã gửi hồ sơ bổ sung.' : 'Hồ sơ bổ sung đã được tiếp nhận.'),
  assign: () => 'Hồ sơ được chuyển đến bộ phận chuyên môn để giải quyết.',
  forward: () => 'Hồ sơ được chuyển tiếp để giải quyết.',
  request_financial_obligation: (e) => {
    const amount = typeof e.payload.amountVnd === 'number' ? `, số tiền ${fmtMoney(e.payload.amountVnd)}` : '';
    return `Bạn cần thực hiện nghĩa vụ tài chính: ${text(e.payload.description) ?? 'theo thông báo'}${amount}.`;
  },
  obligation_met: () => 'Nghĩa vụ tài chính đã được xác nhận hoàn thành; hồ sơ tiếp tục được giải quyết.',
  propose_result: () => 'Cán bộ chuyên môn đã thẩm định hồ sơ và trình kết quả.',
  submit_for_signature: () => 'Kết quả giải quyết đã được trình lãnh đạo ký duyệt.',
  send_back: () => 'Kết quả giải quyết đang được cán bộ chuyên môn hoàn thiện lại.', // the signer's comment is internal
  approve: () => 'Lãnh đạo đã xem xét kết quả giải quyết.',
  reject_not_eligible: (e) => `Hồ sơ không đủ điều kiện giải quyết.${because(e.payload)}`,
  issue_result: () => 'Đã có kết quả giải quyết hồ sơ.',
  return_result: (e) => {
    const how = RETURN_CHANNEL[String(e.payload.channel)];
    return how ? `Kết quả đã được trả cho bạn ${how}.` : 'Kết quả đã được trả cho bạn.';
  },
  withdraw: (e) => `Hồ sơ đã được rút theo yêu cầu của người nộp.${because(e.payload)}`,
  stop_processing: (e) => `Hồ sơ bị dừng giải quyết.${because(e.payload)}`,
  apologize_extend: (e) => {
    const due = typeof e.payload.newDueAt === 'string' ? ` Thời hạn trả kết quả mới: ${fmtDateTime(e.payload.newDueAt)}.` : '';
    return `Cơ quan giải quyết xin lỗi vì hồ sơ chậm so với hẹn.${due}${because(e.payload)}`;
  },
  // Which answers were corrected (the citizen should know what changed in their declaration), not the officer's
  // reason, which is a note between officers.
  correct_declaration: (e) => {
    const fields = texts(e.payload.fields);
    return fields.length ? `Cán bộ đã đính chính tờ khai: ${fields.join('; ')}.` : 'Cán bộ đã đính chính tờ khai.';
  },
  fee_paid: feePaid,
  update_applicant: (e) => {
    const fields = texts(e.payload.fields);
    return `Thông tin người nộp hồ sơ được cập nhật theo Cơ sở dữ liệu quốc gia về dân cư${fields.length ? `: ${fields.join('; ')}` : ''}.`;
  },
  // The new return date is the dossier's due date, shown on the status page.
  send_draft: () => 'Dự thảo kết quả đã được gửi để bạn kiểm tra: xác nhận hoặc đề nghị sửa trong 01 ngày làm việc; quá thời hạn mà không có ý kiến thì coi như bạn đồng ý.',
  confirm_draft: () => 'Bạn đã xác nhận dự thảo kết quả.',
  request_draft_correction: (e) => `Bạn đã đề nghị sửa dự thảo kết quả.${because(e.payload)}`,
  attach_file: attached,
  transfer_to_competent: () => 'Hồ sơ được chuyển đến Ủy ban nhân dân xã có thẩm quyền giải quyết (tiếp nhận không phụ thuộc địa giới hành chính).',
  send_papers: () => 'Hồ sơ giấy được gửi giữa nơi tiếp nhận và xã có thẩm quyền giải quyết.',
  receive_papers: () => 'Hồ sơ giấy đã đến nơi nhận.',
  set_time_case: (e) => `Hồ sơ được xác định trường hợp giải quyết có thời hạn riêng theo quy định; ngày hẹn trả kết quả được tính lại.${because(e.payload)}`,
};

/** Log entries that are not actions (dossiers/core/actions.ts RECORD_ENTRIES), as the citizen reads them. */
const RECORDS: Readonly<Record<string, string>> = { import_legacy: 'Hồ sơ được chuyển từ hệ thống giải quyết thủ tục hành chính xã dùng trước đây.' };

export const eventSentence = (e: PublicEvent) =>
  isActionType(e.action) ? SAY[e.action](e) : (RECORDS[e.action] ?? 'Hồ sơ được cập nhật.');

/** The last supplement request (what is missing), if any. */
export function lastSupplementRequest(events: PublicEvent[]) {
  const e = [...events].reverse().find((x) => x.action === 'request_supplement' || x.action === 'request_supplement_before_receipt');
  if (!e) return null;
  const items = Array.isArray(e.payload.items) ? e.payload.items.filter((i): i is string => typeof i === 'string') : [];
  return { at: e.at, recordedAt: e.recordedAt, reason: text(e.payload.reason), items };
}

export const lastPayload = (events: PublicEvent[], action: ActionType) => [...events].reverse().find((e) => e.action === action)?.payload ?? null;
