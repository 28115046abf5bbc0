// The counter scan's second step and its ways on: POST the arrangement of page images (order, rotation) → one master
// PDF, judged and queued (src/digitisation/intake.ts); GET the preview of an uploaded page (signed link, the officer's
// own upload only); POST "Thử lại" on a failed storage copy; the suggestion to fill the declaration from a done scan
// (ocr-prefill-routes.tsx). Every POST is CSRF-checked (the form's token) and runs
// once under its one-time key (onceForm).
import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { Problem, forbidden, notFound } from '../../http/problem.ts';
import { hasRole, principalKey, type Principal } from '../../identity/core/principal.ts';
import { procedureVersion } from '../../catalogue/store.ts';
import { logAccess, type DossierRow } from '../../dossiers/store.ts';
import { arrangePages, pageRef } from '../../digitisation/core/arrange.ts';
import { assembleStored, measureUpload, storeScan } from '../../digitisation/intake.ts';
import { jobOfDossier, retryFailed, sourceContent } from '../../digitisation/store.ts';
import { verifyPage, verifyPending } from '../../digitisation/pending.ts';
import { shortDescription } from '../../digitisation/core/naming.ts';
import type { FieldError } from '../components.tsx';
import { UUID, formOf, isFormProblem, onceForm, staffOrLoginTo, staffPage, str, type Form } from './common.tsx';
import { expectedPagesOf } from './upload-form.tsx';
import { cleanFileName } from '../../dossiers/uploads.ts';
import { ArrangePage } from './scan-arrange.tsx';
import { UPLOAD_ROLES, renderDossier, visible } from './dossier-routes.tsx';
import { staffOrLogin } from './guard.ts';
import { ocrPrefillRoutes } from './ocr-prefill-routes.tsx';

