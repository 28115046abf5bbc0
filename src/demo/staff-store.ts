// The demo communes' staff, as the demo seeders (activity.ts, plan.ts, par.ts, kpi.ts) pick their actors: by
// username (the demo accounts, src/demo/communes.ts) or by role.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** Every staff member of the commune (active or not) with their unit's code. */
export async function communeStaff(db: Db, communeId: string) {
  return db.selectFrom('staff as s').leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.username', 's.full_name', 's.unit_id', 'u.code as unit_code', 's.roles'])
    .where('s.commune_id', '=', communeId).execute();
}

/** The first active staff member (lowest id) holding a role, optionally in the unit with that code. */
export async function firstWithRole(db: Db, communeId: string, role: string, unitCode?: string) {
  let q = db.selectFrom('staff as s').leftJoin('units as u', 'u.id', 's.unit_id').select(['s.id', 's.full_name', 's.unit_id', 'u.code', 's.roles'])
    .where('s.commune_id', '=', communeId).where('s.active', '=', true).where(sql<boolean>`${role} = ANY(s.roles)`);
  if (unitCode) q = q.where('u.code', '=', unitCode);
  return q.orderBy('s.id').executeTakeFirst();
}
