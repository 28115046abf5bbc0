// Exponential backoff for work retried by a background worker (notices, digitisation): the delay before the next try
// after `attempts` (≥ 1) failed ones, `firstMs` × `factor`^(attempts − 1), at most `maxMs`.
export interface Backoff {
  firstMs: number;
  factor: number;
  maxMs: number;
}

export function backoffMs(b: Backoff, attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(b.maxMs, b.firstMs * b.factor ** Math.min(n - 1, 40));
}

/** What happens to an outbox message after a failed attempt: another try at `nextAttemptAt`, or failed for good. */
export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** An outbox's retry policy: doubling from `firstMs` up to `maxMs`, failed for good after `maxAttempts` attempts or at
 *  once on a permanent refusal. */
export function retryPolicy(p: { firstMs: number; maxMs: number; maxAttempts: number }) {
  const retryDelayMs = (attempts: number): number => backoffMs({ firstMs: p.firstMs, factor: 2, maxMs: p.maxMs }, attempts);
  /** What happens to a message whose attempt number `attempts` failed at `now`. */
  const afterFailure = (attempts: number, now: Date, permanent: boolean): AfterFailure =>
    permanent || attempts >= p.maxAttempts ? { status: 'failed' } : { status: 'pending', nextAttemptAt: new Date(+now + retryDelayMs(attempts)) };
  return { retryDelayMs, afterFailure };
}
