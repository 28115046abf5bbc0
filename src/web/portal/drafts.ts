// Drafts of online submissions (table drafts, draft_files): kept so that an interrupted submission can be resumed
// from the same browser. The browser holds a random token in the cookie `xaso_draft`; the table keeps only its
// sha256 (owner_hash), so a database reader cannot take over a draft. Unsubmitted drafts are deleted 30 days after
// their last change (personal data is not kept longer than needed, domain.md §9). A submitted draft stays, linked
// by submitted_dossier_id: it is the guard that makes submitting idempotent. The e-form answers go with the dossier
// as its declaration (dossier_answers, src/dossiers/declaration.ts). Queries in src/dossiers/drafts-store.ts.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../http/deps.ts';
import { procedureAt } from '../../catalogue/store.ts';
import { createDossier } from '../../dossiers/service.ts';
import { attachFile, putFile, type AcceptedType } from '../../dossiers/uploads.ts';
import {
  countDraftFiles, deleteDraftFile, deleteStaleDrafts, draftFiles, draftRow, insertDraft, insertDraftFile, lockDraft,
  markSubmitted, openDraftRows, setDraftData, touchDraft, type DraftRow,
} from '../../dossiers/drafts-store.ts';
import { notFound } from '../../http/problem.ts';
import { effectiveForm, missing, type DraftData, type Problem } from './eform.ts';
import { setCookie } from './common.ts';
import { markFiledWithEid } from '../../identity/citizens/accounts.ts';
import { recordPrefillUse } from '../../registries/use.ts';
import { filingProblem } from '../../identity/citizens/core/filing.ts';
import { onlineIdentityOf, type ProcedureVersionInput } from '../../catalogue/core/types.ts';
import { vnDate } from '../../calendar/core/index.ts';
import type { Component } from '../../catalogue/core/types.ts';
import { setDraftStoreFile } from '../../datastore/lookup-store.ts';
import { attachItem, usableItem } from '../../datastore/reuse.ts';
import type { StoreItemRow } from '../../datastore/store.ts';
import { Problem as HttpProblem } from '../../http/problem.ts';

export { draftFiles, type DraftFile } from '../../dossiers/drafts-store.ts';

type Db = Deps['db'];

export const DRAFT_COOKIE = 'xaso_draft';
export const KEEP_DAYS = 30;
const MAX_FILES_PER_DRAFT = 40;

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** The owner hash of this browser's drafts, or null when it has none. */
export function draftOwner(req: FastifyRequest): string | null {
  const token = req.cookies?.[DRAFT_COOKIE];
  return token && /^[A-Za-z0-9_-]{43}$/.test(token) ? hash(token) : null;
}

/** The owner hash, creating the cookie (a fresh random token) on first use. */
export function ensureDraftOwner(req: FastifyRequest, reply: FastifyReply): string {
  const known = draftOwner(req);
  const token = known ? req.cookies[DRAFT_COOKIE]! : crypto.randomBytes(32).toString('base64url');
  setCookie(req, reply, DRAFT_COOKIE, token, KEEP_DAYS * 86_400); // renewed on each new draft
  return hash(token);
}

export interface Draft {
  id: string;
  communeId: string;
  procedureCode: string;
  data: DraftData;
  submittedDossierId: string | null;
  updatedAt: Date;
}

const toDraft = (r: DraftRow): Draft => ({
  id: r.id, communeId: r.commune_id, procedureCode: r.procedure_code, data: (r.data ?? {}) as DraftData,
  submittedDossierId: r.submitted_dossier_id, updatedAt: r.updated_at,
});

const cutoff = (now: Date) => new Date(now.getTime() - KEEP_DAYS * 86_400_000);

export async function createDraft(db: Db, owner: string, communeId: string, procedureCode: string, now: Date): Promise<string> {
  await deleteStaleDrafts(db, cutoff(now));
  return insertDraft(db, { owner, communeId, procedureCode, now });
}

/** This browser's draft, or null (another browser's draft does not exist for it). */
export async function loadDraft(db: Db, owner: string | null, id: string, now: Date): Promise<Draft | null> {
  if (!owner) return null;
  const r = await draftRow(db, id, owner);
  if (!r || (!r.submitted_dossier_id && r.updated_at < cutoff(now))) return null;
  return toDraft(r);
}

/** Unsubmitted drafts of this browser, newest first (to offer "continue"). */
export async function openDrafts(db: Db, owner: string | null, now: Date, procedureCode?: string) {
  if (!owner) return [];
  return openDraftRows(db, owner, cutoff(now), procedureCode);
}

