// Satisfaction ratings of returned dossiers (migration 002).
import type { ColumnType } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface RatingsTable {
  dossier_id: string;
  /** The dossier's commune (migration 050: filled from the dossier on insert), so that a commune's ratings of a period
   *  are one index range. Null only for rows loaded with triggers off (bench:province before its backfill). */
  commune_id: ColumnType<string | null, string | undefined, never>;
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
