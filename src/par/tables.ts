// Kysely table types of the PAR self-assessment (Chỉ số CCHC; src/db/migrations/014_par.sql), joined into Database
// (src/db/schema.ts).
import type { ColumnType, Generated } from 'kysely';
import type { AutoSource, Level, ScoringRule } from './core/template.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type ParStatus = 'draft' | 'submitted' | 'final';
export type ParLogType = 'created' | 'autofilled' | 'self_scored' | 'overridden' | 'evidence' | 'submitted' | 'appraised' | 'response' | 'revised' | 'finalized';
export type ParSide = 'commune' | 'reviewer' | 'system';

/** The system figures behind an auto-filled value. */
export interface AutoFigures {
  numerator: number | null;
  denominator: number | null;
  rate: number | null;
  source: string;
  period: string;
  unavailable?: string;
}

export interface ParTemplatesTable {
  id: Generated<number>;
  code: string;
  name: string;
  province: string;
  issued_by: string;
  legal_basis: string;
  effective_year: number;
  uncertain: Generated<boolean>;
  note: string | null;
  data: Json<unknown>;
  loaded_at: Generated<Date>;
}

export interface ParNodesTable {
  template_id: number;
  code: string;
  parent_code: string | null;
  level: Level;
  name: string;
  max_points: number;
  rule: Json<ScoringRule | null> | null;
  auto: Json<AutoSource | null> | null;
  evidence: Generated<string[]>;
  owner_unit_code: string | null;
  due: string | null;
  uncertain: Generated<boolean>;
  note: string | null;
  sort: number;
}

export interface ParAssessmentsTable {
  id: Generated<string>;
  commune_id: string;
  year: number;
  template_id: number;
  status: Generated<ParStatus>;
  created_at: Timestamp;
  submitted_at: Timestamp | null;
  finalized_at: Timestamp | null;
}

export interface ParItemsTable {
  assessment_id: string;
  node_code: string;
  commune_id: string;
  unit_id: number | null;
  self_points: number | null;
  self_note: string | null;
  override_reason: string | null;
  auto_points: number | null;
  auto_figures: Json<AutoFigures | null> | null;
  auto_at: Timestamp | null;
  review_points: number | null;
  review_note: string | null;
  updated_at: Timestamp | null;
}

export interface ParEvidenceTable {
  id: Generated<string>;
  assessment_id: string;
  node_code: string;
  commune_id: string;
  sha256: string | null;
  file_name: string | null;
  note: string | null;
  added_by: number | null;
  added_at: Timestamp;
}

export interface ParLogTable {
  id: Generated<string>;
  assessment_id: string;
  node_code: string | null;
  commune_id: string;
  type: ParLogType;
  side: ParSide;
  actor_id: number | null;
  points: number | null;
  text: string | null;
  at: Timestamp;
}

export interface ParTables {
  par_templates: ParTemplatesTable;
  par_nodes: ParNodesTable;
  par_assessments: ParAssessmentsTable;
  par_items: ParItemsTable;
  par_evidence: ParEvidenceTable;
  par_log: ParLogTable;
}
