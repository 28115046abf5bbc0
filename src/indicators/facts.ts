// Keeping a dossier's indicator facts (table indicator_facts) up to date: called in the transaction of every change
// that can move a figure (a dossier action, an attached file, a payment, a rating). One query gathers what the pure
// core needs (and the previous facts row); countsOf() decides the counts; then, in the same transaction, the
// monthly rollup moves by the difference between the new and the previous row's entries (rollup-store.ts).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { countsOf } from './core/contributions.ts';
import { applyRollupDelta, type FactsRow } from './rollup-store.ts';

/** The component code of an electronic result attached to a dossier (kết quả điện tử). */
export const RESULT_COMPONENT = 'KET_QUA';

export async function refreshFacts(db: Kysely<Database>, dossierId: string): Promise<void> {
  const r = await sql<{
    commune_id: string; unit_code: string | null; field_code: string; procedure_code: string; channel: 'direct' | 'online' | 'postal';
    received_at: Date | null; finished_at: Date | null; returned_at: Date | null; original_due_at: Date | null;
    projection: { pausedAt?: string | null; supplementCount?: number; lateBySupplementRule?: boolean };
    authenticated_with_eid: boolean; flags: { eligibleFullOnline?: boolean; returnsPaperResult?: boolean; hasFee?: boolean };
    required: string[]; digitised: string[]; reused: boolean; from_store: boolean; e_result: boolean;
    paid_online: boolean; paid_vnd: number; complained: boolean; old: Record<string, unknown> | null;
  }>`
    SELECT d.commune_id, u.code AS unit_code, p.field_code, d.procedure_code, d.channel, d.received_at, d.finished_at,
           d.returned_at, d.original_due_at, d.projection, d.authenticated_with_eid, p.data -> 'flags' AS flags,
           COALESCE((SELECT array_agg(c ->> 'code') FROM jsonb_array_elements(p.data -> 'components') c
                     WHERE (c ->> 'required')::boolean), '{}') AS required,
           COALESCE((SELECT array_agg(DISTINCT f.component_code) FROM dossier_files f WHERE f.dossier_id = d.id AND f.digitised), '{}') AS digitised,
           EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id AND f.reused) AS reused,
           EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id AND f.from_store) AS from_store,
           EXISTS (SELECT 1 FROM dossier_files f WHERE f.dossier_id = d.id AND f.component_code = ${RESULT_COMPONENT}) AS e_result,
           COALESCE((SELECT dp.paid_online FROM dossier_payments dp WHERE dp.dossier_id = d.id), false) AS paid_online,
           COALESCE((SELECT dp.paid_vnd FROM dossier_payments dp WHERE dp.dossier_id = d.id), 0) AS paid_vnd,
           (EXISTS (SELECT 1 FROM ratings r WHERE r.dossier_id = d.id AND r.overall = 'dissatisfied') OR EXISTS (SELECT 1 FROM petitions pt WHERE pt.dossier_id = d.id)) AS complained,
           (SELECT to_jsonb(o) FROM indicator_facts o WHERE o.dossier_id = d.id) AS old
      FROM dossiers d
      JOIN procedures p ON p.code = d.procedure_code AND p.version = d.procedure_version
      LEFT JOIN units u ON u.id = d.current_unit_id
     WHERE d.id = ${dossierId}`.execute(db);
  const f = r.rows[0];
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
  await db.insertInto('indicator_facts').values(values).onConflict((c) => c.column('dossier_id').doUpdateSet(values)).execute();
  // After the facts row is written (rollup-store.ts explains the order).
  await applyRollupDelta(db, f.old && fromJson(f.old), values);
}

/** A facts row read as JSON (to_jsonb) back into its column types. */
function fromJson(o: Record<string, unknown>): FactsRow {
  const at = (k: string) => (o[k] ? new Date(o[k] as string) : null);
  return {
    commune_id: o.commune_id as string, unit_code: (o.unit_code as string | null) ?? null, field_code: o.field_code as string,
    procedure_code: o.procedure_code as string, channel: o.channel as string, received_at: at('received_at'), finished_at: at('finished_at'),
    returned_at: at('returned_at'), original_due_at: at('original_due_at'), paused_at: at('paused_at'),
    supplement_count: Number(o.supplement_count ?? 0), late_by_supplement_rule: !!o.late_by_supplement_rule, counts: (o.counts as string[]) ?? [],
  };
}
