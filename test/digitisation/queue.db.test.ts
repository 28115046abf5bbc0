// The digitisation queue on a real database, with a stand-in OCR run (the real one: ocr.db.test.ts): a repeated
// enqueue is one job and a new source the next version, even when two come at once; a crash is retried with
// backoff then failed with its message, the source intact; a job whose worker died is taken again after its lease;
// a stopping worker gives its job back untried; the OCR text is stored encrypted and read back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDb } from '../support/db.ts';
import { digitiseRound, startDigitisationWorker } from '../../src/digitisation/worker.ts';
import { claimDue, jobsOfDossier, ocrTextOf, sourceContent } from '../../src/digitisation/store.ts';
import { LEASE_MARGIN_MS, MAX_ATTEMPTS, retryDelayMs } from '../../src/digitisation/core/retry.ts';
import type { OcrRunner } from '../../src/digitisation/ocr.ts';
import { newDossier, scanAndEnqueue } from './support.ts';

const { db } = await testDb();
const t0 = new Date('2026-12-07T02:00:00Z');
let clock = t0;
const deps = { db, now: () => clock };

// A 2480×3508 colour PNG header at 300 dpi (pHYs 11811 px/m): enough for measuring; the stand-in OCR never decodes it.
function pngScan(seed: number, o: { w?: number; h?: number; ppm?: number; type?: number } = {}): Buffer {
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
  const chunk = (name: string, data: Buffer) => Buffer.concat([u32(data.length), Buffer.from(name, 'latin1'), data, u32(0)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32(o.w ?? 2480), u32(o.h ?? 3508), Buffer.from([8, o.type ?? 2, 0, 0, 0])])),
    chunk('pHYs', Buffer.concat([u32(o.ppm ?? 11811), u32(o.ppm ?? 11811), Buffer.from([1])])),
    chunk('IDAT', u32(seed)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

const fakePdf = Buffer.from('%PDF-1.7\n<x:xmpmeta><rdf:Description pdfaid:part="2"/></x:xmpmeta>\n%%EOF');
const succeed: OcrRunner = async () => ({ ok: true, pdf: fakePdf, text: 'Tờ khai đăng ký khai sinh của Nguyễn Thị Hường\f' });
const crash: OcrRunner = async () => ({ ok: false, kind: 'crash', exitCode: 15, detail: 'Traceback: boom' });

test('a repeated enqueue is one job; a new source is the next version, named V2; two at once get 1 and 2', async () => {
  const dossier = await newDossier(db);
  const a = await scanAndEnqueue(db, dossier, pngScan(1), { now: t0 });
  const again = await scanAndEnqueue(db, dossier, pngScan(1), { now: t0 });
  assert.equal(a.created, true);
  assert.equal(again.created, false);
  assert.equal(again.jobId, a.jobId);
  assert.equal(a.fileName, '1.001193_TO_KHAI_20261207_ToKhaiDangKyKhaiSinh_V1.pdf');
  assert.deepEqual(a.findings, []);
  const b = await scanAndEnqueue(db, dossier, pngScan(2), { now: t0 });
  assert.equal(b.version, 2);
  assert.match(b.fileName, /_V2\.pdf$/);
  assert.equal((await jobsOfDossier(db, dossier)).length, 2);

  const other = await newDossier(db);
  const both = await Promise.all([scanAndEnqueue(db, other, pngScan(3), { now: t0 }), scanAndEnqueue(db, other, pngScan(4), { now: t0 })]);
  assert.deepEqual(both.map((x) => x.version).sort(), [1, 2]);
  // Leave the queue empty for the next tests.
  clock = new Date(+t0 + 1000);
  while ((await digitiseRound(deps, { ocr: succeed, limit: 10 })).claimed);
});

test('findings are told at once: a grey 150-dpi scan of an ID paper', async () => {
  const dossier = await newDossier(db);
  const grey = pngScan(5, { w: 1240, h: 1754, ppm: 5906, type: 0 }); // A4 in grey at 150 dpi
  const r = await scanAndEnqueue(db, dossier, grey, { now: clock, component: { code: 'GIAY_TO_TUY_THAN', name: 'Thẻ Căn cước', kind: 'shown' }, expectedPages: 2 });
  assert.deepEqual(r.findings.map((f) => f.message), [
    'Thiếu trang: tệp có 1 trang, cần 2 trang.',
    'Độ phân giải thấp: 150 dpi, cần ít nhất 200 dpi.',
    'Ảnh đen trắng: giấy tờ có ảnh chân dung cần quét màu.',
  ]);
  await digitiseRound(deps, { ocr: succeed });
});

test('done: the storage copy and the OCR text are stored (the text encrypted) and the job records them', async () => {
  const dossier = await newDossier(db);
  const r = await scanAndEnqueue(db, dossier, pngScan(6), { now: clock });
  assert.deepEqual(await digitiseRound(deps, { ocr: succeed }), { claimed: 1, done: 1, retrying: 0, failed: 0, released: 0 });
  const [job] = await jobsOfDossier(db, dossier);
  assert.equal(job!.status, 'done');
  assert.equal(job!.result_pages, 1);
  assert.deepEqual((await sourceContent(db, job!.result_sha256!)).content, fakePdf);
  assert.equal(await ocrTextOf(db, dossier, r.jobId), 'Tờ khai đăng ký khai sinh của Nguyễn Thị Hường\f');
  assert.equal(await ocrTextOf(db, await newDossier(db), r.jobId), undefined, 'not through another dossier');
  const stored = await db.selectFrom('files').select(['content', 'key_version']).innerJoin('digitisation_jobs as j', 'j.ocr_sha256', 'files.sha256').where('j.id', '=', r.jobId).executeTakeFirstOrThrow();
  assert.ok(stored.key_version !== null && !stored.content.includes(Buffer.from('Hường')), 'the OCR text is not plaintext in the database');
});

test('an OCR crash is retried with backoff, then failed with a clear message; the source is intact', async () => {
  const dossier = await newDossier(db);
  const source = pngScan(7);
  const r = await scanAndEnqueue(db, dossier, source, { now: clock });
  const errors: string[] = [];
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    const round = await digitiseRound(deps, { ocr: crash, onFailure: (_id, e) => errors.push(e) });
    assert.equal(round.claimed, 1, `try ${n}`);
    const [job] = await jobsOfDossier(db, dossier);
    assert.equal(job!.attempts, n);
    if (n < MAX_ATTEMPTS) {
      assert.equal(job!.status, 'queued');
      assert.equal(job!.last_error, 'Chương trình nhận dạng chữ dừng bất thường (mã thoát 15).');
      assert.equal((await digitiseRound(deps, { ocr: crash })).claimed, 0, 'not before its backoff');
      clock = new Date(+clock + retryDelayMs(n));
    } else {
      assert.equal(job!.status, 'failed');
      assert.equal(job!.last_error, `Chương trình nhận dạng chữ dừng bất thường (mã thoát 15). Đã thử ${MAX_ATTEMPTS} lần, không thành công. Tệp quét gốc vẫn được lưu nguyên vẹn: hãy quét lại hoặc báo quản trị hệ thống.`);
    }
  }
  assert.equal(errors.length, MAX_ATTEMPTS);
  const row = await db.selectFrom('digitisation_jobs').select(['error_detail', 'source_sha256']).where('id', '=', r.jobId).executeTakeFirstOrThrow();
  assert.equal(row.error_detail, 'Traceback: boom');
  assert.deepEqual((await sourceContent(db, row.source_sha256)).content, source);
  assert.equal((await digitiseRound(deps, { ocr: succeed })).claimed, 0, 'a failed job stays failed');
});

