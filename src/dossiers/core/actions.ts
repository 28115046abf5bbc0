// The dossier lifecycle as ONE table (model: OpenCRVS typed action table; Signalen's transitions that name their
// source). Each row says from which states an action is allowed, where it leads, who may take it, what it needs,
// and the legal text behind it. `decide` (decide.ts) enforces the table; tests check it against a hand-written
// list of the legal rules, so an edit here that breaks the law fails a test.
//
// Legal-basis strings: "NĐ" = Nghị định, "TT" = Thông tư, "QĐ" = Quyết định, "Đ" = Điều, "k" = khoản,
// "PL" = Phụ lục. Form numbers follow QĐ 3621/QĐ-BYT BM.01–06, which reproduces TT 03/2025 Phụ lục I; the official
// annex was not read (domain.md §2.6, §12 item 2). "(UNCERTAIN)" marks an article domain.md could not confirm.

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
  'approve',
  'reject_not_eligible',
  'issue_result',
  'return_result',
  'withdraw',
  'stop_processing',
  'apologize_extend',
] as const;

export type ActionType = (typeof ACTION_TYPES)[number];

/** Resulting state: a state, the current state, or one that depends on whether the dossier was received. */
export type Target = StateCode | 'unchanged' | { readonly afterReceipt: StateCode; readonly beforeReceipt: StateCode };

/**
 * Where the dossier goes on this action (a row of the Phiếu kiểm soát, BM.05):
 * - 'to_payload_unit': to `payload.unitCode` / `payload.assigneeId` (route, forward);
 * - 'back_to_receiving_unit': back to the one-stop desk that received it, to return the result;
 * - 'none': it stays where it is.
 */
export type HandoverKind = 'none' | 'to_payload_unit' | 'back_to_receiving_unit';

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
  readonly legalBasis: string;
}

const { SUBMITTED, RECEIVED, NOT_RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION } = S;
const { WITHDRAWN, STOPPED, PROCESSED, RETURNED } = S;

/** Shorthands for the table only. */
const base = { unitScoped: false, afterReceiptOnly: false, beforeDecisionOnly: false, handover: 'none' } as const;
const BM = (n: string, name: string): string => `QĐ 3621/QĐ-BYT BM.${n} (TT 03/2025 PL I) ${name}`;

