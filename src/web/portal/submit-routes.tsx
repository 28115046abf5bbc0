// /nop-ho-so: starting a draft and its steps (applicant, e-form pages, files). Each POST saves the step and
// redirects (post/redirect/get); a step with errors is shown again with the error summary and what was typed.
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { notFound } from '../../http/problem.ts';
import { procedureAt } from '../../catalogue/store.ts';
import type { FieldError } from '../components.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { PORTAL_COMMUNE_ID, bodyOf, isUuid, page, str } from './common.ts';
import { addDraftFile, createDraft, draftFiles, draftOwner, ensureDraftOwner, markSeen, openDrafts, removeDraftFile, updateDraft } from './drafts.ts';
import { checkPage, formPages, lcFirst, pageKey, resumeStep, uploadComponents } from './eform.ts';
import { checkApplicant } from '../../dossiers/core/applicant.ts';
import { afterSave, openDraft, previousStep, returnsToCheck, type Open } from './flow.ts';
import { offeredOnline } from './procedure-view.tsx';
import { ApplicantPage, FilesPage, FormStepPage, StartPage } from './submit-pages.tsx';
import { readUpload } from './upload.ts';
import { applicantPrefill, linkNewDraft } from './account-session.ts';

async function showFiles(deps: Deps, reply: FastifyReply, o: Open, errors?: FieldError[], status = 200) {
  const files = await draftFiles(deps.db, o.draft.id);
  const here = `${o.base}/giay-to`;
  return sendPage(reply, <FilesPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} files={files} errors={errors} back={previousStep(o, here)} />, status);
}

