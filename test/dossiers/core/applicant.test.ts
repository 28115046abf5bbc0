// The applicant's rules (src/dossiers/core/applicant.ts): what is accepted, how it is stored, the messages, and that
// the API schema accepts exactly what checkApplicant (the counter form and the portal) accepts.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import {
  APPLICANT_LABEL, APPLICANT_MESSAGE, ApplicantSchema, EMAIL_PATTERN, ID_NUMBER_PATTERN, OnlineApplicantSchema, PHONE_PATTERN,
  checkApplicant, checkEmail, checkIdNumber, checkPhone, requiredFields, type ApplicantChannel,
} from '../../../src/dossiers/core/applicant.ts';
import { applicantOf } from '../../../src/dossiers/schemas.ts';
import { Problem } from '../../../src/http/problem.ts';

const PHONE_MESSAGE = 'Số điện thoại không đúng, ví dụ 0912 345 678';
const SCHEMA = { counter: ApplicantSchema, online: OnlineApplicantSchema } as const;
const CHANNELS: ApplicantChannel[] = ['counter', 'online'];
/** A whole, right online applicant, to vary one field of. */
const RIGHT = { name: 'Lê Thị Hồng', idNumber: '001190004567', address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912345678' };

/** The API's verdict: the schema as the API validates it (Ajv compiles the patterns with the u flag; TypeBox's
 *  Value.Check without: both must agree). */
function apiAccepts(channel: ApplicantChannel, body: Record<string, unknown>): boolean {
  const typebox = Value.Check(SCHEMA[channel], body);
  const unicode = Object.entries({ phone: PHONE_PATTERN, idNumber: ID_NUMBER_PATTERN, email: EMAIL_PATTERN })
    .every(([f, p]) => typeof body[f] !== 'string' || new RegExp(p, 'u').test(body[f] as string) === new RegExp(p).test(body[f] as string));
  assert.ok(unicode, 'the patterns mean the same with and without the u flag');
  return typebox;
}

// ── Phone numbers ─────────────────────────────────────────────────────────────────────────────────────────────

const sep = fc.constantFrom('', '', '', ' ', '.', '-', '  ', ' - ', '\u00a0');
/** A Vietnamese number (national significant number: 9 digits for a mobile, 10 for a landline), typed as people do. */
const typedPhone = fc.record({
  plus: fc.boolean(),
  nsn: fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 9 })).map(([a, r]) => `${a}${r.join('')}`),
  seps: fc.array(sep, { minLength: 12, maxLength: 12 }),
  around: fc.constantFrom('', ' ', '\t'),
}).map((p) => ({
  ...p,
  typed: `${p.around}${p.plus ? '+84' : '0'}${[...p.nsn].map((d, i) => `${p.seps[i]}${d}`).join('')}${p.around}`,
}));

/** The phone rule said another way: 0 or +84, then the digits with separators, ending with a digit. */
function phoneOracle(s: string): boolean {
  const t = s.trim();
  const rest = t.startsWith('+84') ? t.slice(3) : t.startsWith('0') ? t.slice(1) : null;
  if (rest === null || !/^[\s.\-0-9]*[0-9]$/.test(rest)) return false;
  return /^[1-9][0-9]{8,9}$/.test(rest.replace(/[\s.-]/g, ''));
}

