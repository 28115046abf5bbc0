// Measuring a scan (the thin edge in front of core/facts.ts): images are read from their headers in memory; a PDF
// is written to a temporary folder and read with poppler's `pdfinfo` (page count) and `pdfimages -list` (each
// image's size, colour and resolution). Nothing is decided here: core/quality.ts judges the facts.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sniffType } from '../dossiers/uploads.ts';
import { jpegFacts, pdfFacts, pdfinfoPages, pngFacts, type ScanFacts } from './core/facts.ts';

const run = promisify(execFile);
/** pdfinfo and pdfimages read headers only: a few hundred ms even for a large scan. */
const TOOL_TIMEOUT_MS = 30_000;

/** The facts of a scan, or null when its content is none of the accepted types (PDF, JPEG, PNG). */
export async function measureScan(content: Buffer): Promise<ScanFacts | null> {
  const type = sniffType(content);
  if (type === 'image/png') return pngFacts(content);
  if (type === 'image/jpeg') return jpegFacts(content);
  if (type !== 'application/pdf') return null;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'xaso-measure-'));
  try {
    const file = path.join(dir, 'scan.pdf');
    await fs.writeFile(file, content);
    const opts = { timeout: TOOL_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' as const };
    // A missing program is the installation's fault, not the file's: that is thrown, not called unreadable.
    const info = await run('pdfinfo', [file], opts).catch((e: NodeJS.ErrnoException) => { if (e.code === 'ENOENT') throw e; return null; });
    const pages = info ? pdfinfoPages(info.stdout) : null;
    if (!pages) return { type, readable: false, pages: [] };
    const list = await run('pdfimages', ['-list', file], opts).catch((e: NodeJS.ErrnoException) => { if (e.code === 'ENOENT') throw e; return null; });
    return pdfFacts(pages, list?.stdout ?? '');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
