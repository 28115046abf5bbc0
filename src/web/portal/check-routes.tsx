// /nop-ho-so/:id/kiem-tra, /nop, /da-nop: check your answers, submit (idempotent through the draft row), and the
// confirmation page with the reference, the receipt deadline and the expected time computed by the deadline engine.
// Each opens the draft for the citizen logged in (account-session.ts openOwnDraft): a citizen's draft, or one of a
// procedure that requires e-identity, asks for the login first.
import type { App, Deps } from '../../http/deps.ts';
import { procedureVersion } from '../../catalogue/store.ts';
import { computeDue, vnDate } from '../../calendar/core/index.ts';
import { workCalendarFor } from '../../calendar/store.ts';
import { csrfToken, sendPage } from '../render.tsx';
import { page } from './common.ts';
import { submittedDossier } from '../../dossiers/drafts-store.ts';
import { draftFiles, draftOwner, submitDraft, submitProblems } from './drafts.ts';
import { CheckPage, DonePage } from './check-pages.tsx';
import { openOwnDraft } from './account-session.ts';
import { limitWrite } from '../../dossiers/public.ts';
import { rateLimitedMessage } from '../../shared/rate-limits.ts';

export async function checkRoutes(app: App, deps: Deps) {
  app.get('/nop-ho-so/:id/kiem-tra', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    const files = await draftFiles(deps.db, o.draft.id);
    const problems = submitProblems(o.proc, o.draft.data, files, o.base, vnDate(deps.now()), o.citizen?.id);
    return sendPage(reply, <CheckPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} data={o.draft.data} files={files} problems={problems} today={vnDate(deps.now())} />);
  });

  // A double click or a refreshed POST finds the draft already submitted and lands on the same confirmation.
  app.post('/nop-ho-so/:id/nop', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply, { allowSubmitted: true });
    if (!o) return reply;
    // Limited by address and by commune, as the API's online submissions (shared/rate-limits.ts). Past a limit the
    // draft stays as it is and the page says when to submit again (429, Retry-After); a repeated submit of a draft
    // already submitted is not counted.
    if (!o.draft.submittedDossierId) {
      const limit = await limitWrite(deps.db, 'submission', req.ip, o.draft.communeId, deps.now());
      if (!limit.ok) {
        void reply.header('Retry-After', String(limit.retryAfterSeconds));
        const files = await draftFiles(deps.db, o.draft.id);
        const busy = [{ href: `${o.base}/kiem-tra`, message: `${rateLimitedMessage(limit.retryAfterSeconds)} Hồ sơ của bạn vẫn được lưu.` }];
        return sendPage(reply, <CheckPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} data={o.draft.data} files={files} problems={busy} today={vnDate(deps.now())} />, 429);
      }
    }
    const r = await submitDraft(deps.db, o.draft.id, draftOwner(req)!, deps.now(), o.base, o.citizen?.id);
    if (r.ok) return reply.redirect(`${o.base}/da-nop`, 303);
    const files = await draftFiles(deps.db, o.draft.id);
    return sendPage(reply, <CheckPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} data={o.draft.data} files={files} problems={r.problems} today={vnDate(deps.now())} />, 400);
  });

  app.get('/nop-ho-so/:id/da-nop', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply, { allowSubmitted: true });
    if (!o) return reply;
    if (!o.draft.submittedDossierId) return reply.redirect(`${o.base}/kiem-tra`, 303);
    const d = await submittedDossier(deps.db, o.draft.submittedDossierId);
    const proc = await procedureVersion(deps.db, d.procedure_code, d.procedure_version);
    let expectedAt: Date | null = d.due_at;
    if (!expectedAt && proc && d.submitted_at) {
      // "Dự kiến": the due time if the centre received the dossier at submission (the code and the official
      // appointment come with the receipt, domain.md §2.4–2.5).
      const cal = await workCalendarFor(deps.db, d.commune_id);
      expectedAt = computeDue(d.submitted_at, proc.onlineProcessingTime ?? proc.processingTime, cal).dueAt;
    }
    return sendPage(reply, (
      <DonePage proc={proc} dossierId={d.id} code={d.code} reference={d.reference} submittedAt={d.submitted_at}
        receiptDueAt={d.receipt_due_at} expectedAt={expectedAt} answers={o.draft.data.form} filedOn={vnDate(d.submitted_at ?? deps.now())} />
    ));
  });
}
