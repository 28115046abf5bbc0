// The dossier lifecycle as ONE table (model: OpenCRVS typed action table; Signalen's transitions that name their
// source). Each row says from which states an action is allowed, where it leads, who may take it, what it needs,
// and the legal text behind it. `decide` (decide.ts) enforces the table; tests check it against a hand-written
// list of the legal rules, so an edit here that breaks the law fails a test.
//
// Legal-basis strings: "NĐ" = Nghị định, "TT" = Thông tư, "QĐ" = Quyết định, "Đ" = Điều, "k" = khoản,
// "PL" = Phụ lục. Form numbers follow QĐ 3621/QĐ-BYT BM.01–06, which reproduces TT 03/2025 Phụ lục I; the official
// annex was not read (domain.md §2.6, §12 item 2). The legal basis is shown (OpenAPI descriptions), so it is a plain
// Vietnamese citation; what domain.md could not confirm is said in `unverified`, in English, for developers only.
// test/dossiers/core/table.test.ts lists the rows that have one.

import type { PayloadField } from './payload.ts';
import type { Role } from './roles.ts';
import { S, type FromState, type StateCode } from './states.ts';

export const ACTION_TYPES = [
  'submit_online',
  'receive_counter',
  'receive_online',
  'refuse_receipt',
  'request_supplement_before_receipt',
  'assign',
  'forward',
  'request_supplement',
  'supplement_provided',
  'request_financial_obligation',
  'obligation_met',
  'propose_result',
  'submit_for_signature',
  'send_back',
  'approve',
  'reject_not_eligible',
  'issue_result',
  'return_result',
  'withdraw',
  'stop_processing',
  'apologize_extend',
  'correct_declaration',
  'fee_paid',
  'set_time_case',
  'send_draft',
  'confirm_draft',
  'request_draft_correction',
  'attach_file',
  'update_applicant',
  'transfer_to_competent',
  'send_papers',
  'receive_papers',
] as const;

export type ActionType = (typeof ACTION_TYPES)[number];

/** Resulting state: a state, the current state, or one that depends on whether the dossier was received. */
export type Target = StateCode | 'unchanged' | { readonly afterReceipt: StateCode; readonly beforeReceipt: StateCode };

/**
 * Where the dossier goes on this action (a row of the Phiếu kiểm soát, BM.05):
 * - 'to_payload_unit': to `payload.unitCode` / `payload.assigneeId` (route, forward);
 * - 'back_to_receiving_unit': back to the one-stop desk that received it, to return the result;
 * - 'to_other_commune': to the one-stop desk of another commune (`payload.communeId`, its desk `payload.unitCode`
 *   found by the service): a dossier received for another commune's authority goes to it (location-independent receipt);
 * - 'none': it stays where it is.
 */
export type HandoverKind = 'none' | 'to_payload_unit' | 'back_to_receiving_unit' | 'to_other_commune';

/**
 * Where an action is taken (every one is decided here and logged by the dossier service's `act()`):
 * - 'intake': creating the dossier (POST /api/v1/dossiers, the portal's filing);
 * - 'action': its own endpoint POST /api/v1/dossiers/:id/actions/<type> and a form on the staff dossier page;
 * - 'declaration': the officer's correction of the declaration (PUT /api/v1/dossiers/:id/declaration, "Sửa tờ khai");
 * - 'payment': recorded by the payment flow when a fee is settled (gateway notification, cash at the counter);
 * - 'attachment': recorded when a file is attached to a component (dossiers/uploads.ts attachFile, every path) and when
 *   the digitisation worker makes its storage copy (src/digitisation/worker.ts);
 * - 'registry': recorded when an officer applies a population-database record to the applicant ("Dùng thông tin
 *   này", src/registries/use.ts → dossiers/applicant-update.ts): the record must come back sealed from a lookup.
 */
export type ActionVia = 'intake' | 'action' | 'declaration' | 'payment' | 'attachment' | 'registry';

