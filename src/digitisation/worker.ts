// The digitisation worker: turns each queued scan into its storage copy (PDF/A-2 with an OCR text layer, ocr.ts),
// records the OCR text and the findings OCR adds, retries a failed run with backoff (core/retry.ts) and finally marks
// the job failed with a clear Vietnamese message. The source file is only read, never changed or removed. A done job's
// OCR words are indexed as keyed hashes (search.ts) in the transaction that marks it done; each cycle also indexes a
// bounded batch of jobs done before that index existed (backfillTerms).
//
// As the notification outbox (notifications/worker.ts): a round CLAIMS due jobs with one statement (FOR UPDATE SKIP
// LOCKED: concurrent workers never take the same job) that counts the try, marks the job running and sets its lease
// (its OCR time limit plus a margin) in `next_attempt_at`. A worker that dies mid-run leaves the job running; once the
// lease is over, the next round takes it again. Every record of a try is conditional on the job still being ours
// (running, same try number), so a worker that outlived its lease writes nothing over the one that took it over.
import type { Kysely } from 'kysely';
import { vnDate } from '../calendar/core/vn-time.ts';
import type { Database } from '../db/schema.ts';
import { checkOcr, letters, qualityRulesAt } from './core/quality.ts';
import { afterOcrFailure, failureMessage, finalMessage, LEASE_MARGIN_MS, MAX_ATTEMPTS, MAX_TIMEOUT_MS, splitPages, type OcrFailureKind } from './core/retry.ts';
import { runOcr, sweepStaleTemp, type OcrRunner } from './ocr.ts';
import { claimDue, doneCopyOf, recordCopied, recordDone, recordFailure, releaseClaim, sourceContent, type ClaimedJob } from './store.ts';
import { recordStorageCopy } from './history.ts';
import { backfillTerms, termsForText, type TermsCursor } from './search.ts';
import { storeTerms } from './search-store.ts';
import { sweepUnscanned, type SweepCursor, type SweepResult } from './sweep.ts';

export interface DigitiserDeps {
  db: Kysely<Database>;
  now(): Date;
}

export interface DigitiseOptions {
  /** Most jobs one round takes (default 1: OCR uses the machine's cores). */
  limit?: number;
  /** Pages OCRed in parallel within a job (default 1). */
  jobs?: number;
  /** The OCR run (tests give one that crashes). */
  ocr?: OcrRunner;
  /** Aborting stops the running OCR; its job goes back to the queue untried. */
  signal?: AbortSignal;
  /** Told about each failed try (job id and the Vietnamese message). */
  onFailure?: (jobId: string, error: string, detail: string) => void;
}

export interface DigitiseResult {
  claimed: number;
  done: number;
  retrying: number;
  failed: number;
  released: number;
}

type Outcome = 'done' | 'retrying' | 'failed' | 'released';

/** One round: claim, OCR, record. Tests call it directly; the worker calls it on a timer. */
export async function digitiseRound(deps: DigitiserDeps, opts: DigitiseOptions = {}): Promise<DigitiseResult> {
  const result: DigitiseResult = { claimed: 0, done: 0, retrying: 0, failed: 0, released: 0 };
  const claimed = (await claimDue(deps.db, deps.now(), LEASE_MARGIN_MS, opts.limit ?? 1)).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  result.claimed = claimed.length;
  for (const job of claimed) result[await digitise(deps, job, opts)]++;
  return result;
}

async function digitise(deps: DigitiserDeps, job: ClaimedJob, opts: DigitiseOptions): Promise<Outcome> {
  const fail = async (kind: OcrFailureKind, detail: string, exitCode?: number | null): Promise<Outcome> => {
    const now = deps.now();
    const message = failureMessage(kind, { timeoutMs: job.timeout_seconds * 1000, exitCode });
    // A job whose lease ran out more often than it may be tried: its worker died each time (e.g. out of memory).
    const next = kind === 'interrupted' ? { status: 'failed' as const } : afterOcrFailure(job.attempts, now, kind);
    const error = next.status === 'failed' ? finalMessage(message, job.attempts - (kind === 'interrupted' ? 1 : 0)) : message;
    await recordFailure(deps.db, job, error, detail.slice(-2000) || null, next, now);
    opts.onFailure?.(job.id, error, detail);
    return next.status === 'failed' ? 'failed' : 'retrying';
  };
  if (opts.signal?.aborted) {
    await releaseClaim(deps.db, job, deps.now());
    return 'released';
  }
  if (job.attempts > MAX_ATTEMPTS) return fail('interrupted', 'lease expired on every try');

  // The same bytes already digitised (another dossier's copy of the same paper, the demo's data): no second OCR run.
  const copy = await doneCopyOf(deps.db, job.source_sha256);
  if (copy) {
    const now = deps.now();
    const findings = [...job.findings.filter((f) => f.code !== 'NO_TEXT'), ...copy.findings.filter((f) => f.code === 'NO_TEXT')];
    // The copy's text, hashed for this job's commune; unreadable (no key opens it): the backfill tries after a restart.
    const text = copy.ocr_sha256 ? await sourceContent(deps.db, copy.ocr_sha256).then((f) => f.content.toString('utf8'), () => undefined) : undefined;
    const index = text === undefined ? undefined : termsOrNone(job, text);
    const copied = await recordCopied(deps.db, job, { ...copy, findings }, now, async (trx, resultSha256) => {
      await recordStorageCopy(trx, job, resultSha256, now);
      if (index) await storeTerms(trx, { jobId: job.id, ...index, now });
    });
    return copied ? 'done' : 'released';
  }

  let source: Buffer;
  try {
    source = (await sourceContent(deps.db, job.source_sha256)).content;
  } catch (e) {
    return fail('storage', e instanceof Error ? e.message : String(e));
  }
  const facts = job.facts;
  const outcome = await (opts.ocr ?? runOcr)(source, facts.type, {
    timeoutMs: job.timeout_seconds * 1000,
    imageDpi: facts.type === 'application/pdf' ? null : facts.pages[0]?.dpi ?? null,
    jobs: opts.jobs,
    signal: opts.signal,
  });
  if (!outcome.ok) {
    if (outcome.aborted) {
      await releaseClaim(deps.db, job, deps.now());
      return 'released';
    }
    return fail(outcome.kind, outcome.detail, outcome.exitCode);
  }
  const now = deps.now();
  const pages = splitPages(outcome.text);
  const findings = [...job.findings.filter((f) => f.code !== 'NO_TEXT'), ...checkOcr(facts, pages, qualityRulesAt(vnDate(now)))];
  const index = termsOrNone(job, outcome.text);
  // The storage copy enters the dossier's history (its sha256 and its source's) and its words the blind index, in the
  // transaction that stores it.
  const stored = await recordDone(deps.db, job, { pdf: outcome.pdf, text: outcome.text, letters: letters(outcome.text), pages: pages.length, findings, now },
    async (trx, resultSha256) => {
      await recordStorageCopy(trx, job, resultSha256, now);
      if (index) await storeTerms(trx, { jobId: job.id, ...index, now });
    });
  // Not ours any more (our lease ran out and another worker took the job): its record stands.
  return stored ? 'done' : 'released';
}

