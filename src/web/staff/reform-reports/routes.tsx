// Staff pages of the units' yearly CCHC plans and periodic reports (/can-bo/cchc/bao-cao): the calls with each
// unit's status (coordinator, leaders) or the unit's own submissions, opening a call, a call's page with the
// consolidated report's downloads, and a submission's page: its content form and evidence upload for the unit,
// the review forms (return with reasons, accept) for the coordinator, its log. Rules in src/reform/reports/service.ts.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { vnDate } from '../../../calendar/core/vn-time.ts';
import type { App, Deps } from '../../../http/deps.ts';
import { Problem } from '../../../http/problem.ts';
import { hasRole, type Principal } from '../../../identity/core/principal.ts';
import { AREAS, tasksFromLines, type ReportContent } from '../../../reform/reports/core/content.ts';
import { CALL_KINDS, KIND_LABEL, allowedActions, type CallKind } from '../../../reform/reports/core/status.ts';
import {
  addEvidence, callsWithReports, createCall, lateness, saveContent, seesAllReports, takeStep, visibleCall, visibleReport,
} from '../../../reform/reports/service.ts';
import { eventsOf, filesOf, type CallRow, type ReportRow } from '../../../reform/reports/store.ts';
import { ErrorSummary, SummaryList, type FieldError } from '../../components.tsx';
import { Table } from '../../fields.tsx';
import { fmtDate, fmtDateTime } from '../../../shared/format.ts';
import { staffOrLogin } from '../guard.ts';
import { Notice, UUID, formOf, isFormProblem, onceForm, q1, staffOrLoginTo, staffPage, str, type Form } from '../common.tsx';
import { readUpload, refused } from '../upload-form.tsx';
import {
  API, CallForm, ContentForm, ContentView, EVENT_LABEL, EvidenceForm, LIST, LateTag, ReviewForms, StatusTag, UnitTable,
  callHref, periodText, reportHref, type CallFormValues, type Late,
} from './views.tsx';

const NONE = '00000000-0000-0000-0000-000000000000';
const idOf = (req: FastifyRequest) => { const id = (req.params as { id: string }).id; return UUID.test(id) ? id : NONE; };
const back = { href: LIST, label: 'Báo cáo CCHC của đơn vị' };

async function lateMap(deps: Deps, items: { call: CallRow; reports: ReportRow[] }[]) {
  const m = new Map<string, Late>();
  for (const { call, reports } of items) for (const r of reports) m.set(r.id, await lateness(deps.db, call, r, deps.now()));
  return m;
}

async function showList(deps: Deps, reply: FastifyReply, p: Principal, v: CallFormValues = {}, errors: FieldError[] = [], status = 200) {
  const items = await callsWithReports(deps.db, p);
  const late = await lateMap(deps, items);
  const all = seesAllReports(p);
  const year = Number(vnDate(deps.now()).slice(0, 4));
  return staffPage(reply, p, 'Báo cáo CCHC của đơn vị', (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      <h1>Kế hoạch, báo cáo CCHC của các đơn vị</h1>
      <p>Các đơn vị gửi kế hoạch CCHC năm và báo cáo định kỳ, đột xuất về UBND xã qua Phòng Văn hóa - Xã hội (Kế hoạch CCHC xã, mục IV).</p>
      {!items.length && <p>Chưa có kỳ báo cáo nào.</p>}
      {all ? items.map(({ call, reports }) => (
        <section>
          <h2><a href={callHref(call.id)}>{call.title}</a></h2>
          <p>{periodText(call)}. Đã chấp nhận {reports.filter((r) => r.status === 'accepted').length}/{reports.length} đơn vị.</p>
          <UnitTable call={call} rows={reports} late={late} />
        </section>
      )) : items.length > 0 && (
        <Table caption="Báo cáo của đơn vị" head={['Kỳ báo cáo', 'Hạn nộp', 'Trạng thái']}>
          {items.flatMap(({ call, reports }) => reports.map((r) => (
            <tr>
              <td><a href={reportHref(r.id)}>{call.title}</a></td>
              <td>{fmtDate(call.due_date)}</td>
              <td><StatusTag s={r.status} /> <LateTag l={late.get(r.id)!} /></td>
            </tr>
          )))}
        </Table>
      )}
      {hasRole(p, 'cchc_coordinator') && <CallForm csrf={csrf} v={v} errors={errors} year={year} />}
    </>
  ), { status });
}

const num = (s: string) => (s && /^\d+$/.test(s) ? Number(s) : undefined);