export interface ActionRule {
  /** Vietnamese name of the action, shown to users and in error messages. */
  readonly label: string;
  /** States the action is allowed from; `null` = no dossier yet. */
  readonly from: readonly FromState[];
  readonly to: Target;
  readonly roles: readonly Role[];
  readonly requires: readonly PayloadField[];
  /** Unit-scoped roles (roles.ts) may take it only on a dossier currently at their unit. */
  readonly unitScoped: boolean;
  /** Needs a received dossier (matters for state 5, which exists before and after receipt). */
  readonly afterReceiptOnly: boolean;
  /** Refused once a decision is signed (approval) or a result exists (NĐ 118/2025 Đ21 k1). */
  readonly beforeDecisionOnly: boolean;
  readonly handover: HandoverKind;
  readonly via: ActionVia;
  /** The legal text behind the action, as a Vietnamese citation (shown to users: no developer's note). */
  readonly legalBasis: string;
  /** What in `legalBasis` is not confirmed against the legal text (English, for developers; never shown). */
  readonly unverified?: string;
}

const { SUBMITTED, RECEIVED, NOT_RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION } = S;
const { WITHDRAWN, STOPPED, PROCESSED, RETURNED } = S;

/** Shorthands for the table only. */
const base = { unitScoped: false, afterReceiptOnly: false, beforeDecisionOnly: false, handover: 'none', via: 'action' } as const;
const BM = (n: string, name: string): string => `QĐ 3621/QĐ-BYT BM.${n} (TT 03/2025 PL I) ${name}`;

/** The draft e-certificate step of online civil-status registration (the 2025 civil-status procedure texts). */
const DRAFT_BASIS = 'Đăng ký hộ tịch trực tuyến: gửi dự thảo giấy tờ hộ tịch điện tử để người yêu cầu kiểm tra, xác nhận ' +
  'trong thời hạn 01 ngày; quá thời hạn mà không có ý kiến thì coi như đồng ý (thủ tục hành chính hộ tịch công bố năm 2025)';
const DRAFT_UNVERIFIED = 'The rule is read from a secondary source, the 2025 civil-status procedure texts; the decree article is ' +
  'not confirmed, nor whether "01 ngày" means a working day (we count one working day).';

/** Receipt regardless of administrative boundary within the province, and the transfer to the competent authority. */
const TRANSFER_BASIS = 'NĐ 118/2025 (tiếp nhận hồ sơ không phụ thuộc vào địa giới hành chính trong phạm vi cấp tỉnh, số hóa và ' +
  'chuyển đến cơ quan có thẩm quyền giải quyết); hộ tịch: NĐ 120/2025 (người dân chọn Ủy ban nhân dân cấp xã bất kỳ)';

