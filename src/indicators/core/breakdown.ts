// The digitisation and reuse rates of a period, overall, by procedure and by unit, against the plan's targets (pure):
// 766 4.2 (dossiers digitised ÷ received) and 4.3 (dossiers with at least one reused component ÷ received), rounded as
// the index rounds them (rate4), each against its target in the commune's plan (core/targets.ts: 100 % digitised,
// ≥ 80 % reused — the plan's own, higher than or equal to the 80 % at which the index gives full points).
import { rate4 } from './score.ts';
import { PLAN_TARGETS } from './targets.ts';

export interface CountsRow {
  by: 'all' | 'procedure' | 'unit';
  key: string;
  counts: { received: number; digitised: number; reused: number };
}

export interface RateRow {
  /** The procedure's or unit's code ('' : the whole, or the dossiers not sent to a unit yet). */
  key: string;
  name: string;
  received: number;
  digitised: number;
  reused: number;
  /** null with no dossier received. */
  digitisedRate: number | null;
  reusedRate: number | null;
}

export interface DigitisationRates {
  overall: RateRow;
  byProcedure: RateRow[];
  byUnit: RateRow[];
  /** The plan's targets (0–1). */
  targets: { digitised: number; reused: number };
}

const targetOf = (id: string, fallback: number) => PLAN_TARGETS.find((t) => t.id === id)?.target ?? fallback;
/** The plan's targets for digitisation ("100% hồ sơ, kết quả … được số hóa") and reuse ("tối thiểu 80% … tái sử dụng"). */
export const DIGITISATION_TARGETS = { digitised: targetOf('digitised', 1), reused: targetOf('reuse', 0.8) } as const;

export const NO_UNIT = 'Chưa chuyển đơn vị';

/** Whether a rate reaches its target (null: nothing to measure). */
export const meets = (rate: number | null, target: number): boolean | null => (rate === null ? null : rate >= target - 1e-9);

function rateRow(key: string, name: string, c: CountsRow['counts']): RateRow {
  const of = (n: number) => (c.received ? rate4(n, c.received) : null);
  return { key, name, ...c, digitisedRate: of(c.digitised), reusedRate: of(c.reused) };
}

/** The rows with their names (procedures and units by code; a code without a name keeps its code), sorted by name;
 *  the dossiers not sent to a unit come last. */
export function ratesOf(rows: readonly CountsRow[], names: { procedures: ReadonlyMap<string, string>; units: ReadonlyMap<string, string> }): DigitisationRates {
  const zero = { received: 0, digitised: 0, reused: 0 };
  const all = rows.find((r) => r.by === 'all');
  const byName = (a: RateRow, b: RateRow) => a.name.localeCompare(b.name, 'vi') || a.key.localeCompare(b.key);
  return {
    overall: rateRow('', 'Toàn xã', all?.counts ?? zero),
    byProcedure: rows.filter((r) => r.by === 'procedure').map((r) => rateRow(r.key, names.procedures.get(r.key) ?? r.key, r.counts)).sort(byName),
    byUnit: rows.filter((r) => r.by === 'unit')
      .map((r) => rateRow(r.key, r.key ? names.units.get(r.key) ?? r.key : NO_UNIT, r.counts))
      .sort((a, b) => Number(a.key === '') - Number(b.key === '') || byName(a, b)),
    targets: { ...DIGITISATION_TARGETS },
  };
}
