// What one dossier contributes to the Decision 766 counts (pure): the denominators it belongs to and the
// numerators it earns, from its own facts. The store keeps these per dossier and sums them by commune, unit,
// field, procedure and month, so that a page view adds up a few hundred rows instead of scanning every dossier;
// when a dossier changes, only its own contribution is recomputed (issue 5 § Speed).
// Each count names the indicator it feeds (domain.md §4).
import { RESULT_COMPONENT } from '../../dossiers/core/result.ts';

export interface DossierFacts {
  channel: 'direct' | 'online' | 'postal';
  received: boolean;
  /** The procedure's flags, as in force at receipt (catalogue `flags`). */
  eligibleFullOnline: boolean;
  returnsPaperResult: boolean;
  /** The dossier of a fee-bearing procedure owes a fee that is not all 0 (766 3.6's denominator: feeBearing()). */
  feeDue: boolean;
  paidOnline: boolean;
  /** An electronic result was issued (a result file attached). */
  eResult: boolean;
  /** Every required component that is filed (not only shown) has an electronic file (allPapersFiled()). */
  allComponentsDigitised: boolean;
  /** At least one component reused earlier digitised data or a result. */
  reusedComponent: boolean;
  /** A component was taken from the citizen's e-data store, or the e-result was pushed to it (linkedToStore()). */
  linkedToStore: boolean;
  /** Filed with an account authenticated by VNeID, or with population data (usesPopulationData()). */
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

/** A paper of the procedure as the 4.2 check reads it (catalogue `components`). */
export interface PaperOf { code: string; required: boolean; kind: string }

/**
 * 766 4.2 (1) "every component has an attached file": every required paper that is filed has an electronic file. A
 * paper only shown at the counter (kind 'shown', xuất trình: the ID card) is not filed and needs no electronic copy
 * (TT 03/2025/TT-VPCP Đ5 k2), and an ID card's image is sensitive personal data (NĐ 356/2025/NĐ-CP), so its lack never
 * makes a dossier "not digitised". A procedure listing no required paper at all is not counted as digitised.
 */
export function allPapersFiled(papers: readonly PaperOf[], withFile: ReadonlySet<string>): boolean {
  const required = papers.filter((c) => c.required);
  return required.length > 0 && required.every((c) => c.kind === 'shown' || withFile.has(c.code));
}

/**
 * 766 3.6's denominator: dossiers of fee-bearing procedures minus those whose fees are all 0. A dossier counts when
 * something was paid for it, or when its assessed fees (payments/core/assess.ts, from its declaration: an on-time
 * birth registration is exempt, Luật Hộ tịch 2014 Đ11 k1 điểm b) come to more than 0 and the officer did not record
 * them as exempt at the counter — paid or not yet: an unpaid fee is a payment not (yet) made online.
 */
export function feeBearing(f: { procedureHasFee: boolean; assessedVnd: number; paidVnd: number; exemptRecorded: boolean }): boolean {
  if (!f.procedureHasFee) return false;
  return f.paidVnd > 0 || (f.assessedVnd > 0 && !f.exemptRecorded);
}

/** One file of a dossier (dossier_files) as the digitisation and reuse rules read it. */
export interface FileFacts {
  /** The component it is filed for, or RESULT_COMPONENT ('KET_QUA') for the result. */
  component: string;
  /** DuocSoHoa: an electronic file of the component (every attached file is one: dossiers/files-store.ts). */
  digitised: boolean;
  /** DuocTaiSuDung: the component reuses digitised data held earlier. */
  reused: boolean;
  /** DuocLayTuKhoDMQG: taken from the e-data store (the flag, or a link to the store item it came from). */
  fromStore: boolean;
  /** The dossier's signed e-result (a signed document of this dossier), not a draft to sign. */
  signedResult: boolean;
}

/** What the digitisation, reuse, store and population-data rules (766 4.1–4.5) read of one dossier. */
export interface DataFacts {
  /** The procedure version's papers (catalogue `components`). */
  papers: readonly PaperOf[];
  files: readonly FileFacts[];
  /** An item of kind 'result' whose source is this dossier is in the applicant's store (store_items, pushed on
   *  return: datastore/push.ts). */
  resultPushed: boolean;
  /** Filed with an account authenticated by VNeID (TaiKhoanDuocXacThucVoiVNeID = 1). */
  authenticatedWithEid: boolean;
  /** Data from the population database was used in the dossier (dossier_registry_uses, registry 'population':
   *  DSKetNoiCSDL carries its code). Absent: false. */
  populationRegistryUsed?: boolean;
}

export type DataFlags = Pick<DossierFacts, 'eResult' | 'allComponentsDigitised' | 'reusedComponent' | 'linkedToStore' | 'eid'>;

/**
 * The data flags of a dossier from its files (766 spec, domain.md §3.3–3.4, §4 4.1–4.5):
 * - eResult (4.1, and 4.2 (2) "the result has an attached file"): a file of the result that is the signed e-result.
 *   A draft result an officer attached to be signed (component KET_QUA, dossiers/uploads.ts checkResultDraft) is
 *   not the result;
 * - allComponentsDigitised (4.2 (1) "every dossier component has an attached file", DuocSoHoa): allPapersFiled();
 * - reusedComponent (4.3 "at least one component flagged as reusing digitised data", DuocTaiSuDung): a component
 *   file flagged reused, or taken from the store (a paper from the store is reused data by definition);
 * - linkedToStore (4.4 "a component taken from the store OR an e-result link pushed to the store"): linkedToStore();
 * - eid (4.5 "TaiKhoanDuocXacThucVoiVNeID = 1, a component came from the DVCQG store, or DSKetNoiCSDL has the
 *   population database"): usesPopulationData().
 * The result's own file is never a component: it neither digitises nor reuses a component.
 */
export function dataFlagsOf(d: DataFacts): DataFlags {
  const components = d.files.filter((f) => f.component !== RESULT_COMPONENT);
  const componentFromStore = components.some((f) => f.fromStore);
  return {
    eResult: d.files.some((f) => f.component === RESULT_COMPONENT && f.signedResult),
    allComponentsDigitised: allPapersFiled(d.papers, new Set(components.filter((f) => f.digitised).map((f) => f.component))),
    reusedComponent: components.some((f) => f.reused || f.fromStore),
    linkedToStore: linkedToStore({ componentFromStore, resultPushed: d.resultPushed }),
    eid: usesPopulationData({ authenticatedWithEid: d.authenticatedWithEid, componentFromStore, populationRegistryUsed: !!d.populationRegistryUsed }),
  };
}

/** 766 4.4: a component taken from the e-data store (DuocLayTuKhoDMQG) or the e-result pushed to it (domain.md §3.4,
 *  §4 4.4: "a component taken from the store **or** an e-result link pushed to the store"). The push is the real
 *  store item (store_items, kind 'result', source_dossier_id = the dossier; NĐ 45/2020 Đ16 as amended by NĐ 118/2025
 *  Đ40 k8: the e-result is kept in the applicant's Kho), whatever its status since: it was pushed, and a revocation
 *  later is no change of the dossier that would move its facts. A dossier received without an ID number
 *  (desk_id_waivers) has no store, so nothing is pushed for it. */
export function linkedToStore(f: { componentFromStore: boolean; resultPushed: boolean }): boolean {
  return f.componentFromStore || f.resultPushed;
}

/**
 * 766 4.5b: the dossier uses population data (CSDL dân cư) in any of the spec's three ways (domain.md §3.4, the 766
 * spec 4.5): filed with an account authenticated by VNeID (TaiKhoanDuocXacThucVoiVNeID = 1); a component came from the
 * DVCQG store; or data from the population database, reached through the provincial platform, was used in the dossier
 * (`DSKetNoiCSDL[].MaCSDL` has its code: registries/, dossier_registry_uses — an officer applied a lookup's record or
 * the citizen's e-form was pre-filled from it). Not counted:
 * - an ID card only shown at the counter (desk_id_checks): the officer looked at a paper, no data came from the
 *   population database;
 * - a look that brought no data into the dossier: an officer's logged look into the applicant's store (store_lookups)
 *   or into the population database (registry_lookups, TT 117/2026/TT-BCA) that found nothing or was not used. The
 *   spec counts data that came into the dossier, not a look; a look whose data was used leaves a component taken from
 *   the store or a registry use, which count.
 */
export function usesPopulationData(f: { authenticatedWithEid: boolean; componentFromStore: boolean; populationRegistryUsed?: boolean }): boolean {
  return f.authenticatedWithEid || f.componentFromStore || !!f.populationRegistryUsed;
}

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
