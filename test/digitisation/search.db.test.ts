// Search by the scans' text on a real database (stand-in OCR, as queue.db.test.ts): a done job's words are stored as
// keyed hashes only (never the words), in the transaction that marks it done, also for a job that reuses another's
// storage copy; the dossier list finds a dossier by two of its words typed without diacritics (each may be in a
// different scan), not by a word absent, not for an officer of another commune or of a unit the dossier never
// reached; the backfill indexes jobs done before the index existed and rows hashed with a former key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from '../support/db.ts';
import { digitiseRound, digitisationCycle } from '../../src/digitisation/worker.ts';
import { backfillTerms, searchTerms, termsKey } from '../../src/digitisation/search.ts';
import { checkQuery, wordsOf } from '../../src/digitisation/core/terms.ts';
import { inbox } from '../../src/dossiers/store.ts';
import { claimDue, recordDone } from '../../src/digitisation/store.ts';
import { LEASE_MARGIN_MS } from '../../src/digitisation/core/retry.ts';
import type { OcrRunner } from '../../src/digitisation/ocr.ts';
import type { Principal } from '../../src/identity/core/principal.ts';
import { newDossier, pngScan, scanAndEnqueue } from './support.ts';

const { db } = await testDb();
const clock = new Date('2026-12-07T02:00:00Z');
const deps = { db, now: () => clock };

const TEXT = 'TỜ KHAI ĐĂNG KÝ KHAI SINH\nHọ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hường\nNơi cư trú: xã Xuân Dương\f';
const fakePdf = (n: number) => Buffer.from(`%PDF-1.7\n% ${n}\n%%EOF`);
const ocrOf = (text: string, n: number): OcrRunner => async () => ({ ok: true, pdf: fakePdf(n), text });


async function unitOf(communeId: string, code: string): Promise<number> {
  return Number((await db.selectFrom('units').select('id').where('commune_id', '=', communeId).where('code', '=', code).executeTakeFirstOrThrow()).id);
}

const officer = (communeId: string, o: Partial<Principal> = {}): Principal => ({
  kind: 'staff', id: 1, name: 'Cán bộ', communeId, unitId: null, unitCode: null, roles: ['receiving_officer'], ...o,
});

/** The dossiers of the caller's list whose scans hold all of `typed`. */
async function found(p: Principal, typed: string): Promise<string[]> {
  const q = checkQuery(typed);
  assert.ok(q.ok);
  return (await inbox(db, p, { scanText: searchTerms(p.communeId, q.words), limit: 200 })).map((r) => r.id);
}

/** Scans `text` into a new job of `dossier` and runs the worker until it is done. */
async function scanned(dossier: string, seed: number, text: string) {
  const r = await scanAndEnqueue(db, dossier, pngScan(seed), { now: clock });
  assert.equal((await digitiseRound(deps, { ocr: ocrOf(text, seed), limit: 10 })).done, 1);
  return r;
}

const termsRow = (jobId: string) => db.selectFrom('ocr_terms').selectAll().where('job_id', '=', jobId).executeTakeFirst();

test('a done job is found by two of its words typed without diacritics; not by a word absent; the row holds no word', async () => {
  const dossier = await newDossier(db);
  const other = await newDossier(db);
  const r = await scanned(dossier, 101, TEXT);
  await scanned(other, 102, 'Giấy chứng nhận kết hôn của Lê Văn Tám');
  const desk = officer('xuan-duong');

  assert.deepEqual(await found(desk, 'nguyen huong'), [dossier]);
  assert.deepEqual(await found(desk, 'HƯỜNG   Xuân, dương'), [dossier], 'with diacritics, any case and punctuation');
  assert.deepEqual(await found(desk, 'huong tam'), [], 'every word must appear');
  assert.deepEqual(await found(desk, 'khaisinh'), []);

  const row = await termsRow(r.jobId);
  assert.ok(row);
  assert.equal(row.dossier_id, dossier);
  assert.equal(row.commune_id, 'xuan-duong');
  assert.equal(row.key_id, termsKey().id);
  assert.equal(row.terms.length, wordsOf(TEXT).length);
  const stored = JSON.stringify([row.terms, row.key_id]).toLowerCase();
  for (const w of wordsOf(TEXT).filter((x) => x.length > 2)) assert.ok(!stored.includes(w), `"${w}" is not in the row`);
  assert.ok(!stored.includes('hường') && !stored.includes('nguyễn'));
});

