// Search of dossiers by the text of their scans, without that text in clear in the database (issue 14: "keep the OCR
// text for search"). The worker stores each done job's words as keyed hashes (core/terms.ts, search-store.ts); a
// search hashes the words typed with the same key and asks for the dossiers whose scans hold them all. The key
// (`ocr-terms`) is derived from the server's secret key kept outside the database (shared/secret-key-store.ts, issue
// 13): a reader of the database alone cannot hash a guess. Replacing the secret key makes every row stale (its
// key_id differs): the backfill hashes them again, and until then they are not found.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { secretKey } from '../shared/secret-key-store.ts';
import { checkQuery, keyIdOf, termOf, termsOf } from './core/terms.ts';
import { jobsWithoutTerms, lastJobId, logScanSearch, storeTerms, type ScanTextFilter } from './search-store.ts';
import { sourceContent } from './store.ts';

let cached: { key: Buffer; id: string } | undefined;
/** The key of the OCR terms and its fingerprint (read once per process). */
export function termsKey(): { key: Buffer; id: string } {
  if (!cached) {
    const key = secretKey('ocr-terms');
    cached = { key, id: keyIdOf(key) };
  }
  return cached;
}

/** The terms of an OCR text of a scan of this commune, and the key they were made with. */
export function termsForText(communeId: string, text: string): { terms: string[]; keyId: string } {
  const k = termsKey();
  return { terms: termsOf(k.key, communeId, text), keyId: k.id };
}

/** The terms of the words of a search (checked, folded words: core/terms.ts checkQuery) in the caller's commune: what
 *  the dossier list's filter takes (dossiers/store.ts inbox, search-store.ts scansHoldAll). */
export function searchTerms(communeId: string, words: readonly string[]): ScanTextFilter {
  const k = termsKey();
  return { keyId: k.id, terms: [...new Set(words.map((w) => termOf(k.key, communeId, w)))] };
}

export type ScanTextQuery =
  | { ok: true; filter: ScanTextFilter; words: number; ignored: number }
  | { ok: false; message: string };

/** What was typed in "Nội dung giấy tờ đã quét" (page) or `ocr` (API), made the list's filter for the caller's
 *  commune, or the Vietnamese reason it cannot be. */
export function scanTextQuery(communeId: string, input: string): ScanTextQuery {
  const q = checkQuery(input);
  return q.ok ? { ok: true, filter: searchTerms(communeId, q.words), words: q.words.length, ignored: q.ignored } : q;
}

/** Logs a search of the scans' text (it reveals personal data): the officer, how many words (never the words: they
 *  are personal data too), and each dossier shown, so that its applicant sees the search among who saw their data. */
export async function logSearch(db: Kysely<Database>, actor: string, words: number, shown: readonly { id: string }[]) {
  await logScanSearch(db, actor, words, shown.map((r) => r.id));
}

/** Where the backfill is: the last job id seen (in memory: a new process walks the done jobs once again). */
export interface TermsCursor {
  after: string;
  /** Jobs that could not be indexed in this process (their text cannot be read): not tried again until a restart. */
  failed?: Set<string>;
}

export const BACKFILL_BATCH = 20;

/**
 * One bounded batch of the backfill: done jobs without terms of the current key (done before migration 040, or
 * hashed with a former secret key) get them, one short statement each, walking the jobs by id. The worker runs it
 * every cycle; once the walk has reached the newest job, each cycle costs two indexed probes. Returns how many jobs
 * were indexed.
 */
export async function backfillTerms(
  deps: { db: Kysely<Database>; now(): Date }, cursor: TermsCursor, o: { limit?: number; onError?: (jobId: string, error: string) => void; signal?: AbortSignal } = {},
): Promise<number> {
  const limit = o.limit ?? BACKFILL_BATCH;
  const failed = (cursor.failed ??= new Set());
  const rows = await jobsWithoutTerms(deps.db, cursor.after, limit, termsKey().id);
  let indexed = 0;
  for (const j of rows) {
    if (o.signal?.aborted) return indexed; // the server is stopping: the next start walks these again
    cursor.after = j.id;
    if (failed.has(j.id) || !j.ocr_sha256) continue;
    try {
      const text = (await sourceContent(deps.db, j.ocr_sha256)).content.toString('utf8');
      const { terms, keyId } = termsForText(j.commune_id, text);
      await storeTerms(deps.db, { jobId: j.id, terms, keyId, now: deps.now() });
      indexed++;
    } catch (e) {
      failed.add(j.id);
      o.onError?.(j.id, e instanceof Error ? e.message : String(e));
    }
  }
  // The walk's end: jobs done from now on are indexed by the worker in the transaction that marks them done.
  if (rows.length < limit) cursor.after = await lastJobId(deps.db);
  return indexed;
}
