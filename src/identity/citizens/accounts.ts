// Citizens logged in with e-identity: who they are (citizens), their portal session (cookie `xaso_cid`, only its
// sha256 kept, like staff sessions), the login in progress (citizen_logins, used once), and what is theirs:
// dossiers whose applicant has their ID number or that they filed, and the drafts they started. Every query here
// is scoped to the one citizen.
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CitizenIdentity } from './core/claims.ts';
import type { PendingLogin } from './oidc.ts';

type Db = Kysely<Database>;

export const CITIZEN_COOKIE = 'xaso_cid';
export const LOGIN_COOKIE = 'xaso_oidc';
export const CITIZEN_SESSION_HOURS = 4;
export const LOGIN_MINUTES = 10;

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const newCitizenToken = () => crypto.randomBytes(32).toString('base64url');
const wellFormed = (token: string | undefined): token is string => !!token && /^[A-Za-z0-9_-]{43}$/.test(token);

export interface Citizen {
  id: number;
  idNumber: string;
  name: string;
  birthdate: string | null;
  level: number | null;
}

// ── The login in progress ─────────────────────────────────────────────────────────────────────────────────

export async function savePendingLogin(db: Db, browserToken: string, p: PendingLogin, returnTo: string, now: Date) {
  await db.deleteFrom('citizen_logins').where('expires_at', '<', now).execute();
  const row = {
    browser_hash: sha256(browserToken), state: p.state, nonce: p.nonce, code_verifier: p.codeVerifier, return_to: returnTo,
    expires_at: new Date(now.getTime() + LOGIN_MINUTES * 60_000),
  };
  await db.insertInto('citizen_logins').values(row)
    .onConflict((oc) => oc.column('browser_hash').doUpdateSet({ state: row.state, nonce: row.nonce, code_verifier: row.code_verifier, return_to: row.return_to, expires_at: row.expires_at }))
    .execute();
}

/** The browser's login in progress, removed as it is read: a callback can be used once. */
export async function takePendingLogin(db: Db, browserToken: string | undefined, now: Date): Promise<(PendingLogin & { returnTo: string }) | null> {
  if (!wellFormed(browserToken)) return null;
  const r = await db.deleteFrom('citizen_logins').where('browser_hash', '=', sha256(browserToken)).returningAll().executeTakeFirst();
  if (!r || r.expires_at < now) return null;
  return { state: r.state, nonce: r.nonce, codeVerifier: r.code_verifier, returnTo: r.return_to };
}

// ── Citizens and sessions ─────────────────────────────────────────────────────────────────────────────────

/** Records the citizen (first login) or refreshes what the issuer says about them; opens a session. */
export async function startCitizenSession(db: Db, who: CitizenIdentity, now: Date): Promise<{ token: string; citizenId: number }> {
  const values = { id_number: who.idNumber, full_name: who.name, birth_date: who.birthdate, assurance_level: who.level, last_login_at: now };
  const c = await db.insertInto('citizens')
    .values({ issuer: who.issuer, subject: who.subject, first_login_at: now, ...values })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('citizen_sessions').where('expires_at', '<', now).execute();
  const token = newCitizenToken();
  await db.insertInto('citizen_sessions')
    .values({ token_hash: sha256(token), citizen_id: c.id, created_at: now, expires_at: new Date(now.getTime() + CITIZEN_SESSION_HOURS * 3600_000) })
    .execute();
  return { token, citizenId: c.id };
}

export async function citizenFromSession(db: Db, token: string | undefined, now: Date): Promise<Citizen | null> {
  if (!wellFormed(token)) return null;
  const r = await db.selectFrom('citizen_sessions as s')
    .innerJoin('citizens as c', 'c.id', 's.citizen_id')
    .select(['c.id', 'c.id_number', 'c.full_name', 'c.birth_date', 'c.assurance_level'])
    .where('s.token_hash', '=', sha256(token))
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
  return r ? { id: r.id, idNumber: r.id_number, name: r.full_name, birthdate: r.birth_date, level: r.assurance_level } : null;
}

export async function endCitizenSession(db: Db, token: string | undefined) {
  if (wellFormed(token)) await db.deleteFrom('citizen_sessions').where('token_hash', '=', sha256(token)).execute();
}

// ── What is the citizen's ─────────────────────────────────────────────────────────────────────────────────

