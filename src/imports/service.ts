// `xaso import dossiers`: a commune's history from the system it used before, validated row by row, written in
// batches (one transaction each, with the run's position), idempotent by (commune, original MaHoSo) and resumable
// from the last committed batch. Each dossier is created by one history entry "Nhập từ hệ thống cũ" written by the
// system: the first link of its keyed chain (`xaso verify` checks it like any other), with its indicator facts; the
// commune's indicator rollup is rebuilt at the end. No notice is sent and nothing is queued for the national portal:
// the earlier system already did both for these dossiers.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { eventEntry } from '../dossiers/store.ts';
import { keyedEntry, keyedEntryHash } from '../dossiers/core/hash-chain.ts';
import { parseDossierCode } from '../dossiers/core/code.ts';
import { chainKey } from '../integrity/key-store.ts';
import { applicantRef } from '../dossiers/service.ts';
import { buildRollup } from '../indicators/rollup-store.ts';
import { checkRow, type ValidationContext, type ValidRow } from './core/validate.ts';
import { IMPORT_ACTION, IMPORT_ACTOR, importedCounts, importedEntry } from './core/record.ts';
import { csvLine } from './core/csv.ts';
import { fileRows, ImportFileError, scanFile, type FileRow, type Format } from './read.ts';
import {
  advanceRun, createRun, findRun, finishRun, importedKeys, insertImported, insertRejects, raiseCounters, rejectsAfter, takenCodes, unitsOf,
  procedureRefs, type DossierOut, type RunRow,
} from './store.ts';

type Db = Kysely<Database>;

export interface ImportOptions {
  file: string;
  communeId: string;
  format: Format;
  dryRun?: boolean;
  now?: () => Date;
  /** Rows per transaction. */
  batchSize?: number;
  /** Asked between batches: true stops after the batch in flight (Ctrl+C). */
  stopRequested?: () => boolean;
  /** Called after each batch. */
  onProgress?: (p: { done: number; total: number; doneThisRun: number; seconds: number }) => void;
}

export interface ImportSummary {
  total: number;
  imported: number;
  skipped: number;
  rejected: number;
  /** Rows handled (all of them unless stopped). */
  position: number;
  status: 'done' | 'stopped' | 'already_done' | 'dry_run';
  reportFile: string | null;
  seconds: number;
}

export const reportFileOf = (file: string) => `${file}.loi.csv`;

interface Rejected { rowNo: number; sourceCode: string; reasons: string[] }

/** The row number an operator sees: the spreadsheet row for a CSV (the header is row 1), the element's number for JSON. */
const shownRow = (format: Format, rowNo: number) => (format === 'csv' ? rowNo + 1 : rowNo);

async function contextOf(db: Db, communeId: string, now: Date) {
  const units = await unitsOf(db, communeId);
  if (!units.length) throw new ImportFileError(`Xã "${communeId}" không có trong hệ thống hoặc chưa có đơn vị nào.`);
  const desk = units.find((u) => u.receives_dossiers);
  if (!desk) throw new ImportFileError(`Xã "${communeId}" chưa có đơn vị tiếp nhận hồ sơ.`);
  const ctx: ValidationContext = {
    procedures: await procedureRefs(db), unitCodes: new Set(units.map((u) => u.code)),
    unitNames: new Map(units.map((u) => [u.name.toLowerCase(), u.code])), receivingUnitCode: desk.code, now,
  };
  return { ctx, units, desk };
}

