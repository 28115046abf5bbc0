// The signed checkpoint files (format 2): what they hold, how they are signed, written and read, and how the hourly
// ones chain to a full one. Memory stays bounded whatever the number of dossiers: a file is written head by head,
// and a large one is read head by head (one head a line, a layout that is also plain JSON).
//
//   full         every dossier's head (a base): written at the first run, by `xaso checkpoint`, or when the chain
//                of hourly files cannot be followed;
//   incremental  only the heads that changed since `previous` (the file it continues, named with the sha256 of its
//                signature, so a file cannot be swapped for another one signed earlier).
//
// What is signed (Ed25519) is the header — everything but `heads` — and the header carries `digest`, the sha256 of
// the canonical JSON of `heads`; a reader checks both. Format 1 (one JSON object, the heads inside the signed body)
// is still read, as a full checkpoint.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { canonicalJson } from '../dossiers/core/hash-chain.ts';
import type { CheckpointHead } from './verify.ts';

export const CHECKPOINT_FORMAT_V1 = 'xaso-checkpoint/1';
export const CHECKPOINT_FORMAT = 'xaso-checkpoint/2';

/** Log entries whose ids were taken but not seen (committing later, or rolled back): read again by the next run.
 *  `xmax`: the snapshot's xmax at the run after the one that first saw the gap (null until then); once a run's
 *  snapshot xmin is past it, every transaction that could have taken those ids has ended, and the gap is dropped. */
export interface PendingRange { lo: string; hi: string; xmax: string | null }

/** How far the log was read: every entry with id ≤ eventId was seen, except the pending ranges. */
export interface Through { eventId: string; pending: PendingRange[] }

export interface CheckpointHeader {
  format: typeof CHECKPOINT_FORMAT;
  kind: 'full' | 'incremental';
  createdAt: string;
  /** Which chain key made the keyed links (key-store.ts chainKeyId). */
  chainKeyId: string;
  signingKeyId: string;
  /** Made after migration 032: every entry after a listed head (every entry of an unlisted dossier) must be keyed. */
  keyedOnly: true;
  /** The checkpoint this one continues (incremental), by file name and the sha256 of its signature. */
  previous: { file: string; signature: string } | null;
  through: Through;
  /** Number of heads, and the sha256 of their canonical JSON: one line an auditor can note or publish elsewhere. */
  count: number;
  digest: string;
  /** Dossiers whose previous head is carried forward because they were found broken (or deleted). */
  carried: string[];
}

/** A checkpoint as read: its header (format 1: the whole body), the heads when they were loaded, else its file. */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT | typeof CHECKPOINT_FORMAT_V1;
  kind: 'full' | 'incremental';
  createdAt: string;
  chainKeyId: string;
  signingKeyId: string;
  keyedOnly: boolean;
  previous: { file: string; signature: string } | null;
  through: Through | null;
  count: number;
  digest: string;
  carried: string[];
  signature: string;
  /** Loaded for a small file; a large one is read head by head (heads()). */
  heads: CheckpointHead[] | null;
  file: string;
}

/** Files up to this size are read whole; larger ones line by line. */
const IN_MEMORY = 16 * 2 ** 20;
export const FILE = /^checkpoint-\d{8}T\d{9}Z-[0-9a-f]{8}\.json$/;

export const signatureDigest = (signature: string) => crypto.createHash('sha256').update(signature, 'utf8').digest('hex');

/** sha256 of the canonical JSON of a list of heads, fed one head at a time. */
export class HeadsDigest {
  private h = crypto.createHash('sha256').update('[');
  private n = 0;
  add(head: CheckpointHead): string {
    const line = canonicalJson(head);
    this.h.update(this.n++ ? `,${line}` : line);
    return line;
  }
  get count() { return this.n; }
  /** The digest of the heads added so far (more may follow). */
  digest(): string { return this.h.copy().update(']').digest('hex'); }
}

export const headsDigest = (heads: readonly CheckpointHead[]) => {
  const d = new HeadsDigest();
  for (const h of heads) d.add(h);
  return d.digest();
};

