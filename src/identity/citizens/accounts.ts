// Citizens logged in with e-identity: who they are (citizens), their portal session (cookie `xaso_cid`, only its
// sha256 kept, like staff sessions), the login in progress (citizen_logins, used once), and what is theirs:
// dossiers whose applicant has their ID number or that they filed, and the drafts they started. The queries,
// each scoped to the one citizen, are in store.ts.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CitizenIdentity } from './core/claims.ts';
import type { PendingLogin } from './oidc.ts';
import {
  citizenBySession, deleteCitizenSession, deleteExpiredCitizenSessions, deleteExpiredLogins, dossiersOf, insertCitizenSession,
  insertDeskIdCheck, isDossierOf, linkDrafts as linkDraftRows, openDraftsOf, setDraftOwner, setFiledWithEid, takeLogin, upsertCitizen,
  upsertLogin,
} from './store.ts';

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
  await deleteExpiredLogins(db, now);
  await upsertLogin(db, {
    browser_hash: sha256(browserToken), state: p.state, nonce: p.nonce, code_verifier: p.codeVerifier, return_to: returnTo,
    expires_at: new Date(now.getTime() + LOGIN_MINUTES * 60_000),
  });
}

/** The browser's login in progress, removed as it is read: a callback can be used once. */
export async function takePendingLogin(db: Db, browserToken: string | undefined, now: Date): Promise<(PendingLogin & { returnTo: string }) | null> {
  if (!wellFormed(browserToken)) return null;
  const r = await takeLogin(db, sha256(browserToken));
  if (!r || r.expires_at < now) return null;
  return { state: r.state, nonce: r.nonce, codeVerifier: r.code_verifier, returnTo: r.return_to };
}

// ── Citizens and sessions ─────────────────────────────────────────────────────────────────────────────────

/** Records the citizen (first login) or refreshes what the issuer says about them; opens a session. */
export async function startCitizenSession(db: Db, who: CitizenIdentity, now: Date): Promise<{ token: string; citizenId: number }> {
  const citizenId = await upsertCitizen(db, who, now);
  await deleteExpiredCitizenSessions(db, now);
  const token = newCitizenToken();
  await insertCitizenSession(db, {
    tokenHash: sha256(token), citizenId, createdAt: now, expiresAt: new Date(now.getTime() + CITIZEN_SESSION_HOURS * 3600_000),
  });
  return { token, citizenId };
}

export async function citizenFromSession(db: Db, token: string | undefined, now: Date): Promise<Citizen | null> {
  if (!wellFormed(token)) return null;
  const r = await citizenBySession(db, sha256(token), now);
  return r ? { id: r.id, idNumber: r.id_number, name: r.full_name, birthdate: r.birth_date, level: r.assurance_level } : null;
}

export async function endCitizenSession(db: Db, token: string | undefined) {
  if (wellFormed(token)) await deleteCitizenSession(db, sha256(token));
}

// ── What is the citizen's ─────────────────────────────────────────────────────────────────────────────────

/** Links drafts to the citizen (those they start, and this browser's open ones when they log in). */
export async function linkDrafts(db: Db, citizenId: number, draftIds: string[]) {
  await linkDraftRows(db, citizenId, draftIds);
}

/**
 * A dossier filed online by a logged-in citizen: it carries the "authenticated with e-identity" flag
 * (TaiKhoanDuocXacThucVoiVNeID, QĐ 766 spec 4.5, domain.md §10) and its draft stays linked to the citizen.
 * Called inside the submission's transaction.
 */
export async function markFiledWithEid(trx: Db, dossierId: string, draftId: string, citizenId: number) {
  await setFiledWithEid(trx, dossierId);
  await linkDraftRows(trx, citizenId, [draftId]);
}

const MAX_LISTED = 100;
/** Drafts older than this are not listed (the 30-day rule of portal/drafts.ts). */
const DRAFT_DAYS = 30;
const MAX_DRAFTS = 20;

/** The citizen's dossiers: the applicant has their ID number, or they filed it while logged in. Newest first. */
export async function myDossiers(db: Db, c: Citizen) {
  return dossiersOf(db, c, MAX_LISTED);
}
export type MyDossier = Awaited<ReturnType<typeof myDossiers>>[number];

/** Whether the dossier is the citizen's (the same rule as myDossiers). */
export async function isMyDossier(db: Db, c: Citizen, dossierId: string): Promise<boolean> {
  return isDossierOf(db, c, dossierId);
}

/** The citizen's unsubmitted drafts (the 30-day rule of portal/drafts.ts applies). */
export async function myDrafts(db: Db, c: Citizen, now: Date) {
  return openDraftsOf(db, c.id, new Date(now.getTime() - DRAFT_DAYS * 86_400_000), MAX_DRAFTS);
}

/** Moves one of the citizen's drafts to this browser (its draft cookie), so it can be continued here. */
export async function adoptDraft(db: Db, c: Citizen, draftId: string, ownerHash: string): Promise<boolean> {
  return setDraftOwner(db, c.id, draftId, ownerHash);
}

/** Counter intake: the receiving officer checked the applicant's identity paper at the desk. */
export async function recordDeskIdCheck(trx: Db, dossierId: string, staffId: number, at: Date) {
  await insertDeskIdCheck(trx, dossierId, staffId, at);
}
