// Support points (migration 027): where citizens are helped to file. The one-stop desk is one (kind 'desk', tied to
// its unit, created on first use so a desk added later has one); community digital-technology teams and the post
// office are others, that help citizens file online and receive nothing themselves (domain.md §2.2, the three
// organisations of a dossier).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export const SUPPORT_KIND_NAME: Record<string, string> = {
  desk: 'Bộ phận Một cửa',
  community_team: 'Tổ công nghệ số cộng đồng',
  post_office: 'Bưu điện',
  other: 'Điểm hỗ trợ khác',
};

/** The commune's active support point with this code. */
export async function supportPointByCode(db: Db, communeId: string, code: string) {
  return db.selectFrom('support_points').select(['id', 'code', 'name', 'kind'])
    .where('commune_id', '=', communeId).where('code', '=', code).where('active', '=', true).executeTakeFirst();
}

/** The desks' support points already stored (their ids never change): read at every counter intake. Only a point
 *  found already stored is kept, never one created in a transaction that may still roll back. */
const deskPoints = new Map<number, number>();
const pointNames = new Map<number, { at: number; value: { code: string; name: string; kind: string } | null }>();

/** The support point that is this one-stop desk, created with the desk's code and name on first use. */
export async function deskSupportPoint(db: Db, communeId: string, unitId: number): Promise<number> {
  const known = deskPoints.get(unitId);
  if (known !== undefined) return known;
  const stored = await db.selectFrom('support_points').select('id').where('unit_id', '=', unitId).executeTakeFirst();
  if (stored) {
    deskPoints.set(unitId, stored.id);
    return stored.id;
  }
  await db.insertInto('support_points')
    .columns(['commune_id', 'code', 'name', 'kind', 'unit_id'])
    .expression((eb) => eb.selectFrom('units').select([eb.val(communeId).as('commune_id'), 'code', 'name', sql.lit('desk').as('kind'), 'id'])
      .where('id', '=', unitId))
    .onConflict((oc) => oc.doNothing()).execute();
  // Not kept: the caller's transaction may still roll the new point back; the next request reads it (above).
  const r = await db.selectFrom('support_points').select('id').where('unit_id', '=', unitId).executeTakeFirstOrThrow();
  return r.id;
}

/** The commune's active support points, the desks first, for the counter form. */
export async function listSupportPoints(db: Db, communeId: string) {
  return db.selectFrom('support_points').select(['id', 'code', 'name', 'kind'])
    .where('commune_id', '=', communeId).where('active', '=', true)
    .orderBy(sql`kind = 'desk'`, 'desc').orderBy('name').execute();
}

/** The name of a support point (for the dossier's view and forms). */
export async function supportPointName(db: Db, id: number | null): Promise<{ code: string; name: string; kind: string } | null> {
  if (id === null) return null;
  const hit = pointNames.get(id);
  if (hit && Date.now() - hit.at < 60_000) return hit.value; // names change rarely: a minute, like the units
  const value = (await db.selectFrom('support_points').select(['code', 'name', 'kind']).where('id', '=', id).executeTakeFirst()) ?? null;
  if (value) pointNames.set(id, { at: Date.now(), value });
  return value;
}

/** The dossier with this external code (MaHoSoKhac) in the commune, if any. */
export async function dossierByExternalCode(db: Db, communeId: string, externalCode: string) {
  return db.selectFrom('dossiers').select(['id', 'code']).where('commune_id', '=', communeId).where('external_code', '=', externalCode).executeTakeFirst();
}

/** Adds support points that are not desks (the desks get theirs on first use). */
export async function insertSupportPoints(db: Db, communeId: string, points: readonly { code: string; name: string; kind: 'community_team' | 'post_office' | 'other' }[]) {
  if (!points.length) return;
  await db.insertInto('support_points').values(points.map((x) => ({ commune_id: communeId, code: x.code, name: x.name, kind: x.kind })))
    .onConflict((oc) => oc.doNothing()).execute();
}
