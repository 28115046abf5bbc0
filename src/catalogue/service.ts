// Publishing a procedure version: the store adds it, and a version that does not start after the current one is
// refused here with the API's problem. The catalogue is shared by every commune of the server: only the
// province-level role publishes (identity/core/principal.ts, editsSharedData), and each publication is recorded in
// the admin audit trail with what changed from the version before (fees, time, components …).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import type { ProcedureVersionInput } from './core/types.ts';
import { editsSharedData, type Principal } from '../identity/core/principal.ts';
import { provinceAdminOnly } from '../org/admin.ts';
import { recordAdminChange } from '../audit/store.ts';
import { insertVersion, listVersions, procedureVersion } from './store.ts';

/** 403 PROVINCE_ADMIN_ONLY unless the caller may publish catalogue versions. */
export function requireCatalogueEditor(p: Principal): void {
  if (!editsSharedData(p)) throw provinceAdminOnly('danh mục thủ tục hành chính (dùng chung cho mọi xã)');
}

/** Adds a new version (the previous open-ended version is closed the day the new one starts); 422 unless it starts
 *  after the current version. Call inside a transaction: the last version's row is locked until commit. */
export async function addVersion(trx: Kysely<Database>, actor: Principal, p: ProcedureVersionInput): Promise<number> {
  requireCatalogueEditor(actor);
  const last = (await listVersions(trx, p.code)).at(-1);
  const previous = last ? await procedureVersion(trx, p.code, last.version) : undefined;
  const r = await insertVersion(trx, p);
  if (!r.ok) {
    throw new Problem(422, 'VERSION_NOT_LATER', 'Phiên bản mới phải có ngày hiệu lực sau phiên bản hiện hành.',
      `Phiên bản ${r.last.version} có hiệu lực từ ${r.last.effectiveFrom}.`);
  }
  await recordAdminChange(trx, actor, {
    action: 'catalogue.publish', scope: 'shared', scopeId: '', objectType: 'procedure', objectId: p.code,
    objectLabel: `${p.code} ${p.name}, phiên bản ${r.version}`,
    before: previous ? { ...previous } : null,
    after: { ...p, version: r.version },
  });
  return r.version;
}