async function showCall(deps: Deps, reply: FastifyReply, p: Principal, id: string) {
  const { call, reports } = await visibleCall(deps.db, p, id);
  const late = await lateMap(deps, [{ call, reports }]);
  const canDownload = hasRole(p, 'cchc_coordinator', 'leader');
  return staffPage(reply, p, call.title, () => (
    <>
      <h1>{call.title}</h1>
      <SummaryList rows={[
        { key: 'Loại', value: KIND_LABEL[call.kind] },
        { key: 'Hạn nộp', value: fmtDate(call.due_date) },
        ...(call.instructions ? [{ key: 'Hướng dẫn', value: call.instructions }] : []),
      ]} />
      <UnitTable call={call} rows={reports} late={late} />
      {canDownload && (
        <>
          <h2>Báo cáo tổng hợp của xã</h2>
          <p>Tổng hợp từ các báo cáo đã được chấp nhận và số liệu chỉ số hiện tại của hệ thống.</p>
          <ul>
            <li><a href={`${API}/calls/${call.id}/consolidated.pdf`}>Tải báo cáo tổng hợp (PDF)</a></li>
            <li><a href={`${API}/calls/${call.id}/consolidated.xlsx`}>Tải báo cáo tổng hợp (.xlsx)</a></li>
          </ul>
        </>
      )}
    </>
  ), { back });
}

interface Shown { errors?: FieldError[]; content?: ReportContent; uploadError?: string; ok?: string }

async function showReport(deps: Deps, reply: FastifyReply, p: Principal, id: string, o: Shown = {}, status = 200) {
  const { report, call } = await visibleReport(deps.db, p, id);
  const [files, events, late] = await Promise.all([filesOf(deps.db, [id]), eventsOf(deps.db, id), lateness(deps.db, call, report, deps.now())]);
  const actions = allowedActions(report.status, { roles: p.roles, unitId: p.unitId }, report.unit_id);
  const isPlan = call.kind === 'unit_plan';
  const lastReturn = [...events].reverse().find((e) => e.type === 'returned');
  const errors = o.errors ?? [];
  return staffPage(reply, p, `${call.title}: ${report.unit_name}`, (csrf) => (
    <>
      <ErrorSummary errors={errors} />
      {o.ok && <Notice>{o.ok}</Notice>}
      <h1>{call.title}</h1>
      <p><strong>{report.unit_name}</strong>: <StatusTag s={report.status} /> <LateTag l={late} /></p>
      {report.status === 'returned' && lastReturn && <Notice warn><strong>Lý do trả lại:</strong> {lastReturn.note}</Notice>}
      <SummaryList rows={[
        { key: 'Kỳ báo cáo', value: periodText(call) },
        ...(call.instructions ? [{ key: 'Hướng dẫn', value: call.instructions }] : []),
        ...(report.first_submitted_at ? [{ key: 'Nộp lần đầu', value: fmtDateTime(report.first_submitted_at) }] : []),
      ]} />
      {actions.includes('save')
        ? <ContentForm id={id} isPlan={isPlan} c={o.content ?? report.content} csrf={csrf} canSubmit={actions.includes('submit')} />
        : <><h2>Nội dung {isPlan ? 'kế hoạch' : 'báo cáo'}</h2><ContentView isPlan={isPlan} c={report.content} /></>}
      <h2>Tệp minh chứng</h2>
      {files.length ? <ul>{files.map((f) => <li><a href={`${API}/submissions/${id}/files/${f.id}`}>{f.file_name}</a> ({Math.ceil(f.size / 1024)} KB)</li>)}</ul> : <p>Chưa có tệp minh chứng.</p>}
      {actions.includes('save') && <p class="hint">Lưu nháp nội dung trước khi đính kèm tệp.</p>}
      {actions.includes('save') && <EvidenceForm id={id} csrf={csrf} error={o.uploadError} />}
      {actions.includes('accept') && <ReviewForms id={id} csrf={csrf} errors={errors} />}
      <h2>Nhật ký</h2>
      {!events.length && <p>Chưa có thao tác nào.</p>}
      <ol>{events.map((e) => <li>{fmtDateTime(e.at)}: {EVENT_LABEL[e.type] ?? e.type}{e.actorName ? ` (${e.actorName})` : ''}{e.note ? `: ${e.note}` : ''}</li>)}</ol>
    </>
  ), { status, back: seesAllReports(p) ? { href: callHref(call.id), label: call.title } : back });
}

function contentOf(f: Form): ReportContent {
  return {
    direction: str(f, 'direction'),
    areas: Object.fromEntries(AREAS.map((a) => [a.code, str(f, `area_${a.code}`)])),
    tasks: AREAS.flatMap((a) => tasksFromLines(a.code, str(f, `tasks_${a.code}`))),
    difficulties: str(f, 'difficulties'),
    proposals: str(f, 'proposals'),
  };
}

