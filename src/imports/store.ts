// The SQL of an import (src/imports/service.ts): the catalogue and units it checks rows against, its run record, and
// one batch written in bulk (unnest: one statement per table for the whole batch), in the caller's transaction.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ProcedureRef } from './core/validate.ts';
import { vnDate } from '../calendar/core/vn-time.ts';

type Db = Kysely<Database>;

/** Every version of every procedure, by code, as the validator reads them. */
export async function procedureRefs(db: Db): Promise<Map<string, ProcedureRef[]>> {
  const rows = await db.selectFrom('procedures')
    .select(['code', 'version', 'effective_from', 'effective_to', 'field_code', sql<ProcedureData>`data`.as('data')])
    .orderBy('code').orderBy('version').execute();
  const out = new Map<string, ProcedureRef[]>();
  const day = (d: Date | string | null) => (d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10));
  for (const r of rows) {
    const f = r.data.flags ?? {};
    const ref: ProcedureRef = {
      code: r.code, version: r.version, effectiveFrom: day(r.effective_from)!, effectiveTo: day(r.effective_to), fieldCode: r.field_code,
      authority: r.data.authority, handlingUnitCode: r.data.handlingUnitCode, routingOnly: r.data.routingOnly === true,
      flags: { eligibleFullOnline: !!f.eligibleFullOnline, returnsPaperResult: !!f.returnsPaperResult, hasFee: !!f.hasFee },
    };
    out.set(r.code, [...(out.get(r.code) ?? []), ref]);
  }
  return out;
}
interface ProcedureData {
  authority: string; handlingUnitCode: string; routingOnly?: boolean;
  flags?: { eligibleFullOnline?: boolean; returnsPaperResult?: boolean; hasFee?: boolean };
}

/** The commune's units (code, name, id, agency code, receives dossiers) and its own agency code. */
export async function unitsOf(db: Db, communeId: string) {
  return db.selectFrom('units as u').innerJoin('communes as c', 'c.id', 'u.commune_id')
    .select(['u.id', 'u.code', 'u.name', 'u.agency_code', 'u.receives_dossiers', 'c.agency_code as commune_agency_code'])
    .where('u.commune_id', '=', communeId).orderBy('u.id').execute();
}

export async function communeIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('communes').select('id').orderBy('id').execute()).map((r) => r.id);
}

export async function findRun(db: Db, communeId: string, sha256: string) {
  return db.selectFrom('import_runs').selectAll().where('commune_id', '=', communeId).where('file_sha256', '=', sha256).executeTakeFirst();
}
export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

export async function createRun(db: Db, r: { communeId: string; sha256: string; fileName: string; format: 'csv' | 'json'; totalRows: number; now: Date }) {
  return db.insertInto('import_runs').values({
    commune_id: r.communeId, file_sha256: r.sha256, file_name: r.fileName, format: r.format, total_rows: r.totalRows, started_at: r.now, updated_at: r.now,
  }).returningAll().executeTakeFirstOrThrow();
}

export async function advanceRun(db: Db, runId: number, d: { position: number; imported: number; skipped: number; rejected: number; now: Date }) {
  await db.updateTable('import_runs').set((eb) => ({
    position: d.position, imported: eb('imported', '+', d.imported), skipped: eb('skipped', '+', d.skipped), rejected: eb('rejected', '+', d.rejected), updated_at: d.now,
  })).where('id', '=', runId).execute();
}

export async function finishRun(db: Db, runId: number, now: Date) {
  return db.updateTable('import_runs').set({ status: 'done', finished_at: now, updated_at: now }).where('id', '=', runId).returningAll().executeTakeFirstOrThrow();
}

/** Of these original codes, those already imported into the commune, with the run and row that imported them. */
export async function importedKeys(db: Db, communeId: string, sourceCodes: readonly string[]) {
  if (!sourceCodes.length) return [];
  return db.selectFrom('imported_dossiers').select(['source_code', 'run_id', 'row_no'])
    .where('commune_id', '=', communeId).where('source_code', 'in', sourceCodes).execute();
}

/** Of these codes, those some dossier already carries as its code (unique across communes), or as its external code
 *  in the commune (unique in the commune, migration 027). */
export async function takenCodes(db: Db, communeId: string, codes: readonly string[], externalCodes: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  if (codes.length) {
    for (const r of await db.selectFrom('dossiers').select('code').where('code', 'in', codes).execute()) taken.add(r.code!);
  }
  if (externalCodes.length) {
    const rows = await db.selectFrom('dossiers').select('external_code').where('commune_id', '=', communeId).where('external_code', 'in', externalCodes).execute();
    for (const r of rows) taken.add(r.external_code!);
  }
  return taken;
}

