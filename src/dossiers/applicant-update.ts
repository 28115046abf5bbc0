// The applicant's name and residence updated from the population database (TT 117/2026/TT-BCA: data from the
// population database used to process the TTHC; NĐ 45/2020 as amended: what the state holds is not asked again): the
// officer's "Dùng thông tin này" after a lookup whose subject is the applicant (src/registries/use.ts checks the
// seal and the subject). One logged action, `update_applicant` (core/actions.ts: who, when; preconditions.ts: who
// holds the dossier now), in the caller's transaction: the dossier's applicant columns, a new revision of the
// declaration when its requester's fields carry them (core/declaration.ts PREFILLED; the previous revisions kept),
// then the entry through the dossier service's `act()`, whose after-change (indicator facts, sync messages) reads
// the updated row. The entry names the fields changed and the lookup, never the values (like the correction).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { notFound } from '../http/problem.ts';
import type { Principal } from '../identity/core/principal.ts';
import { APPLICANT_LABEL, normaliseText } from './core/applicant.ts';
import { PREFILLED, type DeclaredForm } from './core/declaration.ts';
import { act, actorId } from './service.ts';
import { loadDossier } from './store.ts';
import { setApplicant } from './applicant-store.ts';
import { insertAnswers, latestAnswers } from './answers-store.ts';

type Db = Kysely<Database>;

export const UPDATE_REASON = 'Cập nhật thông tin người nộp theo Cơ sở dữ liệu quốc gia về dân cư';

export interface ApplicantFromRegistry {
  /** The name and the residence as the population database holds them. */
  name: string;
  address: string;
  /** The lookup they came from (registry_lookups.id). */
  lookupId: number;
}

/** The requester's fields of the declaration with the new values (PREFILLED: requesterFullName, requesterResidence);
 *  null when no form carries a changed one. */
function revisedForms(forms: readonly DeclaredForm[], v: { name: string; address: string }): DeclaredForm[] | null {
  const by: Partial<Record<keyof typeof APPLICANT_LABEL, string>> = { name: v.name, address: v.address };
  let changed = false;
  const out = forms.map((f) => {
    const answers = { ...f.answers };
    for (const [field, from] of Object.entries(PREFILLED)) {
      const value = by[from];
      if (value === undefined || !(field in answers) || answers[field] === value) continue;
      answers[field] = value;
      changed = true;
    }
    return { ...f, answers };
  });
  return changed ? out : null;
}

/**
 * Replaces the applicant's name and residence by the registry's, as a logged action. Returns the labels of what
 * changed; nothing is written (no entry) when both are already the same. Refused (403/409, nothing written: the
 * caller's transaction rolls back) when the caller may not update the dossier now.
 */
export async function updateApplicant(trx: Db, p: Principal, dossierId: string, v: ApplicantFromRegistry, now: Date): Promise<string[]> {
  const row = await loadDossier(trx, p, dossierId, true);
  if (!row) throw notFound('hồ sơ');
  const name = normaliseText(v.name);
  const address = normaliseText(v.address);
  const applicant = (row.applicant ?? {}) as { address?: string | null };
  const fields = [
    ...(name && name !== row.applicant_name ? [APPLICANT_LABEL.name] : []),
    ...(address && address !== (applicant.address ?? '') ? [APPLICANT_LABEL.address] : []),
  ];
  if (!fields.length) return [];
  const next = { name: name || row.applicant_name, address: address || (applicant.address ?? '') };
  await setApplicant(trx, row.id, { name: next.name, applicant: { ...applicant, address: next.address || null } });
  const current = await latestAnswers(trx, row.id);
  const forms = current ? revisedForms(current.declaration.forms, next) : null;
  const revision = current && forms ? current.revision + 1 : undefined;
  if (current && forms && revision) {
    await insertAnswers(trx, {
      dossierId: row.id, revision, source: 'correction', declaration: { ...current.declaration, forms },
      recordedAt: now, recordedBy: actorId(p), reason: UPDATE_REASON,
    });
  }
  await act(trx, p, row.id, 'update_applicant', {
    fields, lookupId: v.lookupId, ...(revision ? { revision } : {}), note: `Theo lần tra cứu số ${v.lookupId} trong nhật ký tra cứu`,
  }, now);
  return fields;
}
