// /nop-ho-so: starting a draft and its steps (applicant, e-form pages, files). Each POST saves the step and
// redirects (post/redirect/get); a step with errors is shown again with the error summary and what was typed.
// Filing online needs the e-identity login unless the procedure allows other means (account-session.ts), and a
// citizen's draft opens for that citizen only; the applicant's name and ID number are the citizen's own, or, filed
// for someone else (nộp thay), the citizen is recorded as the authorised person (identity/citizens/core/filing.ts).
import type { FastifyReply } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { notFound } from '../../http/problem.ts';
import { procedureAt } from '../../catalogue/store.ts';
import type { FieldError } from '../components.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { PORTAL_COMMUNE_ID, bodyOf, isUuid, page, queryOf, str } from './common.ts';
import {
  addDraftFile, chooseStoreItem, createDraft, draftFiles, draftOwner, ensureDraftOwner, markSeen, openDrafts, removeDraftFile, scanNotesOf, updateDraft, type DraftFile,
} from './drafts.ts';
import { supportPointByCode } from '../../dossiers/support-points-store.ts';
import { limitWrite, rateLimited } from '../../dossiers/public.ts';
import { checkPage, formPages, lcFirst, pageKey, papersOf as papersOfDraft, resumeStep, shownComponents, type ApplicantAnswers, type DraftData } from './eform.ts';
import { checkApplicant, normaliseIdNumber, normaliseText } from '../../dossiers/core/applicant.ts';
import type { FilingData } from '../../identity/citizens/core/filing.ts';
import type { Citizen } from '../../identity/citizens/accounts.ts';
import { afterSave, previousStep, returnsToCheck } from './flow.ts';
import { offeredOnline } from './procedure-view.tsx';
import { ApplicantPage, FilesPage, FormStepPage, StartPage, type ApplicantView } from './submit-pages.tsx';
import { readUpload } from './upload.ts';
import { prefillFor } from './registry-prefill.ts';
import { vnDate } from '../../calendar/core/index.ts';
import { precheckScan } from '../../digitisation/precheck.ts';
import { offersByComponent } from '../../datastore/reuse.ts';
import { itemOfOwner, type StoreItemRow } from '../../datastore/store.ts';
import { currentCitizen, eidRequired, linkNewDraft, loginTo, openOwnDraft, type OwnDraft } from './account-session.ts';

/** The papers this draft uploads: the procedure's, and the authorisation when filed for someone else. */
const papersOf = (o: OwnDraft) => papersOfDraft(o.proc, o.draft.data);

/** The components the citizen's store may stand for on the file step: the papers uploaded, and those only shown at
 *  the counter that accept a document type (offered from the store, never uploaded). */
const storeComponents = (o: OwnDraft) => [...papersOf(o), ...shownComponents(o.proc).filter((c) => c.accepts?.length)];

/** What the store offers this draft: only to a citizen logged in with e-identity, from their own store (their
 *  personal ID number), with the items the draft already took from it. */
async function storeView(deps: Deps, o: OwnDraft, files: readonly DraftFile[]) {
  const shown = shownComponents(o.proc).filter((c) => c.accepts?.length);
  if (!o.citizen) return { offers: new Map<string, StoreItemRow[]>(), chosen: new Map<number, StoreItemRow | undefined>(), shown };
  const owner = o.citizen.idNumber;
  const offers = await offersByComponent(deps.db, owner, storeComponents(o), vnDate(deps.now()));
  const chosen = new Map(await Promise.all(files.filter((f) => f.store_item_id !== null)
    .map(async (f) => [f.id, await itemOfOwner(deps.db, owner, f.store_item_id!)] as const)));
  return { offers, chosen, shown };
}

async function showFiles(deps: Deps, reply: FastifyReply, o: OwnDraft, errors?: FieldError[], status = 200) {
  const files = await draftFiles(deps.db, o.draft.id);
  const store = await storeView(deps, o, files);
  const here = `${o.base}/giay-to`;
  // A shown component appears when the store can stand for it or a file was taken from the store for it.
  const shown = store.shown.filter((c) => store.offers.has(c.code) || files.some((f) => f.component_code === c.code && store.chosen.has(f.id)));
  return sendPage(reply, <FilesPage proc={o.proc} components={papersOf(o)} draftId={o.draft.id} csrf={csrfToken(reply)} files={files} errors={errors}
    back={previousStep(o, here)} store={{ ...store, shown }} notes={scanNotesOf(o.draft.data)} />, status);
}

