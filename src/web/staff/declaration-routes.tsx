// The staff page "Sửa tờ khai" (/can-bo/ho-so/:id/to-khai/sua): GET the form, POST the correction (the dossier
// service's correctDeclaration under the one-time form key; 303 back to the dossier page, or the form again with the
// error summary). Scoped like the dossier page: a dossier the officer may not see is 404; one they may not correct
// now is 403 (or 409 once decided), with the reason.
import type { App, Deps } from '../../http/deps.ts';
import { Problem, notFound } from '../../http/problem.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { procedureVersion } from '../../catalogue/store.ts';
import { correctionCheck } from '../../dossiers/core/declaration.ts';
import { actorId, reviveProjection } from '../../dossiers/service.ts';
import { loadDossier, type DossierRow } from '../../dossiers/store.ts';
import { correctDeclaration, formsToCorrect } from '../../dossiers/declaration-correction.ts';
import type { FieldError } from '../components.tsx';
import { UUID, formOf, isFormProblem, onceForm, staffOrLoginTo, staffPage, str, type Form } from './common.tsx';
import { staffOrLogin } from './guard.ts';
import { answerErrors, answersFromForm, fieldOrder } from './declaration-form.tsx';
import { DeclarationEdit, partsOf } from './declaration-edit.tsx';
import { declarationEditUrl } from './declaration-section.tsx';

/** The dossier, if the officer may see it (404) and correct its declaration now (403/409 with the reason). */
/** The dossier an officer may correct the declaration of now (correctionCheck), or the problem why not. */
export async function correctable(deps: Deps, p: Principal, id: string): Promise<DossierRow> {
  const row = UUID.test(id) ? await loadDossier(deps.db, p, id) : undefined;
  if (!row) throw notFound('hồ sơ');
  const check = correctionCheck(reviveProjection(row.projection), { id: actorId(p), roles: p.roles, unitCode: p.unitCode });
  if (!check.ok) throw new Problem(check.status, check.code, check.message);
  return row;
}

async function show(deps: Deps, reply: Parameters<typeof staffPage>[0], p: Principal, row: DossierRow, typed?: Form, errors: FieldError[] = [], status = 200) {
  const [{ forms }, proc] = await Promise.all([formsToCorrect(deps.db, row), procedureVersion(deps.db, row.procedure_code, row.procedure_version)]);
  const order = [...fieldOrder(partsOf(forms)), 'reason'];
  errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  const values = typed && Object.fromEntries(Object.keys(typed).map((k) => [k, str(typed, k)]));
  return staffPage(reply, p, 'Sửa tờ khai', (csrf) => (
    <DeclarationEdit dossierId={row.id} name={row.code ?? row.reference} procedureName={proc?.name ?? row.procedure_code} forms={forms}
      typed={values} reason={typed ? str(typed, 'reason') : ''} errors={errors} csrf={csrf} />
  ), { status, back: { href: `/can-bo/ho-so/${row.id}`, label: 'Hồ sơ' } });
}

export async function declarationPages(app: App, deps: Deps) {
  app.get<{ Params: { id: string } }>('/can-bo/ho-so/:id/to-khai/sua', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    return show(deps, reply, p, await correctable(deps, p, req.params.id));
  });

  app.post<{ Params: { id: string } }>('/can-bo/ho-so/:id/to-khai/sua', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLoginTo(req, reply, declarationEditUrl(req.params.id));
    if (!p) return reply;
    const row = await correctable(deps, p, req.params.id);
    const f = formOf(req);
    const { forms } = await formsToCorrect(deps.db, row);
    const reason = str(f, 'reason');
    if (!reason) return show(deps, reply, p, row, f, [{ field: 'reason', message: 'Nhập lý do sửa tờ khai' }], 422);
    try {
      await onceForm(deps, req, reply, p, async (trx) => {
        await correctDeclaration(trx, p, row.id, { answers: answersFromForm(partsOf(forms), f), reason }, deps.now());
        return { status: 200, body: { id: row.id } };
      }, str(f, '_key'));
    } catch (e) {
      if (!isFormProblem(e)) throw e;
      const fields = answerErrors(e.errors);
      const errors = fields.length ? fields : [{ field: e.code === 'REASON_REQUIRED' ? 'reason' : fieldOrder(partsOf(forms))[0] ?? 'reason', message: e.title }];
      return show(deps, reply, p, row, f, errors, e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${row.id}?ok=declaration`, 303);
  });
}