/** The blind index of a done job's OCR text (search.ts); none when the key cannot be read (the job is done all the
 *  same: the backfill indexes it after a restart). */
function termsOrNone(job: ClaimedJob, text: string) {
  try {
    return termsForText(job.commune_id, text);
  } catch {
    return undefined;
  }
}

/** Where a worker's cycles are: the sweep's place (sweep.ts) and the OCR terms backfill's (search.ts). */
export type CycleCursor = SweepCursor & { terms?: TermsCursor };

/** One cycle of the worker: the sweep of files uploaded online without a job (sweep.ts), a batch of the OCR terms
 *  backfill (search.ts), then one round. Tests call it directly; `cursor` is the cycle's place (a fresh one walks
 *  every file and every done job once). */
export async function digitisationCycle(
  deps: DigitiserDeps, cursor: CycleCursor,
  opts: DigitiseOptions & { onSweepError?: (fileId: number, error: string) => void; onIndexError?: (jobId: string, error: string) => void } = {},
): Promise<DigitiseResult & { swept: SweepResult; indexed: number }> {
  const idle = opts.signal?.aborted;
  const swept = idle ? { enqueued: 0, failed: 0 } : await sweepUnscanned(deps, cursor, { onError: opts.onSweepError, signal: opts.signal });
  const indexed = idle ? 0 : await backfillTerms(deps, (cursor.terms ??= { after: '0' }), { onError: opts.onIndexError, signal: opts.signal });
  return { ...(await digitiseRound(deps, opts)), swept, indexed };
}

export interface Logger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Starts the worker: a round every `intervalMs`, at once again after a round that found work. `stop()` kills a
 *  running OCR (its job is queued again, untried) and waits for the round to end. */
export function startDigitisationWorker(deps: DigitiserDeps, log: Logger, opts: { intervalMs?: number; jobs?: number; ocr?: OcrRunner } = {}) {
  const intervalMs = opts.intervalMs ?? 5000;
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let failures = 0;
  const cursor: CycleCursor = { after: 0 };
  const schedule = (ms: number) => {
    if (!abort.signal.aborted) timer = setTimeout(() => (running = tick()), ms);
  };
  const tick = async () => {
    let busy = false;
    try {
      const r = await digitisationCycle(deps, cursor, {
        jobs: opts.jobs, ocr: opts.ocr, signal: abort.signal,
        onFailure: (jobId, error, detail) => log.warn({ jobId, error, detail: detail.slice(-500) }, 'digitisation failed'),
        onSweepError: (fileId, error) => log.warn({ fileId, error }, 'digitisation sweep could not enqueue a file'),
        onIndexError: (jobId, error) => log.warn({ jobId, error }, 'digitisation could not index the OCR text of a job'),
      });
      busy = r.claimed > 0 || r.swept.enqueued > 0 || r.indexed > 0;
      failures = 0;
    } catch (e) {
      // The database away: wait longer each time, up to a minute; log the first failure only.
      if (failures++ === 0) log.error({ error: e instanceof Error ? e.message : String(e) }, 'digitisation round failed');
    }
    schedule(busy ? 0 : failures ? Math.min(intervalMs * 2 ** failures, 60_000) : intervalMs);
  };
  // Folders left by a server killed mid-run: older than the longest run and its lease, so no live run's.
  void sweepStaleTemp(new Date(), MAX_TIMEOUT_MS + LEASE_MARGIN_MS) // file times: the real clock, not deps.now()
    .catch((e: Error) => log.warn({ error: e.message }, 'digitisation temp sweep failed'))
    .finally(() => schedule(0));
  return {
    async stop() {
      abort.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
