// The sync contract's times: `yyyyMMddHHmmss`, Vietnam local time (UTC+7, no daylight saving; domain.md §10.2). Pure.

const VN_OFFSET_MS = 7 * 3_600_000;

/** The instant of a `yyyyMMddHHmmss` text, or null when it is not one (a wrong length, month 13, 30 February…). */
export function parseSyncTime(s: string): Date | null {
  if (!/^\d{14}$/.test(s)) return null;
  const n = (a: number, b: number) => Number(s.slice(a, b));
  const [y, mo, d, h, mi, se] = [n(0, 4), n(4, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 14)];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, se);
  if (new Date(local).getUTCDate() !== d) return null; // 31/04, 29/02 of a common year
  return new Date(local - VN_OFFSET_MS);
}

/** An instant as `yyyyMMddHHmmss`, Vietnam local time. */
export function formatSyncTime(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** dd/mm/yyyy of an instant, Vietnam local time (for messages). */
export function vnDay(at: Date): string {
  const [y, m, d] = new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
