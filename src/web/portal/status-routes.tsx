// /tra-cuu: the status page by dossier code (or reference) + second factor, and what the citizen can do there: upload a
// supplement and send it (act … 'supplement_provided', as the citizen), or withdraw the dossier.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import { Problem, notFound } from '../../http/problem.ts';
import { procedureVersion } from '../../catalogue/store.ts';
import { archivedLog, publicTimeline, type PublicDossier } from '../../dossiers/public.ts';
import { act } from '../../dossiers/service.ts';
import { feeStatusOf } from '../../payments/service.ts';
import { draftForApplicant, signedResult } from '../../results/service.ts';
import { idNumberOf } from '../../dossiers/store.ts';
import { applicantUploadsSince } from '../../dossiers/files-store.ts';
import { attachFile, putFile } from '../../dossiers/uploads.ts';
import type { ActionType } from '../../dossiers/core/index.ts';
import { Button, CsrfField, ErrorSummary, TextArea, errorFor, type FieldError } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { csrfToken, sendPage } from '../render.tsx';
import { bodyOf, page, queryOf, str, titled } from './common.ts';
import { lookup, provenDossier } from './lookup.ts';
import { addProof } from './proof.ts';
import { LookupPage, StatusPage } from './status-view.tsx';
import { draftWaiting } from './draft-section.tsx';
import { lastSupplementRequest } from './timeline.ts';
import { readUpload } from './upload.ts';

const LOOKUP_INTRO = 'Nhập mã hồ sơ (hoặc mã tra cứu nhận được khi nộp trực tuyến) và 4 số cuối số định danh cá nhân của người nộp hồ sơ để xem tình trạng giải quyết. Hồ sơ nộp tại quầy không có số định danh cá nhân thì dùng 4 số cuối số điện thoại ghi trên Giấy tiếp nhận.';
const DONE: Record<string, string> = {
  'bo-sung': 'Đã gửi hồ sơ bổ sung. Hồ sơ tiếp tục được giải quyết.',
  'tai-len': 'Đã tải lên tệp. Khi đã tải lên đủ giấy tờ, hãy bấm “Gửi hồ sơ bổ sung”.',
  'rut-ho-so': 'Đã rút hồ sơ.',
  'xac-nhan-du-thao': 'Đã xác nhận dự thảo kết quả. Hồ sơ được trình ký.',
  'sua-du-thao': 'Đã gửi đề nghị sửa dự thảo kết quả. Cán bộ sẽ sửa và gửi lại dự thảo để bạn kiểm tra.',
};

async function pendingFiles(deps: Deps, d: PublicDossier, since: Date | undefined) {
  if (d.state !== 5 || !since) return [];
  return applicantUploadsSince(deps.db, d.id, since); // both DB clocks: the request's recorded_at and the upload's uploaded_at
}

async function showStatus(deps: Deps, req: FastifyRequest, reply: FastifyReply, d: PublicDossier, errors?: FieldError[], status = 200) {
  const events = await publicTimeline(deps.db, d.id);
  const proc = await procedureVersion(deps.db, d.procedureCode, d.procedureVersion);
  const pending = await pendingFiles(deps, d, lastSupplementRequest(events)?.recordedAt);
  const done = DONE[str(queryOf(req).xong)] ?? null;
  const fee = await feeStatusOf(deps.db, d.id, deps.now());
  const signed = await signedResult(deps.db, d.id);
  const archived = events.length ? null : await archivedLog(deps.db, d.dossierMonth); // its month went to the archive
  return sendPage(reply, <StatusPage d={d} events={events} archived={archived} proc={proc} csrf={csrfToken(reply)} pending={pending} errors={errors} done={errors ? null : done} fee={fee} signedCode={signed?.code ?? null} />, status);
}

/** Runs a citizen action on their dossier in one transaction (the applicant's ID number is read here, never shown).
 *  The citizen acts by their ID number (dossiers/service.ts citizenActor): a dossier received without one (looked
 *  up by the phone's last 4 digits) is supplemented or withdrawn at the counter. */
