// The index templates: importing a province's template from a data file (validated, idempotent: the same file
// again changes nothing; a changed file replaces a template no assessment uses yet, else it is refused), and
// loading the shipped default template (src/par/seed/) on first use, once per database.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { flatten, templateErrors, type TemplateFile } from './core/template.ts';
import { lockTemplates, templateByCode, templateUsed, writeTemplate } from './store.ts';

const SEED_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'seed');

export const shippedTemplates = (): TemplateFile[] =>
  fs.readdirSync(SEED_DIR).filter((f) => f.endsWith('.json')).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(SEED_DIR, f), 'utf8')) as TemplateFile);

const canonical = (v: unknown) => JSON.stringify(v, (_k, x: unknown) =>
  x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : x);

/** Imports one template file; `created` false when the same file was already loaded. */
export async function importTemplate(trx: Transaction<Database>, t: TemplateFile): Promise<{ id: number; created: boolean }> {
  const errors = templateErrors(t);
  if (errors.length) throw new Problem(422, 'TEMPLATE_INVALID', 'Bộ chỉ số không hợp lệ.', errors.join(' '), errors.map((message) => ({ path: '/body', message })));
  await lockTemplates(trx);
  const existing = await templateByCode(trx, t.code, t.effectiveYear);
  if (existing && canonical(existing.data) === canonical(t)) return { id: existing.id, created: false };
  if (existing && (await templateUsed(trx, existing.id))) {
    throw new Problem(409, 'TEMPLATE_IN_USE', 'Bộ chỉ số này đã được dùng để chấm điểm; hãy ban hành phiên bản mới (năm áp dụng khác).');
  }
  return { id: await writeTemplate(trx, t, flatten(t), existing?.id), created: true };
}

const loaded = new WeakSet<object>();

/** Loads the shipped templates once per database (idempotent; cheap after the first call of a process). */
export async function ensureTemplates(db: Kysely<Database>): Promise<void> {
  if (loaded.has(db)) return;
  for (const t of shippedTemplates()) {
    await db.transaction().execute(async (trx) => {
      const existing = await templateByCode(trx, t.code, t.effectiveYear);
      if (!existing) await importTemplate(trx, t);
    });
  }
  loaded.add(db);
}
