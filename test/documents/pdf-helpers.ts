// Reading the generated PDFs back in tests with poppler-utils (pdftotext, pdftoppm, pdfinfo, pdfimages): the
// text as a reader would copy it, a rendered page, and the page geometry. Tests skip the poppler assertions with a
// clear message when the tools are not installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import type { TestApp } from '../support/app.ts';

const has = (cmd: string) => !spawnSync(cmd, ['-v']).error;
export const POPPLER = has('pdftotext') && has('pdftoppm') && has('pdfinfo');

export interface Pdf {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
  /** The body parsed as JSON (problem details), when it is JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** GET a document as a demo user (or anonymously), keeping the raw bytes. */
export async function getPdf(t: TestApp, url: string, as?: string): Promise<Pdf> {
  const headers: Record<string, string> = as ? { cookie: await t.login(as) } : {};
  const res = await t.app.inject({ method: 'GET', url, headers });
  let json: unknown = null;
  if (String(res.headers['content-type']).includes('json')) json = res.json();
  const keep = process.env.XASO_KEEP_PDF; // a directory: keep the PDFs to look at them
  const name = /filename="([^"]+)"/.exec(String(res.headers['content-disposition']))?.[1];
  if (keep && name) fs.writeFileSync(path.join(keep, `${as ?? 'anonymous'}-${name}`), res.rawPayload);
  return { status: res.statusCode, headers: res.headers, body: res.rawPayload, json };
}

/** Asserts a PDF answer: 200, application/pdf, inline with a file name, and the PDF signature. */
export function assertPdf(r: Pdf, fileNamePart: string): void {
  assert.equal(r.status, 200, r.json ? JSON.stringify(r.json) : `status ${r.status}`);
  assert.equal(r.headers['content-type'], 'application/pdf');
  assert.match(String(r.headers['content-disposition']), /^inline; filename="[A-Za-z0-9._-]+\.pdf"$/);
  assert.ok(String(r.headers['content-disposition']).includes(fileNamePart), String(r.headers['content-disposition']));
  assert.equal(r.body.subarray(0, 5).toString('latin1'), '%PDF-');
}

function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `${cmd} failed: ${r.stderr}`);
  return r.stdout;
}

/** `pdftotext -layout` of the whole document, or of pages first..last. */
export function pdfText(pdf: Buffer, pages?: { first: number; last: number }): string {
  return withFile(pdf, (file) =>
    run('pdftotext', ['-layout', '-enc', 'UTF-8', ...(pages ? ['-f', String(pages.first), '-l', String(pages.last)] : []), file, '-']));
}

/** `pdftotext -raw`: the text in the order it is drawn, so a table's cells come out whole, one after the other. */
export function pdfRawText(pdf: Buffer): string {
  return withFile(pdf, (file) => run('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']));
}

/** The text with runs of white space (line breaks, layout padding) folded to one space. */
export const flat = (s: string) => s.replace(/\s+/g, ' ');

/** Page count and the first page's size in points, from pdfinfo. */
export function pdfInfo(pdf: Buffer): { pages: number; width: number; height: number; title: string } {
  const out = withFile(pdf, (file) => run('pdfinfo', [file]));
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(out)?.[1]),
    width: Number(size?.[1]),
    height: Number(size?.[2]),
    title: /Title:\s+(.*)/.exec(out)?.[1]?.trim() ?? '',
  };
}

/** Renders one page with `pdftoppm -png -r 60` and returns the PNG bytes. */
export function renderPage(pdf: Buffer, page = 1): Buffer {
  return withFile(pdf, (file, dir) => {
    run('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(dir, 'page')]);
    return fs.readFileSync(path.join(dir, 'page.png'));
  });
}

/** Tesseract with its Vietnamese model, to read a rendered page as a person would see it. */
export const OCR = !spawnSync('tesseract', ['--list-langs']).error
  && /^vie$/m.test(spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout ?? '');

/** The text of a page as it looks: rendered by pdftoppm at 200 dpi, then read by Tesseract (-l vie), NFC. */
export function ocrPage(pdf: Buffer, page = 1): string {
  return withFile(pdf, (file, dir) => {
    run('pdftoppm', ['-png', '-r', '200', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(dir, 'page')]);
    return run('tesseract', [path.join(dir, 'page.png'), '-', '-l', 'vie']).normalize('NFC');
  });
}

/** Number of embedded images (the QR code), from `pdfimages -list`; null when pdfimages is missing. */
export function imageCount(pdf: Buffer): number | null {
  if (!has('pdfimages')) return null;
  const out = withFile(pdf, (file) => run('pdfimages', ['-list', file]));
  // Columns: page num type …; a PNG with transparency adds an "smask" row for the same picture.
  return out.trim().split('\n').slice(2).filter((l) => l.trim().split(/\s+/)[2] === 'image').length;
}

/** Asserts a rendered page is a PNG of a plausible size (A4 at 60 dpi is 496 × 702 pixels). */
export function assertRenders(pdf: Buffer, page = 1, landscape = false): void {
  const png = renderPage(pdf, page);
  assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [w, h] = landscape ? [702, 496] : [496, 702];
  assert.ok(Math.abs(width - w) <= 2 && Math.abs(height - h) <= 2, `page size ${width}×${height}`);
}

/** Skips the poppler assertions of a test (with the reason) when the tools are missing; true when skipped. */
export function skipWithoutPoppler(t: TestContext): boolean {
  if (POPPLER) return false;
  t.skip('pdftotext not installed');
  return true;
}