describe('phone numbers', () => {
  it('a number typed with spaces, dots or dashes, with 0 or +84, is stored as 0 + its digits, by the forms and accepted by the API', () => {
    fc.assert(fc.property(typedPhone, ({ typed, nsn }) => {
      assert.deepEqual(checkPhone(typed), { value: `0${nsn}`, error: null });
      for (const channel of CHANNELS) {
        const r = checkApplicant({ ...RIGHT, phone: typed }, channel);
        assert.deepEqual(r.errors, []);
        assert.equal(r.applicant?.phone, `0${nsn}`);
        assert.ok(apiAccepts(channel, { ...RIGHT, phone: typed }), typed);
      }
    }), { numRuns: 300 });
  });

  it('two typings of the same number give the same stored value', () => {
    fc.assert(fc.property(typedPhone, typedPhone, (a, b) => {
      const sameNumber = a.nsn === b.nsn;
      assert.equal(checkPhone(a.typed).value === checkPhone(b.typed).value, sameNumber);
    }));
    const same = ['0912345678', '0912 345 678', '0912.345.678', '091-234-5678', '+84 912 345 678', '+84912345678', ' 0912 - 345 - 678 '];
    assert.deepEqual(new Set(same.map((s) => checkPhone(s).value)), new Set(['0912345678']));
    assert.equal(checkPhone('0208 3855 123').value, '02083855123', 'a landline: 0 + 10 digits');
  });

  it('anything else is refused by the forms and by the API, with the same message on both forms', () => {
    const chars = fc.constantFrom(...'0123456789', '0', '+', '84', ' ', '.', '-', '(', ')', 'a', '\t');
    const anything = fc.array(chars, { maxLength: 18 }).map((a) => a.join('')).filter((s) => s.trim() !== '');
    fc.assert(fc.property(fc.oneof(anything, typedPhone.map((p) => p.typed)), (s) => {
      const right = phoneOracle(s);
      assert.equal(checkPhone(s).error === null, right, s);
      for (const channel of CHANNELS) {
        assert.equal(apiAccepts(channel, { ...RIGHT, phone: s }), right, `${channel}: ${s}`);
        const r = checkApplicant({ ...RIGHT, phone: s }, channel);
        assert.deepEqual(r.errors, right ? [] : [{ field: 'phone', message: PHONE_MESSAGE }]);
        if (!right) assert.equal(r.values.phone, s.trim(), 'what was typed is shown again');
      }
    }), { numRuns: 500 });
    for (const bad of ['12', '0912 345 67', '091234567890', '00912345678', '+840912345678', '84912345678', '(024) 3825 1234', '0912345678-', '+ 84 912 345 678']) {
      assert.equal(checkPhone(bad).error, PHONE_MESSAGE, bad);
      assert.equal(Value.Check(ApplicantSchema, { name: 'A', phone: bad }), false, bad);
    }
  });

  it('an e-form phone field says its own label', () => {
    assert.equal(checkPhone('12', 'Số điện thoại liên hệ').error, 'Số điện thoại liên hệ không đúng, ví dụ 0912 345 678');
  });
});

// ── ID numbers ────────────────────────────────────────────────────────────────────────────────────────────────

describe('ID numbers', () => {
  it('12 digits, spaces allowed when typed, stored without them; accepted by the API', () => {
    const typed = fc.tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }), fc.array(fc.constantFrom('', '', ' ', '  '), { minLength: 13, maxLength: 13 }))
      .map(([d, s]) => ({ digits: d.join(''), typed: d.map((x, i) => `${s[i]}${x}`).join('') + s[12] }));
    fc.assert(fc.property(typed, ({ digits, typed: t }) => {
      assert.deepEqual(checkIdNumber(t), { value: digits, error: null });
      for (const channel of CHANNELS) {
        assert.equal(checkApplicant({ ...RIGHT, idNumber: t }, channel).applicant?.idNumber, digits);
        assert.ok(apiAccepts(channel, { ...RIGHT, idNumber: t }));
      }
    }));
  });

  it('a 9-digit CMND, 11 or 13 digits, letters or dots are refused by both, with the same message', () => {
    const message = 'Số định danh cá nhân gồm 12 chữ số, như in trên thẻ Căn cước';
    for (const bad of ['012345678', '00120300456', '0012030045678', '12ab', '001.203.004.567', 'B1234567']) {
      for (const channel of CHANNELS) {
        assert.deepEqual(checkApplicant({ ...RIGHT, idNumber: bad }, channel).errors, [{ field: 'idNumber', message }], bad);
        assert.equal(apiAccepts(channel, { ...RIGHT, idNumber: bad }), false, bad);
      }
    }
  });

  it('a passport number only where the field says so (an e-form field "… hoặc số hộ chiếu")', () => {
    const label = 'Số định danh cá nhân hoặc số hộ chiếu của bên nam';
    assert.deepEqual(checkIdNumber('b 1234567', label, true), { value: 'B1234567', error: null });
    assert.deepEqual(checkIdNumber('001 226 001 234', label, true), { value: '001226001234', error: null });
    assert.match(checkIdNumber('B1', label, true).error!, /^Số định danh cá nhân hoặc số hộ chiếu của bên nam không đúng: .*số hộ chiếu gồm 6 đến 20/);
    assert.equal(checkIdNumber('B1234567').error, APPLICANT_MESSAGE.idNumber(APPLICANT_LABEL.idNumber), 'the applicant has no passport option');
  });
});

// ── Names, addresses, e-mail ──────────────────────────────────────────────────────────────────────────────────

const text = (units: string[], maxLength: number) => fc.array(fc.constantFrom(...units), { maxLength }).map((a) => a.join(''));

