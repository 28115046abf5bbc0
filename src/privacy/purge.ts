// The retention job: removes, per kind of record, the rows whose period (core/retention.ts, in force today) is over,
// in one transaction. A dry run does the same deletes and rolls them back, so the counts it prints are exactly what a
// real run would remove. The legal records have no purger (purge-store.ts) and are reported as kept.
// Run by `xaso purge [--dry-run]` (cli.ts) and daily by the server (purgeDaily).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { cutoffOf, retentionAt, type RecordKind } from './core/retention.ts';
import { PURGERS } from './purge-store.ts';
import { purgeExpiredOutcomes } from '../http/idempotency.ts';

export interface PurgeLine { kind: RecordKind; label: string; period: string; removed: number | null }

/** Every purger: the stores', and the stored responses' own expiry (IDEMPOTENCY_TTL_HOURS, the retention rule's
 *  period: test/privacy/request.test.ts), so that one rule deletes them. */
const PURGE: typeof PURGERS = { ...PURGERS, idempotency_keys: purgeExpiredOutcomes };

class RolledBack extends Error {
  constructor(readonly lines: PurgeLine[]) {
    super('dry run');
  }
}

export async function runPurge(db: Kysely<Database>, now: Date, o: { dryRun?: boolean } = {}): Promise<PurgeLine[]> {
  const rules = retentionAt(vnDate(now)).rules;
  try {
    return await db.transaction().execute(async (trx) => {
      const lines: PurgeLine[] = [];
      for (const r of rules) {
        const cutoff = cutoffOf(r, now);
        const purger = PURGE[r.kind];
        lines.push({ kind: r.kind, label: r.label, period: r.period, removed: cutoff && purger ? await purger(trx, cutoff) : null });
      }
      if (o.dryRun) throw new RolledBack(lines);
      return lines;
    });
  } catch (e) {
    if (e instanceof RolledBack) return e.lines;
    throw e;
  }
}

/** The report of a run, one line per kind (Vietnamese, for the operator). */
export function purgeReport(lines: PurgeLine[], dryRun: boolean): string {
  const out = [dryRun ? 'Chạy thử (không xóa gì): số bản ghi sẽ bị xóa theo thời hạn lưu giữ' : 'Đã xóa theo thời hạn lưu giữ:'];
  for (const l of lines) {
    out.push(l.removed === null ? `  giữ lại   ${l.label} (${l.period})` : `  ${String(l.removed).padStart(7)}   ${l.label} (${l.period})`);
  }
  return out.join('\n');
}

const DAY_MS = 86_400_000;

/**
 * For the server: runs the purge now and then once a day; returns the function that stops it. A failure is
 * reported through `log` and retried the next day (nothing depends on one run).
 */
export function purgeDaily(db: Kysely<Database>, now: () => Date, log: (msg: string, err?: unknown) => void): () => void {
  const run = () => {
    runPurge(db, now()).then(
      (lines) => log(`purge: ${lines.filter((l) => l.removed).map((l) => `${l.kind}=${l.removed}`).join(' ') || 'nothing to remove'}`),
      (e) => log('purge failed', e),
    );
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, DAY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
