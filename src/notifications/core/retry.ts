// When to try a message again (pure). Exponential backoff: 30 s after the first failed attempt, doubling up to
// 6 hours; after MAX_ATTEMPTS attempts the message is marked failed and shown as such to the staff. A permanent
// refusal (SMTP 5xx, gateway 4xx) is not retried.

import { backoffMs } from '../../shared/backoff.ts';

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 6 * 3_600_000;
export const MAX_ATTEMPTS = 10;
/** A claimed message is invisible to other workers this long; if the process dies mid-delivery, it is retried
 *  after the lease (with the same message id, so the receiver can recognise the re-send). */
export const CLAIM_LEASE_MS = 2 * 60_000;

/** Delay before the next attempt, after `attempts` attempts (≥ 1) have failed. */
export const retryDelayMs = (attempts: number): number => backoffMs({ firstMs: FIRST_RETRY_MS, factor: 2, maxMs: MAX_RETRY_MS }, attempts);

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What happens to a message whose attempt number `attempts` failed at `now`. */
export function afterFailure(attempts: number, now: Date, permanent: boolean): AfterFailure {
  if (permanent || attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(+now + retryDelayMs(attempts)) };
}