const IDENTITY_LOCKED = 'Họ tên và số định danh cá nhân của người nộp được lấy từ tài khoản định danh điện tử, không sửa được. Nếu bạn nộp hồ sơ cho người khác, chọn “Nộp thay người khác”.';
const SAME_AS_FILER = 'Số định danh cá nhân này là của bạn. Nếu bạn nộp hồ sơ cho chính mình, chọn “Khai hồ sơ của bạn”.';

/**
 * The applicant step's answers for a logged-in citizen. For themselves: name and ID number from the identity (a
 * body that says otherwise is refused), the rest as typed. For someone else: that person as typed, never the
 * citizen's own ID number. Checked by the applicant's rules (dossiers/core/applicant.ts).
 */
function applicantOf(c: Citizen, body: Record<string, unknown>, onBehalf: boolean) {
  if (onBehalf) {
    const r = checkApplicant(body, 'online');
    const errors: FieldError[] = [...r.errors];
    if (!errors.some((x) => x.field === 'idNumber') && r.values.idNumber === c.idNumber) errors.push({ field: 'idNumber', message: SAME_AS_FILER });
    return { values: r.values, errors };
  }
  const [name, id] = [str(body.name).trim(), str(body.idNumber).trim()];
  const forged = (name && normaliseText(name) !== normaliseText(c.name)) || (id && normaliseIdNumber(id) !== c.idNumber);
  const r = checkApplicant({ ...body, name: c.name, idNumber: c.idNumber }, 'online');
  return { values: r.values, errors: forged ? [{ field: 'identity', message: IDENTITY_LOCKED }, ...r.errors] : r.errors };
}

