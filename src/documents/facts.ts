// The facts a document is built from, gathered through the documents' store (store.ts) and the dossier store: the
// facts of one dossier for its forms, and the rows of a tracking book. The ID number is read only for a document that
// prints it, and only for roles that may see it.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { procedureVersion } from '../catalogue/store.ts';
import type { Principal } from '../identity/core/principal.ts';
import { isStateCode, type ReturnChannel } from '../dossiers/core/index.ts';
import { canReadIdNumbers, reviveProjection } from '../dossiers/service.ts';
import { events, files, idNumberOf, type DossierRow, type EventRow } from '../dossiers/store.ts';
import { Problem } from '../http/problem.ts';
import type { HandoverResult } from '../calendar/core/index.ts';
import { instant, text, type EventFacts, type HandoverFacts } from './core/model.ts';
import { fieldProcedures, orgFacts, paidEntriesOf, receivedInField } from './store.ts';
import type { FiledDossierFacts, FilingFacts } from './core/identity.ts';
import { deskIdWaiverOf, eidFilingOfDossier } from '../identity/citizens/accounts.ts';
import { receivedPapersOf } from '../dossiers/answers-store.ts';

type Db = Kysely<Database>;

const RESULTS: readonly HandoverResult[] = ['early', 'on_time', 'late'];

