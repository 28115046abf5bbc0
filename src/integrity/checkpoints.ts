// Signed checkpoints: the heads of every dossier's action log (id, number of entries, last hash), exported out of the
// database into the data directory's `checkpoints/` and signed with Ed25519 (the key outside the database,
// key-store.ts). Whoever can write the database but not this directory cannot cut the end off a log or recompute an
// unkeyed chain unseen: `xaso verify` compares every log with every head the checkpoints in use hold (verify.ts).
//
// Issue 16 (scale): a full checkpoint (every head; the first one, `xaso checkpoint`) is followed by hourly
// incremental ones that check only the entries appended since the previous file and record only the heads that
// moved (incremental.ts; the files and their chain: checkpoint-files.ts). Both keep memory bounded.
//
// A checkpoint never blesses a break: a dossier found broken keeps the head the previous checkpoint recorded (and a
// deleted one stays listed), so the break is reported again by every later verification.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { chainKey, chainKeyId, checkpointPublicKey, dataDirectory, signingKeys } from './key-store.ts';
import {
  CheckpointWriter, checkpointChain, heads, prune, signatureDigest, type Checkpoint, type CheckpointChain, type Through,
} from './checkpoint-files.ts';
import { checkIncrement } from './incremental.ts';
import { recordSignedHeads, logEnd } from './store.ts';
import { mergeHeads, verifyDatabase, type Anchors, type Verification } from './verify.ts';

export type { CheckpointHead } from './verify.ts';
export type { Checkpoint } from './checkpoint-files.ts';
export { CHECKPOINT_FORMAT } from './checkpoint-files.ts';

export const checkpointDirectory = (env: NodeJS.ProcessEnv = process.env) =>
  path.resolve(env.XASO_CHECKPOINT_DIR || path.join(dataDirectory(env), 'checkpoints'));

export interface LatestCheckpoint {
  checkpoint: Checkpoint | null;
  file: string | null;
  /** Newer files that do not verify (altered, or signed by another key): each is itself a finding. */
  invalid: string[];
  /** The chain the latest one continues (its full base and the hourly files after it). */
  chain: CheckpointChain;
}

/** The latest checkpoint of `dir` whose signature holds, the newer files that do not, and its chain. */
export function latestCheckpoint(dir: string, publicKey: crypto.KeyObject): LatestCheckpoint {
  const chain = checkpointChain(dir, publicKey);
  return { checkpoint: chain.latest, file: chain.latest?.file ?? null, invalid: chain.invalid, chain };
}

/** Every signed head of the chain in use, in dossier id order: what `xaso verify` holds each log to. */
export function anchorsOf(chain: CheckpointChain): Anchors | null {
  const files = [...(chain.base ? [chain.base] : []), ...chain.deltas];
  if (!files.length) return null;
  return { keyedOnly: files.every((f) => f.keyedOnly), heads: mergeHeads(...files.map((f) => heads(f))) };
}

export interface CheckpointOptions {
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** Write even when no head changed since the latest checkpoint. */
  force?: boolean;
  /** Verify every chain and write a full checkpoint (`xaso checkpoint`), instead of checking what was appended. */
  full?: boolean;
  /** Keep this many newest files before the chain in use, and the newest of each earlier day (default 48). */
  keep?: number;
  /** Keep at most this many breaks in the result (the server's log); all by default. */
  maxBreaks?: number;
}

export interface CheckpointRun {
  file: string | null;
  kind: 'full' | 'incremental';
  verification: Verification;
  latest: LatestCheckpoint;
}

/** How many ids below the log's end a full checkpoint looks for ids taken but not committed yet. */
const PENDING_WINDOW = 100_000;

const fileName = (dir: string, now: Date) =>
  path.join(dir, `checkpoint-${now.toISOString().replace(/[-:.]/g, '')}-${crypto.randomBytes(4).toString('hex')}.json`);

/**
 * The next checkpoint. Incremental when the latest one says how far it read the log (`through`) and its chain back
 * to a full one holds: the entries appended since are checked against the heads last signed (incremental.ts) and
 * only the heads that moved are written, continuing the latest file. Otherwise (the first one, after format 1, a cut
 * chain, or `full`) every chain is verified against every signed head and all heads are written. Broken dossiers
 * keep their signed head (a checkpoint never blesses a break). Nothing is written when no head moved, unless `force`.
 */
