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
 * the dashboard, the public page and their JSON: at 200 communes a computation takes seconds (docs: the province
 * level), a minute-old view is enough to steer, and a burst of anonymous visits costs one computation. One entry per
 * province and period (replaced when its minute has passed), so the cache stays as small as the periods asked.
 */
const cache = new Map<string, { minute: number; value: Promise<ProvinceFigures> }>();

export function cachedProvinceFigures(db: Kysely<Database>, province: string, spec: PeriodSpec, now: Date): Promise<ProvinceFigures> {
  const key = `${province}|${spec.year}|${spec.month ?? 0}`;
  const minute = Math.floor(now.getTime() / 60_000);
  const hit = cache.get(key);
  if (hit && hit.minute === minute) return hit.value;
  const value = provinceFigures(db, province, spec, now);
  cache.set(key, { minute, value });
  value.catch(() => cache.delete(key));
  return value;
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
