// The request guards of issue 13 (finding 6), pure: NUL and lone surrogates found anywhere (keys too), hostile depth
// found without recursion, non-finite numbers, the schema bounds, the classes of database errors, and a page's own
// form-error path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findBadInput, hasBadCharacters, MAX_DEPTH, checkRequest } from '../../src/http/input-guard.ts';
import { boundNumbers, INT_MAX, INT_MIN } from '../../src/http/number-bounds.ts';
import { classifyDbError } from '../../src/http/pg-errors.ts';
import { Problem, sendProblem } from '../../src/http/problem.ts';

test('well-formed text passes; the same text with a NUL or a lone surrogate anywhere does not', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme' }), fc.nat(), fc.constantFrom('\u0000', '\ud800', '\udfff', '\udbff'), (s, at, bad) => {
    assert.equal(hasBadCharacters(s), false);
    const i = at % (s.length + 1);
    // Inside a surrogate pair or between characters, the inserted unit leaves at least one unpaired surrogate.
    assert.equal(hasBadCharacters(s.slice(0, i) + bad + s.slice(i)), true);
  }));
  assert.equal(hasBadCharacters('Nguyễn Văn An 😀'), false);
  assert.equal(hasBadCharacters('\ud83d'), true);
  assert.equal(hasBadCharacters('\ude00x'), true);
});

test('the path of the first bad string, in values and keys, however deep (up to the limit)', () => {
  assert.deepEqual(findBadInput({ a: [{ b: 'ok' }, { c: 'x\u0000' }] }, '/body'), { kind: 'characters', path: '/body/a/1/c' });
  assert.deepEqual(findBadInput({ 'k\u0000': 1 }, '/body'), { kind: 'characters', path: '/body/k\u0000' });
  assert.deepEqual(findBadInput({ 'a/b': '\ud800' }, '/query'), { kind: 'characters', path: '/query/a~1b' });
  assert.equal(findBadInput({ n: 1, s: 'ổn', t: true, z: null }, '/body'), null);
  let deep: unknown = 'x';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(findBadInput(deep, '/body')?.kind, 'depth');
  let ok: unknown = 'x';
  for (let i = 0; i < MAX_DEPTH; i++) ok = [ok];
  assert.equal(findBadInput(ok, '/body'), null);
  assert.deepEqual(findBadInput({ n: Infinity }, '/query'), { kind: 'number', path: '/query/n' });
});

test('checkRequest names the part and the field, in Vietnamese', () => {
  const p = checkRequest({ body: undefined, query: { q: 'a\u0000' }, params: {}, headers: {} } as never)!;
  assert.equal(p.status, 400);
  assert.equal(p.code, 'INVALID_CHARACTERS');
  assert.match(p.title, /^Trường "q" chứa ký tự không hợp lệ/);
  assert.deepEqual(p.errors?.[0]?.path, '/query/q');
  assert.equal(checkRequest({ body: { a: 'b' }, query: {}, params: { id: '1' }, headers: { 'user-agent': 'x' } } as never), null);
});

test('unbounded integers and numbers of a schema get bounds; stated bounds stay', () => {
  const s = {
    type: 'object',
    properties: {
      a: { type: 'integer' }, b: { type: 'integer', minimum: 1 }, c: { type: 'number' }, d: { type: 'integer', maximum: 4 },
      e: { anyOf: [{ type: 'integer' }, { type: 'null' }] }, f: { type: 'array', items: { type: 'number', exclusiveMaximum: 2 } },
    },
  } as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  boundNumbers(s);
  assert.deepEqual([s.properties.a.minimum, s.properties.a.maximum], [INT_MIN, INT_MAX]);
  assert.deepEqual([s.properties.b.minimum, s.properties.b.maximum], [1, INT_MAX]);
  assert.deepEqual([s.properties.c.minimum, s.properties.c.maximum], [-1e15, 1e15]);
  assert.deepEqual([s.properties.d.minimum, s.properties.d.maximum], [INT_MIN, 4]);
  assert.equal(s.properties.e.anyOf[0].maximum, INT_MAX);
  assert.equal(s.properties.f.items.maximum, undefined);
});

test('database errors: data exceptions 400, duplicates 409, the connection lost 503, others unclassified', () => {
  const pg = (code: string) => Object.assign(new Error('x'), { code, severity: 'ERROR' });
  for (const c of ['22P02', '22003', '22021', '22007', '22008', '22P05', '54000', '23514']) assert.equal(classifyDbError(pg(c))?.status, 400, c);
  assert.equal(classifyDbError(pg('23505'))?.status, 409);
  assert.equal(classifyDbError(pg('40001')), null);
  assert.equal(classifyDbError(Object.assign(new Error('x'), { code: 'EPIPE' }))?.status, 503, 'the socket to PostgreSQL broke');
  assert.equal(classifyDbError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))?.status, 503);
  assert.equal(classifyDbError(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'connect' }))?.status, 503, 'the Unix socket gone');
  assert.equal(classifyDbError(Object.assign(new Error('x'), { code: 'ENOENT', syscall: 'open' })), null, 'a missing file is no outage');
  assert.equal(classifyDbError(new Error('x')), null);
});

test("a page's form-error path gets a 400 with field errors; the error page the rest", () => {
  const seen: string[] = [];
  const log = { warn() {}, error() {} };
  const reply = { code: () => reply, type: () => reply, send: (b: unknown) => seen.push(`json ${JSON.stringify(b)}`) };
  const request = (config: object) => ({ url: '/tra-cuu', method: 'POST', routeOptions: { config }, log });
  const formError = (_r: unknown, _s: unknown, p: Problem) => seen.push(`form ${p.errors![0]!.path}`);
  sendProblem(reply as never, request({ formError }) as never, checkRequest({ body: { code: 'a\u0000' }, query: {}, params: {}, headers: {} } as never)!);
  assert.deepEqual(seen, ['form /body/code']);
  sendProblem(reply as never, request({ formError }) as never, new Problem(404, 'NOT_FOUND', 'Không tìm thấy.'));
  assert.equal(seen.length, 2);
  assert.match(seen[1]!, /^json .*NOT_FOUND/);
});
