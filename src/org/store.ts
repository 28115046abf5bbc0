// Communes, units and staff: SQL edge. The administration's rules (org/admin.ts) and the demo organisation
// (demo/organisation.ts) write through the functions below; nothing here decides or hashes a password.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import { forgetActorNames } from '../dossiers/store.ts';

type Db = Kysely<Database>;

/** PostgreSQL's unique_violation (a taken unit code or username). */
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

// ── Communes ──────────────────────────────────────────────────────────────────────────────────────────

export function getCommune(db: Kysely<Database>, communeId: string) {
  return db
    .selectFrom('communes')
    .select(['id', 'name', 'province', 'agency_code as agencyCode', 'agency_code_is_demo as agencyCodeIsDemo', 'office_hours as officeHours', 'phone'])
    .where('id', '=', communeId)
    .executeTakeFirst();
}

export async function communeExists(db: Db, communeId: string): Promise<boolean> {
  return !!(await db.selectFrom('communes').select('id').where('id', '=', communeId).executeTakeFirst());
}

export async function insertCommune(
  db: Db, c: { id: string; name: string; province: string; agencyCode: string; agencyCodeIsDemo: boolean; phone?: string | null },
): Promise<void> {
  await db
    .insertInto('communes')
    .values({ id: c.id, name: c.name, province: c.province, agency_code: c.agencyCode, agency_code_is_demo: c.agencyCodeIsDemo, phone: c.phone ?? null })
    .execute();
}

/** Sets (or, with null, clears) the commune's work phone, already normalised; false if there is no such commune. */
export async function setCommunePhone(db: Db, communeId: string, phone: string | null): Promise<boolean> {
  const r = await db.updateTable('communes').set({ phone }).where('id', '=', communeId).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets a commune's office hours (the periods of a working day, in order). */
export async function setOfficeHours(db: Db, communeId: string, periods: { start: string; end: string }[]): Promise<void> {
  await db.updateTable('communes').set({ office_hours: JSON.stringify(periods) }).where('id', '=', communeId).execute();
}

// ── Units ─────────────────────────────────────────────────────────────────────────────────────────────

export function listUnits(db: Kysely<Database>, communeId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'agency_code as agencyCode', 'receives_dossiers as receivesDossiers', 'phone'])
    .where('commune_id', '=', communeId)
    .orderBy('id')
    .execute();
}

export function unitByCode(db: Kysely<Database>, communeId: string, code: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'agency_code', 'receives_dossiers'])
    .where('commune_id', '=', communeId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function getUnit(db: Db, communeId: string, id: number) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'agency_code as agencyCode', 'receives_dossiers as receivesDossiers', 'phone'])
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether the unit belongs to the commune. */
export async function isUnitOf(db: Db, communeId: string, unitId: number): Promise<boolean> {
  return !!(await db.selectFrom('units').select('id').where('commune_id', '=', communeId).where('id', '=', unitId).executeTakeFirst());
}

export interface NewUnit {
  code: string;
  name: string;
  receivesDossiers: boolean;
  agencyCode: string | null;
  /** Work phone, normalised; absent or null = none. */
  phone?: string | null;
}

const unitRow = (communeId: string, u: NewUnit) => ({
  commune_id: communeId, code: u.code, name: u.name, receives_dossiers: u.receivesDossiers, agency_code: u.agencyCode, phone: u.phone ?? null,
});

