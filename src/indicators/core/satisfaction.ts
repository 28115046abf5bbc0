// Indicator 5.4 of Decision 766 (pure): satisfaction with the receipt and processing of dossiers
// = 100 % − (% dossiers late + % dossiers with a petition (PAKN) or a "dislike") (domain.md §4 5.4, §2.9).
// The formula adds two percentages; a dossier both late and complained about is therefore counted twice, as the
// specification writes it, and the result is floored at 0.
import type { Measure } from './score.ts';

export interface SatisfactionCounts {
  /** Dossiers in scope (received or processed in the period). */
  dossiers: number;
  /** Of them, late by the 2.1 rule. */
  late: number;
  /** Of them, with a petition about the dossier or an overall "không hài lòng" rating. */
  complained: number;
}

export function satisfactionMeasure(c: SatisfactionCounts): Measure {
  if (c.late > c.dossiers || c.complained > c.dossiers || c.late < 0 || c.complained < 0) {
    throw new RangeError(`5.4: ${c.late} late, ${c.complained} complained of ${c.dossiers}`);
  }
  return { numerator: Math.max(0, c.dossiers - c.late - c.complained), denominator: c.dossiers };
}

/** The dossiers in 2.1's scope by status, and how many of them were complained about (for 2.1 and 5.4). */
export interface Tally {
  /** Early or on time. */
  onTime: number;
  late: number;
  complained: number;
}

/** Adds n dossiers of 2.1 status `status` (null: out of scope, not counted). */
export function tallyAdd(t: Tally, status: 'early' | 'on_time' | 'late' | null, complained: boolean, n = 1): void {
  if (status === null) return;
  if (status === 'late') t.late += n;
  else t.onTime += n;
  if (complained) t.complained += n;
}

/** 2.1 (on time or early ÷ in scope) and 5.4 from the tally. */
export function progressMeasures(t: Tally): { '2.1': Measure; '5.4': Measure } {
  const dossiers = t.onTime + t.late;
  return { '2.1': { numerator: t.onTime, denominator: dossiers }, '5.4': satisfactionMeasure({ dossiers, late: t.late, complained: t.complained }) };
}
