// Plan tasks: who sees and does what, and the changes (assign, sub-task, progress report, approval), each written to
// the task's append-only history. The 6 rõ: assignee (người), title (việc), deadline (thời gian), responsible unit
// (trách nhiệm), authority who approves the result (thẩm quyền), expected result and evidence (kết quả).
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { isValidCivil } from '../calendar/core/civil.ts';
import { Problem, forbidden, notFound } from '../http/problem.ts';
import { hasRole, type Principal } from '../identity/core/principal.ts';
import { cleanFileName, putFile, sniffType } from '../dossiers/uploads.ts';
import { shownStatus, type ShownStatus } from './core/task-rules.ts';
import {
  activeStaffMember, findTask, hasOpenSubtask, insertTask, insertTaskFile, logTaskEvent, unitOfCommune, updateTask, type TaskRow, type TaskScope,
} from './store.ts';
import type { AuthorityRole } from './tables.ts';

type Trx = Transaction<Database>;

/** The commune's leaders and the CCHC coordinator (Phòng Văn hóa - Xã hội, mục IV.2 of the plan) see every task. */
export const seesAllTasks = (p: Principal) => hasRole(p, 'leader', 'cchc_coordinator', 'admin');

export const taskScopeOf = (p: Principal): TaskScope =>
  seesAllTasks(p) ? { communeId: p.communeId } : { communeId: p.communeId, unitId: p.unitId, staffId: p.kind === 'staff' ? p.id : -1 };

const headOf = (p: Principal, unitId: number | null) => hasRole(p, 'unit_head') && unitId !== null && p.unitId === unitId;
const staffId = (p: Principal) => (p.kind === 'staff' ? p.id : null);

/** Assign, re-plan, add sub-tasks: the coordinator, and the head of the task's responsible unit. */
export const canManage = (p: Principal, t: Pick<TaskRow, 'responsible_unit_id'>) => hasRole(p, 'cchc_coordinator') || headOf(p, t.responsible_unit_id);
/** Report progress: the assignee, and the head of the responsible unit. */
export const canReport = (p: Principal, t: Pick<TaskRow, 'responsible_unit_id' | 'assignee_id'>) => (t.assignee_id !== null && t.assignee_id === staffId(p)) || headOf(p, t.responsible_unit_id);
/** Approve the result: the authority, a named officer or a role (unit_head: the responsible unit's head). */
export function canApprove(p: Principal, t: Pick<TaskRow, 'responsible_unit_id' | 'authority_role' | 'authority_staff_id'>): boolean {
  if (t.authority_staff_id !== null) return t.authority_staff_id === staffId(p);
  if (t.authority_role === 'unit_head') return headOf(p, t.responsible_unit_id);
  return t.authority_role !== null && hasRole(p, t.authority_role);
}

export const AUTHORITY_LABEL: Record<AuthorityRole, string> = {
  unit_head: 'Trưởng đơn vị chủ trì', leader: 'Chủ tịch UBND xã', cchc_coordinator: 'Cơ quan thường trực CCHC (Phòng Văn hóa - Xã hội)',
};

export type TaskAction = 'assign' | 'subtask' | 'progress' | 'file' | 'decide';
export function allowedActions(p: Principal, t: TaskRow, now: Date): TaskAction[] {
  const s = shownStatus(taskClock(t), now);
  const out: TaskAction[] = [];
  if (canManage(p, t) && s !== 'done') out.push('assign', 'subtask');
  if (canReport(p, t) && (t.status === 'not_started' || t.status === 'in_progress')) out.push('progress', 'file');
  if (canApprove(p, t) && t.status === 'awaiting_approval') out.push('decide');
  return out;
}

export const taskClock = (t: Pick<TaskRow, 'status' | 'deadline' | 'completed_at'>) => ({ status: t.status, deadline: t.deadline, completedAt: t.completed_at });
export const statusOf = (t: TaskRow, now: Date): ShownStatus => shownStatus(taskClock(t), now);

