// Staff pages of the PAR self-assessment (Chỉ số CCHC), under /can-bo/cchc/chi-so: the years, the index template,
// the tree of a year, one sub-criterion (self-score, evidence, appraisal, dialogue) and the year-over-year
// comparison. The forms run the same service functions as the API (src/par/service.ts), once per form key.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import type { App, Deps } from '../../../http/deps.ts';
import type { Database } from '../../../db/schema.ts';
import { forbidden, type Problem } from '../../../http/problem.ts';
import { hasRole, type Principal } from '../../../identity/core/principal.ts';
import { putFile } from '../../../dossiers/uploads.ts';
import { addEvidence, appraise, createAssessment, finalize, isCoordinator, refreshAuto, respond, selfScore, selfScoreScope, submit } from '../../../par/service.ts';
import { listAssessments, logOf } from '../../../par/store.ts';
import { ensureTemplates } from '../../../par/templates.ts';
import { assessmentView, findItemView } from '../../../par/view.ts';
import { Button, CsrfField, ErrorSummary, type FieldError } from '../../components.tsx';
import { Input } from '../../fields.tsx';
import { staffOrLogin } from '../guard.ts';
import { KeyField, formOf, isFormProblem, onceForm, q1, staffOrLoginTo, staffPage, str } from '../common.tsx';
import { comparisonPage, importFromForm, templatePage } from './pages.tsx';
import { BASE, ItemBody, StatusTag, TreeBody } from './views.tsx';
import { readUpload, refused } from '../upload-form.tsx';

const HUB = { href: '/can-bo/cchc', label: 'Cải cách hành chính' };
const yearOf = (s: string) => (/^\d{4}$/.test(s) ? Number(s) : null);
const CODE = /^[0-9A-Za-z.]{1,20}$/;
type Work = (trx: Transaction<Database>) => Promise<unknown>;

const notFoundPage = (reply: FastifyReply, p: Principal, what: string) =>
  staffPage(reply, p, 'Không tìm thấy', () => <><h1>Không tìm thấy {what}</h1><p><a href={BASE}>Chỉ số CCHC</a></p></>, { status: 404 });

/** Parses "7,5" or "7.5" (Vietnamese decimal comma accepted). */
const num = (s: string) => (s === '' ? NaN : Number(s.replace(',', '.')));

async function listPage(deps: Deps, reply: FastifyReply, p: Principal, errors: FieldError[] = [], status = 200) {
  const rows = await listAssessments(deps.db, p.communeId);
  const current = Number(new Date(+deps.now() + 7 * 3600_000).toISOString().slice(0, 4));
  return staffPage(reply, p, 'Chỉ số cải cách hành chính', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Chỉ số cải cách hành chính</h1>
      <p>Tự chấm điểm theo bộ chỉ số của tỉnh, kèm tài liệu kiểm chứng; thẩm định, giải trình và kết quả cuối cùng.</p>
      <ul>
        <li><a href={`${BASE}/bo-chi-so`}>Bộ chỉ số đang áp dụng</a></li>
        <li><a href={`${BASE}/so-sanh?nam=${rows[0]?.year ?? current}`}>So sánh giữa các năm</a></li>
      </ul>
      {!rows.length ? <p>Chưa có năm nào.</p> : (
        <ul>{rows.map((a) => <li><a href={`${BASE}/${a.year}`}>Năm {a.year}</a> <StatusTag status={a.status} /></li>)}</ul>
      )}
      {isCoordinator(p) && (
        <form method="post" action={BASE} class="action-form" id="form-create">
          <CsrfField token={csrf} /><KeyField />
          <h2>Mở kỳ tự chấm điểm</h2>
          <Input id="year" name="year" label="Năm" value={current} inputmode="numeric" required short />
          <Button>Mở kỳ tự chấm điểm</Button>
        </form>
      )}
    </>
  ), { status, back: HUB });
}

