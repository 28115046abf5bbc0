// Moving through an online submission: the draft of the URL (this browser's only), and the order of the steps.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../http/deps.ts';
import { Problem } from '../../http/problem.ts';
import { procedureAt } from '../../catalogue/store.ts';
import { isUuid, str } from './common.ts';
import { draftOwner, loadDraft, type Draft } from './drafts.ts';
import { formPages } from './eform.ts';
import type { StoredProcedure } from './types.ts';

export interface Open {
  draft: Draft;
  proc: StoredProcedure;
  /** /nop-ho-so/<draft id> */
  base: string;
}

const draftNotFound = () =>
  new Problem(404, 'DRAFT_NOT_FOUND', 'Không tìm thấy hồ sơ đang soạn.',
    'Hồ sơ đang soạn chỉ mở được trên thiết bị và trình duyệt đã tạo ra nó, trong 30 ngày kể từ lần lưu cuối. Bạn có thể bắt đầu lại từ trang thủ tục.');

/** The draft of the URL, or a 404 page (another browser's draft does not exist); a submitted draft redirects
 *  to its confirmation page (null is returned then). */
export async function openDraft(
  deps: Deps, req: FastifyRequest, reply: FastifyReply, o: { id?: string; allowSubmitted?: boolean } = {},
): Promise<Open | null> {
  const id = o.id ?? str((req.params as Record<string, unknown>).id);
  if (!isUuid(id)) throw draftNotFound();
  const now = deps.now();
  const draft = await loadDraft(deps.db, draftOwner(req), id, now);
  if (!draft) throw draftNotFound();
  const base = `/nop-ho-so/${draft.id}`;
  if (draft.submittedDossierId && !o.allowSubmitted) {
    void reply.redirect(`${base}/da-nop`, 303);
    return null;
  }
  const proc = await procedureAt(deps.db, draft.procedureCode, now);
  if (!proc) throw new Problem(404, 'NOT_FOUND', 'Thủ tục này không còn áp dụng.', 'Vui lòng tìm thủ tục đang có hiệu lực trên trang chủ.');
  return { draft, proc, base };
}

/** The steps in order: applicant, each e-form page, files, check. */
export function steps(proc: StoredProcedure, base: string): string[] {
  return [`${base}/nguoi-nop`, ...formPages(proc).map((p) => `${base}/to-khai/${p.n}`), `${base}/giay-to`, `${base}/kiem-tra`];
}

export const nextStep = (o: Open, current: string) => {
  const all = steps(o.proc, o.base);
  return all[all.indexOf(current) + 1] ?? `${o.base}/kiem-tra`;
};

export const previousStep = (o: Open, current: string) => {
  const all = steps(o.proc, o.base);
  return all[all.indexOf(current) - 1] ?? `/nop-ho-so/${encodeURIComponent(o.proc.code)}`;
};

/** After saving a step: back to "check your answers" when the page was opened from there, else the next step. */
export const afterSave = (o: Open, current: string, body: Record<string, unknown>) =>
  str(body.tro_lai) === 'kiem-tra' ? `${o.base}/kiem-tra` : nextStep(o, current);

export const returnsToCheck = (req: FastifyRequest) => str((req.query as Record<string, unknown> | undefined)?.['tro-lai']) === 'kiem-tra';
