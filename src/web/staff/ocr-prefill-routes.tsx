// "Gợi ý điền tờ khai từ bản quét" (/can-bo/ho-so/:id/so-hoa/:jobId/dien-to-khai): GET the suggestion (the OCR text
// read and access-logged), POST the ticked fields into the declaration correction (correctDeclaration: the same rules
// as "Sửa tờ khai" — who may, until the decision, a reason, a new revision keeping the earlier ones) under the one-time
// form key; 303 back to the dossier, or the page again with the error summary. Scoped like "Sửa tờ khai": a dossier
// the officer may not see is 404; one whose declaration they may not correct now is 403 (409 once decided).
import type { App, Deps } from '../../http/deps.ts';
import { Problem, notFound } from '../../http/problem.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { procedureVersion } from '../../catalogue/store.ts';
import { loadDossier, type DossierRow } from '../../dossiers/store.ts';
import { correctDeclaration, formsToCorrect } from '../../dossiers/declaration-correction.ts';
import { answersWith, fillReason, fillSuggestion, tickedFields, type FillSuggestion } from '../../digitisation/prefill.ts';
import type { FieldError } from '../components.tsx';
import { all, formOf, isFormProblem, onceForm, staffOrLoginTo, staffPage, str } from './common.tsx';
import { staffOrLogin } from './guard.ts';
import { answerErrors } from './declaration-form.tsx';
import { FillPage, applyId, fillUrl } from './ocr-prefill.tsx';
import { correctable } from './declaration-routes.tsx';

type Reply = Parameters<typeof staffPage>[0];

async function show(deps: Deps, reply: Reply, p: Principal, row: DossierRow, s: FillSuggestion, o: { chosen?: string[]; reason?: string; errors?: FieldError[]; status?: number } = {}) {
  const proc = await procedureVersion(deps.db, row.procedure_code, row.procedure_version);
  return staffPage(reply, p, 'Gợi ý điền tờ khai từ bản quét', (csrf) => (
    <FillPage dossierId={row.id} name={row.code ?? row.reference} procedureName={proc?.name ?? row.procedure_code} s={s}
      chosen={o.chosen} reason={o.reason ?? fillReason(s.fileName)} errors={o.errors} csrf={csrf} />
  ), { status: o.status ?? 200, back: { href: `/can-bo/ho-so/${row.id}#tp-${s.component.code}`, label: 'Hồ sơ' } });
}

/** A refusal of the correction as the page's errors: an answer's error at its checkbox (or the list when the answer
 *  is not one the officer ticked), the reason's at the reason, anything else at the list. */
function refusalErrors(e: Problem, s: FillSuggestion, applied: readonly string[]): FieldError[] {
  const label = (f: string) => s.forms.flatMap((x) => x.fields).find((x) => x.name === f)?.label ?? f;
  const fields = answerErrors(e.errors).map((x) => (applied.includes(x.field)
    ? { field: applyId(x.field), message: x.message }
    : { field: 'apply', message: `${label(x.field)}: ${x.message}` }));
  if (fields.length) return fields;
  return [{ field: e.code === 'REASON_REQUIRED' ? 'reason' : 'apply', message: e.title }];
}

export async function ocrPrefillRoutes(app: App, deps: Deps) {
  app.get<{ Params: { id: string; jobId: string } }>('/can-bo/ho-so/:id/so-hoa/:jobId/dien-to-khai', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const row = await correctable(deps, p, req.params.id);
    return show(deps, reply, p, row, await fillSuggestion(deps.db, p, row, req.params.jobId, { log: true }));
  });

  app.post<{ Params: { id: string; jobId: string } }>('/can-bo/ho-so/:id/so-hoa/:jobId/dien-to-khai', { schema: { hide: true } }, async (req, reply) => {
    const { id, jobId } = req.params;
    const p = staffOrLoginTo(req, reply, fillUrl(id, jobId));
    if (!p) return reply;
    const row = await correctable(deps, p, id);
    const s = await fillSuggestion(deps.db, p, row, jobId, { log: false });
    const f = formOf(req);
    const chosen = all(f, 'apply');
    const reason = str(f, 'reason');
    const applied = tickedFields(s, chosen);
    const errors: FieldError[] = [
      ...(chosen.length ? [] : [{ field: 'apply', message: 'Chọn ít nhất một mục để điền vào tờ khai' }]),
      ...(reason ? [] : [{ field: 'reason', message: 'Nhập lý do sửa tờ khai' }]),
    ];
    if (errors.length) return show(deps, reply, p, row, s, { chosen, reason, errors, status: 422 });
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        // The answers in force under the dossier's lock: a correction made meanwhile is kept, only the ticks change.
        const locked = await loadDossier(trx, p, row.id, true);
        if (!locked) throw notFound('hồ sơ');
        if (!applied.length) throw new Problem(422, 'NOTHING_TO_FILL', 'Các mục đã chọn không còn khác nội dung đang khai: không có gì để điền.');
        const { forms } = await formsToCorrect(trx, locked);
        await correctDeclaration(trx, p, row.id, { answers: answersWith(s, forms, applied), reason }, deps.now());
        return { status: 200, body: { id: row.id, fields: applied } };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      return show(deps, reply, p, row, s, { chosen, reason, errors: refusalErrors(e, s, applied), status: e.status });
    }
    return reply.redirect(`/can-bo/ho-so/${row.id}?ok=declaration`, 303);
  });
}
