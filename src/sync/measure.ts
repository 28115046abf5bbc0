// Indicator 1.4 "Hồ sơ đồng bộ lên DVCQG" (QĐ 766/QĐ-TTg; domain.md §4): dossiers synced with NgayTiepNhan in the
// period ÷ max(dossiers in the reporting system, dossiers on DVCQG). "Synced" = the portal acknowledged the dossier
// (error_code 0 on its first message; for a dossier filed on the portal, its first update). The reporting system's
// count is ours (received in the period, in the scope). The portal's count is taken from the latest completed
// reconciliation (its per-day counts, summed over the period's days it covers) — only for the whole commune: the
// portal's counts are not broken down by unit, field or procedure, so a narrower scope uses ours alone.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import type { Scope } from '../indicators/store.ts';
import type { Period } from '../indicators/core/progress.ts';
import type { Measure } from '../indicators/core/score.ts';
import { latestReconciliation, type ReconciliationRow } from './reconcile-store.ts';
import { receivedAndSynced } from './measure-store.ts';

/** The portal's count of the commune's dossiers received in the period, from the latest reconciliation (0 if none). */
async function portalCount(db: Kysely<Database>, communeId: string, p: Period): Promise<number> {
  return portalCountIn(await latestReconciliation(db, communeId, true), p);
}

/** The portal's count in the period from a reconciliation already read (the province reads every commune's at once). */
export function portalCountIn(r: Pick<ReconciliationRow, 'portal_counts'> | undefined, p: Period): number {
  if (!r?.portal_counts) return 0;
  const from = vnDate(p.start);
  const to = vnDate(new Date(+p.end - 1));
  return r.portal_counts.filter((c) => c.day >= from && c.day <= to).reduce((s, c) => s + c.n, 0);
}

export async function syncedMeasure(db: Kysely<Database>, s: Scope, p: Period): Promise<Measure> {
  const whole = !s.unitCode && !s.fieldCode && !s.procedureCode;
  const [{ received, synced }, portal] = await Promise.all([
    receivedAndSynced(db, s, p),
    whole ? portalCount(db, s.communeId, p) : Promise.resolve(0),
  ]);
  return { numerator: synced, denominator: Math.max(received, portal) };
}
