// Who sees the province level, and the cache of the province's figures. The province's staff (its administrator and
// those who follow and steer the communes) see every commune of their own province; nobody else does.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { hasRole, type Principal, type StaffRole } from '../identity/core/principal.ts';
import type { PeriodSpec } from '../indicators/core/periods.ts';
import { provinceNames, provinceOf } from './store.ts';
import { keptPeriods } from './core/period.ts';
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

/** How often the keeper asks for the default periods: within STALE_MINUTES, so their entries never go stale. */
const KEEP_EVERY_MS = 5 * 60_000;

/**
 * Keeps the figures of the periods the province pages open on and steer by — the current month, the month just closed
 * and the current year, of every province — computed (issue 16, scale: a past year of a 10M-dossier province takes
 * about 0.6 s to compute; docs/benchmarks-province.md). At start and every KEEP_EVERY_MS it asks the cache for them, which computes a
 * missing entry and refreshes a passed one in the background, so no visitor of those views waits for a computation;
 * another period (a past month or year) is computed at its first visit, then cached as above. Started by server.ts on
 * the read pool, as the routes read.
 */
export function keepProvinceFiguresWarm(db: Kysely<Database>, now: () => Date, onError: (e: unknown) => void) {
  let running: Promise<void> = Promise.resolve();
  const runOnce = () => (running = (async () => {
    for (const province of await provinceNames(db)) {
      for (const spec of keptPeriods(now())) await cachedProvinceFigures(db, province, spec, now());
    }
  })().catch(onError));
  const timer = setInterval(() => void runOnce(), KEEP_EVERY_MS);
  timer.unref();
  return {
    runOnce,
    /** Stops the timer; resolves when a run under way has ended. */
    stop: () => {
      clearInterval(timer);
      return running;
    },
  };
}

/** Forgets the figures (after a commune is added, and in tests). */
export const forgetProvinceFigures = () => cache.clear();