async function taskFor(trx: Trx, p: Principal, id: number): Promise<TaskRow> {
  const t = await findTask(trx, taskScopeOf(p), id, true);
  if (!t) throw notFound('nhiệm vụ');
  return t;
}

const checkDate = (d: string | undefined) => {
  if (d === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d);
  if (!m || !isValidCivil(Number(m[1]), Number(m[2]), Number(m[3]))) throw new Problem(422, 'INVALID_DATE', 'Hạn hoàn thành không hợp lệ (năm-tháng-ngày).');
  return d;
};

async function staffOfUnit(trx: Trx, communeId: string, staffId: number, unitId: number | null, what: string) {
  const s = await activeStaffMember(trx, communeId, staffId, unitId);
  if (!s) throw new Problem(422, 'UNKNOWN_STAFF', `${what} không thuộc ${unitId !== null ? 'đơn vị chủ trì' : 'xã'}.`);
  return s;
}

export interface AssignInput { unitId?: number; assigneeId?: number | null; deadline?: string; authorityRole?: AuthorityRole; authorityStaffId?: number | null; expectedResult?: string; note?: string }

/** Gives the task to a unit (coordinator only) and/or a person of the responsible unit, re-plans its deadline,
 *  authority or expected result. */
export async function assignTask(trx: Trx, p: Principal, id: number, input: AssignInput, now: Date): Promise<TaskRow> {
  const t = await taskFor(trx, p, id);
  if (!canManage(p, t)) throw forbidden('Chỉ cơ quan thường trực CCHC và trưởng đơn vị chủ trì được giao nhiệm vụ.');
  if (t.status === 'done') throw new Problem(409, 'TASK_DONE', 'Nhiệm vụ đã hoàn thành.');
  const set: Partial<{ responsible_unit_id: number; assignee_id: number | null; deadline: string; authority_role: AuthorityRole | null; authority_staff_id: number | null; expected_result: string }> = {};
  const changes: Record<string, unknown> = {};
  let unitId = t.responsible_unit_id;
  if (input.unitId !== undefined && input.unitId !== t.responsible_unit_id) {
    if (!hasRole(p, 'cchc_coordinator')) throw forbidden('Chỉ cơ quan thường trực CCHC được giao nhiệm vụ cho đơn vị khác.');
    const u = await unitOfCommune(trx, p.communeId, input.unitId);
    if (!u) throw new Problem(422, 'UNKNOWN_UNIT', 'Đơn vị được giao không thuộc xã.');
    unitId = u.id;
    set.responsible_unit_id = u.id;
    changes.unit = u.name;
    if (input.assigneeId === undefined && t.assignee_id !== null) set.assignee_id = null; // the person belonged to the former unit
  }
  if (input.assigneeId !== undefined && input.assigneeId !== t.assignee_id) {
    if (input.assigneeId === null) set.assignee_id = null;
    else {
      const s = await staffOfUnit(trx, p.communeId, input.assigneeId, unitId, 'Cán bộ được giao');
      set.assignee_id = s.id;
      changes.assignee = s.full_name;
    }
  }
  const deadline = checkDate(input.deadline);
  if (deadline && deadline !== t.deadline) {
    set.deadline = deadline;
    changes.deadline = deadline;
  }
  if (input.authorityStaffId !== undefined && input.authorityStaffId !== t.authority_staff_id) {
    if (input.authorityStaffId === null) set.authority_staff_id = null;
    else {
      const s = await staffOfUnit(trx, p.communeId, input.authorityStaffId, null, 'Người duyệt');
      set.authority_staff_id = s.id;
      changes.authority = s.full_name;
    }
  }
  if (input.authorityRole !== undefined && input.authorityRole !== t.authority_role) {
    set.authority_role = input.authorityRole;
    changes.authority = AUTHORITY_LABEL[input.authorityRole];
  }
  if ((set.authority_staff_id === null || (set.authority_staff_id === undefined && t.authority_staff_id === null)) && (set.authority_role ?? t.authority_role) === null) {
    throw new Problem(422, 'AUTHORITY_REQUIRED', 'Cần xác định người hoặc cấp có thẩm quyền duyệt kết quả.');
  }
  const result = input.expectedResult?.trim();
  if (result && result !== t.expected_result) {
    set.expected_result = result;
    changes.expectedResult = result;
  }
  if (!Object.keys(set).length) throw new Problem(422, 'NOTHING_CHANGED', 'Không có thay đổi nào.');
  await updateTask(trx, id, set);
  await logTaskEvent(trx, id, 'assigned', now, staffId(p), { note: input.note?.trim() || null, changes });
  return (await findTask(trx, { communeId: p.communeId }, id))!;
}

