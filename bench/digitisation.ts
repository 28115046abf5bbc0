// `npm run bench:digitisation` (issue 14 § Benchmark): OCR + PDF/A pages per minute on this machine, for a scan of
// BENCH_PAGES (default 5) A4 pages at BENCH_DPI (default 300) in colour, as a counter scanner's image-only PDF.
// Not a test: it prints the figures (also as JSON to bench-results/digitisation.json).
// Each page is Vietnamese text drawn by pdfkit with the bundled font and rasterised by poppler's pdftoppm; the
// pages are put into one image-only PDF (pdfkit) and given to the worker's OCR run (src/digitisation/ocr.ts, the
// same options: PDF/A-2, vie+eng, rotate, deskew) once per `--jobs` setting in BENCH_JOBS (default "1,2"), after
// measuring it (src/digitisation/measure.ts). Also: the bytes of the scan and of the storage copy per page.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureScan } from '../src/digitisation/measure.ts';
import { ocrmypdfVersion, runOcr } from '../src/digitisation/ocr.ts';
import { letters } from '../src/digitisation/core/quality.ts';
import { ocrTimeoutMs } from '../src/digitisation/core/retry.ts';

const PAGES = Number(process.env.BENCH_PAGES ?? 5);
const DPI = Number(process.env.BENCH_DPI ?? 300);
const JOBS = (process.env.BENCH_JOBS ?? '1,2').split(',').map(Number);
/** A typical commune dossier's scanned pages (e.g. a birth: the birth notice, the parents' marriage certificate, an ID
 *  card's two sides) and the dossiers of a large commune's year (an assumption, several times the demo's 900). */
const DOSSIER_PAGES = Number(process.env.BENCH_DOSSIER_PAGES ?? 4);
const DOSSIERS_A_YEAR = Number(process.env.BENCH_DOSSIERS_A_YEAR ?? 5000);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const r1 = (n: number) => Math.round(n * 10) / 10;

async function pdfkitDoc(draw: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  draw(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const LINES = [
  'Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hường; nơi cư trú: xã Xuân Dương, tỉnh Thái Nguyên.',
  'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây: Trần Minh Đức, giới tính Nam, dân tộc Kinh, quốc tịch Việt Nam.',
  'Nơi sinh: Trạm y tế xã Xuân Dương. Quê quán: xã Phú Thượng, tỉnh Thái Nguyên.',
  'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự thỏa thuận nhất trí của các bên liên quan.',
];

/** The scan: PAGES pages of text rasterised at DPI, as one image-only PDF. */
async function scan(): Promise<Buffer> {
  const font = path.join(root, 'assets/fonts/LiberationSerif-Regular.ttf');
  const text = await pdfkitDoc((doc) => {
    doc.registerFont('serif', font);
    for (let p = 1; p <= PAGES; p++) {
      doc.addPage().font('serif').fontSize(15).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' }).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' }).moveDown();
      doc.fontSize(12);
      for (let k = 0; k < 4; k++) for (const l of LINES) doc.text(l, { align: 'justify' }).moveDown(0.3);
      doc.text(`Trang ${p}/${PAGES}`, { align: 'right' });
    }
  }, { size: 'A4', margin: 60, autoFirstPage: false });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-bench-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), text);
    const r = spawnSync('pdftoppm', ['-png', '-r', String(DPI), path.join(dir, 'in.pdf'), path.join(dir, 'p')]);
    if (r.status !== 0) throw new Error(`pdftoppm: ${r.stderr}`);
    const images = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => fs.readFileSync(path.join(dir, f)));
    return pdfkitDoc((doc) => {
      for (const img of images) doc.addPage().image(img, 0, 0, { width: doc.page.width, height: doc.page.height });
    }, { size: 'A4', margin: 0, autoFirstPage: false });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const version = await ocrmypdfVersion();
  if (!version) {
    console.error('Chưa cài OCRmyPDF (gói ocrmypdf): không đo được.');
    process.exit(1);
  }
  const input = await scan();
  const facts = (await measureScan(input))!;
  if (facts.pages.length !== PAGES) throw new Error(`the scan has ${facts.pages.length} pages, not ${PAGES}`);
  console.log(`Bản quét: ${facts.pages.length} trang, ${facts.pages.map((p) => `${p.dpi} dpi`).join(', ')}, ${Math.round(input.length / 1024)} KB; OCRmyPDF ${version}; ${os.availableParallelism()} lõi`);
  const runs = [];
  for (const jobs of JOBS) {
    const cpu0 = os.cpus().reduce((s, c) => s + c.times.user + c.times.sys, 0);
    const t = performance.now();
    const r = await runOcr(input, 'application/pdf', { timeoutMs: ocrTimeoutMs(PAGES), jobs });
    const seconds = (performance.now() - t) / 1000;
    const cpuSeconds = (os.cpus().reduce((s, c) => s + c.times.user + c.times.sys, 0) - cpu0) / 1000;
    if (!r.ok) throw new Error(`OCR: ${r.kind} ${r.detail}`);
    const run = {
      jobs, seconds: r1(seconds), pagesPerMinute: r1((PAGES / seconds) * 60), machineCpuSeconds: r1(cpuSeconds),
      outputKbPerPage: Math.round(r.pdf.length / 1024 / PAGES), letters: letters(r.text), load: os.loadavg().map(r1),
      textBytesPerPage: Math.round(Buffer.byteLength(r.text, 'utf8') / PAGES),
    };
    runs.push(run);
    console.log(`--jobs ${jobs}: ${run.seconds} s cho ${PAGES} trang = ${run.pagesPerMinute} trang/phút; bản lưu trữ ${run.outputKbPerPage} KB/trang; ${run.letters} chữ cái; tải máy ${run.load.join(' ')}`);
  }
  // Storage per dossier: the master scan, the PDF/A storage copy and the OCR text, each stored once (content-addressed,
  // encrypted: the envelope adds under 100 bytes a file), for a dossier of DOSSIER_PAGES scanned pages.
  const last = runs[runs.length - 1]!;
  const textBytesPerPage = last.textBytesPerPage;
  const perPageKb = input.length / 1024 / PAGES + last.outputKbPerPage + textBytesPerPage / 1024;
  const storage = {
    dossierPages: DOSSIER_PAGES, perPageKb: Math.round(perPageKb), perDossierMb: r1((perPageKb * DOSSIER_PAGES) / 1024),
    perYearGb: r1((perPageKb * DOSSIER_PAGES * DOSSIERS_A_YEAR) / 1024 / 1024), dossiersAYear: DOSSIERS_A_YEAR, ocrTextBytesPerPage: textBytesPerPage,
  };
  console.log(`Lưu trữ: ${storage.perPageKb} KB/trang (bản quét gốc + bản PDF/A + chữ OCR) → ${storage.perDossierMb} MB cho hồ sơ ${DOSSIER_PAGES} trang; ${storage.perYearGb} GB cho ${DOSSIERS_A_YEAR} hồ sơ/năm`);
  const result = { pages: PAGES, dpi: DPI, inputKbPerPage: Math.round(input.length / 1024 / PAGES), ocrmypdf: version, cores: os.availableParallelism(), runs, storage };
  const out = path.join(root, 'bench-results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'digitisation.json'), JSON.stringify(result, null, 2) + '\n');
}

await main();
