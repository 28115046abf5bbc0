// Issue 14, the counter scan flow in a real browser: the receiving officer opens a received dossier, uploads two page
// images at once with the page count the paper has, puts them in order on the arrangement step, saves, reads what is
// wrong at once (thiếu trang), the worker makes the storage copy (OCRmyPDF when installed), and the officer sees
// "Đã số hóa" and downloads the PDF/A. Every page: axe, reflow, screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { officer } from './steps.ts';
import { applicant, call } from '../support/http.ts';
import { hasPoppler, rasterise, textPdf } from '../digitisation/support.ts';
import { digitiseRound } from '../../src/digitisation/worker.ts';
import { ocrmypdfVersion, type OcrRunner } from '../../src/digitisation/ocr.ts';
import { declaredPdfAPart } from '../../src/digitisation/core/retry.ts';

const skip = browserMissing ?? (hasPoppler ? false : 'poppler (pdftoppm) is not installed');
const s = skip ? null : await site();
const realOcr = !skip && (await ocrmypdfVersion()) !== null;

test('the officer scans two pages, orders them, reads the findings, and downloads the PDF/A once the worker made it', { skip, timeout: 480_000 }, async () => {
  let at = Date.parse('2026-12-10T08:00:00+07:00');
  const tick = (minutes: number) => { at += minutes * 60_000; s!.t.setNow(new Date(at).toISOString()); };
  tick(0);
  const d = await call(s!.t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant({ name: 'Trương Thị Mai', idNumber: '001203001188' }) } });
  assert.equal(d.status, 201);
  const id = d.body.id as string;
  const [first, second] = rasterise(await textPdf(2), 200);

  tick(2);
  const desk = await officer(s!, 'motcua');
  await desk.goto(`/can-bo/ho-so/${id}`);
  const form = desk.locator('form[action*="component=TO_KHAI"]');
  await form.locator('input[type=file]').setInputFiles([
    { name: 'trang-2.png', mimeType: 'image/png', buffer: second! },
    { name: 'trang-1.png', mimeType: 'image/png', buffer: first! },
  ]);
  await desk.fill('#pages-TO_KHAI', '3');
  await form.locator('button[type=submit]').click();

  // The arrangement step: the scanner fed the pages in reverse; the officer puts them right.
  assert.ok(await desk.isVisible('h1:has-text("Sắp xếp, xoay trang")'));
  await checkPage(desk, 'counter-scan-arrange');
  await desk.fill('#order-0', '2');
  await desk.fill('#order-1', '1');
  await desk.selectOption('#rotate-0', '0');
  await desk.click('button:has-text("Lưu bản số hóa")');
  assert.match(desk.url(), new RegExp(`/can-bo/ho-so/${id}\\?ok=upload&tp=TO_KHAI`));
  // Told at once: the paper has 3 pages, the scan 2.
  assert.match(await desk.textContent('.error-summary') ?? '', /Thiếu trang: tệp có 2 trang, cần 3 trang/);
  assert.ok(await desk.isVisible('#scan-TO_KHAI >> text=Đang số hóa'));
  await checkPage(desk, 'counter-scan-findings');

  // The worker's cycle (the real OCRmyPDF when installed).
  tick(1);
  const standIn: OcrRunner = async () => ({ ok: true, pdf: await textPdf(2), text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\fTỜ KHAI ĐĂNG KÝ KHAI SINH\f' });
  const round = await digitiseRound({ db: s!.t.db, now: () => new Date(at) }, realOcr ? {} : { ocr: standIn });
  assert.equal(round.done, 1, JSON.stringify(round));

  tick(1);
  await desk.reload();
  assert.ok(await desk.isVisible('#scan-TO_KHAI >> text=Đã số hóa'));
  await checkPage(desk, 'counter-scan-done');
  const link = desk.locator('#scan-TO_KHAI a', { hasText: /^Tải .*_V1\.pdf$/ });
  const href = await link.getAttribute('href');
  assert.match(href ?? '', new RegExp(`/api/v1/dossiers/${id}/digitisation/\\d+/file$`));
  const pdf = await desk.request.get(href!);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.match(pdf.headers()['content-disposition'] ?? '', /1\.001193_TO_KHAI_20261210_ToKhaiDangKyKhaiSinh_V1\.pdf/);
  const body = await pdf.body();
  if (realOcr) assert.equal(declaredPdfAPart(body.toString('latin1')), 2, 'PDF/A-2 declared in its XMP metadata');
  // The history shows both entries with their hashes.
  const timeline = await desk.textContent('.timeline') ?? '';
  assert.match(timeline, /Đính kèm tệp/);
  assert.match(timeline, /Đã tạo bản lưu trữ PDF\/A/);
});
