// The hourly checkpoint's check (issue 16, scale): only what was appended to the action log since the previous
// checkpoint, in one short snapshot. The new entries are found by id (the primary key's range after the previous
// checkpoint's `through.eventId`, plus the ids it saw taken but not committed: `pending`); for each dossier they
// belong to, its entries after the head the signed checkpoints last vouched for (integrity_heads, migration 050) must
// continue that head — numbers, the previous hash of the first one = the signed hash, keyed links that recompute —
// and end at the dossier row's head (core/verify.ts checkTail). Cost and memory follow the activity since the
// previous checkpoint, not the history; tampering with older entries is `xaso verify`'s to find (verify.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { linkOf } from '../dossiers/store.ts';
import { BREAK_TEXT, checkTail, type Link } from './core/verify.ts';
import type { PendingRange, Through } from './checkpoint-files.ts';
import { dossierHeadsOf, entriesAfter, entriesAfterSeq, entriesIn, inSnapshot, signedHeads, snapshotHorizon, type EntryRef } from './store.ts';
import type { CheckpointHead, DossierBreak } from './verify.ts';

export interface Increment {
  /** The heads that moved (intact dossiers with new entries), by id. */
  heads: CheckpointHead[];
  /** Dossiers with new entries found broken: their signed head stays. */
  carried: string[];
  breaks: DossierBreak[];
  broken: number;
  through: Through;
  /** Dossiers with new entries, and the new entries checked. */
  dossiers: number;
  entries: number;
}

const BATCH = 10_000;
const DOSSIERS_AT_ONCE = 500;

/** Splits ranges around the ids seen in them. */
function subtract(ranges: readonly PendingRange[], seen: readonly bigint[]): PendingRange[] {
  const out: PendingRange[] = [];
  const ids = [...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const r of ranges) {
    let lo = BigInt(r.lo);
    const hi = BigInt(r.hi);
    for (const id of ids) {
      if (id < lo || id > hi) continue;
      if (id > lo) out.push({ lo: String(lo), hi: String(id - 1n), xmax: r.xmax });
      lo = id + 1n;
    }
    if (lo <= hi) out.push({ lo: String(lo), hi: String(hi), xmax: r.xmax });
  }
  return out;
}

/** Checks what was appended after `previous` and says how far it read. */
export async function checkIncrement(db: Kysely<Database>, key: Uint8Array | null, previous: Through, o: { maxBreaks?: number } = {}): Promise<Increment> {
  const out: Increment = { heads: [], carried: [], breaks: [], broken: 0, through: previous, dossiers: 0, entries: 0 };
  const max = o.maxBreaks ?? Infinity;
  await inSnapshot(db, async (trx) => {
    const horizon = await snapshotHorizon(trx);
    /** Each dossier with new entries → the lowest number among them. */
    const touched = new Map<string, number>();
    const note = (e: EntryRef) => touched.set(e.dossier_id, Math.min(e.seq, touched.get(e.dossier_id) ?? Infinity));
    // 1. The ids after the previous end, in batches; the ids skipped on the way are pending.
    const gaps: PendingRange[] = [];
    let last = BigInt(previous.eventId);
    for (;;) {
      const batch = await entriesAfter(trx, String(last), BATCH);
      for (const e of batch) {
        const id = BigInt(e.id);
        if (id > last + 1n) gaps.push({ lo: String(last + 1n), hi: String(id - 1n), xmax: null });
        last = id;
        note(e);
      }
      if (batch.length < BATCH) break;
    }
    // 2. The ids pending at the previous checkpoint that have committed since.
    const late = await entriesIn(trx, previous.pending);
    for (const e of late) note(e);
    const still = subtract(previous.pending, late.map((e) => BigInt(e.id))).flatMap((r) => {
      if (r.xmax === null) return [{ ...r, xmax: horizon.xmax }];
      return BigInt(horizon.xmin) > BigInt(r.xmax) ? [] : [r]; // every transaction that could take them has ended
    });
    out.through = { eventId: String(last), pending: [...still, ...gaps] };
    // 3. Each dossier's new entries against its signed head.
    const ids = [...touched.keys()].sort();
    for (let i = 0; i < ids.length; i += DOSSIERS_AT_ONCE) {
      const part = ids.slice(i, i + DOSSIERS_AT_ONCE);
      const [signed, rows] = await Promise.all([signedHeads(trx, part), dossierHeadsOf(trx, part)]);
      const from = new Map(part.map((id) => [id, signed.get(id)?.count ?? 0]));
      const entries = await entriesAfterSeq(trx, from);
      const byDossier = new Map<string, Link[]>();
      for (const e of entries) {
        const list = byDossier.get(e.dossier_id);
        const link = linkOf(e.dossier_id, e);
        if (list) list.push(link);
        else byDossier.set(e.dossier_id, [link]);
      }
      const row = new Map(rows.map((r) => [r.id, r]));
      for (const id of part) {
        const d = row.get(id);
        const anchor = signed.get(id) ?? null;
        const links = byDossier.get(id) ?? [];
        const name = d ? (d.code ?? d.reference ?? d.id) : id;
        out.dossiers++;
        out.entries += links.length;
        const lowest = touched.get(id)!;
        const broken = !d
          ? { seq: 1, kind: 'deleted' as const }
          : checkTail(links, { count: d.event_count, hash: d.last_hash }, key, anchor, anchor && lowest <= anchor.count ? lowest : null);
        if (broken) {
          out.broken++;
          if (out.breaks.length < max) out.breaks.push({ id, name, ...broken, text: BREAK_TEXT[broken.kind] });
          out.carried.push(id);
        } else if (d && (!anchor || anchor.count !== d.event_count || anchor.hash !== d.last_hash)) {
          out.heads.push({ id, name, count: d.event_count, hash: d.last_hash });
        }
      }
    }
  });
  return out;
}
