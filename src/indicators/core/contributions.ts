// What one dossier contributes to the Decision 766 counts (pure): the denominators it belongs to and the
// numerators it earns, from its own facts. The store keeps these per dossier and sums them by commune, unit,
// field, procedure and month, so that a page view adds up a few hundred rows instead of scanning every dossier;
// when a dossier changes, only its own contribution is recomputed (issue 5 § Speed).
// Each count names the indicator it feeds (domain.md §4).

export interface DossierFacts {
  channel: 'direct' | 'online' | 'postal';
  received: boolean;
  /** The procedure's flags, as in force at receipt (catalogue `flags`). */
  eligibleFullOnline: boolean;
  returnsPaperResult: boolean;
  /** A non-zero fee of the procedure was paid for the dossier, by any method (766 3.6: fees not all 0). */
  feeDue: boolean;
  paidOnline: boolean;
  /** An electronic result was issued (a result file attached). */
  eResult: boolean;
  /** Every required component has an electronic file. */
  allComponentsDigitised: boolean;
  /** At least one component reused earlier digitised data or a result. */
  reusedComponent: boolean;
  /** A component was taken from the citizen's e-data store, or the e-result was pushed to it. */
  linkedToStore: boolean;
  /** Filed with an account authenticated by VNeID, or with population data. */
  eid: boolean;
  /** An overall "không hài lòng" rating or a petition about this dossier. */
  complained: boolean;
}

export type Count =
  | 'received' // denominator of 3.3, 4.3, 4.4, 4.5b
  | 'received_online' // 3.3 numerator (online share), when the result rule holds
  | 'eligible_full_online' // 3.2 denominator: dossiers of procedures eligible for toàn trình
  | 'full_online' // 3.2 numerator
  | 'fee_due' // 3.6 denominator
  | 'paid_online' // 3.6 numerator
  | 'paper_result' // 4.1 denominator
  | 'e_result' // 4.1 numerator
  | 'digitised' // 4.2 numerator (denominator: received)
  | 'reused' // 4.3 numerator
  | 'linked_to_store' // 4.4 numerator
  | 'eid' // 4.5b numerator
  | 'complained'; // 5.4 (with the late count of 2.1)

/** The counts this dossier adds 1 to. A dossier never received (refused at receipt) counts nowhere. */
export function countsOf(f: DossierFacts): Count[] {
  if (!f.received) return [];
  const out: Count[] = ['received'];
  // 3.3: an online dossier counts only if, for a procedure returning a paper result, an e-result was issued.
  const online = f.channel === 'online' && (!f.returnsPaperResult || f.eResult);
  if (online) out.push('received_online');
  if (f.eligibleFullOnline) {
    out.push('eligible_full_online');
    if (online) out.push('full_online');
  }
  if (f.feeDue) {
    out.push('fee_due');
    if (f.paidOnline) out.push('paid_online');
  }
  if (f.returnsPaperResult) {
    out.push('paper_result');
    if (f.eResult) out.push('e_result');
  }
  // 4.2: all components filed electronically and an e-result where the procedure returns one.
  if (f.allComponentsDigitised && (!f.returnsPaperResult || f.eResult)) out.push('digitised');
  if (f.reusedComponent) out.push('reused');
  if (f.linkedToStore) out.push('linked_to_store');
  if (f.eid) out.push('eid');
  if (f.complained) out.push('complained');
  return out;
}

/** The numerator and denominator counts of each dossier-count indicator (domain.md §4). */
export const COUNT_PAIRS = {
  '3.2': ['full_online', 'eligible_full_online'],
  '3.6': ['paid_online', 'fee_due'],
  '4.1': ['e_result', 'paper_result'],
  '4.2': ['digitised', 'received'],
  '4.3': ['reused', 'received'],
  '4.4': ['linked_to_store', 'received'],
  '4.5b': ['eid', 'received'],
} as const satisfies Record<string, readonly [Count, Count]>;
export type CountIndicator = keyof typeof COUNT_PAIRS;

/** The measures of the dossier-count indicators from summed counts (missing counts are 0). */
export function measuresFromCounts(c: Partial<Record<Count, number>>): Record<CountIndicator, { numerator: number; denominator: number }> {
  const n = (k: Count) => c[k] ?? 0;
  return Object.fromEntries(
    Object.entries(COUNT_PAIRS).map(([id, [num, den]]) => [id, { numerator: n(num), denominator: n(den) }]),
  ) as Record<CountIndicator, { numerator: number; denominator: number }>;
}
