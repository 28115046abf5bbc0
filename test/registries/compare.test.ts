// The pure rules of the registries: names with and without diacritics, dates as people write them, the counter's
// comparison, the civil-status match, masking and digests, the MaCSDL codes, the 4.5 flag's third way, the CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { civilStatusMismatches, compareNames, comparePerson, fold, maskId, parseDate } from '../../src/registries/core/compare.ts';
import { REGISTRY_INFO, isStaffPurpose, maCsdlOf, CITIZEN_PURPOSE, type CivilStatusRecord, type PopulationRecord } from '../../src/registries/core/registry.ts';
import { recordSeal, sealHolds, subjectDigest } from '../../src/registries/core/seal.ts';
import { civilStatusOf, populationOf, wireDate } from '../../src/registries/core/wire.ts';
import { decodeLogCursor, encodeLogCursor, logCsv, vnDayStart } from '../../src/registries/core/log.ts';
import { usesPopulationData } from '../../src/indicators/core/contributions.ts';

const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

test('names: the same, the same without diacritics or case, different', () => {
  assert.equal(compareNames('Lê Thị Hồng', 'Lê  Thị Hồng '), 'same');
  assert.equal(compareNames('Le Thi Hong', 'Lê Thị Hồng'), 'same_without_marks');
  assert.equal(compareNames('LÊ THỊ HỒNG', 'Lê Thị Hồng'), 'same_without_marks');
  assert.equal(compareNames('Đặng Văn Đức', 'Dang Van Duc'), 'same_without_marks');
  assert.equal(compareNames('Lê Thị Hằng', 'Lê Thị Hồng'), 'different');
  // Combining marks (NFD) are the same name as precomposed (NFC).
  assert.equal(compareNames('Lê Thị Hồng'.normalize('NFD'), 'Lê Thị Hồng'), 'same');
});

const VI = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ'];
const word = fc.array(fc.constantFrom(...VI), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
const name = fc.array(word, { minLength: 1, maxLength: 4 }).map((w) => w.map((x) => x[0]!.toUpperCase() + x.slice(1)).join(' '));

test('property: a name typed without diacritics, or in capitals, is never "different" from the name held', () => {
  fc.assert(fc.property(name, (n) => {
    assert.notEqual(compareNames(strip(n), n), 'different');
    assert.notEqual(compareNames(n.toUpperCase(), n), 'different');
    assert.equal(compareNames(n, n), 'same');
    assert.equal(fold(strip(n)), fold(n));
  }));
});

test('property: two names whose letters differ once folded are "different"', () => {
  fc.assert(fc.property(name, name, (a, b) => {
    fc.pre(fold(a) !== fold(b));
    assert.equal(compareNames(a, b), 'different');
  }));
});

test('dates: the formats people write, real dates only', () => {
  for (const s of ['2026-01-15', '20260115', '15/01/2026', '15-01-2026', '15.01.2026', '15/1/2026']) assert.equal(parseDate(s), '2026-01-15', s);
  for (const s of ['31/02/2026', '2026-13-01', '00/01/2026', '15/01/26', 'hôm qua', '', '1/1/1700']) assert.equal(parseDate(s), null, s);
  assert.equal(parseDate('29/02/2024'), '2024-02-29');
  assert.equal(parseDate('29/02/2025'), null);
});

test('property: a date written dd/MM/yyyy (as the platform does) reads back to the same day', () => {
  fc.assert(fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
    const iso = d.toISOString().slice(0, 10);
    assert.equal(parseDate(wireDate(iso)), iso);
    assert.equal(parseDate(iso.replace(/-/g, '')), iso);
  }));
});

const HONG: PopulationRecord = {
  idNumber: '001190004567', fullName: 'Lê Thị Hồng', dateOfBirth: '1990-03-14', sex: 'Nữ',
  permanentResidence: 'Thôn Đồng Tâm, xã Xuân Dương, tỉnh Thái Nguyên', currentResidence: 'Thôn Đồng Tâm, xã Xuân Dương, tỉnh Thái Nguyên',
  ethnicity: 'Kinh', nationality: 'Việt Nam',
};

test('the counter comparison marks what differs, field by field', () => {
  const lines = comparePerson({ name: 'Le Thi Hong', dateOfBirth: '14/03/1990', address: 'Thôn Nà Ấm, xã Xuân Dương' }, HONG);
  assert.deepEqual(lines.map((l) => [l.field, l.verdict]), [['name', 'marks'], ['dateOfBirth', 'same'], ['address', 'different']]);
  const blank = comparePerson({ name: 'Lê Thị Hồng', address: '' }, HONG);
  assert.deepEqual(blank.map((l) => [l.field, l.verdict]), [['name', 'same'], ['address', 'missing']]);
  assert.equal(comparePerson({ name: 'x', address: 'thon dong tam, xa xuan duong, tinh thai nguyen' }, HONG)[1]!.verdict, 'marks');
});

const BIRTH: CivilStatusRecord = {
  kind: 'birth', number: '125', book: '01/2026', registeredOn: '2026-01-20', registeredBy: 'UBND xã', name: 'Phạm Gia Bảo',
  otherName: null, dateOfBirth: '2026-01-15', mother: 'Hoàng Thị Lan', father: 'Phạm Văn Dũng',
};

