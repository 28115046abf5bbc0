// Kysely table types of the civil-servant KPI under NĐ 335/2025 (src/db/migrations/015_kpi.sql), joined into
// Database (src/db/schema.ts).
import type { ColumnType, Generated } from 'kysely';

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

export interface KpiTables {
  kpi_unit_ratings: KpiUnitRatingsTable;
  kpi_rule_sets: KpiRuleSetsTable;
  kpi_assessments: KpiAssessmentsTable;
  kpi_steps: KpiStepsTable;
}
