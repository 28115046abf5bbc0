// SQL edge of petitions (phản ánh, kiến nghị): rows, the append-only step log, reactions, and what filing and
// assigning look up (the commune, a dossier by its code, the commune's units and staff). Every read is scoped to a
// commune (and, for specialists, to their unit) by the caller (service.ts).
import crypto from 'node:crypto';
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PetitionFacts } from './core/petition.ts';
import type { PetitionEventType, PetitionsTable, Reaction } from './tables.ts';

type Db = Kysely<Database>;
export type PetitionRow = Selectable<PetitionsTable> & { likes: number; dislikes: number };

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no 0/O, 1/I: read aloud over the phone

/** A reference the petitioner can quote, e.g. PAKN-2026-7KQ2MX. */
export function newReference(now: Date): string {
  const bytes = crypto.randomBytes(6);
  return `PAKN-${now.getUTCFullYear()}-${[...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('')}`;
}

const withCounts = (db: Db) =>
  db.selectFrom('petitions as p').selectAll('p').select([
    sql<number>`(SELECT count(*)::int FROM petition_reactions r WHERE r.petition_id = p.id AND r.reaction = 'like')`.as('likes'),
    sql<number>`(SELECT count(*)::int FROM petition_reactions r WHERE r.petition_id = p.id AND r.reaction = 'dislike')`.as('dislikes'),
  ]);

export interface Scope { communeId: string; unitId?: number | null }

export async function findPetition(db: Db, scope: Scope, id: string, lock = false): Promise<PetitionRow | undefined> {
  let q = withCounts(db).where('p.id', '=', id).where('p.commune_id', '=', scope.communeId);
  if (scope.unitId !== undefined) q = q.where('p.unit_id', '=', scope.unitId);
  return (lock ? q.forUpdate() : q).executeTakeFirst();
}

export async function listPetitions(db: Db, scope: Scope, limit = 200): Promise<PetitionRow[]> {
  let q = withCounts(db).where('p.commune_id', '=', scope.communeId);
  if (scope.unitId !== undefined) q = q.where('p.unit_id', '=', scope.unitId);
  return q.orderBy('p.received_at', 'desc').limit(limit).execute();
}

export async function publishedPetitions(db: Db, communeId: string, limit = 50): Promise<PetitionRow[]> {
  return withCounts(db).where('p.commune_id', '=', communeId).where('p.published_at', 'is not', null)
    .orderBy('p.published_at', 'desc').limit(limit).execute();
}

/** Inserts a petition; its id and reference. */
export async function insertPetition(db: Db, values: Insertable<PetitionsTable>): Promise<{ id: string; reference: string }> {
  return db.insertInto('petitions').values(values).returning(['id', 'reference']).executeTakeFirstOrThrow();
}

/** Records a step's outcome on the petition's row. */
export async function updatePetition(db: Db, id: string, changes: Updateable<PetitionsTable>): Promise<void> {
  await db.updateTable('petitions').set(changes).where('id', '=', id).execute();
}

export async function logEvent(db: Db, petitionId: string, type: PetitionEventType, at: Date, actorId: number | null, note: string | null = null) {
  await db.insertInto('petition_events').values({ petition_id: petitionId, type, at, actor_id: actorId, note }).execute();
}

export async function eventsOf(db: Db, petitionId: string) {
  return db.selectFrom('petition_events as e').leftJoin('staff as s', 's.id', 'e.actor_id')
    .select(['e.type', 'e.at', 'e.note', 's.full_name as actorName']).where('e.petition_id', '=', petitionId).orderBy('e.id').execute();
}

/** Records the voter's reaction once; false if this voter already reacted to this answer. */
export async function addReaction(db: Db, petitionId: string, voterHash: string, reaction: Reaction, at: Date): Promise<boolean> {
  const r = await db.insertInto('petition_reactions').values({ petition_id: petitionId, voter_hash: voterHash, reaction, at })
    .onConflict((oc) => oc.doNothing()).returning('petition_id').executeTakeFirst();
  return !!r;
}

/** The facts the 5.2/5.3 rules judge, as known at `asOf` (steps and reactions after it are not yet taken). */
export async function petitionFactsOf(db: Db, communeId: string, start: Date, end: Date, asOf: Date): Promise<PetitionFacts[]> {
  const rows = await db.selectFrom('petitions as p')
    .select(['p.received_at', 'p.refused_at', 'p.asked_more_at', 'p.answered_at', 'p.published_at', 'p.repeated_dissatisfied',
      sql<number>`(SELECT count(*)::int FROM petition_reactions r WHERE r.petition_id = p.id AND r.reaction = 'like' AND r.at <= ${asOf})`.as('likes'),
      sql<number>`(SELECT count(*)::int FROM petition_reactions r WHERE r.petition_id = p.id AND r.reaction = 'dislike' AND r.at <= ${asOf})`.as('dislikes')])
    .where('p.commune_id', '=', communeId)
    .where('p.received_at', '<', end)
    // Received in the period, or received before it and still open at its start (not refused, not published).
    .where((eb) => eb.or([
      eb('p.received_at', '>=', start),
      eb.and([eb.or([eb('p.refused_at', 'is', null), eb('p.refused_at', '>=', start)]), eb.or([eb('p.published_at', 'is', null), eb('p.published_at', '>=', start)])]),
    ]))
    .execute();
  const seen = (d: Date | null) => (d && d <= asOf ? d : null);
  return rows.map((r) => ({
    receivedAt: r.received_at, refusedAt: seen(r.refused_at), askedMoreAt: seen(r.asked_more_at), answeredAt: seen(r.answered_at),
    publishedAt: seen(r.published_at), likes: r.likes, dislikes: r.dislikes, repeatedDissatisfied: r.repeated_dissatisfied,
  }));
}


/** The id of the commune's dossier with this code, if any (a petition about it is linked to it). */
export async function dossierIdByCode(db: Db, communeId: string, code: string): Promise<string | undefined> {
  return (await db.selectFrom('dossiers').select('id').where('code', '=', code).where('commune_id', '=', communeId).executeTakeFirst())?.id;
}

/** The commune's units by name (the unit a petition is assigned to). */
export async function unitsOfCommune(db: Db, communeId: string) {
  return db.selectFrom('units').select(['id', 'name']).where('commune_id', '=', communeId).orderBy('name').execute();
}

/** One unit of the commune, or undefined. */
export async function unitOfCommune(db: Db, communeId: string, unitId: number) {
  return db.selectFrom('units').select(['id', 'name']).where('id', '=', unitId).where('commune_id', '=', communeId).executeTakeFirst();
}

/** Whether this staff member is an active member of the unit. */
export async function activeInUnit(db: Db, staffId: number, unitId: number): Promise<boolean> {
  const r = await db.selectFrom('staff').select(['id']).where('id', '=', staffId).where('unit_id', '=', unitId).where('active', '=', true).executeTakeFirst();
  return r !== undefined;
}
