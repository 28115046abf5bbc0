// Measuring real scans (src/digitisation/measure.ts) with poppler: pages rasterised by pdftoppm in grey at 150 dpi
// and in colour at 300 dpi, as PNG files and as one image-only PDF; a corrupt PDF; a file that is no scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureScan } from '../../src/digitisation/measure.ts';
import { hasPoppler, imagesPdf, rasterise, textPdf } from './support.ts';

const skip = hasPoppler ? false : 'poppler-utils not found: measuring tests skipped (apt-get install poppler-utils)';

test('PNG from pdftoppm: its resolution and colour; a scanner PDF: per page; corrupt and foreign files', { skip }, async () => {
  const pdf = await textPdf(1);
  const [colour300] = rasterise(pdf, 300);
  const [grey150] = rasterise(pdf, 150, { gray: true });
  const [p] = (await measureScan(colour300!))!.pages;
  assert.deepEqual([p!.dpi, p!.dpiEstimated, p!.colour, p!.heightPx], [300, false, 'colour', 3508]);
  assert.equal((await measureScan(grey150!))!.pages[0]!.colour, 'gray');

  const scanned = (await measureScan(await imagesPdf([grey150!, colour300!])))!;
  assert.equal(scanned.type, 'application/pdf');
  assert.deepEqual(scanned.pages.map((p) => [p.page, p.dpi, p.colour]), [[1, 150, 'gray'], [2, 300, 'colour']]);
  // A born-digital PDF: pages without images.
  assert.deepEqual((await measureScan(await textPdf(2)))!.pages.map((p) => [p.dpi, p.colour]), [[null, null], [null, null]]);
  assert.deepEqual(await measureScan(Buffer.from('%PDF-1.7\ngarbage')), { type: 'application/pdf', readable: false, pages: [] });
  assert.equal(await measureScan(Buffer.from('GIF89a……')), null);
});
