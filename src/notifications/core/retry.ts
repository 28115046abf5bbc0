// When to try a message again (pure). Exponential backoff: 30 s after the first failed attempt, doubling up to
// 6 hours; after MAX_ATTEMPTS attempts the message is marked failed and shown as such to the staff. A permanent
// refusal (SMTP 5xx, gateway 4xx) is not retried.

import { retryPolicy } from '../../shared/backoff.ts';

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 6 * 3_600_000;
export const MAX_ATTEMPTS = 10;
/** A claimed message is invisible to other workers this long; if the process dies mid-delivery, it is retried
 *  after the lease (with the same message id, so the receiver can recognise the re-send). */
export const CLAIM_LEASE_MS = 2 * 60_000;

export type { AfterFailure } from '../../shared/backoff.ts';

/** Delay before the next attempt after `attempts` (≥ 1) failed ones, and what a failed attempt leads to. */
export const { retryDelayMs, afterFailure } = retryPolicy({ firstMs: FIRST_RETRY_MS, maxMs: MAX_RETRY_MS, maxAttempts: MAX_ATTEMPTS });
