// Reading an import file as a stream of rows (CSV with a header row, or the sync JSON: an array of HoSo, each with its
// TienTrinh nested), and a first pass that hashes the file and counts its rows (the run's identity and the progress
// total). Never the whole file in memory: one chunk and one batch at a time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { CsvReader } from './core/csv.ts';
import { JsonArrayError, JsonArrayReader } from './core/json-array.ts';
import { COLUMN_NAMES, IMPORT_COLUMNS } from './core/columns.ts';
import type { RawRow, Step } from './core/validate.ts';

export type Format = 'csv' | 'json';

/** A file the import cannot read at all (not a row's fault): the message is for the operator. */
export class ImportFileError extends Error {
  override name = 'ImportFileError';
}

/** One data row: its number (1-based, header excluded) and its fields, or why it could not be read. */
export type FileRow = { rowNo: number; raw: RawRow; steps: Step[] } | { rowNo: number; unreadable: string; sourceCode: string };

async function* chunks(file: string, onBytes?: (b: Buffer) => void): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const b of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    onBytes?.(b);
    yield decoder.write(b);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/** The file's sha256 and its number of data rows. */
export async function scanFile(file: string, format: Format): Promise<{ sha256: string; rows: number }> {
  const hash = crypto.createHash('sha256');
  let rows = 0;
  if (format === 'csv') {
    const reader = new CsvReader();
    for await (const text of chunks(file, (b) => hash.update(b))) rows += reader.push(text).length;
    rows += reader.end().length;
    rows = Math.max(0, rows - 1);
  } else {
    const reader = new JsonArrayReader();
    try {
      for await (const text of chunks(file, (b) => hash.update(b))) rows += reader.push(text).length;
      reader.end();
    } catch (e) {
      if (e instanceof JsonArrayError) throw new ImportFileError(e.message);
      throw e;
    }
  }
  return { sha256: hash.digest('hex'), rows };
}

/** The data rows of the file, in order. */
export async function* fileRows(file: string, format: Format): AsyncGenerator<FileRow> {
  if (format === 'csv') yield* csvRows(file);
  else yield* jsonRows(file);
}

async function* csvRows(file: string): AsyncGenerator<FileRow> {
  const reader = new CsvReader();
  let header: string[] | null = null;
  let rowNo = 0;
  const rowsOf = function* (records: string[][]): Generator<FileRow> {
    for (const rec of records) {
      if (!header) {
        const names = rec.map((h) => h.trim());
        header = names;
        const missing = IMPORT_COLUMNS.filter((c) => c.required && !names.includes(c.name)).map((c) => c.name);
        if (missing.length) throw new ImportFileError(`Dòng tiêu đề thiếu cột bắt buộc: ${missing.join(', ')}.`);
        continue;
      }
      rowNo++;
      const h = header;
      const code = rec[h.indexOf('MaHoSo')]?.trim() ?? '';
      if (rec.length !== h.length) {
        yield { rowNo, sourceCode: code, unreadable: `Dòng có ${rec.length} cột, dòng tiêu đề có ${h.length} cột.` };
        continue;
      }
      const raw: RawRow = {};
      h.forEach((name, i) => { if (COLUMN_NAMES.has(name)) raw[name] = rec[i]!; });
      yield { rowNo, raw, steps: [] };
    }
  };
  for await (const text of chunks(file)) yield* rowsOf(reader.push(text));
  yield* rowsOf(reader.end());
  if (!header) throw new ImportFileError('Tệp CSV trống: thiếu dòng tiêu đề.');
}

const asText = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'object' ? '' : String(v));

async function* jsonRows(file: string): AsyncGenerator<FileRow> {
  const reader = new JsonArrayReader();
  let rowNo = 0;
  const rowOf = (text: string): FileRow => {
    rowNo++;
    let o: unknown;
    try {
      o = JSON.parse(text);
    } catch {
      return { rowNo, sourceCode: '', unreadable: 'Hồ sơ không phải JSON hợp lệ.' };
    }
    const hoSo = o as Record<string, unknown>;
    const raw: RawRow = {};
    for (const name of COLUMN_NAMES) raw[name] = asText(hoSo[name]);
    const steps = Array.isArray(hoSo.TienTrinh)
      ? (hoSo.TienTrinh as unknown[]).filter((s) => s && typeof s === 'object').map((s) => Object.fromEntries(Object.entries(s as object).map(([k, v]) => [k, asText(v)])) as Step)
      : [];
    return { rowNo, raw, steps };
  };
  try {
    for await (const text of chunks(file)) for (const el of reader.push(text)) yield rowOf(el);
    reader.end();
  } catch (e) {
    if (e instanceof JsonArrayError) throw new ImportFileError(e.message);
    throw e;
  }
}

/** The format named, or guessed from the file's extension. */
export function formatOf(file: string, flag: string | undefined): Format | null {
  if (flag) return flag === 'csv' || flag === 'json' ? flag : null;
  return /\.json$/i.test(file) ? 'json' : /\.csv$/i.test(file) ? 'csv' : null;
}
