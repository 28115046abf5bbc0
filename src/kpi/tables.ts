// Kysely table types of the civil-servant KPI under NĐ 335/2025 (src/db/migrations/015_kpi.sql) and of the centre
// comments on seconded officers (src/db/migrations/024_kpi_centre_comments.sql), joined into Database (src/db/schema.ts).
import type { ColumnType, Generated } from 'kysely';
import type { CentreStatus, CentreStep } from './core/centre.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type PeriodKind = 'month' | 'quarter';
export type AssessmentStatus = 'self_assessed' | 'appraised' | 'approved';
export type KpiStep = 'self_assess' | 'appraise' | 'approve';

export interface KpiRuleSetsTable {
  id: Generated<number>;
  commune_id: string | null;
  effective_from: ColumnType<string, string, string>;
  effective_to: ColumnType<string | null, string | null | undefined, string | null>;
  rules: Json<unknown>;
  legal_basis: string;
}

export interface KpiAssessmentsTable {
  id: Generated<string>;
  commune_id: string;
  staff_id: number;
  unit_id: number | null;
  period_kind: PeriodKind;
  year: number;
  period_no: number;
  status: AssessmentStatus;
  self_note: string | null;
  self_general: ColumnType<Record<string, number>, string | undefined, string>;
  appraisal_note: string | null;
  appraisal_general: Json<Record<string, number> | null>;
  quality_errors: ColumnType<string[], string[] | undefined, string[]>;
  excused: ColumnType<string[], string[] | undefined, string[]>;
  manual_task: Json<{ a: number; b: number; c: number } | null>;
  disqualified: string | null;
  snapshot: Json<unknown>;
  total: number | null;
  rating: string | null;
  updated_at: Timestamp;
}

export interface KpiStepsTable {
  id: Generated<number>;
  assessment_id: string;
  step: KpiStep;
  actor_id: number;
  at: Timestamp;
  note: string | null;
  data: ColumnType<unknown, string | undefined, never>;
}

/** A unit's (unit_id null: the commune People's Committee's) own rating for a year (NĐ 335/2025: the 25 % quota). */
export interface KpiUnitRatingsTable {
  commune_id: string;
  unit_id: number | null;
  year: number;
  excellent: boolean;
  set_by: number;
  set_at: ColumnType<Date, Date | string, Date | string>;
}

/** An officer seconded to the one-stop centre from their home unit, for a term (NĐ 118/2025 Đ11, Đ12 k8). */
export interface KpiSecondmentsTable {
  id: Generated<number>;
  commune_id: string;
  staff_id: number;
  home_unit_id: number;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  decision: string | null;
  recorded_by: number;
  recorded_at: Timestamp;
}

/** The centre's comments on a seconded officer for a period (QĐ 212/2025 Hải Phòng Đ3 k7). */
export interface KpiCentreCommentsTable {
  id: Generated<string>;
  commune_id: string;
  staff_id: number;
  home_unit_id: number | null;
  period_kind: PeriodKind;
  year: number;
  period_no: number;
  status: CentreStatus;
  attitude: ColumnType<string, string | undefined, string>;
  discipline: ColumnType<string, string | undefined, string>;
  other: ColumnType<string, string | undefined, string>;
  proposed_rating: string | null;
  figures: ColumnType<unknown, string | undefined, string>;
  recipient: string | null;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  sent_by: number | null;
  updated_at: Timestamp;
}

export interface KpiCentreCommentStepsTable {
  id: Generated<number>;
  comment_id: string;
  step: CentreStep;
  actor_id: number;
  at: Timestamp;
  data: ColumnType<unknown, string | undefined, never>;
}

export interface KpiTables {
  kpi_secondments: KpiSecondmentsTable;
  kpi_centre_comments: KpiCentreCommentsTable;
  kpi_centre_comment_steps: KpiCentreCommentStepsTable;
  kpi_unit_ratings: KpiUnitRatingsTable;
  kpi_rule_sets: KpiRuleSetsTable;
  kpi_assessments: KpiAssessmentsTable;
  kpi_steps: KpiStepsTable;
}
