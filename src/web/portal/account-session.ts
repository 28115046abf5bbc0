// The logged-in citizen (e-identity session cookie) as seen by the portal pages, and what their identity prefills.
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../http/deps.ts';
import { CITIZEN_COOKIE, citizenFromSession, linkDrafts, type Citizen } from '../../identity/citizens/accounts.ts';
import type { ApplicantAnswers } from './eform.ts';

export const currentCitizen = (deps: Deps, req: FastifyRequest): Promise<Citizen | null> =>
  citizenFromSession(deps.db, req.cookies?.[CITIZEN_COOKIE], deps.now());

/** A draft started while logged in is the citizen's ("Hồ sơ của tôi"). */
export async function linkNewDraft(deps: Deps, req: FastifyRequest, draftId: string) {
  const c = await currentCitizen(deps, req);
  if (c) await linkDrafts(deps.db, c.id, [draftId]);
}

/** The applicant's name and ID number from the identity, for a new draft's first page. */
export async function applicantPrefill(deps: Deps, req: FastifyRequest): Promise<Partial<ApplicantAnswers>> {
  const c = await currentCitizen(deps, req);
  return c ? { name: c.name, idNumber: c.idNumber } : {};
}
