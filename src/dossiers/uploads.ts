// Uploaded files: the type is decided by the content (magic bytes), never by the name or the browser's
// claim; size is capped by the multipart limit (http/deps.ts MAX_UPLOAD_BYTES). Queries in files-store.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertDossierFile, putFile as storeFile, staffRolesAndUnit } from './files-store.ts';
import { Problem } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { ACTIONS, S, requestedSignerOf, type Actor, type AttachedFile, type DossierProjection, type Role } from './core/index.ts';
import { loadDossier, type DossierRow } from './store.ts';
import { act, reviveProjection } from './service.ts';


/**
 * Who may attach the draft result (component KET_QUA, not one of the procedure's components) and when: an officer of
 * the unit handling the dossier, while it is being processed, once the specialist has proposed a result and before it
 * is submitted for signature or signed (the signer signs what was submitted). A PDF only: it is what gets signed.
 */
export function checkResultDraft(p: Principal, row: DossierRow, projection: DossierProjection, type: AcceptedType): void {
  if (p.unitId === null || p.unitId !== row.current_unit_id || !p.roles.some((r) => r === 'specialist' || r === 'unit_head')) {
    throw new Problem(403, 'NOT_AT_YOUR_UNIT', 'Chỉ cán bộ của đơn vị đang giải quyết hồ sơ mới được đính kèm dự thảo kết quả.');
  }
  if (projection.state !== S.PROCESSING || !projection.proposal || projection.approvedBy || requestedSignerOf(projection)) {
    throw new Problem(409, 'RESULT_DRAFT_NOT_NOW',
      'Chỉ đính kèm dự thảo kết quả khi hồ sơ đang giải quyết, đã có đề xuất kết quả và chưa trình ký.');
  }
  if (type !== 'application/pdf') throw new Problem(415, 'RESULT_DRAFT_NOT_PDF', 'Dự thảo kết quả phải là tệp PDF.');
}

export const ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedType = (typeof ACCEPTED_TYPES)[number];

export function sniffType(buf: Buffer): AcceptedType | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** Stores content once per sha256 (content-addressed) and returns its hash. */
export const putFile = (trx: Kysely<Database>, content: Buffer, type: AcceptedType): Promise<string> => storeFile(trx, content, type);

/** A safe display name: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'tep';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').trim().slice(0, 200);
  return cleaned || 'tep';
}

/** Where a component's file came from; sets the flags the indices count (766 spec 4.2–4.4). */
export type FileSource = 'scan' | 'upload' | 'store' | 'reuse';

/** Who attaches a file: the officer or citizen of the request, or an actor already known (the digitisation worker). */
export type Attacher = Principal | { citizen: string } | { actor: Actor };

/** The system's actor in the history of files (storage copies, files attached by no person). */
export const SYSTEM_FILES_ACTOR: Actor = { id: 'system:tep', role: 'system', unitCode: null };

/** Who attached when the caller did not say: the officer `uploadedBy` in the first role that may attach; else (an
 *  upload with no officer: the portal) the applicant, or the system when the dossier names no applicant. */
async function defaultAttacher(trx: Kysely<Database>, uploadedBy: number | null, projection: DossierProjection): Promise<Attacher> {
  if (uploadedBy !== null) {
    const s = await staffRolesAndUnit(trx, uploadedBy);
    const allowed = ACTIONS.attach_file.roles as readonly Role[];
    const role = (s?.roles ?? []).find((r): r is Role => allowed.includes(r as Role));
    return { actor: role ? { id: String(uploadedBy), role, unitCode: s?.unit_code ?? null } : SYSTEM_FILES_ACTOR };
  }
  return { actor: projection.applicantId ? { id: projection.applicantId, role: 'citizen', unitCode: null } : SYSTEM_FILES_ACTOR };
}

/** The time of a history entry: `at`, or the dossier's last entry's when `at` is earlier (clocks of two machines). */
export const entryTime = (at: Date, projection: DossierProjection): Date =>
  projection.lastActionAt && at < projection.lastActionAt ? new Date(projection.lastActionAt) : at;

/**
 * Attaches stored content to a dossier component and records it in the dossier's tamper-evident history
 * (`attach_file`, with its sha256), in the caller's transaction. Every path goes through here: the counter's scan,
 * the API, the online submission, a supplement, a paper taken from the applicant's store, the draft result, the demo.
 */
export async function attachFile(
  trx: Kysely<Database>,
  v: {
    dossierId: string; componentCode: string; fileName: string; sha256: string; source: FileSource; uploadedBy: number | null;
    /** The item of the applicant's store the file was taken from (source 'store'), and its MaKetQuaThayThe
     *  (datastore/core/items.ts reuseFlags). */
    storeItem?: { id: number; replacesWith: string };
    /** Who attaches (default: see defaultAttacher) and when (default: the time of the dossier's last entry). */
    by?: Attacher;
    at?: Date;
    /** The digitisation version of the component this file is (a counter scan), and the page images it was made of. */
    version?: number;
    pages?: string[];
  },
) {
  const row = await insertDossierFile(trx, {
    dossierId: v.dossierId, componentCode: v.componentCode, fileName: v.fileName, sha256: v.sha256,
    reused: v.source === 'reuse' || v.source === 'store', // DuocTaiSuDung
    fromStore: v.source === 'store', // DuocLayTuKhoDMQG
    uploadedBy: v.uploadedBy,
    storeItemId: v.storeItem?.id ?? null, replacesWith: v.storeItem?.replacesWith ?? null, // MaKetQuaThayThe
  });
  const dossier = await loadDossier(trx, null, v.dossierId);
  if (!dossier) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy hồ sơ.');
  const projection = reviveProjection(dossier.projection);
  const by = v.by ?? (await defaultAttacher(trx, v.uploadedBy, projection));
  // The entry refreshes the dossier's digitisation and reuse counts (766 4.2–4.4: after-change.ts refreshFacts).
  const file: AttachedFile = {
    component: v.componentCode, fileName: v.fileName, sha256: v.sha256,
    ...(v.version ? { version: v.version } : {}), ...(v.pages?.length ? { pages: v.pages } : {}),
  };
  // Without a time from the caller, the entry is dated with the dossier's last entry, the step the file belongs to
  // (the online filing it is submitted with, the receipt at the counter): a caller attaching later passes `at`.
  const at = v.at ? entryTime(v.at, projection) : new Date(projection.lastActionAt);
  await act(trx, by, v.dossierId, 'attach_file', { file }, at);
  return row;
}