export async function unitReportPages(app: App, deps: Deps): Promise<void> {
  app.get(LIST, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    return p ? showList(deps, reply, p) : reply;
  });

  app.post(LIST, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLoginTo(req, reply, LIST);
    if (!p) return reply;
    const f = formOf(req);
    const v: CallFormValues = { kind: str(f, 'kind'), year: str(f, 'year'), quarter: str(f, 'quarter'), month: str(f, 'month'), dueDate: str(f, 'dueDate'), instructions: str(f, 'instructions') };
    let id: string;
    try {
      if (!(CALL_KINDS as readonly string[]).includes(v.kind!)) throw new Problem(422, 'BAD_KIND', 'Chọn loại báo cáo.');
      const year = num(v.year!);
      if (!year || year < 2020 || year > 2100) throw new Problem(422, 'BAD_YEAR', 'Năm không hợp lệ.');
      if (v.dueDate && !/^\d{4}-\d{2}-\d{2}$/.test(v.dueDate)) throw new Problem(422, 'BAD_DATE', 'Hạn nộp không hợp lệ.');
      id = await onceForm(deps, req, reply, p, async (trx) => {
        const call = await createCall(trx, p, {
          kind: v.kind as CallKind, year, quarter: num(v.quarter!), month: num(v.month!), dueDate: v.dueDate || undefined, instructions: v.instructions,
        }, deps.now());
        return { status: 201, body: call.id };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      const field = e.code === 'BAD_YEAR' ? 'call-year' : e.code === 'BAD_KIND' ? 'call-kind' : e.code === 'QUARTER_REQUIRED' ? 'call-quarter' : 'form-call';
      return showList(deps, reply, p, v, [{ field, message: e.title }], e.status);
    }
    return reply.redirect(callHref(id), 303);
  });

  app.get(`${LIST}/ky/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    return p ? showCall(deps, reply, p, idOf(req)) : reply;
  });

  app.get(`${LIST}/nop/:id`, { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    const ok = q1(req, 'ok');
    const msg: Record<string, string> = { save: 'Đã lưu nháp.', submit: 'Đã nộp báo cáo.', upload: 'Đã đính kèm tệp minh chứng.', return: 'Đã trả lại báo cáo để đơn vị sửa.', accept: 'Đã chấp nhận báo cáo.' };
    return p ? showReport(deps, reply, p, idOf(req), { ok: msg[ok] }) : reply;
  });

  app.post(`${LIST}/nop/:id`, { schema: { hide: true } }, async (req, reply) => {
    const id = idOf(req);
    const p = staffOrLoginTo(req, reply, reportHref(id));
    if (!p) return reply;
    const f = formOf(req);
    const submit = str(f, 'action') === 'submit';
    const content = contentOf(f);
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        await saveContent(trx, p, id, content, deps.now());
        if (submit) await takeStep(trx, p, id, 'submit', {}, deps.now());
        return { status: 200, body: null };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return showReport(deps, reply, p, id, { content, errors: [{ field: 'form-content', message: e.title }] }, e.status);
    }
    return reply.redirect(`${reportHref(id)}?ok=${submit ? 'submit' : 'save'}`, 303);
  });

  app.post(`${LIST}/nop/:id/tep`, {
    schema: { hide: true },
    // The multipart body is read by the handler, after the CSRF check: the form puts its token in the URL.
    preValidation: async (req: FastifyRequest) => {
      const token = q1(req, '_csrf');
      if (token && !req.headers['x-csrf-token']) req.headers['x-csrf-token'] = token;
    },
  }, async (req, reply) => {
    const id = idOf(req);
    const p = staffOrLoginTo(req, reply, reportHref(id));
    if (!p) return reply;
    await visibleReport(deps.db, p, id);
    const fail = (message: string, status: number) => showReport(deps, reply, p, id, { uploadError: message, errors: [{ field: 'evidence-file', message }] }, status);
    const upload = await readUpload(req);
    if (refused(upload)) return fail(upload.message, upload.status);
    const { content, fileName, sha256 } = upload;
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        const r = await addEvidence(trx, p, id, { fileName, content }, deps.now());
        return { status: 201, body: { id: r.id } };
      }, q1(req, 'key'), { fileName, size: content.length, sha256 });
    } catch (e) {
      if (!(e instanceof Problem) || ![403, 409, 415, 422].includes(e.status)) throw e;
      return fail(e.title, e.status);
    }
    return reply.redirect(`${reportHref(id)}?ok=upload`, 303);
  });

  for (const step of ['return', 'accept'] as const) {
    app.post(`${LIST}/nop/:id/${step}`, { schema: { hide: true } }, async (req, reply) => {
      const id = idOf(req);
      const p = staffOrLoginTo(req, reply, reportHref(id));
      if (!p) return reply;
      const f = formOf(req);
      try {
        await onceForm(deps, req, reply, p, async (trx) => {
          await takeStep(trx, p, id, step, { reasons: str(f, 'reasons') }, deps.now());
          return { status: 200, body: null };
        }, str(f, '_key'));
      } catch (e) {
        if (!isFormProblem(e)) throw e;
        return showReport(deps, reply, p, id, { errors: [{ field: step === 'return' ? 'return-reasons' : 'form-accept', message: e.title }] }, e.status);
      }
      return reply.redirect(`${reportHref(id)}?ok=${step}`, 303);
    });
  }
}