export async function runImport(db: Db, o: ImportOptions): Promise<ImportSummary> {
  const now = o.now ?? (() => new Date());
  const started = Date.now();
  const size = o.batchSize ?? 2000;
  const { sha256, rows: total } = await scanFile(o.file, o.format);
  const { ctx, units, desk } = await contextOf(db, o.communeId, now());
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  const agencyOf = new Map(units.filter((u) => u.receives_dossiers).map((u) => [u.agency_code ?? u.commune_agency_code, u.id]));
  const key = chainKey();
  const fileName = path.basename(o.file);

  let run: RunRow | null = null;
  if (!o.dryRun) {
    run = (await findRun(db, o.communeId, sha256)) ?? (await createRun(db, { communeId: o.communeId, sha256, fileName, format: o.format, totalRows: total, now: now() }));
    if (run.status === 'done') {
      return { total, imported: run.imported, skipped: run.skipped, rejected: run.rejected, position: run.position, status: 'already_done', reportFile: run.rejected ? reportFileOf(o.file) : null, seconds: 0 };
    }
  }
  const startAt = run?.position ?? 0;
  const dryRejects: Rejected[] = [];
  const counts = { imported: run?.imported ?? 0, skipped: run?.skipped ?? 0, rejected: run?.rejected ?? 0 };
  let position = startAt;
  let stopped = false;

  /** Validates, classifies and (unless a dry run) writes one batch with the run's new position, in one transaction. */
  const flush = async (batch: FileRow[]) => {
    if (!batch.length) return;
    const at = now();
    const rejects: Rejected[] = [];
    const valid: { rowNo: number; row: ValidRow }[] = [];
    for (const r of batch) {
      if ('unreadable' in r) { rejects.push({ rowNo: r.rowNo, sourceCode: r.sourceCode, reasons: [r.unreadable] }); continue; }
      const c = checkRow(r.raw, r.steps, ctx);
      if (c.ok) valid.push({ rowNo: r.rowNo, row: c.row });
      else rejects.push({ rowNo: r.rowNo, sourceCode: c.sourceCode, reasons: c.reasons });
    }
    const write = async (trx: Db) => {
      const known = new Map((await importedKeys(trx, o.communeId, valid.map((v) => v.row.sourceCode))).map((k) => [k.source_code, k]));
      const taken = await takenCodes(trx, o.communeId, valid.flatMap((v) => (v.row.code ? [v.row.code] : [])), valid.flatMap((v) => (v.row.externalCode ? [v.row.externalCode] : [])));
      const seen = new Map<string, number>();
      const out: DossierOut[] = [];
      const counters = new Map<string, { unitId: number; day: string; seq: number }>();
      let skipped = 0;
      for (const { rowNo, row } of valid) {
        const earlier = known.get(row.sourceCode);
        const dup = seen.get(row.sourceCode) ?? (earlier && run && earlier.run_id === run.id && earlier.row_no !== rowNo ? earlier.row_no : undefined);
        if (dup !== undefined) {
          rejects.push({ rowNo, sourceCode: row.sourceCode, reasons: [`Mã hồ sơ trùng với dòng ${shownRow(o.format, dup)} của tệp.`] });
          continue;
        }
        if (earlier) { // imported before: by an earlier file, or by this run before a crash
          skipped++;
          seen.set(row.sourceCode, rowNo);
          continue;
        }
        const ownCode = row.code ?? row.externalCode!;
        if (taken.has(ownCode)) {
          rejects.push({ rowNo, sourceCode: row.sourceCode, reasons: [`Mã "${ownCode}" đã là mã của một hồ sơ khác trong hệ thống.`] });
          continue;
        }
        seen.set(row.sourceCode, rowNo);
        out.push(dossierOut(row, rowNo, at));
        const parsed = row.code ? parseDossierCode(row.code) : null;
        const unit = parsed ? agencyOf.get(parsed.agencyId) : undefined;
        if (parsed && unit !== undefined) {
          const k = `${unit}|${parsed.receiptDate}`;
          const c = counters.get(k);
          if (!c || c.seq < parsed.sequence) counters.set(k, { unitId: unit, day: parsed.receiptDate, seq: parsed.sequence });
        }
      }
      if (!o.dryRun) {
        await insertImported(trx, o.communeId, run!.id, at, IMPORT_ACTION, IMPORT_ACTOR.id, out);
        await raiseCounters(trx, [...counters.values()]);
        await insertRejects(trx, run!.id, rejects);
        await advanceRun(trx, run!.id, { position: batch[batch.length - 1]!.rowNo, imported: out.length, skipped, rejected: rejects.length, now: at });
      } else dryRejects.push(...rejects);
      counts.imported += out.length;
      counts.skipped += skipped;
      counts.rejected += rejects.length;
    };
    if (o.dryRun) await write(db);
    else await db.transaction().execute(write);
    position = batch[batch.length - 1]!.rowNo;
    o.onProgress?.({ done: position, total, doneThisRun: position - startAt, seconds: (Date.now() - started) / 1000 });
  };

  const dossierOut = (row: ValidRow, rowNo: number, at: Date): DossierOut => {
    const id = crypto.randomUUID();
    const { projection, event } = importedEntry(row, { applicantId: applicantRef(row.idNumber), receivingUnitCode: desk.code, at, file: fileName, row: shownRow(o.format, rowNo) });
    const entry = eventEntry({
      dossierId: id, seq: 1, action: IMPORT_ACTION, fromState: null, toState: row.state, actorId: IMPORT_ACTOR.id, actorRole: IMPORT_ACTOR.role,
      actorUnit: null, at, payload: event.payload, changes: event.changes, handover: null,
    });
    const hash = keyedEntryHash(key, null, keyedEntry(entry, { name: null, title: null }));
    const received = row.receivedAt !== null;
    return {
      id, code: row.code, externalCode: row.externalCode, procedureCode: row.procedure.code, procedureVersion: row.procedure.version, channel: row.channel,
      state: row.state, applicantName: row.applicantName,
      applicant: JSON.stringify({ address: null, phone: row.phone, email: row.email, note: row.summary }), idNumber: row.idNumber,
      receivingUnitId: received || row.state === 3 ? desk.id : null, authority: row.procedure.authority,
      currentUnitId: row.unitCode ? (unitId.get(row.unitCode) ?? null) : null, submittedAt: row.submittedAt, receivedAt: row.receivedAt,
      dueAt: row.dueAt, finishedAt: row.finishedAt, returnedAt: row.returnedAt, eid: row.eid, projection: JSON.stringify(projection), hash,
      createdAt: row.submittedAt ?? row.receivedAt ?? at,
      event: { toState: row.state, payload: JSON.stringify(event.payload), changes: JSON.stringify(event.changes) },
      facts: { unitCode: row.unitCode, fieldCode: row.procedure.fieldCode, pausedAt: projection.pausedAt, counts: importedCounts(row).join(',') },
      sourceCode: row.sourceCode, rowNo,
    };
  };

  let batch: FileRow[] = [];
  try {
    for await (const r of fileRows(o.file, o.format)) {
      if (r.rowNo <= startAt) continue;
      batch.push(r);
      if (batch.length >= size) {
        await flush(batch);
        batch = [];
        if (o.stopRequested?.()) { stopped = true; break; }
      }
    }
    if (!stopped) await flush(batch);
  } finally {
    // What was committed counts in the figures even when the run stops half way (the rollup is rebuilt from the facts).
    if (!o.dryRun && counts.imported > (run?.imported ?? 0)) await buildRollup(db, o.communeId, true);
  }
  const seconds = (Date.now() - started) / 1000;
  if (o.dryRun) {
    const reportFile = dryRejects.length ? await writeReport(reportFileOf(o.file), o.format, (async function* () { yield dryRejects; })()) : null;
    return { total, ...counts, position, status: 'dry_run', reportFile, seconds };
  }
  if (stopped) return { total, ...counts, position, status: 'stopped', reportFile: null, seconds };
  const done = await finishRun(db, run!.id, now());
  const reportFile = done.rejected ? await writeReport(reportFileOf(o.file), o.format, rejectPages(db, run!.id)) : null;
  return { total, imported: done.imported, skipped: done.skipped, rejected: done.rejected, position, status: 'done', reportFile, seconds };
}

