// The applicant (người nộp hồ sơ: name, số định danh cá nhân, address, phone, e-mail; domain.md §2.6, on every
// form): one definition of the rules and of their Vietnamese messages. From it come the API schemas (TypeBox, so
// the OpenAPI document shows the patterns the forms apply), the type, and checkApplicant, which the counter form
// and the portal use. Pure.
//
// The rules (our decisions):
// - Phone: a Vietnamese mobile or landline number, 0 or +84 then 9–10 digits, the first of them not 0 (a mobile is
//   0 + 9 digits, a landline 0 + area code + number = 0 + 10 digits). Spaces, dots and dashes may be typed between
//   the digits. Stored as the national number, digits only, +84 written as 0 ("+84 912 345 678" → "0912345678"):
//   the form officers and citizens read, and the one the SMS notices go to.
// - ID number: the 12-digit personal identification number (số định danh cá nhân, on the thẻ Căn cước). The 9-digit
//   CMND is no longer accepted (Luật Căn cước 2023: a CMND is valid until 31/12/2024 at the latest). Spaces may be
//   typed; stored as 12 digits. An e-form field whose label names a passport (hộ chiếu) also takes a passport
//   number, 6–20 letters and digits, stored in capitals (checkIdNumber); the applicant's own field does not.
// - Name and address: any text, not blank. Names are not limited to letters (ethnic-minority and foreign names).
//   Stored in Unicode NFC (Vietnamese typed as combining marks is stored precomposed, so that it is found by
//   search), trimmed, runs of spaces made one.
// - E-mail: something@domain.tld, trimmed.
// - Which fields are required depends on the channel (the schema's `required`): at the counter only the name (the
//   officer may file for someone without an ID card or a phone at hand); online also the ID number (the status
//   lookup asks for its last 4 digits), the address and the phone (the notices).
//
// So that the API accepts exactly what the forms accept: every pattern allows spaces around the value (the forms
// trim), lengths are counted on the value as typed and in code points (as the API validator, Ajv, counts them),
// and an empty answer on a form is the API's absent property.
import { Type, type Static, type TObject } from '@sinclair/typebox';

export const APPLICANT_FIELDS = ['name', 'idNumber', 'address', 'phone', 'email'] as const;
export type ApplicantField = (typeof APPLICANT_FIELDS)[number];

/** The applicant as a form holds it: every field a string, '' when not given. */
export type ApplicantAnswers = Record<ApplicantField, string>;

/** The fields' labels: the forms show them, the messages use them. */
export const APPLICANT_LABEL: Record<ApplicantField, string> = {
  name: 'Họ, chữ đệm và tên',
  idNumber: 'Số định danh cá nhân',
  address: 'Nơi cư trú',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
};

export const MAX_NAME = 200;
export const MAX_ADDRESS = 500;
export const MAX_EMAIL = 200;

// Patterns of the value as typed (JSON Schema `pattern`: a JavaScript regular expression, also valid with the u
// flag Ajv compiles it with). Each repetition consumes a character no neighbour can, so a long input costs linear
// time.
export const PHONE_PATTERN = '^\\s*(?:0|\\+84)[\\s.-]*[1-9](?:[\\s.-]*[0-9]){8,9}\\s*$';
export const ID_NUMBER_PATTERN = '^\\s*(?:[0-9]\\s*){12}$';
export const EMAIL_PATTERN = '^\\s*[^\\s@]+@[^\\s@.]+(?:\\.[^\\s@.]+)+\\s*$';
/** Not blank. */
export const TEXT_PATTERN = '\\S';

const PHONE = new RegExp(PHONE_PATTERN);
const ID_NUMBER = new RegExp(ID_NUMBER_PATTERN);
const EMAIL = new RegExp(EMAIL_PATTERN);
const PASSPORT = /^[A-Za-z0-9]{6,20}$/;

const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** Length as Ajv's maxLength counts it: code points. */
const length = (s: string) => [...s].length;

