// Uploaded files: the type is decided by the content (magic bytes), never by the name or the browser's
// claim; size is capped by the multipart limit (http/deps.ts MAX_UPLOAD_BYTES). Queries in files-store.ts.
import type { Kysely } from 'kysely';
import { refreshFacts } from '../indicators/facts.ts';
import type { Database } from '../db/schema.ts';
import { insertDossierFile, putFile as storeFile } from './files-store.ts';
import { Problem } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { S, requestedSignerOf, type DossierProjection } from './core/index.ts';
import type { DossierRow } from './store.ts';


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

/** Attaches stored content to a dossier component. */
export async function attachFile(
  trx: Kysely<Database>,
  v: {
    dossierId: string; componentCode: string; fileName: string; sha256: string; source: FileSource; uploadedBy: number | null;
    /** The item of the applicant's store the file was taken from (source 'store'), and its MaKetQuaThayThe
     *  (datastore/core/items.ts reuseFlags). */
    storeItem?: { id: number; replacesWith: string };
  },
) {
  const row = await insertDossierFile(trx, {
    dossierId: v.dossierId, componentCode: v.componentCode, fileName: v.fileName, sha256: v.sha256,
    reused: v.source === 'reuse' || v.source === 'store', // DuocTaiSuDung
    fromStore: v.source === 'store', // DuocLayTuKhoDMQG
    uploadedBy: v.uploadedBy,
    storeItemId: v.storeItem?.id ?? null, replacesWith: v.storeItem?.replacesWith ?? null, // MaKetQuaThayThe
  });
  await refreshFacts(trx, v.dossierId); // digitisation and reuse counts (766 4.2–4.4)
  return row;
}
