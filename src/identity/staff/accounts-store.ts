// Staff accounts as the login sees them (table staff, owned by org/): the columns a Principal is made of, the
// password hash and whether a TOTP factor is confirmed, and the small lookups of the login flow, the audit and
// the TOTP enrolment. The Principal itself is made by the service (auth.ts).
// The application role cannot read staff.password_hash (migration 051: column privileges; `selectAll()` on staff is
// refused): the login reads one account's hash through staff_password_hash(), in the scope '*' or the account's own.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database>;

/** A staff member with their unit's code: what a Principal is made of. */
export function principalQuery(db: Db) {
  return db
    .selectFrom('staff as s')
    .leftJoin('units as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.full_name', 's.commune_id', 's.unit_id', 'u.code as unit_code', 's.roles', 's.active']);
}

/** The staff member with this username (active or not), with their password hash (null outside the scope '*' and the
 *  account's own commune: staff_password_hash(), migration 051) and whether a confirmed TOTP factor awaits a code. */
export function staffForLogin(db: Db, username: string) {
  return principalQuery(db)
    .select(sql<string | null>`staff_password_hash(s.id)`.as('password_hash'))
    .select((eb) => eb.exists(eb.selectFrom('staff_totp as t').select('t.staff_id').whereRef('t.staff_id', '=', 's.id').where('t.confirmed_at', 'is not', null)).as('totp'))
    .where('s.username', '=', username)
    .executeTakeFirst();
}

/** Replaces a password hash, unless it was changed meanwhile (the rehash at login after a policy change). */
export async function replacePasswordHash(db: Db, staffId: number, previous: string, fresh: string): Promise<boolean> {
  const r = await sql<{ replaced: boolean }>`SELECT staff_replace_password_hash(${staffId}::bigint, ${previous}, ${fresh}) AS replaced`.execute(db);
  return r.rows[0]?.replaced === true;
}

/** The username of a staff member who must exist. */
export async function staffUsername(db: Db, staffId: number): Promise<string> {
  return (await db.selectFrom('staff').select('username').where('id', '=', staffId).executeTakeFirstOrThrow()).username;
}

/** The staff member with this username (id and commune), if any. */
export function staffByUsername(db: Db, username: string) {
  return db.selectFrom('staff').select(['id', 'commune_id']).where('username', '=', username).executeTakeFirst();
}

/** The commune of a staff member, if they exist. */
export async function staffCommune(db: Db, staffId: number): Promise<string | null> {
  const s = await db.selectFrom('staff').select('commune_id').where('id', '=', staffId).executeTakeFirst();
  return s?.commune_id ?? null;
}

/** Whether the staff member belongs to the commune. */
export async function isStaffOf(db: Db, communeId: string, staffId: number): Promise<boolean> {
  const s = await db.selectFrom('staff').select('id').where('id', '=', staffId).where('commune_id', '=', communeId).executeTakeFirst();
  return !!s;
}