test('a job whose worker died is taken again once its lease is over, and only then', async () => {
  const dossier = await newDossier(db);
  await scanAndEnqueue(db, dossier, pngScan(8), { now: clock });
  const [dead] = await claimDue(db, clock, LEASE_MARGIN_MS, 1); // a worker claims it, then its process is killed
  assert.ok(dead);
  assert.equal((await digitiseRound(deps, { ocr: succeed })).claimed, 0, 'the lease holds');
  clock = new Date(+clock + dead.timeout_seconds * 1000 + LEASE_MARGIN_MS);
  assert.deepEqual(await digitiseRound(deps, { ocr: succeed }), { claimed: 1, done: 1, retrying: 0, failed: 0, released: 0 });
  const [job] = await jobsOfDossier(db, dossier);
  assert.deepEqual([job!.status, job!.attempts], ['done', 2]);
});

test('a job whose worker dies on every try ends failed instead of looping', async () => {
  const dossier = await newDossier(db);
  await scanAndEnqueue(db, dossier, pngScan(9), { now: clock });
  for (let n = 0; n < MAX_ATTEMPTS; n++) {
    const [c] = await claimDue(db, clock, LEASE_MARGIN_MS, 1);
    clock = new Date(+clock + c!.timeout_seconds * 1000 + LEASE_MARGIN_MS);
  }
  assert.equal((await digitiseRound(deps, { ocr: succeed })).failed, 1);
  const [job] = await jobsOfDossier(db, dossier);
  assert.equal(job!.status, 'failed');
  assert.match(job!.last_error!, /^Việc số hóa bị gián đoạn nhiều lần .* Đã thử 5 lần/);
});