/** Links drafts to the citizen (those they start, and this browser's open ones when they log in). */
export async function linkDrafts(db: Db, citizenId: number, draftIds: string[]) {
  if (!draftIds.length) return;
  await db.insertInto('citizen_drafts').values(draftIds.map((d) => ({ draft_id: d, citizen_id: citizenId })))
    .onConflict((oc) => oc.column('draft_id').doNothing())
    .execute();
}

/**
 * A dossier filed online by a logged-in citizen: it carries the "authenticated with e-identity" flag
 * (TaiKhoanDuocXacThucVoiVNeID, QĐ 766 spec 4.5, domain.md §10) and its draft stays linked to the citizen.
 * Called inside the submission's transaction.
 */
export async function markFiledWithEid(trx: Db, dossierId: string, draftId: string, citizenId: number) {
  await trx.updateTable('dossiers').set({ authenticated_with_eid: true }).where('id', '=', dossierId).execute();
  await linkDrafts(trx, citizenId, [draftId]);
}

const MAX_LISTED = 100;

/** The citizen's dossiers: the applicant has their ID number, or they filed it while logged in. Newest first. */
export async function myDossiers(db: Db, c: Citizen) {
  const filed = db.selectFrom('drafts as d').innerJoin('citizen_drafts as cd', 'cd.draft_id', 'd.id')
    .select('d.submitted_dossier_id').where('cd.citizen_id', '=', c.id).where('d.submitted_dossier_id', 'is not', null);
  return db.selectFrom('dossiers as x')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'x.procedure_code').onRef('p.version', '=', 'x.procedure_version'))
    .select(['x.id', 'x.code', 'x.state', 'x.channel', 'x.submitted_at', 'x.due_at', 'x.finished_at', 'p.name as procedure_name'])
    .where((eb) => eb.or([eb('x.applicant_id_number', '=', c.idNumber), eb('x.id', 'in', filed as never)]))
    .orderBy(sql`x.submitted_at desc nulls last`)
    .orderBy('x.id')
    .limit(MAX_LISTED)
    .execute();
}
export type MyDossier = Awaited<ReturnType<typeof myDossiers>>[number];

/** Whether the dossier is the citizen's (the same rule as myDossiers). */
export async function isMyDossier(db: Db, c: Citizen, dossierId: string): Promise<boolean> {
  const r = await db.selectFrom('dossiers as x').select('x.id').where('x.id', '=', dossierId)
    .where((eb) => eb.or([
      eb('x.applicant_id_number', '=', c.idNumber),
      eb.exists(db.selectFrom('drafts as d').innerJoin('citizen_drafts as cd', 'cd.draft_id', 'd.id').select('d.id')
        .where('cd.citizen_id', '=', c.id).where(sql<boolean>`d.submitted_dossier_id = x.id`)),
    ]))
    .executeTakeFirst();
  return !!r;
}

/** The citizen's unsubmitted drafts (the 30-day rule of portal/drafts.ts applies). */
export async function myDrafts(db: Db, c: Citizen, now: Date) {
  return db.selectFrom('drafts as d').innerJoin('citizen_drafts as cd', 'cd.draft_id', 'd.id')
    .leftJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code'))
    .select(['d.id', 'd.procedure_code', 'd.updated_at', sql<string | null>`max(p.name)`.as('procedure_name')])
    .where('cd.citizen_id', '=', c.id)
    .where('d.submitted_dossier_id', 'is', null)
    .where('d.updated_at', '>=', new Date(now.getTime() - 30 * 86_400_000))
    .groupBy(['d.id', 'd.procedure_code', 'd.updated_at'])
    .orderBy('d.updated_at', 'desc')
    .limit(20)
    .execute();
}

/** Moves one of the citizen's drafts to this browser (its draft cookie), so it can be continued here. */
export async function adoptDraft(db: Db, c: Citizen, draftId: string, ownerHash: string): Promise<boolean> {
  const r = await db.updateTable('drafts').set({ owner_hash: ownerHash })
    .where('id', '=', draftId).where('submitted_dossier_id', 'is', null)
    .where('id', 'in', db.selectFrom('citizen_drafts').select('draft_id').where('citizen_id', '=', c.id))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Counter intake: the receiving officer checked the applicant's identity paper at the desk. */
export async function recordDeskIdCheck(trx: Db, dossierId: string, staffId: number, at: Date) {
  await trx.insertInto('desk_id_checks').values({ dossier_id: dossierId, checked_by: staffId, checked_at: at })
    .onConflict((oc) => oc.column('dossier_id').doNothing()).execute();
}
