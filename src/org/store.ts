// Communes, units and staff: SQL edge.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { hashPassword } from '../identity/staff/auth.ts';
import { DEMO_COMMUNES, DEMO_PASSWORD, UNITS } from '../demo/communes.ts';
import { TtlCache } from '../shared/ttl-cache.ts';

/** Loads the demo communes, their units and staff once; later calls change nothing. */
export async function seedDemoOrganisation(db: Kysely<Database>): Promise<boolean> {
  const exists = await db.selectFrom('communes').select('id').where('id', '=', DEMO_COMMUNES[0]!.id).executeTakeFirst();
  if (exists) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const c of DEMO_COMMUNES) {
      await trx
        .insertInto('communes')
        .values({ id: c.id, name: c.name, province: c.province, agency_code: c.agencyCode, agency_code_is_demo: true })
        .execute();
      const units = await trx
        .insertInto('units')
        .values(UNITS.map((u) => ({
          commune_id: c.id,
          code: u.code,
          name: u.name,
          receives_dossiers: u.receivesDossiers,
          agency_code: u.receivesDossiers ? c.agencyCode : null,
        })))
        .returning(['id', 'code'])
        .execute();
      const unitId = new Map(units.map((u) => [u.code, u.id]));
      await trx
        .insertInto('staff')
        .values(c.staff.map((s) => ({
          commune_id: c.id,
          unit_id: unitId.get(s.unit) ?? null,
          username: s.username,
          full_name: s.fullName,
          title: s.title,
          roles: s.roles,
          password_hash: passwordHash,
        })))
        .execute();
    }
  });
  return true;
}

export function listUnits(db: Kysely<Database>, communeId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'agency_code as agencyCode', 'receives_dossiers as receivesDossiers'])
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

export function listStaff(db: Kysely<Database>, communeId: string, unitId?: number) {
  let q = db
    .selectFrom('staff as s')
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.username', 's.full_name as fullName', 's.title', 's.roles', 'u.code as unitCode', 's.active'])
    .where('s.commune_id', '=', communeId);
  if (unitId !== undefined) q = q.where('s.unit_id', '=', unitId);
  return q.orderBy('s.id').execute();
}

export function getCommune(db: Kysely<Database>, communeId: string) {
  return db
    .selectFrom('communes')
    .select(['id', 'name', 'province', 'agency_code as agencyCode', 'agency_code_is_demo as agencyCodeIsDemo', 'office_hours as officeHours'])
    .where('id', '=', communeId)
    .executeTakeFirst();
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
