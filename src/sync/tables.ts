// Kysely table types of the national-portal sync (migration 041_portal_sync.sql), joined into Database
// (src/db/schema.ts): the per-dossier sync state, the outbox of messages and the reconciliations.
import type { ColumnType, Generated } from 'kysely';
import type { CountDifference, DayCount } from './core/reconcile.ts';

export type { CountDifference, DayCount };

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export type DossierSyncStatus = 'pending' | 'failed' | 'done';
export type SyncMessageStatus = 'pending' | 'delivered' | 'failed';
export type SyncMessageKind = 'create' | 'update';

export interface DossierSyncTable {
  dossier_id: string;
  commune_id: string;
  next_seq: number;
  last_event_seq: number;
  prev_event_seq: number;
  status: Generated<DossierSyncStatus>;
  acked_seq: Generated<number>;
  created_acked_at: Timestamp | null;
  last_code: string | null;
  last_message: string | null;
  updated_at: Timestamp;
}

export interface SyncMessagesTable {
  id: Generated<string>;
  message_id: Generated<string>;
  dossier_id: string;
  commune_id: string;
  seq: number;
  kind: SyncMessageKind;
  event_seq: number;
  first_step: number;
  status: Generated<SyncMessageStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  payload: Json<unknown> | null;
  last_code: string | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface SyncReconciliationsTable {
  id: Generated<string>;
  commune_id: string;
  kind: 'daily' | 'manual';
  run_day: ColumnType<string, string, string>;
  from_day: ColumnType<string, string, string>;
  to_day: ColumnType<string, string, string>;
  ran_at: Timestamp;
  ran_by: number | null;
  status: Generated<'running' | 'done' | 'error'>;
  ours_total: number | null;
  portal_total: number | null;
  portal_counts: Json<DayCount[]> | null;
  differences: Json<CountDifference[]> | null;
  error: string | null;
}

export interface SyncTables {
  dossier_sync: DossierSyncTable;
  sync_messages: SyncMessagesTable;
  sync_reconciliations: SyncReconciliationsTable;
}
