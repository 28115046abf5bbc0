// Kysely table types of the dossiers received from the national portal (migration 042_inbound_dossiers.sql), joined
// into Database (db/schema.ts).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface InboundDossiersTable {
  id: Generated<number>;
  commune_id: string;
  /** The portal's dossier code (MaHoSo), unique in the commune. */
  portal_code: string;
  /** sha256 of the request's canonical JSON: a replay has the same, a different request under the code does not. */
  request_sha256: string;
  /** Set in the claiming transaction once the dossier exists; never committed null. */
  dossier_id: string | null;
  received_at: Timestamp;
}

export interface InboundTables {
  inbound_dossiers: InboundDossiersTable;
}
