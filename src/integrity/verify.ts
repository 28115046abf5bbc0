// Verifying every dossier's action log: the keyed chain (src/dossiers/core/hash-chain.ts), the dossier rows' heads
// and the heads of the latest signed checkpoint (checkpoints.ts), in one database snapshot. Used by `xaso verify`
// (cli.ts) and before each checkpoint is written.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { chainEvents, linkOf } from '../dossiers/store.ts';
import { BREAK_TEXT, checkChain, type BreakKind } from './core/verify.ts';
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
  /** The first break of each broken dossier. */
  breaks: DossierBreak[];
  /** Every dossier's head as the database keeps it now. */
  heads: CheckpointHead[];
}

const PAGE = 500;

/** Recomputes every dossier's chain and compares its heads with `checkpoint` (null: only the chains and rows). */
export async function verifyDatabase(db: Kysely<Database>, key: Uint8Array | null, checkpoint: { heads: readonly CheckpointHead[]; keyedOnly: boolean } | null): Promise<Verification> {
  const anchors = new Map((checkpoint?.heads ?? []).map((h) => [h.id, h]));
  const out: Verification = { dossiers: 0, entries: 0, breaks: [], heads: [] };
  await inSnapshot(db, async (trx) => {
    for (let after: string | null = null; ;) {
      const page = await dossierHeads(trx, after, PAGE);
      if (!page.length) break;
      after = page.at(-1)!.id;
      const rows = await chainEvents(trx, page.map((d) => d.id));
      const byDossier = new Map<string, typeof rows>();
      for (const r of rows) {
        const list = byDossier.get(r.dossier_id);
        if (list) list.push(r);
        else byDossier.set(r.dossier_id, [r]);
      }
      for (const d of page) {
        const log = byDossier.get(d.id) ?? [];
        const name = d.code ?? d.reference ?? d.id;
        out.dossiers++;
        out.entries += log.length;
        out.heads.push({ id: d.id, name, count: d.event_count, hash: d.last_hash });
        const anchor = anchors.get(d.id) ?? null;
        anchors.delete(d.id);
        const broken = checkChain(log.map((e) => linkOf(d.id, e)), { count: d.event_count, hash: d.last_hash }, key, anchor, checkpoint?.keyedOnly === true);
        if (broken) out.breaks.push({ id: d.id, name, ...broken, text: BREAK_TEXT[broken.kind] });
      }
    }
  });
  // Dossiers the checkpoint recorded and the database no longer has.
  for (const h of anchors.values()) out.breaks.push({ id: h.id, name: h.name, seq: 1, kind: 'deleted', text: BREAK_TEXT.deleted });
  return out;
}
