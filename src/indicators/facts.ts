// Keeping a dossier's indicator facts (table indicator_facts) up to date: called in the transaction of every change
// that can move a figure (a dossier action, an attached file, a payment, a rating). One query gathers what the pure
// core needs (and the previous facts row, facts-store.ts); the dossier's fees are assessed by the payments core
// (payments/core/assess.ts, 766 3.6); its files and the store item of its pushed result decide the digitisation,
// reuse, store and population-data flags (core dataFlagsOf, 766 4.1–4.5); countsOf() decides the counts. The push to
// the applicant's store runs before this refresh in the same transaction (dossiers/after-change.ts). Then, in the same
// transaction, the monthly rollup moves by the difference between the new and the previous row's entries
// (rollup-store.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { answersOfDeclaration, assessFee, filedOn } from '../payments/core/assess.ts';
import { countsOf, dataFlagsOf, feeBearing } from './core/contributions.ts';
import { factsInputs, writeFacts, type FactsInputs } from './facts-store.ts';
import type { DossierRow } from '../dossiers/store.ts';
import type { StoredProcedure } from '../catalogue/core/types.ts';
import { applyRollupDelta } from './rollup-store.ts';


/**
 * The inputs of a dossier just created (its first entry), from what the change already holds: nothing else exists yet
 * (no file, payment, rating, registry use, previous facts; its declaration is recorded after this refresh), so the
 * gathering query is skipped (issue 16: one statement fewer per intake). The same values the query would read.
 */
export function newDossierInputs(row: NewDossierFacts, procedure: StoredProcedure, unitCode: string | null): FactsInputs {
  return {
    commune_id: row.commune_id, unit_code: unitCode, field_code: procedure.field.code, procedure_code: row.procedure_code, channel: row.channel,
    received_at: row.received_at, finished_at: row.finished_at, returned_at: row.returned_at, original_due_at: row.original_due_at,
    projection: row.projection as FactsInputs['projection'], authenticated_with_eid: row.authenticated_with_eid, flags: procedure.flags,
    submitted_at: row.submitted_at, components: procedure.components, fees: procedure.fees, forms: null, files: [],
    result_pushed: false, population_registry_used: false, paid_online: false, paid_vnd: 0, exempt_recorded: false, complained: false, old: null,
  };
}

/** What a new dossier's facts are computed from: its columns as written (the projection as an object). */
export type NewDossierFacts = Pick<DossierRow, 'commune_id' | 'procedure_code' | 'channel' | 'received_at' | 'finished_at' | 'returned_at'
  | 'original_due_at' | 'authenticated_with_eid' | 'submitted_at'> & { projection: unknown };

export async function refreshFacts(db: Kysely<Database>, dossierId: string, known?: FactsInputs): Promise<void> {
  const f = known ?? (await factsInputs(db, dossierId));
  if (!f) return;
  const values = factsValues(dossierId, f);
  await writeFacts(db, values);
  // After the facts row is written (rollup-store.ts explains the order).
  await applyRollupDelta(db, f.old, values);
}

/** The facts row of a dossier from its inputs (the pure core decides the counts). */
export function factsValues(dossierId: string, f: FactsInputs) {
  const flags = f.flags ?? {};
  // The fees as the payments service assesses them (its pure core, so that the figures and the fee line agree).
  const filed = f.received_at ?? f.submitted_at;
  const assessedVnd = filed && f.fees.length
    ? assessFee({ code: f.procedure_code, fees: f.fees }, answersOfDeclaration(f.forms ?? []), { filedOn: filedOn(f, filed), channel: f.channel })
      .lines.reduce((s, l) => s + l.amountVnd, 0)
    : 0;
  const counts = countsOf({
    channel: f.channel,
    received: f.received_at !== null,
    eligibleFullOnline: !!flags.eligibleFullOnline,
    returnsPaperResult: !!flags.returnsPaperResult,
    feeDue: feeBearing({ procedureHasFee: !!flags.hasFee, assessedVnd, paidVnd: Number(f.paid_vnd), exemptRecorded: f.exempt_recorded }),
    paidOnline: f.paid_online,
    ...dataFlagsOf({ papers: f.components, files: f.files, resultPushed: f.result_pushed, authenticatedWithEid: f.authenticated_with_eid, populationRegistryUsed: f.population_registry_used }),
    complained: f.complained,
  });
  const pj = f.projection ?? {};
  const values = {
    dossier_id: dossierId, commune_id: f.commune_id, unit_code: f.unit_code, field_code: f.field_code, procedure_code: f.procedure_code,
    channel: f.channel, received_at: f.received_at, finished_at: f.finished_at, returned_at: f.returned_at, original_due_at: f.original_due_at,
    paused_at: pj.pausedAt ? new Date(pj.pausedAt) : null, supplement_count: pj.supplementCount ?? 0,
    late_by_supplement_rule: !!pj.lateBySupplementRule, counts, updated_at: new Date(),
  };
  return values;
}