/** Changes a draft's answers under a row lock (no lost update between two tabs); false when submitted or gone. */
export async function updateDraft(db: Db, draft: Pick<Draft, 'id'>, now: Date, change: (d: DraftData) => DraftData): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await lockDraft(trx, draft.id);
    if (!r || r.submitted_dossier_id) return false;
    const next = change((r.data ?? {}) as DraftData);
    await setDraftData(trx, draft.id, next, now);
    return true;
  });
}

export const markSeen = (d: DraftData, key: string): DraftData => ({ ...d, seen: [...new Set([...(d.seen ?? []), key])] });

/** What the scan pre-check said of a file kept anyway (its warnings), by `noteKey`: shown next to the file. */
export type ScanNotes = Record<string, string[]>;
export const noteKey = (componentCode: string, sha256: string) => `${componentCode}/${sha256}`;
export const scanNotesOf = (d: DraftData): ScanNotes => ((d as { scanNotes?: ScanNotes }).scanNotes ?? {});

/** Adds an uploaded file; `notes`: the pre-check's warnings on it (digitisation/precheck.ts), kept with the draft. */
export async function addDraftFile(
  db: Db, draft: Draft, componentCode: string, fileName: string, content: Buffer, type: AcceptedType, now: Date, notes: string[] = [],
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const r = await lockDraft(trx, draft.id);
    if (!r || r.submitted_dossier_id) return false;
    if ((await countDraftFiles(trx, draft.id)) >= MAX_FILES_PER_DRAFT) return false;
    const sha256 = await putFile(trx, content, type);
    await insertDraftFile(trx, { draftId: draft.id, componentCode, fileName, sha256, now });
    if (notes.length) {
      const data = (r.data ?? {}) as DraftData;
      await setDraftData(trx, draft.id, { ...data, scanNotes: { ...scanNotesOf(data), [noteKey(componentCode, sha256)]: notes } }, now);
    } else await touchDraft(trx, draft.id, now);
    return true;
  });
}

/**
 * "Dùng giấy tờ đã có trong kho": records an item of the citizen's store (owner: their personal ID number, from the
 * e-identity) as the draft's file for a component, without an upload; it replaces an earlier choice for the component.
 * Returns the problem (not the owner's, no longer valid, not a type the component accepts) or null when recorded;
 * false when the draft is submitted or gone. NĐ 45/2020 Đ16 (as amended by NĐ 118/2025 Đ40 k8).
 */
export async function chooseStoreItem(
  db: Db, draft: Draft, component: Component, ownerIdNumber: string, itemId: number, now: Date,
): Promise<HttpProblem | null | false> {
  return db.transaction().execute(async (trx) => {
    const r = await lockDraft(trx, draft.id);
    if (!r || r.submitted_dossier_id) return false;
    let item: StoreItemRow;
    try {
      item = await usableItem(trx, ownerIdNumber, itemId, component, vnDate(now));
    } catch (e) {
      if (e instanceof HttpProblem) return e;
      throw e;
    }
    await setDraftStoreFile(trx, { draftId: draft.id, componentCode: component.code, itemId: item.id, fileName: item.file_name, sha256: item.sha256, now });
    await touchDraft(trx, draft.id, now);
    return null;
  });
}

export async function removeDraftFile(db: Db, draft: Draft, fileId: number, now: Date) {
  await db.transaction().execute(async (trx) => {
    const r = await lockDraft(trx, draft.id);
    if (!r || r.submitted_dossier_id) return;
    await deleteDraftFile(trx, draft.id, fileId);
    await touchDraft(trx, draft.id, now);
  });
}

export type SubmitResult = { ok: true; dossierId: string } | { ok: false; problems: Problem[] };

/**
 * What stops `citizenId` (the citizen logged in, if any) from submitting this draft: first who files it (a procedure
 * that requires e-identity needs the login, and a logged-in citizen submits only what they declared at the
 * applicant step: identity/citizens/core/filing.ts), then what is missing (eform.ts). Shown on "check your answers"
 * and checked again on submit. `today`: Vietnam-local YYYY-MM-DD.
 */
export function submitProblems(
  proc: ProcedureVersionInput, data: DraftData, files: { component_code: string }[], base: string, today: string, citizenId: number | null | undefined,
): Problem[] {
  const why = filingProblem(data, citizenId, onlineIdentityOf(proc) === 'eid');
  return [...(why ? [{ href: `${base}/nguoi-nop`, message: why }] : []), ...missing(proc, data, files, base, today)];
}

