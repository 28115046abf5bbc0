// The province's comparison of its communes (pure): each commune's figures for the period, ranked by the total
// Decision 766 index (ties by name), the province's average row, and the table sorted by any column.

export interface CommuneFigures {
  communeId: string;
  name: string;
  /** Total 766 index, of `computedMax` points that could be computed (of `maxPoints`). */
  score: number;
  computedMax: number;
  maxPoints: number;
  /** The six groups of the index, in the index's order. */
  groups: { id: string; name: string; maxPoints: number; score: number; computedMax: number }[];
  /** Plan 2030 targets met / measured in the period (a target not measurable or without data is not counted). */
  targetsMet: number;
  targetsMeasured: number;
  /** Dossiers whose statutory clock runs and whose due time has passed, now (not the period's). */
  lateNow: number;
  /** Dossiers received in the period. */
  received: number;
  /** 2.1, the on-time rate (0–1), null without a dossier to judge. */
  onTime: number | null;
  /** Dossiers received online ÷ dossiers received in the period. */
  onlineShare: number | null;
  /** Satisfied and very satisfied ratings ÷ ratings given in the period. */
  satisfaction: number | null;
  /** The number of ratings behind `satisfaction`. */
  ratings: number;
}

export interface Ranked extends CommuneFigures {
  /** 1 = highest total index; communes with the same total are ordered by name. */
  rank: number;
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');

/** Ranks the communes by total index, highest first; ties by name. */
export function rank(rows: readonly CommuneFigures[]): Ranked[] {
  return [...rows].sort((a, b) => b.score - a.score || byName(a, b)).map((r, i) => ({ ...r, rank: i + 1 }));
}

/** The columns the table may be sorted by (the query's `sap_xep`), each with its value. */
export const SORT_KEYS = {
  hang: (r: Ranked) => -r.rank,
  ten: null,
  diem: (r: Ranked) => r.score,
  'chi-tieu': (r: Ranked) => (r.targetsMeasured ? r.targetsMet / r.targetsMeasured : null),
  'qua-han': (r: Ranked) => r.lateNow,
  'dung-han': (r: Ranked) => r.onTime,
  'truc-tuyen': (r: Ranked) => r.onlineShare,
  'hai-long': (r: Ranked) => r.satisfaction,
  'tiep-nhan': (r: Ranked) => r.received,
} as const satisfies Record<string, ((r: Ranked) => number | null) | null>;
export type SortKey = keyof typeof SORT_KEYS | `nhom-${string}`;

export function isSortKey(s: string): s is SortKey {
  return s in SORT_KEYS || /^nhom-[a-z]{1,20}$/.test(s);
}

/**
 * The rows sorted by a column: the best first (highest score, rate, most targets met; for late dossiers the fewest;
 * by name A→Z), `desc: false` the other way; a commune without a value comes last either way, ties by rank.
 */
export function sortRows(rows: readonly Ranked[], key: SortKey, reverse = false): Ranked[] {
  if (key === 'ten') return [...rows].sort((a, b) => (reverse ? -1 : 1) * byName(a, b));
  const value = key.startsWith('nhom-')
    ? (r: Ranked) => r.groups.find((g) => g.id === key.slice(5))?.score ?? null
    : SORT_KEYS[key as Exclude<keyof typeof SORT_KEYS, 'ten'>];
  const lowerIsBetter = key === 'qua-han';
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? a.rank - b.rank : x === null ? 1 : -1;
    const d = (lowerIsBetter ? x - y : y - x) * (reverse ? -1 : 1);
    return d || a.rank - b.rank;
  });
}

const mean = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
};
const round = (x: number | null, places: number) => (x === null ? null : Math.round(x * 10 ** places) / 10 ** places);

export interface ProvinceAverage {
  communes: number;
  score: number | null;
  groups: { id: string; score: number | null }[];
  targetsMet: number | null;
  targetsMeasured: number | null;
  lateNow: number | null;
  received: number | null;
  onTime: number | null;
  onlineShare: number | null;
  satisfaction: number | null;
}

/** The province's average: the plain mean over its communes of each column (a commune without a value is left out
 *  of that column's mean), scores to 2 decimals, rates to 4. */
export function provinceAverage(rows: readonly CommuneFigures[]): ProvinceAverage {
  const ids = rows[0]?.groups.map((g) => g.id) ?? [];
  return {
    communes: rows.length,
    score: round(mean(rows.map((r) => r.score)), 2),
    groups: ids.map((id) => ({ id, score: round(mean(rows.map((r) => r.groups.find((g) => g.id === id)?.score ?? null)), 2) })),
    targetsMet: round(mean(rows.map((r) => r.targetsMet)), 1),
    targetsMeasured: round(mean(rows.map((r) => r.targetsMeasured)), 1),
    lateNow: round(mean(rows.map((r) => r.lateNow)), 1),
    received: round(mean(rows.map((r) => r.received)), 1),
    onTime: round(mean(rows.map((r) => r.onTime)), 4),
    onlineShare: round(mean(rows.map((r) => r.onlineShare)), 4),
    satisfaction: round(mean(rows.map((r) => r.satisfaction)), 4),
  };
}
