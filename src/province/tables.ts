// The province level's tables (migration 046): which catalogue procedures a commune does not offer at its desk.
import type { ColumnType } from 'kysely';

export interface CommuneProcedureChoicesTable {
  commune_id: string;
  procedure_code: string;
  /** false: not offered at this commune's desk; an absent row means offered. */
  offered: boolean;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProvinceTables {
  commune_procedure_choices: CommuneProcedureChoicesTable;
}
