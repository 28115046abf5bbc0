// The SQL of a facts refresh (facts.ts): one query gathers, for a dossier, what the pure core needs to decide its
// counts (with the previous facts row, read back into its column types), and one statement writes the new row.
// Both run in the caller's transaction (the change that moves the figures).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Fee } from '../catalogue/core/types.ts';
import type { Declaration } from '../dossiers/core/declaration.ts';
import type { FileFacts, PaperOf } from './core/contributions.ts';
import type { FactsRow } from './rollup-store.ts';
import type { AlongsideWrite } from '../db/alongside.ts';
import { RESULT_COMPONENT } from '../dossiers/core/index.ts';

/** What a dossier's facts are decided from (factsInputs). */
export interface FactsInputs {
  commune_id: string; unit_code: string | null; field_code: string; procedure_code: string; channel: 'direct' | 'online' | 'postal';
  received_at: Date | null; finished_at: Date | null; returned_at: Date | null; original_due_at: Date | null;
  projection: { pausedAt?: string | null; supplementCount?: number; lateBySupplementRule?: boolean };
  authenticated_with_eid: boolean; flags: { eligibleFullOnline?: boolean; returnsPaperResult?: boolean; hasFee?: boolean };
  submitted_at: Date | null;
  /** The procedure version's papers and fee lines (catalogue data, as stored). */
  components: PaperOf[]; fees: Fee[];
  /** The declaration in force (latest revision), or null for a dossier filed without an e-form. */
  forms: Declaration['forms'] | null;
  /** The dossier's files as the digitisation and reuse rules read them (core dataFlagsOf). */
  files: FileFacts[];
  /** Its e-result was pushed to the applicant's store (store_items kind 'result', core linkedToStore). */
  result_pushed: boolean;
  /** Data from the population database was used in it (dossier_registry_uses, migration 043; core usesPopulationData). */
  population_registry_used: boolean;
  paid_online: boolean; paid_vnd: number;
  /** The officer recorded the fees as exempt at 0 đ (a settled order of method 'exempt'). */
  exempt_recorded: boolean;
  complained: boolean;
  /** The dossier's current facts row, if any. */
  old: FactsRow | null;
}

/** The inputs of the dossier's facts in one query (undefined: no such dossier). */
export async function factsInputs(db: Kysely<Database>, dossierId: string): Promise<FactsInputs | undefined> {
  const r = await sql<Omit<FactsInputs, 'old'> & { old: Record<string, unknown> | null }>`
    SELECT d.commune_id, u.code AS unit_code, p.field_code, d.procedure_code, d.channel, d.received_at, d.finished_at,
           d.returned_at, d.original_due_at, d.projection, d.authenticated_with_eid, p.data -> 'flags' AS flags,
           d.submitted_at, COALESCE(p.data -> 'components', '[]') AS components, COALESCE(p.data -> 'fees', '[]') AS fees,
           (SELECT a.forms FROM dossier_answers a WHERE a.dossier_id = d.id ORDER BY a.revision DESC LIMIT 1) AS forms,
           COALESCE((SELECT json_agg(json_build_object(
                      'component', f.component_code, 'digitised', f.digitised, 'reused', f.reused,
                      'fromStore', f.from_store OR f.store_item_id IS NOT NULL,
                      -- the signed e-result, told from a draft to sign by its signed_documents row (dossiers/core/result.ts)
                      'signedResult', f.component_code = ${RESULT_COMPONENT}
                                      AND EXISTS (SELECT 1 FROM signed_documents s WHERE s.dossier_id = d.id AND s.sha256 = f.sha256)))
                       FROM dossier_files f WHERE f.dossier_id = d.id), '[]') AS files,
           EXISTS (SELECT 1 FROM store_items si WHERE si.source_dossier_id = d.id AND si.kind = 'result') AS result_pushed,
           EXISTS (SELECT 1 FROM dossier_registry_uses ru WHERE ru.dossier_id = d.id AND ru.registry = 'population') AS population_registry_used,
           COALESCE((SELECT dp.paid_online FROM dossier_payments dp WHERE dp.dossier_id = d.id), false) AS paid_online,
           COALESCE((SELECT dp.paid_vnd FROM dossier_payments dp WHERE dp.dossier_id = d.id), 0) AS paid_vnd,
           EXISTS (SELECT 1 FROM payment_orders o JOIN payment_entries e ON e.order_ref = o.ref AND e.kind = 'paid'
                    WHERE o.dossier_id = d.id AND o.method = 'exempt') AS exempt_recorded,
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
/** The facts row of a new dossier as a write of the dossier's own statement (dossiers/store.ts writeLogged). */
export const factsInsert = (values: FactsRow & { dossier_id: string; updated_at: Date }): AlongsideWrite =>
  ({ table: 'indicator_facts', values });

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
