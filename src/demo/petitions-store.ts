// What the demo petitions (petitions.ts) are made from: the commune's returned dossiers with a code (some petitions
// are about one) and its first unit (the one petitions are assigned to).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Up to 200 codes of the commune's returned dossiers (state 10), in code order. */
export async function returnedDossierCodes(db: Kysely<Database>, communeId: string): Promise<string[]> {
  const rows = await db.selectFrom('dossiers').select('code').where('commune_id', '=', communeId).where('code', 'is not', null)
    .where('state', '=', 10).orderBy('code').limit(200).execute();
  return rows.map((r) => r.code!);
}

/** The id of the commune's first unit (lowest id), if it has one. */
export async function firstUnitId(db: Kysely<Database>, communeId: string): Promise<number | undefined> {
  return (await db.selectFrom('units').select('id').where('commune_id', '=', communeId).orderBy('id').executeTakeFirst())?.id;
}
