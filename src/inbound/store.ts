// Dossiers received from the national portal (migration 042): SQL only. The claim on (commune, portal code) is the
// first write of a receipt, so two copies of one request queue on the unique key and the second finds the first's row.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/**
 * The national portal's dossier code (MaHoSo) of a dossier filed there and forwarded to us, or null. Found through
 * the dossier's external code (set when it is created) joined to its receipt row (claimed before), so the answer is
 * right from the dossier's first write on, in the creating transaction too (the outbound sync's enqueue runs there).
 */
export async function inboundPortalCode(db: Db, dossierId: string): Promise<string | null> {
  const r = await db
    .selectFrom('dossiers as d')
    .innerJoin('inbound_dossiers as i', (j) => j.onRef('i.commune_id', '=', 'd.commune_id').onRef('i.portal_code', '=', 'd.external_code'))
    .select('i.portal_code')
    .where('d.id', '=', dossierId)
    .executeTakeFirst();
  return r?.portal_code ?? null;
}

/** Claims the portal code in the commune: the new row's id, or null when it was already claimed (by a committed
 *  receipt, or by one in progress, which this statement waits for). */
export async function claimPortalCode(trx: Db, v: { communeId: string; portalCode: string; requestSha256: string; at: Date }): Promise<number | null> {
  const r = await trx
    .insertInto('inbound_dossiers')
    .values({ commune_id: v.communeId, portal_code: v.portalCode, request_sha256: v.requestSha256, received_at: v.at })
    .onConflict((oc) => oc.columns(['commune_id', 'portal_code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** The receipt of a portal code in the commune. */
export async function inboundByCode(db: Db, communeId: string, portalCode: string) {
  return db
    .selectFrom('inbound_dossiers')
    .select(['id', 'request_sha256', 'dossier_id', 'received_at'])
    .where('commune_id', '=', communeId)
    .where('portal_code', '=', portalCode)
    .executeTakeFirst();
}

export async function setInboundDossier(trx: Db, id: number, dossierId: string): Promise<void> {
  await trx.updateTable('inbound_dossiers').set({ dossier_id: dossierId }).where('id', '=', id).execute();
}

/** TaiKhoanDuocXacThucVoiVNeID: the portal says the applicant's account is authenticated with e-identity. */
export async function markAuthenticatedWithEid(trx: Db, dossierId: string): Promise<void> {
  await trx.updateTable('dossiers').set({ authenticated_with_eid: true }).where('id', '=', dossierId).execute();
}

/** How many dossiers the national portal has forwarded to the commune (the demo files its own only into none). */
export async function inboundCount(db: Db, communeId: string): Promise<number> {
  const r = await db.selectFrom('inbound_dossiers').select((eb) => eb.fn.countAll<string>().as('n')).where('commune_id', '=', communeId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
