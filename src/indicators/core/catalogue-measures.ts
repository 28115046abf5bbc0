// The catalogue-level measures (pure): over the procedures in force on a date (read once, store.ts
// `proceduresInForce`), indicators 1.3, 3.5a and 3.5b of Decision 766 and the plan's two catalogue targets. Each
// counts the commune's own procedures only (ownProcedures): not those listed for guidance and routing only.
import type { Measure } from './score.ts';
import type { Fee, PausingState } from '../../catalogue/core/types.ts';
import { isChargeable } from '../../catalogue/core/fees.ts';

/** What these measures read of a procedure's catalogue data. */
export interface ProcedureData {
  code?: string;
  name?: string;
  field?: { code?: string };
  handlingUnitCode?: string;
  fees?: Fee[];
  pausingStates?: PausingState[];
  steps?: unknown[];
  methods?: unknown[];
  components?: unknown[];
  processingTime?: unknown;
  targetPersons?: unknown[];
  authority?: string;
  flags?: { eligibleFullOnline?: boolean; receivableAnywhereInProvince?: boolean; hasFee?: boolean };
  /** Listed for guidance and routing only: another agency decides it (catalogue `routingOnly`). */
  routingOnly?: boolean;
}

/** The procedures the commune itself receives and handles: never one another agency decides (catalogue
 *  `routingOnly`, e.g. residence, Công an xã under Luật Cư trú 2020), which the commune receives no dossier of, so its
 *  figures are about its own procedures only. */
export const ownProcedures = (procedures: readonly ProcedureData[]): ProcedureData[] => procedures.filter((p) => !p.routingOnly);

/** 1.3: procedures published with every part NĐ 63/2010/NĐ-CP Điều 8 khoản 2 requires (name, steps, methods,
 *  components, processing time, persons concerned, competent authority) ÷ procedures in force. */
export function publishedInFull(all: readonly ProcedureData[]): Measure {
  const procedures = ownProcedures(all);
  const full = procedures.filter((p) => !!p.name && !!p.steps?.length && !!p.methods?.length && !!p.components?.length
    && !!p.processingTime && !!p.targetPersons?.length && !!p.authority);
  return { numerator: full.length, denominator: procedures.length };
}

/** The plan's catalogue targets (core/targets.ts): full-online procedures of those eligible (766 3.1, toàn trình
 *  variant) and procedures receivable anywhere in the province ("phi địa giới"); null with no procedure to count. */
export function catalogueRates(all: readonly ProcedureData[]) {
  const procedures = ownProcedures(all);
  const eligible = procedures.filter((p) => p.flags?.eligibleFullOnline);
  return {
    'full-online-procedures': eligible.length ? eligible.filter((p) => p.methods?.includes('online')).length / eligible.length : null,
    'borderless-procedures': procedures.length ? procedures.filter((p) => p.flags?.receivableAnywhereInProvince).length / procedures.length : null,
  };
}

/** The procedures of a scope (the whole catalogue, or one field, one procedure, or those a unit handles), one per
 *  code (two versions in force on the same day are one procedure). */
export function proceduresOf(procedures: readonly ProcedureData[], s: { fieldCode?: string; procedureCode?: string; unitCode?: string }): ProcedureData[] {
  const byCode = new Map<string, ProcedureData>();
  for (const p of procedures) {
    if (s.fieldCode && p.field?.code !== s.fieldCode) continue;
    if (s.procedureCode && p.code !== s.procedureCode) continue;
    if (s.unitCode && p.handlingUnitCode !== s.unitCode) continue;
    byCode.set(p.code ?? p.name ?? String(byCode.size), p);
  }
  return [...byCode.values()];
}

