// A valid declaration (tờ khai) for any procedure's e-form, built from the form's definition alone, as a careful
// citizen would fill it: every field answered (optional ones too), each person of the form with their own name and
// ID number, dates in order (parents born before the child, a death after the birth, nothing after today, a birth
// or death registered on time), ethnicity and nationality from the code lists (typed by name or by code, as the API
// accepts both), choices from the field's options, the requester's fields as the applicant's (the server fills them
// from the applicant: core/declaration.ts PREFILLED). The rules it satisfies are src/dossiers/core/answers.ts and
// src/dossiers/core/plausibility.ts. Pure; `today` is the Vietnam-local date the dossier is filed on.
import type { Component, FormField } from '../../src/catalogue/core/types.ts';
import { answerText, checkAnswer, takesPassport } from '../../src/dossiers/core/answers.ts';
import { codeListOf } from '../../src/dossiers/core/code-lists.ts';
import { PREFILLED, prefixOf, type FormAnswers } from '../../src/dossiers/core/declaration.ts';
import type { ApplicantAnswers } from '../../src/dossiers/core/applicant.ts';

export interface SampleApplicant {
  name: string;
  idNumber: string;
  address: string;
  phone: string;
  email?: string;
}

export interface SampleDeclaration {
  /** The answers to send (`answers` of POST /api/v1/public/submissions). */
  answers: FormAnswers;
  /** How each answer reads back (the declaration's `text`: dates as dd/mm/yyyy, codes by name), per form and field. */
  texts: Record<string, Record<string, string>>;
  /** The person the paper is about: the first person's full name of the first form, else the applicant's name. */
  mainName: string;
}

/** Prefixes of the younger person of a form (a parent, guardian or recognizer is born before them). */
const YOUNG: Record<string, string> = { child: 'recent', ward: '2016-05-14', recognized: '2018-03-09' };
const WOMEN = new Set(['mother', 'bride', 'wife']);
const MEN = new Set(['father', 'groom', 'husband', 'recognizer']);

const WOMEN_NAMES = ['Phạm Thị Ngọc Ánh', 'Đặng Thị Thu Hà', 'Vương Thị Mỹ Duyên', 'Lục Thị Hải Yến'];
const MEN_NAMES = ['Nguyễn Đức Thắng', 'Hà Văn Quyết', 'Triệu Quang Huy', 'Lò Văn Sơn'];
const CHILD_NAMES = ['Nguyễn Minh Khôi', 'Trần Bảo Ngọc', 'Đinh Gia Hân', 'Mai Tuấn Kiệt'];
/** A foreign party (a marriage with a foreign element): name, nationality typed by name, passport number. */
const FOREIGN = { female: 'Kim Ji-yeon', male: 'Park Min-ho', country: 'Hàn Quốc', passport: 'M12345678' };

/** Free-text answers a person would give, by field name; anything else gets a short declared sentence. */
const TEXTS: Record<string, string> = {
  relationship: 'Người thân thích', // of the child, the deceased…: true whoever the applicant is
  timeOfDeath: '14 giờ 30 phút',
  placeOfDeath: 'Bệnh viện Đa khoa tỉnh Thái Nguyên',
  causeOfDeath: 'Bệnh tim mạch',
  purpose: 'Bổ sung hồ sơ tuyển dụng',
  previousRegistrationPlace: 'Ủy ban nhân dân xã Xuân Dương, tỉnh Thái Nguyên',
  registrationNumber: 'Số 125, quyển số 01/2015',
  documentName: 'Giấy khai sinh',
  documentNumber: '125/2015',
  foreignAuthority: 'Ủy ban nhân dân quận Gangnam, thành phố Seoul',
  foreignCountry: 'Hàn Quốc',
  judgmentNumber: '45/2024/QĐ-TA',
  certificateNumber: 'CS 123456',
  certifiedContractNumber: '1234/2025/SCT-HĐGD',
  registeredContent: 'Họ, chữ đệm, tên: Nguyễn Văn Tí',
  requestedContent: 'Họ, chữ đệm, tên: Nguyễn Văn Tiến',
  reason: 'Tên đã đăng ký mang ý nghĩa không phù hợp, gây ảnh hưởng đến tinh thần',
  missingContent: 'Bổ sung quê quán: xã Xuân Dương, tỉnh Thái Nguyên',
  requestedInformation: 'Thông tin đăng ký khai sinh năm 2015',
  terminationReason: 'Người được giám hộ đã thành niên',
  assetDescription: 'Thửa đất số 125, tờ bản đồ số 10, diện tích 200 m², xã Xuân Dương',
  changeContent: 'Sửa đổi thời hạn thanh toán tại Điều 3 của hợp đồng',
  errorDescription: 'Ghi sai số thửa đất tại Điều 1 (ghi 152, đúng là 125)',
  correctContent: 'Thửa đất số 125, tờ bản đồ số 10',
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysBefore = (today: string, n: number) => iso(new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000));
/** 2026-11-27 → 27/11/2026: dates are sent as a person types them; the server stores them ISO. */
const typed = (isoDate: string) => isoDate.split('-').reverse().join('/');

interface Person {
  prefix: string;
  name: string;
  female: boolean;
  foreign: boolean;
  idNumber: string;
  dateOfBirth: string;
}

