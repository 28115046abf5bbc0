// The reconciliation of our counts with the portal's (domain.md §10.2: "reconcile daily against DVCQG counts, because
// metric 1.4 penalises missing syncs"): per day of receipt (NgayTiepNhan) and status over the last RECONCILE_DAYS
// days, every difference listed (core/reconcile.ts) and kept (sync_reconciliations). Daily from the worker, once per
// commune and day (claimed in the database), and on demand from the administrator's screen.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PortalSettings } from '../outside/portal.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { compareCounts, RECONCILE_DAYS, total, window } from './core/reconcile.ts';
import { portalCounts } from './client.ts';
import {
  claimDaily, communeIds, failReconciliation, finishReconciliation, insertManual, ourCounts,
} from './reconcile-store.ts';

type Db = Kysely<Database>;

/** A failed or stalled daily run is tried again after this long. */
const RETRY_MS = 3_600_000;

async function run(db: Db, portal: PortalSettings, id: string, communeId: string, from: string, to: string): Promise<void> {
  try {
    const [ours, theirs] = await Promise.all([ourCounts(db, communeId, from, to), portalCounts(portal, communeId, from, to)]);
    await finishReconciliation(db, id, { ours: total(ours), portal: total(theirs), portalCounts: theirs, differences: compareCounts(ours, theirs) });
  } catch (e) {
    await failReconciliation(db, id, e instanceof Error ? e.message : String(e));
  }
}

/** Runs today's reconciliation for every commune that has not had it (the worker calls this every few minutes). */
export async function reconcileDueCommunes(db: Db, portal: PortalSettings, now: Date): Promise<number> {
  const today = vnDate(now);
  const { from, to } = window(today, RECONCILE_DAYS);
  let ran = 0;
  for (const communeId of await communeIds(db)) {
    const id = await claimDaily(db, { communeId, runDay: today, from, to, now, retryBefore: new Date(+now - RETRY_MS) });
    if (!id) continue;
    await run(db, portal, id, communeId, from, to);
    ran++;
  }
  return ran;
}

/** A reconciliation asked for now (the screen's "Đối soát ngay"); its id. */
export async function reconcileNow(db: Db, portal: PortalSettings, communeId: string, staffId: number | null, now: Date): Promise<string> {
  const today = vnDate(now);
  const { from, to } = window(today, RECONCILE_DAYS);
  const id = await insertManual(db, { communeId, runDay: today, from, to, now, staffId });
  await run(db, portal, id, communeId, from, to);
  return id;
}
