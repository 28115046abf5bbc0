// Who may see a component's files (core/sensitive.ts): the check every download of a dossier file or storage copy
// makes, and the page's choice of showing a link or a notice.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { componentsOf } from '../catalogue/store.ts';
import { Problem } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { isIdentityComponent, maySeeIdentityImages } from './core/sensitive.ts';

export const IDENTITY_RESTRICTED = 'Ảnh giấy tờ tùy thân chỉ cán bộ tiếp nhận, cán bộ của đơn vị đang giải quyết hồ sơ và lãnh đạo Ủy ban được xem.';

/** Whether the component's files are identity images (its catalogue entry in the dossier's procedure version). */
export async function isIdentityFile(db: Kysely<Database>, dossier: { procedure_code: string; procedure_version: number }, componentCode: string) {
  if (componentCode === 'GIAY_TO_TUY_THAN') return true;
  const c = (await componentsOf(db, dossier.procedure_code, dossier.procedure_version).catch(() => [])).find((x) => x.code === componentCode);
  return c ? isIdentityComponent(c) : false;
}

/** 403 when the file is an identity image the principal may not see; says whether it is one (for the access log). */
export async function checkIdentityAccess(
  db: Kysely<Database>, p: Principal, dossier: { procedure_code: string; procedure_version: number; current_unit_id: number | null }, componentCode: string,
): Promise<boolean> {
  const identity = await isIdentityFile(db, dossier, componentCode);
  if (identity && !maySeeIdentityImages(p, dossier.current_unit_id)) throw new Problem(403, 'IDENTITY_IMAGE_RESTRICTED', IDENTITY_RESTRICTED);
  return identity;
}
