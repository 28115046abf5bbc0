// Signing electronic results and verifying them: what the dossier's result step, the public page /xac-thuc and the
// JSON API call. A signed document gets a verification code and a QR code stamped on its last page, then the
// signer's and the agency's PAdES signatures (pades.ts); the signed file and who signed it are recorded
// (store.ts), and anyone with the code can check it, download it, or compare a file they hold.
// NĐ 45/2020/NĐ-CP Điều 14 (as amended by NĐ 107/2021/NĐ-CP): the e-result, digitally signed by the competent
// person and agency, has the legal value of the paper one. Luật Giao dịch điện tử 2023 (and NĐ 130/2018/NĐ-CP):
// a digital signature made with a certificate from a licensed CA; documents signed with the test CA say so.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Deps } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { getCommune } from '../org/store.ts';
import { putFile } from '../dossiers/files-store.ts';
import { logAccess } from '../dossiers/store.ts';
import { fmtDateTime } from '../shared/format.ts';
import { claimAttempt, releaseAttempts, type AttemptPolicy } from '../shared/attempts-store.ts';
import { formatCode, newCode, parseCode, type CodeError } from './core/code.ts';
import { MAX_REASON, agencyOf, type VerifiedDocument } from './core/document.ts';
import { signingCredentials } from './credentials.ts';
import { loadLibs, signPdf } from './pades.ts';
import { stampLastPage } from './stamp.ts';
import { signedDocumentEnded } from '../datastore/push.ts';
import {
  codeTaken, documentByCode, documentBySha256, dossierInCommune, insertSignedDocument, insertStatus, signedFile, signerOf,
} from './store.ts';

export type { VerifiedDocument } from './core/document.ts';
type Db = Kysely<Database>;

/** What signing needs of the app's dependencies; `db` may be the caller's transaction. */
export type SigningDeps = Pick<Deps, 'db' | 'now' | 'publicUrl' | 'outside'>;