export async function submitRoutes(app: App, deps: Deps) {
  // A procedure code: the start page. A draft id: resume at the first step not done yet.
  app.get('/nop-ho-so/:key', page, async (req, reply) => {
    const key = str((req.params as Record<string, unknown>).key);
    const now = deps.now();
    if (isUuid(key)) {
      const o = await openDraft(deps, req, reply, { id: key });
      return o ? reply.redirect(resumeStep(o.proc, o.draft.data, o.base), 303) : reply;
    }
    const proc = /^[0-9A-Z.]{3,42}$/.test(key) ? await procedureAt(deps.db, key, now) : undefined;
    if (!proc || !offeredOnline(proc)) throw notFound('thủ tục nộp trực tuyến');
    const drafts = await openDrafts(deps.db, draftOwner(req), now, proc.code);
    return sendPage(reply, <StartPage proc={proc} csrf={csrfToken(reply)} drafts={drafts} />);
  });

  app.post('/nop-ho-so/:key', page, async (req, reply) => {
    const key = str((req.params as Record<string, unknown>).key);
    const now = deps.now();
    const proc = /^[0-9A-Z.]{3,42}$/.test(key) ? await procedureAt(deps.db, key, now) : undefined;
    if (!proc || !offeredOnline(proc)) throw notFound('thủ tục nộp trực tuyến');
    const owner = ensureDraftOwner(req, reply);
    const id = await createDraft(deps.db, owner, PORTAL_COMMUNE_ID, proc.code, now);
    await linkNewDraft(deps, req, id);
    return reply.redirect(`/nop-ho-so/${id}/nguoi-nop`, 303);
  });

  // ── The applicant ─────────────────────────────────────────────────────────────────────────────────────────
  app.get('/nop-ho-so/:id/nguoi-nop', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    if (!o) return reply;
    const here = `${o.base}/nguoi-nop`;
    return sendPage(reply, <ApplicantPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} values={o.draft.data.applicant ?? await applicantPrefill(deps, req)}
      back={previousStep(o, here)} returnToCheck={returnsToCheck(req)} />);
  });

  app.post('/nop-ho-so/:id/nguoi-nop', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    if (!o) return reply;
    const here = `${o.base}/nguoi-nop`;
    const body = bodyOf(req);
    const { values, errors } = checkApplicant(body, 'online');
    if (errors.length) {
      return sendPage(reply, <ApplicantPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} values={values} errors={errors}
        back={previousStep(o, here)} returnToCheck={str(body.tro_lai) === 'kiem-tra'} />, 400);
    }
    await updateDraft(deps.db, o.draft, deps.now(), (d) => ({ ...d, applicant: values }));
    return reply.redirect(afterSave(o, here, body), 303);
  });

  // ── The e-form, one part per page ─────────────────────────────────────────────────────────────────────────
  app.get('/nop-ho-so/:id/to-khai', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    if (!o) return reply;
    return reply.redirect(formPages(o.proc).length ? `${o.base}/to-khai/1` : `${o.base}/giay-to`, 303);
  });

  const formPage = (o: Open, n: string) => {
    const pages = formPages(o.proc);
    const p = /^\d{1,3}$/.test(n) ? pages[Number(n) - 1] : undefined;
    if (!p) throw notFound('trang tờ khai');
    return { p, total: pages.length, here: `${o.base}/to-khai/${p.n}` };
  };

  app.get('/nop-ho-so/:id/to-khai/:n', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    if (!o) return reply;
    const { p, total, here } = formPage(o, str((req.params as Record<string, unknown>).n));
    return sendPage(reply, <FormStepPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} page={p} total={total}
      values={o.draft.data.form?.[p.component.code] ?? {}} back={previousStep(o, here)} returnToCheck={returnsToCheck(req)} />);
  });

  app.post('/nop-ho-so/:id/to-khai/:n', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    if (!o) return reply;
    const { p, total, here } = formPage(o, str((req.params as Record<string, unknown>).n));
    const body = bodyOf(req);
    const { values, errors } = checkPage(p.fields, body);
    if (errors.length) {
      return sendPage(reply, <FormStepPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} page={p} total={total}
        values={values} errors={errors} back={previousStep(o, here)} returnToCheck={str(body.tro_lai) === 'kiem-tra'} />, 400);
    }
    await updateDraft(deps.db, o.draft, deps.now(), (d) => markSeen({
      ...d, form: { ...d.form, [p.component.code]: { ...d.form?.[p.component.code], ...values } },
    }, pageKey(p)));
    return reply.redirect(afterSave(o, here, body), 303);
  });

  // ── Files, per component ──────────────────────────────────────────────────────────────────────────────────
  app.get('/nop-ho-so/:id/giay-to', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    return o ? showFiles(deps, reply, o) : reply;
  });

  app.post('/nop-ho-so/:id/giay-to', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    if (!o) return reply;
    const files = await draftFiles(deps.db, o.draft.id);
    const errors = uploadComponents(o.proc)
      .filter((c) => c.required && !files.some((f) => f.component_code === c.code))
      .map((c) => ({ field: `file-${c.code}`, message: `Tải lên ${lcFirst(c.name)}` }));
    if (errors.length) return showFiles(deps, reply, o, errors, 400);
    await updateDraft(deps.db, o.draft, deps.now(), (d) => markSeen(d, 'giay-to'));
    return reply.redirect(`${o.base}/kiem-tra`, 303);
  });

  app.post('/nop-ho-so/:id/giay-to/xoa', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    if (!o) return reply;
    const fileId = str(bodyOf(req).tep);
    if (/^\d{1,15}$/.test(fileId)) await removeDraftFile(deps.db, o.draft, Number(fileId), deps.now());
    return reply.redirect(`${o.base}/giay-to`, 303);
  });

  app.post('/nop-ho-so/:id/giay-to/:component', page, async (req, reply) => {
    const o = await openDraft(deps, req, reply);
    if (!o) return reply;
    const code = str((req.params as Record<string, unknown>).component);
    const c = uploadComponents(o.proc).find((x) => x.code === code);
    if (!c) throw notFound('thành phần hồ sơ');
    const field = `file-${c.code}`;
    const up = await readUpload(req, lcFirst(c.name));
    if (!up.file) return showFiles(deps, reply, o, [{ field, message: up.error ?? 'Chọn tệp để tải lên' }], 400);
    const added = await addDraftFile(deps.db, o.draft, c.code, up.file.name, up.file.content, up.file.type, deps.now());
    if (!added) return showFiles(deps, reply, o, [{ field, message: 'Hồ sơ đã có quá nhiều tệp; hãy xóa bớt tệp không cần thiết' }], 400);
    return reply.redirect(`${o.base}/giay-to#${field}`, 303);
  });
}
