// The months the growing logs are partitioned by (migration 049): Vietnam calendar months, written 'YYYY-MM-01'.
// Pure: the CLI's argument, a partition's name and month, and which dossiers an archived month may hold.
import { vnDate } from '../../calendar/core/vn-time.ts';
import { STATE_CODES, isTerminal } from '../../dossiers/core/states.ts';

/** The tables partitioned by month, and how their partitions are named: `<parent>_pYYYYMM`, `<parent>_default`. */
export const PARTITIONED = ['dossier_events', 'access_log'] as const;
export type Partitioned = (typeof PARTITIONED)[number];

/** The month (Vietnam time) of an instant, as the database's xaso_month() gives it: 'YYYY-MM-01'. */
export function monthOf(at: Date): string {
  return `${vnDate(at).slice(0, 7)}-01`;
}

/** 'YYYY-MM' (the CLI's --before) as 'YYYY-MM-01', or null when it is not a month. */
export function parseMonth(text: string): string | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? `${m[1]}-${m[2]}-01` : null;
}

/** The month a monthly partition holds, from its name, or null (the DEFAULT partition, another table). */
export function partitionMonth(parent: Partitioned, name: string): string | null {
  const m = new RegExp(`^${parent}_p(\\d{4})(\\d{2})$`).exec(name);
  return m ? `${m[1]}-${m[2]}-01` : null;
}

/** 'YYYY-MM-01' → 'MM/YYYY', as the operator reads a month. */
export const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

/**
 * The states a dossier of an archived month may be in: the terminal ones (no action leads out of them,
 * dossiers/core/states.ts): not received, withdrawn, stopped, returned. Only closed files go to the archive: the
 * person who handled a matter makes up its file, handed to the current archive (lưu trữ hiện hành) at most one year
 * from the year its work ended (Luật Lưu trữ 2024, in force 01/7/2025, Điều 17 [S: thuvienphapluat.vn's summary of
 * the law, 20/7/2024; the article's own text was not retrieved, nor is it in domain.md]). A month whose dossiers are
 * not all closed is refused.
 */
export const CLOSED_STATES: readonly number[] = STATE_CODES.filter(isTerminal);

/**
 * Which partitions a detach before `before` takes: the monthly ones wholly before it. `current`: the month now;
 * a month not yet over is never taken (`before` later than the current month is refused by the caller).
 */
export function monthsBefore<T extends { month: string | null }>(parts: readonly T[], before: string): (T & { month: string })[] {
  return parts.filter((p): p is T & { month: string } => p.month !== null && p.month < before);
}