/** The public page that verifies a code (the QR code opens it with `?ma=`). */
export const VERIFY_PATH = '/xac-thuc';
export const verifyUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}${VERIFY_PATH}?ma=${formatCode(code)}`;
/** Where the signed file of a code is downloaded. */
export const downloadUrl = (publicUrl: string, code: string) => `${publicUrl.replace(/\/+$/, '')}${VERIFY_PATH}/tai-ve?ma=${formatCode(code)}`;

/** The largest PDF signed (a result with scanned pages). */
export const MAX_SIGNED_BYTES = 30 * 1024 * 1024;
const MAX_TITLE = 300;

/** Runs `work` in the caller's transaction, or in a new one. */
const inTransaction = <T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> =>
  db.isTransaction ? work(db) : db.transaction().execute(work);

export interface SignInput {
  communeId: string;
  /** The competent person who signs (active staff of the commune). */
  signerStaffId: number;
  pdf: Buffer;
  /** What the document is, as the verification page names it (e.g. "Giấy chứng nhận kết hôn"). */
  title: string;
  dossierId?: string | null;
}

export interface Signed {
  /** Stored form, no dashes; formatCode() prints it. */
  code: string;
  pdf: Buffer;
  sha256: string;
  /** `${PUBLIC_URL}/xac-thuc?ma=<code>`. */
  url: string;
  signedAt: Date;
  /** Signed with the test CA's certificates (no legal value). */
  testCertificates: boolean;
}

async function freshCode(db: Db): Promise<string> {
  for (;;) {
    const code = newCode();
    if (!(await codeTaken(db, code))) return code;
  }
}

async function loadPdf(pdf: Buffer) {
  if (pdf.length === 0 || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Problem(422, 'NOT_A_PDF', 'Văn bản cần ký không phải tệp PDF.');
  if (pdf.length > MAX_SIGNED_BYTES) throw new Problem(413, 'PAYLOAD_TOO_LARGE', `Văn bản cần ký lớn hơn ${MAX_SIGNED_BYTES / 1024 / 1024} MB.`);
  const { pdfLib } = await loadLibs();
  try {
    const doc = await pdfLib.PDFDocument.load(pdf, { updateMetadata: false });
    if (doc.getPageCount() === 0) throw new Error('no page');
    return doc;
  } catch {
    throw new Problem(422, 'PDF_UNREADABLE', 'Không đọc được tệp PDF (tệp hỏng hoặc được bảo vệ bằng mật khẩu).');
  }
}

async function sign(deps: SigningDeps, db: Db, input: SignInput, replaces: string | null): Promise<Signed> {
  const title = input.title.trim();
  if (!title || title.length > MAX_TITLE) throw new Problem(422, 'TITLE_INVALID', `Tên văn bản phải có từ 1 đến ${MAX_TITLE} ký tự.`);
  const commune = await getCommune(db, input.communeId);
  if (!commune) throw new Problem(422, 'UNKNOWN_COMMUNE', `Không có xã "${input.communeId}".`);
  const signer = await signerOf(db, commune.id, input.signerStaffId);
  if (!signer) throw new Problem(422, 'UNKNOWN_SIGNER', 'Người ký phải là cán bộ đang công tác tại xã.');
  if (input.dossierId && !(await dossierInCommune(db, input.dossierId, commune.id))) throw new Problem(422, 'UNKNOWN_DOSSIER', 'Không tìm thấy hồ sơ của văn bản.');
  const doc = await loadPdf(input.pdf);
  // Whole seconds: the signature time and the stamp carry no finer time.
  const at = new Date(Math.floor(deps.now().getTime() / 1000) * 1000);
  const agency = agencyOf(commune.name);
  const creds = await signingCredentials(db, deps.outside.ca, {
    commune, agency, signer: { id: signer.id, fullName: signer.full_name, title: signer.title },
  }, at);
  const code = await freshCode(db);
  const url = verifyUrl(deps.publicUrl, code);
  const who = signer.title ? `${signer.full_name}, ${signer.title}` : signer.full_name;
  await stampLastPage(doc, {
    url,
    heading: `Mã xác thực: ${formatCode(code)}`,
    lines: [
      `Văn bản điện tử có chữ ký số của ${who} và của ${agency}, ký lúc ${fmtDateTime(at)}.`,
      `Kiểm tra văn bản gốc: quét mã QR hoặc mở ${deps.publicUrl.replace(/\/+$/, '')}${VERIFY_PATH} và nhập mã xác thực.`,
      ...(replaces ? [`Văn bản này thay thế văn bản có mã xác thực ${formatCode(replaces)}.`] : []),
    ],
    ...(creds.test ? { warning: 'Ký bằng chứng thư số THỬ NGHIỆM của Xã Số: văn bản không có giá trị pháp lý.' } : {}),
  });
  const location = `${commune.name}, ${commune.province}`;
  const pdf = await signPdf(doc, [
    { ...creds.person, name: signer.full_name, reason: `Ký số: ${title}`, location },
    { ...creds.organisation, name: agency, reason: `Chữ ký số của cơ quan: ${title}`, location },
  ], at);
  const sha256 = await putFile(db, pdf, 'application/pdf');
  await insertSignedDocument(db, {
    code, communeId: commune.id, dossierId: input.dossierId ?? null, title, sha256, size: pdf.length,
    signer: { staffId: signer.id, name: signer.full_name, title: signer.title }, agency,
    signerCredentialId: creds.person.id, agencyCredentialId: creds.organisation.id, testCertificates: creds.test, replaces, signedAt: at,
  });
  return { code, pdf, sha256, url, signedAt: at, testCertificates: creds.test };
}

/** Stamps and signs a PDF for the commune, by the signer and the agency, and records it. */
export function signDocument(deps: SigningDeps, input: SignInput): Promise<Signed> {
  return inTransaction(deps.db, (db) => sign(deps, db, input, null));
}

const reasonOf = (reason: string) => {
  const r = reason.trim();
  if (!r) throw new Problem(422, 'REASON_REQUIRED', 'Nhập lý do.');
  if (r.length > MAX_REASON) throw new Problem(422, 'REASON_TOO_LONG', `Lý do không được dài quá ${MAX_REASON} ký tự.`);
  return r;
};

/** A document of the commune that still stands. */
async function standing(db: Db, code: string, communeId: string) {
  const d = await documentByCode(db, code);
  if (!d || d.communeId !== communeId) throw new Problem(404, 'SIGNED_DOCUMENT_NOT_FOUND', 'Không tìm thấy văn bản đã ký số.');
  if (d.status !== 'valid') throw new Problem(409, 'SIGNED_DOCUMENT_ENDED', 'Văn bản đã bị thu hồi hoặc đã được thay thế.');
  return d;
}

const ended = () => new Problem(409, 'SIGNED_DOCUMENT_ENDED', 'Văn bản đã bị thu hồi hoặc đã được thay thế.');

/** Revokes a signed document (thu hồi): the verification page then says so, with the reason. Once. */
export async function revokeDocument(deps: SigningDeps, i: { code: string; communeId: string; byStaffId: number; reason: string }): Promise<void> {
  const reason = reasonOf(i.reason);
  return inTransaction(deps.db, async (db) => {
    await standing(db, i.code, i.communeId);
    const at = deps.now();
    if (!(await insertStatus(db, { code: i.code, status: 'revoked', reason, replacedBy: null, byStaffId: i.byStaffId, at }))) throw ended();
    await signedDocumentEnded(db, { code: i.code, status: 'revoked', reason, replacedBy: null, at }); // the store's copy too
  });
}

/**
 * Replaces a signed document by a new one (e.g. a corrected result): the new one is signed (same commune and
 * dossier, title unless given) and says what it replaces; the old one's page links to the new one.
 */
export async function replaceDocument(
  deps: SigningDeps, i: { code: string; communeId: string; signerStaffId: number; pdf: Buffer; reason: string; title?: string },
): Promise<Signed> {
  const reason = reasonOf(i.reason);
  return inTransaction(deps.db, async (db) => {
    const old = await standing(db, i.code, i.communeId);
    const signed = await sign(deps, db, { communeId: i.communeId, signerStaffId: i.signerStaffId, pdf: i.pdf, title: i.title ?? old.title, dossierId: old.dossierId }, old.code);
    const ok = await insertStatus(db, { code: old.code, status: 'replaced', reason, replacedBy: signed.code, byStaffId: i.signerStaffId, at: signed.signedAt });
    if (!ok) throw ended();
    await signedDocumentEnded(db, { code: old.code, status: 'replaced', reason, replacedBy: signed.code, at: signed.signedAt });
    return signed;
  });
}

/** Lookups of unknown codes: 20 from one address within 15 minutes block that address for the rest of the window
 *  (the code is the only secret: 2⁴⁴ possibilities make guessing hopeless at this pace). */
export const VERIFY_POLICY: AttemptPolicy = { kind: 'verify-ip', max: 20, windowMinutes: 15 };

export type Verification =
  | { ok: true; document: VerifiedDocument }
  | { ok: false; error: 'malformed'; reason: CodeError }
  | { ok: false; error: 'not_found' | 'locked' };

const publicView = ({ communeId: _c, dossierId: _d, ...doc }: VerifiedDocument & { communeId: string; dossierId: string | null }): VerifiedDocument => doc;

/** The document with this code (as typed or as the QR link carries it), behind the per-address limit. */
export async function verifyByCode(db: Db, input: string, o: { ip: string; now: Date }): Promise<Verification> {
  const parsed = parseCode(input);
  if (!parsed.ok) return { ok: false, error: 'malformed', reason: parsed.error };
  // Counted before the lookup, in one statement (shared/attempts-store.ts): simultaneous guesses cannot all be evaluated.
  const claim = await claimAttempt(db, VERIFY_POLICY, o.ip, o.now);
  if (!claim.ok) return { ok: false, error: 'locked' };
  const d = await documentByCode(db, parsed.code);
  if (!d) return { ok: false, error: 'not_found' };
  await releaseAttempts(db, claim.claims); // a right code is not a failed guess
  return { ok: true, document: publicView(d) };
}

export const sha256Of = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** The signed document whose file is byte for byte this one, or null (a changed file, or one we never signed). */
export async function verifyByFile(db: Db, pdf: Buffer): Promise<VerifiedDocument | null> {
  const d = await documentBySha256(db, sha256Of(pdf));
  return d ? publicView(d) : null;
}

/** The signed file of a verified document, checked against the hash recorded at signing. */
export async function signedFileOf(db: Db, d: { code: string; sha256: string }, actor = 'public'): Promise<Buffer | undefined> {
  const file = await signedFile(db, d.code);
  if (file && sha256Of(file) !== d.sha256) throw new Error(`the stored file of ${d.code} does not match the hash recorded at signing`);
  // A dossier's result carries personal data: every download is in the access log of its dossier (who: the
  // caller's key, 'public' for /xac-thuc; never the address).
  const dossierId = file ? (await documentByCode(db, d.code))?.dossierId : null;
  if (dossierId) await logAccess(db, actor, 'download_signed_document', dossierId, { code: d.code });
  return file;
}
