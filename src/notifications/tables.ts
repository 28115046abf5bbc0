// Kysely table types of this area, joined into Database (src/db/schema.ts): the notification outbox
// (migration 008_notifications.sql).
import type { ColumnType, Generated } from 'kysely';
import type { NoticeFacts, NoticeKind } from './core/messages.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type NoticeChannel = 'email' | 'sms' | 'zalo';
export type NoticeStatus = 'pending' | 'delivered' | 'failed';

export interface NotificationsTable {
  id: Generated<string>;
  message_id: Generated<string>;
  dossier_id: string;
  commune_id: string;
  event_seq: number;
  kind: NoticeKind;
  channel: NoticeChannel;
  recipient: string;
  facts: ColumnType<NoticeFacts, string, string>;
  status: Generated<NoticeStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
}
