// When to try a sync message again (pure): the shared exponential backoff (src/shared/backoff.ts), 30 s after the first
// failed attempt, doubling up to one hour, so that a portal back after an outage is reached within the hour. A refusal
// the message itself causes (a contract error: core/contract.ts PERMANENT_ERRORS) is not retried: the dossier shows
// as failed with the portal's answer until an administrator resends it. Transient failures (portal down, network,
// timeouts) are retried up to MAX_ATTEMPTS (about a day).
import { backoffMs } from '../../shared/backoff.ts';

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 3_600_000;
export const MAX_ATTEMPTS = 30;
/** A claimed message is invisible to other workers this long; a crash mid-send retries it after the lease, with the
 *  same message id (the portal keeps one copy). */
export const CLAIM_LEASE_MS = 2 * 60_000;

export const retryDelayMs = (attempts: number): number => backoffMs({ firstMs: FIRST_RETRY_MS, factor: 2, maxMs: MAX_RETRY_MS }, attempts);

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What happens to a message whose attempt number `attempts` failed at `now`. */
export function afterFailure(attempts: number, now: Date, permanent: boolean): AfterFailure {
  if (permanent || attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(+now + retryDelayMs(attempts)) };
}
