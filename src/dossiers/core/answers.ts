// One e-form answer (tờ khai điện tử): how it is checked and normalised by its field's definition in the procedure
// version (catalogue/core/types.ts FormField), and how it reads back. The portal's e-form pages, the public
// submission API and the dossier's stored declaration use these rules. Pure.
import type { FormField } from '../../catalogue/core/types.ts';
import { checkEmail, checkIdNumber, checkPhone, type Checked } from './applicant.ts';
import { codeListOf, codeName, findCode, type CodeListId } from './code-lists.ts';

export type { Checked };

export const MAX_TEXT = 500;
export const MAX_LONG = 4000;

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

/** 2026-11-25 → 25/11/2026 (anything else as it is). */
export const dateText = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
};

/** An ID-number field that also takes a passport number: its label names one (the form shows the same hint). */
export const takesPassport = (f: FormField) => /hộ chiếu/i.test(f.label);

const LIST_NAME: Record<CodeListId, string> = {
  ethnicity: 'danh sách 54 dân tộc Việt Nam',
  country: 'danh sách quốc gia, vùng lãnh thổ',
};

/** The error for one answer, or null; `value` is the normalised answer to store (as typed, trimmed, when wrong). */
export function checkAnswer(f: FormField, raw: unknown): Checked {
  let value = clean(raw);
  const label = lcFirst(f.label);
  const list = codeListOf(f);
  if (!value) return { value, error: f.required ? `${f.type === 'select' || list ? 'Chọn' : 'Nhập'} ${label}` : null };
  if (list) {
    const entry = findCode(list, value);
    return entry ? { value: entry.code, error: null } : { value, error: `Chọn ${label} trong ${LIST_NAME[list]}` };
  }
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
    // The applicant's rules (core/applicant.ts) with the field's own label; a passport where the label says so.
    case 'id_number':
      return checkIdNumber(value, f.label, takesPassport(f));
    case 'phone':
      return checkPhone(value, f.label);
    case 'email':
      return checkEmail(value, f.label);
    case 'text':
      return { value, error: value.length > MAX_TEXT ? `${f.label} không được dài quá ${MAX_TEXT} ký tự` : null };
  }
}

/** What an answer not given reads as. */
export const NOT_DECLARED = 'Không khai';

/** A stored answer as a person reads it: dates as 25/11/2026, codes by their name, "Không khai" when empty. */
export function answerText(f: FormField, value: string | null | undefined): string {
  if (!value) return NOT_DECLARED;
  const list = codeListOf(f);
  if (list) return codeName(list, value);
  return f.type === 'date' ? dateText(value) : value;
}