test('each word may be in a different scan of the dossier', async () => {
  const dossier = await newDossier(db);
  await scanned(dossier, 111, 'Trích lục khai sinh của Phạm Quỳnh Anh');
  await scanned(dossier, 112, 'Căn cước của người mẹ: Đỗ Thị Lý');
  assert.deepEqual(await found(officer('xuan-duong'), 'quynh ly'), [dossier]);
});

test('scoped like the list: not for another commune, not for a unit the dossier never reached', async () => {
  const dossier = await newDossier(db);
  await scanned(dossier, 121, 'Đơn đề nghị của Hoàng Bảo Ngọc, thôn Khuôn Ngọa');
  assert.deepEqual(await found(officer('xuan-duong'), 'khuon ngoa'), [dossier]);
  assert.deepEqual(await found(officer('tan-lap'), 'khuon ngoa'), [], 'another commune');
  const vhxh = await unitOf('xuan-duong', 'VHXH');
  const specialist = officer('xuan-duong', { id: 2, roles: ['specialist'], unitId: vhxh, unitCode: 'VHXH' });
  assert.deepEqual(await found(specialist, 'khuon ngoa'), [], 'a unit the dossier never reached');
  await db.insertInto('dossier_units').values({ dossier_id: dossier, unit_id: vhxh }).execute();
  assert.deepEqual(await found(specialist, 'khuon ngoa'), [dossier], 'once routed to the unit');
});

test('a job reusing another dossier\'s storage copy is indexed too', async () => {
  const first = await newDossier(db);
  const second = await newDossier(db);
  await scanned(first, 131, 'Giấy xác nhận của ông Chu Văn Khoa');
  const again = await scanAndEnqueue(db, second, pngScan(131), { now: clock });
  assert.equal((await digitiseRound(deps, { ocr: async () => { throw new Error('no second OCR run'); } })).done, 1);
  assert.ok(await termsRow(again.jobId));
  assert.deepEqual((await found(officer('xuan-duong'), 'chu khoa')).sort(), [first, second].sort());
});

test('the backfill indexes jobs done before the index, and rows hashed with a former key; bounded batches', async () => {
  const a = await newDossier(db);
  const b = await newDossier(db);
  // Done as the worker did before migration 040: the storage copy and text stored, no terms.
  const ra = await scanAndEnqueue(db, a, pngScan(141), { now: clock });
  const [claimed] = await claimDue(db, clock, LEASE_MARGIN_MS, 1);
  assert.equal(String(claimed?.id), String(ra.jobId));
  assert.ok(await recordDone(db, claimed!, { pdf: fakePdf(141), text: 'Biên bản của bà Lục Thị Xuyến', letters: 20, pages: 1, findings: [], now: clock }));
  assert.equal(await termsRow(ra.jobId), undefined);
  const rb = await scanned(b, 142, 'Biên bản của bà Lục Thị Xuyến, thôn Nà Pài');
  await db.updateTable('ocr_terms').set({ key_id: 'former', terms: ['1'] }).where('job_id', '=', rb.jobId).execute(); // a former key
  assert.deepEqual(await found(officer('xuan-duong'), 'luc xuyen'), []);

  const cursor = { after: '0' };
  let indexed = 0;
  for (let n = 0; n < 1000; n++) {
    const k = await backfillTerms(deps, cursor, { limit: 1 });
    indexed += k;
    if (!k && (await termsRow(ra.jobId)) && (await termsRow(rb.jobId))?.key_id === termsKey().id) break;
  }
  assert.ok(indexed >= 2);
  assert.deepEqual((await found(officer('xuan-duong'), 'luc xuyen')).sort(), [a, b].sort());
  assert.deepEqual(await found(officer('xuan-duong'), 'na pai'), [b]);
  assert.equal(await backfillTerms(deps, cursor), 0, 'the walk is over');

  // The worker's cycle runs the backfill from a fresh cursor (a restart).
  await db.updateTable('ocr_terms').set({ key_id: 'former' }).where('job_id', '=', ra.jobId).execute();
  let cycled = 0;
  const cycle = { after: 0 };
  const current = async () => (await termsRow(ra.jobId))?.key_id === termsKey().id;
  for (let n = 0; n < 200 && !(await current()); n++) cycled += (await digitisationCycle(deps, cycle, { ocr: ocrOf('', 0) })).indexed;
  assert.ok(cycled >= 1 && await current());
});