/** The persons of a form (prefixes of its `…FullName`, `…DateOfBirth`… fields, not the requester), each made up. */
function personsOf(fields: readonly FormField[], today: string, idOf: () => string): Map<string, Person> {
  const out = new Map<string, Person>();
  const prefixes = [...new Set(fields.map((f) => prefixOf(f.name)).filter((p): p is string => !!p && p !== 'requester'))]
    .filter((p) => fields.some((f) => f.name === `${p}FullName`));
  // A form that takes a passport number: its first person is the foreign party.
  const foreignPrefix = prefixes.find((p) => fields.some((f) => f.name === `${p}IdNumber` && takesPassport(f)));
  let [w, m, c] = [0, 0, 0];
  prefixes.forEach((prefix, i) => {
    const young = YOUNG[prefix];
    const female = WOMEN.has(prefix) || (!MEN.has(prefix) && !young && i % 2 === 0);
    const foreign = prefix === foreignPrefix;
    const name = foreign ? (female ? FOREIGN.female : FOREIGN.male)
      : young ? CHILD_NAMES[c++ % CHILD_NAMES.length]! : female ? WOMEN_NAMES[w++ % WOMEN_NAMES.length]! : MEN_NAMES[m++ % MEN_NAMES.length]!;
    const dateOfBirth = prefix === 'deceased' ? '1948-03-02'
      : young === 'recent' ? daysBefore(today, 10) // a birth registered on time (Luật Hộ tịch 2014 Đ15: 60 days)
        : young ?? `${1984 + 2 * i}-0${1 + (i % 9)}-1${i % 10}`;
    out.set(prefix, { prefix, name, female, foreign, idNumber: foreign ? FOREIGN.passport : idOf(), dateOfBirth });
  });
  return out;
}

/** The answer to one field, as typed. */
function answerFor(f: FormField, p: Person | undefined, today: string, n: number): string {
  const part = p ? f.name.slice(p.prefix.length) : f.name;
  const list = codeListOf(f);
  if (list === 'ethnicity') return p?.prefix === 'father' ? 'Tày' : 'Kinh'; // typed by name, stored as its code
  if (list === 'country') return p?.foreign ? FOREIGN.country : 'VN'; // by code
  if (p && part === 'FullName') return p.name;
  if (p && part === 'DateOfBirth') return typed(p.dateOfBirth);
  if (p && part === 'IdNumber') return p.idNumber;
  if (p && part === 'Gender' && f.options?.length) return f.options.find((o) => o === (p.female ? 'Nữ' : 'Nam')) ?? f.options[0]!;
  switch (f.type) {
    case 'date':
      // A death registered on time (Luật Hộ tịch 2014 Đ33: 15 days); any other event in the past, after every birth.
      return typed(/death/i.test(f.name) ? daysBefore(today, 5) : `2024-0${1 + (n % 9)}-15`);
    case 'number': return /Ordinal$/.test(f.name) ? '1' : '2';
    case 'select': return f.options![0]!; // the first choice: the common case ("Cha nhận con", "Khai sinh"…)
    case 'phone': return '0987654321';
    case 'email': return 'nguoi.khai@example.vn';
    case 'id_number': return '001099000001';
    default: {
      if (TEXTS[f.name]) return TEXTS[f.name]!;
      if (/Residence$/.test(f.name)) return 'Thôn Đồng Tâm, xã Xuân Dương, tỉnh Thái Nguyên';
      if (/PlaceOfBirth$/.test(f.name)) return 'Trạm y tế xã Xuân Dương, tỉnh Thái Nguyên';
      if (/Hometown$/.test(f.name)) return 'Xã Xuân Dương, tỉnh Thái Nguyên';
      if (/FullName$/.test(f.name)) return 'Lương Văn Hậu';
      return `Khai báo mẫu số ${n + 1}`;
    }
  }
}

/**
 * Sample answers for every e-form component of a procedure version, filed by `applicant` on `today` (YYYY-MM-DD,
 * Vietnam-local). ID numbers are distinct within the declaration and from the applicant's.
 */
export function sampleDeclaration(
  proc: { components: readonly Pick<Component, 'code' | 'form'>[] }, applicant: SampleApplicant, today: string,
): SampleDeclaration {
  const answers: FormAnswers = {};
  const texts: Record<string, Record<string, string>> = {};
  let mainName: string | null = null;
  let seq = 0;
  const idOf = () => {
    let id: string;
    do id = `0362${String(10_000_000 + 7_919 * ++seq).slice(-8)}`; while (id === applicant.idNumber);
    return id;
  };
  for (const c of proc.components) {
    if (!c.form) continue;
    const persons = personsOf(c.form.fields, today, idOf);
    mainName ??= [...persons.values()][0]?.name ?? null;
    const given: Record<string, string> = {};
    const read: Record<string, string> = {};
    c.form.fields.forEach((f, n) => {
      const from = PREFILLED[f.name];
      const prefix = prefixOf(f.name);
      const raw = from ? (applicant as Partial<ApplicantAnswers>)[from] ?? '' : answerFor(f, prefix ? persons.get(prefix) : undefined, today, n);
      if (!raw) return;
      given[f.name] = raw;
      read[f.name] = answerText(f, checkAnswer(f, raw).value);
    });
    answers[c.code] = given;
    texts[c.code] = read;
  }
  return { answers, texts, mainName: mainName ?? applicant.name };
}
