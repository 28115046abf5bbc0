// `npm run bench:store` (issue 14 § Benchmark): the citizen's data store at 1,000,000 items, against the embedded
// PostgreSQL. Not a test: it prints figures (also as JSON to bench-results/store.json). Timed: the lookups the product
// makes, each many times with a random owner: the offers while filing (itemsOfOwner by owner + the accepted types, as
// datastore/reuse.ts offersByComponent), the counter's lookup (all of the owner's items, with its log row in the same
// transaction, as lookupStore), and one item by owner + id (a download, the check at submit). p50/p95/p99 and the plan.
//
// Data: BENCH_ITEMS (default 1,000,000) items over BENCH_OWNERS (default 250,000) owners, 9 document types, written by
// one INSERT … SELECT generate_series; a tenth revoked or expired. All items point at one stored file (the files table
// is not what is measured).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { withBenchDatabase } from './database.ts';
import { sortedTimings } from './timing.ts';
import { putFile } from '../src/dossiers/uploads.ts';
import { itemOfOwner, itemsOfOwner } from '../src/datastore/store.ts';
import { lookupStore } from '../src/datastore/reuse.ts';
import { DOCUMENT_TYPES } from '../src/catalogue/core/document-types.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1_000_000);
const OWNERS = Number(process.env.BENCH_OWNERS ?? 250_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const TYPES = DOCUMENT_TYPES.map((t) => t.code);
const CIVIL = ['GIAY_KHAI_SINH', 'GCN_KET_HON', 'TRICH_LUC_KHAI_TU', 'TRICH_LUC_HO_TICH']; // HT.LOCAL.001's GIAY_TO_HO_TICH

const ownerOf = (n: number) => String(100_000_000_000 + n).padStart(12, '0');
const randomOwner = () => ownerOf(Math.floor(Math.random() * OWNERS));
const r2 = (n: number) => Math.round(n * 100) / 100;

async function percentiles(fn: () => Promise<unknown>, runs = RUNS) {
  const t = await sortedTimings(fn, runs, 50);
  const at = (q: number) => r2(t[Math.min(t.length - 1, Math.floor(q * t.length))]!);
  return { runs, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: r2(t.at(-1)!) };
}

async function main() {
  await withBenchDatabase('store', 4, async (db) => {
    const sha = await putFile(db, Buffer.from('%PDF-1.4\n% bench\n'), 'application/pdf');
    const staff = await db.selectFrom('staff').select(['id', 'commune_id']).where('username', '=', 'motcua').executeTakeFirstOrThrow();
    console.log(`loading ${ITEMS} store items over ${OWNERS} owners…`);
    const t0 = performance.now();
    await sql`
      INSERT INTO store_items (owner_id_number, kind, type_code, type_name, issuer, number_symbol, valid_from, valid_to, sha256, file_name,
        source_commune_id, legal_record, status, status_reason, status_at, created_at)
      SELECT lpad((100000000000 + j % ${OWNERS})::text, 12, '0'), CASE WHEN j % 3 = 0 THEN 'component' ELSE 'result' END,
             (${TYPES}::text[])[1 + (j / ${OWNERS}) % ${TYPES.length}], 'Giấy tờ', 'UBND xã Xuân Dương', j || '/2026',
             date '2020-01-01' + (j % 2000), CASE WHEN j % 20 = 7 THEN date '2021-01-01' ELSE NULL END, ${sha}, 'giay-to.pdf',
             ${staff.commune_id}, true,
             CASE WHEN j % 20 = 3 THEN 'revoked' ELSE 'valid' END, CASE WHEN j % 20 = 3 THEN 'Thu hồi' END,
             CASE WHEN j % 20 = 3 THEN now() END, now()
        FROM generate_series(0, ${ITEMS - 1}) AS j`.execute(db);
    const loadS = r2((performance.now() - t0) / 1000);
    await sql`ANALYZE store_items`.execute(db);
    console.log(`loaded in ${loadS} s; timing ${RUNS} lookups of each kind…`);

    const today = '2026-12-07';
    const filing = await percentiles(() => itemsOfOwner(db, randomOwner(), { typeCodes: CIVIL }));
    const counter = await percentiles(() => db.transaction().execute((trx) =>
      lookupStore(trx, { staffId: staff.id, communeId: staff.commune_id }, null, {
        ownerIdNumber: randomOwner(), reason: 'Tiếp nhận hồ sơ tại quầy', component: { code: 'GIAY_TO_HO_TICH', name: 'Giấy tờ hộ tịch', accepts: CIVIL },
      }, today, new Date())));
    const ids = (await db.selectFrom('store_items').select(['id', 'owner_id_number']).where('id', '<=', 10_000).execute());
    const one = await percentiles(() => { const r = ids[Math.floor(Math.random() * ids.length)]!; return itemOfOwner(db, r.owner_id_number, r.id); });

    const explain = async (q: { compile(): { sql: string; parameters: readonly unknown[] } }) => {
      const c = q.compile();
      const rows = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, BUFFERS) ${sql.raw(c.sql.replace(/\$(\d+)/g, (_m, n) => {
        const v = c.parameters[Number(n) - 1];
        return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
      }))}`.execute(db);
      return rows.rows.map((r) => r['QUERY PLAN']);
    };
    const owner = ownerOf(12_345);
    const plans = {
      filing: await explain(db.selectFrom('store_items as i').selectAll().where('i.owner_id_number', '=', owner).where('i.type_code', 'in', CIVIL)
        .orderBy('i.valid_from', 'desc').orderBy('i.id', 'desc').limit(500)),
      counter: await explain(db.selectFrom('store_items as i').selectAll().where('i.owner_id_number', '=', owner)
        .orderBy('i.valid_from', 'desc').orderBy('i.id', 'desc').limit(500)),
    };
    const lookupsLogged = Number((await db.selectFrom('store_lookups').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const result = {
      at: new Date().toISOString(), items: ITEMS, owners: OWNERS, cores: os.cpus().length, loadSeconds: loadS,
      filingOffers: filing, counterLookupWithLog: counter, oneItemByOwner: one, lookupsLogged, plans,
    };
    console.log(JSON.stringify({ ...result, plans: undefined }, null, 2));
    for (const [k, v] of Object.entries(plans)) console.log(`\nEXPLAIN ${k}:\n${v.join('\n')}`);
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results', 'store.json'), JSON.stringify(result, null, 2));
  });
}

await main();