test('a stopping worker gives its job back untried, due at once; a worker that lost its lease writes nothing', async () => {
  const dossier = await newDossier(db);
  await scanAndEnqueue(db, dossier, pngScan(10), { now: clock });
  const stop = new AbortController();
  const slow: OcrRunner = async (_b, _t, o) => {
    stop.abort();
    return o.signal?.aborted ? { ok: false, kind: 'interrupted', detail: 'aborted', aborted: true } : succeed(_b, _t, o);
  };
  assert.equal((await digitiseRound(deps, { ocr: slow, signal: stop.signal })).released, 1);
  let [job] = await jobsOfDossier(db, dossier);
  assert.deepEqual([job!.status, job!.attempts], ['queued', 0]);

  // Worker A's run outlives its lease; worker B takes the job and finishes; A's late result is not recorded.
  const outlived: OcrRunner = async () => {
    clock = new Date(+clock + 10 * 3_600_000);
    assert.equal((await digitiseRound(deps, { ocr: succeed })).done, 1, 'worker B');
    return { ok: true, pdf: Buffer.from('%PDF-1.7 late pdfaid:part="2"'), text: 'late' };
  };
  const a = await digitiseRound(deps, { ocr: outlived });
  assert.deepEqual([a.claimed, a.done, a.released], [1, 0, 1]);
  [job] = await jobsOfDossier(db, dossier);
  assert.equal(job!.status, 'done');
  assert.deepEqual((await sourceContent(db, job!.result_sha256!)).content, fakePdf, "B's result stands");
});

test('the started worker takes queued jobs by itself; stop() kills the running OCR and queues its job again', async () => {
  const dossier = await newDossier(db);
  await scanAndEnqueue(db, dossier, pngScan(11), { now: clock });
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const hanging: OcrRunner = (_b, _t, o) => new Promise((resolve) => {
    started();
    o.signal?.addEventListener('abort', () => resolve({ ok: false, kind: 'interrupted', detail: 'aborted', aborted: true }));
  });
  const log = { warn: () => {}, error: (o: object) => assert.fail(JSON.stringify(o)) };
  const worker = startDigitisationWorker(deps, log, { intervalMs: 50, ocr: hanging });
  await running;
  assert.equal((await jobsOfDossier(db, dossier))[0]!.status, 'running');
  await worker.stop();
  const [job] = await jobsOfDossier(db, dossier);
  assert.deepEqual([job!.status, job!.attempts], ['queued', 0]);

  const again = startDigitisationWorker(deps, log, { intervalMs: 50, ocr: succeed });
  for (let i = 0; i < 100 && (await jobsOfDossier(db, dossier))[0]!.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
  await again.stop();
  assert.equal((await jobsOfDossier(db, dossier))[0]!.status, 'done');
});
