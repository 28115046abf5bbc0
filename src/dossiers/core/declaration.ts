// The declaration (tờ khai) of a dossier: the answers to its procedure version's e-form components, kept with the
// definition they answered (the fields as filed: labels, types, code lists), so that the officer reads what the
// citizen declared even after the catalogue changes. How a form is cut into sections (one per person: the prefix
// of `childFullName`, `motherIdNumber`…, or the request itself) is defined here once, for the portal's pages and
// the staff page alike. Pure.
import type { Component, FormField } from '../../catalogue/core/types.ts';
import type { ApplicantAnswers } from './applicant.ts';
import { answerText, checkAnswer, lcFirst } from './answers.ts';
import { codeListOf, type CodeListId } from './code-lists.ts';
import { ACTIONS, isAllowedFrom } from './actions.ts';
import { checkNow } from './decide.ts';
import { atDesk } from './preconditions.ts';
import type { DossierProjection } from './projection.ts';

/** Answers per e-form component code: field name → answer (normalised; '' when not given). */
export type FormAnswers = Record<string, Record<string, string>>;

/** "Provide once" (Nghị định 224/2026 Đ15 k1 điểm d; domain.md §3.1): the requester's fields of a tờ khai are
 *  filled from the applicant instead of being asked again. */
export const PREFILLED: Record<string, keyof ApplicantAnswers> = {
  requesterFullName: 'name',
  requesterIdNumber: 'idNumber',
  requesterResidence: 'address',
  requesterPhone: 'phone',
  requesterEmail: 'email',
};

export interface DeclaredForm {
  componentCode: string;
  componentName: string;
  templateId: string;
  /** The field definitions as filed. */
  fields: FormField[];
  answers: Record<string, string>;
}

/** What is stored (dossier_answers.forms): every e-form component of the version, in the catalogue's order. */
export interface Declaration {
  procedureVersion: number;
  forms: DeclaredForm[];
}

/** Where an answer is wrong, and why (Vietnamese). */
export interface AnswerIssue {
  component: string;
  field: string;
  message: string;
}

// ── Sections ──────────────────────────────────────────────────────────────────────────────────────────────────

export const prefixOf = (name: string) => /^([a-z]+)[A-Z]/.exec(name)?.[1] ?? null;

/** "Họ, chữ đệm, tên của người mẹ" → "Thông tin của người mẹ". */
export function personTitle(fullNameLabel: string): string {
  const m = /tên (.+)$/.exec(fullNameLabel);
  return m ? `Thông tin ${m[1]}` : fullNameLabel;
}

export interface Section {
  title: string;
  /** The person's prefix ("child"), or null for the request itself. */
  person: string | null;
  fields: FormField[];
}

/** The form's fields in runs: one run per person (those with a `…FullName` field), the rest in runs of their own,
 *  titled by their one field's label or "Nội dung đề nghị". */
export function sectionsOf(fields: readonly FormField[]): Section[] {
  const people = new Map<string, string>();
  for (const f of fields) {
    const p = prefixOf(f.name);
    if (p && f.name === `${p}FullName`) people.set(p, personTitle(f.label));
  }
  const out: Section[] = [];
  let run: FormField[] = [];
  let key: string | null | undefined;
  const flush = () => {
    if (!run.length) return;
    const title = key ? people.get(key)! : run.length === 1 ? run[0]!.label : 'Nội dung đề nghị';
    out.push({ title, person: key ?? null, fields: run });
    run = [];
  };
  for (const f of fields) {
    const p = prefixOf(f.name);
    const k = p && people.has(p) ? p : null;
    if (k !== key) flush();
    key = k;
    run.push(f);
  }
  flush();
  return out;
}

// ── Building and checking a declaration ────────────────────────────────────────────────────────────────────────

/** The answers as filed for a version's e-form components: the requester's fields from the applicant, the other
 *  answers checked and normalised by their fields' rules; the issues of every answer that is wrong or missing, and
 *  of every answer the forms do not ask for. */
/** What `declare` reads of a component: the catalogue's, or a stored form as filed (an officer's correction). */
export type FormComponent = Pick<Component, 'code' | 'name' | 'form'>;

