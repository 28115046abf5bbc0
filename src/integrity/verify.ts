// Verifying every dossier's action log: the keyed chain (src/dossiers/core/hash-chain.ts), the dossier rows' heads
// and EVERY head the signed checkpoints in use hold (the full one and the hourly files after it, checkpoints.ts), in
// one database snapshot, dossier page by dossier page. Used by `xaso verify` (cli.ts), by `xaso checkpoint` and the
// first checkpoint (a full one), and by the restore drill. Memory stays bounded: the checkpoint's heads are merged
// in id order with the dossiers (a large file is streamed), and the heads to write go to the caller page by page.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { chainEvents, linkOf } from '../dossiers/store.ts';
import { anchorBreak, BREAK_TEXT, checkChain, type BreakKind, type Link } from './core/verify.ts';
import { dossierHeads, inSnapshot } from './store.ts';

/** A dossier's head as a checkpoint records it. */
export interface CheckpointHead {
  id: string;
  /** The dossier code (or reference before there is one), to report by. */
  name: string;
  count: number;
  hash: string | null;
}

export interface DossierBreak {
  id: string;
  /** The dossier code, its reference before it has one, or its id. */
  name: string;
  seq: number;
  kind: BreakKind;
  /** What is wrong, in Vietnamese. */
  text: string;
}

export interface Verification {
  dossiers: number;
  entries: number;
  /** The first break of each broken dossier (the first `maxBreaks` of them). */
  breaks: DossierBreak[];
  /** How many dossiers are broken (breaks.length unless capped). */
  broken: number;
}

/** The signed heads to verify against, in dossier id order (several per dossier when several files hold one). */
export interface Anchors {
  keyedOnly: boolean;
  heads: AsyncIterable<CheckpointHead> | Iterable<CheckpointHead>;
}

export interface VerifyOptions {
  /** Runs first inside the snapshot (the full checkpoint notes where the log ends in it). */
  before?: (trx: Kysely<Database>) => Promise<void>;
  /** Keep at most this many breaks (the count goes on): the server logs them, it need not hold millions. */
  maxBreaks?: number;
  /** The heads a checkpoint made now records, page by page in id order: the current head of an intact dossier, the
   *  highest signed head of a broken or deleted one (listed in `carried`; a checkpoint never blesses a break). */
  onPage?: (heads: CheckpointHead[], carried: string[]) => void | Promise<void>;
}

const PAGE = 500;

/** Merges sorted head streams into one sorted stream (ties: all of them). */
export async function* mergeHeads(...streams: (AsyncIterable<CheckpointHead> | Iterable<CheckpointHead>)[]): AsyncGenerator<CheckpointHead> {
  const its = streams.map((s) => (Symbol.asyncIterator in s ? s[Symbol.asyncIterator]() : (s as Iterable<CheckpointHead>)[Symbol.iterator]()));
  const next = await Promise.all(its.map(async (it) => (await it.next()) as IteratorResult<CheckpointHead>));
  for (;;) {
    let k = -1;
    for (let i = 0; i < next.length; i++) if (!next[i]!.done && (k < 0 || next[i]!.value.id < next[k]!.value.id)) k = i;
    if (k < 0) return;
    yield next[k]!.value as CheckpointHead;
    next[k] = (await its[k]!.next()) as IteratorResult<CheckpointHead>;
  }
}

/** Reads anchors up to an id, grouped by dossier. */
class AnchorCursor {
  private readonly it: AsyncIterator<CheckpointHead> | Iterator<CheckpointHead>;
  private ahead: CheckpointHead | null = null;
  private done = false;
  constructor(src: Anchors['heads']) {
    this.it = Symbol.asyncIterator in src ? src[Symbol.asyncIterator]() : (src as Iterable<CheckpointHead>)[Symbol.iterator]();
  }
  /** Every anchor with id ≤ `last` (all that are left when null), by dossier. */
  async upTo(last: string | null): Promise<Map<string, CheckpointHead[]>> {
    const out = new Map<string, CheckpointHead[]>();
    for (;;) {
      if (!this.ahead) {
        if (this.done) return out;
        const r = await this.it.next();
        if (r.done) { this.done = true; return out; }
        this.ahead = r.value;
      }
      if (last !== null && this.ahead.id > last) return out;
      const list = out.get(this.ahead.id);
      if (list) list.push(this.ahead);
      else out.set(this.ahead.id, [this.ahead]);
      this.ahead = null;
    }
  }
}

