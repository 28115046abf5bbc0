// Data every installation needs (the shipped catalogue and calendar), plus the demo organisation.
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { seedCatalogue } from './catalogue/store.ts';
import { seedCalendar } from './calendar/store.ts';
import { seedDemoOrganisation } from './org/store.ts';

export async function loadShippedData(db: Kysely<Database>, opts: { demo: boolean }) {
  await seedCatalogue(db);
  await seedCalendar(db);
  if (opts.demo) await seedDemoOrganisation(db);
}
