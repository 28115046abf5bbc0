// The digitisation queue's SQL edge (migration 036): enqueueing in the caller's transaction, the worker's claims
// with a lease, and the records of each try (worker.ts explains the claim). Content is read through vault/store.ts.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { putFile } from '../dossiers/files-store.ts';
import { openRow } from '../vault/store.ts';
import type { ScanFacts } from './core/facts.ts';
import type { ColourNeed, Finding } from './core/quality.ts';
import type { AfterFailure } from './core/retry.ts';

type Db = Kysely<Database>;

export interface NewJob {
  dossierId: string;
  componentCode: string;
  sourceSha256: string;
  sourceType: string;
  colourNeed: ColourNeed;
  expectedPages: number | null;
  facts: ScanFacts;
  findings: Finding[];
  timeoutSeconds: number;
  enqueuedBy: number | null;
  now: Date;
  /** The storage file name of the version the job gets. */
  fileName: (version: number) => string;
}

/** The job of this source for this component, if any. */
export function jobOfSource(trx: Db, dossierId: string, componentCode: string, sourceSha256: string) {
  return trx.selectFrom('digitisation_jobs')
    .select(['id', 'version', 'file_name', 'findings', 'status'])
    .where('dossier_id', '=', dossierId).where('component_code', '=', componentCode).where('source_sha256', '=', sourceSha256)
    .executeTakeFirst();
}

/**
 * Inserts the job of a scan, at the component's next version, unless this source already has one (then returns
 * that one, `created: false`). The transaction-scoped advisory lock on (dossier, component) serialises two enqueues
 * of the same component, so the second sees the first's version; it is released at the caller's commit.
 */
