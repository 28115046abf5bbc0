// The online e-form, derived from the catalogue (pure): which questions each page asks, how answers are checked
// and normalised, and which files are needed. Pages follow the GOV.UK "one thing per page" pattern: the fields of
// a component's form are cut into runs about one person (the prefix of `childFullName`, `motherIdNumber`…) or
// about the request itself (core/declaration.ts sectionsOf, the staff page's sections too). The rules of one answer
// are in dossiers/core/answers.ts, those across answers in dossiers/core/plausibility.ts: the API and the stored
// declaration apply the same.
import type { Component, FormField, ProcedureVersionInput } from '../../catalogue/core/types.ts';
import type { FieldError } from '../components.tsx';
import { checkApplicant, type ApplicantAnswers } from '../../dossiers/core/applicant.ts';
import { checkAnswer, lcFirst, parseDate } from '../../dossiers/core/answers.ts';
import { PREFILLED, sectionsOf, type FormAnswers } from '../../dossiers/core/declaration.ts';
import { formIssues } from '../../dossiers/core/plausibility.ts';
import { withAuthorisation, type FilingData } from '../../identity/citizens/core/filing.ts';

/** The applicant (người nộp hồ sơ), asked once on the first page, by the rules of dossiers/core/applicant.ts. */
export type { ApplicantAnswers };
export { PREFILLED, lcFirst, parseDate };

/** A draft's answers (drafts.data): the applicant, who files it (a logged-in citizen, for themselves or for someone
 *  else: identity/citizens/core/filing.ts), and per form component its fields' answers. */
export interface DraftData extends FilingData {
  applicant?: ApplicantAnswers;
  form?: FormAnswers;
  /** Pages the citizen has saved (component code + page number), so that optional-only pages count as done. */
  seen?: string[];
  /** The support point where the citizen is helped to file (a community digital-technology team's link
   *  /nop-ho-so/<code>?diem-ho-tro=<point>): recorded with the dossier as where the citizen was helped. */
  supportPoint?: { code: string; name: string };
  /** What the population database gave the applicant step of a citizen filing for themselves (registry-prefill.ts):
   *  the residence filled in; the dossier records the use if the residence filed is still this one. */
  registryPrefill?: { address: string; dateOfBirth?: string };
}

export interface FormPage {
  /** 1-based number across all form components (URL /to-khai/:n). */
  n: number;
  component: Component;
  title: string;
  fields: FormField[];
}

export function formPages(proc: ProcedureVersionInput): FormPage[] {
  const pages: FormPage[] = [];
  for (const component of proc.components) {
    if (!component.form) continue;
    for (const s of sectionsOf(component.form.fields.filter((f) => !(f.name in PREFILLED)))) {
      pages.push({ n: pages.length + 1, component, title: s.title, fields: s.fields });
    }
  }
  return pages;
}

/** Components the citizen uploads files for: papers (not e-forms), except those only shown at the counter. */
export const uploadComponents = (proc: ProcedureVersionInput) => proc.components.filter((c) => !c.form && c.kind !== 'shown');
/** The papers a draft uploads files for: the procedure's, and the authorisation when filed for someone else (nộp thay). */
export const papersOf = (proc: ProcedureVersionInput, data: DraftData) => withAuthorisation(uploadComponents(proc), data);
/** Papers that are shown (xuất trình) at the counter; online, their data is looked up in the national databases. */
export const shownComponents = (proc: ProcedureVersionInput) => proc.components.filter((c) => !c.form && c.kind === 'shown');

// ── Checking and normalising answers ──────────────────────────────────────────────────────────────────────────

/** What else a page's answers are checked against: the rest of its form (the answers saved on the other pages)
 *  and today, for the plausibility rules across persons (a parent born before the child…). */
export interface PageContext {
  component: Component;
  saved: Record<string, string>;
  /** Vietnam-local YYYY-MM-DD. */
  today: string;
}

/** Checks one page; returns the normalised answers (as typed when wrong) and the errors, in field order. With a
 *  context, the plausibility rules that concern this page's fields too. */