/** One imported dossier as written: columns, its first log entry and its facts. */
export interface DossierOut {
  id: string; code: string | null; externalCode: string | null; procedureCode: string; procedureVersion: number; channel: string; state: number;
  applicantName: string; applicant: string; idNumber: string | null; receivingUnitId: number | null; authority: string; currentUnitId: number | null;
  submittedAt: Date | null; receivedAt: Date | null; dueAt: Date | null; finishedAt: Date | null; returnedAt: Date | null; eid: boolean;
  projection: string; hash: string; createdAt: Date;
  event: { toState: number; payload: string; changes: string };
  facts: { unitCode: string | null; fieldCode: string; pausedAt: Date | null; counts: string };
  sourceCode: string; rowNo: number;
}

/** Writes a batch of imported dossiers: dossiers, their first log entries, routing, indicator facts and keys, one
 *  statement per table. */
/** What the sync screen says of an imported dossier's state on the portal. */
const IMPORT_SYNC_NOTE = 'Đã đồng bộ bởi hệ thống dùng trước đây (nhập dữ liệu)';

/** The code an imported dossier had in the system used before (its MaHoSo there), or null if it was not imported. */
export async function importedSourceCode(db: Db, dossierId: string): Promise<string | null> {
  const r = await db.selectFrom('imported_dossiers').select('source_code').where('dossier_id', '=', dossierId).executeTakeFirst();
  return r?.source_code ?? null;
}

export async function insertImported(trx: Db, communeId: string, runId: number | null, at: Date, action: string, actor: string, rows: readonly DossierOut[]) {
  if (!rows.length) return;
  const col = <T>(f: (r: DossierOut) => T) => rows.map(f);
  const ids = col((r) => r.id);
  // The partition of their logs (migration 049): the month of their first entry here, the import's.
  const month = `${vnDate(at).slice(0, 7)}-01`;
  await sql`
    INSERT INTO dossiers (id, commune_id, code, external_code, procedure_code, procedure_version, channel, state, applicant_name, applicant,
                          applicant_id_number, receiving_unit_id, competent_authority, current_unit_id, submitted_at, received_at, due_at,
                          original_due_at, finished_at, returned_at, authenticated_with_eid, projection, event_count, last_hash, created_at, updated_at,
                          dossier_month)
    SELECT x.id, ${communeId}, x.code, x.external_code, x.procedure_code, x.procedure_version, x.channel, x.state, x.applicant_name, x.applicant,
           x.id_number, x.receiving_unit_id, x.authority, x.current_unit_id, x.submitted_at, x.received_at, x.due_at, x.due_at, x.finished_at,
           x.returned_at, x.eid, x.projection, 1, x.hash, x.created_at, ${at}, ${month}::date
      FROM unnest(${ids}::uuid[], ${col((r) => r.code)}::text[], ${col((r) => r.externalCode)}::text[], ${col((r) => r.procedureCode)}::text[],
                  ${col((r) => r.procedureVersion)}::int[], ${col((r) => r.channel)}::text[], ${col((r) => r.state)}::smallint[],
                  ${col((r) => r.applicantName)}::text[], ${col((r) => r.applicant)}::jsonb[], ${col((r) => r.idNumber)}::text[],
                  ${col((r) => r.receivingUnitId)}::bigint[], ${col((r) => r.authority)}::text[], ${col((r) => r.currentUnitId)}::bigint[],
                  ${col((r) => r.submittedAt)}::timestamptz[], ${col((r) => r.receivedAt)}::timestamptz[], ${col((r) => r.dueAt)}::timestamptz[],
                  ${col((r) => r.finishedAt)}::timestamptz[], ${col((r) => r.returnedAt)}::timestamptz[], ${col((r) => r.eid)}::boolean[],
                  ${col((r) => r.projection)}::jsonb[], ${col((r) => r.hash)}::text[], ${col((r) => r.createdAt)}::timestamptz[])
           AS x(id, code, external_code, procedure_code, procedure_version, channel, state, applicant_name, applicant, id_number, receiving_unit_id,
                authority, current_unit_id, submitted_at, received_at, due_at, finished_at, returned_at, eid, projection, hash, created_at)`.execute(trx);
  await sql`
    INSERT INTO dossier_events (dossier_id, seq, action, from_state, to_state, actor_id, actor_role, actor_unit, at, payload, changes, handover,
                                prev_hash, hash, actor_name, actor_title, chain_version, dossier_month)
    SELECT x.id, 1, ${action}, NULL, x.to_state, ${actor}, 'system', NULL, ${at}, x.payload, x.changes, NULL, NULL, x.hash, NULL, NULL, 2, ${month}::date
      FROM unnest(${ids}::uuid[], ${col((r) => r.event.toState)}::smallint[], ${col((r) => r.event.payload)}::jsonb[],
                  ${col((r) => r.event.changes)}::jsonb[], ${col((r) => r.hash)}::text[]) AS x(id, to_state, payload, changes, hash)`.execute(trx);
  const routed = rows.filter((r) => r.currentUnitId !== null);
  if (routed.length) {
    await sql`INSERT INTO dossier_units (dossier_id, unit_id) SELECT * FROM unnest(${routed.map((r) => r.id)}::uuid[], ${routed.map((r) => r.currentUnitId)}::bigint[])
              ON CONFLICT DO NOTHING`.execute(trx);
  }
  await sql`
    INSERT INTO indicator_facts (dossier_id, commune_id, unit_code, field_code, procedure_code, channel, received_at, finished_at, returned_at,
                                 original_due_at, paused_at, supplement_count, late_by_supplement_rule, counts, updated_at)
    SELECT x.id, ${communeId}, x.unit_code, x.field_code, x.procedure_code, x.channel, x.received_at, x.finished_at, x.returned_at, x.due_at,
           x.paused_at, 0, false, string_to_array(x.counts, ','), ${at}
      FROM unnest(${ids}::uuid[], ${col((r) => r.facts.unitCode)}::text[], ${col((r) => r.facts.fieldCode)}::text[], ${col((r) => r.procedureCode)}::text[],
                  ${col((r) => r.channel)}::text[], ${col((r) => r.receivedAt)}::timestamptz[], ${col((r) => r.finishedAt)}::timestamptz[],
                  ${col((r) => r.returnedAt)}::timestamptz[], ${col((r) => r.dueAt)}::timestamptz[], ${col((r) => r.facts.pausedAt)}::timestamptz[],
                  ${col((r) => r.facts.counts)}::text[])
           AS x(id, unit_code, field_code, procedure_code, channel, received_at, finished_at, returned_at, due_at, paused_at, counts)`.execute(trx);
  // Synced to the national portal by the system used before (it was the province's system, connected to DVCQG): the
  // portal holds them, so a later change here is an update of the dossier there, and they count as synced in 766 1.4.
  // The daily reconciliation (src/sync/reconcile.ts) compares the counts and shows it if the portal lacks any.
  await sql`
    INSERT INTO dossier_sync (dossier_id, commune_id, next_seq, last_event_seq, prev_event_seq, status, acked_seq, created_acked_at,
                              last_code, last_message, updated_at)
    SELECT x.id, ${communeId}, 2, 1, 0, 'done', 1, ${at}, '0', ${IMPORT_SYNC_NOTE}, ${at} FROM unnest(${ids}::uuid[]) AS x(id)`.execute(trx);
  if (runId !== null) {
    await sql`INSERT INTO imported_dossiers (commune_id, source_code, dossier_id, run_id, row_no)
              SELECT ${communeId}, x.source_code, x.id, ${runId}, x.row_no
                FROM unnest(${col((r) => r.sourceCode)}::text[], ${ids}::uuid[], ${col((r) => r.rowNo)}::bigint[]) AS x(source_code, id, row_no)`.execute(trx);
  }
}

