// The counter intake's e-form and checklist (intake.tsx): the chosen procedure's tờ khai, typed by the receiving
// officer with the portal's fields and checked by the same rules (dossiers/declaration.ts declarationIssues), and the
// checklist of the components received with their copies (core/declaration.ts checklistIssues).
import type { Component, StoredProcedure } from '../../catalogue/core/types.ts';
import { PREFILLED, type FormAnswers, type ReceivedPaper } from '../../dossiers/core/declaration.ts';
import { declarationIssues } from '../../dossiers/declaration.ts';
import type { ApplicantAnswers } from '../../dossiers/core/applicant.ts';
import { KIND_LABELS } from '../../documents/core/format.ts';
import type { FieldError } from '../components.tsx';
import { all, str, type Form } from './common.tsx';
import { EFormSections, answersFromForm, fieldOrder, type EFormPart } from './declaration-form.tsx';

/** The procedure's e-form components as the page shows them. */
export const eformParts = (proc: Pick<StoredProcedure, 'components'>): EFormPart[] =>
  proc.components.flatMap((c) => (c.form ? [{ code: c.code, name: c.name, fields: c.form.fields }] : []));

/** The hidden field that says which procedure's checklist the officer saw (and so ticked). */
export const CHECKLIST_FIELD = 'checklist';
export const receivedId = (code: string) => `received-${code}`;
export const copiesName = (code: string) => `copies_${code}`;

/** The field ids of the e-form and the checklist, in page order (for the error summary). */
export const intakeOrder = (proc: Pick<StoredProcedure, 'components'>) =>
  [...fieldOrder(eformParts(proc)), ...proc.components.flatMap((c) => [receivedId(c.code), copiesName(c.code)])];

/** The e-form's answers typed on the page; null when the officer typed none (the paper tờ khai only). */
export function typedAnswers(proc: Pick<StoredProcedure, 'components'>, f: Form): FormAnswers | null {
  const answers = answersFromForm(eformParts(proc), f);
  return Object.values(answers).some((a) => Object.values(a).some((v) => v !== '')) ? answers : null;
}

/** The applicant's page field that fills a requester's field of the tờ khai ("provide once"). */
const APPLICANT_FIELD: Record<keyof ApplicantAnswers, string> = { name: 'name', idNumber: 'idNumber', address: 'address', phone: 'phone', email: 'email' };

/** The e-form's errors by the portal's rules (each answer, then plausibility), on the page's fields. */
export function eformErrors(proc: StoredProcedure, answers: FormAnswers, today: string, applicant: ApplicantAnswers): FieldError[] {
  const { issues } = declarationIssues(proc, answers, today, applicant);
  return issues.map((i) => {
    const from = PREFILLED[i.field];
    return { field: from ? APPLICANT_FIELD[from] : i.field || 'intake-form', message: i.message };
  });
}

/** The components ticked as received, with their copies as typed (NaN when not a number: the check says so). */
export function tickedPapers(proc: Pick<StoredProcedure, 'components'>, f: Form): ReceivedPaper[] {
  const ticked = new Set(all(f, 'received'));
  return proc.components.filter((c) => ticked.has(c.code)).map((c) => {
    const typed = str(f, copiesName(c.code));
    return { componentCode: c.code, copies: typed === '' ? Math.max(1, c.copies) : /^\d{1,2}$/.test(typed) ? Number(typed) : Number.NaN };
  });
}

function Paper({ c, values, errors }: { c: Component; values: Form; errors: FieldError[] }) {
  const id = receivedId(c.code);
  const err = errors.find((e) => e.field === id || e.field === copiesName(c.code))?.message;
  const checked = all(values, 'received').includes(c.code);
  const copies = str(values, copiesName(c.code)) || String(Math.max(1, c.copies));
  return (
    <div class={`field checklist-item${err ? ' field--error' : ''}`}>
      {err && <p class="error-message" id={`${id}-error`}><span class="visually-hidden">Lỗi: </span>{err}</p>}
      <div class="radio">
        <input type="checkbox" id={id} name="received" value={c.code} checked={checked} aria-describedby={err ? `${id}-error` : undefined} />
        <label for={id}>{c.name} <span class="muted">({KIND_LABELS[c.kind]}{c.required ? ', bắt buộc' : ', không bắt buộc'})</span></label>
      </div>
      <label for={copiesName(c.code)}>Số bản</label>{' '}
      <input id={copiesName(c.code)} name={copiesName(c.code)} type="text" inputMode="numeric" class="input--short" value={copies} />
    </div>
  );
}

/** The tờ khai (when the procedure has one) and the checklist of the chosen procedure. */
export function IntakeDeclaration({ proc, values, errors }: { proc: StoredProcedure; values: Form; errors: FieldError[] }) {
  const parts = eformParts(proc);
  return (
    <>
      <input type="hidden" name={CHECKLIST_FIELD} value={proc.code} />
      {parts.length > 0 && (
        <>
          <h2>Tờ khai</h2>
          <p class="hint">Nhập hoặc xác nhận nội dung tờ khai của người nộp, như trên Cổng dịch vụ công; hệ thống kiểm tra như khi nộp
            trực tuyến. Có thể để trống nếu chỉ nhận tờ khai giấy. Thông tin người yêu cầu lấy từ phần người nộp hồ sơ.</p>
          <EFormSections parts={parts} values={(_c, name) => str(values, name) || undefined} errors={errors} />
        </>
      )}
      <h2 id="received">Thành phần hồ sơ đã nhận</h2>
      <p class="hint">Đánh dấu từng giấy tờ đã nhận và số bản. Thiếu thành phần bắt buộc thì không tiếp nhận được: hướng dẫn người nộp
        bổ sung hoặc từ chối tiếp nhận.</p>
      {proc.components.map((c) => <Paper c={c} values={values} errors={errors} />)}
    </>
  );
}
