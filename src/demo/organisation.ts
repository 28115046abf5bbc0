// The demo organisation (demo/communes.ts) loaded into an empty installation: the demo communes, their units
// (the receiving unit with the commune's demo e-identifier) and their staff, all with the demo password. Called
// by loadShippedData (src/seed.ts) in demo mode.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashPassword } from '../identity/staff/auth.ts';
import { communeExists, insertCommune, insertStaffMembers, insertUnits } from '../org/store.ts';
import { DEMO_COMMUNES, DEMO_PASSWORD, UNITS } from './communes.ts';

/** Loads the demo communes, their units and staff once; later calls change nothing. */
export async function seedDemoOrganisation(db: Kysely<Database>): Promise<boolean> {
  if (await communeExists(db, DEMO_COMMUNES[0]!.id)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const c of DEMO_COMMUNES) {
      await insertCommune(trx, { id: c.id, name: c.name, province: c.province, agencyCode: c.agencyCode, agencyCodeIsDemo: true });
      const units = await insertUnits(trx, c.id, UNITS.map((u) => ({
        code: u.code, name: u.name, receivesDossiers: u.receivesDossiers, agencyCode: u.receivesDossiers ? c.agencyCode : null,
      })));
      const unitId = new Map(units.map((u) => [u.code, u.id]));
      await insertStaffMembers(trx, c.id, c.staff.map((s) => ({
        unitId: unitId.get(s.unit) ?? null, username: s.username, fullName: s.fullName, title: s.title, roles: s.roles, passwordHash,
      })));
    }
  });
  return true;
}
