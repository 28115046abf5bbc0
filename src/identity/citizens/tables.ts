// Kysely table types of this area, joined into Database (src/db/schema.ts): citizens logged in with e-identity,
// their sessions, logins in progress, their drafts, and ID checks at the desk (migration 006_citizens.sql); the
// dossiers filed with e-identity and the counter dossiers received without an ID number (017_identity_binding.sql).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CitizensTable {
  id: Generated<number>;
  issuer: string;
  subject: string;
  id_number: string;
  full_name: string;
  /** 'YYYY-MM-DD' (dates stay text, src/db/connect.ts). */
  birth_date: string | null;
  assurance_level: number | null;
  first_login_at: DefaultTimestamp;
  last_login_at: DefaultTimestamp;
}

export interface CitizenSessionsTable {
  token_hash: string;
  citizen_id: number;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface CitizenLoginsTable {
  browser_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: Timestamp;
}

export interface CitizenDraftsTable {
  draft_id: string;
  citizen_id: number;
}

export interface DeskIdChecksTable {
  dossier_id: string;
  checked_by: number;
  checked_at: Timestamp;
}

export interface EidFilingsTable {
  dossier_id: string;
  citizen_id: number;
  full_name: string;
  id_number: string;
  on_behalf: boolean;
}

export interface DeskIdWaiversTable {
  dossier_id: string;
  /** An IdWaiverReason (core/desk-id.ts). */
  reason: string;
  detail: string | null;
  recorded_by: number;
  recorded_at: Timestamp;
}

export interface CitizenTables {
  citizens: CitizensTable;
  citizen_sessions: CitizenSessionsTable;
  citizen_logins: CitizenLoginsTable;
  citizen_drafts: CitizenDraftsTable;
  desk_id_checks: DeskIdChecksTable;
  eid_filings: EidFilingsTable;
  desk_id_waivers: DeskIdWaiversTable;
}
