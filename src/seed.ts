// Data every installation needs (the shipped catalogue and calendar), plus the demo organisation.
import type { Kysely } from 'kysely';
import type { Database } from './db/schema.ts';
import { seedCatalogue } from './catalogue/store.ts';
import { seedCalendar } from './calendar/store.ts';
import { seedDemoOrganisation } from './demo/organisation.ts';
import { ensureTemplates } from './par/templates.ts';

export async function loadShippedData(db: Kysely<Database>, opts: { demo: boolean }) {
  await seedCatalogue(db);
  await seedCalendar(db);
  await ensureTemplates(db); // the province's PAR index template(s), src/par/seed/
  if (opts.demo) await seedDemoOrganisation(db);
}