/** The highest of a dossier's signed heads (the one the others must lie on). */
const highest = (list: readonly CheckpointHead[]) => list.reduce((a, b) => (b.count > a.count ? b : a));

/** Recomputes every dossier's chain and compares it with every signed head of `anchors` (null: only the chains and
 *  the rows). A legacy `{ heads: [...] }` checkpoint (sorted by id) is accepted as it was. */
export async function verifyDatabase(
  db: Kysely<Database>, key: Uint8Array | null, anchors: Anchors | null, o: VerifyOptions = {},
): Promise<Verification> {
  const out: Verification = { dossiers: 0, entries: 0, breaks: [], broken: 0 };
  const max = o.maxBreaks ?? Infinity;
  const report = (b: DossierBreak) => {
    out.broken++;
    if (out.breaks.length < max) out.breaks.push(b);
  };
  const cursor = new AnchorCursor(anchors?.heads ?? []);
  const keyedOnly = anchors?.keyedOnly === true;
  const deleted = async (signed: Map<string, CheckpointHead[]>, seen: ReadonlySet<string>, heads: CheckpointHead[], carried: string[]) => {
    for (const [id, list] of signed) {
      if (seen.has(id)) continue;
      const h = highest(list);
      report({ id, name: h.name, seq: 1, kind: 'deleted', text: BREAK_TEXT.deleted });
      heads.push(h);
      carried.push(id);
    }
  };
  const emit = async (heads: CheckpointHead[], carried: string[]) => {
    if (!o.onPage) return;
    heads.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await o.onPage(heads, carried);
  };
  await inSnapshot(db, async (trx) => {
    await o.before?.(trx);
    for (let after: string | null = null; ;) {
      const page = await dossierHeads(trx, after, PAGE);
      if (!page.length) break;
      after = page.at(-1)!.id;
      const [rows, signed] = await Promise.all([chainEvents(trx, page.map((d) => d.id)), cursor.upTo(after)]);
      const byDossier = new Map<string, typeof rows>();
      for (const r of rows) {
        const list = byDossier.get(r.dossier_id);
        if (list) list.push(r);
        else byDossier.set(r.dossier_id, [r]);
      }
      const heads: CheckpointHead[] = [];
      const carried: string[] = [];
      for (const d of page) {
        const log = byDossier.get(d.id) ?? [];
        const name = d.code ?? d.reference ?? d.id;
        out.dossiers++;
        out.entries += log.length;
        const list = signed.get(d.id) ?? [];
        const anchor = list.length ? highest(list) : null;
        const links: Link[] = log.map((e) => linkOf(d.id, e));
        // A dossier of a month detached for the archive (src/archive/): its entries are in the archive, its head stays
        // what the checkpoints last signed (or goes past it).
        let broken = d.archived ? (anchor && (anchor.count > d.event_count || (anchor.count === d.event_count && anchor.hash !== d.last_hash))
          ? { seq: d.event_count, kind: 'head' as const } : null)
          : checkChain(links, { count: d.event_count, hash: d.last_hash }, key, anchor, keyedOnly);
        if (!d.archived) for (const a of list) broken ??= anchorBreak(links, a);
        if (broken) {
          report({ id: d.id, name, ...broken, text: BREAK_TEXT[broken.kind] });
          if (anchor) { heads.push(anchor); carried.push(d.id); }
        } else {
          heads.push({ id: d.id, name, count: d.event_count, hash: d.last_hash });
        }
      }
      // Dossiers a checkpoint recorded in this page's range that the database no longer has.
      await deleted(signed, new Set(page.map((d) => d.id)), heads, carried);
      await emit(heads, carried);
    }
    const heads: CheckpointHead[] = [];
    const carried: string[] = [];
    await deleted(await cursor.upTo(null), new Set(), heads, carried);
    await emit(heads, carried);
  });
  return out;
}