export interface SubtaskInput { title: string; deadline: string; assigneeId?: number; expectedResult: string }

/** A sub-task of the same unit, with its own person, deadline and result; approved by the same authority. */
export async function addSubtask(trx: Trx, p: Principal, parentId: number, input: SubtaskInput, now: Date): Promise<TaskRow> {
  const t = await taskFor(trx, p, parentId);
  if (!canManage(p, t)) throw forbidden('Chỉ cơ quan thường trực CCHC và trưởng đơn vị chủ trì được thêm nhiệm vụ con.');
  const title = input.title.trim();
  const result = input.expectedResult.trim();
  if (!title || !result) throw new Problem(422, 'TEXT_REQUIRED', 'Cần nhập nội dung nhiệm vụ con và kết quả cần đạt.');
  const deadline = checkDate(input.deadline)!;
  if (deadline > t.deadline) throw new Problem(422, 'SUBTASK_AFTER_PARENT', 'Hạn của nhiệm vụ con không được sau hạn của nhiệm vụ.');
  const assignee = input.assigneeId ? await staffOfUnit(trx, p.communeId, input.assigneeId, t.responsible_unit_id, 'Cán bộ được giao') : undefined;
  const id = await insertTask(trx, {
    commune_id: t.commune_id, plan_id: t.plan_id, key: null, item_key: t.item_key, parent_id: t.id, area_id: t.area_id, ref: t.ref,
    year: Number(deadline.slice(0, 4)), recurrence: 'once', title, responsible_unit_id: t.responsible_unit_id, coordinating_unit_ids: [],
    assignee_id: assignee?.id ?? null, deadline, authority_role: t.authority_role, authority_staff_id: t.authority_staff_id,
    expected_result: result, created_at: now,
  });
  await logTaskEvent(trx, id, 'created', now, staffId(p), { changes: { parent: t.id, ...(assignee ? { assignee: assignee.full_name } : {}) } });
  await logTaskEvent(trx, t.id, 'assigned', now, staffId(p), { note: `Thêm nhiệm vụ con: ${title}`, changes: { subtask: id } });
  return (await findTask(trx, { communeId: p.communeId }, id))!;
}

export interface ProgressInput { progress: number; note: string; evidence?: string; submit?: boolean }

