// The organisation's tables (migration 001): communes, their units and their staff.
import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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

export interface OrgTables {
  communes: CommunesTable;
  units: UnitsTable;
  staff: StaffTable;
}
