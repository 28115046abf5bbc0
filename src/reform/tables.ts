// Kysely table types of the reform plan (src/db/migrations/012_reform_plan.sql): plans, areas, goals, targets, tasks
// with the 6 rõ, their history, reminders; joined into Database (src/db/schema.ts).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** numeric comes back as a string (src/db/connect.ts parses only int8 and date). */
type Numeric = ColumnType<string, number | string, number | string>;

import type { TaskStatus } from './core/task-rules.ts';

export type { TaskStatus } from './core/task-rules.ts';
export type AuthorityRole = 'unit_head' | 'leader' | 'cchc_coordinator';
export type TaskEventType = 'imported' | 'reimported' | 'created' | 'assigned' | 'progress' | 'file_added' | 'submitted' | 'approved' | 'returned';

export interface ReformPlansTable {
  id: Generated<number>;
  commune_id: string;
  key: string;
  title: string;
  basis: Generated<string>;
  source: Generated<string>;
  start_year: number;
  end_year: number;
  coordinator_unit_id: number | null;
  reminder_working_days: Generated<number>;
  notes: Generated<string>;
  imported_at: Timestamp;
}

export interface ReformAreasTable {
  id: Generated<number>;
  plan_id: number;
  key: string;
  ref: string;
  position: number;
  title: string;
  lead_unit_id: number | null;
  lead_ref: Generated<string>;
}

export interface ReformGoalsTable {
  id: Generated<number>;
  plan_id: number;
  area_id: number;
  key: string;
  ref: string;
  position: number;
  text: string;
}

export interface ReformTargetsTable {
  id: Generated<number>;
  plan_id: number;
  area_id: number;
  key: string;
  ref: string;
  position: number;
  text: string;
  value: Numeric;
  unit: string;
  kind: 'at_least' | 'reduce_by';
  baseline: string | null;
  year: number;
  indicator_target: string | null;
  owner_unit_id: number | null;
  current_value: Numeric | null;
  current_note: string | null;
  current_evidence: string | null;
  current_at: Timestamp | null;
  current_by: number | null;
}

export interface ReformTargetUpdatesTable {
  id: Generated<number>;
  target_id: number;
  value: Numeric;
  note: string;
  evidence: string | null;
  at: Timestamp;
  actor_id: number | null;
}

export interface ReformTasksTable {
  id: Generated<number>;
  commune_id: string;
  plan_id: number;
  key: string | null;
  item_key: string | null;
  parent_id: number | null;
  area_id: number | null;
  ref: string;
  year: number;
  recurrence: 'once' | 'yearly';
  title: string;
  responsible_unit_id: number | null;
  coordinating_unit_ids: ColumnType<number[], number[] | undefined, number[]>;
  assignee_id: number | null;
  deadline: string; // YYYY-MM-DD
  authority_role: AuthorityRole | null;
  authority_staff_id: number | null;
  expected_result: Generated<string>;
  status: Generated<TaskStatus>;
  progress: Generated<number>;
  completed_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ReformTaskEventsTable {
  id: Generated<number>;
  task_id: number;
  type: TaskEventType;
  at: Timestamp;
  actor_id: number | null;
  note: string | null;
  evidence: string | null;
  changes: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface ReformTaskFilesTable {
  id: Generated<number>;
  task_id: number;
  file_name: string;
  sha256: string;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

export interface ReformRemindersTable {
  id: Generated<number>;
  task_id: number;
  kind: 'reminder' | 'escalation';
  recipient_id: number;
  deadline: string;
  sent_at: Timestamp;
}

export interface ReformTables {
  reform_plans: ReformPlansTable;
  reform_areas: ReformAreasTable;
  reform_goals: ReformGoalsTable;
  reform_targets: ReformTargetsTable;
  reform_target_updates: ReformTargetUpdatesTable;
  reform_tasks: ReformTasksTable;
  reform_task_events: ReformTaskEventsTable;
  reform_task_files: ReformTaskFilesTable;
  reform_reminders: ReformRemindersTable;
}
