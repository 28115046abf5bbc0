// Demo data of the reform domains (issue 6) for the demo communes: the imported plan with tasks under way,
// units' reports, a PAR self-assessment in progress and officers' KPI. Called by `npm start` in demo mode.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DEMO_COMMUNES } from './communes.ts';
import { seedDemoPlan } from './plan.ts';
import { seedDemoUnitReports } from './unit-reports.ts';
import { seedDemoPar } from './par.ts';
import { seedDemoKpi } from './kpi.ts';

export async function generateDemoReform(db: Kysely<Database>, now: Date): Promise<void> {
  for (const c of DEMO_COMMUNES) {
    await seedDemoPlan(db, c.id, now);
    await seedDemoUnitReports(db, c.id, now);
    await seedDemoPar(db, c.id, now);
    await seedDemoKpi(db, c.id, now);
  }
}
