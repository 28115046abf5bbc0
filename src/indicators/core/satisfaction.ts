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
