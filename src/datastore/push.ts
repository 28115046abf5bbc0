// Pushing to the applicant's store when a dossier is returned (called by dossiers/after-change.ts in the change's
// transaction), and taking an e-result out of it when it is revoked or replaced (signatures/store.ts insertStatus).
// NĐ 45/2020/NĐ-CP Điều 16 (as amended by NĐ 118/2025 Điều 40 khoản 8): the e-result is pushed to the applicant's
// store; 766 spec 4.4 counts the dossiers whose result was pushed. Our decisions (docs: /tmp/docs/store.md):
// - only on return (state 10) and only a result granted: a refusal is a letter kept in the dossier, not a paper the
//   citizen will be asked for again, and a refused dossier's papers are not vouched for by the commune;
// - the result: the signed e-result in force; a dossier never signed digitally (paper result) gives the latest file
//   of its result component (KET_QUA), its PDF/A copy when digitised; a signed result revoked before the return
//   gives nothing (the paper that stands is not known);
// - each component the procedure keeps (`keepAs`): its latest file (the PDF/A copy when its digitisation is done),
//   unless that file was itself taken from the store (it is there already);
// - the owner is the applicant's personal ID number, else the e-identity account that filed for itself (never the
//   person who filed on someone's behalf); without a 12-digit ID number nothing is pushed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DossierChange } from '../dossiers/store.ts';
import { idNumberOf } from '../dossiers/store.ts';
import { RESULT_COMPONENT } from '../dossiers/core/index.ts';
import { S } from '../dossiers/core/states.ts';
import { documentType } from '../catalogue/core/document-types.ts';
import type { StoredProcedure } from '../catalogue/core/types.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { orgFacts } from '../documents/store.ts';
import { eidFilingOfDossier } from '../identity/citizens/accounts.ts';
import { signedResultOf } from '../results/store.ts';
import { agencyOf } from '../signatures/core/document.ts';
import { formatCode } from '../signatures/core/code.ts';
import { keptComponents, resultTypeOf, validTo } from './core/items.ts';
import { everSigned, insertItem, latestFilesOf, returnedDossier, setItemStatus, validItemsOfSigned } from './store.ts';

type Db = Kysely<Database>;

const ID_NUMBER = /^[0-9]{12}$/;

/** Whose store a dossier's papers go to (see the header), or null. */
export async function ownerOf(trx: Db, dossierId: string): Promise<string | null> {
  const own = await idNumberOf(trx, dossierId);
  if (own && ID_NUMBER.test(own)) return own;
  const filing = await eidFilingOfDossier(trx, dossierId);
  return filing && !filing.onBehalf && ID_NUMBER.test(filing.idNumber) ? filing.idNumber : null;
}

interface Returned {
  id: string;
  commune_id: string;
  received_at: Date | null;
  submitted_at: Date | null;
  projection: unknown;
}

/** The projection's fields read here, as stored (JSON). */
function facts(projection: unknown): { outcome: string | null; resultIssuedAt: string | null } {
  const p = (projection ?? {}) as { outcome?: unknown; resultIssuedAt?: unknown };
  return { outcome: typeof p.outcome === 'string' ? p.outcome : null, resultIssuedAt: typeof p.resultIssuedAt === 'string' ? p.resultIssuedAt : null };
}

