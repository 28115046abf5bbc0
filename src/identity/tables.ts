// Who may call: staff sessions and systems' API keys, stored as sha256 hashes only (migration 001).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

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

export interface IdentityTables {
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
}
