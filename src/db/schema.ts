// Kysely table types, kept in step with src/db/migrations/*.sql by hand.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

import type { CitizenTables } from '../identity/citizen-tables.ts';
import type { StaffAuthTables } from '../identity/staff-auth-tables.ts';
import type { NotificationTables } from '../notifications/tables.ts';
import type { PaymentTables } from '../payments/tables.ts';
import type { IndicatorTables } from '../indicators/tables.ts';
import type { PetitionTables } from '../feedback/petition-tables.ts';
import type { ReformTables } from '../reform/tables.ts';
import type { UnitReportTables } from '../reform/reports/tables.ts';
import type { ParTables } from '../par/tables.ts';
import type { KpiTables } from '../staff/tables.ts';

export interface CommunesTable {
  id: string;
  name: string;
  province: string;
  agency_code: string;
  agency_code_is_demo: Generated<boolean>;
  office_hours: ColumnType<{ start: string; end: string }[], string | undefined, string>;
  created_at: DefaultTimestamp;
}

export interface UnitsTable {
  id: Generated<number>;
  commune_id: string;
  code: string;
  name: string;
  agency_code: string | null;
  receives_dossiers: Generated<boolean>;
}

export interface StaffTable {
  id: Generated<number>;
  commune_id: string;
  unit_id: number | null;
  username: string;
  full_name: string;
  title: Generated<string>;
  roles: string[];
  password_hash: string;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
}

export interface SessionsTable {
  token_hash: string;
  staff_id: number;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface ApiKeysTable {
  id: Generated<number>;
  commune_id: string;
  unit_id: number | null;
  name: string;
  key_hash: string;
  roles: string[];
  created_at: DefaultTimestamp;
  revoked_at: Timestamp | null;
}

export interface ProceduresTable {
  code: string;
  version: number;
  effective_from: string;
  effective_to: string | null;
  name: string;
  field_code: string;
  field_name: string;
  handling_unit_code: string;
  data: Json<object>;
  search_text: ColumnType<string, never, never>;
}

export interface CalendarDaysTable {
  scope: 'national' | 'province' | 'commune';
  scope_id: Generated<string>;
  date: string;
  type: 'WORKDAY' | 'WEEKEND' | 'HOLIDAY' | 'COMPENSATORY_OFF' | 'SWAPPED_WORKDAY';
  name: string;
  source: string;
  updated_by: number | null;
}

export interface DossiersTable {
  id: Generated<string>;
  commune_id: string;
  code: string | null;
  procedure_code: string;
  procedure_version: number;
  channel: 'direct' | 'online' | 'postal';
  state: number;
  applicant_name: string;
  applicant: Json<object>;
  applicant_id_number: string | null;
  support_unit_id: number | null;
  receiving_unit_id: number | null;
  competent_authority: string;
  current_unit_id: number | null;
  assignee_id: number | null;
  step_index: number | null;
  step_due_at: Timestamp | null;
  submitted_at: Timestamp | null;
  received_at: Timestamp | null;
  due_at: Timestamp | null;
  original_due_at: Timestamp | null;
  finished_at: Timestamp | null;
  returned_at: Timestamp | null;
  authenticated_with_eid: Generated<boolean>;
  projection: Json<object>;
  event_count: Generated<number>;
  last_hash: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface DossierUnitsTable {
  dossier_id: string;
  unit_id: number;
}

export interface DossierCodeCountersTable {
  receiving_unit_id: number;
  day: string;
  last_seq: number;
}

export interface FilesTable {
  sha256: string;
  content_type: string;
  size: number;
  content: Buffer;
  created_at: DefaultTimestamp;
}

export interface DossierFilesTable {
  id: Generated<number>;
  dossier_id: string;
  component_code: string;
  file_name: string;
  sha256: string;
  digitised: Generated<boolean>;
  reused: Generated<boolean>;
  from_store: Generated<boolean>;
  uploaded_by: number | null;
  uploaded_at: DefaultTimestamp;
}

export interface DossierEventsTable {
  id: Generated<number>;
  dossier_id: string;
  seq: number;
  action: string;
  from_state: number | null;
  to_state: number;
  actor_id: string;
  actor_role: string;
  actor_unit: string | null;
  at: Timestamp;
  payload: Json<object>;
  changes: Json<object>;
  handover: Json<object> | null;
  prev_hash: string | null;
  hash: string;
  recorded_at: DefaultTimestamp;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  request_hash: string;
  status: number;
  response: Json<unknown>;
  created_at: DefaultTimestamp;
}

export interface AccessLogTable {
  id: Generated<number>;
  at: DefaultTimestamp;
  actor: string;
  action: string;
  dossier_id: string | null;
  detail: Json<object>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
}

export interface DraftsTable {
  id: Generated<string>;
  owner_hash: string;
  commune_id: string;
  procedure_code: string;
  data: Json<Record<string, unknown>>;
  submitted_dossier_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface DraftFilesTable {
  id: Generated<number>;
  draft_id: string;
  component_code: string;
  file_name: string;
  sha256: string;
  uploaded_at: DefaultTimestamp;
}

export interface RatingsTable {
  dossier_id: string;
  overall: 'very_satisfied' | 'satisfied' | 'dissatisfied';
  criteria: Json<Record<string, unknown>>;
  comment: string | null;
  channel: 'portal' | 'qr' | 'kiosk' | 'sms';
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface FailedAttemptsTable {
  subject: string;
  at: DefaultTimestamp;
}

export interface ServerSecretsTable {
  name: string;
  value: Buffer;
  created_at: DefaultTimestamp;
}

export interface Database extends CitizenTables, StaffAuthTables, PaymentTables, NotificationTables, IndicatorTables, PetitionTables,
  ReformTables, UnitReportTables, ParTables, KpiTables {
  server_secrets: ServerSecretsTable;
  failed_attempts: FailedAttemptsTable;
  drafts: DraftsTable;
  draft_files: DraftFilesTable;
  ratings: RatingsTable;
  communes: CommunesTable;
  units: UnitsTable;
  staff: StaffTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  procedures: ProceduresTable;
  calendar_days: CalendarDaysTable;
  dossiers: DossiersTable;
  dossier_units: DossierUnitsTable;
  dossier_code_counters: DossierCodeCountersTable;
  files: FilesTable;
  dossier_files: DossierFilesTable;
  dossier_events: DossierEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  access_log: AccessLogTable;
  schema_migrations: SchemaMigrationsTable;
}