export const ACTIONS = {
  // ── Filing and receipt ─────────────────────────────────────────────────────────────────────────────────────
  submit_online: {
    ...base,
    label: 'Nộp hồ sơ trực tuyến',
    from: [null], to: SUBMITTED, roles: ['citizen', 'system'], requires: [],
    legalBasis: 'NĐ 118/2025 (nộp trên Cổng DVCQG; article UNCERTAIN); NĐ 45/2020 Đ9',
  },
  receive_counter: {
    ...base,
    label: 'Tiếp nhận hồ sơ trực tiếp',
    from: [null], to: RECEIVED, roles: ['receiving_officer'], requires: [],
    legalBasis: `NĐ 118/2025 (tiếp nhận; article UNCERTAIN); ${BM('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả')}; ` +
      'mã hồ sơ TT 03/2025 Đ13 (k1–2 UNCERTAIN); hạn trả theo TTHC, vd. Luật Hộ tịch 2014 Đ5 k3',
  },
  receive_online: {
    ...base,
    label: 'Tiếp nhận hồ sơ trực tuyến',
    from: [SUBMITTED], to: RECEIVED, roles: ['receiving_officer'], requires: [],
    legalBasis: `NĐ 45/2020 Đ11; ${BM('01', 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả')}; mã hồ sơ TT 03/2025 Đ13 ` +
      '(k1–2 UNCERTAIN)',
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
    legalBasis: `${BM('05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ')} (number UNCERTAIN); ` +
      'chuyển ngay sau tiếp nhận: NĐ 61/2018 Đ20 (UNCERTAIN under NĐ 118/2025)',
  },
  forward: {
    ...base, unitScoped: true, handover: 'to_payload_unit',
    label: 'Chuyển tiếp hồ sơ',
    from: [PROCESSING], to: PROCESSING,
    roles: ['specialist', 'unit_head', 'leader', 'cchc_coordinator'], requires: ['unitCode'],
    legalBasis: `${BM('05', 'Phiếu kiểm soát quá trình giải quyết hồ sơ')} (number UNCERTAIN)`,
  },
  // ── Clock pauses ───────────────────────────────────────────────────────────────────────────────────────────
  request_supplement: {
    ...base, unitScoped: true,
    label: 'Yêu cầu bổ sung, hoàn thiện hồ sơ',
    from: [RECEIVED, PROCESSING], to: SUPPLEMENT_REQUESTED,
    roles: ['receiving_officer', 'specialist', 'unit_head'], requires: ['items', 'reason'],
    legalBasis: `${BM('02', 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ')}; QĐ 766/QĐ-TTg chỉ tiêu 2.1 ` +
      '(bổ sung quá 1 lần = quá hạn)',
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
    legalBasis: 'NĐ 118/2025 Đ24; dừng đếm thời gian theo luật chuyên ngành (UNCERTAIN)',
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
    legalBasis: 'NĐ 118/2025 (giải quyết hồ sơ; article UNCERTAIN)',
  },
  approve: {
    ...base, unitScoped: true,
    label: 'Phê duyệt kết quả giải quyết',
    from: [PROCESSING], to: 'unchanged', roles: ['unit_head', 'leader'], requires: [],
    legalBasis: 'NĐ 118/2025 (ký kết quả; article UNCERTAIN)',
  },
  reject_not_eligible: {
    ...base, unitScoped: true, handover: 'back_to_receiving_unit',
    label: 'Từ chối giải quyết do không đủ điều kiện',
    from: [PROCESSING], to: PROCESSED, roles: ['specialist', 'unit_head', 'leader'], requires: ['reason'],
    legalBasis: 'NĐ 118/2025 (văn bản từ chối nêu rõ lý do; article UNCERTAIN)',
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
    legalBasis: 'NĐ 118/2025 Đ22; NĐ 45/2020 Đ14, Đ16 (kết quả điện tử vào Kho dữ liệu)',
  },
  // ── Ending early, apology ──────────────────────────────────────────────────────────────────────────────────
  withdraw: {
    ...base, beforeDecisionOnly: true,
    label: 'Rút hồ sơ theo yêu cầu của công dân',
    from: [SUBMITTED, RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION], to: WITHDRAWN,
    roles: ['citizen', 'receiving_officer'], requires: [],
    legalBasis: 'NĐ 118/2025 Đ21 (UNCERTAIN: rút hồ sơ vs. đề nghị dừng giải quyết)',
  },
  stop_processing: {
    ...base, afterReceiptOnly: true, beforeDecisionOnly: true,
    label: 'Dừng giải quyết hồ sơ',
    from: [RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION], to: STOPPED,
    roles: ['receiving_officer', 'system'], requires: ['reason'],
    legalBasis: 'NĐ 118/2025 Đ21 k1 (k2: trực tuyến qua DVCQG); TT 03/2025 Đ7 (Thông báo dừng giải quyết hồ sơ)',
  },
  apologize_extend: {
    ...base, unitScoped: true, afterReceiptOnly: true,
    label: 'Xin lỗi và hẹn lại ngày trả kết quả',
    from: [RECEIVED, PROCESSING, SUPPLEMENT_REQUESTED, FINANCIAL_OBLIGATION], to: 'unchanged',
    roles: ['unit_head', 'leader'], requires: ['reason', 'newDueAt'],
    legalBasis: `NĐ 118/2025 (chậm nhất 01 ngày trước hạn, hẹn lại không quá một lần; article UNCERTAIN, ` +
      `restated in Lai Châu QĐ 88/2025/QĐ-UBND Đ3 k6); ${BM('04', 'Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết')}`,
  },
} as const satisfies Record<ActionType, ActionRule>;

export function isActionType(value: unknown): value is ActionType {
  return typeof value === 'string' && Object.hasOwn(ACTIONS, value);
}

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
