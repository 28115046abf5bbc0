// The one-stop dossiers (migrations 001, 002, 018, 027: support points and the external code): the projection and its indexed copies, the append-only event
// log, the units a dossier has been at, the daily code counters, the uploaded files, the portal's drafts and the
// declarations (e-form answers).
import type { ColumnType, Generated } from 'kysely';
import type { Declaration } from './core/declaration.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface DossiersTable {
  id: Generated<string>;
  /** The commune holding the dossier: where it was received, or after a transfer the competent one (migration 045). */
  commune_id: string;
  /** The commune whose centre officially received it (the code prefix's; set by a trigger at insert, never changed). */
  receiving_commune_id: Generated<string>;
  code: string | null;
  /** The short reference (core/reference.ts), drawn by the database (dossier_reference(), migration 018). */
  reference: Generated<string>;
  procedure_code: string;
  procedure_version: number;
  channel: 'direct' | 'online' | 'postal';
  state: number;
  applicant_name: string;
  applicant: Json<object>;
  applicant_id_number: string | null;
  /** Where the citizen was helped (support_points, migration 027); null when they filed online by themselves. */
  support_point_id: number | null;
  /** The code the dossier carries in the system it came from (MaHoSoKhac), unique in the commune. */
  external_code: string | null;
  receiving_unit_id: number | null;
  competent_authority: string;
  current_unit_id: number | null;
  assignee_id: number | null;
  /** Copy of the projection's signatureRequestedOf (migration 021): the signer a proposal was submitted to. */
  signature_requested_of: number | null;
  step_index: number | null;
  step_due_at: Timestamp | null;
  submitted_at: Timestamp | null;
  /** Copy of the projection's receiptDueAt (core/receipt.ts). */
  receipt_due_at: Timestamp | null;
  received_at: Timestamp | null;
  due_at: Timestamp | null;
  original_due_at: Timestamp | null;
  finished_at: Timestamp | null;
  returned_at: Timestamp | null;
  authenticated_with_eid: Generated<boolean>;
  projection: Json<object>;
  event_count: Generated<number>;
  last_hash: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** The month (Vietnam time, 'YYYY-MM-01') of the dossier's first log entry: its log's partition (migration 049),
   *  written at insert, never changed. */
  dossier_month: ColumnType<string, string | undefined, never>;
}

/** Paper travelling between the receiving and the competent commune (migration 045). */
export interface DossierPaperTransfersTable {
  id: Generated<number>;
  dossier_id: string;
  kind: 'originals' | 'result';
  from_commune_id: string;
  to_commune_id: string;
  papers: string;
  carrier: string;
  sent_at: Timestamp;
  sent_by: number;
  received_at: Timestamp | null;
  received_by: number | null;
}

export interface DossierUnitsTable {
  dossier_id: string;
  unit_id: number;
}

export interface DossierCodeCountersTable {
  receiving_unit_id: number;
  day: string;
  last_seq: number;
}

/** Stored files, content-addressed by the sha256 of the plaintext. `content` is an envelope (vault/core/envelope.ts,
 *  migration 034): ciphertext under the key-encryption key `key_version`; all three envelope columns NULL = a plaintext
 *  row written before 034. Read it only through vault/store.ts openRow(). */
export interface FilesTable {
  sha256: string;
  content_type: string;
  size: number;
  content: Buffer;
  key_version: number | null;
  wrapped_key: Buffer | null;
  nonce: Buffer | null;
  created_at: DefaultTimestamp;
}

export interface DossierFilesTable {
  id: Generated<number>;
  dossier_id: string;
  component_code: string;
  file_name: string;
  sha256: string;
  digitised: Generated<boolean>;
  reused: Generated<boolean>;
  from_store: Generated<boolean>;
  uploaded_by: number | null;
  uploaded_at: DefaultTimestamp;
  /** The store item the file was taken from (038), and its MaKetQuaThayThe. */
  store_item_id: number | null;
  replaces_with: string | null;
}

export interface DossierEventsTable {
  id: Generated<number>;
  dossier_id: string;
  seq: number;
  action: string;
  from_state: number | null;
  to_state: number;
  actor_id: string;
  actor_role: string;
  actor_unit: string | null;
  at: Timestamp;
  payload: Json<object>;
  changes: Json<object>;
  handover: Json<object> | null;
  prev_hash: string | null;
  hash: string;
  recorded_at: DefaultTimestamp;
  /** The acting officer's name and title when they acted (migration 032), part of the keyed entry; null before. */
  actor_name: string | null;
  actor_title: string | null;
  /** 1: sha256 link (entries before migration 032); 2: HMAC link with the chain key (src/integrity/key-store.ts). */
  chain_version: Generated<number>;
  /** The partition key (migration 049): the dossier's dossier_month, the same on every entry of a dossier. */
  dossier_month: ColumnType<string, string, never>;
}

export interface DraftsTable {
  id: Generated<string>;
  owner_hash: string;
  commune_id: string;
  procedure_code: string;
  data: Json<Record<string, unknown>>;
  submitted_dossier_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface DraftFilesTable {
  id: Generated<number>;
  draft_id: string;
  component_code: string;
  file_name: string;
  sha256: string;
  uploaded_at: DefaultTimestamp;
  /** Chosen from the citizen's store instead of uploaded (038). */
  store_item_id: number | null;
}

/** One revision of a dossier's declaration (migration 018): 1 = the applicant's, later ones = corrections. */
export interface DossierAnswersTable {
  dossier_id: string;
  revision: number;
  source: 'online' | 'counter' | 'correction';
  procedure_version: number;
  forms: Json<Declaration['forms']>;
  recorded_at: Timestamp;
  recorded_by: string | null;
  reason: string | null;
}

/** A component the receiving officer ticked as received at the counter, with its copies (migration 022). */
export interface DossierReceivedPapersTable {
  dossier_id: string;
  component_code: string;
  copies: number;
  recorded_at: Timestamp;
  recorded_by: string;
}

/** Where citizens are helped to file (migration 027): the one-stop desk itself, or a place that only helps. */
export interface SupportPointsTable {
  id: Generated<number>;
  commune_id: string;
  code: string;
  name: string;
  kind: 'desk' | 'community_team' | 'post_office' | 'other';
  unit_id: number | null;
  active: Generated<boolean>;
}

export interface DossierTables {
  support_points: SupportPointsTable;
  dossiers: DossiersTable;
  dossier_units: DossierUnitsTable;
  dossier_paper_transfers: DossierPaperTransfersTable;
  dossier_code_counters: DossierCodeCountersTable;
  files: FilesTable;
  dossier_files: DossierFilesTable;
  dossier_events: DossierEventsTable;
  drafts: DraftsTable;
  draft_files: DraftFilesTable;
  dossier_answers: DossierAnswersTable;
  dossier_received_papers: DossierReceivedPapersTable;
}
