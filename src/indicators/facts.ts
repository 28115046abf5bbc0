// Keeping a dossier's indicator facts (table indicator_facts) up to date: called in the transaction of every change
// that can move a figure (a dossier action, an attached file, a payment, a rating). One query gathers what the pure
// core needs (and the previous facts row, facts-store.ts); countsOf() decides the counts; then, in the same
// transaction, the monthly rollup moves by the difference between the new and the previous row's entries
// (rollup-store.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { countsOf } from './core/contributions.ts';
import { factsInputs, writeFacts } from './facts-store.ts';
import { applyRollupDelta } from './rollup-store.ts';

export { RESULT_COMPONENT } from './facts-store.ts';

export async function refreshFacts(db: Kysely<Database>, dossierId: string): Promise<void> {
  const f = await factsInputs(db, dossierId);
  if (!f) return;
  const flags = f.flags ?? {};
  const digitised = new Set(f.digitised);
  const counts = countsOf({
    channel: f.channel,
    received: f.received_at !== null,
    eligibleFullOnline: !!flags.eligibleFullOnline,
    returnsPaperResult: !!flags.returnsPaperResult,
    // 766 3.6's denominator: dossiers of fee-bearing procedures whose fees are not all 0 — here, dossiers that paid a
    // non-zero fee by any method (online or cash): exempt cases (most on-time civil-status registrations) and fees not
    // yet paid do not count, so the share is that of the payments made online (the plan's "≥ 80 % of payments").
    feeDue: !!flags.hasFee && Number(f.paid_vnd) > 0,
    paidOnline: f.paid_online,
    eResult: f.e_result,
    allComponentsDigitised: f.required.length > 0 && f.required.every((c) => digitised.has(c)),
    reusedComponent: f.reused,
    linkedToStore: f.from_store,
    eid: f.authenticated_with_eid,
    complained: f.complained,
  });
  const pj = f.projection ?? {};
  const values = {
    dossier_id: dossierId, commune_id: f.commune_id, unit_code: f.unit_code, field_code: f.field_code, procedure_code: f.procedure_code,
    channel: f.channel, received_at: f.received_at, finished_at: f.finished_at, returned_at: f.returned_at, original_due_at: f.original_due_at,
    paused_at: pj.pausedAt ? new Date(pj.pausedAt) : null, supplement_count: pj.supplementCount ?? 0,
    late_by_supplement_rule: !!pj.lateBySupplementRule, counts, updated_at: new Date(),
  };
  await writeFacts(db, values);
  // After the facts row is written (rollup-store.ts explains the order).
  await applyRollupDelta(db, f.old, values);
}
