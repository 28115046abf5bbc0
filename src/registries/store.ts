// The SQL of the registries (migration 043): writing a lookup's log row, reading one back for its use, recording the
// use of a registry's data in a dossier, and the administrator's log page (keyset-paginated, scoped to the commune).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface LookupRow {
  at: Date; commune_id: string; staff_id: number | null; citizen_id: number | null; registry: string;
  dossier_id: string | null; draft_id: string | null; purpose: string; subject_digest: string; subject_masked: string;
  subject_name: string | null; outcome: string; request_id: string;
}

export async function insertLookup(db: Db, v: LookupRow): Promise<number> {
  const r = await db.insertInto('registry_lookups').values(v).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/** One lookup of the commune, with what its use needs. */
export function lookupOf(db: Db, communeId: string, id: number) {
  return db.selectFrom('registry_lookups')
    .select(['id', 'at', 'registry', 'dossier_id', 'draft_id', 'staff_id', 'citizen_id', 'outcome', 'subject_digest', 'purpose'])
    .where('commune_id', '=', communeId).where('id', '=', id).executeTakeFirst();
}

/** A citizen's found lookup of themselves for this draft (the e-form's pre-fill), the latest one. */
export function draftPrefillLookup(db: Db, draftId: string, citizenId: number) {
  return db.selectFrom('registry_lookups').select(['id', 'registry'])
    .where('draft_id', '=', draftId).where('citizen_id', '=', citizenId).where('outcome', '=', 'found')
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
}

/** Records that data from a registry was used in the dossier (the first use stays: its lookup and time). Returns
 *  whether this is the first use of that registry in the dossier. */
export async function recordUse(db: Db, v: { dossierId: string; registry: string; maCsdl: string; lookupId: number; at: Date }): Promise<boolean> {
  const r = await db.insertInto('dossier_registry_uses')
    .values({ dossier_id: v.dossierId, registry: v.registry, ma_csdl: v.maCsdl, lookup_id: v.lookupId, used_at: v.at })
    .onConflict((c) => c.columns(['dossier_id', 'registry']).doNothing())
    .returning('registry').executeTakeFirst();
  return !!r;
}

/** The registries whose data the dossier used. */
export async function usedRegistries(db: Db, dossierId: string): Promise<string[]> {
  const rows = await db.selectFrom('dossier_registry_uses').select('registry').where('dossier_id', '=', dossierId).execute();
  return rows.map((r) => r.registry);
}

/** The dossier's lookups (the dossier page shows them). */
export function lookupsOfDossier(db: Db, dossierId: string) {
  return db.selectFrom('registry_lookups as l').leftJoin('staff as s', 's.id', 'l.staff_id')
    .select(['l.id', 'l.at', 'l.registry', 'l.purpose', 'l.outcome', 'l.subject_masked', 'l.subject_name', 's.full_name as staff_name'])
    .where('l.dossier_id', '=', dossierId).orderBy('l.id', 'desc').limit(50).execute();
}

export interface LogFilter {
  communeId: string;
  /** Inclusive bounds (UTC instants of the Vietnam-local days chosen). */
  from?: Date; to?: Date;
  staffId?: number;
  /** Keyset: rows strictly older than (at, id). */
  after?: { at: Date; id: number };
  limit: number;
}

/** The commune's lookups, newest first, for the administrator: who, when, which dossier, purpose, registry, outcome,
 *  masked subject. Keyset-paginated on (at, id) over registry_lookups_commune / _staff. */
export function lookupLog(db: Db, f: LogFilter) {
  let q = db.selectFrom('registry_lookups as l')
    .leftJoin('staff as s', 's.id', 'l.staff_id')
    .leftJoin('dossiers as d', 'd.id', 'l.dossier_id')
    .select([
      'l.id', 'l.at', 'l.registry', 'l.purpose', 'l.outcome', 'l.subject_masked', 'l.subject_name', 'l.dossier_id', 'l.draft_id',
      'l.staff_id', 'l.citizen_id', 'l.request_id', 's.full_name as staff_name', 'd.code as dossier_code', 'd.reference as dossier_reference',
    ])
    .where('l.commune_id', '=', f.communeId);
  if (f.staffId !== undefined) q = q.where('l.staff_id', '=', f.staffId);
  if (f.from) q = q.where('l.at', '>=', f.from);
  if (f.to) q = q.where('l.at', '<', f.to);
  if (f.after) {
    const a = f.after;
    q = q.where((eb) => eb.or([eb('l.at', '<', a.at), eb.and([eb('l.at', '=', a.at), eb('l.id', '<', a.id)])]));
  }
  return q.orderBy('l.at', 'desc').orderBy('l.id', 'desc').limit(f.limit).execute();
}

/** The commune's officers who looked something up (the log page's filter). */
export function lookingStaff(db: Db, communeId: string) {
  return db.selectFrom('staff').select(['id', 'full_name']).where('commune_id', '=', communeId)
    .where(({ exists, selectFrom }) => exists(selectFrom('registry_lookups as l').select('l.id').whereRef('l.staff_id', '=', 'staff.id').where('l.commune_id', '=', communeId)))
    .orderBy('full_name').execute();
}

/** The e-identifier (mã định danh) sent to the platform as the caller's agency: the unit's, else the commune's. */
export async function agencyCodeOf(db: Db, communeId: string, unitId: number | null): Promise<string> {
  const c = await db.selectFrom('communes').select('agency_code').where('id', '=', communeId).executeTakeFirst();
  const u = unitId === null ? undefined
    : await db.selectFrom('units').select('agency_code').where('id', '=', unitId).where('commune_id', '=', communeId).executeTakeFirst();
  return u?.agency_code ?? c?.agency_code ?? communeId;
}
