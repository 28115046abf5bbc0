// The dossier page and its forms: GET the page, POST an action (act() under the one-time form key, then 303
// back with ?ok=<action>; on a refusal from the service the page again with the error summary and the typed
// values), POST a scan of a component (multipart; source = scan): one PDF is stored, judged and queued at once (303
// back with ?ok=upload&tp=<component>: the scan's errors in the summary); page images go to the arrangement step
// (scan-routes.tsx).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { Problem, forbidden, notFound } from '../../http/problem.ts';
import { hasRole, type Principal } from '../../identity/core/principal.ts';
import { workCalendarFor } from '../../calendar/store.ts';
import { procedureVersion } from '../../catalogue/store.ts';
import { listStaff, listUnits } from '../../org/store.ts';
import { act, reviveProjection } from '../../dossiers/service.ts';
import { feeStatusOf } from '../../payments/service.ts';
import { dossierIdByName, events as eventsOf, loadDossier, type DossierRow } from '../../dossiers/store.ts';
import { isDossierCode, parseReference, signedResultOf } from '../../dossiers/core/index.ts';
import { dossierView } from '../../dossiers/view.ts';
import { putFile } from '../../dossiers/uploads.ts';
import { readScanUpload, refused } from './upload-form.tsx';
import { measureUpload, storeScan } from '../../digitisation/intake.ts';
import { jobsOfDossier } from '../../digitisation/store.ts';
import { maySeeIdentityImages } from '../../digitisation/core/sensitive.ts';
import { principalKey } from '../../identity/core/principal.ts';
import { signPending } from '../../digitisation/pending.ts';
import { ArrangePage } from './scan-arrange.tsx';
import { staffOrLogin } from './guard.ts';
import type { FieldError } from '../components.tsx';
import { UUID, dueLabel, formOf, isFormProblem, onceForm, q1, staffOrLoginTo, staffPage, str } from './common.tsx';
import { fieldId, formId, isPageAction, parseActionForm, type PageAction } from './action-forms.tsx';
import { DossierPage, type DossierPageProps } from './dossier-page.tsx';
import { ResultPanel } from './result-panel.tsx';
import { FeeLine } from './fee-line.tsx';
import { mayCorrect } from '../../dossiers/declaration-correction.ts';
import { mayPrepareResult } from '../../results/service.ts';
import { receiptDueLabel } from './dossier-list.tsx';
import { TransferSection, followedEvents } from './dossier-transfer.tsx';
import { provinceCommunes } from '../../dossiers/transfer-store.ts';

type Extra = Pick<DossierPageProps, 'ok' | 'failed' | 'uploadFailed' | 'scanned'>;

export const UPLOAD_ROLES = ['receiving_officer', 'specialist', 'unit_head'] as const;

/** A dossier the principal may see (scoped by the store), or 404 without revealing whether it exists. */
export async function visible(deps: Deps, p: Principal, id: string, alsoReceived = false): Promise<DossierRow> {
  const row = UUID.test(id) ? await loadDossier(deps.db, p, id, false, alsoReceived) : undefined;
  if (!row) throw notFound('hồ sơ');
  return row;
}