async function* rejectPages(db: Db, runId: number): AsyncGenerator<Rejected[]> {
  let after = 0;
  for (;;) {
    const page = await rejectsAfter(db, runId, after, 5000);
    if (!page.length) return;
    yield page.map((r) => ({ rowNo: r.row_no, sourceCode: r.source_code, reasons: r.reasons }));
    after = page[page.length - 1]!.row_no;
  }
}

/** The report of rejected rows, UTF-8 with a byte-order mark (so that a spreadsheet reads the Vietnamese). */
async function writeReport(file: string, format: Format, pages: AsyncIterable<Rejected[]>): Promise<string> {
  const out = fs.createWriteStream(file, { encoding: 'utf8' });
  let failed: Error | null = null;
  out.on('error', (e) => { failed = e; });
  const write = (s: string) => new Promise<void>((resolve) => { if (out.write(s)) resolve(); else out.once('drain', resolve); });
  await write('\ufeff' + csvLine([format === 'csv' ? 'Dòng' : 'Hồ sơ thứ', 'MaHoSo', 'Lý do']));
  for await (const page of pages) {
    let chunk = '';
    for (const r of page) chunk += csvLine([shownRow(format, r.rowNo), r.sourceCode, r.reasons.join(' ')]);
    await write(chunk);
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
  if (failed) throw failed;
  return file;
}
