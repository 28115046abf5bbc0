// Reading e-form answers off a scan's OCR text (src/digitisation/core/prefill.ts): vectors on a Giấy chứng sinh and a
// Giấy báo tử as OCR gives them, and properties — no label, no value; a value among noise is found whatever OCR did to
// the label (case, tones, colon, dot leaders, next line); dates and ID numbers read back as they were written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fold, kindOf, proposeFill, readChoice, readDate, readIdNumber, type FillRule } from '../../src/digitisation/core/prefill.ts';
import { findSeedProcedure } from '../../src/catalogue/seed/index.ts';

const at = new Date('2026-12-07T03:00:00Z');

/** The rules of a shipped paper's mapping, each field's kind from the e-form (as the service builds them). */
function shippedRules(code: string, component: string): FillRule[] {
  const p = findSeedProcedure(code, at)!;
  const fields = p.components.flatMap((c) => c.form?.fields ?? []);
  return p.components.find((c) => c.code === component)!.ocrFill!.map((m) => {
    const f = fields.find((x) => x.name === m.field)!;
    return { field: m.field, labels: [m.label, ...(m.also ?? [])], kind: kindOf(f), options: f.options };
  });
}

const byField = (ps: ReturnType<typeof proposeFill>) => Object.fromEntries(ps.map((p) => [p.field, p.status === 'found' ? p.value : p.status]));

const CHUNG_SINH = [
  'BỘ Y TẾ                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Trạm y tế xã Xuân Dương   Độc lập - Tự do - Hạnh phúc',
  'GIẤY CHỨNG SINH',
  'Họ và tên mẹ/Người nuôi dưỡng: LÊ THỊ HỒNG',
  'Năm sinh: 1990     Dân tộc: Kinh',
  'Số CCCD/Hộ chiếu: 001 190 004 567',
  'Đã sinh con vào lúc: 08 giờ 30 phút, ngày 20 tháng 11 năm 2026',
  'Tại: Trạm y tế xã Xuân Dương ..........',
  'Số con trong lần sinh này: 1 Giới tính của con: Nữ Cân nặng: 3200 gam',
  'Dự định đặt tên con là:',
  'Nguyễn Minh Khang',
  '\f',
].join('\n');

test('the shipped Giấy chứng sinh mapping reads a scanned certificate', () => {
  assert.deepEqual(byField(proposeFill(CHUNG_SINH, shippedRules('1.001193', 'GIAY_CHUNG_SINH'))), {
    childFullName: 'Nguyễn Minh Khang', // on the line after its label
    childDateOfBirth: '2026-11-20', // "ngày … tháng … năm …" after the hour
    childGender: 'Nữ', // mid-line, up to the next label
    childPlaceOfBirth: 'Trạm y tế xã Xuân Dương', // dot leaders cut
    motherFullName: 'LÊ THỊ HỒNG', // as read: the officer sees it and the e-form's rules check it
    motherIdNumber: '001190004567',
  });
});

test('the shipped Giấy báo tử mapping: older wordings, OCR without tones, a 9-digit old ID card is not a number to fill', () => {
  const text = [
    'GIAY BAO TU', 'Ho va ten: Tran Van Hai', 'Gioi tinh : NAM', 'Ngay, thang, nam sinh: 02/09/1948',
    'So CMND/Ho chieu/CCCD: 012345678', 'Da chet vao luc 14 gio 10 phut ngay 03/12/2026', 'Noi chet …… Benh vien Da khoa tinh',
  ].join('\n');
  assert.deepEqual(byField(proposeFill(text, shippedRules('1.000656', 'GIAY_BAO_TU'))), {
    deceasedFullName: 'Tran Van Hai', deceasedDateOfBirth: '1948-09-02', deceasedGender: 'Nam', deceasedIdNumber: 'unreadable',
    dateOfDeath: 'missing', // no colon after "vào lúc": a label must be followed by a separator
    placeOfDeath: 'Benh vien Da khoa tinh',
  });
});