export async function renderDossier(deps: Deps, reply: FastifyReply, p: Principal, row: DossierRow, extra: Extra = {}, status = 200) {
  // The receiving commune of a transferred dossier follows it (location-independent receipt, dossier-transfer.tsx).
  const follower = row.commune_id !== p.communeId;
  const logged = await eventsOf(deps.db, row.id);
  const events = follower ? followedEvents(logged) : logged;
  const now = deps.now();
  // The fee line is for who collects money (it links to the cash desk). The officers with their unit and roles (listStaff, scoped to the commune): the assignee and signer lists.
  const [view, proc, units, staff, cal, fee, jobs] = await Promise.all([
    dossierView(deps.db, p, row, { events: logged }),
    procedureVersion(deps.db, row.procedure_code, row.procedure_version),
    listUnits(deps.db, row.commune_id),
    listStaff(deps.db, p.communeId),
    workCalendarFor(deps.db, p.communeId),
    hasRole(p, 'receiving_officer') ? feeStatusOf(deps.db, row.id, now) : null,
    jobsOfDossier(deps.db, row.id),
  ]);
  const projection = reviveProjection(row.projection);
  const signed = signedResultOf(projection);
  const communes = view.allowedActions.includes('transfer_to_competent') ? await provinceCommunes(deps.db, p.communeId) : [];
  const due = view.state === 1 && view.receiptDueAt ? receiptDueLabel(new Date(view.receiptDueAt), now, cal) : dueLabel(view.state, view.dueAt, now, cal);
  return staffPage(reply, p, `Hồ sơ ${view.code ?? view.reference}`, (csrf) => (
    <DossierPage
      view={view} events={events} components={proc?.components ?? []} units={units} staff={staff} csrf={csrf}
      due={due} canCorrect={!follower && mayCorrect(p, row)} canUpload={!follower && hasRole(p, ...UPLOAD_ROLES)}
      canCollect={!follower && hasRole(p, 'receiving_officer')} {...extra} follower={follower} communes={communes}
      transfer={view.transfer && <TransferSection t={view.transfer} follower={follower} />}
      jobs={jobs.map((j) => ({ ...j, id: String(j.id) }))} maySeeIdentity={maySeeIdentityImages(p, row.current_unit_id)}
      fee={!follower && hasRole(p, 'receiving_officer') && <FeeLine fee={fee} />}
      result={!follower && (projection.proposal || signed) && (
        <ResultPanel dossierId={row.id} name={view.code ?? view.reference} hasProposal={!!projection.proposal} signed={signed ? { code: signed } : null}
          csrf={csrf} canPrepare={view.state === 4 && mayPrepareResult(p)} />
      )}
    />
  ), { status, back: { href: '/can-bo/ho-so', label: 'Danh sách hồ sơ' } });
}

/** Which field a service refusal concerns, when it concerns one. */
const FIELD_OF_CODE: Record<string, string> = {
  UNKNOWN_UNIT: 'unitCode', HANDOVER_TO_SAME: 'unitCode', UNKNOWN_ASSIGNEE: 'assigneeId', NEW_DUE_NOT_LATER: 'newDueAt',
  EXTENSION_TOO_LATE: 'newDueAt', UNKNOWN_SIGNER: 'signerId', SIGNER_IS_PROPOSER: 'signerId',
  ONLINE_RETURN_NEEDS_SIGNED_RESULT: 'channel', UNKNOWN_TIME_CASE: 'timeCase', TIME_CASE_UNCHANGED: 'timeCase',
  TIME_CASE_AFTER_EXTENSION: 'timeCase', TRANSFER_TO_OWN_COMMUNE: 'communeId', UNKNOWN_COMMUNE: 'communeId',
};