export async function insertJob(trx: Db, j: NewJob) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`digitisation:${j.dossierId}:${j.componentCode}`}, 0))`.execute(trx);
  const existing = await jobOfSource(trx, j.dossierId, j.componentCode, j.sourceSha256);
  if (existing) return { ...existing, created: false };
  const last = await trx.selectFrom('digitisation_jobs').select((eb) => eb.fn.max('version').as('v'))
    .where('dossier_id', '=', j.dossierId).where('component_code', '=', j.componentCode).executeTakeFirst();
  const version = Number(last?.v ?? 0) + 1;
  const row = await trx.insertInto('digitisation_jobs')
    .values((eb) => ({
      dossier_id: j.dossierId,
      commune_id: eb.selectFrom('dossiers').select('commune_id').where('id', '=', j.dossierId),
      component_code: j.componentCode,
      version,
      source_sha256: j.sourceSha256,
      source_type: j.sourceType,
      file_name: j.fileName(version),
      colour_need: j.colourNeed,
      expected_pages: j.expectedPages,
      source_pages: j.facts.pages.length,
      facts: JSON.stringify(j.facts),
      findings: JSON.stringify(j.findings),
      next_attempt_at: j.now,
      timeout_seconds: j.timeoutSeconds,
      enqueued_by: j.enqueuedBy,
      created_at: j.now,
    }))
    .returning(['id', 'version', 'file_name', 'findings', 'status'])
    .executeTakeFirstOrThrow();
  return { ...row, created: true };
}

/** Claims up to `limit` due jobs (queued and due, or running with an expired lease): counts the try, marks them
 *  running and sets each one's lease to its OCR time limit plus `marginMs`. */
export function claimDue(db: Db, now: Date, marginMs: number, limit: number) {
  return db
    .updateTable('digitisation_jobs')
    .set({
      status: 'running',
      attempts: sql`attempts + 1`,
      started_at: now,
      next_attempt_at: sql`${now}::timestamptz + make_interval(secs => timeout_seconds + ${marginMs / 1000})`,
    })
    .where('id', 'in', (eb) => eb
      .selectFrom('digitisation_jobs')
      .select('id')
      .where('status', 'in', ['queued', 'running'])
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked())
    .returning(['id', 'dossier_id', 'commune_id', 'component_code', 'version', 'source_sha256', 'source_type', 'file_name', 'facts', 'findings', 'attempts', 'timeout_seconds'])
    .execute();
}

export type ClaimedJob = Awaited<ReturnType<typeof claimDue>>[number];

/** A job's row is still ours: running, and not claimed again by another worker after our lease ran out. */
const ours = (id: string, attempts: number) => (db: Db) =>
  db.updateTable('digitisation_jobs').where('id', '=', id).where('status', '=', 'running').where('attempts', '=', attempts);

/** The source file's bytes (decrypted) and type. */
export async function sourceContent(db: Db, sha256: string) {
  const row = await db.selectFrom('files').select(['sha256', 'content', 'key_version', 'wrapped_key', 'nonce', 'content_type'])
    .where('sha256', '=', sha256).executeTakeFirstOrThrow();
  return openRow(row);
}

/** Records a failed try: back to the queue at `next.nextAttemptAt`, or failed for good with `error`. */
export async function recordFailure(db: Db, job: { id: string; attempts: number }, error: string, detail: string | null, next: AfterFailure, now: Date) {
  await ours(job.id, job.attempts)(db)
    .set(next.status === 'failed'
      ? { status: 'failed', last_error: error, error_detail: detail, finished_at: now }
      : { status: 'queued', last_error: error, error_detail: detail, next_attempt_at: next.nextAttemptAt })
    .execute();
}

/** Gives a claimed job back untried (the worker is stopping): due at once, the try not counted. */
export async function releaseClaim(db: Db, job: { id: string; attempts: number }, now: Date) {
  await ours(job.id, job.attempts)(db)
    .set({ status: 'queued', attempts: sql`attempts - 1`, next_attempt_at: now })
    .execute();
}

/** Stores the storage copy and its OCR text (both encrypted in `files`) and marks the job done, in one transaction
 *  with `also` (the dossier's history entry); false (and nothing stored) when the job is no longer ours. */
export async function recordDone(
  db: Db,
  job: { id: string; attempts: number },
  r: { pdf: Buffer; text: string; letters: number; pages: number; findings: Finding[]; now: Date },
  also?: (trx: Db, resultSha256: string) => Promise<void>,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const mine = await trx.selectFrom('digitisation_jobs').select('id')
      .where('id', '=', job.id).where('status', '=', 'running').where('attempts', '=', job.attempts)
      .forUpdate().executeTakeFirst();
    if (!mine) return false;
    const result = await putFile(trx, r.pdf, 'application/pdf');
    const ocr = await putFile(trx, Buffer.from(r.text, 'utf8'), 'text/plain; charset=utf-8');
    await ours(job.id, job.attempts)(trx)
      .set({
        status: 'done', result_sha256: result, ocr_sha256: ocr, ocr_letters: r.letters, result_pages: r.pages,
        findings: JSON.stringify(r.findings), last_error: null, error_detail: null, finished_at: r.now,
      })
      .execute();
    await also?.(trx, result);
    return true;
  });
}

/** A storage copy already made of the same source (the same bytes scanned into another dossier or component, e.g. the
 *  demo's data, or a paper filed twice): the worker reuses it instead of running OCR again. */
export function doneCopyOf(db: Db, sourceSha256: string) {
  return db.selectFrom('digitisation_jobs')
    .select(['result_sha256', 'ocr_sha256', 'ocr_letters', 'result_pages', 'findings'])
    .where('source_sha256', '=', sourceSha256).where('status', '=', 'done')
    .orderBy('id').limit(1)
    .executeTakeFirst();
}

/** Marks the job done with a storage copy already stored (doneCopyOf), in one transaction with `also`; false when
 *  the job is no longer ours. */
export async function recordCopied(
  db: Db,
  job: { id: string; attempts: number },
  copy: { result_sha256: string | null; ocr_sha256: string | null; ocr_letters: number | null; result_pages: number | null; findings: Finding[] },
  now: Date,
  also?: (trx: Db, resultSha256: string) => Promise<void>,
): Promise<boolean> {
  if (!copy.result_sha256 || !copy.ocr_sha256) return false;
  const result = copy.result_sha256;
  return db.transaction().execute(async (trx) => {
    const r = await ours(job.id, job.attempts)(trx)
      .set({
        status: 'done', result_sha256: result, ocr_sha256: copy.ocr_sha256, ocr_letters: copy.ocr_letters, result_pages: copy.result_pages,
        findings: JSON.stringify(copy.findings), last_error: null, error_detail: null, finished_at: now,
      })
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) return false;
    await also?.(trx, result);
    return true;
  });
}

/** A dossier's jobs, newest version first per component. */
export function jobsOfDossier(db: Db, dossierId: string) {
  return db.selectFrom('digitisation_jobs')
    .select(['id', 'component_code', 'version', 'file_name', 'status', 'attempts', 'findings', 'last_error', 'source_sha256', 'source_pages', 'result_sha256', 'result_pages', 'created_at', 'finished_at'])
    .where('dossier_id', '=', dossierId)
    .orderBy('component_code').orderBy('version', 'desc')
    .execute();
}

/** The OCR text of a done job of this dossier (decrypted); undefined when there is none. */
export async function ocrTextOf(db: Db, dossierId: string, jobId: string): Promise<string | undefined> {
  const row = await db.selectFrom('digitisation_jobs as j')
    .innerJoin('files as b', 'b.sha256', 'j.ocr_sha256')
    .select(['b.sha256', 'b.content', 'b.key_version', 'b.wrapped_key', 'b.nonce'])
    .where('j.id', '=', jobId).where('j.dossier_id', '=', dossierId)
    .executeTakeFirst();
  return row ? openRow(row).content.toString('utf8') : undefined;
}

/** Files of dossier components with no job yet (online uploads, supplements, demo data): after the file id `afterId`,
 *  oldest first, at most `limit`. Not the result (KET_QUA: a born-digital draft, signed as it is), not a paper taken
 *  from the applicant's store (already digitised). Walks dossier_files by its primary key; the job probe uses the
 *  UNIQUE (dossier_id, component_code, source_sha256) index. */
export function filesWithoutJob(db: Db, afterId: number, limit: number, skip: readonly number[] = []) {
  let q = db.selectFrom('dossier_files as f')
    .innerJoin('dossiers as d', 'd.id', 'f.dossier_id')
    .innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.id', 'f.dossier_id', 'f.component_code', 'f.sha256', 'b.content_type', 'd.procedure_code', 'd.procedure_version'])
    .where('f.id', '>', afterId)
    .where('f.component_code', '<>', 'KET_QUA')
    .where('f.store_item_id', 'is', null)
    .where('b.content_type', 'in', ['application/pdf', 'image/jpeg', 'image/png'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('digitisation_jobs as j').select('j.id')
      .whereRef('j.dossier_id', '=', 'f.dossier_id').whereRef('j.component_code', '=', 'f.component_code')
      .whereRef('j.source_sha256', '=', 'f.sha256'))))
    .orderBy('f.id')
    .limit(limit);
  if (skip.length) q = q.where('f.id', 'not in', skip);
  return q.execute();
}

/** The newest dossier file's id (0 when none). */
export async function lastFileId(db: Db): Promise<number> {
  const r = await db.selectFrom('dossier_files').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  return Number(r?.id ?? 0);
}

/** One job of a dossier (any status), with what its download and history need. */
export function jobOfDossier(db: Db, dossierId: string, jobId: string) {
  return db.selectFrom('digitisation_jobs')
    .select(['id', 'dossier_id', 'component_code', 'version', 'file_name', 'status', 'source_sha256', 'result_sha256'])
    .where('dossier_id', '=', dossierId).where('id', '=', jobId)
    .executeTakeFirst();
}

/** The name the source file was attached under (its newest attachment to the component). */
export async function attachedName(db: Db, dossierId: string, componentCode: string, sha256: string): Promise<string | undefined> {
  const r = await db.selectFrom('dossier_files').select('file_name')
    .where('dossier_id', '=', dossierId).where('component_code', '=', componentCode).where('sha256', '=', sha256)
    .orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r?.file_name;
}

/** A failed job queued again at once, its tries counted from zero ("Thử lại" on the dossier page); false when the
 *  dossier has no such failed job. */
export async function retryFailed(db: Db, dossierId: string, jobId: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('digitisation_jobs')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now, finished_at: null })
    .where('id', '=', jobId).where('dossier_id', '=', dossierId).where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
