// Kysely table types of the citizen's personal-data requests (migration 035_privacy_requests.sql).
import type { ColumnType, Generated } from 'kysely';
import type { RequestAction, RequestKind, RequestStatus } from './core/request.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PrivacyRequestsTable {
  id: Generated<string>;
  commune_id: string;
  citizen_id: number;
  kind: RequestKind;
  item: string | null;
  wrong_value: string | null;
  right_value: string | null;
  detail: string | null;
  status: RequestStatus;
  received_at: Timestamp;
  due_at: Timestamp;
  answered_at: Timestamp | null;
  answer: string | null;
  answered_by: number | null;
  /** The store item a correction or deletion is about (038). */
  store_item_id: number | null;
}

export interface PrivacyRequestEventsTable {
  id: Generated<number>;
  request_id: string;
  seq: number;
  at: Timestamp;
  action: RequestAction;
  to_status: RequestStatus;
  actor_kind: 'citizen' | 'staff';
  actor_id: number;
  actor_name: string;
  text: string | null;
}

export interface PrivacyTables {
  privacy_requests: PrivacyRequestsTable;
  privacy_request_events: PrivacyRequestEventsTable;
}
