// A citizen's own lookup (TT 117/2026/TT-BCA: the right subject): the portal e-form of a citizen logged in with
// e-identity is pre-filled from the population database with the purpose "Điền sẵn tờ khai", and the subject is
// always the citizen's own ID number from their e-identity: this function takes no other subject, so nobody can
// look up someone else through it. Logged like an officer's lookup (who: the citizen's account; the draft).
import crypto from 'node:crypto';
import type { Deps } from '../http/deps.ts';
import { cachedSecret } from '../shared/secrets-store.ts';
import { CITIZEN_PURPOSE, type PopulationRecord } from './core/registry.ts';
import { maskId } from './core/compare.ts';
import { subjectDigest } from './core/seal.ts';
import { registriesFor } from './adapters.ts';
import { agencyCodeOf, insertLookup } from './store.ts';
import { LgspError } from '../outside/lgsp-client.ts';

export interface OwnIdentity { id: number; idNumber: string; name: string }

/** How long the e-form waits for the platform before letting the citizen type (the page must not hang on it). */
export const PREFILL_WAIT_MS = 4000;

const slow = (ms: number) => new Promise<never>((_, reject) => {
  setTimeout(() => reject(new LgspError('unavailable', `no answer within ${ms} ms`)), ms).unref();
});

/** The citizen's own record, or null (not found, or the platform unavailable: they type it, as before). */
export async function ownPopulationRecord(deps: Deps, citizen: OwnIdentity, draft: { id: string; communeId: string }): Promise<PopulationRecord | null> {
  const caller = {
    requestId: crypto.randomUUID(), agencyCode: await agencyCodeOf(deps.db, draft.communeId, null),
    actor: `citizen:${citizen.id}`, actorName: citizen.name, purpose: CITIZEN_PURPOSE, caseRef: draft.id,
  } as const;
  let record: PopulationRecord | null = null;
  let failed = false;
  try {
    const a = await Promise.race([registriesFor(deps.outside.registries).population.lookup({ idNumber: citizen.idNumber }, caller), slow(PREFILL_WAIT_MS)]);
    record = a.found ? a.record : null;
  } catch (e) {
    if (!(e instanceof LgspError)) throw e;
    failed = true;
  }
  await insertLookup(deps.db, {
    at: deps.now(), commune_id: draft.communeId, staff_id: null, citizen_id: citizen.id, registry: 'population', dossier_id: null,
    draft_id: draft.id, purpose: CITIZEN_PURPOSE, subject_digest: subjectDigest(await cachedSecret(deps.db, 'registry-subject'), 'population', citizen.idNumber),
    subject_masked: maskId(citizen.idNumber), subject_name: record?.fullName ?? citizen.name,
    outcome: failed ? 'failed' : record ? 'found' : 'not_found', request_id: caller.requestId,
  });
  return record;
}
