// Imports from an earlier system (migration 044): the runs, the key of each imported dossier, the rejected rows.
import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns come back as numbers (src/db/connect.ts parses int8). */
type Count = ColumnType<number, number | undefined, number>;

export interface ImportRunsTable {
  id: Generated<number>;
  commune_id: string;
  file_sha256: string;
  file_name: string;
  format: 'csv' | 'json';
  status: ColumnType<'running' | 'done', 'running' | 'done' | undefined, 'running' | 'done'>;
  total_rows: number;
  position: Count;
  imported: Count;
  skipped: Count;
  rejected: Count;
  started_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ImportedDossiersTable {
  commune_id: string;
  source_code: string;
  dossier_id: string;
  run_id: number;
  row_no: number;
}

export interface ImportRejectsTable {
  run_id: number;
  row_no: number;
  source_code: string;
  reasons: string[];
}

export interface ImportTables {
  import_runs: ImportRunsTable;
  imported_dossiers: ImportedDossiersTable;
  import_rejects: ImportRejectsTable;
}