/**
 * Online payment is offered for the procedure: one of its chargeable fee lines (catalogue/core/fees.ts isChargeable)
 * can be paid through the payment gateway. Xã Số's online payment (payments/service.ts startOnlinePayment: the
 * portal's "Thanh toán trực tuyến", /api/v1/public/payments) takes what payments/core/amount.ts dueNow() says is due,
 * for any procedure: a "thu trước" line from submission to processing (FEE_BEFORE_STATES), a "thu sau" line only
 * with a financial-obligation notice (state 6). So a "thu trước" line is always payable online, and a "thu sau" line
 * only for a procedure whose catalogue has the financial-obligation step (`pausingStates` 'financial_obligation');
 * otherwise it is collected at the counter when the result is returned.
 */
export function offersOnlinePayment(p: ProcedureData): boolean {
  const obligationStep = !!p.pausingStates?.includes('financial_obligation');
  return (p.fees ?? []).some((l) => isChargeable(l) && (l.collect === 'before' || obligationStep));
}

/**
 * 766 3.5 (payment group, 2 + 2 points: UNCERTAIN split, domain.md §4), over the procedures with a financial
 * obligation in force ("TTHC có nghĩa vụ tài chính": catalogue flag `hasFee`, which validation keeps equal to "a fee
 * line can cost something"), the denominator of both:
 * - 3.5a, online payment offered: offersOnlinePayment() (the spec counts "TTHC with synced fee data (non-zero)",
 *   domain.md §4 3.5: fees that the online payment can collect);
 * - 3.5b, with an online payment transaction: at least one online payment settled in the period (`paidOnline`: the
 *   codes of the procedures of the dossiers paid online, a 'paid' entry of an 'online' order).
 */
export function onlinePaymentMeasures(procedures: readonly ProcedureData[], paidOnline: ReadonlySet<string>): { '3.5a': Measure; '3.5b': Measure } {
  const withFee = ownProcedures(procedures).filter((p) => p.flags?.hasFee);
  return {
    '3.5a': { numerator: withFee.filter(offersOnlinePayment).length, denominator: withFee.length },
    '3.5b': { numerator: withFee.filter((p) => p.code !== undefined && paidOnline.has(p.code)).length, denominator: withFee.length },
  };
}

// Words of a catalogue's "đối tượng thực hiện" that name people (a person, a citizen, a household member, a relative)
// rather than only organisations ("cơ quan, tổ chức", "ban tổ chức", "doanh nghiệp").
const PERSON_WORDS = ['công dân', 'cá nhân', 'người', 'hộ gia đình', 'gia đình', 'cha', 'mẹ', 'vợ', 'chồng', 'con', 'tín đồ'];
const PERSON = new RegExp(`(^|[^\\p{L}])(${PERSON_WORDS.join('|')})(?=$|[^\\p{L}])`, 'iu');

/**
 * 766 4.5a's denominator (domain.md §4 4.5a): procedures whose target persons are people — "Công dân Việt Nam /
 * Người Việt Nam định cư ở nước ngoài / Người nước ngoài" in the national TTHC database's category. Xã Số's catalogue
 * keeps the published free text (`targetPersons`), so a procedure counts when that text names people (PERSON_WORDS),
 * not only organisations; a procedure listing no target person does not count. Our reading, until the catalogue
 * carries the national category.
 */
export function targetsPersons(p: Pick<ProcedureData, 'targetPersons'>): boolean {
  return (p.targetPersons ?? []).some((t) => typeof t === 'string' && PERSON.test(t.normalize('NFC')));
}

/**
 * 766 4.5a: procedures targeting people (targetsPersons) that have at least one dossier using VNeID or population data
 * (a dossier of the period with the 'eid' count: contributions.ts usesPopulationData) ÷ procedures targeting people;
 * over the commune's own procedures in force (ownProcedures) of the scope.
 */
export function populationDataProcedures(procedures: readonly ProcedureData[], withEid: ReadonlySet<string>): Measure {
  const people = ownProcedures(procedures).filter(targetsPersons);
  return { numerator: people.filter((p) => p.code !== undefined && withEid.has(p.code)).length, denominator: people.length };
}
