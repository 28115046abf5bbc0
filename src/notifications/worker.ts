// The outbox worker: delivers the notices written by enqueue.ts, with retries and exponential backoff
// (core/retry.ts), recording status, attempts and the last error on each message.
//
// Exactly once per message id: a round CLAIMS due messages with one statement (`FOR UPDATE SKIP LOCKED`, so
// concurrent workers never take the same message) that counts the attempt and pushes `next_attempt_at` by a
// lease; then it sends, and only then marks the message delivered. If the process dies between the send and the
// mark, the lease runs out and the message is sent again WITH THE SAME message id (Message-ID header, gateway
// messageId), which the receiving system recognises as a duplicate (the stand-ins keep one copy per id).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { MessagingSettings } from '../outside/messaging.ts';
import { agencyName, renderNotice } from './core/messages.ts';
import { afterFailure, CLAIM_LEASE_MS } from './core/retry.ts';
import { channelsFor, describe, SendError, type Channels, type OutgoingMessage } from './channels.ts';
import { claimDue, markDelivered, recordFailure } from './outbox-store.ts';
import { startRounds } from '../shared/rounds.ts';

export interface WorkerDeps {
  db: Kysely<Database>;
  now(): Date;
  publicUrl: string;
  messaging: MessagingSettings;
}

export interface RoundOptions {
  /** Most messages one round takes (default 20). */
  limit?: number;
  /** Channels to send through (default: from deps.messaging, opened and closed by the round). */
  channels?: Channels;
  /** Called after a successful send, before it is recorded (tests simulate a crash by throwing here). */
  afterSend?: (m: OutgoingMessage) => Promise<void> | void;
  /** Told about each failed attempt (no personal data: message id and error only). */
  onFailure?: (messageId: string, error: string) => void;
}

export interface RoundResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

const BATCH = 20;

/** Takes the due messages for this round (see the top of the file). */
const claim = (db: Kysely<Database>, now: Date, limit: number) => claimDue(db, now, new Date(+now + CLAIM_LEASE_MS), limit);

/** One delivery round: claim, send, record. Tests call it directly; the worker calls it on a timer. */
export async function deliverRound(deps: WorkerDeps, opts: RoundOptions = {}): Promise<RoundResult> {
  const result: RoundResult = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  // UPDATE … RETURNING gives no order: send in outbox order.
  const claimed = (await claim(deps.db, deps.now(), opts.limit ?? BATCH)).sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  result.claimed = claimed.length;
  if (!claimed.length) return result;
  const channels = opts.channels ?? channelsFor(deps.messaging);
  const started = performance.now();
  try {
    for (const n of claimed) {
      // A slow server must not keep the rest of the batch past its lease (another worker would take them while
      // this one still holds them): leave them to the lease, they are retried.
      if (performance.now() - started > CLAIM_LEASE_MS / 2) break;
      const text = renderNotice(n.facts, deps.publicUrl);
      const m: OutgoingMessage = {
        messageId: n.message_id, channel: n.channel, to: n.recipient, fromName: agencyName(n.facts.communeName), ...text,
      };
      try {
        await channels.send(m);
      } catch (e) {
        const error = e instanceof SendError ? e.message : describe(e);
        const next = afterFailure(n.attempts, deps.now(), e instanceof SendError && e.permanent);
        await recordFailure(deps.db, n.id, n.attempts, error, next);
        opts.onFailure?.(n.message_id, error);
        result[next.status === 'failed' ? 'failed' : 'retrying']++;
        continue;
      }
      await opts.afterSend?.(m);
      await markDelivered(deps.db, n.id, deps.now());
      result.delivered++;
    }
  } finally {
    if (!opts.channels) channels.close();
  }
  return result;
}

export interface Logger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Starts the worker: a round every `intervalMs` (at once again while rounds come back full), src/shared/rounds.ts. */
export function startNotificationWorker(deps: WorkerDeps, log: Logger, opts: { intervalMs?: number } = {}) {
  const channels = channelsFor(deps.messaging);
  const rounds = startRounds({
    intervalMs: opts.intervalMs ?? 2000,
    round: async () => {
      const r = await deliverRound(deps, {
        channels,
        onFailure: (messageId, error) => log.warn({ messageId, error }, 'notification delivery failed'),
      });
      return r.claimed === BATCH;
    },
    onError: (e, first) => {
      if (first) log.error({ error: e instanceof Error ? e.message : String(e) }, 'notification round failed');
    },
  });
  return {
    async stop() {
      await rounds.stop();
      channels.close();
    },
  };
}
