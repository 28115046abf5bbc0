// Using a registry's data in a dossier (the 766 4.5 flag and DSKetNoiCSDL): an officer's "Dùng thông tin này" after
// a population lookup of the applicant (the record, carried back under its seal, checked unaltered and of the
// applicant, updates the applicant's name and residence as the logged dossier action `update_applicant`,
// dossiers/applicant-update.ts), or the confirmation of a matching civil-status verification; and a citizen's e-form
// pre-filled from their own record, when the draft becomes a dossier. Each records dossier_registry_uses and
// refreshes the dossier's indicator facts in the same transaction (TT 117/2026/TT-BCA; NĐ 45/2020 as amended).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem, notFound } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { cachedSecret } from '../shared/secrets-store.ts';
import { idNumberOf, loadDossier } from '../dossiers/store.ts';
import { updateApplicant } from '../dossiers/applicant-update.ts';
import { refreshFacts } from '../indicators/facts.ts';
import { REGISTRY_INFO, type PopulationRecord, type RegistryCode } from './core/registry.ts';
import { fold, residenceOf } from './core/compare.ts';
import { sealHolds } from './core/seal.ts';
import { draftPrefillLookup, lookupOf, recordUse } from './store.ts';

type Db = Kysely<Database>;

const use = (trx: Db, dossierId: string, registry: RegistryCode, lookupId: number, now: Date) =>
  recordUse(trx, { dossierId, registry, maCsdl: REGISTRY_INFO[registry].maCsdl, lookupId, at: now });

async function markUsed(trx: Db, dossierId: string, registry: RegistryCode, lookupId: number, now: Date): Promise<void> {
  await use(trx, dossierId, registry, lookupId, now);
  await refreshFacts(trx, dossierId);
}

export interface UseInput {
  dossierId: string;
  lookupId: number;
  /** A population record to apply, as shown, with its seal. */
  record?: PopulationRecord;
  seal?: string;
}

/** Records the use of a lookup's data in the dossier; a population record of the applicant also updates the
 *  applicant (a logged action). Returns the registry and the applicant's fields changed. */
export async function useLookup(trx: Db, p: Principal, v: UseInput, now: Date): Promise<{ registry: RegistryCode; maCsdl: string; changed: string[] }> {
  if (p.kind !== 'staff') throw new Problem(403, 'REGISTRY_PERSON_ONLY', 'Chỉ cán bộ đăng nhập bằng tài khoản cá nhân mới được dùng dữ liệu tra cứu.');
  const row = await loadDossier(trx, p, v.dossierId, true);
  if (!row) throw notFound('hồ sơ');
  const l = await lookupOf(trx, p.communeId, v.lookupId);
  if (!l || l.dossier_id !== row.id) throw new Problem(404, 'LOOKUP_NOT_FOUND', 'Không có lần tra cứu này trong nhật ký tra cứu của hồ sơ. Hãy tra cứu lại.');
  if (l.outcome !== 'found' && l.outcome !== 'match') {
    throw new Problem(409, 'NOTHING_TO_USE', 'Lần tra cứu này không cho kết quả khớp, nên không có thông tin để dùng.');
  }
  const registry = l.registry as RegistryCode;
  if (v.record) {
    const key = await cachedSecret(trx, 'registry-seal');
    if (registry !== 'population' || !v.seal || !sealHolds(key, l.id, v.record, v.seal)) {
      throw new Problem(422, 'RECORD_ALTERED', 'Thông tin gửi lại không đúng với kết quả tra cứu. Hãy tra cứu lại.');
    }
    // Only the applicant's own record replaces the applicant's data (the right subject, TT 117/2026/TT-BCA).
    if ((await idNumberOf(trx, row.id)) !== v.record.idNumber) {
      throw new Problem(422, 'NOT_THE_APPLICANT', 'Người được tra cứu không phải người nộp hồ sơ này, nên không dùng thông tin để cập nhật người nộp.');
    }
  }
  // The use first, so that the action's after-change (facts, the national portal's update with DSKetNoiCSDL) sees it.
  await use(trx, row.id, registry, l.id, now);
  const changed = v.record ? await updateApplicant(trx, p, row.id, { name: v.record.fullName, address: residenceOf(v.record), lookupId: l.id }, now) : [];
  if (!changed.length) await refreshFacts(trx, row.id);
  return { registry, maCsdl: REGISTRY_INFO[registry].maCsdl, changed };
}

/**
 * When a citizen's draft becomes a dossier: if the applicant's residence is still what the population database gave
 * their e-form (they did not type another), the dossier used population data. `prefilled`: the draft's record of the
 * pre-fill (web/portal/eform.ts DraftData.registryPrefill, saved by the portal's applicant step).
 */
export async function recordPrefillUse(
  trx: Db, draftId: string, citizenId: number, dossierId: string, applicantAddress: string | undefined,
  prefilled: { address: string } | undefined, now: Date,
): Promise<boolean> {
  if (!prefilled || fold(applicantAddress ?? '') !== fold(prefilled.address)) return false;
  const l = await draftPrefillLookup(trx, draftId, citizenId);
  if (!l) return false;
  await markUsed(trx, dossierId, 'population', l.id, now);
  return true;
}
