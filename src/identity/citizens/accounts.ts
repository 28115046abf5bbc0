// Citizens logged in with e-identity: who they are (citizens), their portal session (cookie `xaso_cid`, only its
// sha256 kept, like staff sessions), the login in progress (citizen_logins, used once), and what is theirs:
// dossiers whose applicant has their ID number or that they filed with e-identity, and the drafts they started.
// Also the identity recorded with a dossier at filing (eid_filings) and at the counter (desk ID checks and the
// reasons for a missing ID number). The queries, each scoped to the one citizen, are in store.ts.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CitizenIdentity } from './core/claims.ts';
import { ID_WAIVER_REASONS, type IdWaiver, type IdWaiverReason } from './core/desk-id.ts';
import { eidFilingOf, type EidFiling, type FilingData } from './core/filing.ts';
import type { PendingLogin } from './oidc.ts';
import {
  citizenBySession, deleteCitizenSession, deleteExpiredCitizenSessions, deleteExpiredLogins, deskIdWaiver, dossiersOf, draftCitizen,
  draftData, eidFiling, insertCitizenSession, insertDeskIdCheck, insertDeskIdWaiver, isDossierOf, linkDrafts as linkDraftRows,
  openDraftsOf, setDraftOwner, setFiledWithEid, takeLogin, upsertCitizen, upsertLogin,
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

/** The citizen a draft is linked to ("Hồ sơ của tôi"), or null. */
export async function draftHolder(db: Db, draftId: string): Promise<number | null> {
  return draftCitizen(db, draftId);
}

/**
 * A dossier filed online by a logged-in citizen (called inside the submission's transaction, with the draft it
 * comes from). Only when the draft's filer is this citizen (core/filing.ts eidFilingOf: the applicant step was
 * saved by them, for themselves or, nộp thay, for someone else) does the dossier carry the "authenticated with
 * e-identity" flag (TaiKhoanDuocXacThucVoiVNeID, QĐ 766 spec 4.5, domain.md §10) and the filing (eid_filings: who,
 * and whether as an authorised person), which puts it in their "Hồ sơ của tôi"; the draft stays linked to them.
 * Returns what was recorded, or null when nothing was (another citizen's draft, or one saved without logging in).
 */
export async function markFiledWithEid(trx: Db, dossierId: string, draftId: string, citizenId: number): Promise<EidFiling | null> {
  const f = eidFilingOf(((await draftData(trx, draftId)) ?? {}) as FilingData, citizenId);
  if (!f) return null;
  await setFiledWithEid(trx, { dossierId, ...f });
  await linkDraftRows(trx, citizenId, [draftId]);
  return f;
}

/**
 * A dossier filed online for themselves by a logged-in citizen without a draft (the public API: the caller checked
 * that the applicant is this citizen). The same flag and filing as markFiledWithEid; null when the applicant is
 * not the citizen (nothing recorded).
 */
export async function markFiledByCitizen(trx: Db, dossierId: string, c: Citizen, applicant: { name: string; idNumber: string }): Promise<EidFiling | null> {
  const f = eidFilingOf({ applicant, onBehalf: false, filer: { citizenId: c.id, name: c.name, idNumber: c.idNumber } }, c.id);
  if (!f) return null;
  await setFiledWithEid(trx, { dossierId, ...f });
  return f;
}

/** Who filed a dossier with e-identity (for the receipt's authorised person and the staff pages), or null. */
export async function eidFilingOfDossier(db: Db, dossierId: string): Promise<EidFiling | null> {
  const r = await eidFiling(db, dossierId);
  return r ? { citizenId: Number(r.citizen_id), name: r.full_name, idNumber: r.id_number, onBehalf: r.on_behalf } : null;
}

const MAX_LISTED = 100;
/** Drafts older than this are not listed (the 30-day rule of portal/drafts.ts). */
const DRAFT_DAYS = 30;
const MAX_DRAFTS = 20;

/** The citizen's dossiers: the applicant has their ID number, or they filed it with e-identity. Newest first. */
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

/** Counter intake without the applicant's ID number: why, as the receiving officer recorded it (core/desk-id.ts). */
export async function recordDeskIdWaiver(trx: Db, dossierId: string, w: IdWaiver, staffId: number, at: Date) {
  await insertDeskIdWaiver(trx, { dossierId, reason: w.reason, detail: w.detail, staffId, at });
}

/** The recorded reason a counter dossier has no ID number, with its label, or null. */
export async function deskIdWaiverOf(db: Db, dossierId: string) {
  const r = await deskIdWaiver(db, dossierId);
  if (!r) return null;
  const reason = r.reason as IdWaiverReason;
  return { reason, label: ID_WAIVER_REASONS[reason], detail: r.detail, recordedBy: Number(r.recorded_by), recordedAt: r.recorded_at };
}
