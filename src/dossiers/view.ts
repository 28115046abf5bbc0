// What the API shows of a dossier: the row and its projection, its declaration (the e-form answers), its log and
// files, who filed it (the reason there is no ID number, the authorised person of a dossier filed for someone else:
// identity/citizens/accounts.ts) and the actions the caller may take. ID numbers are shown only to staff who handle
// dossiers, and every showing is logged.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import { principalKey } from '../identity/core/principal.ts';
import { actionLabel, stateName, type StateCode } from './core/index.ts';
import { archivedLog, events, files, idNumberOf, logAccess, type DossierRow, type EventRow, type FileRow } from './store.ts';
import { communeUnits } from '../org/store.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { allowedActions, canReadIdNumbers, reviveProjection } from './service.ts';
import { declarationOf } from './declaration.ts';
import { hideIdNumbers } from './core/declaration.ts';
import { chosenTimeCase, timeCaseOptions } from './core/time-cases.ts';
import { supportPointName } from './support-points-store.ts';
import { deskIdWaiverOf, eidFilingOfDossier } from '../identity/citizens/accounts.ts';
import { communeNames, papersOf } from './transfer-store.ts';

type Db = Kysely<Database>;
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** A log entry as the API shows it. A citizen's entries carry their reference (the actor id, and `applicantId` in the
 *  payload of the entry that filed the dossier): a pseudonym of their ID number, and in dossiers filed before issue 13
 *  an unkeyed one, reversible by trying ID numbers (service.ts legacyApplicantRef). The hash-chained log keeps it as
 *  written; the view shows it only to roles that may read ID numbers (`mayReadIdNumbers`), to others as "citizen". */
export function shownEvent(e: EventRow, mayReadIdNumbers: boolean) {
  const payload = e.payload as Record<string, unknown>;
  const { applicantId: _ref, ...otherPayload } = payload;
  const hide = !mayReadIdNumbers;
  return {
    seq: e.seq,
    action: e.action,
    actionName: actionLabel(e.action),
    fromState: e.from_state,
    toState: e.to_state,
    actorId: hide && e.actor_role === 'citizen' ? HIDDEN_CITIZEN : e.actor_id,
    actorRole: e.actor_role,
    actorName: e.actor_name ?? null,
    at: e.at.toISOString(),
    payload: hide ? otherPayload : payload,
    handover: (e.handover as never) ?? null,
    hash: e.hash,
  };
}
const HIDDEN_CITIZEN = 'citizen';

/** A log entry as shown to anyone: without the citizen's reference (see shownEvent). */
export const eventView = (e: EventRow) => shownEvent(e, false);

/** Who filed a dossier: why it has no ID number (recorded at the counter), who filed it online as the applicant's
 *  authorised person (nộp thay), their ID number for `mayRead` only. */
async function filedBy(db: Db, dossierId: string, mayRead: boolean) {
  const [waiver, filing] = await Promise.all([deskIdWaiverOf(db, dossierId), eidFilingOfDossier(db, dossierId)]);
  return {
    idWaiver: waiver && { reason: waiver.reason, label: waiver.label, detail: waiver.detail },
    authorisedPerson: filing?.onBehalf ? { name: filing.name, idNumber: mayRead ? filing.idNumber : null } : null,
  };
}
export type FiledBy = Awaited<ReturnType<typeof filedBy>>;

/** The dossier as the API shows it. Every showing of an ID number (the applicant's, the authorised person's, those in
 *  the declaration) to a role that may read them is logged in access_log, in `db` (the caller's transaction: the
 *  response of a change is logged with it, and an idempotent replay logs it again, http/idempotency.ts): a GET and
 *  the echo of a change are both showings. `events`/`files`/`filed`/`idNumber`: already known (a new dossier). */
