// Running OCRmyPDF (Debian package `ocrmypdf`) on one scan, in a temporary folder, in a child process with a time
// limit: the output is the storage copy, PDF/A-2 with a text layer (Tesseract, Vietnamese then English), and its text
// read back with poppler's `pdftotext`. Options:
//   --output-type pdfa-2   the guide's storage format (PDF/A-1 or PDF/A-2, two layers);
//   -l vie+eng             Vietnamese model first; English for the Latin words papers carry (codes, names);
//   --rotate-pages --deskew  pages put upright and straight before OCR (a counter scanner's feed is not perfect);
//   --skip-text            a page that already has text (a born-digital PDF, a scanner's own OCR) keeps it and is
//                          not rasterised: --force-ocr would turn vector text into an image and lose quality;
//                          --redo-ocr cannot be combined with --deskew;
//   --image-dpi N          for an image, the resolution measured (or estimated: core/facts.ts effectiveDpi);
//   --jobs N               pages OCRed in parallel (the worker's setting; 1 by default on a 2-core machine).
// The folder is removed whatever happens; the source bytes are only copied into it, never changed.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ScanType } from './core/facts.ts';
import { declaredPdfAPart, type OcrFailureKind } from './core/retry.ts';
import { flattenPng } from './flatten.ts';

const run = promisify(execFile);
const EXT: Record<ScanType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' };
/** OCRmyPDF's exit codes (ocrmypdf.exceptions.ExitCode) that are the input's fault, and the output's. */
const INPUT_EXITS = new Set([2, 8]); // input_file, encrypted_pdf
const OUTPUT_EXITS = new Set([4, 10]); // invalid_output_pdf, pdfa_conversion_failed
const STDERR_KEEP = 2000;

export interface OcrOptions {
  timeoutMs: number;
  /** For an image: its resolution. */
  imageDpi?: number | null;
  jobs?: number;
  /** Aborting kills the run (the worker is stopping): the outcome is `aborted`. */
  signal?: AbortSignal;
}

export type OcrOutcome =
  | { ok: true; pdf: Buffer; text: string }
  | { ok: false; kind: OcrFailureKind; exitCode?: number | null; detail: string; aborted?: boolean };

export type OcrRunner = (input: Buffer, type: ScanType, o: OcrOptions) => Promise<OcrOutcome>;

export function ocrArgs(input: string, output: string, type: ScanType, o: OcrOptions): string[] {
  return [
    '--output-type', 'pdfa-2', '-l', 'vie+eng', '--rotate-pages', '--deskew', '--skip-text',
    '--jobs', String(Math.max(1, o.jobs ?? 1)),
    ...(type !== 'application/pdf' && o.imageDpi ? ['--image-dpi', String(Math.round(o.imageDpi))] : []),
    input, output,
  ];
}

/** Whether OCRmyPDF can be run here (the tests skip without it, as the browser tests do without Chromium). */
export async function ocrmypdfVersion(): Promise<string | null> {
  try {
    return (await run('ocrmypdf', ['--version'], { timeout: 30_000 })).stdout.trim();
  } catch {
    return null;
  }
}

const TEMP_PREFIX = 'xaso-ocr-';

/** Removes the temporary folders of runs older than `olderThanMs` (a server killed mid-run leaves its folder, with a
 *  decrypted scan in it, behind). Called when the worker starts; a folder younger than any run can be is left alone. */
export async function sweepStaleTemp(now: Date, olderThanMs: number): Promise<number> {
  let removed = 0;
  for (const name of await fs.readdir(os.tmpdir()).catch(() => [] as string[])) {
    if (!name.startsWith(TEMP_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    const st = await fs.stat(dir).catch(() => null);
    if (st?.isDirectory() && +now - st.mtimeMs > olderThanMs) {
      await fs.rm(dir, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/** Runs OCRmyPDF, then pdftotext on its output. The folder is private to this user (mkdtemp: mode 0700). */
export const runOcr: OcrRunner = async (input, type, o) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), TEMP_PREFIX));
  try {
    const src = path.join(dir, `scan.${EXT[type]}`);
    const out = path.join(dir, 'storage.pdf');
    await fs.writeFile(src, type === 'image/png' ? flattenPng(input) : input); // img2pdf refuses an alpha channel
    const r = await spawnTimed('ocrmypdf', ocrArgs(src, out, type, o), o.timeoutMs, o.signal);
    if (r.aborted) return { ok: false, kind: 'interrupted', detail: 'aborted', aborted: true };
    if (r.missing) return { ok: false, kind: 'missing', detail: r.stderr };
    if (r.timedOut) return { ok: false, kind: 'timeout', detail: r.stderr };
    if (r.code !== 0) {
      const kind: OcrFailureKind = r.code !== null && INPUT_EXITS.has(r.code) ? 'input' : r.code !== null && OUTPUT_EXITS.has(r.code) ? 'output' : 'crash';
      return { ok: false, kind, exitCode: r.code, detail: r.stderr || (r.signal ? `signal ${r.signal}` : '') };
    }
    const pdf = await fs.readFile(out);
    if (declaredPdfAPart(pdf.toString('latin1')) !== 2) return { ok: false, kind: 'output', detail: 'no pdfaid:part 2 in the XMP metadata' };
    const text = await run('pdftotext', ['-enc', 'UTF-8', out, '-'], { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' })
      .then((t) => t.stdout)
      .catch((e: Error) => e);
    if (text instanceof Error) return { ok: false, kind: 'crash', detail: `pdftotext: ${text.message}` };
    return { ok: true, pdf, text };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
};

interface Spawned { code: number | null; signal: string | null; stderr: string; timedOut: boolean; aborted: boolean; missing: boolean }

/** Runs a program in its own process group, killed with the whole group (Tesseract's children too) at the time limit
 *  or on abort; keeps the end of its stderr. */
function spawnTimed(cmd: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<Spawned> {
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false, aborted = false;
    const child = spawn(cmd, args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, OMP_THREAD_LIMIT: '1' }, // one thread per Tesseract: --jobs sets the parallelism
    });
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch { /* already gone */ }
    };
    const timer = setTimeout(() => { timedOut = true; kill(); }, timeoutMs);
    const onAbort = () => { aborted = true; kill(); };
    if (signal?.aborted) onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => { stderr = (stderr + d).slice(-STDERR_KEEP); });
    let settled = false;
    const done = (r: Omit<Spawned, 'stderr' | 'timedOut' | 'aborted'>) => {
      if (settled) return; // 'close' may follow 'error'
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve({ ...r, stderr: stderr.trim(), timedOut, aborted });
    };
    child.on('error', (e: NodeJS.ErrnoException) => done({ code: null, signal: null, missing: e.code === 'ENOENT' }));
    child.on('close', (code, sig) => done({ code, signal: sig, missing: false }));
  });
}
