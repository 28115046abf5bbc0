// The input guard's rule for multipart parts (http/input-guard.ts): control characters and lone surrogates in a
// file's name, NUL and lone surrogates in a field's value or name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { badFileName, checkPart } from '../../src/http/input-guard.ts';

test('a file name with a C0 control, DEL or a lone surrogate is bad; Vietnamese, spaces and emoji are not', () => {
  for (const bad of ['a\u0000.pdf', '\u0001', 'tab\tname.pdf', 'line\nbreak.pdf', 'del\u007f.pdf', 'x\ud800.pdf']) assert.equal(badFileName(bad), true, JSON.stringify(bad));
  for (const ok of ['giấy chứng sinh (bản chụp).pdf', 'ảnh 😀.png', 'a b.pdf', '']) assert.equal(badFileName(ok), false, ok);
});

test('checkPart: 400 INVALID_FILE_NAME for a file, INVALID_CHARACTERS for a field; null when clean', () => {
  assert.equal(checkPart({ type: 'file', fieldname: 'file', filename: 'a\u0000.pdf' })?.code, 'INVALID_FILE_NAME');
  assert.equal(checkPart({ type: 'file', fieldname: 'file', filename: 'a\u0000.pdf' })?.status, 400);
  assert.equal(checkPart({ type: 'field', fieldname: 'ma', value: 'A\u0000' })?.code, 'INVALID_CHARACTERS');
  assert.equal(checkPart({ type: 'field', fieldname: 'm\u0000a', value: 'A' })?.code, 'INVALID_CHARACTERS');
  assert.equal(checkPart({ type: 'field', fieldname: 'ma', value: 'line\nbreak' }), null, 'a field may hold a line break');
  assert.equal(checkPart({ type: 'file', fieldname: 'file', filename: 'giấy.pdf' }), null);
});
