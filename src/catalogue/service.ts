// Publishing a procedure version: the store adds it, and a version that does not start after the current one is
// refused here with the API's problem.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import type { ProcedureVersionInput } from './core/types.ts';
import { insertVersion } from './store.ts';

/** Adds a new version (the previous open-ended version is closed the day the new one starts); 422 unless it starts
 *  after the current version. Call inside a transaction: the last version's row is locked until commit. */
export async function addVersion(trx: Kysely<Database>, p: ProcedureVersionInput): Promise<number> {
  const r = await insertVersion(trx, p);
  if (!r.ok) {
    throw new Problem(422, 'VERSION_NOT_LATER', 'Phiên bản mới phải có ngày hiệu lực sau phiên bản hiện hành.',
      `Phiên bản ${r.last.version} có hiệu lực từ ${r.last.effectiveFrom}.`);
  }
  return r.version;
}