/** Every value of a repeated field, empty ones kept (the page inputs line up by position). */
const each = (f: Form, name: string): string[] => {
  const v = f[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
};

const SHA = /^[0-9a-f]{64}$/;

async function officer(deps: Deps, req: FastifyRequest, reply: Parameters<typeof staffOrLoginTo>[1], id: string): Promise<{ p: Principal; row: DossierRow } | null> {
  const p = staffOrLoginTo(req, reply, UUID.test(id) ? `/can-bo/ho-so/${id}` : '/can-bo/ho-so');
  if (!p) return null;
  if (!hasRole(p, ...UPLOAD_ROLES)) throw forbidden();
  return { p, row: await visible(deps, p, id) };
}

export async function scanRoutes(app: App, deps: Deps) {
  app.post('/can-bo/ho-so/:id/tep/sap-xep', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    const who = await officer(deps, req, reply, id);
    if (!who) return reply;
    const { p, row } = who;
    const form = formOf(req);
    const component = str(form, 'component');
    const shas = each(form, 'page');
    const by = principalKey(p);
    if (!shas.length || !shas.every((s) => SHA.test(s)) || !verifyPending({ dossierId: row.id, component, by, pages: shas }, str(form, 'sig'))) {
      throw new Problem(400, 'SCAN_PAGES_INVALID', 'Biểu mẫu sắp xếp trang không hợp lệ. Hãy tải các ảnh trang lên lại.');
    }
    const proc = await procedureVersion(deps.db, row.procedure_code, row.procedure_version);
    const c = proc?.components.find((x) => x.code === component);
    if (!c) throw new Problem(422, 'UNKNOWN_COMPONENT', 'Thủ tục này không có thành phần hồ sơ được chọn.');
    const expectedPages = expectedPagesOf(str(form, 'expectedPages')) ?? undefined;
    const orders = each(form, 'order'), rotations = each(form, 'rotate');
    const names = shas.map((_s, i) => cleanFileName(each(form, 'pageName')[i] || `Ảnh ${i + 1}`));
    const again = (errors: FieldError[], status: number) => staffPage(reply, p, `Sắp xếp, xoay trang: ${c.name}`, (csrf) => (
      <ArrangePage dossierId={row.id} dossierName={row.code ?? row.reference} component={c} by={by} signature={str(form, 'sig')}
        pages={shas.map((sha256, i) => ({ sha256, fileName: names[i]! }))} expectedPages={expectedPages}
        values={{ orders, rotations }} errors={errors} csrf={csrf} />
    ), { status, back: { href: `/can-bo/ho-so/${row.id}#tp-${component}`, label: 'Hồ sơ' } });

    const arranged = arrangePages(shas.length, orders, rotations);
    if (!arranged.ok) return again(arranged.errors.map((e) => ({ field: `order-${e.index}`, message: e.message })), 422);
    const pages = arranged.pages.map((x) => ({ sha256: shas[x.index]!, rotate: x.rotate }));
    let pdf: Buffer;
    try {
      pdf = await assembleStored(deps.db, pages); // before the transaction: img2pdf runs in a child process
    } catch {
      return again([{ field: 'order-0', message: 'Không ghép được các ảnh thành tệp PDF: có ảnh bị hỏng hoặc không đọc được. Hãy quét lại.' }], 422);
    }
    const facts = await measureUpload(pdf, 'application/pdf');
    const fileName = `BanQuet_${shortDescription(c.name)}_${pages.length}trang.pdf`;
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        const r = await storeScan(trx, {
          dossier: { id: row.id, procedureCode: row.procedure_code }, component: c, content: pdf, type: 'application/pdf', fileName,
          source: 'scan', facts, expectedPages, pages: pages.map((x) => pageRef(x.sha256, x.rotate)),
          by: p, uploadedBy: p.kind === 'staff' ? p.id : null, now: deps.now(),
        });
        return { status: 201, body: { id: r.file.id, jobId: r.job.jobId } };
      }, str(form, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return again([{ field: 'order-0', message: e.title }], e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${row.id}?ok=upload&tp=${component}#tp-${component}`, 303);
  });

  app.get('/can-bo/ho-so/:id/tep/trang/:sha', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const { id, sha } = req.params as { id: string; sha: string };
    const sig = String((req.query as Record<string, unknown>).sig ?? '');
    const row = await visible(deps, p, id);
    if (!SHA.test(sha) || !verifyPage(row.id, principalKey(p), sha, sig)) throw notFound('ảnh trang');
    const f = await sourceContent(deps.db, sha);
    if (f.content_type !== 'image/jpeg' && f.content_type !== 'image/png') throw notFound('ảnh trang');
    await logAccess(deps.db, principalKey(p), 'view_scan_page', row.id, { sha256: sha });
    reply.header('Cache-Control', 'private, no-store');
    return reply.type(f.content_type).send(f.content);
  });

  app.post('/can-bo/ho-so/:id/so-hoa/:jobId/thu-lai', { schema: { hide: true } }, async (req, reply) => {
    const { id, jobId } = req.params as { id: string; jobId: string };
    const who = await officer(deps, req, reply, id);
    if (!who) return reply;
    const { p, row } = who;
    const job = /^\d{1,18}$/.test(jobId) ? await jobOfDossier(deps.db, row.id, jobId) : undefined;
    if (!job) throw notFound('bản số hóa');
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        if (!(await retryFailed(trx, row.id, jobId, deps.now()))) {
          throw new Problem(409, 'DIGITISATION_NOT_FAILED', 'Bản quét này không ở trạng thái lỗi: không cần thử lại.');
        }
        return { status: 200, body: { jobId } };
      }, str(formOf(req), '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return renderDossier(deps, reply, p, row, { uploadFailed: { component: job.component_code, errors: [{ field: `scan-${job.component_code}`, message: e.title }] } }, e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${row.id}?ok=scan_retry#tp-${job.component_code}`, 303);
  });

  await ocrPrefillRoutes(app, deps); // "Gợi ý điền tờ khai từ bản quét" of a done scan
}
