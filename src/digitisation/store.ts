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
    .returning(['id', 'dossier_id', 'component_code', 'version', 'source_sha256', 'source_type', 'file_name', 'facts', 'findings', 'attempts', 'timeout_seconds'])
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

/** Stores the storage copy and its OCR text (both encrypted in `files`) and marks the job done, in one transaction;
 *  false (and nothing stored) when the job is no longer ours. */
export async function recordDone(
  db: Db,
  job: { id: string; attempts: number },
  r: { pdf: Buffer; text: string; letters: number; pages: number; findings: Finding[]; now: Date },
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
    return true;
  });
}

/** A dossier's jobs, newest version first per component. */
export function jobsOfDossier(db: Db, dossierId: string) {
  return db.selectFrom('digitisation_jobs')
    .select(['id', 'component_code', 'version', 'file_name', 'status', 'attempts', 'findings', 'last_error', 'source_sha256', 'result_sha256', 'result_pages', 'created_at', 'finished_at'])
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