test('vectors: blank forms, a label answered by the next label, a date that is no day, a choice not offered', () => {
  const rules: FillRule[] = [
    { field: 'name', labels: ['Họ và tên'], kind: 'text' },
    { field: 'born', labels: ['Ngày sinh'], kind: 'date' },
    { field: 'gender', labels: ['Giới tính'], kind: 'choice', options: ['Nam', 'Nữ'] },
  ];
  assert.deepEqual(byField(proposeFill('Họ và tên: ..................\nNgày sinh: ....../....../......\nGiới tính:', rules)), { name: 'missing', born: 'unreadable', gender: 'missing' });
  assert.deepEqual(byField(proposeFill('Họ và tên:\nNgày sinh: 31/02/2026\nGiới tính: Khác', rules)), { name: 'missing', born: 'unreadable', gender: 'unreadable' });
  assert.deepEqual(byField(proposeFill('Họ và tên người làm chứng: Lê Văn Tám', rules)), { name: 'missing', born: 'missing', gender: 'missing' });
  assert.deepEqual(byField(proposeFill('1. Họ và tên; Hoàng Thị Lan\n2) Ngày sinh. 5-3-2001', rules)), { name: 'Hoàng Thị Lan', born: '2001-03-05', gender: 'missing' });
  const p = proposeFill('Ngày sinh: 31/02/2026', rules)[1]!;
  assert.deepEqual(p, { field: 'born', status: 'unreadable', read: '31/02/2026' }, 'what the scan says is kept for the officer');
});

test('readers: dates, ID numbers, choices, e-form types', () => {
  assert.equal(readDate('ngày 05 tháng 3 năm 2026'), '2026-03-05');
  assert.equal(readDate('NGÀY 5 THÁNG 03 NĂM 2026'), '2026-03-05');
  assert.equal(readDate('5.3.2026'), '2026-03-05');
  assert.equal(readDate('2026-03-05'), '2026-03-05');
  assert.equal(readDate('29/02/2025'), undefined);
  assert.equal(readDate('lúc 08/30'), undefined);
  assert.equal(readIdNumber('0011 9000 4567'), '001190004567');
  assert.equal(readIdNumber('012345678'), undefined);
  assert.equal(readIdNumber('0011900045678'), undefined, '13 digits are not a 12-digit number');
  assert.equal(readChoice('nu', ['Nam', 'Nữ']), 'Nữ');
  assert.equal(readChoice('Nam giới', ['Nam', 'Nữ']), 'Nam');
  assert.equal(readChoice('Namnu', ['Nam', 'Nữ']), undefined);
  assert.equal(readChoice('Mẹ', ['Mẹ', 'Mê']), 'Mẹ', 'choices that fold alike are read exactly');
  assert.equal(readChoice('Me', ['Mẹ', 'Mê']), undefined);
  assert.deepEqual(['date', 'id_number', 'select', 'text', 'textarea'].map((type) => kindOf({ type, options: ['A'] })), ['date', 'id_number', 'choice', 'text', 'text']);
  assert.equal(kindOf({ type: 'select' }), 'text', 'a code-list select (no options) is read as text');
  const f = fold('Đặng Ư e\u0301!'); // a stray combining mark folds to nothing: positions still point at the original
  assert.deepEqual([f.s, f.at], ['dang u e!', [0, 1, 2, 3, 4, 5, 6, 7, 9]]);
});

// ——— properties ———

const SYLLABLES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Minh', 'Thị', 'Văn', 'Hồng', 'Khang', 'Đức', 'Ánh', 'Quỳnh', 'Vũ', 'Ngọc'];
const NAME = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 2, maxLength: 4 }).map((w) => w.join(' '));
/** Noise: words and marks a scan has around the answer, none of the label's words. */
const NOISE_WORDS = ['CỘNG', 'HÒA', 'Độc', 'lập', 'Số:', '12/BV', 'trạm', 'y', 'tế', '—', '(ký, ghi rõ)', 'Xuân', 'Dương', '3200', 'gam', '...', '|', 'ĐÓNG', 'DẤU'];
const NOISE_LINE = fc.array(fc.constantFrom(...NOISE_WORDS), { maxLength: 8 }).map((w) => w.join(' '));
const NOISE = fc.array(NOISE_LINE, { maxLength: 6 });
const LABEL = 'Dự định đặt tên con là';
/** What OCR does to a printed label: case, tones dropped, spacing. */
const LABEL_AS_READ = fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()).map(([upper, toneless, spaced]) => {
  let l = toneless ? LABEL.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D') : LABEL;
  if (upper) l = l.toUpperCase();
  return spaced ? l.replace(/ /g, '  ') : l;
});
const SEPARATOR = fc.constantFrom(':', ' : ', ': ', ':   ', '....: ', ' …… ', '. ', ';', '.........');
const PREFIX = fc.constantFrom('', '  ', '- ', '3. ', 'b) ');
const rule = (kind: FillRule['kind'] = 'text'): FillRule[] => [{ field: 'childFullName', labels: [LABEL], kind }];