export async function dossierView(
  db: Db, p: Principal, row: DossierRow,
  opts: { events?: EventRow[]; files?: FileRow[]; idNumber?: string | null; filed?: FiledBy; declaration?: null } = {},
) {
  const projection = reviveProjection(row.projection);
  const mayRead = canReadIdNumbers(p);
  // The receiving commune of a transferred dossier follows its progress, not the competent commune's notes
  // (location-independent receipt): each entry written since the transfer shows what happened, without its content.
  const follower = row.commune_id !== p.communeId;
  const transferSeq = projection.competentCommuneId
    ? (await (opts.events ? Promise.resolve(opts.events) : events(db, row.id))).find((e) => e.action === 'transfer_to_competent')?.seq ?? 0
    : 0;
  const [log, attached, units, receivingUnits, procedure, declaration, filed, supportPoint, storedIdNumber, transfer] = await Promise.all([
    opts.events ?? events(db, row.id),
    opts.files ?? files(db, row.id),
    communeUnits(db, row.commune_id),
    communeUnits(db, row.receiving_commune_id),
    procedureVersion(db, row.procedure_code, row.procedure_version),
    opts.declaration === null ? null : declarationOf(db, row.id), // null: known to have none (a new dossier without answers)
    opts.filed ?? filedBy(db, row.id, mayRead),
    supportPointName(db, row.support_point_id),
    mayRead && opts.idNumber === undefined ? idNumberOf(db, row.id) : null,
    transferView(db, row, projection),
  ]);
  // A log whose month went to the archive is not in the live tables: the view says where it went (every live
  // dossier has at least its first entry, so only an empty log asks).
  const archived = log.length === 0 ? await archivedLog(db, row.dossier_month) : null;
  const idNumber = mayRead ? (opts.idNumber !== undefined ? opts.idNumber : storedIdNumber) : null;
  const authorisedIdNumber = filed.authorisedPerson?.idNumber ?? null;
  if (idNumber || authorisedIdNumber) {
    await logAccess(db, principalKey(p), 'view_id_number', row.id, authorisedIdNumber ? { authorisedPerson: true } : {});
  }
  // The declaration holds other people's ID numbers (the parents'…): shown, and logged, like the applicant's.
  if (declaration && mayRead) await logAccess(db, principalKey(p), 'view_declaration', row.id);
  const shownDeclaration = declaration && !mayRead ? { ...declaration, forms: hideIdNumbers(declaration.forms) } : declaration;
  const applicant = row.applicant as { address?: string | null; phone?: string | null; email?: string | null };
  const timeCases = timeCaseOptions(procedure, row.channel);
  return {
    id: row.id,
    code: row.code,
    reference: row.reference,
    state: row.state,
    stateName: stateName(row.state as StateCode),
    procedure: { code: row.procedure_code, version: row.procedure_version, name: procedure?.name ?? row.procedure_code },
    channel: row.channel,
    applicant: {
      name: row.applicant_name,
      idNumber,
      address: applicant.address ?? null,
      phone: applicant.phone ?? null,
      email: applicant.email ?? null,
    },
    competentAuthority: row.competent_authority,
    transfer,
    supportPoint,
    externalCode: row.external_code,
    receivingUnit: row.receiving_unit_id ? (receivingUnits.codeById.get(row.receiving_unit_id) ?? null) : null,
    currentUnit: row.current_unit_id ? (units.codeById.get(row.current_unit_id) ?? null) : null,
    assigneeId: row.assignee_id,
    submittedAt: iso(row.submitted_at),
    receiptDueAt: iso(projection.receiptDueAt),
    receivedAt: iso(projection.receivedAt),
    dueAt: iso(projection.dueAt),
    originalDueAt: iso(projection.originalDueAt),
    extendedDueAt: iso(projection.extendedDueAt),
    draft: projection.draftConfirmation
      ? { sentAt: iso(projection.draftSentAt), confirmedAt: iso(projection.draftConfirmedAt) }
      : null,
    timeCase: chosenTimeCase(procedure?.timeVariants, projection.timeCase ?? null),
    timeCases,
    pausedAt: iso(projection.pausedAt),
    finishedAt: iso(projection.finishedAt),
    returnedAt: iso(projection.returnedAt),
    supplementCount: projection.supplementCount,
    extensionCount: projection.extensionCount,
    outcome: projection.outcome,
    lateBySupplementRule: projection.lateBySupplementRule,
    authenticatedWithEid: row.authenticated_with_eid,
    idWaiver: filed.idWaiver,
    authorisedPerson: filed.authorisedPerson,
    // A case with its own time is offered only where the procedure version has some.
    // A transfer to another commune only for a procedure receivable anywhere in the province.
    allowedActions: allowedActions(p, projection, row).filter((t) => (t !== 'set_time_case' || timeCases.length > 0)
      && (t !== 'transfer_to_competent' || !!procedure?.flags.receivableAnywhereInProvince)),
    declaration: shownDeclaration,
    archivedLog: archived ? { month: archived.month, archivedAt: archived.archivedAt.toISOString() } : null,
    events: log.map((e) => (follower && e.seq > transferSeq && !PAPER_STEPS.has(e.action) ? followedEvent(e) : shownEvent(e, mayRead))),
    files: attached.map((f) => ({
      id: f.id,
      componentCode: f.component_code,
      fileName: f.file_name,
      contentType: f.content_type,
      size: f.size,
      sha256: f.sha256,
      digitised: f.digitised,
      reused: f.reused,
      fromStore: f.from_store,
      uploadedAt: f.uploaded_at.toISOString(),
    })),
  };
}

/** The paper's hand-overs concern both communes: shown whole to both. */
const PAPER_STEPS = new Set(['send_papers', 'receive_papers']);

/** An entry of the competent commune as the receiving commune sees it: what happened and when, not its content
 *  (reasons, proposals, comments), nor who at the other commune. */
function followedEvent(e: EventRow) {
  return { ...shownEvent(e, false), actorId: null, actorName: null, payload: {}, handover: null };
}

/** The two communes of a location-independent dossier and the paper that travelled between them; null for a dossier
 *  that never left its receiving commune. */
async function transferView(db: Db, row: DossierRow, p: ReturnType<typeof reviveProjection>) {
  if (!p.competentCommuneId) return null;
  const [names, papers] = await Promise.all([communeNames(db, [row.receiving_commune_id, row.commune_id]), papersOf(db, row.id)]);
  const commune = (id: string) => ({ id, name: names.get(id) ?? id });
  return {
    receivingCommune: commune(row.receiving_commune_id),
    competentCommune: commune(row.commune_id),
    transferredAt: iso(p.transferredAt),
    resultAt: p.resultAt,
    papersInTransit: p.papersInTransit,
    resultPapersReceivedAt: iso(p.resultPapersReceivedAt),
    papers: papers.map((x) => ({
      kind: x.kind, from: commune(x.from_commune_id), to: commune(x.to_commune_id), papers: x.papers, carrier: x.carrier,
      sentAt: iso(x.sent_at), sentBy: x.sent_by_name, receivedAt: iso(x.received_at), receivedBy: x.received_by_name,
    })),
  };
}
