// What the API shows of a dossier: the row and its projection, its declaration (the e-form answers), its log and
// files, who filed it (the reason there is no ID number, the authorised person of a dossier filed for someone else:
// identity/citizens/accounts.ts) and the actions the caller may take. ID numbers are shown only to staff who handle
// dossiers, and every showing is logged.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import { principalKey } from '../identity/core/principal.ts';
import { actionLabel, stateName, type StateCode } from './core/index.ts';
import { events, files, idNumberOf, logAccess, type DossierRow, type EventRow, type FileRow } from './store.ts';
import { communeUnits } from '../org/store.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { allowedActions, canReadIdNumbers, reviveProjection } from './service.ts';
import { declarationOf } from './declaration.ts';
import { hideIdNumbers } from './core/declaration.ts';
import { chosenTimeCase, timeCaseOptions } from './core/time-cases.ts';
import { supportPointName } from './support-points-store.ts';
import { deskIdWaiverOf, eidFilingOfDossier } from '../identity/citizens/accounts.ts';

type Db = Kysely<Database>;
const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function eventView(e: EventRow) {
  return {
    seq: e.seq,
    action: e.action,
    actionName: actionLabel(e.action),
    fromState: e.from_state,
    toState: e.to_state,
    actorId: e.actor_id,
    actorRole: e.actor_role,
    actorName: e.actor_name ?? null,
    at: e.at.toISOString(),
    payload: e.payload as Record<string, unknown>,
    handover: (e.handover as never) ?? null,
    hash: e.hash,
  };
}

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

/** The dossier as the API shows it. `logRead`: this is a read of personal data to log (a GET), not the
 *  echo of a change the caller just made; `events`/`files`/`filed`: already known (a new dossier). */
export async function dossierView(
  db: Db, p: Principal, row: DossierRow,
  opts: { logRead?: boolean; events?: EventRow[]; files?: FileRow[]; idNumber?: string | null; filed?: FiledBy } = {},
) {
  const projection = reviveProjection(row.projection);
  const [log, attached, units, procedure, declaration, filed, supportPoint] = await Promise.all([
    opts.events ?? events(db, row.id),
    opts.files ?? files(db, row.id),
    communeUnits(db, row.commune_id),
    procedureVersion(db, row.procedure_code, row.procedure_version),
    declarationOf(db, row.id),
    opts.filed ?? filedBy(db, row.id, canReadIdNumbers(p)),
    supportPointName(db, row.support_point_id),
  ]);
  let idNumber: string | null = null;
  if (canReadIdNumbers(p) && opts.idNumber !== undefined) {
    idNumber = opts.idNumber;
  } else if (canReadIdNumbers(p)) {
    idNumber = await idNumberOf(db, row.id);
    if (idNumber && opts.logRead) await logAccess(db, principalKey(p), 'view_id_number', row.id);
  }
  // The declaration holds other people's ID numbers (the parents'…): shown, and logged, like the applicant's.
  if (declaration && canReadIdNumbers(p) && opts.logRead) await logAccess(db, principalKey(p), 'view_declaration', row.id);
  const shownDeclaration = declaration && !canReadIdNumbers(p) ? { ...declaration, forms: hideIdNumbers(declaration.forms) } : declaration;
  const applicant = row.applicant as { address?: string | null; phone?: string | null; email?: string | null };
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
    supportPoint,
    externalCode: row.external_code,
    receivingUnit: row.receiving_unit_id ? (units.codeById.get(row.receiving_unit_id) ?? null) : null,
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
    timeCases: timeCaseOptions(procedure, row.channel),
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
    allowedActions: allowedActions(p, projection),
    declaration: shownDeclaration,
    events: log.map(eventView),
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