export function declare(
  proc: { version: number; components: readonly FormComponent[] }, answers: FormAnswers, applicant?: Partial<ApplicantAnswers>,
): { declaration: Declaration; issues: AnswerIssue[] } {
  const issues: AnswerIssue[] = [];
  const forms: DeclaredForm[] = [];
  const known = new Set<string>();
  for (const c of proc.components) {
    if (!c.form) continue;
    known.add(c.code);
    const given = answers[c.code] ?? {};
    const out: Record<string, string> = {};
    for (const f of c.form.fields) {
      const from = PREFILLED[f.name];
      const raw = from && applicant?.[from] !== undefined ? applicant[from] : given[f.name];
      const r = checkAnswer(f, raw);
      out[f.name] = r.value;
      if (r.error) issues.push({ component: c.code, field: f.name, message: r.error });
    }
    const fieldNames = new Set(c.form.fields.map((f) => f.name));
    for (const name of Object.keys(given)) {
      if (!fieldNames.has(name)) issues.push({ component: c.code, field: name, message: 'Tờ khai không có mục này' });
    }
    forms.push({ componentCode: c.code, componentName: c.name, templateId: c.form.templateId, fields: c.form.fields.map((f) => ({ ...f })), answers: out });
  }
  for (const code of Object.keys(answers)) {
    if (!known.has(code)) issues.push({ component: code, field: '', message: 'Thủ tục không có tờ khai này' });
  }
  return { declaration: { procedureVersion: proc.version, forms }, issues };
}

// ── Reading it back ───────────────────────────────────────────────────────────────────────────────────────────

export interface AnswerView {
  name: string;
  label: string;
  type: FormField['type'];
  codeList: CodeListId | null;
  /** The answer as stored (ISO date, code of a code list), null when not given. */
  value: string | null;
  /** The answer as a person reads it (dates dd/mm/yyyy, the code's name, "Không khai"). */
  text: string;
}

export interface FormView {
  componentCode: string;
  componentName: string;
  templateId: string;
  sections: { title: string; fields: AnswerView[] }[];
  answers: Record<string, string>;
}

/** The declaration by sections, each answer with its label and its text. */
export function viewForms(d: Declaration): FormView[] {
  return d.forms.map((form) => ({
    componentCode: form.componentCode,
    componentName: form.componentName,
    templateId: form.templateId,
    sections: sectionsOf(form.fields).map((s) => ({
      title: s.title,
      fields: s.fields.map((f) => ({
        name: f.name, label: f.label, type: f.type, codeList: codeListOf(f),
        value: form.answers[f.name] || null, text: answerText(f, form.answers[f.name]),
      })),
    })),
    answers: form.answers,
  }));
}

/** The forms without the ID numbers they hold (personal data: shown only to staff who handle dossiers, as the
 *  applicant's own number). */
export function hideIdNumbers(forms: FormView[]): FormView[] {
  const HIDDEN = 'Không hiển thị (chỉ cán bộ giải quyết hồ sơ được xem)';
  return forms.map((form) => {
    const ids = new Set(form.sections.flatMap((s) => s.fields.filter((f) => f.type === 'id_number').map((f) => f.name)));
    return {
      ...form,
      sections: form.sections.map((s) => ({
        ...s, fields: s.fields.map((f) => (ids.has(f.name) && f.value ? { ...f, value: null, text: HIDDEN } : f)),
      })),
      answers: Object.fromEntries(Object.entries(form.answers).filter(([k]) => !ids.has(k))),
    };
  });
}

// ── Officers' corrections ─────────────────────────────────────────────────────────────────────────────────────

export const MAX_CORRECTION_REASON = 2000;

type CorrectingRole = (typeof ACTIONS.correct_declaration.roles)[number];

export type CorrectionCheck =
  | { ok: true; role: CorrectingRole }
  | { ok: false; status: 403 | 409; code: 'CORRECTION_NOT_ALLOWED' | 'DECLARATION_LOCKED'; message: string };

/** Nobody corrects the declaration once the decision is approved (NĐ 118/2025 Đ21 k1: the decision is not reopened)
 *  or the dossier has left the states the action table allows the correction from. */
export const declarationLocked = (p: DossierProjection): boolean =>
  p.approvedBy !== null || !isAllowedFrom('correct_declaration', p.state);

