// The organisation's tables (migration 001): communes, their units and their staff; their work phones (025).
import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A work phone, normalised (0 then 9–10 digits, migration 025); null until the administrator enters one. */
type Phone = ColumnType<string | null, string | null | undefined, string | null>;

export interface CommunesTable {
  id: string;
  name: string;
  province: string;
  agency_code: string;
  agency_code_is_demo: Generated<boolean>;
  office_hours: ColumnType<{ start: string; end: string }[], string | undefined, string>;
  phone: Phone;
  created_at: DefaultTimestamp;
}

export interface UnitsTable {
  id: Generated<number>;
  commune_id: string;
  code: string;
  name: string;
  agency_code: string | null;
  receives_dossiers: Generated<boolean>;
  phone: Phone;
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
  phone: Phone;
  created_at: DefaultTimestamp;
}

export interface OrgTables {
  communes: CommunesTable;
  units: UnitsTable;
  staff: StaffTable;
}