export const ACTIONS = {
  // ── Filing and receipt ─────────────────────────────────────────────────────────────────────────────────────
  submit_online: {
    ...base, via: 'intake',
    label: 'Nộp hồ sơ trực tuyến',
    from: [null], to: SUBMITTED, roles: ['citizen', 'system'], requires: [],
    legalBasis: 'NĐ 118/2025 (nộp hồ sơ trên Cổng Dịch vụ công quốc gia); NĐ 45/2020 Đ9',
    unverified: 'NĐ 118/2025: the article on online filing is not confirmed.',
  },
  receive_counter: {
    ...base, via: 'intake',
    label: 'Tiếp nhận hồ sơ trực tiếp',
    from: [null], to: RECEIVED, roles: ['receiving_officer'], requires: [],
    legalBasis: `NĐ 118/2025 (tiếp nhận hồ sơ); ${BM('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả')}; ` +
      'mã hồ sơ: TT 03/2025 Đ13; hạn trả kết quả theo từng thủ tục hành chính, ví dụ Luật Hộ tịch 2014 Đ5 k3',
    unverified: 'NĐ 118/2025: the article on receipt is not confirmed; TT 03/2025 Đ13: clauses 1–2 (the dossier code) not confirmed.',
  },
  receive_online: {
    ...base,
    label: 'Tiếp nhận hồ sơ trực tuyến',
    from: [SUBMITTED], to: RECEIVED, roles: ['receiving_officer'], requires: [],
    legalBasis: `NĐ 45/2020 Đ11; ${BM('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả')}; mã hồ sơ: TT 03/2025 Đ13`,
    unverified: 'TT 03/2025 Đ13: clauses 1–2 (the dossier code) not confirmed.',
  },
  refuse_receipt: {
    ...base,
    label: 'Từ chối tiếp nhận hồ sơ',
    from: [null, SUBMITTED], to: NOT_RECEIVED, roles: ['receiving_officer'], requires: ['reason'],
    legalBasis: BM('03', 'Phiếu từ chối tiếp nhận giải quyết hồ sơ'),
  },
  request_supplement_before_receipt: {
    ...base,
    label: 'Yêu cầu bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận',
    from: [SUBMITTED], to: SUPPLEMENT_REQUESTED, roles: ['receiving_officer'], requires: ['items', 'reason'],
    legalBasis: `${BM('02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ')}; NĐ 45/2020 Đ12`,
  },
  // ── Routing and hand-overs ─────────────────────────────────────────────────────────────────────────────────
  assign: {
    ...base, unitScoped: true, handover: 'to_payload_unit',
    label: 'Chuyển hồ sơ đến đơn vị, cán bộ xử lý',
    from: [RECEIVED, PROCESSING], to: PROCESSING,
    roles: ['receiving_officer', 'unit_head', 'leader', 'cchc_coordinator'], requires: ['unitCode'],
    legalBasis: `${BM('05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ')}; ` +
      'chuyển hồ sơ ngay sau khi tiếp nhận: NĐ 61/2018 Đ20',
    unverified: 'BM.05: the form number is not confirmed; NĐ 61/2018 Đ20: not confirmed that it still applies under NĐ 118/2025.',
  },
  forward: {
    ...base, unitScoped: true, handover: 'to_payload_unit',
    label: 'Chuyển tiếp hồ sơ',
    from: [PROCESSING], to: PROCESSING,
    roles: ['specialist', 'unit_head', 'leader', 'cchc_coordinator'], requires: ['unitCode'],
    legalBasis: BM('05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ'),
    unverified: 'BM.05: the form number is not confirmed.',
  },
  // ── Clock pauses ───────────────────────────────────────────────────────────────────────────────────────────
  request_supplement: {
    ...base, unitScoped: true,
    label: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
    from: [RECEIVED, PROCESSING], to: SUPPLEMENT_REQUESTED,
    roles: ['receiving_officer', 'specialist', 'unit_head'], requires: ['items', 'reason'],
    legalBasis: `${BM('02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ')}; QĐ 766/QĐ-TTg chỉ tiêu 2.1 ` +
      '(yêu cầu bổ sung quá một lần thì hồ sơ tính là quá hạn)',
  },
  supplement_provided: {
    ...base,
    label: 'Tiếp nhận hồ sơ bổ sung',
    from: [SUPPLEMENT_REQUESTED], to: { afterReceipt: PROCESSING, beforeReceipt: SUBMITTED },
    roles: ['citizen', 'receiving_officer', 'system'], requires: [],
    legalBasis: 'NĐ 45/2020 Đ12; QĐ 766/QĐ-TTg chỉ tiêu 2.1 (trừ thời gian chờ bổ sung)',
  },
  request_financial_obligation: {
    ...base, unitScoped: true,
    label: 'Thông báo thực hiện nghĩa vụ tài chính',
    from: [PROCESSING], to: FINANCIAL_OBLIGATION, roles: ['specialist', 'unit_head'], requires: ['description'],
    legalBasis: 'NĐ 118/2025 Đ24; tạm dừng tính thời hạn giải quyết theo pháp luật chuyên ngành',
    unverified: 'Pausing the clock while the obligation is paid, under sector law: not confirmed.',
  },
  obligation_met: {
    ...base,
    label: 'Xác nhận hoàn thành nghĩa vụ tài chính',
    from: [FINANCIAL_OBLIGATION], to: PROCESSING, roles: ['receiving_officer', 'system'], requires: [],
    legalBasis: 'NĐ 118/2025 Đ24',
  },
  // ── Decision and result ────────────────────────────────────────────────────────────────────────────────────
  propose_result: {
    ...base, unitScoped: true,
    label: 'Đề xuất kết quả giải quyết',
    from: [PROCESSING], to: 'unchanged', roles: ['specialist'], requires: ['proposalText', 'proposalOutcome'],
    legalBasis: 'NĐ 118/2025 (giải quyết hồ sơ)',
    unverified: 'NĐ 118/2025: the article is not confirmed.',
  },
  submit_for_signature: {
    ...base, unitScoped: true,
    label: 'Trình ký',
    from: [PROCESSING], to: 'unchanged', roles: ['specialist', 'unit_head'], requires: ['signerId'],
    legalBasis: 'NĐ 30/2020 (trình ký văn bản); NĐ 118/2025 (trình người có thẩm quyền quyết định kết quả giải quyết)',
    unverified: 'NĐ 30/2020 and NĐ 118/2025: the articles are not confirmed.',
  },
  send_back: {
    ...base, unitScoped: true,
    label: 'Trả lại để xử lý lại',
    from: [PROCESSING], to: 'unchanged', roles: ['unit_head', 'leader'], requires: ['reason'],
    legalBasis: 'NĐ 30/2020 (người ký xem xét, yêu cầu hoàn thiện dự thảo trước khi ký ban hành)',
    unverified: 'NĐ 30/2020: the article is not confirmed.',
  },
  approve: {
    ...base, unitScoped: true,
    label: 'Phê duyệt và ký số',
    from: [PROCESSING], to: 'unchanged', roles: ['unit_head', 'leader'], requires: [],
    legalBasis: 'NĐ 118/2025 (ký duyệt kết quả giải quyết); NĐ 45/2020 Đ14, sửa đổi bởi NĐ 107/2021 ' +
      '(kết quả điện tử có chữ ký số của người có thẩm quyền và của cơ quan)',
    unverified: 'NĐ 118/2025: the article is not confirmed.',
  },
  reject_not_eligible: {
    ...base, unitScoped: true, handover: 'back_to_receiving_unit',
    label: 'Từ chối giải quyết do không đủ điều kiện',
    from: [PROCESSING], to: PROCESSED, roles: ['specialist', 'unit_head', 'leader'], requires: ['reason'],
    legalBasis: 'NĐ 118/2025 (văn bản từ chối giải quyết nêu rõ lý do)',
    unverified: 'NĐ 118/2025: the article is not confirmed.',
  },
  issue_result: {
    ...base, unitScoped: true, handover: 'back_to_receiving_unit',
    label: 'Ban hành kết quả giải quyết',
    from: [PROCESSING], to: PROCESSED, roles: ['specialist', 'unit_head', 'leader'], requires: [],
    legalBasis: 'NĐ 118/2025 Đ22; NĐ 45/2020 Đ14',
  },
  return_result: {
    ...base,
    label: 'Trả kết quả',
    from: [PROCESSED], to: RETURNED, roles: ['receiving_officer', 'system'], requires: ['channel'],
    legalBasis: 'NĐ 118/2025 Đ22; NĐ 45/2020 Đ14, Đ16 (lưu kết quả điện tử vào Kho quản lý dữ liệu điện tử)',
  },
  // ── Ending early, apology ──────────────────────────────────────────────────────────────────────────────────
  withdraw: {
    ...base, beforeDecisionOnly: true,
    label: 'Rút hồ sơ theo yêu cầu của công dân',
    from: [SUBMITTED, RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION], to: WITHDRAWN,
    roles: ['citizen', 'receiving_officer'], requires: [],
    legalBasis: 'NĐ 118/2025 Đ21',
    unverified: 'NĐ 118/2025 Đ21: not confirmed whether it covers the applicant withdrawing the dossier or only asking to stop processing.',
  },
  stop_processing: {
    ...base, afterReceiptOnly: true, beforeDecisionOnly: true,
    label: 'Dừng giải quyết hồ sơ',
    from: [RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION], to: STOPPED,
    roles: ['receiving_officer', 'system'], requires: ['reason'],
    legalBasis: 'NĐ 118/2025 Đ21 k1 (k2: trên Cổng Dịch vụ công quốc gia); TT 03/2025 Đ7 (Thông báo dừng giải quyết hồ sơ)',
  },
  apologize_extend: {
    ...base, unitScoped: true, afterReceiptOnly: true,
    label: 'Xin lỗi và hẹn lại ngày trả kết quả',
    from: [RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION], to: 'unchanged',
    roles: ['unit_head', 'leader'], requires: ['reason', 'newDueAt'],
    legalBasis: 'NĐ 118/2025 (xin lỗi chậm nhất 01 ngày trước hạn, hẹn lại không quá một lần), được quy định lại tại ' +
      `QĐ 88/2025/QĐ-UBND tỉnh Lai Châu Đ3 k6; ${BM('04', 'Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết')}`,
    unverified: 'NĐ 118/2025: the article is not confirmed; the rule is read from Lai Châu QĐ 88/2025/QĐ-UBND Đ3 k6, which restates it.',
  },
  // ── The case with its own statutory time (catalogue `timeVariants`): chosen at receipt (the receipt's optional
  // `timeCase`), or later, with a reason, by whoever holds the dossier, before the decision. The due times move by the
  // difference between the two cases' statutory times, counted from the dossier's clock start.
  set_time_case: {
    ...base, unitScoped: true, afterReceiptOnly: true, beforeDecisionOnly: true,
    label: 'Xác định trường hợp giải quyết',
    from: [RECEIVED, PROCESSING], to: 'unchanged',
    roles: ['receiving_officer', 'specialist', 'unit_head'], requires: ['timeCase', 'reason'],
    legalBasis: 'Thời hạn giải quyết theo từng trường hợp của thủ tục hành chính: Luật Hộ tịch 2014 Đ18 k2 ' +
      '(trường hợp cần xác minh điều kiện kết hôn: không quá 05 ngày làm việc); NĐ 23/2015 Đ21 (chứng thực bản sao nhiều giấy tờ: ' +
      'kéo dài không quá 02 ngày làm việc)',
  },
  // ── The draft e-certificate of an online civil-status registration: the applicant checks it before it is signed.
  // Sent after a proposal to grant; confirmed, or corrected on the applicant's request (the specialist corrects the
  // declaration or the proposal and sends it again); without an answer within one working day the applicant agrees.
  send_draft: {
    ...base, unitScoped: true, beforeDecisionOnly: true,
    label: 'Gửi dự thảo kết quả để người yêu cầu kiểm tra',
    from: [PROCESSING], to: 'unchanged', roles: ['specialist', 'unit_head'], requires: [],
    legalBasis: DRAFT_BASIS,
    unverified: DRAFT_UNVERIFIED,
  },
  confirm_draft: {
    ...base, beforeDecisionOnly: true,
    label: 'Xác nhận dự thảo kết quả',
    from: [PROCESSING], to: 'unchanged', roles: ['citizen'], requires: [],
    legalBasis: DRAFT_BASIS,
    unverified: DRAFT_UNVERIFIED,
  },
  request_draft_correction: {
    ...base, beforeDecisionOnly: true,
    label: 'Đề nghị sửa dự thảo kết quả',
    from: [PROCESSING], to: 'unchanged', roles: ['citizen'], requires: ['reason'],
    legalBasis: DRAFT_BASIS,
    unverified: DRAFT_UNVERIFIED,
  },
  // ── Entries that change no state: the declaration's correction, the fee's payment ─────────────────────────
  // Who corrects when (preconditions.ts): the one-stop desk before and at receipt (1, 2, and 5 before receipt); the
  // specialist assigned to the dossier, or the head of the unit holding it, while it is processed (4, 5, 6); nobody
  // once the decision is approved (beforeDecisionOnly) or the dossier has left these states.
  correct_declaration: {
    ...base, unitScoped: true, beforeDecisionOnly: true, via: 'declaration',
    label: 'Sửa tờ khai',
    from: [SUBMITTED, RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION], to: 'unchanged',
    roles: ['receiving_officer', 'specialist', 'unit_head'], requires: ['reason'],
    legalBasis: 'NĐ 118/2025 (cán bộ tiếp nhận kiểm tra tính đầy đủ, chính xác của hồ sơ, hướng dẫn hoàn thiện hồ sơ; ' +
      'cán bộ giải quyết thẩm định hồ sơ); cán bộ sửa tờ khai điện tử theo hồ sơ giấy và thông tin người nộp xác nhận, ' +
      'giữ nguyên bản khai trước: thực tiễn của xã',
    unverified: 'NĐ 118/2025: the articles on checking the dossier at receipt and on appraisal are not confirmed; ' +
      'an officer correcting the e-form answers is the commune\'s practice, not confirmed as a rule of law.',
  },
  // A fee collected before processing ("thu trước"), paid online (the gateway's notification: system) or in cash at
  // the counter (the one-stop officer). The obligation of state 6 is `obligation_met`, which also resumes the dossier.
  fee_paid: {
    ...base, via: 'payment',
    label: 'Nộp phí, lệ phí',
    from: [SUBMITTED, RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION, PROCESSED], to: 'unchanged',
    roles: ['system', 'receiving_officer'], requires: ['amountVnd', 'paymentMethod', 'receiptNo'],
    legalBasis: 'Luật Phí và lệ phí 2015; NĐ 118/2025 Đ24 (nộp phí, lệ phí); thanh toán trực tuyến: NĐ 224/2026 Đ15 k1 điểm đ',
    unverified: 'Luật Phí và lệ phí 2015: the article on receipts is not confirmed; NĐ 224/2026 Đ15 k1 điểm đ is read ' +
      'from a secondary source, not confirmed.',
  },
  // A file attached to a component (counter scan, online upload, supplement, taken from the applicant's store, the
  // draft result), or the storage copy the digitisation worker made of it: its sha256 in the tamper-evident history.
  // From every state, terminal ones included: a storage copy may be finished after the dossier was returned.
  attach_file: {
    ...base, via: 'attachment',
    label: 'Đính kèm tệp',
    from: [SUBMITTED, RECEIVED, NOT_RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION, WITHDRAWN, STOPPED, PROCESSED, RETURNED],
    to: 'unchanged',
    roles: ['receiving_officer', 'specialist', 'unit_head', 'citizen', 'system'], requires: ['file'],
    legalBasis: 'NĐ 45/2020 Đ9 (thành phần hồ sơ điện tử: bản sao điện tử, bản chụp, bản quét); hướng dẫn số hóa của Bộ Khoa học '
      + 'và Công nghệ theo Công văn 9318/VPCP-KSTT ngày 21/12/2025 (bản lưu trữ PDF/A có lớp chữ, tên tệp, phiên bản)',
    unverified: 'NĐ 45/2020 Đ9: the article was not read in full; its wording on scans is not confirmed.',
  },
  // The applicant's name and residence replaced by what the population database holds for them (the officer's "Dùng
  // thông tin này" after a lookup whose subject is the applicant): the same holders as the declaration's correction
  // (preconditions.ts), while the dossier is open and undecided. The event names the fields changed and the lookup
  // (registry_lookups); the values stay in the dossier row and the declaration's revision, out of the log.
  update_applicant: {
    ...base, unitScoped: true, beforeDecisionOnly: true, via: 'registry',
    label: 'Cập nhật thông tin người nộp theo Cơ sở dữ liệu quốc gia về dân cư',
    from: [SUBMITTED, RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION], to: 'unchanged',
    roles: ['receiving_officer', 'specialist', 'unit_head'], requires: ['fields', 'lookupId'],
    legalBasis: 'TT 117/2026/TT-BCA (khai thác, sử dụng thông tin trong Cơ sở dữ liệu quốc gia về dân cư để giải quyết thủ tục hành chính); ' +
      'NĐ 45/2020, sửa đổi bởi NĐ 107/2021 (không yêu cầu cung cấp lại thông tin đã có trong cơ sở dữ liệu quốc gia)',
    unverified: 'TT 117/2026/TT-BCA and NĐ 45/2020 as amended: the articles are not confirmed.',
  },
  // ── Location-independent receipt (phi địa giới, domain.md §2.2): the centre that received a dossier for another
  // commune's authority digitises it and transfers it; the paper that must travel is sent and received by name, each
  // hand-over in the history. Which commune may take which of these steps: core/transfer.ts.
  transfer_to_competent: {
    ...base, afterReceiptOnly: true, beforeDecisionOnly: true, handover: 'to_other_commune',
    label: 'Chuyển hồ sơ đến xã có thẩm quyền giải quyết',
    from: [RECEIVED], to: 'unchanged', roles: ['receiving_officer'], requires: ['communeId', 'resultAt'],
    legalBasis: TRANSFER_BASIS,
    unverified: 'NĐ 118/2025 and NĐ 120/2025: the articles on receipt regardless of administrative boundary are not confirmed.',
  },
  send_papers: {
    ...base, afterReceiptOnly: true,
    label: 'Gửi hồ sơ giấy',
    from: [RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION, PROCESSED], to: 'unchanged',
    roles: ['receiving_officer'], requires: ['papers', 'carrier'],
    legalBasis: TRANSFER_BASIS,
    unverified: 'NĐ 118/2025: the article on sending the paper dossier and the result between the centres is not confirmed.',
  },
  receive_papers: {
    ...base, afterReceiptOnly: true,
    label: 'Nhận hồ sơ giấy',
    from: [RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION, PROCESSED, WITHDRAWN, STOPPED, RETURNED], to: 'unchanged',
    roles: ['receiving_officer'], requires: [],
    legalBasis: TRANSFER_BASIS,
    unverified: 'NĐ 118/2025: the article on sending the paper dossier and the result between the centres is not confirmed.',
  },
} as const satisfies Record<ActionType, ActionRule>;