export async function writeCheckpoint(db: Kysely<Database>, o: CheckpointOptions = {}): Promise<CheckpointRun> {
  const env = o.env ?? process.env;
  const dir = checkpointDirectory(env);
  const keys = signingKeys(env);
  const key = chainKey(env);
  const latest = latestCheckpoint(dir, keys.publicKey);
  const prev = latest.chain.latest;
  const now = o.now ?? new Date();
  const file = fileName(dir, now);
  const common = { createdAt: now.toISOString(), chainKeyId: chainKeyId(key), signingKeyId: keys.id, keyedOnly: true as const };

  if (!o.full && prev?.through && latest.chain.base && prev.chainKeyId === chainKeyId(key)) {
    const inc = await checkIncrement(db, key, prev.through, { maxBreaks: o.maxBreaks });
    const verification: Verification = { dossiers: inc.dossiers, entries: inc.entries, breaks: inc.breaks, broken: inc.broken };
    if (!inc.heads.length && !o.force) return { file: null, kind: 'incremental', verification, latest };
    const w = new CheckpointWriter(file);
    w.add(inc.heads);
    w.finish({
      ...common, format: 'xaso-checkpoint/2', kind: 'incremental', previous: { file: path.basename(prev.file), signature: signatureDigest(prev.signature) },
      through: inc.through, carried: inc.carried,
    }, keys.privateKey);
    await recordSignedHeads(db, inc.heads, path.basename(file), now);
    prune(dir, o.keep ?? 48);
    return { file, kind: 'incremental', verification, latest };
  }

  const w = new CheckpointWriter(file);
  const carried: string[] = [];
  let through: Through = { eventId: '0', pending: [] };
  try {
    const verification = await verifyDatabase(db, key, anchorsOf(latest.chain), {
      maxBreaks: o.maxBreaks,
      // Where the next, incremental, checkpoint goes on from: read in the same snapshot as the heads.
      before: async (trx) => {
        const end = await logEnd(trx, PENDING_WINDOW);
        through = { eventId: end.max ?? '0', pending: end.gaps.map((g) => ({ ...g, xmax: null })) };
      },
      onPage: async (page, brokenHere) => {
        w.add(page);
        carried.push(...brokenHere);
        await recordSignedHeads(db, page, path.basename(file), now);
      },
    });
    const unchanged = prev?.kind === 'full' && !latest.chain.deltas.length && prev.digest === w.digest && prev.count === w.count;
    if (unchanged && !o.force) {
      w.abort();
      return { file: null, kind: 'full', verification, latest };
    }
    w.finish({ ...common, format: 'xaso-checkpoint/2', kind: 'full', previous: null, through, carried: carried.sort() }, keys.privateKey);
    prune(dir, o.keep ?? 48);
    return { file, kind: 'full', verification, latest };
  } catch (e) {
    w.abort();
    throw e;
  }
}

/** The latest valid checkpoint for verification (the public key: XASO_CHECKPOINT_PUBLIC_KEY or the key directory's). */
export const latestForVerification = (env: NodeJS.ProcessEnv = process.env) => latestCheckpoint(checkpointDirectory(env), checkpointPublicKey(env).key);

/** Writes a checkpoint now and then every `everyMs` (default one hour); errors and breaks go to `log`. `done()`:
 *  the run under way, if any (tests, shutdown). */
export function startCheckpoints(
  db: Kysely<Database>, log: { error(o: object, m: string): void; info(o: object, m: string): void }, o: { everyMs?: number; env?: NodeJS.ProcessEnv } = {},
): { stop(): void; done(): Promise<void> } {
  let running: Promise<void> | null = null; // a slow run is not overlapped by the next
  const run = () => (running ??= once().finally(() => (running = null)));
  const once = () =>
    writeCheckpoint(db, { env: o.env, maxBreaks: 1000 }).then(
      (r) => {
        const v = r.verification;
        if (v.broken) log.error({ broken: v.broken, breaks: v.breaks }, 'action log integrity: broken chains (xaso verify)');
        if (r.file) log.info({ file: r.file, kind: r.kind, dossiers: v.dossiers, entries: v.entries }, 'action log checkpoint written');
      },
      (e: unknown) => log.error({ err: e }, 'action log checkpoint failed'),
    );
  void run();
  const timer = setInterval(run, o.everyMs ?? 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer), done: () => running ?? Promise.resolve() };
}
