// Citizens logged in with e-identity: SQL edge. Their records (citizens), portal sessions and logins in progress
// (keyed by the sha256 of the browser's token; the service hashes it, accounts.ts), and what is theirs: dossiers
// whose applicant has their ID number or that they filed with e-identity, and the drafts they started. Every query
// of what is theirs is scoped to the one citizen. Also the identity recorded with a dossier: who filed it with
// e-identity (eid_filings) and why a counter dossier has no ID number (desk_id_waivers).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CitizenIdentity } from './core/claims.ts';

type Db = Kysely<Database>;

/** The columns of a citizen that the queries below are scoped by. */
interface Owner {
  id: number;
  idNumber: string;
}

// ── The login in progress ─────────────────────────────────────────────────────────────────────────────────

export interface LoginRow {
  browser_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
  expires_at: Date;
}

/** Removes the logins in progress that ended before `now`. */
/** Deletes the logins in progress that expired before `now`; returns how many. */
export async function deleteExpiredLogins(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('citizen_logins').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Records the browser's login in progress, replacing one it had. */
export async function upsertLogin(db: Db, row: LoginRow): Promise<void> {
  await db.insertInto('citizen_logins').values(row)
    .onConflict((oc) => oc.column('browser_hash').doUpdateSet({ state: row.state, nonce: row.nonce, code_verifier: row.code_verifier, return_to: row.return_to, expires_at: row.expires_at }))
    .execute();
}

/** Removes and returns the browser's login in progress (expired or not), if any. */
export function takeLogin(db: Db, browserHash: string) {
  return db.deleteFrom('citizen_logins').where('browser_hash', '=', browserHash).returningAll().executeTakeFirst();
}

// ── Citizens and sessions ─────────────────────────────────────────────────────────────────────────────────

/** Records a citizen (first login) or refreshes what the issuer says about them; returns their id. */
export async function upsertCitizen(db: Db, who: CitizenIdentity, now: Date): Promise<number> {
  const values = { id_number: who.idNumber, full_name: who.name, birth_date: who.birthdate, assurance_level: who.level, last_login_at: now };
  const c = await db.insertInto('citizens')
    .values({ issuer: who.issuer, subject: who.subject, first_login_at: now, ...values })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  return c.id;
}

/** Removes the citizen sessions that ended before `now`. */
/** Deletes the sessions that expired before `now`; returns how many. */
export async function deleteExpiredCitizenSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('citizen_sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function insertCitizenSession(db: Db, s: { tokenHash: string; citizenId: number; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db.insertInto('citizen_sessions')
    .values({ token_hash: s.tokenHash, citizen_id: s.citizenId, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

/** The citizen of a session still open at `now`, if any. */
export function citizenBySession(db: Db, tokenHash: string, now: Date) {
  return db.selectFrom('citizen_sessions as s')
    .innerJoin('citizens as c', 'c.id', 's.citizen_id')
    .select(['c.id', 'c.id_number', 'c.full_name', 'c.birth_date', 'c.assurance_level'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

export async function deleteCitizenSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('citizen_sessions').where('token_hash', '=', tokenHash).execute();
}

// ── What is the citizen's ─────────────────────────────────────────────────────────────────────────────────

/** Links drafts to the citizen (a draft already linked keeps its citizen). */
export async function linkDrafts(db: Db, citizenId: number, draftIds: string[]): Promise<void> {
  if (!draftIds.length) return;
  await db.insertInto('citizen_drafts').values(draftIds.map((d) => ({ draft_id: d, citizen_id: citizenId })))
    .onConflict((oc) => oc.column('draft_id').doNothing())
    .execute();
}

/** The citizen a draft is linked to, if any. */
export async function draftCitizen(db: Db, draftId: string): Promise<number | null> {
  const r = await db.selectFrom('citizen_drafts').select('citizen_id').where('draft_id', '=', draftId).executeTakeFirst();
  return r ? Number(r.citizen_id) : null;
}

/** A draft's answers (its JSON data), for the filing recorded with the dossier it becomes. */
export async function draftData(db: Db, draftId: string): Promise<unknown> {
  return (await db.selectFrom('drafts').select('data').where('id', '=', draftId).executeTakeFirst())?.data ?? null;
}

/** Flags a dossier as filed by a citizen authenticated with e-identity, and records who (once per dossier). */
export async function setFiledWithEid(
  db: Db, f: { dossierId: string; citizenId: number; name: string; idNumber: string; onBehalf: boolean },
): Promise<void> {
  await db.updateTable('dossiers').set({ authenticated_with_eid: true }).where('id', '=', f.dossierId).execute();
  await db.insertInto('eid_filings')
    .values({ dossier_id: f.dossierId, citizen_id: f.citizenId, full_name: f.name, id_number: f.idNumber, on_behalf: f.onBehalf })
    .onConflict((oc) => oc.column('dossier_id').doNothing()).execute();
}

/** Who filed a dossier with e-identity, if anyone. */
export function eidFiling(db: Db, dossierId: string) {
  return db.selectFrom('eid_filings').select(['citizen_id', 'full_name', 'id_number', 'on_behalf'])
    .where('dossier_id', '=', dossierId).executeTakeFirst();
}

/** The citizen's dossiers: the applicant has their ID number, or they filed it with e-identity. Newest first. */
export function dossiersOf(db: Db, c: Owner, limit: number) {
  const filed = db.selectFrom('eid_filings as f').select('f.dossier_id').where('f.citizen_id', '=', c.id);
  return db.selectFrom('dossiers as x')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'x.procedure_code').onRef('p.version', '=', 'x.procedure_version'))
    .select(['x.id', 'x.code', 'x.reference', 'x.state', 'x.channel', 'x.submitted_at', 'x.due_at', 'x.finished_at', 'p.name as procedure_name'])
    .where((eb) => eb.or([eb('x.applicant_id_number', '=', c.idNumber), eb('x.id', 'in', filed as never)]))
    .orderBy(sql`x.submitted_at desc nulls last`)
    .orderBy('x.id')
    .limit(limit)
    .execute();
}

/** Whether the dossier is the citizen's (the same rule as dossiersOf). */
export async function isDossierOf(db: Db, c: Owner, dossierId: string): Promise<boolean> {
  const r = await db.selectFrom('dossiers as x').select('x.id').where('x.id', '=', dossierId)
    .where((eb) => eb.or([
      eb('x.applicant_id_number', '=', c.idNumber),
      eb.exists(db.selectFrom('eid_filings as f').select('f.dossier_id')
        .where('f.citizen_id', '=', c.id).where(sql<boolean>`f.dossier_id = x.id`)),
    ]))
    .executeTakeFirst();
  return !!r;
}

/** The citizen's unsubmitted drafts updated at `since` or later, newest first. */
export function openDraftsOf(db: Db, citizenId: number, since: Date, limit: number) {
  return db.selectFrom('drafts as d').innerJoin('citizen_drafts as cd', 'cd.draft_id', 'd.id')
    .leftJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code'))
    .select(['d.id', 'd.procedure_code', 'd.updated_at', sql<string | null>`max(p.name)`.as('procedure_name')])
    .where('cd.citizen_id', '=', citizenId)
    .where('d.submitted_dossier_id', 'is', null)
    .where('d.updated_at', '>=', since)
    .groupBy(['d.id', 'd.procedure_code', 'd.updated_at'])
    .orderBy('d.updated_at', 'desc')
    .limit(limit)
    .execute();
}

/** Gives one of the citizen's unsubmitted drafts a new owner (a browser's draft cookie); true if it was theirs. */
export async function setDraftOwner(db: Db, citizenId: number, draftId: string, ownerHash: string): Promise<boolean> {
  const r = await db.updateTable('drafts').set({ owner_hash: ownerHash })
    .where('id', '=', draftId).where('submitted_dossier_id', 'is', null)
    .where('id', 'in', db.selectFrom('citizen_drafts').select('draft_id').where('citizen_id', '=', citizenId))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Records that the applicant's identity paper was checked at the desk (once per dossier). */
export async function insertDeskIdCheck(db: Db, dossierId: string, staffId: number, at: Date): Promise<void> {
  await db.insertInto('desk_id_checks').values({ dossier_id: dossierId, checked_by: staffId, checked_at: at })
    .onConflict((oc) => oc.column('dossier_id').doNothing()).execute();
}

/** Records why a counter dossier was received without the applicant's ID number. */
export async function insertDeskIdWaiver(
  db: Db, w: { dossierId: string; reason: string; detail: string | null; staffId: number; at: Date },
): Promise<void> {
  await db.insertInto('desk_id_waivers')
    .values({ dossier_id: w.dossierId, reason: w.reason, detail: w.detail, recorded_by: w.staffId, recorded_at: w.at })
    .onConflict((oc) => oc.column('dossier_id').doNothing()).execute();
}

/** Why a counter dossier has no ID number, if it was recorded. */
export function deskIdWaiver(db: Db, dossierId: string) {
  return db.selectFrom('desk_id_waivers').select(['reason', 'detail', 'recorded_by', 'recorded_at'])
    .where('dossier_id', '=', dossierId).executeTakeFirst();
}
