// The dossiers behind a figure: the numerator or the denominator of an indicator for a period, as the staff member
// may see them (scoped like every dossier query), so that each figure can be checked dossier by dossier.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import { COUNT_PAIRS, type CountIndicator } from './core/contributions.ts';
import { progressOf, type Period } from './core/progress.ts';
import { activeDossiers, dossiersListed, type BehindFilter } from './store.ts';

export const LISTABLE = [...Object.keys(COUNT_PAIRS), '2.1', '5.4'];
const LIMIT = 500;

async function activeIds(db: Kysely<Database>, communeId: string, indicator: '2.1' | '5.4', part: 'numerator' | 'denominator', period: Period) {
  const ids: string[] = [];
  for (const d of await activeDossiers(db, { communeId }, period)) {
    const status = progressOf({
      receivedAt: d.received_at, originalDueAt: d.original_due_at, finishedAt: d.finished_at, pausedAt: d.paused_at,
      supplementCount: d.supplement_count, lateBySupplementRule: d.late_by_supplement_rule,
    }, period);
    if (status === null) continue;
    const good = indicator === '2.1' ? status !== 'late' : status !== 'late' && !d.counts.includes('complained');
    if (part === 'denominator' || good) ids.push(d.dossier_id);
  }
  return ids;
}

/** Whether the list behind the indicator can be narrowed to one procedure or unit (the dossier-count indicators). */
export const filterable = (indicator: string): indicator is CountIndicator => indicator in COUNT_PAIRS;

/** The dossiers behind a figure; `filter` (one procedure or unit) only for the dossier-count indicators (filterable). */
export async function dossiersBehind(
  db: Kysely<Database>, p: Principal, indicator: string, part: 'numerator' | 'denominator', period: Period, filter?: BehindFilter,
) {
  if (indicator === '2.1' || indicator === '5.4') {
    const ids = await activeIds(db, p.communeId, indicator, part, period);
    if (!ids.length) return [];
    return dossiersListed(db, p, { ids }, LIMIT);
  }
  const count = COUNT_PAIRS[indicator as CountIndicator][part === 'numerator' ? 0 : 1];
  return dossiersListed(db, p, { count, period, filter }, LIMIT);
}
