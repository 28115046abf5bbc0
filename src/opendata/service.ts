// The open datasets' content, computed from the figures the system keeps (indicators, the plan's targets, the
// catalogue) and cached for a few minutes: a download costs one computation per dataset and commune, whatever the
// number of readers. Every body carries an ETag (its sha256), so a reader who has it gets 304.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { TtlCache } from '../shared/ttl-cache.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { publicFigures } from '../indicators/public.ts';
import { DATASETS, datasetDef, tableSchema, toCsv, toJson, type DatasetDef, type Row } from './core/datasets.ts';
import { dcatCatalog } from './core/catalog.ts';
import { indicatorRows, monthRows, procedureRows, targetRows } from './core/rows.ts';
import { communeName, monthCounts, publishedProcedures } from './store.ts';

type Db = Kysely<Database>;

/** How long a computed dataset is served before it is computed again (the catalogue says "daily"). */
export const CACHE_SECONDS = 600;

export interface Body { body: string; contentType: string; etag: string; modified: Date }

const cache = new TtlCache<{ rows: Row[]; at: Date }>(CACHE_SECONDS * 1000);

async function rowsOf(db: Db, def: DatasetDef, communeId: string, now: Date): Promise<Row[]> {
  const year = Number(vnDate(now).slice(0, 4));
  switch (def.id) {
    case 'chi-so-766': {
      const out: Row[] = [];
      for (const y of [year - 1, year]) out.push(...indicatorRows(y, (await publicFigures(db, communeId, { year: y }, now)).index));
      return out;
    }
    case 'chi-tieu-ke-hoach':
      return targetRows(year, (await publicFigures(db, communeId, { year }, now)).targets);
    case 'ho-so-theo-thu-tuc-thang':
      return monthRows(await monthCounts(db, communeId));
    case 'thu-tuc-hanh-chinh':
      return procedureRows(await publishedProcedures(db, vnDate(now)));
    default:
      return [];
  }
}

/** The dataset's rows (cached) and when they were computed. */
export function datasetRows(db: Db, def: DatasetDef, communeId: string, now: Date) {
  return cache.get(`${communeId}|${def.id}`, async () => ({ rows: await rowsOf(db, def, communeId, now), at: now }));
}

export function forgetOpenData() {
  cache.clear();
}

const etagOf = (s: string) => `"${crypto.createHash('sha256').update(s).digest('base64url').slice(0, 27)}"`;
const body = (s: string, contentType: string, modified: Date): Body => ({ body: s, contentType, etag: etagOf(s), modified });

/** One download: `<id>.csv`, `<id>.json` or `<id>.schema.json`; undefined for an unknown file. */
export async function download(db: Db, communeId: string, file: string, now: Date): Promise<Body | undefined> {
  const m = /^([a-z0-9-]+)\.(csv|json|schema\.json)$/.exec(file);
  const def = m ? datasetDef(m[1]!) : undefined;
  if (!m || !def) return undefined;
  if (m[2] === 'schema.json') return body(JSON.stringify(tableSchema(def), null, 1), 'application/json; charset=utf-8', now);
  const { rows, at } = await datasetRows(db, def, communeId, now);
  return m[2] === 'csv'
    ? body('\ufeff' + toCsv(def, rows), 'text/csv; charset=utf-8', at)
    : body(JSON.stringify(toJson(def, rows)), 'application/json; charset=utf-8', at);
}

/** The DCAT catalogue record (JSON-LD). */
export async function catalogue(db: Db, communeId: string, baseUrl: string, now: Date): Promise<Body> {
  const name = (await communeName(db, communeId)) ?? communeId;
  const doc = dcatCatalog({ baseUrl: baseUrl.replace(/\/$/, ''), communeName: name.replace(/^Xã /, 'xã '), modified: now.toISOString() });
  return body(JSON.stringify(doc, null, 1), 'application/ld+json; charset=utf-8', now);
}

export { DATASETS };
