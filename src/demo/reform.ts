// Demo data of the reform domains (issue 6) for the demo communes: the imported plan with tasks under way,
// units' reports, a PAR self-assessment in progress and officers' KPI. Called by `npm start` in demo mode.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { DEMO_COMMUNES } from './communes.ts';
import { seedDemoPlan } from './plan.ts';
import { seedDemoUnitReports } from './unit-reports.ts';
import { seedDemoPar } from './par.ts';
import { seedDemoKpi } from './kpi.ts';

/** Each seeder adds only what is missing; `progress` hears (in Vietnamese) each step that does add something, so a
 *  later start, which adds nothing, stays quiet. */
export async function generateDemoReform(db: Kysely<Database>, now: Date, progress: (message: string) => void = () => {}): Promise<void> {
  for (const [i, c] of DEMO_COMMUNES.entries()) {
    const say = (what: string) => progress(`Đang tạo dữ liệu mẫu: ${what} (xã ${i + 1}/${DEMO_COMMUNES.length})…`);
    await seedDemoPlan(db, c.id, now, (tasks) => say(`kế hoạch cải cách hành chính, ${tasks} nhiệm vụ`));
    await seedDemoUnitReports(db, c.id, now, () => say('báo cáo quý của các đơn vị'));
    await seedDemoPar(db, c.id, now, () => say('tự đánh giá Chỉ số cải cách hành chính'));
    await seedDemoKpi(db, c.id, now, () => say('đánh giá KPI của cán bộ'));
  }
}
