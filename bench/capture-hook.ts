// Loaded with `--import` into the benchmark server's process by bench/capture-intake-sql.ts (never otherwise): every
// statement any pg client sends is appended to $XASO_CAPTURE_FILE as one JSON line — the backend's pid, the SQL text
// and the parameters in the text form node-postgres sends them.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import pg from 'pg';

const file = process.env.XASO_CAPTURE_FILE;
if (file) {
  const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };
  const text = (v: unknown): string | null => {
    const p = prepareValue(v);
    if (p === null || p === undefined) return null;
    return Buffer.isBuffer(p) ? '\\x' + p.toString('hex') : String(p as string);
  };
  const original = pg.Client.prototype.query as (...a: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown }).query = function (this: pg.Client & { processID?: number }, ...a: unknown[]) {
    const q = a[0] as string | { text?: string; values?: unknown[] };
    const sql = typeof q === 'string' ? q : q?.text;
    const values = (typeof q === 'string' ? a[1] : q?.values ?? a[1]) as unknown[] | undefined;
    if (typeof sql === 'string') {
      fs.appendFileSync(file, JSON.stringify({ pid: this.processID ?? 0, text: sql, values: (values ?? []).map(text) }) + '\n');
    }
    return original.apply(this, a);
  };
}
