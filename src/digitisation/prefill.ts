// "Gợi ý điền tờ khai từ bản quét": the e-form answers read off a scanned paper (core/prefill.ts, by the catalogue
// component's `ocrFill`), each beside the answer in force, for the officer to confirm; and the answers to store when
// the officer ticks some of them — applied through the declaration correction (dossiers/declaration-correction.ts:
// who may, when, the reason, a new revision keeping the earlier ones). Reading the OCR text is a view of personal
// data: access-logged like a download of the storage copy (access.ts; Luật BVDLCN 91/2025, NĐ 356/2025).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem, notFound } from '../http/problem.ts';
import { principalKey, type Principal } from '../identity/core/principal.ts';
import type { Component, FormField } from '../catalogue/core/types.ts';
import { procedureVersion } from '../catalogue/store.ts';
import { PREFILLED, type DeclaredForm, type FormAnswers } from '../dossiers/core/declaration.ts';
import { answerText, checkAnswer } from '../dossiers/core/answers.ts';
import { formsToCorrect } from '../dossiers/declaration-correction.ts';
import { logAccess, type DossierRow } from '../dossiers/store.ts';
import { checkIdentityAccess } from './access.ts';
import { jobOfDossier, ocrTextOf } from './store.ts';
import { kindOf, proposeFill, type FillRule } from './core/prefill.ts';

type Db = Kysely<Database>;

/** One field of the suggestion: the e-form's label, the answer in force and what the scan says. */
export interface FillRow {
  field: string;
  label: string;
  /** The answer in force, as a person reads it ("Không khai" when empty). */
  currentText: string;
  /** found: `value` (as stored) may be applied; same: the scan says what is declared; unreadable: the label is there but
   *  not a value of the field's kind (`read` is what the scan says, `message` why); missing: the label was not found. */
  status: 'found' | 'same' | 'unreadable' | 'missing';
  value?: string;
  valueText?: string;
  read?: string;
  message?: string;
}

export interface FillSuggestion {
  jobId: string;
  component: Component;
  /** The storage copy's name (Điền theo bản quét <name>). */
  fileName: string;
  rows: FillRow[];
  forms: DeclaredForm[];
}

const jobIdOk = (jobId: string) => /^\d{1,18}$/.test(jobId);

/** The fields of the declaration as filed that the component's mapping names (not the requester's: they are the
 *  applicant's), each with its field definition. */
function rulesOf(c: Component, forms: readonly DeclaredForm[]): { rule: FillRule; field: FormField }[] {
  return (c.ocrFill ?? []).flatMap((m) => {
    const field = forms.flatMap((f) => f.fields).find((x) => x.name === m.field);
    if (!field || m.field in PREFILLED) return [];
    return [{ field, rule: { field: m.field, labels: [m.label, ...(m.also ?? [])], kind: kindOf(field), options: field.options } }];
  });
}

const currentOf = (forms: readonly DeclaredForm[], name: string) => forms.find((f) => f.fields.some((x) => x.name === name))?.answers[name];

/**
 * The suggestion from one done scan of the dossier: 404 when the job is not the dossier's or its component has no
 * mapping, 409 before the storage copy (and its text) is made. Checks the identity-image rule and logs the view as
 * `view_ocr_text` — call it after the caller checked the principal may correct the declaration.
 */
export async function fillSuggestion(db: Db, p: Principal, row: DossierRow, jobId: string, o: { log: boolean }): Promise<FillSuggestion> {
  const job = jobIdOk(jobId) ? await jobOfDossier(db, row.id, jobId) : undefined;
  if (!job) throw notFound('bản số hóa');
  const proc = await procedureVersion(db, row.procedure_code, row.procedure_version);
  const component = proc?.components.find((c) => c.code === job.component_code);
  if (!component?.ocrFill) throw notFound('gợi ý điền tờ khai của bản quét');
  if (job.status !== 'done') throw new Problem(409, 'STORAGE_COPY_NOT_READY', 'Bản lưu trữ PDF/A chưa được tạo xong nên chưa đọc được nội dung bản quét.');
  const identity = await checkIdentityAccess(db, p, row, job.component_code);
  const [{ forms }, text] = await Promise.all([formsToCorrect(db, row), ocrTextOf(db, row.id, jobId)]);
  if (text === undefined) throw new Problem(409, 'OCR_TEXT_MISSING', 'Bản quét này không có lớp chữ nhận dạng được.');
  if (o.log) await logAccess(db, principalKey(p), 'view_ocr_text', row.id, { jobId: String(job.id), component: job.component_code, ...(identity ? { identityImage: true } : {}) });
  const rules = rulesOf(component, forms);
  const proposals = proposeFill(text, rules.map((r) => r.rule));
  const rows = rules.map(({ field }, i): FillRow => {
    const prop = proposals[i]!;
    const current = currentOf(forms, field.name);
    const base = { field: field.name, label: field.label, currentText: answerText(field, current) };
    if (prop.status === 'missing') return { ...base, status: 'missing' };
    if (prop.status === 'unreadable') return { ...base, status: 'unreadable', read: prop.read, message: `Không đọc được ${kindName(field)} từ nội dung này.` };
    // The answer's own rules (a real date, a valid ID number, one of the choices) before it is offered.
    const checked = checkAnswer(field, prop.value);
    if (checked.error) return { ...base, status: 'unreadable', read: prop.read, message: checked.error };
    const value = checked.value;
    return { ...base, status: value === (current ?? '') ? 'same' : 'found', value, valueText: answerText(field, value), read: prop.read };
  });
  return { jobId: String(job.id), component, fileName: job.file_name, rows, forms };
}

function kindName(f: FormField): string {
  const k = kindOf(f);
  return k === 'date' ? 'ngày tháng' : k === 'id_number' ? 'số định danh cá nhân (12 chữ số)' : k === 'choice' ? `một lựa chọn (${(f.options ?? []).join(', ')})` : 'nội dung';
}

/** The reason stored with the correction, unless the officer writes another. */
export const fillReason = (fileName: string) => `Điền theo bản quét ${fileName}`;

/** The fields of the suggestion the officer ticked (unknown ones, and those not offered, left out). */
export function tickedFields(s: FillSuggestion, fields: readonly string[]): string[] {
  const offered = new Set(s.rows.filter((r) => r.status === 'found').map((r) => r.field));
  return [...new Set(fields)].filter((f) => offered.has(f));
}

/** The declaration's answers with the ticked fields replaced by the scan's values, over `forms` (the answers in force,
 *  read in the correcting transaction): each form given keeps its other answers (correctedAnswers replaces a given
 *  form whole), a form without a ticked field is not given. */
export function answersWith(s: FillSuggestion, forms: readonly DeclaredForm[], fields: readonly string[]): FormAnswers {
  const values = new Map(s.rows.filter((r) => r.status === 'found').map((r) => [r.field, r.value!]));
  const applied = tickedFields(s, fields);
  const answers: FormAnswers = {};
  for (const form of forms) {
    const mine = applied.filter((f) => form.fields.some((x) => x.name === f));
    if (mine.length) answers[form.componentCode] = { ...form.answers, ...Object.fromEntries(mine.map((f) => [f, values.get(f)!])) };
  }
  return answers;
}
