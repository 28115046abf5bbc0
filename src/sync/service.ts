// The administrator's view of the national-portal sync (the screen /can-bo/quan-tri/dong-bo and /api/v1/sync/…):
// counts per sync status, the list per dossier, the resend of a failed dossier (recorded in the admin audit trail, in
// the same transaction), the latest reconciliation and a reconciliation now. Everything is scoped to the caller's
// commune; the applicant's ID number never appears here.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import type { PortalSettings } from '../outside/portal.ts';
import { recordAdminChange } from '../audit/store.ts';
import { stateName, isStateCode } from '../dossiers/core/states.ts';
import { dossierLabel, resendFailed, statusCounts, syncList, type SyncListCursor, type SyncListRow } from './store.ts';
import { latestReconciliation, type ReconciliationRow } from './reconcile-store.ts';
import { reconcileNow } from './reconcile.ts';
import type { DossierSyncStatus } from './tables.ts';

type Db = Kysely<Database>;

export const SYNC_STATUS_NAMES: Record<DossierSyncStatus, string> = { pending: 'Chờ gửi', failed: 'Gửi lỗi', done: 'Đã đồng bộ' };
export const SYNC_STATUSES = Object.keys(SYNC_STATUS_NAMES) as DossierSyncStatus[];

export interface SyncItem {
  dossierId: string;
  /** The dossier code (or the portal's code of a dossier filed there). */
  code: string | null;
  procedureCode: string;
  procedureName: string | null;
  state: number;
  stateName: string;
  status: DossierSyncStatus;
  /** Messages written for the dossier and the last one the portal acknowledged. */
  messages: number;
  acknowledged: number;
  /** Attempts of the first message not yet delivered (null when all are). */
  attempts: number | null;
  lastDeliveredAt: string | null;
  syncedAt: string | null;
  /** The portal's last answer (its code and message); shown for failed dossiers. */
  portalAnswer: { code: string; message: string } | null;
  updatedAt: string;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function itemOf(r: SyncListRow): SyncItem {
  return {
    dossierId: r.dossier_id, code: r.code ?? r.external_code, procedureCode: r.procedure_code, procedureName: r.procedure_name ?? null,
    state: r.state, stateName: isStateCode(r.state) ? stateName(r.state) : String(r.state), status: r.status,
    messages: r.messages, acknowledged: r.acked_seq, attempts: r.head_attempts, lastDeliveredAt: iso(r.last_delivered_at),
    syncedAt: iso(r.created_acked_at),
    portalAnswer: r.last_code && r.last_code !== '0' && r.last_message ? { code: r.last_code, message: r.last_message } : null,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export const encodeCursor = (c: SyncListCursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

export function decodeCursor(s: string | undefined): SyncListCursor | undefined {
  if (!s) return undefined;
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as SyncListCursor;
    if (typeof c.updatedAt === 'string' && !Number.isNaN(Date.parse(c.updatedAt)) && /^[0-9a-f-]{36}$/.test(c.dossierId)) return c;
  } catch {
    // fall through
  }
  throw new Problem(400, 'INVALID_CURSOR', 'Con trỏ phân trang không hợp lệ.');
}

/** One page of the commune's dossiers in sync, with the counts. */
export async function syncOverview(db: Db, p: Principal, o: { status?: DossierSyncStatus; limit?: number; cursor?: string }) {
  const limit = Math.min(Math.max(o.limit ?? 50, 1), 200);
  const [counts, rows] = await Promise.all([
    statusCounts(db, p.communeId),
    syncList(db, p.communeId, { ...(o.status ? { status: o.status } : {}), limit: limit + 1, after: decodeCursor(o.cursor) }),
  ]);
  const page = rows.slice(0, limit).map(itemOf);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ updatedAt: last.updatedAt, dossierId: last.dossierId }) : null;
  return { counts, items: page, nextCursor };
}

/** A failed dossier's messages go back to pending; recorded in the admin audit trail with the change. */
export async function resend(db: Db, p: Principal, dossierId: string, now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const label = await dossierLabel(trx, p.communeId, dossierId);
    if (!label) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy hồ sơ.');
    if (!(await resendFailed(trx, p.communeId, dossierId, now))) {
      throw new Problem(409, 'SYNC_NOT_FAILED', 'Hồ sơ này không ở trạng thái gửi lỗi nên không cần gửi lại.');
    }
    await recordAdminChange(trx, p, {
      action: 'sync.resend', scope: 'commune', scopeId: p.communeId, objectType: 'dossier', objectId: dossierId, objectLabel: label,
      before: { syncStatus: SYNC_STATUS_NAMES.failed }, after: { syncStatus: SYNC_STATUS_NAMES.pending },
    });
  });
}

export interface ReconciliationView {
  id: string;
  kind: 'daily' | 'manual';
  ranAt: string;
  from: string;
  to: string;
  status: 'running' | 'done' | 'error';
  ours: number | null;
  portal: number | null;
  differences: { day: string; status: number; statusName: string; ours: number; portal: number }[];
  /** Whether the portal could not be asked (the details stay in the server's records). */
  failed: boolean;
}

export function reconciliationView(r: ReconciliationRow | undefined): ReconciliationView | null {
  if (!r) return null;
  return {
    id: String(r.id), kind: r.kind, ranAt: new Date(r.ran_at).toISOString(), from: r.from_day, to: r.to_day, status: r.status,
    ours: r.ours_total, portal: r.portal_total, failed: r.status === 'error',
    differences: (r.differences ?? []).map((d) => ({ ...d, statusName: isStateCode(d.status) ? stateName(d.status) : String(d.status) })),
  };
}

export async function lastReconciliation(db: Db, p: Principal): Promise<ReconciliationView | null> {
  return reconciliationView(await latestReconciliation(db, p.communeId));
}

/** Reconciles now (the screen's button): the new reconciliation. */
export async function reconcileForAdmin(db: Db, portal: PortalSettings, p: Principal, now: Date): Promise<ReconciliationView> {
  await reconcileNow(db, portal, p.communeId, p.kind === 'staff' ? p.id : null, now);
  return (await lastReconciliation(db, p))!;
}
