// SQL of location-independent receipt (migration 045): the communes a dossier may be transferred to, the paper that
// travels between two communes, and the receiving commune's list of what it received for others.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PapersDirection } from './core/projection.ts';

type Db = Kysely<Database>;

/** The other communes of the commune's province, by name: where a dossier received here may be transferred. */
export function provinceCommunes(db: Db, communeId: string) {
  return db.selectFrom('communes as c')
    .select(['c.id', 'c.name'])
    .where('c.province', '=', (eb) => eb.selectFrom('communes as o').select('o.province').where('o.id', '=', communeId))
    .where('c.id', '<>', communeId)
    .orderBy('c.name').execute();
}

/** A commune of the same province as `communeId`, with its one-stop desk (the first unit receiving dossiers). */
export function competentCommune(db: Db, communeId: string, targetId: string) {
  return db.selectFrom('communes as c')
    .select(['c.id', 'c.name', (eb) => eb.selectFrom('units as u').select('u.code')
      .whereRef('u.commune_id', '=', 'c.id').where('u.receives_dossiers', '=', true).orderBy('u.id').limit(1).as('desk_code')])
    .where('c.id', '=', targetId)
    .where('c.province', '=', (eb) => eb.selectFrom('communes as o').select('o.province').where('o.id', '=', communeId))
    .executeTakeFirst();
}

/** Names of communes, for the pages. */
export async function communeNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('communes').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Paper sent: one open parcel per dossier (the unique index refuses a second one). */
export async function recordPapersSent(trx: Db, v: {
  dossierId: string; direction: PapersDirection; fromCommuneId: string; toCommuneId: string; papers: string; carrier: string; at: Date; staffId: number;
}): Promise<void> {
  await trx.insertInto('dossier_paper_transfers').values({
    dossier_id: v.dossierId, kind: v.direction === 'to_competent' ? 'originals' : 'result',
    from_commune_id: v.fromCommuneId, to_commune_id: v.toCommuneId, papers: v.papers, carrier: v.carrier, sent_at: v.at, sent_by: v.staffId,
  }).execute();
}

/** The open parcel of the dossier, received now by the staff member. */
export async function recordPapersReceived(trx: Db, dossierId: string, at: Date, staffId: number): Promise<void> {
  await trx.updateTable('dossier_paper_transfers').set({ received_at: at, received_by: staffId })
    .where('dossier_id', '=', dossierId).where('received_at', 'is', null).execute();
}

/** Every parcel of a dossier, oldest first, with who sent and received it. */
export function papersOf(db: Db, dossierId: string) {
  return db.selectFrom('dossier_paper_transfers as p')
    .innerJoin('staff as s', 's.id', 'p.sent_by')
    .leftJoin('staff as r', 'r.id', 'p.received_by')
    .select(['p.id', 'p.kind', 'p.from_commune_id', 'p.to_commune_id', 'p.papers', 'p.carrier', 'p.sent_at', 's.full_name as sent_by_name',
      'p.received_at', 'r.full_name as received_by_name'])
    .where('p.dossier_id', '=', dossierId).orderBy('p.id').execute();
}

/** Paper on its way to the commune's desk (partial index dossier_paper_transfers_incoming). */
export function incomingPapers(db: Db, communeId: string, limit = 100) {
  return db.selectFrom('dossier_paper_transfers as p')
    .innerJoin('dossiers as d', 'd.id', 'p.dossier_id')
    .select(['p.dossier_id', 'p.kind', 'p.from_commune_id', 'p.papers', 'p.carrier', 'p.sent_at', 'd.code', 'd.procedure_code'])
    .where('p.to_commune_id', '=', communeId).where('p.received_at', 'is', null)
    .orderBy('p.sent_at').limit(limit).execute();
}

/** The dossiers the commune received and transferred to another commune, most urgent first (index
 *  dossiers_received_for_others): the progress the receiving centre follows. */
export function receivedForOthers(db: Db, communeId: string, limit = 200) {
  return db.selectFrom('dossiers as d')
    .select(['d.id', 'd.code', 'd.procedure_code', 'd.commune_id', 'd.state', 'd.due_at', 'd.applicant_name', 'd.received_at'])
    .where('d.receiving_commune_id', '=', communeId).where('d.commune_id', '<>', communeId)
    .orderBy('d.state').orderBy('d.due_at').orderBy('d.id').limit(limit).execute();
}

/** Whether any dossier was transferred to another commune (the demo adds its cross-commune dossiers once). */
export async function anyTransferred(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('dossiers').select('id').whereRef('receiving_commune_id', '<>', 'commune_id').limit(1).executeTakeFirst());
}