test('property: a label that is not in the text gives no value, whatever else is there', () => {
  const words = [...NOISE_WORDS, 'Dự', 'định', 'đặt', 'tên', 'con', 'là', ':', '\n', 'Minh', '....'];
  const loose = new RegExp(fold(LABEL).s.split(' ').join('[^a-z0-9]*'));
  fc.assert(fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), fc.string(), (ws, junk) => {
    const text = `${ws.join(' ')}${junk}`;
    fc.pre(!loose.test(fold(text).s));
    assert.deepEqual(proposeFill(text, rule()), [{ field: 'childFullName', status: 'missing' }]);
  }));
});

test('property: a name after its label (any case, tones or not, colon or dot leaders, same or next line) is found among noise', () => {
  fc.assert(fc.property(NOISE, NOISE, PREFIX, LABEL_AS_READ, SEPARATOR, NAME, fc.boolean(), fc.constantFrom('', ' ....', '   ', '.'),
    (before, after, prefix, label, sep, name, nextLine, tail) => {
      const line = nextLine ? `${prefix}${label}${sep.trimEnd()}\n${name}${tail}` : `${prefix}${label}${sep}${name}${tail}`;
      const text = [...before, line, ...after].join('\n');
      assert.deepEqual(proposeFill(text, rule()), [{ field: 'childFullName', status: 'found', value: name, read: name }], text);
    }));
});

const DAY = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true });
const iso = (d: Date) => d.toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');
/** The ways a date is written on a paper. */
const WRITTEN: ((d: number, m: number, y: number) => string)[] = [
  (d, m, y) => `${pad(d)}/${pad(m)}/${y}`,
  (d, m, y) => `${d}/${m}/${y}`,
  (d, m, y) => `${pad(d)}-${pad(m)}-${y}`,
  (d, m, y) => `${d}.${m}.${y}`,
  (d, m, y) => `ngày ${pad(d)} tháng ${m} năm ${y}`,
  (d, m, y) => `Ngày ${d} tháng ${pad(m)} năm ${y}`,
  (d, m, y) => `08 giờ 15 phút, ngay ${d} thang ${m} nam ${y}`,
];

test('property: a date written any of the usual ways reads back as the same day (yyyy-mm-dd), also after its label', () => {
  fc.assert(fc.property(DAY, fc.constantFrom(...WRITTEN), NOISE, SEPARATOR, (day, write, noise, sep) => {
    const written = write(day.getUTCDate(), day.getUTCMonth() + 1, day.getUTCFullYear());
    assert.equal(readDate(written), iso(day), written);
    const text = [...noise, `Đã sinh con vào lúc${sep}${written}`, ...noise].join('\n');
    const [p] = proposeFill(text, [{ field: 'childDateOfBirth', labels: ['Đã sinh con vào lúc'], kind: 'date' }]);
    assert.deepEqual(p && p.status === 'found' ? p.value : p, iso(day), text);
  }));
});

test('property: a day that is not on the calendar is never read as a date', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 1900, max: 2100 }), (d, m, y) => {
    const real = new Date(Date.UTC(y, m - 1, d));
    const valid = m <= 12 && real.getUTCDate() === d;
    assert.equal(readDate(`${d}/${m}/${y}`), valid ? `${y}-${pad(m)}-${pad(d)}` : undefined);
  }));
});

test('property: a 12-digit number, grouped by spaces or dots or not, reads back; other lengths do not', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 16 }), fc.array(fc.constantFrom('', ' ', '.'), { minLength: 16, maxLength: 16 }), (digits, seps) => {
    const written = digits.map((d, i) => `${i ? seps[i] : ''}${d}`).join('');
    assert.equal(readIdNumber(`Số CCCD: ${written}`), digits.length === 12 ? digits.join('') : undefined, written);
  }));
});
