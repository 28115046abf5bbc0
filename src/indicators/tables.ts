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

/** One bucket of the monthly rollup (migration 016, core/rollup.ts). */
export interface IndicatorRollupTable {
  commune_id: string;
  month: string;
  kind: string;
  unit_code: string;
  field_code: string;
  procedure_code: string;
  received_month: string;
  channel: string;
  label: string;
  complained: boolean;
  n: number;
}

export interface IndicatorRollupBuiltTable {
  commune_id: string;
  built_at: ColumnType<Date, Date | undefined, Date>;
}

export interface IndicatorTables {
  indicator_facts: IndicatorFactsTable;
  indicator_rollup: IndicatorRollupTable;
  indicator_rollup_built: IndicatorRollupBuiltTable;
}
