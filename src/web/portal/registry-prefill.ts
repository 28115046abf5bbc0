// The applicant step's pre-fill from the population database ("provide once": NĐ 45/2020 as amended, NĐ 224/2026
// Đ15 k1 điểm d; TT 117/2026/TT-BCA): a citizen logged in with e-identity who files for themselves gets their
// residence (and sees their date of birth) from their own record, looked up once per draft with the purpose "Điền
// sẵn tờ khai" and the subject taken from the e-identity only (registries/prefill.ts, logged). What was filled is
// saved with the draft (DraftData.registryPrefill), so that the use is recorded when the draft becomes a dossier if
// the citizen kept it (registries/use.ts recordPrefillUse). The platform down or the person not found never blocks
// the filing: the citizen types their residence, as before.
import type { Deps } from '../../http/deps.ts';
import type { Citizen } from '../../identity/citizens/accounts.ts';
import { ownPopulationRecord } from '../../registries/prefill.ts';
import { fold, residenceOf } from '../../registries/core/compare.ts';
import type { ApplicantAnswers, DraftData } from './eform.ts';
import { updateDraft, type Draft } from './drafts.ts';

/** What the population database gave the draft. */
export interface RegistryPrefill {
  /** The residence filled into the applicant's "Nơi cư trú" (and the e-form's requester residence). */
  address: string;
  /** YYYY-MM-DD, shown next to the identity. */
  dateOfBirth?: string;
}

/** What the applicant step shows of it: filled (with what), or not available (the citizen types). */
export type PrefillState = ({ state: 'filled' } & RegistryPrefill) | { state: 'unavailable' };

/**
 * The pre-fill of a citizen's own draft: the one saved, or a lookup when the draft has none and no residence typed
 * yet (saved with the draft when found). Undefined when there is nothing to pre-fill (a residence already typed).
 */
export async function prefillFor(
  deps: Deps, citizen: Citizen, draft: Pick<Draft, 'id' | 'communeId' | 'data'>, saved: Partial<ApplicantAnswers>,
): Promise<PrefillState | undefined> {
  const known = draft.data.registryPrefill;
  if (known) return { state: 'filled', ...known };
  if (saved.address) return undefined;
  const record = await ownPopulationRecord(deps, citizen, { id: draft.id, communeId: draft.communeId });
  const address = record ? residenceOf(record) : '';
  if (!record || !address) return { state: 'unavailable' };
  const prefill: RegistryPrefill = { address, dateOfBirth: record.dateOfBirth };
  await updateDraft(deps.db, draft, deps.now(), (d): DraftData => ({ ...d, registryPrefill: prefill }));
  return { state: 'filled', ...prefill };
}

/** Whether the residence shown is still the one the population database gave (the hint stays next to it). */
export const showsPrefill = (p: PrefillState | undefined, address: string | undefined): boolean =>
  p?.state === 'filled' && fold(address ?? '') === fold(p.address);
