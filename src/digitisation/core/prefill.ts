// Reading e-form answers off a scanned paper's OCR text (issue 14: "keep the OCR text … for pre-filling e-form fields
// where the procedure defines the mapping (an officer confirms)"). Pure: the catalogue's mapping (a component's
// `ocrFill`: field ← printed label) and the text in, one proposal per field out — found with the value, unreadable
// (the label is there but what follows is not a date / a 12-digit number / one of the choices), or missing. Nothing is
// applied here: the officer ticks what to apply on the staff page and the declaration correction checks it.
//
// Matching is tolerant of what OCR does to a printed form: diacritics and case are ignored (Tesseract drops or swaps
// tones), words of the label may be joined or split by punctuation, and the label is followed by a colon, dot leaders
// or the end of the line (the value is then on the next line). A label never found gives no value: nothing is guessed.

export type ReadKind = 'text' | 'date' | 'id_number' | 'choice';

/** One field to read: its name, the label's wordings (the first is the catalogue's `label`), how to read the value. */
export interface FillRule {
  field: string;
  labels: readonly string[];
  kind: ReadKind;
  /** The choices of a `choice` field (the e-form's options). */
  options?: readonly string[];
}

export type Proposal =
  | { field: string; status: 'found'; value: string; read: string }
  | { field: string; status: 'unreadable'; read: string }
  | { field: string; status: 'missing' };

/** How a field of this e-form type is read off the paper. */
export function kindOf(field: { type: string; options?: readonly string[] }): ReadKind {
  if (field.type === 'date') return 'date';
  if (field.type === 'id_number') return 'id_number';
  if (field.type === 'select' && field.options?.length) return 'choice';
  return 'text';
}

// ——— folding: lower case, no diacritics, đ → d, each folded character remembering where it came from ———

interface Folded {
  s: string;
  /** at[i]: index in the original string of the character folded into s[i]. */
  at: number[];
}

export function fold(text: string): Folded {
  let s = '';
  const at: number[] = [];
  let i = 0;
  for (const ch of text) {
    const base = ch === 'đ' || ch === 'Đ' ? 'd' : ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
    for (const b of base) {
      s += b;
      at.push(i);
    }
    i += ch.length;
  }
  return { s, at };
}

const foldStr = (text: string) => fold(text).s;

/** The original index of folded position k (k may be the folded length: the end). */
const origin = (f: Folded, k: number, original: string) => (k < f.at.length ? f.at[k]! : original.length);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The label as a pattern over folded text: its words in order, up to 3 characters of punctuation or space between
 *  them (OCR joins and splits words), at a word start, followed by a separator: a colon (or what OCR makes of one),
 *  dot leaders, or the end of the line. Group 1 is the separator. */
function labelPattern(label: string): RegExp | null {
  const words = foldStr(label.normalize('NFC')).split(/[^a-z0-9]+/).filter(Boolean);
  if (!words.length) return null;
  return new RegExp(`(?<![a-z0-9])${words.map(escape).join('[^a-z0-9]{0,3}')}(?![a-z0-9])[ \\t]*([:;：]|[.…]+|$)`, 'g');
}

/** Bullets or numbering before a label at the start of a line ("1.", "a)", "-", "•"). */
const LINE_START = /^[ \t]*(?:(?:[-•*+–]|\d{1,2}[.)]|[a-z][.)])[ \t]*)?$/;
/** What may stand between the label and the value: spaces, colons, dot leaders, underscores. */
const LEADING = /^[\s.:;：…_·\-–]+/;
const TRAILING = /[\s.,;:：…_·\-–]+$/;
/** Where a value stops on its line: dot leaders, a column gap (3+ spaces or a tab). */
const STOP = /\s*(?:\.{3,}|…|_{3,})|\s{3,}|\t/;
/** A line that is itself "label: value", not the value of the label above it. */
const LABELLED_LINE = /^[^:：\d]{1,60}[:：]/;

interface Hit {
  line: number;
  /** Folded index in the line where the value may begin (after the separator). */
  end: number;
  atStart: boolean;
  variant: number;
}

function hitsOf(lines: readonly Folded[], label: string, variant: number): Hit[] {
  const re = labelPattern(label);
  if (!re) return [];
  const hits: Hit[] = [];
  lines.forEach((l, line) => {
    for (const m of l.s.matchAll(re)) {
      hits.push({ line, end: m.index + m[0].length, atStart: LINE_START.test(l.s.slice(0, m.index)), variant });
    }
  });
  return hits;
}

/** The best place of a rule's label: at a line's start before mid-line, the catalogue's wording before the others,
 *  the first line before later ones. */
function bestHit(lines: readonly Folded[], labels: readonly string[]): Hit | undefined {
  const hits = labels.flatMap((l, i) => hitsOf(lines, l, i));
  hits.sort((a, b) => Number(b.atStart) - Number(a.atStart) || a.variant - b.variant || a.line - b.line);
  return hits[0];
}

/** The value text starting at folded index `from` of the line: up to another rule's label on the same line, dot
 *  leaders or a column gap; stray separators trimmed. */
