// Helpers of the signature tests: a PDF to sign (drawn by pdfkit with the embedded Vietnamese font, as the official
// slips are), poppler's pdfsig (skipped with a clear message when it is not installed) and the signing context.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestApp } from '../support/app.ts';
import type { SigningDeps } from '../../src/signatures/service.ts';

export const PDFSIG = !spawnSync('pdfsig', ['-v']).error;

/** A one-page A4 PDF with some Vietnamese text. */
export async function samplePdf(text = 'GIẤY CHỨNG NHẬN KẾT HÔN — bản điện tử thử nghiệm'): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margins: { top: 57, bottom: 57, left: 85, right: 42 } });
  doc.registerFont('serif', fileURLToPath(new URL('../../assets/fonts/LiberationSerif-Regular.ttf', import.meta.url)));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font('serif').fontSize(14).text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export interface PdfSigReport {
  output: string;
  signatures: { name: string; commonName: string; validation: string; certificate: string; whole: boolean }[];
}

/** pdfsig's report of a PDF (a fresh, empty NSS database: nothing is trusted). */
export function pdfsig(pdf: Buffer): PdfSigReport {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-pdfsig-'));
  try {
    const file = path.join(dir, 'signed.pdf');
    fs.writeFileSync(file, pdf);
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    const output = `${r.stdout}${r.stderr}`;
    const signatures = output.split(/^Signature #\d+:$/m).slice(1).map((block) => ({
      name: /Signature Field Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
      commonName: /Signer Certificate Common Name: (.*)/.exec(block)?.[1]?.trim() ?? '',
      validation: /Signature Validation: (.*)/.exec(block)?.[1]?.trim() ?? '',
      certificate: /Certificate Validation: (.*)/.exec(block)?.[1]?.trim() ?? '',
      whole: /Total document signed/.test(block) && !/Not total document signed/.test(block),
    }));
    return { output, signatures };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What signDocument needs, from the test app (the clock: the real one unless given). */
export const signingDeps = (t: TestApp, now: () => Date = () => new Date()): SigningDeps => ({ db: t.db, now, publicUrl: t.base, outside: t.outside });