/** The messages, from a field's label (an e-form field has its own: "Số điện thoại liên hệ"). */
export const APPLICANT_MESSAGE = {
  required: (label: string) => `Nhập ${lcFirst(label)}`,
  tooLong: (label: string, max: number) => `${label} không được dài quá ${max} ký tự`,
  phone: (label: string) => `${label} không đúng, ví dụ 0912 345 678`,
  idNumber: (label: string) => `${label} gồm 12 chữ số, như in trên thẻ Căn cước`,
  idOrPassport: (label: string) => `${label} không đúng: số định danh cá nhân gồm 12 chữ số, số hộ chiếu gồm 6 đến 20 chữ cái và chữ số`,
  email: (label: string) => `${label} không đúng định dạng, ví dụ ten@example.com`,
};

// ── Normalising ───────────────────────────────────────────────────────────────────────────────────────────────

/** "+84 912.345.678" → "0912345678" (for a value the phone pattern accepts). */
export function normalisePhone(typed: string): string {
  const digits = typed.replace(/[\s.-]/g, '');
  return digits.startsWith('+84') ? `0${digits.slice(3)}` : digits;
}

/** "001 203 004 567" → "001203004567". */
export const normaliseIdNumber = (typed: string) => typed.replace(/\s/g, '');

/** Names and addresses: NFC, trimmed, runs of spaces made one. */
export const normaliseText = (typed: string) => typed.normalize('NFC').replace(/\s+/g, ' ').trim();

// ── One value ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A checked value: normalised when right, as typed (trimmed) when wrong, so that a form shows it again. */
export interface Checked {
  value: string;
  error: string | null;
}

/** A phone number that was typed (not blank). */
export function checkPhone(typed: string, label = APPLICANT_LABEL.phone): Checked {
  return PHONE.test(typed) ? { value: normalisePhone(typed), error: null } : { value: typed.trim(), error: APPLICANT_MESSAGE.phone(label) };
}

/** An ID number that was typed (not blank); `passport` when the field's label allows a passport number. */
export function checkIdNumber(typed: string, label = APPLICANT_LABEL.idNumber, passport = false): Checked {
  if (ID_NUMBER.test(typed)) return { value: normaliseIdNumber(typed), error: null };
  const compact = normaliseIdNumber(typed);
  if (passport && PASSPORT.test(compact)) return { value: compact.toUpperCase(), error: null };
  return { value: typed.trim(), error: passport ? APPLICANT_MESSAGE.idOrPassport(label) : APPLICANT_MESSAGE.idNumber(label) };
}

/** An e-mail address that was typed (not blank). */
export function checkEmail(typed: string, label = APPLICANT_LABEL.email): Checked {
  const value = typed.trim();
  if (length(typed) > MAX_EMAIL) return { value, error: APPLICANT_MESSAGE.tooLong(label, MAX_EMAIL) };
  return EMAIL.test(typed) ? { value, error: null } : { value, error: APPLICANT_MESSAGE.email(label) };
}

function checkText(typed: string, label: string, max: number): Checked {
  const value = normaliseText(typed);
  return length(typed) > max ? { value, error: APPLICANT_MESSAGE.tooLong(label, max) } : { value, error: null };
}

// ── The schemas ───────────────────────────────────────────────────────────────────────────────────────────────

/** The messages the API shows for a field's failures: the forms' own (http/problem.ts reads `x-messages`). */
const said = (f: ApplicantField, pattern: string, maxLength?: number) => ({
  'x-messages': {
    required: APPLICANT_MESSAGE.required(APPLICANT_LABEL[f]),
    minLength: APPLICANT_MESSAGE.required(APPLICANT_LABEL[f]),
    pattern,
    ...(maxLength ? { maxLength: APPLICANT_MESSAGE.tooLong(APPLICANT_LABEL[f], maxLength) } : {}),
  },
});