function cut(original: string, f: Folded, from: number, others: readonly RegExp[]): string {
  let stop = f.s.length;
  for (const re of others) {
    const m = [...f.s.slice(from).matchAll(re)].find((x) => x.index > 0);
    if (m) stop = Math.min(stop, from + m.index);
  }
  let text = original.slice(origin(f, from, original), origin(f, stop, original)).replace(LEADING, '');
  const gap = STOP.exec(text);
  if (gap && gap.index > 0) text = text.slice(0, gap.index);
  return text.replace(TRAILING, '').replace(/\s+/g, ' ').trim();
}

// ——— reading a value by kind ———

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(d: number, m: number, y: number): string | undefined {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return undefined;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCDate() === d && t.getUTCMonth() === m - 1 ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

/** A date written dd/mm/yyyy (or with "-", "."), "ngày 05 tháng 3 năm 2026", or yyyy-mm-dd, as yyyy-mm-dd; the
 *  first one in the text; undefined when there is none or it is no day of the calendar. */
export function readDate(text: string): string | undefined {
  const f = foldStr(text.normalize('NFC'));
  const found = [
    /(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/.exec(f),
    /(?<![a-z])ngay\W{0,3}(\d{1,2})\W{0,3}thang\W{0,3}(\d{1,2})\W{0,3}nam\W{0,3}(\d{4})(?!\d)/.exec(f),
  ].filter((m): m is RegExpExecArray => !!m).map((m) => ({ at: m.index, d: Number(m[1]), m: Number(m[2]), y: Number(m[3]) }));
  const iso = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(f);
  if (iso) found.push({ at: iso.index, d: Number(iso[3]), m: Number(iso[2]), y: Number(iso[1]) });
  const first = found.sort((a, b) => a.at - b.at)[0];
  return first && isoDate(first.d, first.m, first.y);
}

/** A 12-digit personal identification number (số định danh cá nhân, Luật Căn cước 2023 Đ12), digits possibly
 *  grouped by spaces or dots; undefined when the text has none (a 9-digit old ID card number is not one). */
export function readIdNumber(text: string): string | undefined {
  for (const m of text.matchAll(/\d(?:[ .]?\d)*/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length === 12) return digits;
  }
  return undefined;
}

/** The choice the text starts with (diacritic- and case-insensitive; the longest that fits), as the e-form writes it.
 *  Choices that fold to the same letters must be read exactly. */
export function readChoice(text: string, options: readonly string[]): string | undefined {
  const t = foldStr(text.normalize('NFC')).trim();
  const exact = text.normalize('NFC').trim().toLocaleLowerCase('vi');
  const fits = options.filter((o) => {
    const fo = foldStr(o.normalize('NFC'));
    if (!(t === fo || (t.startsWith(fo) && !/[a-z0-9]/.test(t[fo.length]!)))) return false;
    const twins = options.filter((x) => foldStr(x.normalize('NFC')) === fo);
    return twins.length === 1 || exact.startsWith(o.normalize('NFC').toLocaleLowerCase('vi'));
  });
  return fits.sort((a, b) => b.length - a.length)[0];
}

const MAX_TEXT = 200;

function readAs(rule: FillRule, read: string): string | undefined {
  switch (rule.kind) {
    case 'date': return readDate(read);
    case 'id_number': return readIdNumber(read);
    case 'choice': return readChoice(read, rule.options ?? []);
    default: {
      const v = read.replace(/^["'“”‘’(]+|["'“”‘’)]+$/g, '').trim();
      return v && v.length <= MAX_TEXT ? v : undefined;
    }
  }
}

/** One proposal per rule, in the rules' order. */
export function proposeFill(ocrText: string, rules: readonly FillRule[]): Proposal[] {
  const raw = ocrText.normalize('NFC').split(/\r\n|\r|\n|\f/);
  const lines = raw.map(fold);
  const patterns = rules.map((r) => r.labels.map(labelPattern).filter((p): p is RegExp => !!p));
  return rules.map((rule, i) => {
    const hit = bestHit(lines, rule.labels);
    if (!hit) return { field: rule.field, status: 'missing' };
    const others = patterns.filter((_p, j) => j !== i).flat();
    let read = cut(raw[hit.line]!, lines[hit.line]!, hit.end, others);
    if (!read) {
      // Nothing after the label on its line: the value is on the next non-empty line, unless that line is a label's.
      const next = raw.findIndex((l, k) => k > hit.line && l.replace(LEADING, '').trim() !== '');
      const line = next < 0 ? '' : raw[next]!;
      if (next >= 0 && !LABELLED_LINE.test(line.trim()) && !others.some((re) => lines[next]!.s.search(re) >= 0)) {
        read = cut(line, lines[next]!, 0, others);
      }
    }
    if (!read) return { field: rule.field, status: 'missing' };
    const value = readAs(rule, read);
    return value === undefined ? { field: rule.field, status: 'unreadable', read: read.slice(0, MAX_TEXT) } : { field: rule.field, status: 'found', value, read };
  });
}
