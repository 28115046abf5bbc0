// The real OCR run (OCRmyPDF + Tesseract vie): a page of Vietnamese text rendered and rasterised at 300 dpi (a
// counter scan) becomes a storage copy that declares PDF/A-2 in its XMP metadata, embeds its fonts and whose text
// layer pdftotext reads back with its diacritics; a corrupt file is tried again once, then failed with its message,
// the source intact. Skipped, saying why, where OCRmyPDF or poppler is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb } from '../support/db.ts';
import { digitiseRound } from '../../src/digitisation/worker.ts';
import { ocrmypdfVersion } from '../../src/digitisation/ocr.ts';
import { jobsOfDossier, ocrTextOf, sourceContent } from '../../src/digitisation/store.ts';
import { retryDelayMs } from '../../src/digitisation/core/retry.ts';
import { hasPoppler, newDossier, rasterise, scanAndEnqueue, textPdf } from './support.ts';
import { decodePng, encodePng } from '../../src/digitisation/flatten.ts';

const version = await ocrmypdfVersion();
const missing = !version ? 'OCRmyPDF not found: OCR tests skipped (apt-get install ocrmypdf)'
  : !hasPoppler ? 'poppler-utils not found: OCR tests skipped (apt-get install poppler-utils)' : false;
if (missing) process.stdout.write(`# ${missing}\n`);

const { db } = await testDb();
let clock = new Date('2026-12-07T02:00:00Z');
const deps = { db, now: () => clock };

function tool(cmd: string, args: string[], pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-check-'));
  try {
    fs.writeFileSync(path.join(dir, 'f.pdf'), pdf);
    const r = spawnSync(cmd, [...args, path.join(dir, 'f.pdf'), ...(cmd === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${cmd}: ${r.stderr}`);
    return r.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a 300-dpi scan of a Vietnamese form becomes a searchable PDF/A-2 with embedded fonts', { skip: missing, timeout: 600_000 }, async () => {
  const [page] = rasterise(await textPdf(1), 300);
  const dossier = await newDossier(db);
  const r = await scanAndEnqueue(db, dossier, page!, { now: clock });
  assert.deepEqual(r.findings, []);
  const round = await digitiseRound(deps, { onFailure: (_id, e, d) => process.stdout.write(`# ${e}\n# ${d}\n`) });
  assert.deepEqual(round, { claimed: 1, done: 1, retrying: 0, failed: 0, released: 0 });
  const [job] = await jobsOfDossier(db, dossier);
  assert.equal(job!.status, 'done');
  assert.equal(job!.file_name, '1.001193_TO_KHAI_20261207_ToKhaiDangKyKhaiSinh_V1.pdf');
  const pdf = (await sourceContent(db, job!.result_sha256!)).content;

  // PDF/A-2 declared in the XMP metadata (pdfaid:part 2, as attribute or element).
  const xmp = tool('pdfinfo', ['-meta'], pdf);
  assert.match(xmp, /pdfaid:part(="|>)2/);
  // Every font embedded (pdffonts: the "emb" column).
  const fonts = tool('pdffonts', [], pdf).split('\n').slice(2).filter((l) => l.trim());
  assert.ok(fonts.length >= 1, 'a text layer has a font');
  for (const l of fonts) assert.match(l, /\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/, `embedded: ${l}`);
  // The text layer, read back with its diacritics (OCR may miss a word or two).
  const text = tool('pdftotext', ['-enc', 'UTF-8'], pdf).normalize('NFC');
  const words = ['CỘNG', 'HÒA', 'Việt', 'Nam', 'Độc', 'Hạnh', 'phúc', 'khai', 'sinh', 'Nguyễn', 'Hường', 'Xuân', 'Dương', 'Trần', 'Đức', 'tháng'];
  const found = words.filter((w) => text.includes(w));
  assert.ok(found.length >= 12, `read back ${found.length}/${words.length}: ${found.join(' ')}\n${text}`);
  assert.equal(await ocrTextOf(db, dossier, r.jobId), tool('pdftotext', ['-enc', 'UTF-8'], pdf), 'the stored OCR text is the layer\'s');
  assert.ok(!job!.findings.some((f) => f.code === 'NO_TEXT'));
});

test('a PNG with an alpha channel (which OCRmyPDF refuses) is laid on white first and digitised', { skip: missing, timeout: 600_000 }, async () => {
  const [png] = rasterise(await textPdf(1), 300);
  const p = decodePng(png!)!;
  const data = Buffer.alloc(p.width * p.height * 4);
  for (let i = 0; i < p.width * p.height; i++) {
    p.data.copy(data, i * 4, i * 3, i * 3 + 3);
    data[i * 4 + 3] = 255;
  }
  const dossier = await newDossier(db);
  await scanAndEnqueue(db, dossier, encodePng({ ...p, channels: 4, data }), { now: clock });
  assert.equal((await digitiseRound(deps)).done, 1);
  const [job] = await jobsOfDossier(db, dossier);
  const text = tool('pdftotext', ['-enc', 'UTF-8'], (await sourceContent(db, job!.result_sha256!)).content);
  assert.match(text.normalize('NFC'), /Xuân Dương/);
});

test('a corrupt file: told at once, tried again once, then failed with its message; the source intact', { skip: missing, timeout: 300_000 }, async () => {
  const corrupt = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R'), Buffer.alloc(500, 0x41)]);
  const dossier = await newDossier(db);
  const r = await scanAndEnqueue(db, dossier, corrupt, { now: clock });
  assert.deepEqual(r.findings.map((f) => f.code), ['UNREADABLE']);
  assert.equal((await digitiseRound(deps)).retrying, 1);
  let [job] = await jobsOfDossier(db, dossier);
  assert.equal(job!.last_error, 'Chương trình nhận dạng chữ không mở được tệp quét: tệp bị hỏng, có mật khẩu hoặc không phải ảnh quét.');
  clock = new Date(+clock + retryDelayMs(1));
  assert.equal((await digitiseRound(deps)).failed, 1);
  [job] = await jobsOfDossier(db, dossier);
  assert.equal(job!.status, 'failed');
  assert.match(job!.last_error!, /không mở được tệp quét.*Đã thử 2 lần, không thành công\. Tệp quét gốc vẫn được lưu nguyên vẹn/);
  assert.deepEqual((await sourceContent(db, r.sha)).content, corrupt);
});
