// The open dossiers of a commune with where they are and when they are due: the staff dashboard's per-unit and
// per-officer workload and its list of late and due-soon dossiers. Open dossiers are few (they end), so one
// indexed query per view (dossiers_inbox: commune_id, state, due_at) is enough.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** States with a running or paused clock: received, in progress, waiting for the citizen, processed (to return). */
export const OPEN_STATES = [2, 4, 5, 6, 9] as const;

export async function openDossiers(db: Kysely<Database>, communeId: string, unitId?: number | null) {
  let q = db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
    .leftJoin('units as u', 'u.id', 'd.current_unit_id')
    .leftJoin('staff as s', 's.id', 'd.assignee_id')
    .select([
      'd.id', 'd.code', 'd.reference', 'd.state', 'd.due_at', 'p.name as procedure_name', 'u.code as unit_code', 'u.name as unit_name',
      'd.assignee_id', 's.full_name as assignee_name',
    ])
    .where('d.commune_id', '=', communeId)
    .where('d.state', 'in', [...OPEN_STATES]);
  if (unitId !== undefined) q = unitId === null ? q.where('d.current_unit_id', 'is', null) : q.where('d.current_unit_id', '=', unitId);
  return q.orderBy('d.due_at').orderBy('d.id').limit(5000).execute();
}
export type OpenDossier = Awaited<ReturnType<typeof openDossiers>>[number];
