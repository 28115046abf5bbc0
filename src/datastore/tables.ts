// Kysely table types of the citizen's data store (migration 038_data_store.sql), joined into Database (db/schema.ts).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A calendar date, read as 'YYYY-MM-DD' (dates are kept as text by the pg type parser, src/db). */
type DateText = ColumnType<string, string, string>;

export type StoreItemKind = 'result' | 'component';
export type StoreItemStatus = 'valid' | 'revoked' | 'deleted';

export interface StoreItemsTable {
  id: Generated<number>;
  owner_id_number: string;
  kind: StoreItemKind;
  type_code: string;
  type_name: string;
  issuer: string;
  number_symbol: string | null;
  valid_from: DateText;
  valid_to: DateText | null;
  sha256: string;
  file_name: string;
  source_commune_id: string;
  source_dossier_id: string | null;
  source_component_code: string | null;
  signed_code: string | null;
  legal_record: boolean;
  status: Generated<StoreItemStatus>;
  status_reason: string | null;
  status_at: Timestamp | null;
  created_at: Timestamp;
}

export interface StoreSharesTable {
  id: Generated<number>;
  item_id: number;
  token_sha256: string;
  citizen_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface StoreShareOpensTable {
  id: Generated<number>;
  share_id: number;
  at: Timestamp;
}

export interface StoreLookupsTable {
  id: Generated<number>;
  owner_id_number: string;
  staff_id: number;
  commune_id: string;
  dossier_id: string | null;
  reason: string;
  found: number;
  at: Timestamp;
}

export interface DataStoreTables {
  store_items: StoreItemsTable;
  store_shares: StoreSharesTable;
  store_share_opens: StoreShareOpensTable;
  store_lookups: StoreLookupsTable;
}