/** The assignee (or the unit head) reports progress with evidence; `submit` delivers the result for approval. */
export async function reportProgress(trx: Trx, p: Principal, id: number, input: ProgressInput, now: Date): Promise<TaskRow> {
  const t = await taskFor(trx, p, id);
  if (!canReport(p, t)) throw forbidden('Chỉ người được giao và trưởng đơn vị chủ trì được báo cáo tiến độ.');
  if (t.status === 'done' || t.status === 'awaiting_approval') throw new Problem(409, 'TASK_NOT_OPEN', t.status === 'done' ? 'Nhiệm vụ đã hoàn thành.' : 'Kết quả đang chờ duyệt.');
  const note = input.note.trim();
  const evidence = input.evidence?.trim() || null;
  if (!note) throw new Problem(422, 'TEXT_REQUIRED', 'Cần nhập nội dung báo cáo tiến độ.');
  if (!Number.isInteger(input.progress) || input.progress < 0 || input.progress > 100) throw new Problem(422, 'INVALID_PROGRESS', 'Tiến độ là số nguyên từ 0 đến 100 (%).');
  if (input.submit && !evidence) throw new Problem(422, 'EVIDENCE_REQUIRED', 'Cần ghi tài liệu kiểm chứng (số văn bản, đường dẫn, tệp) khi trình duyệt kết quả.');
  if (input.submit && (await hasOpenSubtask(trx, id))) {
    throw new Problem(409, 'SUBTASKS_OPEN', 'Còn nhiệm vụ con chưa hoàn thành.');
  }
  await updateTask(trx, id, input.submit
    ? { status: 'awaiting_approval', progress: 100, completed_at: now }
    : { status: 'in_progress', progress: input.progress });
  await logTaskEvent(trx, id, input.submit ? 'submitted' : 'progress', now, staffId(p), { note, evidence, changes: { progress: input.submit ? 100 : input.progress } });
  return (await findTask(trx, { communeId: p.communeId }, id))!;
}

/** The authority approves the delivered result (done; on time if delivered by the deadline) or returns it. */
export async function decide(trx: Trx, p: Principal, id: number, input: { approve: boolean; note?: string }, now: Date): Promise<TaskRow> {
  const t = await taskFor(trx, p, id);
  if (!canApprove(p, t)) throw forbidden('Chỉ người có thẩm quyền được duyệt kết quả nhiệm vụ.');
  if (t.status !== 'awaiting_approval') throw new Problem(409, 'TASK_NOT_SUBMITTED', 'Nhiệm vụ chưa được trình duyệt kết quả.');
  const note = input.note?.trim() || null;
  if (!input.approve && !note) throw new Problem(422, 'TEXT_REQUIRED', 'Cần nêu lý do trả lại.');
  await updateTask(trx, id, input.approve ? { status: 'done' } : { status: 'in_progress', completed_at: null, progress: 90 });
  await logTaskEvent(trx, id, input.approve ? 'approved' : 'returned', now, staffId(p), { note });
  return (await findTask(trx, { communeId: p.communeId }, id))!;
}

/** The coordinating units, without the responsible one (a task moved to a coordinating unit). */
export const coordinatingOf = (t: Pick<TaskRow, 'coordinating_unit_ids' | 'responsible_unit_id'>) =>
  t.coordinating_unit_ids.map(Number).filter((u) => u !== t.responsible_unit_id);

/** An evidence file (PDF, JPEG or PNG by content) attached by whoever may report on the task, while it is open. */
export async function addTaskFile(trx: Trx, p: Principal, id: number, f: { fileName: string; content: Buffer }, now: Date) {
  const t = await taskFor(trx, p, id);
  if (!canReport(p, t)) throw forbidden('Chỉ người được giao và trưởng đơn vị chủ trì được đính kèm tài liệu kiểm chứng.');
  if (t.status === 'done' || t.status === 'awaiting_approval') throw new Problem(409, 'TASK_NOT_OPEN', t.status === 'done' ? 'Nhiệm vụ đã hoàn thành.' : 'Kết quả đang chờ duyệt.');
  const type = sniffType(f.content);
  if (!type) throw new Problem(415, 'UNSUPPORTED_FILE_TYPE', 'Chỉ nhận tệp PDF, JPEG hoặc PNG.');
  const sha256 = await putFile(trx, f.content, type);
  const fileName = cleanFileName(f.fileName);
  const row = await insertTaskFile(trx, { task_id: id, file_name: fileName, sha256, uploaded_by: staffId(p), uploaded_at: now });
  await logTaskEvent(trx, id, 'file_added', now, staffId(p), { evidence: fileName });
  return { id: row.id, fileName, contentType: type, size: f.content.length, uploadedAt: row.uploaded_at.toISOString() };
}
