// When to try a sync message again (pure): the shared exponential backoff (src/shared/backoff.ts), 30 s after the first
// failed attempt, doubling up to one hour, so that a portal back after an outage is reached within the hour. A refusal
// the message itself causes (a contract error: core/contract.ts PERMANENT_ERRORS) is not retried: the dossier shows
// as failed with the portal's answer until an administrator resends it. Transient failures (portal down, network,
// timeouts) are retried up to MAX_ATTEMPTS (about a day).
import { retryPolicy } from '../../shared/backoff.ts';

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 3_600_000;
export const MAX_ATTEMPTS = 30;
/** A claimed message is invisible to other workers this long; a crash mid-send retries it after the lease, with the
 *  same message id (the portal keeps one copy). */
export const CLAIM_LEASE_MS = 2 * 60_000;

export type { AfterFailure } from '../../shared/backoff.ts';

/** Delay before the next attempt after `attempts` (≥ 1) failed ones, and what a failed attempt leads to. */
export const { retryDelayMs, afterFailure } = retryPolicy({ firstMs: FIRST_RETRY_MS, maxMs: MAX_RETRY_MS, maxAttempts: MAX_ATTEMPTS });