describe('names, addresses and e-mail', () => {
  it('names and addresses are stored in NFC, trimmed, runs of spaces made one', () => {
    const nfd = 'Nguye\u0302\u0303n  Va\u0306n\tAn '.normalize('NFD');
    const r = checkApplicant({ name: ` ${nfd}`, address: ' Thôn  Đồng Tâm,\n xã Xuân Dương ' });
    assert.equal(r.applicant?.name, 'Nguyễn Văn An');
    assert.equal(r.applicant?.name, 'Nguyễn Văn An'.normalize('NFC'));
    assert.equal(r.applicant?.address, 'Thôn Đồng Tâm, xã Xuân Dương');
  });

  it('the API accepts a name, an address or an e-mail exactly when the forms do', () => {
    const units = ['a', 'ễ', 'e\u0302\u0303', 'Đ', ' ', '\t', '\n', '\u00a0', '.', '@', '-'];
    const field = fc.constantFrom('name', 'address', 'email');
    const long = fc.tuple(fc.constantFrom('name', 'address'), fc.integer({ min: 195, max: 505 })).map(([f, n]) => ({ f, s: 'Nguyễn '.repeat(n).slice(0, n) }));
    const short = fc.tuple(field, text(units, 14)).map(([f, s]) => ({ f, s }));
    const email = fc.tuple(text(['a', 'b', '.', '-', 'ễ'], 6), text(['a', '.', '-', '@', ' '], 8), fc.constantFrom('', ' ')).map(([l, d, sp]) => ({ f: 'email', s: `${sp}${l}@${d}${sp}` }));
    fc.assert(fc.property(fc.oneof(short, long, email), ({ f, s }) => {
      fc.pre(s !== '');
      for (const channel of CHANNELS) {
        const body = { ...RIGHT, [f]: s };
        const forms = checkApplicant(body, channel).errors.length === 0;
        // A blank answer on a form is the API's absent property.
        const api = s.trim() ? apiAccepts(channel, body) : apiAccepts(channel, Object.fromEntries(Object.entries(body).filter(([k]) => k !== f)));
        assert.equal(api, forms, `${channel} ${f}: ${JSON.stringify(s)}`);
      }
    }), { numRuns: 500 });
  });

  it('messages', () => {
    const blank = checkApplicant({ name: '  ', phone: '12', email: 'an@' }, 'online');
    assert.deepEqual(blank.errors, [
      { field: 'name', message: 'Nhập họ, chữ đệm và tên' },
      { field: 'idNumber', message: 'Nhập số định danh cá nhân' },
      { field: 'address', message: 'Nhập nơi cư trú' },
      { field: 'phone', message: PHONE_MESSAGE },
      { field: 'email', message: 'Thư điện tử không đúng định dạng, ví dụ ten@example.com' },
    ]);
    assert.equal(blank.applicant, null);
    assert.deepEqual(checkApplicant({ name: 'A'.repeat(201) }).errors, [{ field: 'name', message: 'Họ, chữ đệm và tên không được dài quá 200 ký tự' }]);
    assert.deepEqual(checkApplicant({ name: 'A', address: 'x'.repeat(501) }).errors, [{ field: 'address', message: 'Nơi cư trú không được dài quá 500 ký tự' }]);
    assert.equal(checkEmail(`${'a'.repeat(190)}@example.vn`).error, 'Thư điện tử không được dài quá 200 ký tự');
    assert.deepEqual(checkEmail(' An.Nguyen@Example.vn '), { value: 'An.Nguyen@Example.vn', error: null });
  });
});

// ── Channels and the API ──────────────────────────────────────────────────────────────────────────────────────

describe('channels', () => {
  it('the counter requires only the name; online also the ID number, the address and the phone (the schemas say so)', () => {
    assert.deepEqual(requiredFields('counter'), ['name']);
    assert.deepEqual(requiredFields('online'), ['name', 'idNumber', 'address', 'phone']);
    assert.deepEqual(checkApplicant({ name: 'Đinh Văn Tú', idNumber: '', phone: '' }, 'counter'), {
      values: { name: 'Đinh Văn Tú', idNumber: '', address: '', phone: '', email: '' }, errors: [], applicant: { name: 'Đinh Văn Tú' },
    });
    assert.ok(Value.Check(ApplicantSchema, { name: 'Đinh Văn Tú' }));
    assert.ok(!Value.Check(OnlineApplicantSchema, { name: 'Đinh Văn Tú' }));
    assert.ok(!Value.Check(ApplicantSchema, { name: 'Đinh Văn Tú', fax: '1' }), 'no other property');
  });

  it('the API normalises as the forms do, and refuses with the forms\' messages', () => {
    assert.deepEqual(applicantOf({ name: ' Lê  Thị Hồng ', idNumber: '001 190 004 567', phone: '+84 912.345.678', email: ' hong@example.vn' }, 'counter'),
      { name: 'Lê Thị Hồng', idNumber: '001190004567', phone: '0912345678', email: 'hong@example.vn' });
    assert.throws(() => applicantOf({ name: 'Lê Thị Hồng' }, 'online'), (e: unknown) => {
      assert.ok(e instanceof Problem);
      assert.equal(e.status, 400);
      assert.deepEqual(e.errors?.map((x) => x.path), ['/body/applicant/idNumber', '/body/applicant/address', '/body/applicant/phone']);
      assert.equal(e.errors?.[2]?.message, 'Nhập số điện thoại');
      return true;
    });
  });
});
