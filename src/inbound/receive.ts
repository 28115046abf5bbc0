// Receiving a dossier the national portal forwards (issue 15, inbound): checked field by field (core/hoso.ts), then,
// in one transaction, claimed by its portal code, created through the dossier service exactly like an online
// submission (state 1 "Mới đăng ký", awaiting the one-stop desk's receipt), its files stored encrypted (vault) and
// attached with a history entry each. The answer is the portal's contract (core/contract.ts), never a problem+json.
//
// - Idempotent: the claim on (commune, MaHoSo) is the transaction's first write (store.ts claimPortalCode). A replay
//   with the same request (same canonical JSON) answers the same 200 and writes nothing; another request under the
//   same code is 409 CONFLICT. Two copies at once: the second waits on the unique key and then replays.
// - The clock: the dossier is filed at NgayNopHoSo, the portal's filing time, so its receipt deadline and, at receipt,
//   its due time count from there (dossiers/core/decide.ts receipt(): an online dossier's time counts from its
//   filing, rolled to the next working time; the 15:00 rule of same-day procedures applies to it).
// - The version of the procedure is the one in force at filing (as createDossier does with its `now`).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { MAX_UPLOAD_BYTES } from '../http/deps.ts';
import { Problem } from '../http/problem.ts';
import { procedureAt } from '../catalogue/store.ts';
import { communeExists } from '../org/store.ts';
import { createDossier } from '../dossiers/service.ts';
import { ACCEPTED_TYPES, attachFile, cleanFileName, putFile, sniffType } from '../dossiers/uploads.ts';
import { refreshFacts } from '../indicators/facts.ts';
import { MAX_INBOUND_FILES, PORTAL_ACTOR, accepted, refusal, type InboundAnswer, type InboundErrorCode } from './core/contract.ts';
import { parseHoSo, requestHash, unknownComponents, type InboundDossier } from './core/hoso.ts';
import { claimPortalCode, inboundByCode, markAuthenticatedWithEid, setInboundDossier } from './store.ts';

type Db = Kysely<Database>;

export async function receiveInbound(db: Db, body: unknown, now: Date): Promise<InboundAnswer> {
  const parsed = parseHoSo(body, { maxFileBytes: MAX_UPLOAD_BYTES, maxFiles: MAX_INBOUND_FILES, accepted: ACCEPTED_TYPES, sniff: sniffType, now });
  if (!parsed.ok) return refusal(parsed.code, parsed.errors);
  const d = parsed.value;
  if (!(await communeExists(db, d.communeId))) {
    return refusal('UNKNOWN_UNIT', [{ field: 'MaDonViTiepNhan', message: `Không có xã mã "${d.communeId}".` }]);
  }
  const proc = await procedureAt(db, d.procedureCode, d.filedAt);
  if (!proc) {
    return refusal('UNKNOWN_PROCEDURE', [{ field: 'MaTTHC', message: `Không có thủ tục mã "${d.procedureCode}" có hiệu lực vào ngày nộp.` }]);
  }
  if (proc.routingOnly || !proc.methods.includes('online')) {
    return refusal('PROCEDURE_NOT_ONLINE', [{ field: 'MaTTHC', message: `Thủ tục "${proc.name}" không nhận hồ sơ trực tuyến tại xã.` }]);
  }
  const components = unknownComponents(d, proc.components);
  if (components.length) return refusal('INVALID_FIELD', components);
  const hash = requestHash(body);
  try {
    return await db.transaction().execute(async (trx) => {
      const claim = await claimPortalCode(trx, { communeId: d.communeId, portalCode: d.portalCode, requestSha256: hash, at: now });
      if (claim === null) return replay(trx, d, hash);
      const dossierId = await create(trx, d);
      await setInboundDossier(trx, claim, dossierId);
      return accepted(d.portalCode);
    });
  } catch (e) {
    if (e instanceof Problem) return fromProblem(e);
    throw e;
  }
}

/** The same request again: the same answer; another request under the code: a conflict. */
async function replay(trx: Db, d: InboundDossier, hash: string): Promise<InboundAnswer> {
  const prior = await inboundByCode(trx, d.communeId, d.portalCode);
  if (prior?.request_sha256 === hash) return accepted(d.portalCode);
  return refusal('CONFLICT', [{ field: 'MaHoSo', message: `Mã hồ sơ "${d.portalCode}" đã được gửi sang với nội dung khác.` }]);
}

/** The dossier, as an online submission filed by the applicant on the portal, with its files. */
async function create(trx: Db, d: InboundDossier): Promise<string> {
  const { row } = await createDossier(trx, { system: PORTAL_ACTOR, communeId: d.communeId }, 'submit_online', {
    procedureCode: d.procedureCode,
    applicant: d.applicant,
    channel: 'online', // KenhThucHien 2
    ...(d.summary ? { note: d.summary } : {}),
    externalCode: d.portalCode, // MaHoSoKhac: the portal's code, by which the staff page also opens it
  }, {}, d.filedAt);
  if (d.eid) await markAuthenticatedWithEid(trx, row.id);
  for (const f of d.files) {
    const sha256 = await putFile(trx, f.content, f.type as (typeof ACCEPTED_TYPES)[number]);
    await attachFile(trx, {
      dossierId: row.id, componentCode: f.component, fileName: cleanFileName(f.name), sha256, source: 'upload', uploadedBy: null,
      by: { actor: PORTAL_ACTOR }, at: d.filedAt,
    });
  }
  // The indicator facts once more, with the e-identity flag set after the filing's entry computed them.
  if (d.eid) await refreshFacts(trx, row.id);
  return row.id;
}

/** What the dossier service refused, in the contract's words. */
function fromProblem(e: Problem): InboundAnswer {
  const code: InboundErrorCode | null = e.code === 'EXTERNAL_CODE_EXISTS' ? 'CONFLICT'
    : e.code === 'UNKNOWN_PROCEDURE' ? 'UNKNOWN_PROCEDURE'
    : e.code === 'ROUTING_ONLY_PROCEDURE' || e.code === 'CHANNEL_NOT_OFFERED' ? 'PROCEDURE_NOT_ONLINE'
    : null;
  if (code) return refusal(code, [{ field: code === 'CONFLICT' ? 'MaHoSo' : 'MaTTHC', message: e.title }]);
  if (e.status >= 500) throw e;
  return { status: e.status, body: { error_code: e.code, message: e.title } };
}
