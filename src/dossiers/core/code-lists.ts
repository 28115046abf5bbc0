// The code lists an e-form answer may be taken from (pure data, in code-lists/*.json):
// - ethnicity: the 54 ethnic groups of Viet Nam with their two-digit codes, "Danh mục các thành phần dân tộc Việt
//   Nam", Quyết định 121-TCTK/PPCĐ ngày 02/3/1979 of the General Statistics Office (codes 01 Kinh … 54 Rơ-măm, in the
//   order of that list; names as the 2019 census writes them; a few other names found on old papers as aliases);
// - country: ISO 3166-1 alpha-2 codes with Vietnamese names, for nationality (quốc tịch, Luật Quốc tịch Việt Nam
//   2008); names from CLDR, a few written as Vietnamese administration writes them (e.g. "Đài Loan (Trung Quốc)").
// An answer is stored as the code ("01", "VN"); the name is shown. A typed name (any case, with or without
// diacritics, hyphens or spaces) or an alias is read as its code, so that answers given before the lists existed
// and API callers that send names are understood.
import type { FormField } from '../../catalogue/core/types.ts';
import ETHNICITIES from './code-lists/ethnicities.json' with { type: 'json' };
import COUNTRIES from './code-lists/countries.json' with { type: 'json' };

export type CodeListId = 'ethnicity' | 'country';

export interface CodeEntry {
  readonly code: string;
  readonly name: string;
  readonly aliases?: readonly string[];
}

/** The lists as shipped, in their official order (ethnicities by code, countries by code). */
export const CODE_LISTS: Record<CodeListId, readonly CodeEntry[]> = { ethnicity: ETHNICITIES, country: COUNTRIES };

/** "Gié-Triêng", "gie trieng", "GIÉ TRIÊNG" → "gietrieng": what a typed name is matched on. */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]/g, '');
}

const byCode = new Map<CodeListId, Map<string, CodeEntry>>();
const byName = new Map<CodeListId, Map<string, CodeEntry>>();
for (const id of Object.keys(CODE_LISTS) as CodeListId[]) {
  byCode.set(id, new Map(CODE_LISTS[id].map((e) => [e.code, e])));
  const names = new Map<string, CodeEntry>();
  for (const e of CODE_LISTS[id]) for (const n of [e.name, ...(e.aliases ?? [])]) names.set(foldName(n), e);
  byName.set(id, names);
}

/** The entry a stored or typed answer names (its code, its name or an alias), or undefined. */
export function findCode(list: CodeListId, answer: string): CodeEntry | undefined {
  const v = answer.trim();
  return byCode.get(list)!.get(v.toUpperCase()) ?? byName.get(list)!.get(foldName(v));
}

/** The name to show for a stored answer: the entry's name, or the answer itself when it is not a code. */
export const codeName = (list: CodeListId, answer: string): string => findCode(list, answer)?.name ?? answer;

/** The list as a form offers it: Viet Nam first for countries, then the others by their Vietnamese name; the ethnic
 *  groups in the order of the official list (Kinh first). */
export function choicesOf(list: CodeListId): { value: string; label: string }[] {
  const entries = [...CODE_LISTS[list]];
  if (list === 'country') {
    const collator = new Intl.Collator('vi');
    entries.sort((a, b) => (a.code === 'VN' ? -1 : b.code === 'VN' ? 1 : collator.compare(a.name, b.name)));
  }
  return entries.map((e) => ({ value: e.code, label: e.name }));
}

/**
 * The code list an e-form field takes its answer from: the one its definition names (`codeList`), else, so that the
 * procedures published before the lists stay as they are, the one its machine name implies (`…Ethnicity` → the
 * ethnic groups, `…Nationality` → the countries) on a free-text or choice field without options of its own.
 */
export function codeListOf(f: Pick<FormField, 'name' | 'type' | 'options' | 'codeList'>): CodeListId | null {
  if (f.codeList) return f.codeList;
  if (f.type !== 'text' && !(f.type === 'select' && !f.options?.length)) return null;
  if (/(^e|E)thnicity$/.test(f.name)) return 'ethnicity';
  if (/(^n|N)ationality$/.test(f.name)) return 'country';
  return null;
}