/** Puts a returned dossier's result and kept papers into its owner's store; returns how many items are new. */
export async function pushReturned(trx: Db, row: Returned, procedure: StoredProcedure, at: Date): Promise<number> {
  if (facts(row.projection).outcome !== 'granted') return 0;
  const owner = await ownerOf(trx, row.id);
  if (!owner) return 0;
  const issuer = agencyOf((await orgFacts(trx, row.commune_id, [])).org.communeName);
  const base = { ownerIdNumber: owner, issuer, sourceCommuneId: row.commune_id, sourceDossierId: row.id, at };
  let created = 0;

  // (a) The result.
  const type = resultTypeOf(procedure);
  const signed = await signedResultOf(trx, row.id);
  if (signed) {
    const issued = vnDate(signed.signed_at);
    const r = await insertItem(trx, {
      ...base, kind: 'result', typeCode: type.code, typeName: type.name, numberSymbol: formatCode(signed.code),
      validFrom: issued, validTo: validTo(type.code, issued), sha256: signed.sha256, fileName: `ket-qua-${formatCode(signed.code)}.pdf`,
      sourceComponentCode: RESULT_COMPONENT, signedCode: signed.code, legalRecord: true,
    });
    if (r.created) created++;
  } else if (!(await everSigned(trx, row.id))) {
    const [scan] = await latestFilesOf(trx, row.id, [RESULT_COMPONENT]);
    if (scan) {
      const issuedAt = facts(row.projection).resultIssuedAt;
      const issued = vnDate(issuedAt ? new Date(issuedAt) : at);
      const r = await insertItem(trx, {
        ...base, kind: 'result', typeCode: type.code, typeName: type.name, numberSymbol: null,
        validFrom: issued, validTo: validTo(type.code, issued), sha256: scan.pdfa_sha256 ?? scan.sha256,
        fileName: scan.pdfa_file_name ?? scan.file_name, sourceComponentCode: RESULT_COMPONENT, signedCode: null, legalRecord: true,
      });
      if (r.created) created++;
    }
  }

  // (b) The papers the procedure keeps. Their issue date is not recorded: the day the commune received them (when an
  // officer found them valid) stands for it, so a limited validity is counted from then (an upper bound).
  const kept = keptComponents(procedure.components);
  const files = await latestFilesOf(trx, row.id, kept.map((c) => c.code));
  const received = vnDate(row.received_at ?? row.submitted_at ?? at);
  for (const f of files) {
    if (f.store_item_id !== null) continue; // taken from the store: it is there already
    const c = kept.find((k) => k.code === f.component_code)!;
    const t = documentType(c.keepAs)!;
    const r = await insertItem(trx, {
      ...base, kind: 'component', typeCode: t.code, typeName: t.name, numberSymbol: null,
      validFrom: received, validTo: validTo(t.code, received), sha256: f.pdfa_sha256 ?? f.sha256, fileName: f.pdfa_file_name ?? f.file_name,
      sourceComponentCode: c.code, signedCode: null, legalRecord: false,
    });
    if (r.created) created++;
  }
  return created;
}

/** The hook of every dossier change: a return (state 10) pushes; any other change does nothing. */
export async function pushToStore(trx: Db, change: DossierChange): Promise<void> {
  if (change.event.to_state !== S.RETURNED || change.row.state !== S.RETURNED) return;
  await pushReturned(trx, change.row, change.procedure, change.event.at);
}

/**
 * A signed document ended (signatures: revoked or replaced): the items pushed from it become 'revoked' with the
 * reason, and a replacement of a returned dossier's result is pushed in its place. Called in the transaction that
 * records the end; returns how many items were revoked.
 */
export async function signedDocumentEnded(
  trx: Db, e: { code: string; status: 'revoked' | 'replaced'; reason: string; replacedBy: string | null; at: Date },
): Promise<number> {
  const items = await validItemsOfSigned(trx, e.code);
  const why = e.status === 'replaced' && e.replacedBy
    ? `Đã được thay thế bằng văn bản có mã xác thực ${formatCode(e.replacedBy)}. Lý do: ${e.reason}`
    : `Văn bản đã bị thu hồi. Lý do: ${e.reason}`;
  let n = 0;
  for (const i of items) if (await setItemStatus(trx, i.id, 'revoked', why.slice(0, 1000), e.at)) n++;
  if (e.status === 'replaced') {
    for (const dossierId of new Set(items.map((i) => i.source_dossier_id).filter((d): d is string => d !== null))) {
      const row = await returnedDossier(trx, dossierId);
      if (!row || row.state !== S.RETURNED) continue;
      const proc = await procedureVersion(trx, row.procedure_code, row.procedure_version);
      if (proc) await pushReturned(trx, row, proc, e.at);
    }
  }
  return n;
}
