// Plausibility of a declaration: rules across the answers of one e-form, beyond each answer's own (core/answers.ts),
// for what a citizen can get wrong and an officer would refuse at receipt (domain.md §2.5: the receipt check of a
// complete, consistent and valid dossier). Persons are told by their fields' prefix (`childDateOfBirth`,
// `motherIdNumber`…); the requester (người yêu cầu) is not a person of the declaration here: they may be the mother,
// or the person the paper is about. Every rule applies only when the answers it compares are given and valid.
// Pure: `today` (Vietnam-local YYYY-MM-DD) comes from the caller.
import type { FormField } from '../../catalogue/core/types.ts';
import { checkAnswer, dateText } from './answers.ts';
import { findCode, foldName } from './code-lists.ts';
import { prefixOf, type AnswerIssue } from './declaration.ts';

/** One form's fields and its answers (normalised or as typed). */
export interface AnsweredForm {
  componentCode: string;
  fields: readonly FormField[];
  answers: Readonly<Record<string, string>>;
}

/** Parents whose children the same form names (Luật Hộ tịch 2014 Đ16: the birth registration's tờ khai). */
const PARENTS = ['mother', 'father'] as const;
const CHILD = 'child';
/** Prefixes that are not a person of the declaration (see the header). */
const NOT_A_PERSON = new Set(['requester']);

interface Person {
  prefix: string;
  /** "người mẹ", "trẻ": from the fields' labels ("Họ, chữ đệm, tên của người mẹ"). */
  who: string;
  fullName?: string;
  dateOfBirth?: string;
  idNumber?: string;
  ethnicity?: string;
}

const PART: Record<string, keyof Omit<Person, 'prefix' | 'who'>> = {
  FullName: 'fullName', DateOfBirth: 'dateOfBirth', IdNumber: 'idNumber', Ethnicity: 'ethnicity',
};

/** "Số định danh cá nhân của người cha" → "người cha". */
const whoOf = (label: string): string | null => /.* của (.+)$/.exec(label)?.[1] ?? null;

/** The persons of a form, each with its valid answers (an invalid answer is left out: its own error says why). */
function personsOf(form: AnsweredForm): Person[] {
  const byPrefix = new Map<string, Person>();
  for (const f of form.fields) {
    const prefix = prefixOf(f.name);
    const part = prefix ? PART[f.name.slice(prefix.length)] : undefined;
    if (!prefix || !part || NOT_A_PERSON.has(prefix)) continue;
    const p = byPrefix.get(prefix) ?? { prefix, who: whoOf(f.label) ?? prefix };
    if (whoOf(f.label) && p.who === prefix) p.who = whoOf(f.label)!;
    const raw = form.answers[f.name];
    const r = raw ? checkAnswer(f, raw) : null;
    if (r && !r.error && r.value) p[part] = r.value;
    byPrefix.set(prefix, p);
  }
  return [...byPrefix.values()];
}

const field = (p: Person, part: string) => `${p.prefix}${part}`;
const sameId = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/**
 * The issues of one form, at most one per field, in the order of the rules:
 * 1. a birth date (or a date of death) is not after today;
 * 2. a date of death is not before the deceased's birth date;
 * 3. a parent is not the child: not the same name and birth date (and rule 5 for the ID number);
 * 4. a parent (mother, father) is born before the child;
 * 5. two persons of one declaration do not share an ID number (mother ≠ father ≠ child; bride ≠ groom…);
 * 6. when both parents' ethnic groups are given, the child's is one of them (Bộ luật Dân sự 2015 Điều 29 khoản 2:
 *    a person's ethnic group at birth is the father's or the mother's).
 */
export function formIssues(form: AnsweredForm, today: string): AnswerIssue[] {
  const out = new Map<string, string>();
  const add = (f: string, message: string) => { if (!out.has(f)) out.set(f, message); };
  const labels = new Map(form.fields.map((f) => [f.name, f.label]));
  const persons = personsOf(form);
  const byPrefix = new Map(persons.map((p) => [p.prefix, p]));

  // 1 and 2: dates of birth and death.
  for (const f of form.fields) {
    if (f.type !== 'date' || !/(DateOfBirth|DateOfDeath|^dateOfDeath)$/.test(f.name)) continue;
    const r = form.answers[f.name] ? checkAnswer(f, form.answers[f.name]) : null;
    if (r && !r.error && r.value > today) add(f.name, `${f.label} không được sau ngày hôm nay (${dateText(today)})`);
  }
  const deceased = byPrefix.get('deceased');
  for (const name of ['deceasedDateOfDeath', 'dateOfDeath']) {
    const f = form.fields.find((x) => x.name === name);
    const r = f && form.answers[name] ? checkAnswer(f, form.answers[name]) : null;
    if (f && r && !r.error && deceased?.dateOfBirth && r.value < deceased.dateOfBirth) {
      add(name, `${f.label} không được trước ngày sinh của ${deceased.who}`);
    }
  }

  // 3 and 4: parents and the child.
  const child = byPrefix.get(CHILD);
  for (const prefix of PARENTS) {
    const parent = byPrefix.get(prefix);
    if (!parent || !child) continue;
    if (parent.fullName && child.fullName && parent.dateOfBirth && parent.dateOfBirth === child.dateOfBirth
      && foldName(parent.fullName) === foldName(child.fullName)) {
      add(field(parent, 'FullName'), `${capital(parent.who)} và ${child.who} không thể là cùng một người: họ tên và ngày sinh trùng nhau`);
    }
    if (parent.dateOfBirth && child.dateOfBirth && parent.dateOfBirth >= child.dateOfBirth) {
      add(field(parent, 'DateOfBirth'), `Ngày sinh của ${parent.who} phải trước ngày sinh của ${child.who} (${dateText(child.dateOfBirth)})`);
    }
  }

  // 5: distinct ID numbers.
  const withId = persons.filter((p) => p.idNumber);
  withId.forEach((p, i) => {
    const first = withId.slice(0, i).find((q) => sameId(q.idNumber!, p.idNumber!));
    if (first) {
      const label = labels.get(field(p, 'IdNumber')) ?? 'Số định danh cá nhân';
      add(field(p, 'IdNumber'), `${label} trùng với số của ${first.who}: mỗi người có một số riêng`);
    }
  });

  // 6: the child's ethnic group.
  const [mother, father] = PARENTS.map((x) => byPrefix.get(x));
  if (child?.ethnicity && mother?.ethnicity && father?.ethnicity) {
    const code = (v: string) => findCode('ethnicity', v)?.code ?? v;
    if (![code(mother.ethnicity), code(father.ethnicity)].includes(code(child.ethnicity))) {
      add(field(child, 'Ethnicity'), `Dân tộc của ${child.who} phải là dân tộc của cha hoặc của mẹ`);
    }
  }

  return [...out].map(([f, message]) => ({ component: form.componentCode, field: f, message }));
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The issues of every form of a declaration. */
export function plausibilityIssues(forms: readonly AnsweredForm[], today: string): AnswerIssue[] {
  return forms.flatMap((f) => formIssues(f, today));
}
