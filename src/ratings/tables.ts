// Satisfaction ratings of returned dossiers (migration 002).
import type { ColumnType } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface RatingsTable {
  dossier_id: string;
  overall: 'very_satisfied' | 'satisfied' | 'dissatisfied';
  criteria: Json<Record<string, unknown>>;
  comment: string | null;
  channel: 'portal' | 'qr' | 'kiosk' | 'sms';
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface RatingTables {
  ratings: RatingsTable;
}
