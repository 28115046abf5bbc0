// Comparing what was typed with what a national database holds (pure): names with or without diacritics, dates in
// the formats people write them, addresses word by word. Used to highlight differences at the counter and to decide
// whether a civil-status record matches what the paper says.
import type { CivilStatusQuery, CivilStatusRecord, PopulationRecord } from './registry.ts';

/** Unicode NFC, trimmed, runs of spaces made one. */
export const tidy = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');

/** Lower case, no diacritics (đ → d), no punctuation, single spaces: "Lê Thị  Hồng" → "le thi hong". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** How two names compare: the same, the same but for diacritics or case (typed without marks), or different. */
export type NameMatch = 'same' | 'same_without_marks' | 'different';

export function compareNames(typed: string, held: string): NameMatch {
  const a = tidy(typed);
  const b = tidy(held);
  if (a === b) return 'same';
  return fold(a) === fold(b) ? 'same_without_marks' : 'different';
}

/**
 * A date as people write it, to YYYY-MM-DD; null when it is not a real date. Accepted: 2025-03-14, 20250314,
 * 14/03/2025, 14-03-2025, 14.03.2025, 4/3/2025 (day first, as written in Vietnam).
 */
export function parseDate(s: string): string | null {
  const t = s.trim();
  let y: number; let m: number; let d: number;
  let r = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (r) {
    [y, m, d] = [Number(r[1]), Number(r[2]), Number(r[3])];
  } else if ((r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t))) {
    [d, m, y] = [Number(r[1]), Number(r[2]), Number(r[3])];
  } else return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const sameDate = (a: string, b: string) => {
  const x = parseDate(a);
  return x !== null && x === parseDate(b);
};

/** Addresses compare folded (no diacritics, case or punctuation): "Thôn Đồng Tâm, xã X" = "thon dong tam xa x". */
export const sameAddress = (a: string, b: string) => fold(a) === fold(b);

// ── The counter's comparison ────────────────────────────────────────────────────────────────────────────────

export type CompareField = 'name' | 'dateOfBirth' | 'address';
export const COMPARE_LABEL: Record<CompareField, string> = {
  name: 'Họ, chữ đệm và tên', dateOfBirth: 'Ngày sinh', address: 'Nơi cư trú',
};

export interface Line {
  field: CompareField;
  typed: string;
  held: string;
  /** 'same'; 'marks': the same but for diacritics or case; 'different'; 'missing': nothing typed. */
  verdict: 'same' | 'marks' | 'different' | 'missing';
}

/** The person's place of residence as the population database holds it: where they live now, else their permanent
 *  residence (either is a place of residence, Luật Cư trú 2020 Đ11). What the forms' "Nơi cư trú" is filled with. */
export const residenceOf = (r: Pick<PopulationRecord, 'currentResidence' | 'permanentResidence'>): string => r.currentResidence || r.permanentResidence;

/** What the dossier says of the person next to what the population database holds, field by field. The address
 *  typed is compared with the current residence, else the permanent one (residenceOf). */
export function comparePerson(typed: { name: string; dateOfBirth?: string; address?: string }, held: PopulationRecord): Line[] {
  const line = (field: CompareField, t: string | undefined, h: string, same: (a: string, b: string) => 'same' | 'marks' | 'different'): Line => {
    const v = (t ?? '').trim();
    return { field, typed: v, held: h, verdict: v ? same(v, h) : 'missing' };
  };
  const nameVerdict = (a: string, b: string) => ({ same: 'same', same_without_marks: 'marks', different: 'different' } as const)[compareNames(a, b)];
  const out = [line('name', typed.name, held.fullName, nameVerdict)];
  if (typed.dateOfBirth !== undefined) out.push(line('dateOfBirth', typed.dateOfBirth, held.dateOfBirth, (a, b) => (sameDate(a, b) ? 'same' : 'different')));
  const address = residenceOf(held);
  out.push(line('address', typed.address, address, (a, b) => {
    if (tidy(a) === tidy(b)) return 'same';
    if (sameAddress(a, b) || sameAddress(a, held.permanentResidence)) return 'marks';
    return 'different';
  }));
  return out;
}

// ── The civil-status verification ───────────────────────────────────────────────────────────────────────────

/** The fields of the paper that differ from the record (empty: it matches). Names compare without diacritics (a
 *  paper typed without marks is the same record), the number and book without spaces or case, dates by value. */
export function civilStatusMismatches(q: CivilStatusQuery, r: CivilStatusRecord): ('number' | 'book' | 'name' | 'otherName' | 'date')[] {
  const key = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  const out: ('number' | 'book' | 'name' | 'otherName' | 'date')[] = [];
  if (q.kind !== r.kind || key(q.number) !== key(r.number)) out.push('number');
  if (q.book.trim() && key(q.book) !== key(r.book)) out.push('book');
  if (compareNames(q.name, r.name) === 'different') out.push('name');
  if (q.kind === 'marriage' && compareNames(q.otherName, r.otherName ?? '') === 'different') out.push('otherName');
  const date = q.kind === 'birth' ? r.dateOfBirth : r.registeredOn;
  if (!date || !sameDate(q.date, date)) out.push('date');
  return out;
}

/** The subject's ID number masked for the log and the pages: the last 4 digits only ("••••••••4567"). */
export const maskId = (idNumber: string) => `${'•'.repeat(Math.max(0, idNumber.length - 4))}${idNumber.slice(-4)}`;
