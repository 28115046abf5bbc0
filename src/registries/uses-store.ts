// Stub (issue 15): filled by the registries area (migration 043).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** The national databases a dossier's data came from (DSKetNoiCSDL[].MaCSDL codes), in a stable order. */
export async function registryCodesOf(_db: Kysely<Database>, _dossierId: string): Promise<string[]> {
  return [];
}
