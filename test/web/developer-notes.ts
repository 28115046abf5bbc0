// What a developer's note looks like (issue 11): the patterns that must never reach what users read (pages, PDFs,
// spreadsheets, API messages and descriptions, e-mails/SMS). Code comments may keep them. Used by the crawl of the
// pages (no-developer-notes.app.test.ts) and by the tests of the shipped data (catalogue, plan, PAR, indicators).

/** The notes, by name. */
export const NOTES: [string, RegExp][] = [
  ['UNCERTAIN', /UNCERTAIN/], // upper case: the catalogue's data field "uncertain" may show in its JSON editor
  ['domain.md', /domain\.md/i],
  ['§', /§/],
  ['vấn đề N', /vấn đề \d/i],
  ['evidence tag', /\[(V|S|M)\]/],
  // "Trường hợp cần xác minh" (a case that needs checking) is the law's own words; a bare "… cần xác minh" is a note.
  ['cần xác minh', /(?<!(?:trường hợp|nếu|khi|việc) )cần xác minh/i],
  ['Nguồn thứ cấp', /nguồn thứ cấp/i],
  ['issue N', /\bissue\s*#?\d/i],
  ['TODO', /\b(TODO|FIXME|XXX)\b/],
  ['file of the code', /\b[\w-]+\.(?:md|tsx?)\b/],
];

/** A developer's note left in English in a Vietnamese text ("article UNCERTAIN", "restated in …", "… vs. …"): for
 *  texts that are Vietnamese by nature, such as the legal bases of the dossier actions (not in NOTES: data such as a
 *  procedure's `uncertain` paths, "legalBasis.0.article", may show in a JSON editor or an API answer). */
export const ENGLISH_NOTE = /\b(?:article|clause|number|under|restated|vs\.|e\.g\.|UNCERTAIN|not confirmed)(?![\p{L}])/iu;

/** A metric or internal key shown as words ("satisfaction-published"): lower-case ASCII joined by hyphens, not part
 *  of a URL, a file name or an address. Checked on the visible text of pages, not on data (JSON, spreadsheets). */
export const KEY = /(?<![\p{L}\p{N}_./:@=?&#%-])[a-z]+(?:-[a-z]+)+(?![\p{L}\p{N}_./@-])/gu;

/** Hyphenated words a Vietnamese reader does meet. */
export const WORDS = new Set(['e-mail']);

/** The names of the notes in `text` (empty: none). */
export const notesIn = (text: string): string[] => NOTES.filter(([, re]) => re.test(text)).map(([name]) => name);

/** Every string in a value (an object's keys excepted), with where it is: for the tests of shipped data. */
export function stringsOf(x: unknown, at = ''): [string, string][] {
  if (typeof x === 'string') return [[at, x]];
  if (Array.isArray(x)) return x.flatMap((v, i) => stringsOf(v, `${at}.${i}`));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => stringsOf(v, at ? `${at}.${k}` : k));
  return [];
}

/** The strings of `x` that carry a note, as "path: note: text" lines (empty: none). */
export const notesOf = (x: unknown): string[] =>
  stringsOf(x).flatMap(([at, s]) => notesIn(s).map((n) => `${at}: ${n}: ${s.slice(0, 160)}`));