export async function submitRoutes(app: App, deps: Deps) {
  // A procedure code: the start page. A draft id: resume at the first step not done yet.
  app.get('/nop-ho-so/:key', page, async (req, reply) => {
    const key = str((req.params as Record<string, unknown>).key);
    const now = deps.now();
    if (isUuid(key)) {
      const o = await openOwnDraft(deps, req, reply, { id: key });
      return o ? reply.redirect(resumeStep(o.proc, o.draft.data, o.base), 303) : reply;
    }
    const proc = /^[0-9A-Z.]{3,42}$/.test(key) ? await procedureAt(deps.db, key, now) : undefined;
    if (!proc || !offeredOnline(proc)) throw notFound('thủ tục nộp trực tuyến');
    const drafts = await openDrafts(deps.db, draftOwner(req), now, proc.code);
    const citizen = await currentCitizen(deps, req);
    const point = await supportPointOf(deps, str(queryOf(req)['diem-ho-tro']));
    return sendPage(reply, <StartPage proc={proc} csrf={csrfToken(reply)} drafts={drafts} citizen={citizen} eidRequired={eidRequired(proc)}
      login={loginTo(`/nop-ho-so/${proc.code}${point ? `?diem-ho-tro=${point.code}` : ''}`)} supportPoint={point} />);
  });

  // Online filing needs the e-identity login (NĐ 45/2020 as amended, NĐ 69/2024) unless the procedure allows other means.
  app.post('/nop-ho-so/:key', page, async (req, reply) => {
    const key = str((req.params as Record<string, unknown>).key);
    const now = deps.now();
    const proc = /^[0-9A-Z.]{3,42}$/.test(key) ? await procedureAt(deps.db, key, now) : undefined;
    if (!proc || !offeredOnline(proc)) throw notFound('thủ tục nộp trực tuyến');
    if (eidRequired(proc) && !(await currentCitizen(deps, req))) return reply.redirect(loginTo(`/nop-ho-so/${proc.code}`), 303);
    // Limited by address and by commune (shared/rate-limits.ts): past either, an error page says when to start again
    // (nothing typed yet is lost; drafts already started stay).
    const limit = await limitWrite(deps.db, 'draft', req.ip, PORTAL_COMMUNE_ID, now);
    if (!limit.ok) throw rateLimited(reply, limit);
    const owner = ensureDraftOwner(req, reply);
    const id = await createDraft(deps.db, owner, PORTAL_COMMUNE_ID, proc.code, now);
    const point = await supportPointOf(deps, str((req.body as Record<string, unknown> | undefined)?.diemHoTro));
    if (point) await updateDraft(deps.db, { id }, now, (d) => ({ ...d, supportPoint: point }));
    await linkNewDraft(deps, req, id);
    return reply.redirect(`/nop-ho-so/${id}/nguoi-nop`, 303);
  });

  /** A support point of the portal's commune named by a link (unknown or inactive: none, silently). */
  async function supportPointOf(d: Deps, code: string) {
    if (!/^[A-Z0-9_]{1,20}$/.test(code)) return null;
    const sp = await supportPointByCode(d.db, PORTAL_COMMUNE_ID, code);
    return sp ? { code: sp.code, name: sp.name } : null;
  }

  // ── The applicant ─────────────────────────────────────────────────────────────────────────────────────────
  const applicantView = (o: OwnDraft, reply: FastifyReply, v: Pick<ApplicantView, 'values' | 'onBehalf' | 'returnToCheck' | 'errors' | 'registry'>): ApplicantView => ({
    proc: o.proc, draftId: o.draft.id, csrf: csrfToken(reply), back: previousStep(o, `${o.base}/nguoi-nop`),
    identity: o.citizen && { name: o.citizen.name, idNumber: o.citizen.idNumber }, ...v,
  });

  app.get('/nop-ho-so/:id/nguoi-nop', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    const d = o.draft.data;
    const asked = str(queryOf(req)['nop-thay']);
    const onBehalf = !!o.citizen && (asked ? asked === 'co' : d.onBehalf === true);
    const saved: Partial<ApplicantAnswers> = d.applicant && (d.onBehalf === true) === onBehalf ? d.applicant : {};
    // For themselves, the identity; for someone else, what was saved for that person (nothing of the citizen's).
    const values = o.citizen && !onBehalf ? { ...saved, name: o.citizen.name, idNumber: o.citizen.idNumber } : saved;
    // For themselves: the residence from the population database, unless already typed (registry-prefill.ts).
    const registry = o.citizen && !onBehalf ? await prefillFor(deps, o.citizen, o.draft, saved) : undefined;
    if (registry?.state === 'filled' && !values.address) values.address = registry.address;
    return sendPage(reply, <ApplicantPage {...applicantView(o, reply, { values, onBehalf, returnToCheck: returnsToCheck(req), registry })} />);
  });

  app.post('/nop-ho-so/:id/nguoi-nop', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    const here = `${o.base}/nguoi-nop`;
    const body = bodyOf(req);
    const c = o.citizen;
    const onBehalf = !!c && str(body.nop_thay) === 'co';
    const { values, errors } = c ? applicantOf(c, body, onBehalf) : checkApplicant(body, 'online');
    if (errors.length) {
      const known = o.draft.data.registryPrefill;
      const registry = c && !onBehalf && known ? { state: 'filled' as const, ...known } : undefined;
      return sendPage(reply, <ApplicantPage {...applicantView(o, reply, { values, errors, onBehalf, returnToCheck: str(body.tro_lai) === 'kiem-tra', registry })} />, 400);
    }
    const filing: Pick<FilingData, 'onBehalf' | 'filer'> = c ? { onBehalf, filer: { citizenId: c.id, name: c.name, idNumber: c.idNumber } } : { onBehalf: undefined, filer: undefined };
    await updateDraft(deps.db, o.draft, deps.now(), (d): DraftData => ({ ...d, applicant: values, ...filing }));
    return reply.redirect(afterSave(o, here, body), 303);
  });

  // ── The e-form, one part per page ─────────────────────────────────────────────────────────────────────────
  app.get('/nop-ho-so/:id/to-khai', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    return reply.redirect(formPages(o.proc).length ? `${o.base}/to-khai/1` : `${o.base}/giay-to`, 303);
  });

  const formPage = (o: OwnDraft, n: string) => {
    const pages = formPages(o.proc);
    const p = /^\d{1,3}$/.test(n) ? pages[Number(n) - 1] : undefined;
    if (!p) throw notFound('trang tờ khai');
    return { p, total: pages.length, here: `${o.base}/to-khai/${p.n}` };
  };

  app.get('/nop-ho-so/:id/to-khai/:n', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    const { p, total, here } = formPage(o, str((req.params as Record<string, unknown>).n));
    return sendPage(reply, <FormStepPage proc={o.proc} draftId={o.draft.id} csrf={csrfToken(reply)} page={p} total={total}
      values={o.draft.data.form?.[p.component.code] ?? {}} back={previousStep(o, here)} returnToCheck={returnsToCheck(req)} />);
  });

  app.post('/nop-ho-so/:id/to-khai/:n', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
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
    const o = await openOwnDraft(deps, req, reply);
    return o ? showFiles(deps, reply, o) : reply;
  });

  app.post('/nop-ho-so/:id/giay-to', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    const files = await draftFiles(deps.db, o.draft.id);
    const errors = papersOf(o)
      .filter((c) => c.required && !files.some((f) => f.component_code === c.code))
      .map((c) => ({ field: `file-${c.code}`, message: `Tải lên ${lcFirst(c.name)}` }));
    if (errors.length) return showFiles(deps, reply, o, errors, 400);
    await updateDraft(deps.db, o.draft, deps.now(), (d) => markSeen(d, 'giay-to'));
    return reply.redirect(`${o.base}/kiem-tra`, 303);
  });

  app.post('/nop-ho-so/:id/giay-to/xoa', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    const fileId = str(bodyOf(req).tep);
    if (/^\d{1,15}$/.test(fileId)) await removeDraftFile(deps.db, o.draft, Number(fileId), deps.now());
    return reply.redirect(`${o.base}/giay-to`, 303);
  });

  app.post('/nop-ho-so/:id/giay-to/:component', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    const code = str((req.params as Record<string, unknown>).component);
    const c = papersOf(o).find((x) => x.code === code);
    if (!c) throw notFound('thành phần hồ sơ');
    const field = `file-${c.code}`;
    const up = await readUpload(req, lcFirst(c.name));
    if (!up.file) return showFiles(deps, reply, o, [{ field, message: up.error ?? 'Chọn tệp để tải lên' }], 400);
    // The digitisation guide's checks at once (resolution, colour, pages): an error refuses the file, a warning is kept
    // with it and shown next to it (what is already there stays).
    const findings = await precheckScan(up.file.content, c, deps.now());
    const refusedBy = findings.filter((x) => x.severity === 'error');
    if (refusedBy.length) {
      return showFiles(deps, reply, o, [{ field, message: `Tệp “${up.file.name}” chưa dùng được: ${refusedBy.map((x) => lcFirst(x.message)).join(' ')}` }], 400);
    }
    const warnings = findings.filter((x) => x.severity === 'warning').map((x) => x.message);
    const added = await addDraftFile(deps.db, o.draft, c.code, up.file.name, up.file.content, up.file.type, deps.now(), warnings);
    if (!added) return showFiles(deps, reply, o, [{ field, message: 'Hồ sơ đã có quá nhiều tệp; hãy xóa bớt tệp không cần thiết' }], 400);
    return reply.redirect(`${o.base}/giay-to#${field}`, 303);
  });

  // "Dùng giấy tờ đã có trong kho": an item of the citizen's own store as the component's file (no upload). Choosing
  // the same item again changes nothing (the choice replaces the component's earlier one), so a repeated POST is safe.
  app.post('/nop-ho-so/:id/giay-to/:component/kho', page, async (req, reply) => {
    const o = await openOwnDraft(deps, req, reply);
    if (!o) return reply;
    const code = str((req.params as Record<string, unknown>).component);
    const c = storeComponents(o).find((x) => x.code === code && x.accepts?.length);
    if (!c) throw notFound('thành phần hồ sơ');
    const field = `kho-${c.code}`;
    const itemId = str(bodyOf(req).giay_to);
    if (!o.citizen) return showFiles(deps, reply, o, [{ field: `file-${c.code}`, message: 'Đăng nhập bằng định danh điện tử để dùng giấy tờ trong kho dữ liệu của bạn' }], 403);
    if (!/^\d{1,15}$/.test(itemId)) return showFiles(deps, reply, o, [{ field, message: 'Chọn một giấy tờ trong kho' }], 400);
    const r = await chooseStoreItem(deps.db, o.draft, c, o.citizen.idNumber, Number(itemId), deps.now());
    if (r === false) return reply.redirect(o.base, 303);
    if (r) return showFiles(deps, reply, o, [{ field, message: r.title }], r.status === 404 ? 404 : 409);
    return reply.redirect(`${o.base}/giay-to#file-${c.code}`, 303);
  });
}
