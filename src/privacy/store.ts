// SQL of the personal-data area: the citizen's requests and their append-only history, and what the commune holds
// about one citizen (every query scoped in SQL to that citizen: their ID number or the dossiers they filed).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { RequestAction, RequestKind, RequestStatus } from './core/request.ts';

type Db = Kysely<Database>;
export interface Owner { id: number; idNumber: string }

// ── Requests ──────────────────────────────────────────────────────────────────────────────────────────────

export interface NewRequest {
  communeId: string; citizenId: number; kind: RequestKind; item: string | null; wrongValue: string | null;
  rightValue: string | null; detail: string | null; receivedAt: Date; dueAt: Date;
  /** The item of the citizen's data store the request is about (a correction or deletion, 038). */
  storeItemId?: number | null;
}

export async function insertRequest(db: Db, r: NewRequest): Promise<string> {
  const row = await db.insertInto('privacy_requests').values({
    commune_id: r.communeId, citizen_id: r.citizenId, kind: r.kind, item: r.item, wrong_value: r.wrongValue,
    right_value: r.rightValue, detail: r.detail, status: 'received', received_at: r.receivedAt, due_at: r.dueAt,
    store_item_id: r.storeItemId ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function appendEvent(db: Db, e: {
  requestId: string; at: Date; action: RequestAction; toStatus: RequestStatus; actorKind: 'citizen' | 'staff';
  actorId: number; actorName: string; text: string | null;
}): Promise<void> {
  await db.insertInto('privacy_request_events').values({
    request_id: e.requestId, at: e.at, action: e.action, to_status: e.toStatus, actor_kind: e.actorKind,
    actor_id: e.actorId, actor_name: e.actorName, text: e.text,
    seq: sql<number>`(SELECT coalesce(max(seq), 0) + 1 FROM privacy_request_events WHERE request_id = ${e.requestId})`,
  }).execute();
}

/** Records the answer, only while the request is still open (false: someone answered first). */
export async function setAnswer(db: Db, id: string, a: { status: RequestStatus; at: Date; answer: string; staffId: number }): Promise<boolean> {
  const r = await db.updateTable('privacy_requests')
    .set({ status: a.status, answered_at: a.at, answer: a.answer, answered_by: a.staffId })
    .where('id', '=', id).where('status', '=', 'received').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

const REQUEST_COLUMNS = [
  'r.id', 'r.commune_id', 'r.citizen_id', 'r.kind', 'r.item', 'r.wrong_value', 'r.right_value', 'r.detail', 'r.status',
  'r.received_at', 'r.due_at', 'r.answered_at', 'r.answer', 'r.store_item_id',
] as const;

/** One request of a commune (staff), locked for the answer when `lock`, with the citizen's name. */
export async function requestOfCommune(db: Db, communeId: string, id: string, lock = false) {
  let q = db.selectFrom('privacy_requests as r').innerJoin('citizens as c', 'c.id', 'r.citizen_id')
    .leftJoin('staff as s', 's.id', 'r.answered_by')
    .select([...REQUEST_COLUMNS, 'c.full_name as citizen_name', 'c.id_number as citizen_id_number', 'c.birth_date as citizen_birth_date', 's.full_name as answered_by_name'])
    .where('r.id', '=', id).where('r.commune_id', '=', communeId);
  if (lock) q = q.forUpdate('r');
  return q.executeTakeFirst();
}
export type StaffRequestRow = NonNullable<Awaited<ReturnType<typeof requestOfCommune>>>;

/** The commune's requests: open ones first by due time, then the answered ones, newest first (index privacy_requests_commune). */
export function requestsOfCommune(db: Db, communeId: string, limit = 200) {
  return db.selectFrom('privacy_requests as r').innerJoin('citizens as c', 'c.id', 'r.citizen_id')
    .select([...REQUEST_COLUMNS, 'c.full_name as citizen_name'])
    .where('r.commune_id', '=', communeId)
    .orderBy(sql`r.status = 'received' desc`).orderBy('r.due_at').orderBy('r.id')
    .limit(limit).execute();
}

export function requestsOfCitizen(db: Db, citizenId: number) {
  return db.selectFrom('privacy_requests as r').leftJoin('store_items as i', 'i.id', 'r.store_item_id')
    .select([...REQUEST_COLUMNS, 'i.type_name as store_item_name'])
    .where('r.citizen_id', '=', citizenId).orderBy('r.received_at', 'desc').limit(100).execute();
}

/** The citizen's requests about one item of their store, newest first. */
export function requestsOfItem(db: Db, citizenId: number, storeItemId: number) {
  return db.selectFrom('privacy_requests as r').select([...REQUEST_COLUMNS])
    .where('r.citizen_id', '=', citizenId).where('r.store_item_id', '=', storeItemId)
    .orderBy('r.received_at', 'desc').limit(20).execute();
}

/** The store item a request is about, as the answering staff read it (never the owner's ID number), locked when
 *  `lock` (the answer that deletes it). */
export function storeItemOfRequest(db: Db, communeId: string, storeItemId: number, lock = false) {
  let q = db.selectFrom('store_items as i').leftJoin('dossiers as d', 'd.id', 'i.source_dossier_id')
    .select(['i.id', 'i.kind', 'i.type_name', 'i.issuer', 'i.number_symbol', 'i.valid_from', 'i.valid_to', 'i.file_name', 'i.legal_record',
      'i.status', 'i.status_reason', 'i.source_component_code', 'd.code as dossier_code', 'd.id as dossier_id'])
    .where('i.id', '=', storeItemId).where('i.source_commune_id', '=', communeId);
  if (lock) q = q.forUpdate('i');
  return q.executeTakeFirst();
}

export function eventsOf(db: Db, requestId: string) {
  return db.selectFrom('privacy_request_events').select(['seq', 'at', 'action', 'to_status', 'actor_kind', 'actor_name', 'text'])
    .where('request_id', '=', requestId).orderBy('seq').execute();
}

// ── What is held about one citizen ────────────────────────────────────────────────────────────────────────

export function citizenRow(db: Db, citizenId: number) {
  return db.selectFrom('citizens').select(['id', 'id_number', 'full_name', 'birth_date', 'assurance_level', 'first_login_at', 'last_login_at'])
    .where('id', '=', citizenId).executeTakeFirst();
}

/** The citizen's dossiers (the applicant has their ID number, or they filed it with e-identity), with whether they
 *  are the applicant; the applicant's data only for their own. */
export function dossiersHeld(db: Db, c: Owner) {
  return db.selectFrom('dossiers as x')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'x.procedure_code').onRef('p.version', '=', 'x.procedure_version'))
    .leftJoin('eid_filings as f', (j) => j.onRef('f.dossier_id', '=', 'x.id').on('f.citizen_id', '=', c.id))
    .select([
      'x.id', 'x.code', 'x.reference', 'x.state', 'x.channel', 'x.submitted_at', 'x.received_at', 'x.finished_at', 'p.name as procedure_name',
      sql<boolean>`x.applicant_id_number IS NOT DISTINCT FROM ${c.idNumber}`.as('is_applicant'),
      sql<string | null>`CASE WHEN x.applicant_id_number = ${c.idNumber} THEN x.applicant_name END`.as('applicant_name'),
      sql<Record<string, unknown> | null>`CASE WHEN x.applicant_id_number = ${c.idNumber} THEN x.applicant END`.as('applicant'),
      'f.full_name as filer_name', 'f.on_behalf',
    ])
    .where((eb) => eb.or([eb('x.applicant_id_number', '=', c.idNumber), eb('f.citizen_id', '=', c.id)]))
    .orderBy(sql`x.submitted_at desc nulls last`).orderBy('x.id')
    .limit(200).execute();
}

/** The dossiers whose applicant is the citizen (as a subquery). */
const ownDossiers = (db: Db, c: Owner) => db.selectFrom('dossiers as o').select('o.id').where('o.applicant_id_number', '=', c.idNumber);

export function draftsHeld(db: Db, citizenId: number) {
  return db.selectFrom('drafts as d').innerJoin('citizen_drafts as cd', 'cd.draft_id', 'd.id')
    .select(['d.id', 'd.procedure_code', 'd.created_at', 'd.updated_at'])
    .where('cd.citizen_id', '=', citizenId).where('d.submitted_dossier_id', 'is', null)
    .orderBy('d.updated_at', 'desc').limit(100).execute();
}

export function paymentsHeld(db: Db, c: Owner) {
  return db.selectFrom('payment_orders as o').innerJoin('dossiers as x', 'x.id', 'o.dossier_id')
    .select(['o.ref', 'x.code', 'x.reference', 'o.purpose', 'o.method', 'o.amount_vnd', 'o.created_at',
      sql<string | null>`(SELECT e.kind FROM payment_entries e WHERE e.order_ref = o.ref ORDER BY e.at DESC, e.id DESC LIMIT 1)`.as('last_entry')])
    .where('o.dossier_id', 'in', ownDossiers(db, c))
    .orderBy('o.created_at', 'desc').limit(200).execute();
}

export function ratingsHeld(db: Db, c: Owner) {
  return db.selectFrom('ratings as r').innerJoin('dossiers as x', 'x.id', 'r.dossier_id')
    .select(['x.code', 'x.reference', 'r.overall', 'r.comment', 'r.channel', 'r.created_at'])
    .where('r.dossier_id', 'in', ownDossiers(db, c)).orderBy('r.created_at', 'desc').limit(200).execute();
}

/** Petitions about the citizen's own dossiers that carry their name as the petitioner. */
export function petitionsHeld(db: Db, c: Owner & { name: string }) {
  return db.selectFrom('petitions as p')
    .select(['p.reference', 'p.content', 'p.petitioner_name', 'p.petitioner_contact', 'p.received_at', 'p.answered_at'])
    .where('p.dossier_id', 'in', ownDossiers(db, c))
    .where(sql<boolean>`lower(p.petitioner_name) = lower(${c.name})`)
    .orderBy('p.received_at', 'desc').limit(100).execute();
}

/**
 * Who was shown the citizen's personal data (access_log): on dossiers where they are the applicant, every entry; on
 * dossiers they filed for someone else, only the showings of their own ID number as the authorised person. The
 * staff member's name and title when the actor is staff; never another citizen's data.
 */
export function accessHeld(db: Db, c: Owner) {
  return db.selectFrom('access_log as a').innerJoin('dossiers as x', 'x.id', 'a.dossier_id')
    .leftJoin('staff as s', (j) => j.on(sql<boolean>`a.actor = 'staff:' || s.id::text`))
    .select(['a.at', 'a.action', 'a.actor', 'x.code', 'x.reference', 's.full_name as staff_name', 's.title as staff_title', 's.roles as staff_roles'])
    .where((eb) => eb.or([
      eb('x.applicant_id_number', '=', c.idNumber),
      eb.and([
        eb.exists(db.selectFrom('eid_filings as f').select('f.dossier_id').where('f.citizen_id', '=', c.id).where(sql<boolean>`f.dossier_id = x.id`)),
        eb(sql`a.detail->>'authorisedPerson'`, '=', 'true'),
      ]),
    ]))
    .orderBy('a.id', 'desc').limit(500).execute();
}