/**
 * Whether an officer may correct the declaration now, as the declaration API answers it: the action table's
 * `correct_declaration` row and its precondition (preconditions.ts: the desk before and at receipt, the assigned
 * specialist or the head of the unit holding it while processing), asked in each of the officer's roles; a locked
 * declaration is 409 whoever asks, any other refusal 403.
 */
export function correctionCheck(p: DossierProjection, who: { id: string; roles: readonly string[]; unitCode: string | null }): CorrectionCheck {
  if (declarationLocked(p)) {
    return { ok: false, status: 409, code: 'DECLARATION_LOCKED', message: 'Hồ sơ đã có quyết định giải quyết hoặc đã kết thúc nên không sửa được tờ khai.' };
  }
  const allowed: readonly string[] = ACTIONS.correct_declaration.roles;
  for (const role of who.roles) {
    if (!allowed.includes(role)) continue;
    if (checkNow(p, 'correct_declaration', { id: who.id, role: role as CorrectingRole, unitCode: who.unitCode }) === null) {
      return { ok: true, role: role as CorrectingRole };
    }
  }
  return {
    ok: false, status: 403, code: 'CORRECTION_NOT_ALLOWED',
    message: atDesk(p)
      ? 'Chỉ cán bộ tiếp nhận một cửa được sửa tờ khai của hồ sơ chưa chuyển xử lý.'
      : 'Chỉ chuyên viên được giao xử lý hồ sơ hoặc lãnh đạo đơn vị đang giải quyết hồ sơ được sửa tờ khai.',
  };
}

/** The answers an officer's correction stores: the given forms' answers over the current ones (a form not given
 *  keeps its answers), the requester's fields as they were (they are the applicant's, not the tờ khai's). */
export function correctedAnswers(current: readonly DeclaredForm[], given: FormAnswers): FormAnswers {
  const out: FormAnswers = {};
  for (const f of current) {
    const answers = { ...(given[f.componentCode] ?? f.answers) };
    for (const name of Object.keys(PREFILLED)) if (name in f.answers) answers[name] = f.answers[name]!;
    out[f.componentCode] = answers;
  }
  for (const code of Object.keys(given)) if (!(code in out)) out[code] = given[code]!;
  return out;
}

/** The labels of the answers that differ between two declarations (what a correction changed). */
export function changedFields(before: readonly DeclaredForm[], after: readonly DeclaredForm[]): string[] {
  const out: string[] = [];
  for (const f of after) {
    const old = before.find((x) => x.componentCode === f.componentCode);
    for (const field of f.fields) {
      if ((old?.answers[field.name] ?? '') !== (f.answers[field.name] ?? '')) out.push(field.label);
    }
  }
  return out;
}

// ── The counter's checklist of components received ────────────────────────────────────────────────────────────

/** A component ticked as received at the counter, with its copies. */
export interface ReceivedPaper {
  componentCode: string;
  copies: number;
}

export const MAX_COPIES = 99;

/**
 * The issues of a counter checklist: every required component of the procedure version must be received (NĐ
 * 118/2025 Đ15 k2: the receiving officer checks that the dossier is complete; an incomplete one is not received but
 * guided to completion, BM.02, or refused, BM.03), with 1 to 99 copies; and only the version's components.
 */
export function checklistIssues(components: readonly Pick<Component, 'code' | 'name' | 'required'>[], received: readonly ReceivedPaper[]): AnswerIssue[] {
  const issues: AnswerIssue[] = [];
  const got = new Map(received.map((r) => [r.componentCode, r.copies]));
  for (const c of components) {
    const copies = got.get(c.code);
    if (copies === undefined) {
      if (c.required) {
        issues.push({ component: c.code, field: '', message: `Chưa nhận ${lcFirst(c.name)} (thành phần bắt buộc): hướng dẫn người nộp bổ sung hoặc từ chối tiếp nhận` });
      }
    } else if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
      issues.push({ component: c.code, field: 'copies', message: `Số bản của ${lcFirst(c.name)} phải từ 1 đến ${MAX_COPIES}` });
    }
  }
  const known = new Set(components.map((c) => c.code));
  for (const r of received) if (!known.has(r.componentCode)) issues.push({ component: r.componentCode, field: '', message: 'Thủ tục không có thành phần hồ sơ này' });
  return issues;
}
