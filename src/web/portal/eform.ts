// The online e-form, derived from the catalogue (pure): which questions each page asks, how answers are checked
// and normalised, and which files are needed. Pages follow the GOV.UK "one thing per page" pattern: the fields of
// a component's form are cut into runs about one person (the prefix of `childFullName`, `motherIdNumber`…) or
// about the request itself.
import type { Component, FormField, ProcedureVersionInput } from '../../catalogue/core/types.ts';
import type { FieldError } from '../components.tsx';
import { checkApplicant, checkEmail, checkIdNumber, checkPhone, type ApplicantAnswers } from '../../dossiers/core/applicant.ts';

/** The applicant (người nộp hồ sơ), asked once on the first page, by the rules of dossiers/core/applicant.ts. */
export type { ApplicantAnswers };

/** A draft's answers (drafts.data): the applicant, and per form component its fields' answers. */
export interface DraftData {
  applicant?: ApplicantAnswers;
  form?: Record<string, Record<string, string>>;
  /** Pages the citizen has saved (component code + page number), so that optional-only pages count as done. */
  seen?: string[];
}

/** "Provide once" (Nghị định 224/2026 Đ15 k1 điểm d; domain.md §3.1): the requester's fields of a tờ khai are
 *  filled from the applicant page instead of being asked again. */
export const PREFILLED: Record<string, keyof ApplicantAnswers> = {
  requesterFullName: 'name',
  requesterIdNumber: 'idNumber',
  requesterResidence: 'address',
  requesterPhone: 'phone',
  requesterEmail: 'email',
};

export interface FormPage {
  /** 1-based number across all form components (URL /to-khai/:n). */
  n: number;
  component: Component;
  title: string;
  fields: FormField[];
}

const prefixOf = (name: string) => /^([a-z]+)[A-Z]/.exec(name)?.[1] ?? null;

/** "Họ, chữ đệm, tên của người mẹ" → "Thông tin của người mẹ". */
function personTitle(fullNameLabel: string): string {
  const m = /tên (.+)$/.exec(fullNameLabel);
  return m ? `Thông tin ${m[1]}` : fullNameLabel;
}

export function formPages(proc: ProcedureVersionInput): FormPage[] {
  const pages: FormPage[] = [];
  for (const component of proc.components) {
    if (!component.form) continue;
    const fields = component.form.fields.filter((f) => !(f.name in PREFILLED));
    const people = new Map<string, string>();
    for (const f of fields) {
      const p = prefixOf(f.name);
      if (p && f.name === `${p}FullName`) people.set(p, personTitle(f.label));
    }
    let run: FormField[] = [];
    let key: string | null | undefined;
    const flush = () => {
      if (!run.length) return;
      const title = key ? people.get(key)! : run.length === 1 ? run[0]!.label : 'Nội dung đề nghị';
      pages.push({ n: pages.length + 1, component, title, fields: run });
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
  }
  return pages;
}

/** Components the citizen uploads files for: papers (not e-forms), except those only shown at the counter. */
export const uploadComponents = (proc: ProcedureVersionInput) => proc.components.filter((c) => !c.form && c.kind !== 'shown');
/** Papers that are shown (xuất trình) at the counter; online, their data is looked up in the national databases. */
export const shownComponents = (proc: ProcedureVersionInput) => proc.components.filter((c) => !c.form && c.kind === 'shown');

// ── Checking and normalising answers ──────────────────────────────────────────────────────────────────────────

const MAX_TEXT = 500;
const MAX_LONG = 4000;
export const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const clean = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');

/** 25/11/2026 or 2026-11-25 → 2026-11-25; null if not a real date. */
export function parseDate(v: string): string | null {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  let [y, mo, d] = m ? [m[1], m[2], m[3]] : [undefined, undefined, undefined];
  if (!m) {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    if (!m) return null;
    [d, mo, y] = [m[1]!.padStart(2, '0'), m[2]!.padStart(2, '0'), m[3]];
  }
  const iso = `${y}-${mo}-${d}`;
  const t = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(+t) && t.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The error for one answer, or null; `value` is the normalised answer to store. */
export function checkField(f: FormField, raw: unknown): { value: string; error: string | null } {
  let value = clean(raw);
  const label = lcFirst(f.label);
  if (!value) return { value, error: f.required ? `${f.type === 'select' ? 'Chọn' : 'Nhập'} ${label}` : null };
  switch (f.type) {
    case 'textarea':
      return { value, error: value.length > MAX_LONG ? `${f.label} không được dài quá ${MAX_LONG} ký tự` : null };
    case 'date': {
      const iso = parseDate(value);
      return iso ? { value: iso, error: null } : { value, error: `${f.label} phải là ngày có thật, ví dụ 25/11/2026` };
    }
    case 'number': {
      value = value.replace(',', '.');
      return /^\d{1,12}(\.\d{1,4})?$/.test(value) ? { value, error: null } : { value, error: `${f.label} phải là một số, ví dụ 2` };
    }
    case 'select':
      return f.options?.includes(value) ? { value, error: null } : { value, error: `Chọn ${label} trong danh sách` };
    // The applicant's rules (dossiers/core/applicant.ts) with the field's own label; a passport where the label says so.
    case 'id_number':
      return checkIdNumber(value, f.label, /hộ chiếu/i.test(f.label));
    case 'phone':
      return checkPhone(value, f.label);
    case 'email':
      return checkEmail(value, f.label);
    case 'text':
      return { value, error: value.length > MAX_TEXT ? `${f.label} không được dài quá ${MAX_TEXT} ký tự` : null };
  }
}

/** Checks one page; returns the normalised answers (as typed when wrong) and the errors, in field order. */
export function checkPage(fields: FormField[], body: Record<string, unknown>) {
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const f of fields) {
    const r = checkField(f, body[f.name]);
    values[f.name] = r.value;
    if (r.error) errors.push({ field: f.name, message: r.error });
  }
  return { values, errors };
}

/** The form answers with the requester's fields filled from the applicant (what is stored with the dossier). */
export function effectiveForm(proc: ProcedureVersionInput, data: DraftData): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
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
 * What still stops the submission: a missing or wrong applicant, an unanswered or invalid question, a required
 * paper without a file. Run on "check your answers" and again, in the transaction, on submit (the catalogue may
 * have changed in between).
 */
export function missing(proc: ProcedureVersionInput, data: DraftData, files: { component_code: string }[], base: string): Problem[] {
  const out: Problem[] = [];
  if (!data.applicant) out.push({ href: `${base}/nguoi-nop`, message: 'Chưa khai thông tin người nộp hồ sơ' });
  else {
    const a = checkApplicant(data.applicant, 'online');
    if (a.errors.length) out.push({ href: `${base}/nguoi-nop`, message: `Thông tin người nộp: ${lcFirst(a.errors[0]!.message)}` });
  }
  for (const p of formPages(proc)) {
    const answers = data.form?.[p.component.code] ?? {};
    const r = checkPage(p.fields, answers);
    if (r.errors.length) out.push({ href: `${base}/to-khai/${p.n}`, message: `${p.title}: ${lcFirst(r.errors[0]!.message)}` });
  }
  for (const c of uploadComponents(proc)) {
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
