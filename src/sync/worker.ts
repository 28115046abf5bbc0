// The sync outbox worker: delivers the messages written by enqueue.ts to the national portal, in order per dossier,
// with retries and backoff (core/retry.ts), and runs the daily reconciliation (reconcile.ts) once per commune and day.
//
// Exactly once per message id: a round CLAIMS due messages with one statement (`FOR UPDATE SKIP LOCKED`, only the
// first undelivered message of each dossier, so a dossier's next message waits for the previous one) that counts the
// attempt and hides it for a lease; the payload is built from the log as of the change and frozen at the first attempt;
// then it sends (the HoSo, then the steps in batches of ≤ 10, each batch under an id derived from the message's), and
// only then marks the message delivered. If the process dies between the send and the mark, the lease runs out and
// the message goes again with the same ids and bytes, which the portal recognises (it keeps one copy per id).
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PortalSettings } from '../outside/portal.ts';
import { MAX_STEPS_PER_MESSAGE } from './core/contract.ts';
import { batches, endpointFor, mapHoSo, mapSteps, syncable } from './core/mapping.ts';
import { afterFailure, CLAIM_LEASE_MS } from './core/retry.ts';
import { post, type Sent } from './client.ts';
import { claimDue, freezePayload, markDelivered, recordFailure, type Claimed } from './store.ts';
import { syncSource } from './source-store.ts';
import { reconcileDueCommunes } from './reconcile.ts';
import { startRounds } from '../shared/rounds.ts';

export interface SyncWorkerDeps {
  db: Kysely<Database>;
  now(): Date;
  portal: PortalSettings;
}

/** A message as sent: where the HoSo goes, the HoSo, and the steps in batches. */
export interface Payload {
  endpoint: 'create' | 'update';
  hoso: Record<string, unknown>;
  steps: Record<string, unknown>[][];
}

export interface RoundOptions {
  /** Most messages one round takes (default 50). */
  limit?: number;
  /** Called after a successful send, before it is recorded (tests simulate a crash by throwing here). */
  afterSend?: (m: Claimed) => Promise<void> | void;
  /** Told about each failed attempt (no personal data: message id and the portal's answer). */
  onFailure?: (messageId: string, code: string, message: string) => void;
}

export interface RoundResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

const BATCH = 50;

/** The id of batch `i` of a message's steps: derived from the message's id, so a re-send carries the same one. */
export function partId(messageId: string, i: number): string {
  const h = crypto.createHash('sha256').update(`${messageId}/${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const NO_CODE = { ok: false, permanent: true, code: 'CHUA_CO_MA_HO_SO', message: 'Hồ sơ chưa có mã hồ sơ nên chưa gửi được lên Cổng.' } satisfies Sent;

/** The message's payload: frozen at its first attempt, else built now from the log as of its change and frozen. */
async function payloadOf(deps: SyncWorkerDeps, m: Claimed): Promise<Payload | null> {
  if (m.payload) return m.payload as Payload;
  const src = await syncSource(deps.db, m.dossier_id);
  if (!src || !syncable(src)) return null;
  const p: Payload = {
    endpoint: endpointFor(m.kind, src),
    hoso: mapHoSo(src, m.event_seq, deps.portal.publicUrl),
    steps: batches(mapSteps(src, m.first_step, m.event_seq), MAX_STEPS_PER_MESSAGE),
  };
  await freezePayload(deps.db, m.id, p);
  return p;
}

/** Sends a message's parts in order; the first refusal stops it. */
async function send(deps: SyncWorkerDeps, m: Claimed, p: Payload): Promise<Sent> {
  let last = await post(deps.portal, p.endpoint, m.message_id, [p.hoso]);
  for (const [i, steps] of p.steps.entries()) {
    if (!last.ok) break;
    last = await post(deps.portal, 'history', partId(m.message_id, i), steps);
  }
  return last;
}

/** One delivery round: claim, send, record. Tests call it directly; the worker calls it on a timer. */
export async function deliverRound(deps: SyncWorkerDeps, opts: RoundOptions = {}): Promise<RoundResult> {
  const result: RoundResult = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
  const now = deps.now();
  const claimed = (await claimDue(deps.db, now, new Date(+now + CLAIM_LEASE_MS), opts.limit ?? BATCH))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  result.claimed = claimed.length;
  const started = performance.now();
  // Dossiers are independent: a few at a time, each dossier's message alone (one per dossier per round).
  const queue = [...claimed];
  const one = async (m: Claimed) => {
    // A slow portal must not keep the rest past their lease: leave them to it, they are retried.
    if (performance.now() - started > CLAIM_LEASE_MS / 2) return;
    const p = await payloadOf(deps, m);
    const sent = p ? await send(deps, m, p) : NO_CODE;
    if (sent.ok) {
      await opts.afterSend?.(m);
      await markDelivered(deps.db, m, deps.now(), sent);
      result.delivered++;
      return;
    }
    const next = afterFailure(m.attempts, deps.now(), sent.permanent);
    await recordFailure(deps.db, m, sent, next, deps.now());
    opts.onFailure?.(m.message_id, sent.code, sent.message);
    result[next.status === 'failed' ? 'failed' : 'retrying']++;
  };
  const lanes = Array.from({ length: Math.min(4, queue.length) }, async () => {
    for (let m = queue.shift(); m; m = queue.shift()) await one(m);
  });
  await Promise.all(lanes);
  return result;
}

export interface Logger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Starts the worker: a round every `intervalMs` (at once again while rounds come back full), and the daily
 *  reconciliation, looked for every 10 minutes (claimed per commune and day in the database). */
export function startSyncWorker(deps: SyncWorkerDeps, log: Logger, opts: { intervalMs?: number } = {}) {
  let nextReconcile = 0;
  return startRounds({
    intervalMs: opts.intervalMs ?? 2000,
    round: async () => {
      const r = await deliverRound(deps, {
        onFailure: (messageId, code, message) => log.warn({ messageId, code, message }, 'portal sync message not delivered'),
      });
      if (Date.now() >= nextReconcile) {
        nextReconcile = Date.now() + 10 * 60_000;
        await reconcileDueCommunes(deps.db, deps.portal, deps.now()).catch((e) => log.error({ error: String(e) }, 'portal reconciliation failed'));
      }
      // Full, or a dossier's next message may now be due: go again at once.
      return r.claimed === BATCH || r.delivered > 0;
    },
    onError: (e, first) => {
      if (first) log.error({ error: e instanceof Error ? e.message : String(e) }, 'portal sync round failed');
    },
  });
}