/** Writes a checkpoint head by head (heads sorted by id, given in one or more batches) and signs its header. */
export class CheckpointWriter {
  private readonly tmp: string;
  private readonly fd: number;
  private readonly d = new HeadsDigest();
  private lastId = '';
  constructor(readonly file: string) {
    this.tmp = `${file}.tmp`;
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    this.fd = fs.openSync(this.tmp, 'w', 0o600);
  }
  add(heads: readonly CheckpointHead[]): void {
    if (!heads.length) return;
    const lines: string[] = [];
    for (const h of heads) {
      if (h.id <= this.lastId) throw new Error(`checkpoint heads out of order: ${h.id} after ${this.lastId}`);
      this.lastId = h.id;
      lines.push(this.d.add(h));
    }
    fs.writeSync(this.fd, lines.join(',\n') + ',\n');
  }
  get count() { return this.d.count; }
  get digest() { return this.d.digest(); }
  /** Signs the header and puts it first: the file is `{header…,"signature":…,"heads":[` then one head a line. */
  finish(header: Omit<CheckpointHeader, 'count' | 'digest'>, privateKey: crypto.KeyObject): { file: string; signature: string; digest: string } {
    const body: CheckpointHeader = { ...header, count: this.d.count, digest: this.d.digest() };
    const signature = crypto.sign(null, Buffer.from(canonicalJson(body), 'utf8'), privateKey).toString('base64');
    fs.closeSync(this.fd);
    const out = fs.openSync(this.file + '.part', 'w', 0o600);
    try {
      fs.writeSync(out, `${JSON.stringify({ ...body, signature }).slice(0, -1)},"heads":[\n`);
      const buf = Buffer.alloc(1 << 20);
      const src = fs.openSync(this.tmp, 'r');
      // The last head's separator (",\n") becomes the end of the list.
      const total = Math.max(0, fs.fstatSync(src).size - 2);
      for (let pos = 0; pos < total;) {
        const n = fs.readSync(src, buf, 0, Math.min(buf.length, total - pos), pos);
        fs.writeSync(out, buf.subarray(0, n));
        pos += n;
      }
      fs.closeSync(src);
      fs.writeSync(out, '\n]}\n');
      fs.fsyncSync(out);
    } finally {
      fs.closeSync(out);
    }
    fs.rmSync(this.tmp, { force: true });
    fs.renameSync(this.file + '.part', this.file);
    return { file: this.file, signature, digest: body.digest };
  }
  abort(): void {
    try { fs.closeSync(this.fd); } catch { /* closed already */ }
    fs.rmSync(this.tmp, { force: true });
  }
}

const HEADER_KEYS = ['format', 'kind', 'createdAt', 'chainKeyId', 'signingKeyId', 'keyedOnly', 'previous', 'through', 'count', 'digest', 'carried'] as const;

function headerOf(o: Record<string, unknown>): CheckpointHeader {
  return Object.fromEntries(HEADER_KEYS.map((k) => [k, o[k]])) as unknown as CheckpointHeader;
}