export function isActionType(value: unknown): value is ActionType {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value);
}

/** The actions with their own endpoint and form (POST /api/v1/dossiers/:id/actions/<type>, the staff page). */
export type EndpointAction = { [K in ActionType]: (typeof ACTIONS)[K]['via'] extends 'action' ? K : never }[ActionType];

export const isEndpointAction = (t: string): t is EndpointAction => isActionType(t) && ACTIONS[t].via === 'action';

/** The Vietnamese name of a logged action (the table's label; an unknown name as it is). */
/** Entries of the log that are not actions on the dossier, so not in the table above: the record of the history a
 *  dossier had in the system the commune used before (`xaso import dossiers`, src/imports/core/record.ts), written once
 *  as the dossier's first entry. */
export const RECORD_ENTRIES: Readonly<Record<string, string>> = { import_legacy: 'Nhập từ hệ thống cũ' };

export const actionLabel = (action: string): string =>
  isActionType(action) ? ACTIONS[action].label : (RECORD_ENTRIES[action] ?? action);

export function ruleOf(type: ActionType): ActionRule {
  return ACTIONS[type];
}

export function isAllowedFrom(type: ActionType, state: FromState): boolean {
  return ruleOf(type).from.includes(state);
}

/** The state an action leads to, given the current state and whether the dossier was received. */
export function resolveTarget(target: Target, current: FromState, received: boolean): StateCode {
  if (target === 'unchanged') {
    if (current === null) throw new Error('An "unchanged" action cannot create a dossier');
    return current;
  }
  if (typeof target === 'number') return target;
  return received ? target.afterReceipt : target.beforeReceipt;
}

/** Every state an action may lead to from `current` (both receipt branches), for checks and property tests. */
export function targetsOf(type: ActionType, current: FromState): StateCode[] {
  const rule = ruleOf(type);
  if (!rule.from.includes(current)) return [];
  return [...new Set([resolveTarget(rule.to, current, true), resolveTarget(rule.to, current, false)])];
}

/** Actions the table allows from a state (role and payload not considered). */
export function actionsFrom(state: FromState): ActionType[] {
  return ACTION_TYPES.filter((t) => isAllowedFrom(t, state));
}
