// Who sees the province level, and the cache of the province's figures. The province's staff (its administrator and
// those who follow and steer the communes) see every commune of their own province; nobody else does.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { hasRole, type Principal, type StaffRole } from '../identity/core/principal.ts';
import type { PeriodSpec } from '../indicators/core/periods.ts';
import { provinceOf } from './store.ts';
import { provinceFigures, type ProvinceFigures } from './service.ts';

export const PROVINCE_ROLES: StaffRole[] = ['province_admin', 'province_viewer'];

export const mayViewProvince = (p: Principal) => hasRole(p, ...PROVINCE_ROLES);

export const PROVINCE_ONLY_MESSAGE = 'Trang này chỉ dành cho cán bộ cấp tỉnh (quản trị cấp tỉnh, theo dõi, chỉ đạo cấp tỉnh).';

export const provinceForbidden = () => new Problem(403, 'PROVINCE_ONLY', PROVINCE_ONLY_MESSAGE);

/**
 * The province's figures are computed at most once a minute (of the server clock) per province and period, for
 * the dashboard, the public page and their JSON: a minute-old view is enough to steer, and a burst of anonymous
 * visits costs one computation. One entry per province and period (replaced when a newer one is computed), so the
 * cache stays as small as the periods asked.
 *
 * Issue 16 (scale): once its minute has passed, an entry up to STALE_MINUTES old is still served at once while ONE
 * new computation runs in the background and replaces it (docs/benchmarks-province.md: a computation of a year of
 * a large province takes seconds); so only the first visitor of a period, or one after a quiet while, waits for it.
 * The page says when its figures were computed.
 */
const STALE_MINUTES = 10;
const cache = new Map<string, { minute: number; value: Promise<ProvinceFigures>; done: boolean; refreshing: boolean }>();

export function cachedProvinceFigures(db: Kysely<Database>, province: string, spec: PeriodSpec, now: Date): Promise<ProvinceFigures> {
  const key = `${province}|${spec.year}|${spec.month ?? 0}`;
  const minute = Math.floor(now.getTime() / 60_000);
  const hit = cache.get(key);
  if (hit && hit.minute === minute) return hit.value;
  const compute = () => {
    const entry = { minute, value: provinceFigures(db, province, spec, now), done: false, refreshing: false };
    entry.value.then(() => { entry.done = true; }, () => {});
    return entry;
  };
  if (hit && hit.done && minute > hit.minute && minute - hit.minute <= STALE_MINUTES) {
    if (!hit.refreshing) {
      hit.refreshing = true;
      const next = compute();
      next.value.then(() => { if (cache.get(key) === hit) cache.set(key, next); }, () => { hit.refreshing = false; });
    }
    return hit.value;
  }
  const entry = compute();
  cache.set(key, entry);
  entry.value.catch(() => { if (cache.get(key) === entry) cache.delete(key); });
  return entry.value;
}

/** The public comparison of a province's communes (`province`, or that of the portal's commune); null when no
 *  commune belongs to it. */
export async function publicProvinceFigures(
  db: Kysely<Database>, province: string | null, portalCommuneId: string, spec: PeriodSpec, now: Date,
): Promise<ProvinceFigures | null> {
  const name = province ?? (await provinceOf(db, portalCommuneId));
  if (!name) return null;
  const f = await cachedProvinceFigures(db, name, spec, now);
  return f.rows.length ? f : null;
}

/** Forgets the figures (after a commune is added, and in tests). */
export const forgetProvinceFigures = () => cache.clear();