/**
 * Submits a draft: one dossier (state 1 "Mới đăng ký") with its declaration (the e-form answers, checked again by
 * the dossier service), its files attached as uploaded by the applicant, and the draft marked with the dossier, all
 * in one transaction. The draft row is locked first, so a double click or a
 * refreshed POST waits, then finds submitted_dossier_id set and gets the same dossier back: never two dossiers.
 * `citizenId`: the citizen logged in with e-identity who submits. They must be the filer the draft records (the
 * dossier is then flagged and theirs, identity/citizens/accounts.ts); without a login, only a procedure that allows
 * other means of identification is submitted.
 */
export async function submitDraft(db: Db, draftId: string, owner: string, now: Date, base: string, citizenId?: number): Promise<SubmitResult> {
  return db.transaction().execute(async (trx) => {
    const r = await draftRow(trx, draftId, owner, true);
    if (!r) throw notFound('hồ sơ đang soạn');
    if (r.submitted_dossier_id) return { ok: true, dossierId: r.submitted_dossier_id };
    const data = (r.data ?? {}) as DraftData;
    const proc = await procedureAt(trx, r.procedure_code, now);
    if (!proc) throw notFound('thủ tục');
    const files = await draftFiles(trx, r.id);
    const problems = submitProblems(proc, data, files, base, vnDate(now), citizenId);
    if (problems.length) return { ok: false, problems };
    // Files chosen from the store: still the filer's and still valid, checked (and locked) before anything is created.
    const fromStore = await storeItemsOf(trx, files, proc.components, data, base, now, citizenId);
    if (!fromStore.ok) return fromStore;
    const a = data.applicant!;
    const form = effectiveForm(proc, data);
    const { row } = await createDossier(trx, { citizen: true, communeId: r.commune_id }, 'submit_online', {
      procedureCode: r.procedure_code,
      applicant: { name: a.name, idNumber: a.idNumber, address: a.address, phone: a.phone, ...(a.email ? { email: a.email } : {}) },
      channel: 'online',
      ...(proc.components.some((c) => c.form) ? { answers: form } : {}),
      ...(data.supportPoint ? { supportPoint: data.supportPoint.code } : {}),
    }, {}, now);
    // The filer (data.filer, data.onBehalf) is this citizen: submitProblems refused any other.
    if (citizenId !== undefined) {
      await markFiledWithEid(trx, row.id, r.id, citizenId);
      // Their own residence kept as the population database filled it: the dossier used population data (766 4.5,
      // DSKetNoiCSDL). Not for someone else's dossier (nộp thay): the pre-fill was the filer's own record.
      if (!data.onBehalf) await recordPrefillUse(trx, r.id, citizenId, row.id, a.address, data.registryPrefill, now);
    }
    for (const f of files) {
      const item = fromStore.items.get(f.id);
      if (item) await attachItem(trx, row.id, f.component_code, item, null, now);
      else await attachFile(trx, { dossierId: row.id, componentCode: f.component_code, fileName: f.file_name, sha256: f.sha256, source: 'upload', uploadedBy: null, at: now });
    }
    const record: DraftData = { ...data, form };
    await markSubmitted(trx, r.id, row.id, { ...record, procedureVersion: proc.version }, now);
    return { ok: true, dossierId: row.id };
  });
}

/** The store items behind a draft's files (file id → item), each checked again in the submit transaction: the filer's
 *  own (the citizen logged in with e-identity), valid today, of a type the component accepts; else the problems. */
async function storeItemsOf(
  trx: Db, files: { id: number; component_code: string; store_item_id: number | null }[], components: readonly Component[],
  data: DraftData, base: string, now: Date, citizenId: number | undefined,
): Promise<{ ok: true; items: Map<number, StoreItemRow> } | { ok: false; problems: Problem[] }> {
  const items = new Map<number, StoreItemRow>();
  const problems: Problem[] = [];
  const owner = citizenId !== undefined && data.filer?.citizenId === citizenId ? data.filer.idNumber : null;
  for (const f of files) {
    const itemId = f.store_item_id;
    if (itemId === null) continue;
    const href = `${base}/giay-to#file-${f.component_code}`;
    const component = components.find((c) => c.code === f.component_code);
    if (!owner || !component) {
      problems.push({ href, message: 'Giấy tờ lấy từ kho dữ liệu chỉ dùng được khi bạn đăng nhập bằng tài khoản định danh điện tử của chủ giấy tờ' });
      continue;
    }
    try {
      items.set(f.id, await usableItem(trx, owner, itemId, component, vnDate(now)));
    } catch (e) {
      if (!(e instanceof HttpProblem)) throw e;
      problems.push({ href, message: `${component.name}: ${e.title} Hãy chọn giấy tờ khác hoặc tải lên tệp.` });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, items };
}