async function treePage(deps: Deps, reply: FastifyReply, p: Principal, year: number, notice?: string, errors: FieldError[] = [], status = 200) {
  const v = await assessmentView(deps.db, p, { year });
  if (!v) return notFoundPage(reply, p, `bộ chấm điểm năm ${year}`);
  return staffPage(reply, p, `Chỉ số CCHC năm ${year}`, (csrf) => <><ErrorSummary errors={errors} /><TreeBody v={v} csrf={csrf} notice={notice} /></>, { status, back: { href: BASE, label: 'Chỉ số CCHC' } });
}

async function itemPage(deps: Deps, reply: FastifyReply, p: Principal, year: number, code: string, errors: FieldError[] = [], status = 200) {
  const v = await assessmentView(deps.db, p, { year });
  const found = v && findItemView(v, code);
  if (!v || !found) return notFoundPage(reply, p, 'tiêu chí thành phần');
  const scope = selfScoreScope(p);
  const own = !!scope && (scope.unitId === undefined || scope.unitId === found.item.unitId);
  const log = await logOf(deps.db, p.communeId, v.assessment.id, code);
  return staffPage(reply, p, `Tiêu chí ${code} năm ${year}`, (csrf) => (
    <ItemBody v={v} item={found.item} log={log} csrf={csrf} errors={errors}
      can={{ respond: own && v.assessment.status === 'submitted', evidence: own && v.assessment.status !== 'final' }} />
  ), { status, back: { href: `${BASE}/${year}`, label: `Chỉ số CCHC năm ${year}` } });
}

