// The TOTP second factor of staff (table staff_totp): enrolment (a secret shown once, confirmed by a first
// code), the check at login (a code is accepted once: its step must be after the last accepted one, updated
// atomically so two racing uses of one code cannot both pass), and the administrator's reset (recovery).
// Secrets are stored encrypted (AES-256-GCM under a key derived from the secret key kept outside the database,
// secrets-store.ts sealingKeys()) and never logged.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { sealingKeys } from '../../shared/secrets-store.ts';
import { seal, unsealEither } from '../../shared/seal.ts';
import { newTotpSecret, verifyTotp } from './core/totp.ts';

type Db = Kysely<Database>;

const totpKeys = (db: Kysely<Database>) => sealingKeys(db, 'totp-key');

const sealSecret = async (db: Db, secret: Buffer) => seal((await totpKeys(db)).current, secret);
const open = async (db: Db, sealed: Buffer) => unsealEither(await totpKeys(db), sealed).plain;

/** Seals again under the current key every secret an earlier release sealed under the database's key (at start);
 *  returns how many. */
export async function resealTotpSecrets(db: Db): Promise<number> {
  const keys = await totpKeys(db);
  let n = 0;
  for (const r of await db.selectFrom('staff_totp').select(['staff_id', 'secret_enc']).execute()) {
    const o = unsealEither(keys, r.secret_enc);
    if (!o.legacy) continue;
    await db.updateTable('staff_totp').set({ secret_enc: seal(keys.current, o.plain) })
      .where('staff_id', '=', r.staff_id).where('secret_enc', '=', r.secret_enc).execute(); // unless changed meanwhile
    n++;
  }
  return n;
}

export interface TotpState {
  enabled: boolean;
  /** A secret was made and awaits its first code. */
  pending: boolean;
  confirmedAt: Date | null;
}

export async function totpState(db: Db, staffId: number): Promise<TotpState> {
  const r = await db.selectFrom('staff_totp').select(['confirmed_at']).where('staff_id', '=', staffId).executeTakeFirst();
  return { enabled: !!r?.confirmed_at, pending: !!r && !r.confirmed_at, confirmedAt: r?.confirmed_at ?? null };
}

/** Makes a new (unconfirmed) secret, replacing an unconfirmed one; null (nothing made) when the factor is already
 *  on. */
export async function startEnrolment(db: Db, staffId: number): Promise<Buffer | null> {
  const state = await totpState(db, staffId);
  if (state.enabled) return null;
  const secret = newTotpSecret();
  const sealed = await sealSecret(db, secret);
  await db
    .insertInto('staff_totp')
    .values({ staff_id: staffId, secret_enc: sealed, confirmed_at: null, last_step: null })
    .onConflict((c) => c.column('staff_id').doUpdateSet({ secret_enc: sealed, last_step: null, created_at: new Date() }).where('staff_totp.confirmed_at', 'is', null))
    .execute();
  return secret;
}

/** The unconfirmed secret (to show the enrolment page again), or null. */
export async function pendingSecret(db: Db, staffId: number): Promise<Buffer | null> {
  const r = await db.selectFrom('staff_totp').select('secret_enc').where('staff_id', '=', staffId).where('confirmed_at', 'is', null).executeTakeFirst();
  return r ? open(db, r.secret_enc) : null;
}

/** Accepts a code for the secret (confirmed or not, as asked) and records its step; false on a wrong or used code. */
async function useCode(db: Db, staffId: number, code: string, now: Date, confirmed: boolean): Promise<boolean> {
  const r = await db
    .selectFrom('staff_totp')
    .select(['secret_enc', 'last_step'])
    .where('staff_id', '=', staffId)
    .where('confirmed_at', confirmed ? 'is not' : 'is', null)
    .executeTakeFirst();
  if (!r) return false;
  const step = verifyTotp(await open(db, r.secret_enc), code, now, r.last_step);
  if (step === null) return false;
  const u = await db
    .updateTable('staff_totp')
    .set({ last_step: step, ...(confirmed ? {} : { confirmed_at: now }) })
    .where('staff_id', '=', staffId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .executeTakeFirst();
  return Number(u.numUpdatedRows) === 1;
}

/** Why an enrolment was not confirmed (the service answers each with its problem, enrolment.ts). */
export type ConfirmRefusal = 'already_enabled' | 'not_started' | 'invalid_code';

/** Confirms the enrolment with a first code (which cannot be used again to log in); null when confirmed, otherwise
 *  why not. */
export async function confirmEnrolment(db: Db, staffId: number, code: string, now: Date): Promise<ConfirmRefusal | null> {
  const state = await totpState(db, staffId);
  if (state.enabled) return 'already_enabled';
  if (!state.pending) return 'not_started';
  if (!(await useCode(db, staffId, code, now, false))) return 'invalid_code';
  return null;
}

/** The login's second step: true when the code is right and was not used before. */
export const checkLoginCode = (db: Db, staffId: number, code: string, now: Date) => useCode(db, staffId, code, now, true);

/** Removes the factor (administrator's recovery); true if there was one. */
export async function resetTotp(db: Db, staffId: number): Promise<boolean> {
  const r = await db.deleteFrom('staff_totp').where('staff_id', '=', staffId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