export async function dossierPages(app: App, deps: Deps) {
  app.get('/can-bo/ho-so/:id', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const key = (req.params as { id: string }).id;
    // A dossier named by its code or its reference (as the citizen reads it out at the counter) opens at its id.
    const reference = UUID.test(key) ? null : parseReference(key);
    // …or by the code it carries in the system it came from (mã hồ sơ khác).
    if (!UUID.test(key)) {
      const named = reference ? { reference } : isDossierCode(key) ? { code: key } : null;
      const id = (named && (await dossierIdByName(deps.db, p, named)))
        || (key.length <= 60 ? await dossierIdByName(deps.db, p, { externalCode: key }) : undefined);
      if (!id) throw notFound('hồ sơ');
      return reply.redirect(`/can-bo/ho-so/${id}`, 303);
    }
    const row = await visible(deps, p, key, true);
    const ok = q1(req, 'ok');
    const tp = q1(req, 'tp');
    return renderDossier(deps, reply, p, row, {
      ok: /^[a-z_]{1,40}$/.test(ok) ? ok : undefined, scanned: ok === 'upload' && /^[A-Z0-9_]{1,40}$/.test(tp) ? tp : undefined,
    });
  });

  app.post('/can-bo/ho-so/:id/thao-tac/:action', { schema: { hide: true } }, async (req, reply) => {
    const { id, action } = req.params as { id: string; action: string };
    const p = staffOrLoginTo(req, reply, UUID.test(id) ? `/can-bo/ho-so/${id}` : '/can-bo/ho-so');
    if (!p) return reply;
    if (!isPageAction(action) || !UUID.test(id)) throw notFound('thao tác');
    const type: PageAction = action;
    const form = formOf(req);
    const { payload, errors } = parseActionForm(type, form);
    const failed = async (errs: FieldError[], status: number) =>
      renderDossier(deps, reply, p, await visible(deps, p, id, true), { failed: { action: type, values: form, errors: errs } }, status);
    if (errors.length) return failed(errors, 422);
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        const w = await act(trx, p, id, type, payload, deps.now(), deps);
        return { status: 200, body: { id: w.row.id, state: w.row.state } };
      }, str(form, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      const field = FIELD_OF_CODE[e.code];
      return failed([{ field: field ? fieldId(type, field) : formId(type), message: e.title }], e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${id}?ok=${type}`, 303);
  });

  app.post('/can-bo/ho-so/:id/tep', {
    schema: { hide: true },
    // The multipart body is read by the handler, after the CSRF check: the form puts its token in the URL.
    preValidation: async (req: FastifyRequest) => {
      const token = q1(req, '_csrf');
      if (token && !req.headers['x-csrf-token']) req.headers['x-csrf-token'] = token;
    },
  }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const p = staffOrLoginTo(req, reply, UUID.test(id) ? `/can-bo/ho-so/${id}` : '/can-bo/ho-so');
    if (!p) return reply;
    if (!hasRole(p, ...UPLOAD_ROLES)) throw forbidden();
    const row = await visible(deps, p, id);
    const component = q1(req, 'component');
    const fail = (message: string, status: number) =>
      renderDossier(deps, reply, p, row, { uploadFailed: { component, errors: [{ field: `file-${component}`, message }] } }, status);
    const proc = await procedureVersion(deps.db, row.procedure_code, row.procedure_version);
    const c = proc?.components.find((x) => x.code === component);
    if (!c) throw new Problem(422, 'UNKNOWN_COMPONENT', 'Thủ tục này không có thành phần hồ sơ được chọn.');
    const upload = await readScanUpload(req);
    if (refused(upload)) return fail(upload.message, upload.status);
    const { files, expectedPages } = upload;
    const by = principalKey(p);
    if (files[0]!.type !== 'application/pdf') {
      // Page images: kept as they came (content-addressed, encrypted), then ordered and turned on the next step.
      await deps.db.transaction().execute(async (trx) => { for (const f of files) await putFile(trx, f.content, f.type); });
      const pages = files.map((f) => ({ sha256: f.sha256, fileName: f.fileName }));
      const signature = signPending({ dossierId: row.id, component, by, pages: pages.map((x) => x.sha256) });
      return staffPage(reply, p, `Sắp xếp, xoay trang: ${c.name}`, (csrf) => (
        <ArrangePage dossierId={row.id} dossierName={row.code ?? row.reference} component={c} by={by} pages={pages} signature={signature}
          expectedPages={expectedPages} csrf={csrf} />
      ), { back: { href: `/can-bo/ho-so/${row.id}#tp-${component}`, label: 'Hồ sơ' } });
    }
    const { content, fileName, type, sha256 } = files[0]!;
    const facts = await measureUpload(content, type); // before the transaction: poppler runs in a child process
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        const r = await storeScan(trx, {
          dossier: { id: row.id, procedureCode: row.procedure_code }, component: c, content, type, fileName, source: 'scan', facts,
          expectedPages, by: p, uploadedBy: p.kind === 'staff' ? p.id : null, now: deps.now(),
        });
        return { status: 201, body: { id: r.file.id, jobId: r.job.jobId } };
      }, q1(req, 'key'), { component, fileName, sha256, expectedPages });
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return fail(e.title, e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${row.id}?ok=upload&tp=${component}#tp-${component}`, 303);
  });

}
