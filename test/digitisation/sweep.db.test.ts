// The sweep that brings online uploads (citizen photos and scans, supplements, demo data) to the queue: every file of
// a procedure component without a job gets one, measured in the worker; not the draft result (KET_QUA), not a paper
// taken from the applicant's store; a second pass and a restart (a fresh cursor) add nothing; a batch is bounded; a
// file that cannot be read is skipped, not retried in a loop; the named component gives the storage file its name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from '../support/db.ts';
import { insertDossierFile, putFile } from '../../src/dossiers/files-store.ts';
import { SWEEP_BATCH, sweepUnscanned, type SweepCursor } from '../../src/digitisation/sweep.ts';
import { digitisationCycle } from '../../src/digitisation/worker.ts';
import { jobsOfDossier } from '../../src/digitisation/store.ts';
import type { OcrRunner } from '../../src/digitisation/ocr.ts';
import { newDossier, pngScan } from './support.ts';
import { insertItem } from '../../src/datastore/store.ts';

const { db } = await testDb();
const now = new Date('2026-12-07T03:00:00Z');
const deps = { db, now: () => now };


async function attach(dossierId: string, component: string, content: Buffer, o: { storeItemId?: number } = {}) {
  const sha256 = await putFile(db, content, content[0] === 0x89 ? 'image/png' : 'application/pdf');
  await insertDossierFile(db, { dossierId, componentCode: component, fileName: `${component.toLowerCase()}.png`, sha256, reused: false, fromStore: false, uploadedBy: null, storeItemId: o.storeItemId ?? null });
  return sha256;
}

test('every uploaded file of a component gets its job, once; not the result, not a paper from the store', async () => {
  const d = await newDossier(db);
  const a = await attach(d, 'TO_KHAI', pngScan(1));
  await attach(d, 'GIAY_CHUNG_SINH', pngScan(2));
  await attach(d, 'KET_QUA', Buffer.from('%PDF-1.7\n% the draft result\n'));
  const stored = await putFile(db, pngScan(3), 'image/png');
  const item = await insertItem(db, {
    ownerIdNumber: '001190009999', kind: 'result', typeCode: 'GCN_KET_HON', typeName: 'Giấy chứng nhận kết hôn', issuer: 'UBND xã Xuân Dương',
    numberSymbol: '3/2025/KH', validFrom: '2025-03-10', validTo: null, sha256: stored, fileName: 'gcn-ket-hon.png',
    sourceCommuneId: 'xuan-duong', sourceDossierId: null, sourceComponentCode: null, signedCode: null, legalRecord: true, at: now,
  });
  await attach(d, 'GCN_KET_HON_CHA_ME', pngScan(3), { storeItemId: Number(item.id) });

  const cursor: SweepCursor = { after: 0 };
  let r = await sweepUnscanned(deps, cursor);
  while (r.enqueued) r = await sweepUnscanned(deps, cursor); // other tests' files too
  const jobs = await jobsOfDossier(db, d);
  assert.deepEqual(jobs.map((j) => j.component_code).sort(), ['GIAY_CHUNG_SINH', 'TO_KHAI']);
  const toKhai = jobs.find((j) => j.component_code === 'TO_KHAI')!;
  assert.equal(toKhai.source_sha256, a);
  assert.equal(toKhai.version, 1);
  assert.equal(toKhai.file_name, '1.001193_TO_KHAI_20261207_ToKhaiDangKyKhaiSinh_V1.pdf', 'named after the catalogue component');
  assert.deepEqual(toKhai.findings, [], 'measured in the worker: a 300-dpi colour page');

  // A second pass and a restart (fresh cursor) add nothing.
  assert.deepEqual(await sweepUnscanned(deps, cursor), { enqueued: 0, failed: 0 });
  const fresh: SweepCursor = { after: 0 };
  let again = 0;
  for (let i = 0; i < 50; i++) {
    const x = await sweepUnscanned(deps, fresh);
    again += x.enqueued;
    if (!x.enqueued && !x.failed) break;
  }
  assert.equal(again, 0);
  assert.equal((await jobsOfDossier(db, d)).length, 2);
});

test('a batch is bounded; a file uploaded after a pass is found by the next one; the worker cycle sweeps then digitises', async () => {
  const d = await newDossier(db);
  for (let i = 0; i < SWEEP_BATCH + 5; i++) await attach(d, 'TO_KHAI', pngScan(100 + i));
  const cursor: SweepCursor = { after: 0 };
  const first = await sweepUnscanned(deps, cursor);
  assert.equal(first.enqueued, SWEEP_BATCH);
  const second = await sweepUnscanned(deps, cursor);
  assert.equal(second.enqueued, 5);
  assert.deepEqual((await jobsOfDossier(db, d)).map((j) => j.version).sort((x, y) => x - y), Array.from({ length: SWEEP_BATCH + 5 }, (_, i) => i + 1));

  const late = await attach(d, 'GIAY_CHUNG_SINH', pngScan(999));
  const ocr: OcrRunner = async () => ({ ok: true, pdf: Buffer.from('%PDF-1.7\n%%EOF'), text: 'Giấy chứng sinh của trẻ Trần Minh Đức sinh ngày mười lăm\f' });
  const cycle = await digitisationCycle(deps, cursor, { ocr, limit: 100 });
  assert.equal(cycle.swept.enqueued, 1);
  assert.ok(cycle.done >= 1);
  assert.equal((await jobsOfDossier(db, d)).find((j) => j.source_sha256 === late)?.status, 'done');
});

test('a file the sweep cannot read is counted and skipped, not retried in a loop', async () => {
  const d = await newDossier(db);
  const sha = await attach(d, 'TO_KHAI', pngScan(5000));
  // Its stored bytes sealed with a key version that does not exist: the vault cannot open it.
  await db.updateTable('files').set({ key_version: 9999 }).where('sha256', '=', sha).execute();
  const cursor: SweepCursor = { after: 0 };
  const errors: number[] = [];
  let failed = 0;
  for (let i = 0; i < 50; i++) {
    const r = await sweepUnscanned(deps, cursor, { onError: (id) => errors.push(id) });
    failed += r.failed;
    if (!r.enqueued && !r.failed) break;
  }
  assert.equal(failed, 1);
  assert.equal(errors.length, 1);
  assert.deepEqual(await sweepUnscanned(deps, cursor), { enqueued: 0, failed: 0 });
});

test('the same bytes in two dossiers are OCRed once: the second job reuses the storage copy', async () => {
  const [d1, d2] = [await newDossier(db), await newDossier(db)];
  const content = pngScan(7777);
  await attach(d1, 'TO_KHAI', content);
  await attach(d2, 'GIAY_CHUNG_SINH', content);
  let runs = 0;
  const ocr: OcrRunner = async () => { runs++; return { ok: true, pdf: Buffer.from('%PDF-1.7\n% copy 7777\n%%EOF'), text: 'Tờ khai đăng ký khai sinh của trẻ Trần Minh Đức\f' }; };
  const cursor: SweepCursor = { after: 0 };
  for (let i = 0; i < 20; i++) {
    const r = await digitisationCycle(deps, cursor, { ocr, limit: 100 });
    if (!r.claimed && !r.swept.enqueued) break;
  }
  const [a, b] = [(await jobsOfDossier(db, d1))[0]!, (await jobsOfDossier(db, d2))[0]!];
  assert.equal(runs, 1);
  assert.equal(a.status, 'done');
  assert.equal(b.status, 'done');
  assert.equal(a.result_sha256, b.result_sha256);
  assert.match(b.file_name, /_GIAY_CHUNG_SINH_/, 'each keeps its own name by the guide\'s rule');
});
