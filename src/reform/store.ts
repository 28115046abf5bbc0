// SQL edge of the reform plan: plans, areas, goals, targets, tasks in the caller's scope, the task history and the
// staff a task can go to. Every task query is scoped by commune and, for unit staff, to their unit's tasks and the
// tasks assigned to them (reform_tasks_commune_unit / reform_tasks_assignee indexes). Also the writes of the service
// (task changes, evidence files, reported target values), the reminder rounds and the task figures counted for
// other domains (task-measures.ts). The plan import's upserts are in import-store.ts.
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import { openRow } from '../vault/store.ts';
import type { ReformRemindersTable, ReformTasksTable, TaskEventType } from './tables.ts';

type Db = Kysely<Database>;

/** What tasks the caller sees: the whole commune, or (unitId/staffId set) their unit's and their own. */
export interface TaskScope { communeId: string; unitId?: number | null; staffId?: number }

export interface TaskFilter { planId?: number; year?: number; areaId?: number | 'none'; unitId?: number; assigneeId?: number; parentId?: number | null; ids?: number[] }

export function tasksQuery(db: Db, scope: TaskScope, f: TaskFilter = {}) {
  let q = db.selectFrom('reform_tasks as t')
    .leftJoin('units as u', 'u.id', 't.responsible_unit_id')
    .leftJoin('staff as a', 'a.id', 't.assignee_id')
    .leftJoin('reform_areas as ar', 'ar.id', 't.area_id')
    .leftJoin('staff as au', 'au.id', 't.authority_staff_id')
    .selectAll('t')
    .select(['u.name as unit_name', 'u.code as unit_code', 'a.full_name as assignee_name', 'ar.title as area_title', 'ar.ref as area_ref', 'au.full_name as authority_staff_name',
      sql<number>`(SELECT count(*)::int FROM reform_tasks s WHERE s.parent_id = t.id)`.as('subtasks')])
    .where('t.commune_id', '=', scope.communeId);
  if (scope.unitId !== undefined || scope.staffId !== undefined) {
    q = q.where((eb) => eb.or([
      ...(scope.unitId ? [eb('t.responsible_unit_id', '=', scope.unitId)] : []),
      eb('t.assignee_id', '=', scope.staffId ?? -1),
    ]));
  }
  if (f.planId !== undefined) q = q.where('t.plan_id', '=', f.planId);
  if (f.year !== undefined) q = q.where('t.year', '=', f.year);
  if (f.areaId === 'none') q = q.where('t.area_id', 'is', null);
  else if (f.areaId !== undefined) q = q.where('t.area_id', '=', f.areaId);
  if (f.unitId !== undefined) q = q.where('t.responsible_unit_id', '=', f.unitId);
  if (f.assigneeId !== undefined) q = q.where('t.assignee_id', '=', f.assigneeId);
  if (f.parentId === null) q = q.where('t.parent_id', 'is', null);
  else if (f.parentId !== undefined) q = q.where('t.parent_id', '=', f.parentId);
  if (f.ids) q = q.where('t.id', 'in', f.ids.length ? f.ids : [-1]);
  return q;
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof tasksQuery>['executeTakeFirstOrThrow']>>;

export const listTasks = (db: Db, scope: TaskScope, f: TaskFilter = {}, limit = 1000): Promise<TaskRow[]> =>
  tasksQuery(db, scope, f).orderBy('t.deadline').orderBy('t.ref').orderBy('t.id').limit(limit).execute();

export async function findTask(db: Db, scope: TaskScope, id: number, lock = false): Promise<TaskRow | undefined> {
  if (lock) {
    const own = await db.selectFrom('reform_tasks').select('id').where('id', '=', id).where('commune_id', '=', scope.communeId).forUpdate().executeTakeFirst();
    if (!own) return undefined;
  }
  return tasksQuery(db, scope).where('t.id', '=', id).executeTakeFirst();
}

export async function logTaskEvent(db: Db, taskId: number, type: TaskEventType, at: Date, actorId: number | null, o: { note?: string | null; evidence?: string | null; changes?: Record<string, unknown> | null } = {}) {
  await db.insertInto('reform_task_events').values({
    task_id: taskId, type, at, actor_id: actorId, note: o.note ?? null, evidence: o.evidence ?? null, changes: o.changes ? JSON.stringify(o.changes) : null,
  }).execute();
}

export const taskEvents = (db: Db, taskId: number) =>
  db.selectFrom('reform_task_events as e').leftJoin('staff as s', 's.id', 'e.actor_id')
    .select(['e.id', 'e.type', 'e.at', 'e.note', 'e.evidence', 'e.changes', 's.full_name as actor_name'])
    .where('e.task_id', '=', taskId).orderBy('e.id').execute();

export const communePlans = (db: Db, communeId: string) =>
  db.selectFrom('reform_plans').selectAll().where('commune_id', '=', communeId).orderBy('start_year', 'desc').orderBy('id').execute();

export const findPlan = (db: Db, communeId: string, id: number) =>
  db.selectFrom('reform_plans').selectAll().where('commune_id', '=', communeId).where('id', '=', id).executeTakeFirst();

export const planAreas = (db: Db, planId: number) =>
  db.selectFrom('reform_areas as a').leftJoin('units as u', 'u.id', 'a.lead_unit_id')
    .selectAll('a').select(['u.name as lead_unit_name', 'u.code as lead_unit_code']).where('a.plan_id', '=', planId).orderBy('a.position').execute();

export const planGoals = (db: Db, planId: number) =>
  db.selectFrom('reform_goals').selectAll().where('plan_id', '=', planId).orderBy('area_id').orderBy('position').execute();

export const planTargets = (db: Db, planId: number) =>
  db.selectFrom('reform_targets as t').leftJoin('units as u', 'u.id', 't.owner_unit_id').leftJoin('staff as s', 's.id', 't.current_by')
    .selectAll('t').select(['u.name as owner_unit_name', 's.full_name as current_by_name'])
    .where('t.plan_id', '=', planId).orderBy('t.area_id').orderBy('t.position').execute();
export type TargetRow = Awaited<ReturnType<typeof planTargets>>[number];

export async function findTarget(db: Db, communeId: string, id: number, lock = false) {
  const q = db.selectFrom('reform_targets as t').innerJoin('reform_plans as p', 'p.id', 't.plan_id')
    .selectAll('t').where('t.id', '=', id).where('p.commune_id', '=', communeId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export const communeUnits = (db: Db, communeId: string) =>
  db.selectFrom('units').select(['id', 'code', 'name']).where('commune_id', '=', communeId).orderBy('id').execute();

/** Active staff of a commune (optionally of one unit), for the assignee and authority choices. */
export function activeStaff(db: Db, communeId: string, unitId?: number | null) {
  let q = db.selectFrom('staff').select(['id', 'full_name', 'title', 'unit_id', 'roles']).where('commune_id', '=', communeId).where('active', '=', true);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.orderBy('full_name').execute();
}

/** Active staff holding a role (the heads of a unit when unitId is given). */
export function staffWithRole(db: Db, communeId: string, role: string, unitId?: number | null) {
  let q = db.selectFrom('staff').select(['id', 'full_name']).where('commune_id', '=', communeId).where('active', '=', true)
    .where(sql<boolean>`${role} = ANY(roles)`);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  return q.execute();
}

/** Reminders and escalations sent to a staff member, newest first, with the task. */
export const remindersOf = (db: Db, communeId: string, staffId: number, limit = 50) =>
  db.selectFrom('reform_reminders as r').innerJoin('reform_tasks as t', 't.id', 'r.task_id')
    .select(['r.id', 'r.kind', 'r.deadline', 'r.sent_at', 't.id as task_id', 't.title', 't.status', 't.deadline as task_deadline', 't.completed_at'])
    .where('r.recipient_id', '=', staffId).where('t.commune_id', '=', communeId).orderBy('r.sent_at', 'desc').orderBy('r.id', 'desc').limit(limit).execute();

export const taskFiles = (db: Db, taskId: number) =>
  db.selectFrom('reform_task_files as r').innerJoin('files as f', 'f.sha256', 'r.sha256').leftJoin('staff as s', 's.id', 'r.uploaded_by')
    .select(['r.id', 'r.file_name', 'r.uploaded_at', 'f.content_type', 'f.size', 's.full_name as uploaded_by_name'])
    .where('r.task_id', '=', taskId).orderBy('r.id').execute();

export const taskFileContent = (db: Db, taskId: number, fileId: number) =>
  db.selectFrom('reform_task_files as r').innerJoin('files as f', 'f.sha256', 'r.sha256')
    .select(['r.file_name', 'f.content_type', 'f.sha256', 'f.content', 'f.key_version', 'f.wrapped_key', 'f.nonce'])
    .where('r.task_id', '=', taskId).where('r.id', '=', fileId).executeTakeFirst().then((r) => openRow(r)); // decrypted (vault/store.ts)

// ── Task changes (service.ts, import.ts, the demo) ─────────────────────────────────────────────────────

type TaskSet = Updateable<ReformTasksTable>;

export async function updateTask(db: Db, id: number, set: TaskSet): Promise<void> {
  await db.updateTable('reform_tasks').set(set).where('id', '=', id).execute();
}

export async function insertTask(db: Db, v: Insertable<ReformTasksTable>): Promise<number> {
  return (await db.insertInto('reform_tasks').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

/** Whether a task has a sub-task not done yet. */
export async function hasOpenSubtask(db: Db, parentId: number): Promise<boolean> {
  return !!(await db.selectFrom('reform_tasks').select('id').where('parent_id', '=', parentId).where('status', '!=', 'done').executeTakeFirst());
}

/** A task of a plan by its stable key (the plan file's). */
export const taskByKey = (db: Db, planId: number, key: string) =>
  db.selectFrom('reform_tasks').select(['id', 'deadline', 'responsible_unit_id']).where('plan_id', '=', planId).where('key', '=', key).executeTakeFirst();

/** Whether anyone has acted on a task of the plan (assigned, reported, submitted, approved). */
export async function planActedOn(db: Db, planId: number): Promise<boolean> {
  return !!(await db.selectFrom('reform_task_events as e').innerJoin('reform_tasks as t', 't.id', 'e.task_id')
    .select('e.id').where('t.plan_id', '=', planId).where('e.type', 'in', ['assigned', 'progress', 'submitted', 'approved']).executeTakeFirst());
}

export async function insertTaskFile(db: Db, v: { task_id: number; file_name: string; sha256: string; uploaded_by: number | null; uploaded_at: Date }) {
  return db.insertInto('reform_task_files').values(v).returning(['id', 'uploaded_at']).executeTakeFirstOrThrow();
}

/** A unit of the commune. */
export const unitOfCommune = (db: Db, communeId: string, unitId: number) =>
  db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).where('commune_id', '=', communeId).executeTakeFirst();

/** An active staff member of the commune (and of the unit, when unitId is not null). */
export function activeStaffMember(db: Db, communeId: string, staffId: number, unitId: number | null) {
  let q = db.selectFrom('staff').select(['id', 'full_name']).where('id', '=', staffId).where('commune_id', '=', communeId).where('active', '=', true);
  if (unitId !== null) q = q.where('unit_id', '=', unitId);
  return q.executeTakeFirst();
}

// ── Targets ────────────────────────────────────────────────────────────────────────────────────────────

/** A target of a plan by its stable key. */
export const targetByKey = (db: Db, planId: number, key: string) =>
  db.selectFrom('reform_targets').select('id').where('plan_id', '=', planId).where('key', '=', key).executeTakeFirst();

/** A reported value of a target: appended to its updates, and made its current value. */
export async function recordTargetValue(db: Db, targetId: number, v: { value: number; note: string; evidence: string | null; at: Date; actorId: number | null }) {
  await db.insertInto('reform_target_updates').values({ target_id: targetId, value: v.value, note: v.note, evidence: v.evidence, at: v.at, actor_id: v.actorId }).execute();
  await db.updateTable('reform_targets').set({ current_value: v.value, current_note: v.note, current_evidence: v.evidence, current_at: v.at, current_by: v.actorId })
    .where('id', '=', targetId).execute();
}

// ── Reminders (reminders.ts) ───────────────────────────────────────────────────────────────────────────

export const allPlans = (db: Db) => db.selectFrom('reform_plans').select(['id', 'commune_id', 'reminder_working_days']).execute();

/** A plan's tasks not done with a deadline on or before `day` (YYYY-MM-DD). */
export const openTasksDueBy = (db: Db, planId: number, day: string) =>
  db.selectFrom('reform_tasks')
    .select(['id', 'status', 'deadline', 'completed_at', 'assignee_id', 'responsible_unit_id'])
    .where('plan_id', '=', planId).where('status', '!=', 'done').where('deadline', '<=', day)
    .execute();

/** Records reminders once per task, kind, recipient and deadline; returns the ids of those that are new. */
export const insertReminders = (db: Db, rows: Insertable<ReformRemindersTable>[]) =>
  db.insertInto('reform_reminders').values(rows)
    .onConflict((oc) => oc.columns(['task_id', 'kind', 'recipient_id', 'deadline']).doNothing()).returning('id').execute();

// ── Task figures (task-measures.ts) ────────────────────────────────────────────────────────────────────

export interface TaskCountScope {
  communeId: string;
  unitId?: number;
  assigneeId?: number;
  fromDay: string; // deadline in [fromDay, toDay), YYYY-MM-DD
  toDay: string;
  today: string; // "overdue" is judged on this day
}

/** Tasks due in the days, done, done by their deadline, overdue; without an assignee, the plan's tasks only. */
export async function countTasks(db: Db, scope: TaskCountScope) {
  const delivered = sql<boolean>`(t.completed_at IS NOT NULL AND (timezone('Asia/Ho_Chi_Minh', t.completed_at))::date <= t.deadline)`;
  let q = db.selectFrom('reform_tasks as t')
    .select([
      sql<number>`count(*)::int`.as('due'),
      sql<number>`(count(*) FILTER (WHERE t.status = 'done'))::int`.as('done'),
      sql<number>`(count(*) FILTER (WHERE t.status = 'done' AND ${delivered}))::int`.as('onTime'),
      sql<number>`(count(*) FILTER (WHERE t.status <> 'done' AND t.deadline < ${scope.today}::date AND NOT ${delivered}))::int`.as('overdue'),
    ])
    .where('t.commune_id', '=', scope.communeId)
    .where('t.deadline', '>=', scope.fromDay)
    .where('t.deadline', '<', scope.toDay);
  if (scope.unitId !== undefined) q = q.where('t.responsible_unit_id', '=', scope.unitId);
  if (scope.assigneeId !== undefined) q = q.where('t.assignee_id', '=', scope.assigneeId);
  else q = q.where('t.parent_id', 'is', null);
  return q.executeTakeFirstOrThrow();
}
