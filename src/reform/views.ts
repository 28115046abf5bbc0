// JSON shapes of the reform plan API (TypeBox, for validation and /openapi.json) and the row → JSON mappers.
import { Type } from '@sinclair/typebox';
import type { Principal } from '../identity/core/principal.ts';
import { STATUS_LABEL } from './core/task-rules.ts';
import { allowedActions, AUTHORITY_LABEL, coordinatingOf, statusOf } from './service.ts';
import type { TaskRow } from './store.ts';

const Str = Type.String();
const NullStr = Type.Union([Type.String(), Type.Null()]);
const NullInt = Type.Union([Type.Integer(), Type.Null()]);
const NullNum = Type.Union([Type.Number(), Type.Null()]);

export const TaskSchema = Type.Object({
  id: Type.Integer(), key: NullStr, ref: Str, planId: Type.Integer(), parentId: NullInt, year: Type.Integer(), recurrence: Str,
  areaId: NullInt, areaTitle: NullStr,
  title: Str, assigneeId: NullInt, assigneeName: NullStr, deadline: Type.String({ format: 'date' }),
  responsibleUnitId: NullInt, responsibleUnitName: NullStr, coordinatingUnitIds: Type.Array(Type.Integer()),
  authorityRole: NullStr, authorityStaffId: NullInt, authority: Str, expectedResult: Str,
  status: Str, statusLabel: Str, progress: Type.Integer(), completedAt: NullStr, subtasks: Type.Integer(),
  actions: Type.Array(Str),
});

export const taskView = (t: TaskRow, p: Principal, now: Date) => {
  const s = statusOf(t, now);
  return {
    id: t.id, key: t.key, ref: t.ref, planId: t.plan_id, parentId: t.parent_id, year: t.year, recurrence: t.recurrence, areaId: t.area_id,
    areaTitle: t.area_title, title: t.title, assigneeId: t.assignee_id, assigneeName: t.assignee_name, deadline: t.deadline,
    responsibleUnitId: t.responsible_unit_id, responsibleUnitName: t.unit_name, coordinatingUnitIds: coordinatingOf(t),
    authorityRole: t.authority_role, authorityStaffId: t.authority_staff_id,
    authority: t.authority_staff_name ?? (t.authority_role ? AUTHORITY_LABEL[t.authority_role] : ''), expectedResult: t.expected_result,
    status: s, statusLabel: STATUS_LABEL[s], progress: t.progress, completedAt: t.completed_at ? t.completed_at.toISOString() : null,
    subtasks: t.subtasks, actions: allowedActions(p, t, now),
  };
};

export const EventSchema = Type.Object({ type: Str, at: Str, actorName: NullStr, note: NullStr, evidence: NullStr, changes: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]) });

export const FileSchema = Type.Object({ id: Type.Integer(), fileName: Str, contentType: Str, size: Type.Integer(), uploadedAt: Str, uploadedBy: NullStr });

export const TargetSchema = Type.Object({
  id: Type.Integer(), key: Str, ref: Str, areaId: Type.Integer(), text: Str, target: Type.Number(), unit: Str, kind: Str, baseline: NullStr,
  year: Type.Integer(), ownerUnitId: NullInt, ownerUnitName: NullStr, source: Str, measure: NullStr, measureName: NullStr, current: NullNum, ratio: NullNum,
  met: Type.Union([Type.Boolean(), Type.Null()]), note: NullStr, evidence: NullStr, updatedAt: NullStr, updatedBy: NullStr,
});

export const PlanSchema = Type.Object({
  id: Type.Integer(), key: Str, title: Str, basis: Str, source: Str, startYear: Type.Integer(), endYear: Type.Integer(),
  reminderWorkingDays: Type.Integer(), importedAt: Str,
});
export const planView = (p: { id: number; key: string; title: string; basis: string; source: string; start_year: number; end_year: number; reminder_working_days: number; imported_at: Date }) => ({
  id: p.id, key: p.key, title: p.title, basis: p.basis, source: p.source, startYear: p.start_year, endYear: p.end_year,
  reminderWorkingDays: p.reminder_working_days, importedAt: p.imported_at.toISOString(),
});

const TallySchema = Type.Object({ total: Type.Integer(), notStarted: Type.Integer(), inProgress: Type.Integer(), awaiting: Type.Integer(), overdue: Type.Integer(), done: Type.Integer(), onTime: Type.Integer() });
const RowSchema = Type.Object({ id: Str, label: Str, tally: TallySchema });
export const ProgressSchema = Type.Object({ byArea: Type.Array(RowSchema), byUnit: Type.Array(RowSchema), byYear: Type.Array(RowSchema), total: TallySchema });