const FIELD = {
  name: Type.String({
    minLength: 1, maxLength: MAX_NAME, pattern: TEXT_PATTERN, description: 'Họ, chữ đệm và tên',
    ...said('name', APPLICANT_MESSAGE.required(APPLICANT_LABEL.name), MAX_NAME),
  }),
  idNumber: Type.String({
    pattern: ID_NUMBER_PATTERN,
    description: 'Số định danh cá nhân: 12 chữ số (được có dấu cách, được bỏ khi lưu)',
    ...said('idNumber', APPLICANT_MESSAGE.idNumber(APPLICANT_LABEL.idNumber)),
  }),
  address: Type.String({
    minLength: 1, maxLength: MAX_ADDRESS, pattern: TEXT_PATTERN, description: 'Nơi cư trú',
    ...said('address', APPLICANT_MESSAGE.required(APPLICANT_LABEL.address), MAX_ADDRESS),
  }),
  phone: Type.String({
    pattern: PHONE_PATTERN,
    description: 'Số điện thoại di động hoặc cố định: 0 hoặc +84 rồi 9–10 chữ số (được có dấu cách, dấu chấm, gạch ngang); lưu dạng 0912345678',
    ...said('phone', APPLICANT_MESSAGE.phone(APPLICANT_LABEL.phone)),
  }),
  email: Type.String({
    maxLength: MAX_EMAIL, pattern: EMAIL_PATTERN, description: 'Thư điện tử',
    ...said('email', APPLICANT_MESSAGE.email(APPLICANT_LABEL.email), MAX_EMAIL),
  }),
};

/** The applicant at the counter (and in the staff API): only the name is required. */
export const ApplicantSchema = Type.Object(
  {
    name: FIELD.name,
    idNumber: Type.Optional(FIELD.idNumber),
    address: Type.Optional(FIELD.address),
    phone: Type.Optional(FIELD.phone),
    email: Type.Optional(FIELD.email),
  },
  { additionalProperties: false, description: 'Người nộp hồ sơ. Họ tên và nơi cư trú được lưu dạng Unicode NFC, bỏ khoảng trắng thừa.' },
);

/** The applicant of an online submission: also the ID number, the address and the phone. */
export const OnlineApplicantSchema = Type.Object(
  {
    name: FIELD.name,
    idNumber: FIELD.idNumber,
    address: FIELD.address,
    phone: FIELD.phone,
    email: Type.Optional(FIELD.email),
  },
  { additionalProperties: false, description: 'Người nộp hồ sơ trực tuyến. Họ tên và nơi cư trú được lưu dạng Unicode NFC, bỏ khoảng trắng thừa.' },
);

/** The applicant as stored: normalised, absent fields left out. */
export type Applicant = Static<typeof ApplicantSchema>;

export type ApplicantChannel = 'counter' | 'online';
const SCHEMA: Record<ApplicantChannel, TObject> = { counter: ApplicantSchema, online: OnlineApplicantSchema };

/** The fields a channel requires, read from its schema. */
export const requiredFields = (channel: ApplicantChannel): readonly ApplicantField[] =>
  APPLICANT_FIELDS.filter((f) => SCHEMA[channel].required?.includes(f));

// ── The whole applicant ───────────────────────────────────────────────────────────────────────────────────────

export interface ApplicantError {
  field: ApplicantField;
  message: string;
}

export interface ApplicantCheck {
  /** Every field normalised when right, as typed (trimmed) when wrong: what a form shows again. */
  values: ApplicantAnswers;
  /** In the order of the fields. */
  errors: ApplicantError[];
  /** The applicant to store, or null when there are errors. */
  applicant: Applicant | null;
}

/**
 * Checks and normalises the applicant of a form (fields as typed; a field not given is '' or absent) or of an API
 * body. The messages are the forms': the counter's and the portal's are the same.
 */
export function checkApplicant(input: Partial<Record<string, unknown>>, channel: ApplicantChannel = 'counter'): ApplicantCheck {
  const required = requiredFields(channel);
  const values = {} as ApplicantAnswers;
  const errors: ApplicantError[] = [];
  for (const field of APPLICANT_FIELDS) {
    const raw = input[field];
    const typed = typeof raw === 'string' ? raw : '';
    const label = APPLICANT_LABEL[field];
    let r: Checked;
    if (!typed.trim()) r = { value: '', error: required.includes(field) ? APPLICANT_MESSAGE.required(label) : null };
    else if (field === 'phone') r = checkPhone(typed);
    else if (field === 'idNumber') r = checkIdNumber(typed);
    else if (field === 'email') r = checkEmail(typed);
    else r = checkText(typed, label, field === 'name' ? MAX_NAME : MAX_ADDRESS);
    values[field] = r.value;
    if (r.error) errors.push({ field, message: r.error });
  }
  if (errors.length) return { values, errors, applicant: null };
  const applicant: Applicant = { name: values.name };
  for (const f of APPLICANT_FIELDS) if (f !== 'name' && values[f]) applicant[f] = values[f];
  return { values, errors, applicant };
}
