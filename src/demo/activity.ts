// Demo activity for `npm start`: a year of realistic dossiers, payments, ratings and petitions for the demo communes,
// so that the dashboard and the public page show something. Owned by the demo/bench helper (issue 5). Stub.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

export async function generateDemoActivity(_db: Kysely<Database>, _now: Date): Promise<void> {}
