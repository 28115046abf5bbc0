// A citizen's request about their personal data (pure): what they may ask, the life of the request as a typed
// transition table, who may take each step and the statutory clock.
// Rights: Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Điều 4 (to know; to view and correct; to ask for provision,
// deletion or restriction; to object). Answer: within 2 working days (Nghị định 356/2025/NĐ-CP; domain.md §9.1 [S]).
import type { WorkCalendar } from '../../calendar/core/working-time.ts';

export const REQUEST_KINDS = ['correction', 'deletion', 'restriction', 'objection', 'provision', 'other'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const KIND_LABEL: Record<RequestKind, string> = {
  correction: 'Chỉnh sửa dữ liệu không đúng',
  deletion: 'Xóa dữ liệu',
  restriction: 'Hạn chế xử lý dữ liệu',
  objection: 'Phản đối xử lý dữ liệu',
  provision: 'Cung cấp bản sao dữ liệu',
  other: 'Yêu cầu khác về dữ liệu cá nhân',
};

export const REQUEST_STATUSES = ['received', 'done', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const STATUS_LABEL: Record<RequestStatus, string> = { received: 'Đang xử lý', done: 'Đã thực hiện', refused: 'Từ chối' };

export const REQUEST_ACTIONS = ['submit', 'complete', 'refuse'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
export const ACTION_LABEL: Record<RequestAction, string> = { submit: 'Gửi yêu cầu', complete: 'Đã thực hiện', refuse: 'Từ chối' };

/** The working days the commune has to answer (NĐ 356/2025). */
export const ANSWER_WORKING_DAYS = 2;

/** Roles that answer requests for the commune: its leader (the data controller's head) and the administrator. */
export const ANSWER_ROLES = ['leader', 'admin'] as const;

export type ActorKind = 'citizen' | 'staff';
interface Row { from: RequestStatus | null; to: RequestStatus; by: ActorKind; needs: 'nothing' | 'answer' }
/** The transition table: every step a request can take, from which status, to which, by whom. Nothing leaves an
 *  answered request (a new request is a new row). */
export const TRANSITIONS: Record<RequestAction, Row> = {
  submit: { from: null, to: 'received', by: 'citizen', needs: 'nothing' },
  complete: { from: 'received', to: 'done', by: 'staff', needs: 'answer' },
  refuse: { from: 'received', to: 'refused', by: 'staff', needs: 'answer' },
};

export interface Actor { kind: ActorKind; roles: readonly string[] }

export type Decision =
  | { ok: true; to: RequestStatus }
  | { ok: false; httpStatus: 403 | 409 | 422; code: string; title: string };

const mayAnswer = (a: Actor) => a.kind === 'staff' && a.roles.some((r) => (ANSWER_ROLES as readonly string[]).includes(r));

/** Judges one step: who (403), then the status (409), then what the step needs (422). */
export function decide(status: RequestStatus | null, action: RequestAction, a: Actor, input: { answer?: string } = {}): Decision {
  const row = TRANSITIONS[action];
  if (row.by !== a.kind || (row.by === 'staff' && !mayAnswer(a))) {
    return { ok: false, httpStatus: 403, code: 'FORBIDDEN', title: 'Chỉ lãnh đạo UBND xã hoặc quản trị hệ thống được trả lời yêu cầu về dữ liệu cá nhân.' };
  }
  if (row.from !== status) {
    return { ok: false, httpStatus: 409, code: 'PRIVACY_REQUEST_ANSWERED', title: 'Yêu cầu này đã được trả lời.' };
  }
  if (row.needs === 'answer' && (input.answer ?? '').trim().length < 5) {
    return {
      ok: false, httpStatus: 422, code: 'ANSWER_REQUIRED',
      title: action === 'refuse' ? 'Nêu lý do từ chối (ít nhất 5 ký tự).' : 'Nêu việc đã thực hiện (ít nhất 5 ký tự).',
    };
  }
  return { ok: true, to: row.to };
}

/** The staff actions open on a request now. */
export const allowedActions = (status: RequestStatus, a: Actor): RequestAction[] =>
  REQUEST_ACTIONS.filter((x) => decide(status, x, a, { answer: 'xxxxx' }).ok);

/** Due: 2 working days from the next working time after receipt, on the commune's calendar (as the petitions'). */
export const dueAt = (receivedAt: Date, cal: WorkCalendar): Date => cal.addWorkingDays(cal.nextWorkingTime(receivedAt), ANSWER_WORKING_DAYS);

/** Overdue: still open after its due time. */
export const isOverdue = (r: { status: RequestStatus; due_at: Date }, now: Date) => r.status === 'received' && +now > +r.due_at;
