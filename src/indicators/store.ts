// Reading the indicator facts (SQL): the summed counts of dossiers received in a period, and the dossiers that
// play a part in indicator 2.1 and the period report (received by the period's end, not finished before it began).
// Every query is scoped to one commune (and optionally a unit, field or procedure), on the (commune_id, …) indexes.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Count } from './core/contributions.ts';
import type { Period } from './core/progress.ts';

export interface Scope {
  communeId: string;
  unitCode?: string;
  fieldCode?: string;
  procedureCode?: string;
}

function base(db: Kysely<Database>, s: Scope) {
  let q = db.selectFrom('indicator_facts as f').where('f.commune_id', '=', s.communeId);
  if (s.unitCode) q = q.where('f.unit_code', '=', s.unitCode);
  if (s.fieldCode) q = q.where('f.field_code', '=', s.fieldCode);
  if (s.procedureCode) q = q.where('f.procedure_code', '=', s.procedureCode);
  return q;
}

/** Counts (countsOf) summed over the dossiers received in the period. */
export async function receivedCounts(db: Kysely<Database>, s: Scope, p: Period): Promise<Partial<Record<Count, number>>> {
  const rows = await base(db, s)
    .innerJoinLateral((eb) => eb.selectFrom(sql<{ c: string }>`unnest(f.counts)`.as('u')).select(sql<string>`u`.as('c')).as('x'), (j) => j.onTrue())
    .select(['x.c', sql<number>`count(*)::int`.as('n')])
    .where('f.received_at', '>=', p.start)
    .where('f.received_at', '<', p.end)
    .groupBy('x.c')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.c, r.n]));
}

/** The dossiers active in the period (for 2.1, 5.4 and the period report), with what those need. */
export function activeDossiers(db: Kysely<Database>, s: Scope, p: Period) {
  return base(db, s)
    .innerJoin('procedures as pr', (j) => j.onRef('pr.code', '=', 'f.procedure_code'))
    .select([
      'f.dossier_id', 'f.field_code', 'f.procedure_code', 'f.channel', 'f.received_at', 'f.finished_at', 'f.returned_at',
      'f.original_due_at', 'f.paused_at', 'f.supplement_count', 'f.late_by_supplement_rule', 'f.counts',
      sql<string>`max(pr.name)`.as('procedure_name'), sql<string>`max(pr.field_name)`.as('field_name'),
    ])
    .where('f.received_at', '<', p.end)
    .where((eb) => eb.or([eb('f.finished_at', 'is', null), eb('f.finished_at', '>=', p.start)]))
    .groupBy('f.dossier_id')
    .execute();
}
export type ActiveDossier = Awaited<ReturnType<typeof activeDossiers>>[number];
