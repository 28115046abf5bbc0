// The demo organisation (demo/communes.ts) loaded into an empty installation: the demo communes, their units
// (the receiving unit with the commune's demo e-identifier) and their staff, all with the demo password, and the
// work phones BM.02 prints (DEMO_PHONES). Called by loadShippedData (src/seed.ts) in demo mode.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashPassword } from '../identity/staff/auth.ts';
import { communeExists, insertCommune, insertStaffMembers, insertUnits } from '../org/store.ts';
import { DEMO_COMMUNES, DEMO_PASSWORD, UNITS } from './communes.ts';
import { insertSupportPoints } from '../dossiers/support-points-store.ts';

/**
 * Work phones of the demo: DEMO values, made up for the demo and not anyone's real number. The People's
 * Committee and the one-stop centre have landlines of Thái Nguyên's area code (0208 3xxx xxx); a few officers
 * have a work mobile (by username without the commune's prefix). The others have none, so that BM.02 shows
 * every fallback: the officer's phone, else their unit's, else the desk's, else the commune's.
 */
const DEMO_PHONES: Record<string, { commune: string; units: Record<string, string>; staff: Record<string, string> }> = {
  'xuan-duong': {
    commune: '02083855100', // 0208 3855 100, demo value
    units: { TTPVHCC: '02083855101' }, // 0208 3855 101, demo value
    staff: { hotich: '0912581203', giamdoc: '0988417650' }, // demo values
  },
  'tan-lap': {
    commune: '02083866100', // 0208 3866 100, demo value
    units: { TTPVHCC: '02083866101' }, // 0208 3866 101, demo value
    staff: { hotich: '0912581204' }, // demo value
  },
};

/** Where citizens are helped to file online besides the desk (DEMO values): the community digital-technology team
 *  (Tổ công nghệ số cộng đồng) and the post office. Their link is /nop-ho-so/<procedure>?diem-ho-tro=<code>. */
const DEMO_SUPPORT_POINTS = [
  { code: 'TCNSCD', name: 'Tổ công nghệ số cộng đồng xã', kind: 'community_team' },
  { code: 'BUU_DIEN', name: 'Bưu điện văn hóa xã', kind: 'post_office' },
] as const;

/** Loads the demo communes, their units and staff once; later calls change nothing. */
export async function seedDemoOrganisation(db: Kysely<Database>): Promise<boolean> {
  if (await communeExists(db, DEMO_COMMUNES[0]!.id)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const c of DEMO_COMMUNES) {
      const phones = DEMO_PHONES[c.id];
      await insertCommune(trx, { id: c.id, name: c.name, province: c.province, agencyCode: c.agencyCode, agencyCodeIsDemo: true, phone: phones?.commune });
      const units = await insertUnits(trx, c.id, UNITS.map((u) => ({
        code: u.code, name: u.name, receivesDossiers: u.receivesDossiers, agencyCode: u.receivesDossiers ? c.agencyCode : null,
        phone: phones?.units[u.code],
      })));
      const unitId = new Map(units.map((u) => [u.code, u.id]));
      await insertStaffMembers(trx, c.id, c.staff.map((s) => ({
        unitId: unitId.get(s.unit) ?? null, username: s.username, fullName: s.fullName, title: s.title, roles: s.roles, passwordHash,
        phone: phones?.staff[s.username.slice(c.usernamePrefix.length)],
      })));
      await insertSupportPoints(trx, c.id, DEMO_SUPPORT_POINTS);
    }
  });
  return true;
}