function handoverOf(json: unknown): HandoverFacts | null {
  if (!json || typeof json !== 'object') return null;
  const h = json as Record<string, unknown>;
  const toUnit = text(h.toUnit);
  if (!toUnit) return null;
  return {
    fromUnit: text(h.fromUnit),
    toUnit,
    fromAssigneeId: text(h.fromAssigneeId),
    toAssigneeId: text(h.toAssigneeId),
    stepCode: text(h.stepCode),
    stepDueAt: instant(h.stepDueAt),
    result: RESULTS.includes(h.result as HandoverResult) ? (h.result as HandoverResult) : null,
  };
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

function eventFacts(e: EventRow): EventFacts {
  return {
    seq: e.seq, action: e.action, fromState: e.from_state, toState: e.to_state, at: new Date(e.at),
    actorId: e.actor_id, actorRole: e.actor_role, actorUnit: e.actor_unit,
    payload: asRecord(e.payload), changes: asRecord(e.changes), handover: handoverOf(e.handover),
  };
}

/**
 * Who filed the dossier, for the documents that show the ID number (core/identity.ts): whether the applicant has an
 * ID number, the reason recorded at the counter when not, and the authorised person who filed online for them,
 * their ID number only for `mayRead`.
 */
async function filingFacts(db: Db, dossierId: string, stored: string | null, mayRead: boolean): Promise<FilingFacts> {
  const [waiver, filing] = await Promise.all([stored ? null : deskIdWaiverOf(db, dossierId), eidFilingOfDossier(db, dossierId)]);
  return {
    hasIdNumber: stored !== null,
    idWaiver: waiver && { label: waiver.label, detail: waiver.detail },
    authorised: filing?.onBehalf ? { name: filing.name, idNumber: mayRead ? filing.idNumber : null } : null,
  };
}

/**
 * Everything the dossier documents print. `withIdNumber`: the document shows the ID number (and who filed the
 * dossier); it is shown only then, and only for roles that may see ID numbers (the others get `idHidden`).
 */
export async function dossierFacts(db: Db, p: Principal, row: DossierRow, withIdNumber: boolean): Promise<FiledDossierFacts> {
  const [log, attached, procedure, received, paid] = await Promise.all([
    events(db, row.id),
    files(db, row.id),
    procedureVersion(db, row.procedure_code, row.procedure_version),
    receivedPapersOf(db, row.id),
    paidEntriesOf(db, p, row.id),
  ]);
  if (!procedure) throw new Problem(500, 'CATALOGUE_MISSING', 'Thiếu phiên bản thủ tục của hồ sơ.');
  const evs = log.map(eventFacts);
  const staffIds = evs.flatMap((e) => [e.actorId, e.handover?.toAssigneeId ?? '', e.handover?.fromAssigneeId ?? '']);
  const { org, units } = await orgFacts(db, row.commune_id, staffIds);
  const codeOf = (id: number | null) => (id === null ? null : (units.find((u) => u.id === id)?.code ?? null));
  const mayRead = withIdNumber && canReadIdNumbers(p);
  const stored = withIdNumber ? await idNumberOf(db, row.id) : null;
  const idNumber = mayRead ? stored : null;
  const filed = withIdNumber ? await filingFacts(db, row.id, stored, mayRead) : {};
  const a = asRecord(row.applicant);
  const projection = reviveProjection(row.projection);
  if (!isStateCode(row.state)) throw new Problem(500, 'BAD_STATE', 'Trạng thái hồ sơ không hợp lệ.');
  return {
    id: row.id,
    code: row.code,
    reference: row.reference,
    state: row.state,
    channel: row.channel,
    applicant: {
      name: row.applicant_name,
      idNumber,
      idHidden: withIdNumber && !mayRead,
      address: text(a.address),
      phone: text(a.phone),
      email: text(a.email),
    },
    procedure,
    competentAuthority: row.competent_authority,
    receivingUnitCode: codeOf(row.receiving_unit_id) ?? projection.receivingUnitCode,
    currentUnitCode: codeOf(row.current_unit_id),
    receivedAt: projection.receivedAt,
    dueAt: projection.dueAt,
    originalDueAt: projection.originalDueAt,
    returnedAt: projection.returnedAt,
    returnChannel: projection.returnChannel ?? null,
    events: evs,
    files: attached.map((f) => ({ componentCode: f.component_code, fileName: f.file_name })),
    received,
    payments: paid.map((x) => ({
      entryId: String(x.id), amountVnd: Number(x.amount_vnd), method: x.method, at: new Date(x.at), transactionNo: x.transaction_no,
    })),
    org,
    ...filed,
  };
}

// ── The tracking book ───────────────────────────────────────────────────────────────────────────────────────

export interface BookRow {
  code: string;
  procedureName: string;
  handlingUnitCode: string | null;
  applicantName: string;
  address: string | null;
  phone: string | null;
  state: number;
  receivedAt: Date;
  dueAt: Date | null;
  extended: boolean;
  returnedAt: Date | null;
  finishedAt: Date | null;
  returnChannel: ReturnChannel | null;
}

/** Rows above this make the request fail (ask for a shorter period) rather than a PDF of hundreds of pages. */
export const MAX_BOOK_ROWS = 3000;

/**
 * The received dossiers of a field (lĩnh vực) in [start, end), in the caller's scope, by receipt time. Null when
 * the field is unknown. Throws 422 past MAX_BOOK_ROWS.
 */
export async function bookRows(db: Db, p: Principal, fieldCode: string, start: Date, end: Date) {
  const procs = await fieldProcedures(db, fieldCode);
  if (!procs.length) return null;
  const rows = await receivedInField(db, p, fieldCode, start, end, MAX_BOOK_ROWS + 1);
  if (rows.length > MAX_BOOK_ROWS) {
    throw new Problem(422, 'TOO_MANY_ROWS', `Khoảng thời gian có quá ${MAX_BOOK_ROWS} hồ sơ; vui lòng chọn khoảng ngắn hơn.`);
  }
  const byVersion = new Map(procs.map((r) => [`${r.code}#${r.version}`, r]));
  const book: BookRow[] = rows.map((r) => {
    const proc = byVersion.get(`${r.procedure_code}#${r.procedure_version}`);
    const a = asRecord(r.applicant);
    const projection = reviveProjection(r.projection);
    return {
      code: r.code ?? '',
      procedureName: proc?.name ?? r.procedure_code,
      handlingUnitCode: proc?.handling_unit_code ?? null,
      applicantName: r.applicant_name,
      address: text(a.address),
      phone: text(a.phone),
      state: r.state,
      receivedAt: new Date(r.received_at!),
      dueAt: r.due_at ? new Date(r.due_at) : null,
      extended: Boolean(projection.extendedDueAt),
      returnedAt: r.returned_at ? new Date(r.returned_at) : null,
      finishedAt: r.finished_at ? new Date(r.finished_at) : null,
      returnChannel: projection.returnChannel ?? null,
    };
  });
  return { fieldName: procs[0]!.field_name, rows: book };
}