export function checkPage(fields: FormField[], body: Record<string, unknown>, context?: PageContext) {
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const f of fields) {
    const r = checkAnswer(f, body[f.name]);
    values[f.name] = r.value;
    if (r.error) errors.push({ field: f.name, message: r.error });
  }
  if (context?.component.form && !errors.length) {
    const here = new Set(fields.map((f) => f.name));
    const form = { componentCode: context.component.code, fields: context.component.form.fields, answers: { ...context.saved, ...values } };
    for (const i of formIssues(form, context.today)) if (here.has(i.field)) errors.push({ field: i.field, message: i.message });
  }
  return { values, errors };
}

/** The form answers with the requester's fields filled from the applicant (what is stored with the dossier). */
export function effectiveForm(proc: ProcedureVersionInput, data: DraftData): FormAnswers {
  const out: FormAnswers = {};
  for (const c of proc.components) {
    if (!c.form) continue;
    const answers = { ...(data.form?.[c.code] ?? {}) };
    for (const f of c.form.fields) {
      const from = PREFILLED[f.name];
      if (from && data.applicant) answers[f.name] = data.applicant[from];
    }
    out[c.code] = answers;
  }
  return out;
}

export const pageKey = (p: FormPage) => `${p.component.code}#${p.n}`;

export interface Problem {
  /** Where to fix it. */
  href: string;
  message: string;
}

/**
 * What still stops the submission: a missing or wrong applicant, an unanswered or invalid question, an implausible
 * answer (dossiers/core/plausibility.ts, on the pages without an error of their own), a required paper without a
 * file (the authorisation too, filed for someone else). Run on "check your answers" and again, in the transaction, on submit (the catalogue may have changed in
 * between). `today`: Vietnam-local YYYY-MM-DD.
 */
export function missing(proc: ProcedureVersionInput, data: DraftData, files: { component_code: string }[], base: string, today?: string): Problem[] {
  const out: Problem[] = [];
  if (!data.applicant) out.push({ href: `${base}/nguoi-nop`, message: 'Chưa khai thông tin người nộp hồ sơ' });
  else {
    const a = checkApplicant(data.applicant, 'online');
    if (a.errors.length) out.push({ href: `${base}/nguoi-nop`, message: `Thông tin người nộp: ${lcFirst(a.errors[0]!.message)}` });
  }
  const pages = formPages(proc);
  const wrong = new Set<number>();
  for (const p of pages) {
    const answers = data.form?.[p.component.code] ?? {};
    const r = checkPage(p.fields, answers);
    if (r.errors.length) {
      wrong.add(p.n);
      out.push({ href: `${base}/to-khai/${p.n}`, message: `${p.title}: ${lcFirst(r.errors[0]!.message)}` });
    }
  }
  if (today) {
    const form = effectiveForm(proc, data);
    for (const c of proc.components) {
      if (!c.form) continue;
      for (const i of formIssues({ componentCode: c.code, fields: c.form.fields, answers: form[c.code] ?? {} }, today)) {
        const p = pages.find((x) => x.component.code === c.code && x.fields.some((f) => f.name === i.field));
        if (p && !wrong.has(p.n)) out.push({ href: `${base}/to-khai/${p.n}#${i.field}`, message: i.message });
      }
    }
  }
  for (const c of papersOf(proc, data)) {
    if (c.required && !files.some((f) => f.component_code === c.code)) {
      out.push({ href: `${base}/giay-to#file-${c.code}`, message: `Chưa tải lên ${lcFirst(c.name)}` });
    }
  }
  return out;
}

/** The first step still to do, to resume an interrupted draft. */
export function resumeStep(proc: ProcedureVersionInput, data: DraftData, base: string): string {
  if (!data.applicant) return `${base}/nguoi-nop`;
  const seen = new Set(data.seen ?? []);
  for (const p of formPages(proc)) {
    if (!seen.has(pageKey(p))) return `${base}/to-khai/${p.n}`;
  }
  if (!seen.has('giay-to')) return `${base}/giay-to`;
  return `${base}/kiem-tra`;
}
