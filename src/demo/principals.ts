// The demo communes' staff as principals, by username without the commune's prefix ("motcua", "hotich"…): the actors
// the demo seeders act as through the real services.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal, StaffRole } from '../identity/core/principal.ts';
import { DEMO_COMMUNES } from './communes.ts';
import { communeStaff } from './staff-store.ts';

export async function principals(db: Kysely<Database>, communeId: string): Promise<Record<string, Principal>> {
  const rows = await communeStaff(db, communeId);
  const prefix = DEMO_COMMUNES.find((c) => c.id === communeId)?.usernamePrefix ?? '';
  return Object.fromEntries(rows.map((r) => [r.username.slice(prefix.length), {
    kind: 'staff', id: r.id, name: r.full_name, communeId, unitId: r.unit_id, unitCode: r.unit_code, roles: r.roles as StaffRole[],
  } satisfies Principal]));
}
