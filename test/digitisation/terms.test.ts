// The blind index's words and terms (src/digitisation/core/terms.ts): folding is idempotent and ignores diacritics
// and case; a word with or without its diacritics has one term; the order and case of a text do not change its
// terms; another key or another commune gives other terms; the search text's checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fc from 'fast-check';
import {
  MAX_QUERY_LENGTH, MAX_QUERY_WORDS, MIN_WORD, checkQuery, foldWord, keyIdOf, termOf, termsOf, wordsOf,
} from '../../src/digitisation/core/terms.ts';
import { foldVietnamese } from '../../src/digitisation/core/naming.ts';

const KEY = crypto.randomBytes(32);
const C = 'xuan-duong';
// Vietnamese letters with every tone, đ, upper case, digits, punctuation and spaces.
const viChar = fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐĂÂÊÔƠƯÁỆỨ ,.;:()/-–\n0123456789'.split(''));
const viText = fc.array(viChar, { maxLength: 200 }).map((a) => a.join(''));
const viWord = fc.array(fc.constantFrom(...'aăâbdđeêghiklmnoôơuưyáàảãạấầẩẫậệếềóòốồờởụứừữựýĐĂÂÊÔƠƯ'.split('')), { minLength: MIN_WORD, maxLength: 12 }).map((a) => a.join(''));
const anyText = fc.string({ unit: 'grapheme', maxLength: 80 });

test('examples: diacritics, đ, case and punctuation; words of one letter dropped', () => {
  assert.deepEqual(wordsOf('Họ và tên: TRẦN Minh Đức, sinh 15/06/2026 tại xã Xuân Dương; A B'), [
    'ho', 'va', 'ten', 'tran', 'minh', 'duc', 'sinh', '15', '06', '2026', 'tai', 'xa', 'xuan', 'duong',
  ]);
  assert.equal(termOf(KEY, C, foldWord('Đức')), termOf(KEY, C, 'duc'));
  assert.match(termOf(KEY, C, 'duc'), /^-?\d{1,19}$/);
  assert.equal(BigInt.asIntN(64, BigInt(termOf(KEY, C, 'duc'))), BigInt(termOf(KEY, C, 'duc')), 'a signed 64-bit integer');
});

test('folding is idempotent, ignores case, and leaves no Vietnamese diacritics', () => {
  fc.assert(fc.property(fc.oneof(viText, anyText), (s) => {
    const f = foldWord(s);
    assert.equal(foldWord(f), f);
  }), { numRuns: 2000 });
  fc.assert(fc.property(viText, (s) => assert.equal(foldWord(s.toUpperCase()), foldWord(s.toLowerCase()))));
  fc.assert(fc.property(viText, (s) => assert.match(foldWord(s), /^[a-z0-9 ,.;:()/\-–\n]*$/)));
});

test('a word with or without its diacritics, in any case, has the same term', () => {
  fc.assert(fc.property(viWord, (w) => {
    const plain = foldVietnamese(w).toLowerCase();
    assert.equal(termOf(KEY, C, foldWord(w)), termOf(KEY, C, plain));
    assert.deepEqual(termsOf(KEY, C, w), termsOf(KEY, C, plain.toUpperCase()));
  }));
});

test('the order, repetition and case of the words do not change the terms; each word is found', () => {
  fc.assert(fc.property(fc.array(viWord, { minLength: 1, maxLength: 15 }), fc.integer(), (words, seed) => {
    const shuffled = [...words, ...words].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
    const terms = termsOf(KEY, C, words.join(' '));
    assert.deepEqual(termsOf(KEY, C, shuffled.map((w) => w.toUpperCase()).join(', ')), terms);
    assert.equal(new Set(terms).size, terms.length, 'no duplicates');
    for (const w of words) assert.ok(terms.includes(termOf(KEY, C, foldWord(w))));
  }));
});

test('terms never carry the word: another key or another commune gives other terms', () => {
  fc.assert(fc.property(viWord, (w) => {
    const word = foldWord(w);
    const t = termOf(KEY, C, word);
    assert.notEqual(termOf(crypto.randomBytes(32), C, word), t);
    assert.notEqual(termOf(KEY, 'tan-lap', word), t);
    assert.ok(!t.includes(word) || /^\d+$/.test(word));
  }));
  assert.notEqual(keyIdOf(KEY), keyIdOf(crypto.randomBytes(32)));
  assert.ok(!keyIdOf(KEY).includes(KEY.toString('hex').slice(0, 8)));
});

test('the search text: its words, the short ones ignored and counted, bounds in Vietnamese', () => {
  assert.deepEqual(checkQuery('  Nguyen   thi HUONG '), { ok: true, words: ['nguyen', 'thi', 'huong'], ignored: 0 });
  assert.deepEqual(checkQuery('Trần Văn A'), { ok: true, words: ['tran', 'van'], ignored: 1 });
  assert.deepEqual(checkQuery('A, b'), { ok: false, message: 'Hãy nhập ít nhất một từ có từ 2 chữ cái hoặc chữ số trở lên.' });
  assert.equal(checkQuery('').ok, false);
  const many = Array.from({ length: MAX_QUERY_WORDS + 1 }, (_, i) => `tu${i}`).join(' ');
  assert.deepEqual(checkQuery(many), { ok: false, message: `Chỉ tìm được tối đa ${MAX_QUERY_WORDS} từ một lần.` });
  assert.deepEqual(checkQuery('x'.repeat(MAX_QUERY_LENGTH + 1)), { ok: false, message: `Nội dung tìm kiếm quá dài: tối đa ${MAX_QUERY_LENGTH} ký tự.` });
  fc.assert(fc.property(fc.oneof(viText, anyText), (s) => {
    const q = checkQuery(s);
    if (q.ok) assert.deepEqual(q.words, wordsOf(s));
    else assert.match(q.message, /^[^\n]+\.$/);
  }));
});