test('civil status: a paper matches its record by number, book, name (diacritics aside) and date', () => {
  const q = { kind: 'birth' as const, number: '125', book: '01/2026', name: 'Pham Gia Bao', otherName: '', date: '15/01/2026' };
  assert.deepEqual(civilStatusMismatches(q, BIRTH), []);
  assert.deepEqual(civilStatusMismatches({ ...q, book: '' }, BIRTH), [], 'the book may be left out');
  assert.deepEqual(civilStatusMismatches({ ...q, name: 'Phạm Gia Huy' }, BIRTH), ['name']);
  assert.deepEqual(civilStatusMismatches({ ...q, date: '16/01/2026', book: '02/2026' }, BIRTH), ['book', 'date']);
  const m: CivilStatusRecord = { ...BIRTH, kind: 'marriage', number: '45', book: '01/2024', registeredOn: '2024-06-08', name: 'Phạm Văn Dũng', otherName: 'Hoàng Thị Lan', dateOfBirth: null };
  const mq = { kind: 'marriage' as const, number: '45', book: '', name: 'Phạm Văn Dũng', otherName: 'Hoàng Thị Lan', date: '2024-06-08' };
  assert.deepEqual(civilStatusMismatches(mq, m), []);
  assert.deepEqual(civilStatusMismatches({ ...mq, otherName: 'Hoàng Thị Lam' }, m), ['otherName']);
  assert.deepEqual(civilStatusMismatches({ ...mq, kind: 'birth' }, m), ['number', 'date'], 'a birth paper never matches a marriage record');
});

test('the platform JSON is read into records; an unreadable one is none', () => {
  const c = populationOf({ soDinhDanh: '001190004567', hoVaTen: 'Lê Thị Hồng', ngaySinh: '14/03/1990', gioiTinh: 'Nữ', noiThuongTru: 'A', noiOHienTai: 'B', danToc: 'Kinh', quocTich: 'Việt Nam' });
  assert.equal(c?.dateOfBirth, '1990-03-14');
  assert.equal(populationOf({ soDinhDanh: '123', hoVaTen: 'X', ngaySinh: '14/03/1990', gioiTinh: 'Nữ' }), null);
  assert.equal(populationOf({ soDinhDanh: '001190004567', hoVaTen: 'X', ngaySinh: '31/02/1990', gioiTinh: 'Nữ' }), null);
  assert.equal(civilStatusOf('birth', { soDangKy: '1', ngayDangKy: '01/01/2026' }), null, 'a birth record without a name');
});

test('the subject is masked to its last 4 digits and digested under a key (no ID number in clear)', () => {
  assert.equal(maskId('001190004567'), '••••••••4567');
  const k1 = Buffer.alloc(32, 1);
  const d = subjectDigest(k1, 'population', '001190004567');
  assert.ok(!d.includes('001190004567') && !d.includes('4567'));
  assert.equal(d, subjectDigest(k1, 'population', '001190004567'), 'the same person, the same digest: the audit finds them');
  assert.notEqual(d, subjectDigest(Buffer.alloc(32, 2), 'population', '001190004567'), 'another key, another digest');
  const seal = recordSeal(k1, 7, HONG);
  assert.ok(sealHolds(k1, 7, HONG, seal));
  assert.ok(!sealHolds(k1, 8, HONG, seal), 'another lookup');
  assert.ok(!sealHolds(k1, 7, { ...HONG, permanentResidence: 'Nơi khác' }, seal), 'an altered record');
});

test('purposes are a fixed list; the citizen\'s own purpose is not an officer\'s', () => {
  assert.ok(isStaffPurpose('Tiếp nhận hồ sơ'));
  assert.ok(!isStaffPurpose('tra cứu cho vui'));
  assert.ok(!isStaffPurpose(CITIZEN_PURPOSE));
  assert.ok(!isStaffPurpose(''));
});

test('MaCSDL codes are data, in a stable order', () => {
  assert.deepEqual(maCsdlOf(['civil_status', 'population']), [REGISTRY_INFO.population.maCsdl, REGISTRY_INFO.civil_status.maCsdl]);
  assert.deepEqual(maCsdlOf([]), []);
  assert.equal(REGISTRY_INFO.population.maCsdl, '7');
});

test('766 4.5: the third way (data from the population database used) counts; a look alone does not', () => {
  assert.equal(usesPopulationData({ authenticatedWithEid: false, componentFromStore: false, populationRegistryUsed: true }), true);
  assert.equal(usesPopulationData({ authenticatedWithEid: false, componentFromStore: false, populationRegistryUsed: false }), false);
  assert.equal(usesPopulationData({ authenticatedWithEid: false, componentFromStore: false }), false);
});

test('the log: Vietnam days, cursors, CSV with formulas neutralised', () => {
  assert.equal(vnDayStart('2026-07-01')!.toISOString(), '2026-06-30T17:00:00.000Z');
  assert.equal(vnDayStart('01/07/2026', true)!.toISOString(), '2026-07-01T17:00:00.000Z');
  assert.equal(vnDayStart('2026-02-30'), null);
  const at = new Date('2026-07-01T03:00:00Z');
  assert.deepEqual(decodeLogCursor(encodeLogCursor(at, 42)), { at, id: 42 });
  assert.equal(decodeLogCursor('rác'), null);
  const csv = logCsv([{ id: 1, at, registry: 'population', purpose: 'Tiếp nhận hồ sơ', outcome: 'found', subject_masked: '••••••••4567',
    subject_name: '=HYPERLINK("x")', staff_name: 'Cán bộ, một cửa', citizen_id: null, dossier_code: 'X-1', dossier_reference: null, draft_id: null }], () => 'T');
  assert.ok(csv.startsWith('\uFEFFThời điểm,'));
  assert.match(csv, /"'=HYPERLINK\(""x""\)"/);
  assert.match(csv, /"Cán bộ, một cửa"/);
  assert.match(csv, /CSDL dân cư,Tìm thấy/);
  assert.ok(!csv.includes('001190004567'));
});
