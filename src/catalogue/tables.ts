// The procedure catalogue: one row per version of a procedure (migration 001).
import type { ColumnType } from 'kysely';

type Json<T = unknown> = ColumnType<T, string, string>;

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

export interface CatalogueTables {
  procedures: ProceduresTable;
}
