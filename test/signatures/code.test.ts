// The verification code: its alphabet (no look-alikes), format, check character and how typed input is read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CODE_ALPHABET, CODE_ERROR_MESSAGE, CODE_LENGTH, CODE_PATTERN, checkCharacter, formatCode, hasValidCheck, newCode, parseCode,
} from '../../src/signatures/core/code.ts';

const payload = fc.array(fc.constantFrom(...CODE_ALPHABET), { minLength: CODE_LENGTH - 1, maxLength: CODE_LENGTH - 1 }).map((a) => a.join(''));
const code = payload.map((p) => p + checkCharacter(p));

test('the alphabet has 30 distinct characters and none that reads like another', () => {
  assert.equal(CODE_ALPHABET.length, 30);
  assert.equal(new Set(CODE_ALPHABET).size, 30);
  for (const c of '01OILU') assert.ok(!CODE_ALPHABET.includes(c), `${c} is a look-alike`);
  assert.match(CODE_ALPHABET, /^[0-9A-Z]+$/);
  // The database's CHECK (migration 017) and the pattern agree with the alphabet.
  for (const c of CODE_ALPHABET) assert.match(c.repeat(10), CODE_PATTERN);
});

test('a new code: 10 characters of the alphabet, a right check character, grouped 4-4-2 when printed', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const c = newCode();
    assert.match(c, CODE_PATTERN);
    assert.ok(hasValidCheck(c), c);
    seen.add(c);
  }
  assert.equal(seen.size, 2000, 'no repeats in 2000 codes');
  assert.equal(formatCode('XD7K4Q2M92'), 'XD7K-4Q2M-92');
  assert.ok(hasValidCheck('XD7K4Q2M92'), 'the example shown to people is a valid code');
});

test('the random characters are drawn evenly: bytes past 239 are thrown away (no modulo bias)', () => {
  const batches = [Array.from({ length: 16 }, (_, i) => 240 + i), Array.from({ length: 16 }, (_, i) => i)];
  let k = 0;
  const c = newCode((n) => Buffer.from(batches[Math.min(k++, 1)]!.slice(0, n)));
  assert.equal(c.slice(0, 9), CODE_ALPHABET.slice(0, 9));
  assert.ok(hasValidCheck(c));
});

test('every valid code passes; any one character changed is caught by the check character', () => {
  fc.assert(fc.property(code, fc.nat(CODE_LENGTH - 1), fc.constantFrom(...CODE_ALPHABET), (c, i, ch) => {
    assert.ok(hasValidCheck(c));
    fc.pre(c[i] !== ch);
    assert.ok(!hasValidCheck(c.slice(0, i) + ch + c.slice(i + 1)));
  }));
});

test('most swaps of two neighbouring characters are caught', () => {
  let caught = 0;
  let swaps = 0;
  fc.assert(fc.property(code, fc.nat(CODE_LENGTH - 2), (c, i) => {
    if (c[i] === c[i + 1]) return;
    swaps++;
    if (!hasValidCheck(c.slice(0, i) + c[i + 1] + c[i] + c.slice(i + 2))) caught++;
  }), { numRuns: 2000 });
  assert.ok(caught / swaps > 0.95, `${caught} of ${swaps}`);
});

test('what people type: case, spaces and dashes do not matter; each mistake has its message', () => {
  assert.deepEqual(parseCode('xd7k-4q2m-92'), { ok: true, code: 'XD7K4Q2M92' });
  assert.deepEqual(parseCode('  XD7K 4Q2M 92 '), { ok: true, code: 'XD7K4Q2M92' });
  assert.deepEqual(parseCode('ＸＤ７Ｋ–４Ｑ２Ｍ–９２'), { ok: true, code: 'XD7K4Q2M92' }, 'full-width characters and an en dash');
  assert.deepEqual(parseCode(''), { ok: false, error: 'empty' });
  assert.deepEqual(parseCode(' - '), { ok: false, error: 'empty' });
  assert.deepEqual(parseCode('XD7K-4Q2M'), { ok: false, error: 'length' });
  assert.deepEqual(parseCode('XD7K-4Q2M-92X'), { ok: false, error: 'length' });
  assert.deepEqual(parseCode('XD7K-4Q2M-0O'), { ok: false, error: 'characters' });
  assert.deepEqual(parseCode('XD7K-4Q2M-93'), { ok: false, error: 'check' });
  assert.deepEqual(parseCode("' OR 1=1 --"), { ok: false, error: 'characters' });
  for (const m of Object.values(CODE_ERROR_MESSAGE)) assert.match(m, /^[A-ZĐÂÊÔƠƯ]/u, 'a Vietnamese sentence');
});