export async function parPages(app: App, deps: Deps) {
  /** Runs a form's change once, or re-renders `fail` with the problem in the error summary. */
  const run = async (req: FastifyRequest, reply: FastifyReply, p: Principal, work: Work, fail: (e: FieldError[], status: number) => unknown, key = str(formOf(req), '_key'), content?: unknown) => {
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        await work(trx);
        return { status: 200, body: null };
      }, key, content);
      return true;
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      await fail([{ field: (e as Problem & { field?: string }).field ?? 'main', message: e.title }], e.status);
      return false;
    }
  };
  const withId = async (p: Principal, year: number) => (await assessmentView(deps.db, p, { year }))?.assessment.id;

  app.get(BASE, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return listPage(deps, reply, p);
  });

  app.post(BASE, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLoginTo(req, reply, BASE);
    if (!p) return reply;
    const year = yearOf(str(formOf(req), 'year'));
    if (!year) return listPage(deps, reply, p, [{ field: 'year', message: 'Năm phải gồm 4 chữ số.' }], 422);
    await ensureTemplates(deps.db);
    const ok = await run(req, reply, p, (trx) => createAssessment(deps.db, trx, p, year, deps.now()), (e, s) => listPage(deps, reply, p, e.map((x) => ({ ...x, field: 'year' })), s));
    return ok ? reply.redirect(`${BASE}/${year}`, 303) : reply;
  });

  app.get(`${BASE}/bo-chi-so`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    await ensureTemplates(deps.db);
    return templatePage(deps, reply, p, Number(q1(req, 'id')) || undefined);
  });

  app.post(`${BASE}/bo-chi-so`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLoginTo(req, reply, `${BASE}/bo-chi-so`);
    if (!p) return reply;
    if (!hasRole(p, 'admin')) throw forbidden('Chỉ quản trị hệ thống nạp bộ chỉ số.');
    return importFromForm(deps, req, reply, p);
  });

  app.get(`${BASE}/so-sanh`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const year = yearOf(q1(req, 'nam')) ?? Number(new Date(+deps.now() + 7 * 3600_000).toISOString().slice(0, 4));
    return comparisonPage(deps, reply, p, year);
  });

  app.get(`${BASE}/:year`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const year = yearOf((req.params as { year: string }).year);
    return year ? treePage(deps, reply, p, year, q1(req, 'ok') ? 'Đã lưu.' : undefined) : notFoundPage(reply, p, 'trang');
  });

  const steps: Record<string, (trx: Transaction<Database>, p: Principal, id: string) => Promise<unknown>> = {
    gui: (trx, p, id) => submit(trx, p, id, deps.now()),
    'cap-nhat': (trx, p, id) => refreshAuto(deps.db, trx, p, id, deps.now()),
    'cong-bo': (trx, p, id) => finalize(trx, p, id, deps.now()),
  };
  app.post(`${BASE}/:year/:step`, { schema: { hide: true } }, async (req, reply) => {
    const { year: y, step } = req.params as { year: string; step: string };
    const year = yearOf(y);
    const p = staffOrLoginTo(req, reply, year ? `${BASE}/${year}` : BASE);
    if (!p) return reply;
    const id = year ? await withId(p, year) : undefined;
    const fn = steps[step];
    if (!year || !id || !fn) return notFoundPage(reply, p, 'trang');
    const ok = await run(req, reply, p, (trx) => fn(trx, p, id), (e, s) => treePage(deps, reply, p, year, undefined, e, s));
    return ok ? reply.redirect(`${BASE}/${year}?ok=${step}`, 303) : reply;
  });

  app.get(`${BASE}/:year/tieu-chi/:code`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const { year: y, code } = req.params as { year: string; code: string };
    const year = yearOf(y);
    return year && CODE.test(code) ? itemPage(deps, reply, p, year, code) : notFoundPage(reply, p, 'trang');
  });

  const itemSteps: Record<string, { field: string; work: (trx: Transaction<Database>, p: Principal, id: string, code: string, f: ReturnType<typeof formOf>) => Promise<unknown> }> = {
    'tu-cham': { field: 'self-points', work: (trx, p, id, code, f) => selfScore(trx, p, id, code, { points: num(str(f, 'points')), note: str(f, 'note'), reason: str(f, 'reason') }, deps.now()) },
    'minh-chung': { field: 'evidence-note', work: (trx, p, id, code, f) => addEvidence(trx, p, id, code, { note: str(f, 'note') }, deps.now()) },
    'tham-dinh': { field: 'review-points', work: (trx, p, id, code, f) => appraise(trx, p, id, code, { points: num(str(f, 'points')), note: str(f, 'note') }, deps.now()) },
    'giai-trinh': { field: 'respond-text', work: (trx, p, id, code, f) => respond(trx, p, id, code, str(f, 'text'), deps.now()) },
  };

  app.post(`${BASE}/:year/tieu-chi/:code/:step`, {
    schema: { hide: true },
    // A multipart upload carries its CSRF token in the action URL (read before the body, as for dossier scans).
    preValidation: async (req: FastifyRequest) => {
      const token = q1(req, '_csrf');
      if (token && !req.headers['x-csrf-token']) req.headers['x-csrf-token'] = token;
    },
  }, async (req, reply) => {
    const { year: y, code, step } = req.params as { year: string; code: string; step: string };
    const year = yearOf(y);
    const page = year && CODE.test(code) ? `${BASE}/${year}/tieu-chi/${code}` : BASE;
    const p = staffOrLoginTo(req, reply, page);
    if (!p) return reply;
    const id = year && CODE.test(code) ? await withId(p, year) : undefined;
    if (!year || !id || !(step in itemSteps || step === 'tep')) return notFoundPage(reply, p, 'trang');
    const fail = (field: string) => (e: FieldError[], s: number) => itemPage(deps, reply, p, year, code, e.map((x) => ({ ...x, field })), s);
    let ok: boolean;
    if (step === 'tep') {
      const bad = (message: string, status: number) => fail('evidence-file')([{ field: 'evidence-file', message }], status);
      const upload = await readUpload(req);
      if (refused(upload)) return bad(upload.message, upload.status);
      const { content, fileName, type, sha256: sha } = upload;
      ok = await run(req, reply, p, async (trx) => addEvidence(trx, p, id, code, { sha256: await putFile(trx, content, type), fileName }, deps.now()),
        fail('evidence-file'), q1(req, 'key'), { code, fileName, sha });
    } else {
      const s = itemSteps[step]!;
      const f = formOf(req);
      ok = await run(req, reply, p, (trx) => s.work(trx, p, id, code, f), fail(s.field));
    }
    return ok ? reply.redirect(`${page}?ok=${step}`, 303) : reply;
  });
}

