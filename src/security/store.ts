// The security self-check's facts from the database: who the running server logs in as, which trails have their
// append-only triggers, which administrators of the reader's scope lack a second factor, and when the action log
// last grew. Read-only; the catalogs read here (pg_roles, pg_trigger, pg_class) are readable by every role.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { TrailFact } from './core/controls.ts';

type Db = Kysely<Database>;

/** The login of the pool's connections (session_user: SET ROLE xaso_app changes current_user only) and whether it
 *  is a PostgreSQL superuser. */
export async function runtimeLogin(db: Db): Promise<{ name: string; superuser: boolean }> {
  const r = await sql<{ name: string; superuser: boolean }>`
    SELECT session_user::text AS name, coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false) AS superuser`.execute(db);
  return r.rows[0]!;
}

// pg_trigger.tgtype bits (PostgreSQL include/catalog/pg_trigger.h): ROW 1, BEFORE 2, DELETE 8, UPDATE 16, TRUNCATE 32.
const ROW_BEFORE_UPDATE_DELETE = 1 | 2 | 8 | 16;
const TRUNCATE = 32;

/** For each table of `tables` in the public schema: whether an enabled trigger refuses row changes and one TRUNCATE. */
export async function trailGuards(db: Db, tables: readonly string[]): Promise<TrailFact[]> {
  if (!tables.length) return [];
  const r = await sql<{ table: string; row_guard: boolean; truncate_guard: boolean }>`
    SELECT c.relname AS table,
           bool_or((t.tgtype & ${ROW_BEFORE_UPDATE_DELETE}) = ${ROW_BEFORE_UPDATE_DELETE}) AS row_guard,
           bool_or((t.tgtype & ${TRUNCATE}) = ${TRUNCATE}) AS truncate_guard
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_trigger t ON t.tgrelid = c.oid AND NOT t.tgisinternal AND t.tgenabled <> 'D'
     WHERE c.relname = ANY(${[...tables]}::text[])
     GROUP BY c.relname`.execute(db);
  const found = new Map(r.rows.map((x) => [x.table, x]));
  return tables.map((table) => ({ table, rowGuard: found.get(table)?.row_guard === true, truncateGuard: found.get(table)?.truncate_guard === true }));
}

/**
 * The active accounts holding `admin` or `province_admin` in the reader's scope (their commune, or every commune of
 * their commune's province), each with whether a second factor is confirmed.
 */
export async function adminAccounts(db: Db, communeId: string, scope: 'commune' | 'province') {
  let q = db
    .selectFrom('staff as s')
    .innerJoin('communes as c', 'c.id', 's.commune_id')
    .select(['s.full_name as fullName', 's.username', 's.roles', 'c.name as communeName'])
    .select((eb) => eb.exists(eb.selectFrom('staff_totp as t').select('t.staff_id').whereRef('t.staff_id', '=', 's.id').where('t.confirmed_at', 'is not', null)).as('totp'))
    .where('s.active', '=', true)
    .where(sql<boolean>`s.roles && ARRAY['admin', 'province_admin']::text[]`);
  q = scope === 'province'
    ? q.where('c.province', '=', (eb) => eb.selectFrom('communes').select('province').where('id', '=', communeId))
    : q.where('s.commune_id', '=', communeId);
  return q.orderBy('c.name').orderBy('s.username').execute();
}

/** When the latest entry of any dossier's action log was recorded (null: none yet). */
export async function lastLogEntryAt(db: Db): Promise<Date | null> {
  const r = await db.selectFrom('dossier_events').select((eb) => eb.fn.max('recorded_at').as('at')).executeTakeFirst();
  return r?.at ? new Date(r.at as unknown as string | Date) : null;
}
