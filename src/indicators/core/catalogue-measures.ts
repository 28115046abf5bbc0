// The catalogue-level measures (pure): over the procedures in force on a date (read once, store.ts
// `proceduresInForce`), indicator 1.3 of Decision 766 and the plan's two catalogue targets.
import type { Measure } from './score.ts';

/** What these measures read of a procedure's catalogue data. */
export interface ProcedureData {
  name?: string;
  steps?: unknown[];
  methods?: unknown[];
  components?: unknown[];
  processingTime?: unknown;
  targetPersons?: unknown[];
  authority?: string;
  flags?: { eligibleFullOnline?: boolean; receivableAnywhereInProvince?: boolean };
}

/** 1.3: procedures published with every part NĐ 63/2010/NĐ-CP Điều 8 khoản 2 requires (name, steps, methods,
 *  components, processing time, persons concerned, competent authority) ÷ procedures in force. */
export function publishedInFull(procedures: readonly ProcedureData[]): Measure {
  const full = procedures.filter((p) => !!p.name && !!p.steps?.length && !!p.methods?.length && !!p.components?.length
    && !!p.processingTime && !!p.targetPersons?.length && !!p.authority);
  return { numerator: full.length, denominator: procedures.length };
}

/** The plan's catalogue targets (core/targets.ts): full-online procedures of those eligible (766 3.1, toàn trình
 *  variant) and procedures receivable anywhere in the province ("phi địa giới"); null with no procedure to count. */
export function catalogueRates(procedures: readonly ProcedureData[]) {
  const eligible = procedures.filter((p) => p.flags?.eligibleFullOnline);
  return {
    'full-online-procedures': eligible.length ? eligible.filter((p) => p.methods?.includes('online')).length / eligible.length : null,
    'borderless-procedures': procedures.length ? procedures.filter((p) => p.flags?.receivableAnywhereInProvince).length / procedures.length : null,
  };
}