/** Keeps each receiving unit's daily counter at or above the sequences of the codes imported for it (domain.md §2.4:
 *  the codes issued after the import continue the day's numbering, never reuse one). */
export async function raiseCounters(trx: Db, counters: readonly { unitId: number; day: string; seq: number }[]) {
  if (!counters.length) return;
  await sql`
    INSERT INTO dossier_code_counters (receiving_unit_id, day, last_seq)
    SELECT * FROM unnest(${counters.map((c) => c.unitId)}::bigint[], ${counters.map((c) => c.day)}::date[], ${counters.map((c) => c.seq)}::int[])
    ORDER BY 1, 2
    ON CONFLICT (receiving_unit_id, day) DO UPDATE SET last_seq = GREATEST(dossier_code_counters.last_seq, excluded.last_seq)`.execute(trx);
}

export async function insertRejects(trx: Db, runId: number, rows: readonly { rowNo: number; sourceCode: string; reasons: string[] }[]) {
  if (!rows.length) return;
  await trx.insertInto('import_rejects').values(rows.map((r) => ({ run_id: runId, row_no: r.rowNo, source_code: r.sourceCode, reasons: r.reasons })))
    .onConflict((oc) => oc.doNothing()).execute();
}

/** The rejected rows of a run after `afterRow`, in order (keyset pages for the report). */
export async function rejectsAfter(db: Db, runId: number, afterRow: number, limit: number) {
  return db.selectFrom('import_rejects').select(['row_no', 'source_code', 'reasons'])
    .where('run_id', '=', runId).where('row_no', '>', afterRow).orderBy('row_no').limit(limit).execute();
}