const signed = (body: object, signature: unknown, publicKey: crypto.KeyObject) => {
  if (typeof signature !== 'string') return false;
  try {
    return crypto.verify(null, Buffer.from(canonicalJson(body), 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
};

/** Reads and checks one file: the signature, and the digest of the heads when they are read whole (a large file's
 *  heads are checked as they are streamed, heads()). Null when it does not hold. */
export function readCheckpoint(file: string, publicKey: crypto.KeyObject): Checkpoint | null {
  let o: Record<string, unknown> | null = null;
  let loaded = true;
  try {
    if (fs.statSync(file).size <= IN_MEMORY) o = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    else {
      loaded = false;
      o = JSON.parse(`${firstLine(file)}]}`) as Record<string, unknown>;
    }
  } catch {
    return null;
  }
  if (!o || typeof o !== 'object') return null;
  if (o.format === CHECKPOINT_FORMAT_V1) {
    const { signature, ...body } = o;
    if (!loaded || !Array.isArray(body.heads) || !signed(body, signature, publicKey)) return null;
    const heads = body.heads as CheckpointHead[];
    if (headsDigest(heads) !== body.digest) return null;
    return {
      format: CHECKPOINT_FORMAT_V1, kind: 'full', createdAt: String(body.createdAt), chainKeyId: String(body.chainKeyId),
      signingKeyId: String(body.signingKeyId), keyedOnly: body.keyedOnly === true, previous: null, through: null, count: heads.length,
      digest: String(body.digest), carried: (body.carried as string[]) ?? [], signature: signature as string, heads, file,
    };
  }
  if (o.format !== CHECKPOINT_FORMAT) return null;
  const header = headerOf(o);
  if (!signed(header, o.signature, publicKey)) return null;
  if (loaded) {
    if (!Array.isArray(o.heads) || o.heads.length !== header.count || headsDigest(o.heads as CheckpointHead[]) !== header.digest) return null;
  }
  return { ...header, signature: o.signature as string, heads: loaded ? (o.heads as CheckpointHead[]) : null, file };
}

function firstLine(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const end = buf.subarray(0, n).indexOf(10);
    if (end < 0) throw new Error('no header line');
    return buf.subarray(0, end).toString('utf8');
  } finally {
    fs.closeSync(fd);
  }
}

/** The heads of a checkpoint in id order: from memory, or streamed from its file (the digest checked at the end). */
export async function* heads(c: Checkpoint): AsyncGenerator<CheckpointHead> {
  if (c.heads) {
    yield* c.heads;
    return;
  }
  const d = new HeadsDigest();
  const lines = readline.createInterface({ input: fs.createReadStream(c.file, 'utf8'), crlfDelay: Infinity });
  let first = true;
  for await (const raw of lines) {
    if (first) { first = false; continue; }
    const line = raw.endsWith(',') ? raw.slice(0, -1) : raw;
    if (line === ']}' || line === '') continue;
    const h = JSON.parse(line) as CheckpointHead;
    d.add(h);
    yield h;
  }
  if (d.count !== c.count || d.digest() !== c.digest) throw new Error(`checkpoint ${c.file}: heads do not match the signed digest`);
}

export const checkpointFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => FILE.test(f)).sort().reverse() : []);

export interface CheckpointChain {
  /** The latest file whose signature holds. */
  latest: Checkpoint | null;
  /** The full checkpoint the latest one continues from (the latest itself when it is full); null when the chain
   *  back to one is broken. */
  base: Checkpoint | null;
  /** The incremental files from the base (exclusive) to the latest (inclusive), oldest first. */
  deltas: Checkpoint[];
  /** Newer files that do not verify (altered, or signed by another key): each is itself a finding. */
  invalid: string[];
  /** A file the chain needs that is missing, does not verify or is not the one named: the chain is cut there. */
  cut: string | null;
}

/** The latest valid checkpoint of `dir` and the chain it continues. */
export function checkpointChain(dir: string, publicKey: crypto.KeyObject): CheckpointChain {
  const invalid: string[] = [];
  let latest: Checkpoint | null = null;
  for (const f of checkpointFiles(dir)) {
    latest = readCheckpoint(path.join(dir, f), publicKey);
    if (latest) break;
    invalid.push(path.join(dir, f));
  }
  const deltas: Checkpoint[] = [];
  let at = latest;
  while (at && at.kind === 'incremental') {
    deltas.unshift(at);
    const prev = at.previous;
    const file = prev && FILE.test(prev.file) ? path.join(dir, prev.file) : null;
    const next = file && fs.existsSync(file) ? readCheckpoint(file, publicKey) : null;
    if (!next || signatureDigest(next.signature) !== prev!.signature) return { latest, base: null, deltas, invalid, cut: file ?? at.file };
    at = next;
  }
  return { latest, base: at, deltas, invalid, cut: null };
}

/** Removes old checkpoints: never the chain in use (the latest full one and every file after it); before it, the
 *  `keep` newest and the newest of each earlier day (for an auditor). */
export function prune(dir: string, keep: number): void {
  const files = checkpointFiles(dir);
  const days = new Set<string>();
  let inChain = true;
  files.forEach((f, i) => {
    if (inChain) {
      // Files are newest first: every one down to the newest full one is part of the chain.
      const c = (() => { try { return JSON.parse(firstLine(path.join(dir, f)) + ']}') as { kind?: string; format?: string }; } catch { return null; } })();
      if (!c || c.format !== CHECKPOINT_FORMAT || c.kind === 'full') inChain = false;
      return;
    }
    const day = f.slice('checkpoint-'.length, 'checkpoint-'.length + 8);
    if (i < keep || !days.has(day)) days.add(day);
    else fs.rmSync(path.join(dir, f), { force: true });
  });
}
