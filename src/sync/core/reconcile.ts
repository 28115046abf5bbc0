// The daily reconciliation's comparison (pure): our count of dossiers per day of receipt (NgayTiepNhan, Vietnam time)
// and status against the portal's, every (day, status) where they differ (domain.md §10.2 "reconcile daily against
// DVCQG counts, because metric 1.4 penalises missing syncs").
/** One count of a reconciliation: dossiers received on `day` (yyyy-MM-dd, Vietnam time) now in `status`. */
export interface DayCount {
  day: string;
  status: number;
  n: number;
}

/** A difference between our count and the portal's for one day and status. */
export interface CountDifference {
  day: string;
  status: number;
  ours: number;
  portal: number;
}


const key = (c: { day: string; status: number }) => `${c.day}|${c.status}`;

/** Every (day, status) whose counts differ, by day then status; a pair missing on one side counts 0 there. */
export function compareCounts(ours: readonly DayCount[], portal: readonly DayCount[]): CountDifference[] {
  const all = new Map<string, CountDifference>();
  const get = (c: DayCount) => all.get(key(c)) ?? all.set(key(c), { day: c.day, status: c.status, ours: 0, portal: 0 }).get(key(c))!;
  for (const c of ours) get(c).ours += c.n;
  for (const c of portal) get(c).portal += c.n;
  return [...all.values()].filter((d) => d.ours !== d.portal)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.status - b.status));
}

export const total = (counts: readonly DayCount[]) => counts.reduce((s, c) => s + c.n, 0);

/** The days a reconciliation covers: the `days` days ending with `today` (yyyy-MM-dd), oldest first. */
export function window(today: string, days: number): { from: string; to: string } {
  const t = Date.parse(`${today}T00:00:00Z`);
  return { from: new Date(t - (days - 1) * 86_400_000).toISOString().slice(0, 10), to: today };
}

/** How many days back a reconciliation looks: statuses change for weeks after receipt. */
export const RECONCILE_DAYS = 31;
