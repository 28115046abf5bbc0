// Stub (issue 15): filled by the inbound area (migration 042).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The national portal's dossier code (MaHoSo) of a dossier filed there and forwarded to us, or null. */
export async function inboundPortalCode(_db: Kysely<Database>, _dossierId: string): Promise<string | null> {
  return null;
}
