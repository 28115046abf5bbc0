// SQL edge of the evaluation at the counter (kiosk, /danh-gia/quay) and of the satisfaction per officer: the
// dossiers an officer may put on the tablet (returned recently in their commune, not yet rated), and the ratings
// counted for every officer who acted on the rated dossier (derived from the dossier's events' actor ids, so
// nothing is stored twice). Only the procedure's name and the dossier code leave this file: no personal data.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { RATABLE_STATES, type Overall } from './core/criteria.ts';

type Db = Kysely<Database>;

/** How far back a returned dossier is offered on the tablet. */
export const KIOSK_RECENT_DAYS = 3;

export interface KioskDossier {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  /** How it was filed: the form asks about the online service's convenience only for 'online'. */
  channel: string;
  state: number;
  rated: boolean;
}

const base = (db: Db, communeId: string) =>
  db.selectFrom('dossiers as d')
    .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
    .leftJoin('ratings as r', 'r.dossier_id', 'd.id')
    .select(['d.id', 'd.code', 'd.state', 'd.channel', 'd.procedure_code', 'p.name as procedure_name', 'r.dossier_id as rated'])
    .where('d.commune_id', '=', communeId)
    .where('d.state', 'in', [...RATABLE_STATES]);

const toKiosk = (r: { id: string; code: string | null; state: number; channel: string; procedure_code: string; procedure_name: string; rated: string | null }): KioskDossier => ({
  id: r.id, code: r.code, procedureCode: r.procedure_code, procedureName: r.procedure_name, channel: r.channel, state: r.state, rated: r.rated !== null,
});

/** The dossiers this officer returned in the last KIOSK_RECENT_DAYS days and not yet rated, latest first. */
export async function recentlyReturned(db: Db, communeId: string, staffId: number, now: Date): Promise<KioskDossier[]> {
  const since = new Date(now.getTime() - KIOSK_RECENT_DAYS * 86_400_000);
  const rows = await base(db, communeId)
    .where('d.returned_at', '>=', since)
    .where(({ exists, selectFrom }) => exists(selectFrom('dossier_events as e').select('e.id')
      .whereRef('e.dossier_id', '=', 'd.id').whereRef('e.dossier_month', '=', 'd.dossier_month').where('e.action', '=', 'return_result').where('e.actor_id', '=', String(staffId))))
    .where('r.dossier_id', 'is', null)
    .orderBy('d.returned_at', 'desc')
    .limit(30)
    .execute();
  return rows.map(toKiosk);
}

/** One ratable dossier of the commune (null: not found, another commune's, or without a result yet). */
export async function kioskDossier(db: Db, communeId: string, id: string): Promise<KioskDossier | null> {
  const r = await base(db, communeId).where('d.id', '=', id).executeTakeFirst();
  return r ? toKiosk(r) : null;
}

export interface OfficerSatisfaction {
  staffId: string;
  name: string;
  counts: Record<Overall, number>;
  total: number;
}

/** Ratings given in [start, end) in the commune, counted once per officer who acted on the rated dossier. */
export async function satisfactionByOfficer(db: Db, communeId: string, start: Date, end: Date): Promise<OfficerSatisfaction[]> {
  // The commune's ratings of the period: one range of ratings_commune_created (migration 050), not the province's.
  const rows = await db.selectFrom('ratings as r')
    .innerJoin('dossiers as d', 'd.id', 'r.dossier_id')
    // Who acted on each rated dossier, de-duplicated per dossier (a probe of its log by the (dossier_id, seq) key), not
    // over the whole log first: 29.3 s → 0.35 s for one commune's month at 1M dossiers (docs/benchmarks-province.md).
    // With the dossier's month the probe reads its one partition of the log (migration 049), not every month's.
    .innerJoinLateral(
      (eb) => eb.selectFrom('dossier_events as ev').select('ev.actor_id').distinct()
        .whereRef('ev.dossier_id', '=', 'r.dossier_id').whereRef('ev.dossier_month', '=', 'd.dossier_month').as('e'),
      (j) => j.onTrue(),
    )
    .innerJoin('staff as s', (j) => j.on(sql<boolean>`s.id::text = e.actor_id`))
    .select(['s.id', 's.full_name', 'r.overall', (eb) => eb.fn.countAll<string>().as('n')])
    .where('r.commune_id', '=', communeId)
    .where('s.commune_id', '=', communeId)
    .where('r.created_at', '>=', start)
    .where('r.created_at', '<', end)
    .groupBy(['s.id', 's.full_name', 'r.overall'])
    .execute();
  const by = new Map<string, OfficerSatisfaction>();
  for (const r of rows) {
    const key = String(r.id);
    const o = by.get(key) ?? { staffId: key, name: r.full_name, counts: { very_satisfied: 0, satisfied: 0, dissatisfied: 0 }, total: 0 };
    const n = Number(r.n);
    if (r.overall in o.counts) o.counts[r.overall as Overall] += n;
    o.total += n;
    by.set(key, o);
  }
  return [...by.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name, 'vi'));
}