async function citizenAct(deps: Deps, d: PublicDossier, type: ActionType, payload: Record<string, unknown>) {
  await deps.db.transaction().execute(async (trx) => {
    const idNumber = await idNumberOf(trx, d.id);
    if (!idNumber) {
      throw new Problem(403, 'NOT_YOUR_DOSSIER', 'Hồ sơ không có số định danh cá nhân của người nộp nên không bổ sung hoặc rút trực tuyến được. Vui lòng liên hệ Trung tâm Phục vụ hành chính công xã.');
    }
    await act(trx, { citizen: idNumber }, d.id, type, payload, deps.now());
  });
}

const problemAsError = (e: unknown, field: string): FieldError[] => {
  if (e instanceof Problem && e.status < 500) return [{ field, message: e.title }];
  throw e;
};

export async function statusRoutes(app: App, deps: Deps) {
  app.get('/tra-cuu', page, async (req, reply) =>
    sendPage(reply, <LookupPage title="Tra cứu hồ sơ" intro={LOOKUP_INTRO} action="/tra-cuu" code={str(queryOf(req).ma).slice(0, 60)} csrf={csrfToken(reply)} />),
  );

  app.post('/tra-cuu', page, async (req, reply) => {
    const r = await lookup(deps.db, bodyOf(req), deps.now());
    if (!r.ok) {
      return sendPage(reply, <LookupPage title="Tra cứu hồ sơ" intro={LOOKUP_INTRO} action="/tra-cuu" code={r.code} csrf={csrfToken(reply)} errors={r.errors} />, r.status);
    }
    addProof(req, reply, r.dossier.id);
    return reply.redirect(`/tra-cuu/ho-so/${r.dossier.id}`, 303);
  });

  app.get('/tra-cuu/ho-so/:id', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    // The page's reads go to the replica (Deps.readDb), except right after the citizen's own action (?xong=…).
    return d ? showStatus(str(queryOf(req).xong) ? deps : { ...deps, db: deps.readDb }, req, reply, d) : reply;
  });

  // Supplement, step 1: one file per upload, attached at once as uploaded by the applicant.
  app.post('/tra-cuu/ho-so/:id/bo-sung/tep', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    const up = await readUpload(req, 'giấy tờ bổ sung');
    if (d.state !== 5) return showStatus(deps, req, reply, d, [{ field: 'tep', message: 'Hồ sơ hiện không ở trạng thái chờ bổ sung.' }], 409);
    if (!up.file) return showStatus(deps, req, reply, d, [{ field: 'tep', message: up.error ?? 'Chọn tệp để tải lên' }], 400);
    const proc = await procedureVersion(deps.db, d.procedureCode, d.procedureVersion);
    const component = [...(proc?.components.map((c) => c.code) ?? []), 'BO_SUNG'].includes(up.fields.thanh_phan ?? '') ? up.fields.thanh_phan! : 'BO_SUNG';
    const file = up.file;
    await deps.db.transaction().execute(async (trx) => {
      const sha256 = await putFile(trx, file.content, file.type);
      await attachFile(trx, { dossierId: d.id, componentCode: component, fileName: file.name, sha256, source: 'upload', uploadedBy: null, at: deps.now() });
    });
    return reply.redirect(`/tra-cuu/ho-so/${d.id}?xong=tai-len#bo-sung`, 303);
  });

  // Supplement, step 2: the dossier goes back to processing (or to receipt), recorded as the citizen's action.
  app.post('/tra-cuu/ho-so/:id/bo-sung', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    const note = str(bodyOf(req).ghi_chu).trim();
    if (note.length > 4000) return showStatus(deps, req, reply, d, [{ field: 'ghi_chu', message: 'Ghi chú không được dài quá 4000 ký tự' }], 400);
    const events = await publicTimeline(deps.db, d.id);
    const pending = await pendingFiles(deps, d, lastSupplementRequest(events)?.recordedAt);
    if (d.state === 5 && !pending.length && !note) {
      return showStatus(deps, req, reply, d, [{ field: 'tep', message: 'Tải lên ít nhất một tệp hoặc ghi rõ nội dung bổ sung trước khi gửi' }], 400);
    }
    try {
      await citizenAct(deps, d, 'supplement_provided', note ? { note } : {});
    } catch (e) {
      return showStatus(deps, req, reply, d, problemAsError(e, 'tep'), 409);
    }
    return reply.redirect(`/tra-cuu/ho-so/${d.id}?xong=bo-sung`, 303);
  });

  // The draft e-certificate (online civil-status registration): read it, confirm it, or ask for a correction.
  app.get('/tra-cuu/ho-so/:id/du-thao.pdf', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    if (!draftWaiting(d)) throw notFound('dự thảo kết quả');
    const r = await draftForApplicant(deps.db, d.id, deps.now(), `applicant:${d.id}`);
    return reply.type('application/pdf').header('content-disposition', `inline; filename="${r.fileName}"`).header('cache-control', 'no-store').send(r.pdf);
  });

  app.post('/tra-cuu/ho-so/:id/du-thao/xac-nhan', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    try {
      await citizenAct(deps, d, 'confirm_draft', {});
    } catch (e) {
      return showStatus(deps, req, reply, d, problemAsError(e, 'du-thao'), 409);
    }
    return reply.redirect(`/tra-cuu/ho-so/${d.id}?xong=xac-nhan-du-thao`, 303);
  });

  app.post('/tra-cuu/ho-so/:id/du-thao/sua', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    const reason = str(bodyOf(req).noi_dung_sua).trim();
    if (!reason || reason.length > 4000) {
      const message = reason ? 'Nội dung cần sửa không được dài quá 4000 ký tự' : 'Ghi rõ thông tin cần sửa trong dự thảo';
      return showStatus(deps, req, reply, d, [{ field: 'noi_dung_sua', message }], 400);
    }
    try {
      await citizenAct(deps, d, 'request_draft_correction', { reason });
    } catch (e) {
      return showStatus(deps, req, reply, d, problemAsError(e, 'noi_dung_sua'), 409);
    }
    return reply.redirect(`/tra-cuu/ho-so/${d.id}?xong=sua-du-thao`, 303);
  });

  app.get('/tra-cuu/ho-so/:id/rut-ho-so', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    return d ? sendPage(reply, <WithdrawPage d={d} csrf={csrfToken(reply)} />) : reply;
  });

  app.post('/tra-cuu/ho-so/:id/rut-ho-so', page, async (req, reply) => {
    const d = await provenDossier(deps.db, req, reply, '/tra-cuu');
    if (!d) return reply;
    const reason = str(bodyOf(req).ly_do).trim();
    if (reason.length > 4000) {
      return sendPage(reply, <WithdrawPage d={d} csrf={csrfToken(reply)} reason={reason} errors={[{ field: 'ly_do', message: 'Lý do không được dài quá 4000 ký tự' }]} />, 400);
    }
    try {
      await citizenAct(deps, d, 'withdraw', reason ? { reason } : {});
    } catch (e) {
      return sendPage(reply, <WithdrawPage d={d} csrf={csrfToken(reply)} reason={reason} errors={problemAsError(e, 'ly_do')} />, 409);
    }
    return reply.redirect(`/tra-cuu/ho-so/${d.id}?xong=rut-ho-so`, 303);
  });
}

function WithdrawPage({ d, csrf, reason, errors }: { d: PublicDossier; csrf: string; reason?: string; errors?: FieldError[] }) {
  return (
    <Layout title={titled('Rút hồ sơ', errors)} back={{ href: `/tra-cuu/ho-so/${d.id}`, label: 'Quay lại tình trạng hồ sơ' }}>
      <ErrorSummary errors={errors ?? []} />
      <h1>Bạn có chắc muốn rút hồ sơ?</h1>
      <p>Hồ sơ “{d.procedureName}” {d.code ? `mã ${d.code}` : `mã tra cứu ${d.reference}`} sẽ dừng giải quyết và không thể tiếp tục. Nếu cần, bạn phải nộp hồ sơ mới.</p>
      <form method="post" action={`/tra-cuu/ho-so/${d.id}/rut-ho-so`} novalidate>
        <CsrfField token={csrf} />
        <TextArea name="ly_do" label="Lý do rút hồ sơ" value={reason} error={errorFor(errors, 'ly_do')} />
        <Button variant="warning">Rút hồ sơ</Button>
      </form>
      <p><a href={`/tra-cuu/ho-so/${d.id}`}>Không, quay lại</a></p>
    </Layout>
  );
}
