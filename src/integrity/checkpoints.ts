// Signed checkpoints: the heads of every dossier's action log (id, number of entries, last hash), exported out of the
// database into the data directory's `checkpoints/` and signed with Ed25519 (the key outside the database,
// key-store.ts). Whoever can write the database but not this directory cannot cut the end off a log or recompute an
// unkeyed chain unseen: `xaso verify` compares every log with the latest checkpoint (verify.ts).
//
// A checkpoint never blesses a break: a dossier found broken keeps the head the previous checkpoint recorded (and a
// deleted one stays listed), so the break is reported again by every later verification.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { canonicalJson } from '../dossiers/core/hash-chain.ts';
import { chainKey, chainKeyId, checkpointPublicKey, dataDirectory, signingKeys } from './key-store.ts';
import { verifyDatabase, type CheckpointHead, type Verification } from './verify.ts';

export type { CheckpointHead } from './verify.ts';

export const CHECKPOINT_FORMAT = 'xaso-checkpoint/1';

export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT;
  createdAt: string;
  /** Which chain key made the keyed links (key-store.ts chainKeyId). */
  chainKeyId: string;
  signingKeyId: string;
  /** Made after migration 032: every entry after a listed head (every entry of an unlisted dossier) must be keyed. */
  keyedOnly: true;
  /** sha256 of the canonical JSON of `heads`: one line an auditor can note or publish elsewhere. */
  digest: string;
  heads: CheckpointHead[];
  /** Dossiers whose previous head is carried forward because they were found broken (or deleted). */
  carried: string[];
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 over the canonical JSON of the body (everything but the signature), base64. */
  signature: string;
}

export const checkpointDirectory = (env: NodeJS.ProcessEnv = process.env) =>
  path.resolve(env.XASO_CHECKPOINT_DIR || path.join(dataDirectory(env), 'checkpoints'));

const headsDigest = (heads: readonly CheckpointHead[]) => crypto.createHash('sha256').update(canonicalJson(heads)).digest('hex');

export function signCheckpoint(body: CheckpointBody, privateKey: crypto.KeyObject): Checkpoint {
  return { ...body, signature: crypto.sign(null, Buffer.from(canonicalJson(body), 'utf8'), privateKey).toString('base64') };
}

/** Whether the checkpoint is whole and signed by `publicKey`. */
export function checkpointValid(c: unknown, publicKey: crypto.KeyObject): c is Checkpoint {
  if (!c || typeof c !== 'object') return false;
  const { signature, ...body } = c as Checkpoint;
  if (body.format !== CHECKPOINT_FORMAT || typeof signature !== 'string' || !Array.isArray(body.heads)) return false;
  try {
    if (!crypto.verify(null, Buffer.from(canonicalJson(body), 'utf8'), publicKey, Buffer.from(signature, 'base64'))) return false;
  } catch {
    return false;
  }
  return headsDigest(body.heads) === body.digest;
}

export interface LatestCheckpoint {
  checkpoint: Checkpoint | null;
  file: string | null;
  /** Newer files that do not verify (altered, or signed by another key): each is itself a finding. */
  invalid: string[];
}

const FILE = /^checkpoint-\d{8}T\d{9}Z-[0-9a-f]{8}\.json$/;

/** The latest checkpoint of `dir` whose signature holds, and the newer files that do not. */
export function latestCheckpoint(dir: string, publicKey: crypto.KeyObject): LatestCheckpoint {
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => FILE.test(f)).sort().reverse() : [];
  const invalid: string[] = [];
  for (const f of files) {
    let c: unknown;
    try {
      c = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    } catch {
      c = null;
    }
    if (checkpointValid(c, publicKey)) return { checkpoint: c, file: path.join(dir, f), invalid };
    invalid.push(path.join(dir, f));
  }
  return { checkpoint: null, file: null, invalid };
}

export interface CheckpointOptions {
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** Write even when no head changed since the latest checkpoint. */
  force?: boolean;
  /** Keep this many newest files, and the newest of each earlier day (default 48). */
  keep?: number;
}

/**
 * Verifies the database against the latest checkpoint and writes the next one (unless no head changed): the
 * current heads of the intact dossiers, the previous heads of the broken or deleted ones. Returns the file written
 * (null when nothing changed) and the verification it was based on.
 */
export async function writeCheckpoint(db: Kysely<Database>, o: CheckpointOptions = {}): Promise<{ file: string | null; verification: Verification; latest: LatestCheckpoint }> {
  const env = o.env ?? process.env;
  const dir = checkpointDirectory(env);
  const keys = signingKeys(env);
  const key = chainKey(env);
  const latest = latestCheckpoint(dir, keys.publicKey);
  const verification = await verifyDatabase(db, key, latest.checkpoint);
  const before = new Map((latest.checkpoint?.heads ?? []).map((h) => [h.id, h]));
  const broken = new Set(verification.breaks.map((b) => b.id));
  const heads: CheckpointHead[] = [];
  const carried: string[] = [];
  for (const h of verification.heads) {
    if (!broken.has(h.id)) heads.push(h);
    else if (before.has(h.id)) { heads.push(before.get(h.id)!); carried.push(h.id); }
  }
  const present = new Set(verification.heads.map((h) => h.id));
  for (const h of before.values()) if (!present.has(h.id)) { heads.push(h); carried.push(h.id); }
  heads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const digest = headsDigest(heads);
  if (latest.checkpoint && latest.checkpoint.digest === digest && !o.force) return { file: null, verification, latest };

  const now = o.now ?? new Date();
  const body: CheckpointBody = {
    format: CHECKPOINT_FORMAT, createdAt: now.toISOString(), chainKeyId: chainKeyId(key), signingKeyId: keys.id,
    keyedOnly: true, digest, heads, carried: carried.sort(),
  };
  const signed = signCheckpoint(body, keys.privateKey);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[-:.]/g, '');
  const file = path.join(dir, `checkpoint-${stamp}-${crypto.randomBytes(4).toString('hex')}.json`);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(signed) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
  prune(dir, o.keep ?? 48);
  return { file, verification, latest };
}

/** Removes old checkpoints but the `keep` newest and the newest of each earlier day (verification uses the latest;
 *  the daily ones stay for an auditor). */
function prune(dir: string, keep: number): void {
  const files = fs.readdirSync(dir).filter((f) => FILE.test(f)).sort().reverse();
  const days = new Set<string>();
  files.forEach((f, i) => {
    const day = f.slice('checkpoint-'.length, 'checkpoint-'.length + 8);
    if (i < keep || !days.has(day)) days.add(day);
    else fs.rmSync(path.join(dir, f), { force: true });
  });
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
    writeCheckpoint(db, { env: o.env }).then(
      (r) => {
        if (r.verification.breaks.length) log.error({ breaks: r.verification.breaks }, 'action log integrity: broken chains (xaso verify)');
        if (r.file) log.info({ file: r.file }, 'action log checkpoint written');
      },
      (e: unknown) => log.error({ err: e }, 'action log checkpoint failed'),
    );
  void run();
  const timer = setInterval(run, o.everyMs ?? 3_600_000);
  timer.unref();
  return { stop: () => clearInterval(timer), done: () => running ?? Promise.resolve() };
}
