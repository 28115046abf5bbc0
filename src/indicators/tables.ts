// Kysely table types of the indicators area, joined into Database (src/db/schema.ts).
import type { ColumnType } from 'kysely';

export interface IndicatorFactsTable {
  dossier_id: string;
  commune_id: string;
  unit_code: string | null;
  field_code: string;
  procedure_code: string;
  channel: string;
  received_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  original_due_at: Date | null;
  paused_at: Date | null;
  supplement_count: number;
  late_by_supplement_rule: boolean;
  counts: string[];
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface IndicatorTables {
  indicator_facts: IndicatorFactsTable;
}
