// The streaming readers of an import file: CSV (RFC 4180) and the JSON array, whatever the chunking; the sync times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CsvReader, csvField, csvLine } from '../../src/imports/core/csv.ts';
import { JsonArrayError, JsonArrayReader } from '../../src/imports/core/json-array.ts';
import { formatSyncTime, parseSyncTime } from '../../src/imports/core/dates.ts';

/** Splits a text at the given cut points (random chunk boundaries). */
const cut = (s: string, points: number[]) => {
  const at = [...new Set(points.map((p) => p % (s.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const p of at) { out.push(s.slice(from, p)); from = p; }
  out.push(s.slice(from));
  return out;
};

const field = fc.oneof(fc.string(), fc.constantFrom('', 'a,b', 'say "hi"', 'dòng 1\r\ndòng 2', 'Nguyễn Thị Lan', '"'));

test('CSV: any records written with csvLine read back the same, whatever the chunks', () => {
  fc.assert(fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (records, points) => {
    // csvField protects formulas with an apostrophe: compare with what it writes.
    const expected = records.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
    const text = records.map((r) => csvLine(r)).join('');
    const reader = new CsvReader();
    const got: string[][] = [];
    for (const c of cut(text, points)) got.push(...reader.push(c));
    got.push(...reader.end());
    // A record of one empty field is a blank line: not a record.
    assert.deepEqual(got, expected.filter((r) => !(r.length === 1 && r[0] === '')));
  }));
});

test('CSV: BOM, LF endings, no final line break, quoted commas and quotes', () => {
  const r = new CsvReader();
  const rows = [...r.push('\ufeffMaHoSo,ChuHoSo\nA1,"Lê, Văn ""Tèo"""\n'), ...r.push('A2,Bình'), ...r.end()];
  assert.deepEqual(rows, [['MaHoSo', 'ChuHoSo'], ['A1', 'Lê, Văn "Tèo"'], ['A2', 'Bình']]);
  assert.equal(csvField('=1+1'), "'=1+1");
  assert.equal(csvField(null), '');
});

test('JSON: each element of the array, whatever the chunks, strings with braces and escapes included', () => {
  fc.assert(fc.property(fc.array(fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer(), fc.constant('}{[]"\\'))), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 8 }), (items, points) => {
    const text = ` \n${JSON.stringify(items.map((o) => ({ ...o, TienTrinh: [{ a: '[' }] })), null, 1)}\n`;
    const reader = new JsonArrayReader();
    const got: unknown[] = [];
    for (const c of cut(text, points)) got.push(...reader.push(c).map((t) => JSON.parse(t)));
    reader.end();
    assert.deepEqual(got, items.map((o) => ({ ...o, TienTrinh: [{ a: '[' }] })));
  }));
});

test('JSON: not an array, an element that is not an object, a cut file are refused', () => {
  assert.throws(() => new JsonArrayReader().push('{"a":1}'), JsonArrayError);
  assert.throws(() => new JsonArrayReader().push('[1]'), JsonArrayError);
  const r = new JsonArrayReader();
  r.push('[{"a":1},{"b"');
  assert.throws(() => r.end(), JsonArrayError);
});

test('sync times: yyyyMMddHHmmss in Vietnam time, real dates only', () => {
  assert.equal(parseSyncTime('20260315083000')!.toISOString(), '2026-03-15T01:30:00.000Z');
  assert.equal(formatSyncTime(new Date('2026-03-15T01:30:00Z')), '20260315083000');
  for (const bad of ['2026031508300', '20260230083000', '20261315083000', '20260315250000', '2026-03-15', '']) assert.equal(parseSyncTime(bad), null, bad);
  fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), (d) => {
    const s = new Date(Math.floor(d.getTime() / 1000) * 1000);
    assert.equal(parseSyncTime(formatSyncTime(s))!.getTime(), s.getTime());
  }));
});
