// The storage file name (src/digitisation/core/naming.ts): the guide's CODE_YYYYMMDD_DESC_Vn, ASCII only, the Vietnam
// date of the scan, a short description from the component's name without diacritics, the version.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DESCRIPTION_MAX, foldVietnamese, parseStorageFileName, shortDescription, storageFileName } from '../../src/digitisation/core/naming.ts';

const NAME = /^[A-Za-z0-9._-]+_\d{8}_[A-Za-z0-9]{1,40}_V[1-9]\d*\.pdf$/;
// Vietnamese letters with every tone and the đ, plus punctuation and parentheses.
const viChar = fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐĂÂÊÔƠƯ ,.;:()/-–0123456789'.split(''));
const viText = fc.array(viChar, { minLength: 0, maxLength: 120 }).map((a) => a.join(''));
const code = fc.stringMatching(/^[A-Z0-9_.]{1,20}$/);

test('examples: the birth registration form, a remark in parentheses dropped, the Vietnam date (UTC+7)', () => {
  // 2026-12-06 20:00 UTC is already 7 December in Vietnam.
  assert.equal(
    storageFileName({ procedureCode: '1.001193', componentCode: 'TO_KHAI', componentName: 'Tờ khai đăng ký khai sinh', at: new Date('2026-12-06T20:00:00Z'), version: 1 }),
    '1.001193_TO_KHAI_20261207_ToKhaiDangKyKhaiSinh_V1.pdf',
  );
  assert.equal(shortDescription('Văn bản ủy quyền (trường hợp ủy quyền thực hiện thủ tục)'), 'VanBanUyQuyen');
  assert.equal(shortDescription('Đơn đề nghị'), 'DonDeNghi');
  assert.equal(shortDescription('—'), 'TaiLieu');
  assert.equal(foldVietnamese('Đặng Thị Hường'), 'Dang Thi Huong');
});

test('property: any name, code, instant and version give an ASCII name that follows the rule and reads back', () => {
  fc.assert(fc.property(code, code, viText, fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 999 }),
    (p, c, name, at, version) => {
      const n = storageFileName({ procedureCode: p, componentCode: c, componentName: name, at, version });
      assert.match(n, NAME);
      assert.match(n, /^[\x20-\x7e]+$/);
      const back = parseStorageFileName(n)!;
      assert.equal(back.version, version);
      const vn = new Date(+at + 7 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
      assert.equal(back.day, vn);
      assert.ok(n.startsWith(`${p}_${c}_`));
    }), { numRuns: 300 });
});

test('property: the description is at most the limit, letters and digits only, the words of the name in order', () => {
  fc.assert(fc.property(viText, (name) => {
    const d = shortDescription(name);
    assert.ok(d.length >= 1 && d.length <= DESCRIPTION_MAX, d);
    assert.match(d, /^[A-Za-z0-9]+$/);
    const folded = foldVietnamese(name.replace(/\([^)]*\)?/g, ' ')).toLowerCase().replace(/[^a-z0-9]/g, '');
    if (folded) assert.ok(folded.startsWith(d.toLowerCase()), `${d} from ${name}`);
    else assert.equal(d, 'TaiLieu');
  }), { numRuns: 500 });
});

test('a version below 1 or not whole is refused', () => {
  for (const version of [0, -1, 1.5]) {
    assert.throws(() => storageFileName({ procedureCode: 'X', componentCode: 'Y', componentName: 'Z', at: new Date(), version }), RangeError);
  }
});
