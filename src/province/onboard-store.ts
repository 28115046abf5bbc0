// Onboarding a commune (SQL): the commune row, its units, staff, desk support points and own calendar days, each
// written only when it differs from what is stored, so that a repeated file changes nothing. onboard.ts decides;
// nothing here hashes a password or checks a rule.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forgetActorNames } from '../dossiers/store.ts';

type Db = Kysely<Database>;

export interface CommuneRow {
  id: string; name: string; province: string; agencyCode: string; agencyCodeIsDemo: boolean; phone: string | null;
  officeHours?: { start: string; end: string }[];
}

export function communeRow(db: Db, id: string) {
  return db.selectFrom('communes')
    .select(['id', 'name', 'province', 'agency_code as agencyCode', 'agency_code_is_demo as agencyCodeIsDemo', 'phone', 'office_hours as officeHours'])
    .where('id', '=', id).executeTakeFirst();
}

export async function insertCommuneRow(db: Db, c: CommuneRow): Promise<void> {
  await db.insertInto('communes').values({
    id: c.id, name: c.name, province: c.province, agency_code: c.agencyCode, agency_code_is_demo: c.agencyCodeIsDemo, phone: c.phone,
    ...(c.officeHours ? { office_hours: JSON.stringify(c.officeHours) } : {}),
  }).execute();
}

export async function updateCommuneRow(db: Db, c: CommuneRow): Promise<void> {
  await db.updateTable('communes').set({
    name: c.name, province: c.province, agency_code: c.agencyCode, agency_code_is_demo: c.agencyCodeIsDemo, phone: c.phone,
    ...(c.officeHours ? { office_hours: JSON.stringify(c.officeHours) } : {}),
  }).where('id', '=', c.id).execute();
}

export function unitRows(db: Db, communeId: string) {
  return db.selectFrom('units')
    .select(['id', 'code', 'name', 'receives_dossiers as receivesDossiers', 'agency_code as agencyCode', 'phone'])
    .where('commune_id', '=', communeId).orderBy('id').execute();
}

export interface UnitValues { code: string; name: string; receivesDossiers: boolean; agencyCode: string | null; phone: string | null }

export async function insertUnitRow(db: Db, communeId: string, u: UnitValues): Promise<number> {
  const r = await db.insertInto('units').values({
    commune_id: communeId, code: u.code, name: u.name, receives_dossiers: u.receivesDossiers, agency_code: u.agencyCode, phone: u.phone,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUnitValues(db: Db, id: number, u: UnitValues): Promise<void> {
  await db.updateTable('units').set({ name: u.name, receives_dossiers: u.receivesDossiers, agency_code: u.agencyCode, phone: u.phone })
    .where('id', '=', id).execute();
}

/** The desk support point of a receiving unit (migration 027), created with the unit's code and name if missing;
 *  true when it was created. A code already used by another support point of the commune gets the suffix _MC. */
export async function ensureDeskPoint(db: Db, communeId: string, unit: { id: number; code: string; name: string }): Promise<boolean> {
  if (await db.selectFrom('support_points').select('id').where('unit_id', '=', unit.id).executeTakeFirst()) return false;
  const taken = await db.selectFrom('support_points').select('id').where('commune_id', '=', communeId).where('code', '=', unit.code).executeTakeFirst();
  const code = taken ? `${unit.code.slice(0, 17)}_MC` : unit.code;
  await db.insertInto('support_points')
    .values({ commune_id: communeId, code, name: unit.name.slice(0, 200), kind: 'desk', unit_id: unit.id })
    .onConflict((oc) => oc.doNothing()).execute();
  return true;
}

/** The staff accounts (of any commune) with these usernames. */
export function staffByUsernames(db: Db, usernames: readonly string[]) {
  if (!usernames.length) return Promise.resolve([]);
  return db.selectFrom('staff')
    .select(['id', 'commune_id as communeId', 'username', 'full_name as fullName', 'title', 'unit_id as unitId', 'roles', 'phone'])
    .where('username', 'in', [...usernames]).execute();
}

export interface StaffValues { username: string; fullName: string; title: string; unitId: number | null; roles: string[]; phone: string | null }

export async function insertStaffRow(db: Db, communeId: string, s: StaffValues & { passwordHash: string }): Promise<number> {
  const r = await db.insertInto('staff').values({
    commune_id: communeId, username: s.username, full_name: s.fullName, title: s.title, unit_id: s.unitId, roles: s.roles,
    phone: s.phone, password_hash: s.passwordHash,
  }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

/** Changes an account's details (never its password: an account already handed over keeps its own). */
export async function updateStaffValues(db: Db, id: number, s: StaffValues): Promise<void> {
  await db.updateTable('staff').set({ full_name: s.fullName, title: s.title, unit_id: s.unitId, roles: s.roles, phone: s.phone })
    .where('id', '=', id).execute();
  forgetActorNames(); // the log names the actor as they are now (dossiers/store.ts)
}

export function communeDays(db: Db, communeId: string) {
  return db.selectFrom('calendar_days').select(['date', 'type', 'name', 'source'])
    .where('scope', '=', 'commune').where('scope_id', '=', communeId).execute();
}

/** Adds or replaces a day of the commune's own calendar. */
export async function upsertCommuneDay(
  db: Db, communeId: string, d: { date: string; type: Database['calendar_days']['type']; name: string; source: string }, by: number | null,
): Promise<void> {
  await db.insertInto('calendar_days')
    .values({ scope: 'commune', scope_id: communeId, date: d.date, type: d.type, name: d.name, source: d.source, updated_by: by })
    .onConflict((oc) => oc.columns(['scope', 'scope_id', 'date']).doUpdateSet({ type: d.type, name: d.name, source: d.source, updated_by: by }))
    .execute();
}

/** The date of a calendar row as YYYY-MM-DD (pg returns `date` as text here, or as a Date with another parser). */
export const dayText = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));
