// The logged-in citizen (e-identity session cookie) as seen by the portal pages, and the drafts that are theirs:
// filing online needs the login unless the procedure allows other means (catalogue onlineIdentity, NĐ 45/2020 as
// amended, NĐ 69/2024), and a draft a citizen started opens for that citizen only (identity/citizens/core/filing.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import { CITIZEN_COOKIE, citizenFromSession, draftHolder, linkDrafts, type Citizen } from '../../identity/citizens/accounts.ts';
import { onlineIdentityOf } from '../../catalogue/core/types.ts';
import { LOGIN_PATH } from './account-pages.tsx';
import { openDraft, type Open } from './flow.ts';
import type { StoredProcedure } from './types.ts';

export const currentCitizen = (deps: Deps, req: FastifyRequest): Promise<Citizen | null> =>
  citizenFromSession(deps.db, req.cookies?.[CITIZEN_COOKIE], deps.now());

/** Whether filing this procedure online needs an e-identity login (the catalogue's default). */
export const eidRequired = (proc: StoredProcedure) => onlineIdentityOf(proc) === 'eid';

/** The e-identity login, coming back to `next` (a local path) afterwards. */
export const loginTo = (next: string) => `${LOGIN_PATH}?tiep=${encodeURIComponent(next)}`;

/** A draft started while logged in is the citizen's ("Hồ sơ của tôi"). */
export async function linkNewDraft(deps: Deps, req: FastifyRequest, draftId: string) {
  const c = await currentCitizen(deps, req);
  if (c) await linkDrafts(deps.db, c.id, [draftId]);
}

/** The same answer as a draft of another browser (flow.ts): another citizen's draft does not exist for this one. */
const notYours = () =>
  new Problem(404, 'DRAFT_NOT_FOUND', 'Không tìm thấy hồ sơ đang soạn.',
    'Hồ sơ đang soạn chỉ mở được bằng tài khoản định danh điện tử đã tạo ra nó, trên thiết bị và trình duyệt đã dùng. Bạn có thể bắt đầu lại từ trang thủ tục.');

export type OwnDraft = Open & { citizen: Citizen | null };

/**
 * The draft of the URL (this browser's, openDraft) for the citizen logged in. Without a login, when the procedure
 * requires e-identity or the draft is a citizen's, a redirect to the login that comes back here (a GET: this page;
 * a form post: the draft, which resumes at its first step not done) and null. A draft linked to another citizen
 * is not found; one linked to no citizen becomes this citizen's.
 */
export async function openOwnDraft(
  deps: Deps, req: FastifyRequest, reply: FastifyReply, o: { id?: string; allowSubmitted?: boolean } = {},
): Promise<OwnDraft | null> {
  const open = await openDraft(deps, req, reply, o);
  if (!open) return null;
  const [citizen, holder] = [await currentCitizen(deps, req), await draftHolder(deps.db, open.draft.id)];
  if (!citizen) {
    if (!eidRequired(open.proc) && holder === null) return { ...open, citizen: null };
    void reply.redirect(loginTo(req.method === 'GET' ? req.url : open.base), 303);
    return null;
  }
  if (holder === null) await linkDrafts(deps.db, citizen.id, [open.draft.id]);
  else if (holder !== citizen.id) throw notYours();
  return { ...open, citizen };
}
