// The life of a unit's submission (pure): nháp → đã nộp → trả lại để sửa (with the coordinator's reasons) → đã nộp
// lại → đã chấp nhận. Who may do what: the unit's staff edit their unit's draft, its head submits it (the head answers
// for the unit's plan and reports, plan section IV.1), only the CCHC coordinator (Phòng Văn hóa - Xã hội, plan
// section IV.2: "hướng dẫn, đôn đốc, kiểm tra … và báo cáo") returns or accepts. Nothing leaves "accepted".
import { missingSections, type ReportContent } from './content.ts';

export type { ReportContent } from './content.ts';

export const CALL_KINDS = ['unit_plan', 'quarterly', 'annual', 'ad_hoc'] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export const KIND_LABEL: Record<CallKind, string> = {
  unit_plan: 'Kế hoạch CCHC năm của đơn vị',
  quarterly: 'Báo cáo CCHC quý',
  annual: 'Báo cáo CCHC năm',
  ad_hoc: 'Báo cáo CCHC đột xuất',
};

export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const STATUS_LABEL: Record<ReportStatus, string> = {
  draft: 'Nháp', submitted: 'Đã nộp', returned: 'Trả lại để sửa', resubmitted: 'Đã nộp lại', accepted: 'Đã chấp nhận',
};

export const REPORT_ACTIONS = ['save', 'submit', 'return', 'accept'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
export const ACTION_LABEL: Record<ReportAction, string> = {
  save: 'Lưu nháp', submit: 'Nộp báo cáo', return: 'Trả lại để sửa', accept: 'Chấp nhận',
};

export type ReportEventType = 'saved' | 'file_added' | 'submitted' | 'returned' | 'resubmitted' | 'accepted';

export interface Actor {
  roles: readonly string[];
  unitId: number | null;
}

/** Roles of a unit's staff who may write its draft and attach evidence. */
const EDIT_ROLES = ['unit_head', 'specialist', 'receiving_officer'];

const EDITABLE: readonly ReportStatus[] = ['draft', 'returned'];
const IN_REVIEW: readonly ReportStatus[] = ['submitted', 'resubmitted'];

/** The status after `action`, or null when the status does not allow it. */
export function nextStatus(s: ReportStatus, action: ReportAction): ReportStatus | null {
  switch (action) {
    case 'save':
      return EDITABLE.includes(s) ? s : null;
    case 'submit':
      return s === 'draft' ? 'submitted' : s === 'returned' ? 'resubmitted' : null;
    case 'return':
      return IN_REVIEW.includes(s) ? 'returned' : null;
    case 'accept':
      return IN_REVIEW.includes(s) ? 'accepted' : null;
  }
}

/** Whether the actor's role (and unit) allows the action on a submission of `unitId`, whatever its status. */
export function mayAct(a: Actor, unitId: number, action: ReportAction): boolean {
  const ownUnit = a.unitId !== null && a.unitId === unitId;
  if (action === 'save') return ownUnit && a.roles.some((r) => EDIT_ROLES.includes(r));
  if (action === 'submit') return ownUnit && a.roles.includes('unit_head');
  return a.roles.includes('cchc_coordinator');
}

/** The actions the actor may take now. */
export const allowedActions = (s: ReportStatus, a: Actor, unitId: number): ReportAction[] =>
  REPORT_ACTIONS.filter((x) => mayAct(a, unitId, x) && nextStatus(s, x) !== null);

export type StepOutcome =
  | { ok: true; status: ReportStatus; event: ReportEventType }
  | { ok: false; httpStatus: 403 | 409 | 422; code: string; title: string };

/** Judges one step: the role first (403), then the status (409), then what the step needs (422). */
export function checkStep(
  s: ReportStatus, action: ReportAction, a: Actor, unitId: number,
  input: { isPlan: boolean; content: ReportContent; reasons?: string },
): StepOutcome {
  if (!mayAct(a, unitId, action)) {
    return { ok: false, httpStatus: 403, code: 'FORBIDDEN', title: action === 'return' || action === 'accept'
      ? 'Chỉ đầu mối cải cách hành chính được trả lại hoặc chấp nhận báo cáo.'
      : action === 'submit' ? 'Chỉ trưởng đơn vị được nộp báo cáo của đơn vị.' : 'Bạn không có quyền sửa báo cáo này.' };
  }
  const next = nextStatus(s, action);
  if (!next) {
    return { ok: false, httpStatus: 409, code: 'REPORT_STEP_NOT_ALLOWED', title: `Không thể "${ACTION_LABEL[action].toLowerCase()}" khi báo cáo ở trạng thái "${STATUS_LABEL[s]}".` };
  }
  if (action === 'return' && !input.reasons?.trim()) {
    return { ok: false, httpStatus: 422, code: 'REASONS_REQUIRED', title: 'Cần nêu lý do trả lại để đơn vị sửa.' };
  }
  if (action === 'submit') {
    const missing = missingSections(input.isPlan, input.content);
    if (missing.length) return { ok: false, httpStatus: 422, code: 'CONTENT_INCOMPLETE', title: `Báo cáo còn thiếu: ${missing.join('; ')}.` };
  }
  const event: ReportEventType = action === 'save' ? 'saved' : action === 'submit' ? (s === 'returned' ? 'resubmitted' : 'submitted')
    : action === 'return' ? 'returned' : 'accepted';
  return { ok: true, status: next, event };
}
