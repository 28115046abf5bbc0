// The SQL of a facts refresh (facts.ts): one query gathers, for a dossier, what the pure core needs to decide its
// counts (with the previous facts row, read back into its column types), and one statement writes the new row.
// Both run in the caller's transaction (the change that moves the figures).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FactsRow } from './rollup-store.ts';

/** The component code of an electronic result attached to a dossier (kết quả điện tử). */
export const RESULT_COMPONENT = 'KET_QUA';

/** What a dossier's facts are decided from (factsInputs). */
export interface FactsInputs {
  commune_id: string; unit_code: string | null; field_code: string; procedure_code: string; channel: 'direct' | 'online' | 'postal';
  received_at: Date | null; finished_at: Date | null; returned_at: Date | null; original_due_at: Date | null;
  projection: { pausedAt?: string | null; supplementCount?: number; lateBySupplementRule?: boolean };
  authenticated_with_eid: boolean; flags: { eligibleFullOnline?: boolean; returnsPaperResult?: boolean; hasFee?: boolean };
  required: string[]; digitised: string[]; reused: boolean; from_store: boolean; e_result: boolean;
  paid_online: boolean; paid_vnd: number; complained: boolean;
  /** The dossier's current facts row, if any. */
  old: FactsRow | null;
}

/** The inputs of the dossier's facts in one query (undefined: no such dossier). */
export async function factsInputs(db: Kysely<Database>, dossierId: string): Promise<FactsInputs | undefined> {
  const r = await sql<Omit<FactsInputs, 'old'> & { old: Record<string, unknown> | null }>`
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
  if (!f) return undefined;
  return { ...f, old: f.old && fromJson(f.old) };
}

/** Writes (inserts or replaces) the dossier's facts row. */
export async function writeFacts(db: Kysely<Database>, values: FactsRow & { dossier_id: string; updated_at: Date }): Promise<void> {
  await db.insertInto('indicator_facts').values(values).onConflict((c) => c.column('dossier_id').doUpdateSet(values)).execute();
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