/** Adds a unit to the commune; its id, or null when the commune already has a unit with this code. */
export async function insertUnit(db: Db, communeId: string, u: NewUnit): Promise<number | null> {
  try {
    const r = await db.insertInto('units').values(unitRow(communeId, u)).returning('id').executeTakeFirstOrThrow();
    return r.id;
  } catch (e) {
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

/** Adds units to the commune; their ids and codes. */
export function insertUnits(db: Db, communeId: string, units: NewUnit[]) {
  return db.insertInto('units').values(units.map((u) => unitRow(communeId, u))).returning(['id', 'code']).execute();
}

/** Changes a unit's name, receiving flag, e-identifier and work phone (never its code; the phone only when given);
 *  false if the commune has no such unit. */
export async function updateUnitRow(
  db: Db, communeId: string, id: number,
  v: Partial<{ name: string; receivesDossiers: boolean; agencyCode: string | null; phone: string | null }>,
): Promise<boolean> {
  const r = await db
    .updateTable('units')
    .set({
      ...(v.name !== undefined ? { name: v.name } : {}),
      ...(v.receivesDossiers !== undefined ? { receives_dossiers: v.receivesDossiers } : {}),
      ...(v.agencyCode !== undefined ? { agency_code: v.agencyCode } : {}),
      ...(v.phone !== undefined ? { phone: v.phone } : {}),
    })
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface CommuneUnits {
  agencyCode: string;
  byCode: Map<string, { id: number; agencyCode: string | null; receivesDossiers: boolean }>;
  codeById: Map<number, string>;
}

const communeUnitsCache = new TtlCache<CommuneUnits>(60_000);

/** Call after committing a change to a commune's units (org/admin.ts). */
export function forgetCommuneUnits() {
  communeUnitsCache.clear();
}

/** A commune's units and agency e-identifier, read on every dossier command (cached for a minute). */
export function communeUnits(db: Kysely<Database>, communeId: string): Promise<CommuneUnits> {
  return communeUnitsCache.get(communeId, async () => {
    const rows = await db
      .selectFrom('units as u')
      .innerJoin('communes as c', 'c.id', 'u.commune_id')
      .select(['u.id', 'u.code', 'u.agency_code', 'u.receives_dossiers', 'c.agency_code as commune_agency_code'])
      .where('u.commune_id', '=', communeId)
      .execute();
    return {
      agencyCode: rows[0]?.commune_agency_code ?? '',
      byCode: new Map(rows.map((u) => [u.code, { id: u.id, agencyCode: u.agency_code, receivesDossiers: u.receives_dossiers }])),
      codeById: new Map(rows.map((u) => [u.id, u.code])),
    };
  });
}

// ── Staff ─────────────────────────────────────────────────────────────────────────────────────────────

export function listStaff(db: Kysely<Database>, communeId: string, unitId?: number) {
  let q = db
    .selectFrom('staff as s')
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.username', 's.full_name as fullName', 's.title', 's.roles', 'u.code as unitCode', 's.active', 's.phone'])
    .where('s.commune_id', '=', communeId);
  if (unitId !== undefined) q = q.where('s.unit_id', '=', unitId);
  return q.orderBy('s.id').execute();
}

export function getStaff(db: Db, communeId: string, id: number) {
  return db
    .selectFrom('staff')
    .select(['id', 'username', 'full_name as fullName', 'title', 'unit_id as unitId', 'roles', 'active', 'phone'])
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether a staff account (of any commune) has this username. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  return !!(await db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst());
}

export interface NewStaff {
  unitId: number | null;
  username: string;
  fullName: string;
  title: string;
  roles: string[];
  passwordHash: string;
  /** Work phone, normalised; absent or null = none. */
  phone?: string | null;
}

const staffRow = (communeId: string, s: NewStaff) => ({
  commune_id: communeId, unit_id: s.unitId, username: s.username, full_name: s.fullName, title: s.title,
  roles: s.roles, password_hash: s.passwordHash, phone: s.phone ?? null,
});

/** Adds a staff account to the commune; its id, or null when the username is taken. */
export async function insertStaff(db: Db, communeId: string, s: NewStaff): Promise<number | null> {
  try {
    const r = await db.insertInto('staff').values(staffRow(communeId, s)).returning('id').executeTakeFirstOrThrow();
    return r.id;
  } catch (e) {
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

/** Adds staff accounts to the commune. */
export async function insertStaffMembers(db: Db, communeId: string, staff: NewStaff[]): Promise<void> {
  await db.insertInto('staff').values(staff.map((s) => staffRow(communeId, s))).execute();
}

/** Changes columns of a staff member of the commune (details, work phone, active, password hash); false if there is no such member. */
export async function updateStaffColumns(
  db: Db, communeId: string, id: number,
  v: Partial<{ fullName: string; title: string; unitId: number | null; roles: string[]; phone: string | null; active: boolean; passwordHash: string }>,
): Promise<boolean> {
  const r = await db
    .updateTable('staff')
    .set({
      ...(v.fullName !== undefined ? { full_name: v.fullName } : {}),
      ...(v.title !== undefined ? { title: v.title } : {}),
      ...(v.unitId !== undefined ? { unit_id: v.unitId } : {}),
      ...(v.roles !== undefined ? { roles: v.roles } : {}),
      ...(v.phone !== undefined ? { phone: v.phone } : {}),
      ...(v.active !== undefined ? { active: v.active } : {}),
      ...(v.passwordHash !== undefined ? { password_hash: v.passwordHash } : {}),
    })
    .where('commune_id', '=', communeId)
    .where('id', '=', id)
    .executeTakeFirst();
  forgetActorNames(); // the log names the actor as they are now (dossiers/store.ts)
  return Number(r.numUpdatedRows) === 1;
}
