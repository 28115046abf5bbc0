// A commune's catalogue choices (migration 046): the shared catalogue's procedures it does NOT offer at its own desk.
// An absent row means offered, so a procedure added to the catalogue is offered everywhere until a commune opts out.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { TtlCache } from '../shared/ttl-cache.ts';

type Db = Kysely<Database>;

const notOfferedCache = new TtlCache<Set<string>>(60_000);

/** The codes the commune does not offer, read at every intake (cached for a minute; onboarding clears it). */
export const notOfferedCached = (db: Db, communeId: string): Promise<Set<string>> =>
  notOfferedCache.get(communeId, () => notOfferedCodes(db, communeId));

/** Call after committing a change to a commune's choices (onboard.ts). */
export const forgetCommuneChoices = () => notOfferedCache.clear();

/** The procedure codes the commune does not offer. */
export async function notOfferedCodes(db: Db, communeId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('commune_procedure_choices').select('procedure_code')
    .where('commune_id', '=', communeId).where('offered', '=', false).execute();
  return new Set(rows.map((r) => r.procedure_code));
}

/** The catalogue's procedure codes the commune offers at its desk (every code of the catalogue but those it opted out of). */
export async function offeredProcedureCodes(db: Db, communeId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('procedures as p').select('p.code').distinct()
    .where((eb) => eb.not(eb.exists(eb.selectFrom('commune_procedure_choices as c').select('c.procedure_code')
      .where('c.commune_id', '=', communeId).whereRef('c.procedure_code', '=', 'p.code').where('c.offered', '=', false))))
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Which of `codes` the catalogue has (any version). */
export async function knownProcedureCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom('procedures').select('code').distinct().where('code', 'in', [...codes]).execute();
  return new Set(rows.map((r) => r.code));
}

/**
 * Makes `notOffered` the commune's whole list of procedures not offered: those codes get offered = false, any other
 * code that said so gets offered = true again. Returns the codes whose choice changed (none on a repeated call).
 */
export async function setNotOffered(db: Db, communeId: string, notOffered: readonly string[]): Promise<{ code: string; offered: boolean }[]> {
  const before = await notOfferedCodes(db, communeId);
  const want = new Set(notOffered);
  const changes = [
    ...[...want].filter((c) => !before.has(c)).map((code) => ({ code, offered: false })),
    ...[...before].filter((c) => !want.has(c)).map((code) => ({ code, offered: true })),
  ];
  if (!changes.length) return [];
  await db.insertInto('commune_procedure_choices')
    .values(changes.map((c) => ({ commune_id: communeId, procedure_code: c.code, offered: c.offered })))
    .onConflict((oc) => oc.columns(['commune_id', 'procedure_code']).doUpdateSet((eb) => ({ offered: eb.ref('excluded.offered'), updated_at: new Date() })))
    .execute();
  return changes;
}
