// The OCR run's edges (src/digitisation/ocr.ts): a run past its time limit is killed with its children and reported
// as a timeout; OCRmyPDF missing is reported as such; the temporary folder is gone either way; the options given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ocrArgs, ocrmypdfVersion, runOcr, sweepStaleTemp } from '../../src/digitisation/ocr.ts';
import { hasPoppler, rasterise, textPdf } from './support.ts';

const temps = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith('xaso-ocr-'));
const version = await ocrmypdfVersion();

test('the options: PDF/A-2, Vietnamese then English, rotate, deskew, skip pages with text; the dpi for an image only', () => {
  assert.deepEqual(ocrArgs('in.png', 'out.pdf', 'image/png', { timeoutMs: 1, imageDpi: 299.6, jobs: 2 }),
    ['--output-type', 'pdfa-2', '-l', 'vie+eng', '--rotate-pages', '--deskew', '--skip-text', '--jobs', '2', '--image-dpi', '300', 'in.png', 'out.pdf']);
  assert.ok(!ocrArgs('in.pdf', 'out.pdf', 'application/pdf', { timeoutMs: 1, imageDpi: 300 }).includes('--image-dpi'));
});

test('a run past its time limit is killed and reported as a timeout; its folder is removed', { skip: !version || !hasPoppler ? 'OCRmyPDF or poppler not installed' : false }, async () => {
  const [png] = rasterise(await textPdf(1), 300);
  const before = temps();
  const t = performance.now();
  const r = await runOcr(png!, 'image/png', { timeoutMs: 1500, imageDpi: 300 });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.kind, 'timeout');
  assert.ok(performance.now() - t < 6000, 'killed at once');
  assert.deepEqual(temps().filter((n) => !before.includes(n)), []);
});

test('OCRmyPDF not installed: reported as missing, not as a bad file', async () => {
  const saved = process.env.PATH;
  process.env.PATH = '/nonexistent';
  try {
    const r = await runOcr(Buffer.from('%PDF-1.7'), 'application/pdf', { timeoutMs: 10_000 });
    assert.equal(!r.ok && r.kind, 'missing');
  } finally {
    process.env.PATH = saved;
  }
});

test('folders of runs older than the limit are swept, younger ones kept', async () => {
  const old = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-ocr-'));
  const young = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-ocr-'));
  fs.writeFileSync(path.join(old, 'scan.png'), 'x');
  const past = new Date(Date.now() - 3 * 3_600_000);
  fs.utimesSync(old, past, past);
  await sweepStaleTemp(new Date(), 2 * 3_600_000);
  assert.equal(fs.existsSync(old), false);
  assert.equal(fs.existsSync(young), true);
  fs.rmSync(young, { recursive: true });
});
