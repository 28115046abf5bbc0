// Kysely table types of this area, joined into Database (src/db/schema.ts). Owned by the staff-auth helper (TOTP, login audit).
// Migration: src/db/migrations/009_staff_auth.sql.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface StaffTotpTable {
  staff_id: number;
  secret_enc: Buffer;
  confirmed_at: Timestamp | null;
  last_step: number | null;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LoginPendingTable {
  token_hash: string;
  staff_id: number;
  expires_at: Timestamp;
}

export interface LoginEventsTable {
  id: Generated<number>;
  at: Timestamp;
  outcome: string;
  staff_id: number | null;
  commune_id: string | null;
  username_hash: string | null;
  client: string | null;
  user_agent: string | null;
}

export interface StaffAuthTables {
  staff_totp: StaffTotpTable;
  login_pending: LoginPendingTable;
  login_events: LoginEventsTable;
}
