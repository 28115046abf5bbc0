// Kysely table types of the units' yearly CCHC plans and periodic reports (src/db/migrations/013_unit_reports.sql),
// joined into Database (src/db/schema.ts).
import type { ColumnType, Generated } from 'kysely';
import type { CallKind, ReportContent, ReportEventType, ReportStatus } from './core/status.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface ReportCallsTable {
  id: Generated<string>;
  commune_id: string;
  kind: CallKind;
  title: string;
  period_year: number;
  period_quarter: number | null;
  period_month: number | null;
  /** 'YYYY-MM-DD' (dates are read as text, src/db/connect.ts). */
  due_date: string;
  instructions: string | null;
  created_by: number | null;
  created_at: Timestamp;
}

export interface UnitReportsTable {
  id: Generated<string>;
  call_id: string;
  commune_id: string;
  unit_id: number;
  status: Generated<ReportStatus>;
  content: ColumnType<ReportContent, string | undefined, string>;
  first_submitted_at: Timestamp | null;
  last_submitted_at: Timestamp | null;
  late_working_days: number | null;
  accepted_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface UnitReportEventsTable {
  id: Generated<number>;
  report_id: string;
  type: ReportEventType;
  at: Timestamp;
  actor_id: number | null;
  note: string | null;
}

export interface UnitReportFilesTable {
  id: Generated<number>;
  report_id: string;
  file_name: string;
  sha256: string;
  uploaded_by: number | null;
  uploaded_at: Timestamp;
}

export interface UnitReportTables {
  report_calls: ReportCallsTable;
  unit_reports: UnitReportsTable;
  unit_report_events: UnitReportEventsTable;
  unit_report_files: UnitReportFilesTable;
}
