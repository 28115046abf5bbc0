// The SQL of the open datasets: counts per procedure and month from the indicator facts (aggregates only, never a row
// of a dossier), and the procedures in force with their whole published content.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { StoredProcedure } from '../catalogue/core/types.ts';
import type { MonthCounts } from './core/rows.ts';

type Db = Kysely<Database>;

/** Per procedure and month (Vietnam time): received by the month of receipt; finished, on time, late and returned by
 *  the month processing ended. On time: ended no later than the statutory time (original_due_at) and not made late
 *  by a second supplement request (QĐ 766 chỉ tiêu 2.1). Scans the commune's facts (indicator_facts_commune). */
export async function monthCounts(db: Db, communeId: string): Promise<MonthCounts[]> {
  const r = await sql<MonthCounts>`
    WITH rec AS (
      SELECT procedure_code, to_char(received_at + interval '7 hours', 'YYYY-MM') AS month, count(*)::int AS received,
             count(*) FILTER (WHERE channel = 'online')::int AS received_online
        FROM indicator_facts WHERE commune_id = ${communeId} AND received_at IS NOT NULL GROUP BY 1, 2),
    fin AS (
      SELECT procedure_code, to_char(finished_at + interval '7 hours', 'YYYY-MM') AS month, count(*)::int AS finished,
             count(*) FILTER (WHERE (original_due_at IS NULL OR finished_at <= original_due_at) AND NOT late_by_supplement_rule)::int AS on_time,
             count(*) FILTER (WHERE returned_at IS NOT NULL)::int AS returned
        FROM indicator_facts WHERE commune_id = ${communeId} AND received_at IS NOT NULL AND finished_at IS NOT NULL GROUP BY 1, 2),
    names AS (SELECT DISTINCT ON (code) code, name, field_name FROM procedures ORDER BY code, version DESC)
    SELECT c.month, c.procedure_code AS "procedureCode", coalesce(n.name, '') AS "procedureName", coalesce(n.field_name, '') AS "fieldName",
           coalesce(rec.received, 0) AS received, coalesce(rec.received_online, 0) AS "receivedOnline", coalesce(fin.finished, 0) AS finished,
           coalesce(fin.on_time, 0) AS "onTime", coalesce(fin.finished - fin.on_time, 0) AS late, coalesce(fin.returned, 0) AS returned
      FROM (SELECT procedure_code, month FROM rec UNION SELECT procedure_code, month FROM fin) c
      LEFT JOIN rec USING (procedure_code, month)
      LEFT JOIN fin USING (procedure_code, month)
      LEFT JOIN names n ON n.code = c.procedure_code
     ORDER BY c.month, c.procedure_code`.execute(db);
  return r.rows;
}

/** The procedures in force on a Vietnam-local day (YYYY-MM-DD), with their whole content, by code. */
export async function publishedProcedures(db: Db, day: string): Promise<StoredProcedure[]> {
  const rows = await db.selectFrom('procedures').select(['version', 'data'])
    .where('effective_from', '<=', day as never)
    .where((eb) => eb.or([eb('effective_to', 'is', null), eb('effective_to', '>', day as never)]))
    .orderBy('code').execute();
  return rows.map((r) => ({ ...(r.data as object), version: r.version }) as StoredProcedure);
}

export async function communeName(db: Db, communeId: string): Promise<string | undefined> {
  return (await db.selectFrom('communes').select('name').where('id', '=', communeId).executeTakeFirst())?.name;
}
