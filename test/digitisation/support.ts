// What the digitisation tests share: a dossier to scan for, a scan rendered from Vietnamese text (pdfkit with the
// bundled fonts, rasterised by poppler's pdftoppm), and enqueueing in a transaction as an upload route would.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { putFile } from '../../src/dossiers/files-store.ts';
import { enqueueDigitisation, type EnqueueInput } from '../../src/digitisation/enqueue.ts';
import { measureScan } from '../../src/digitisation/measure.ts';
import { decodePng, encodePng } from '../../src/digitisation/flatten.ts';

type Db = Kysely<Database>;

export async function newDossier(db: Db): Promise<string> {
  const version = (await db.selectFrom('procedures').select('version').where('code', '=', '1.001193').orderBy('version', 'desc').executeTakeFirstOrThrow()).version;
  const d = await db.insertInto('dossiers').values({
    commune_id: 'xuan-duong', procedure_code: '1.001193', procedure_version: version, channel: 'direct', state: 2, applicant_name: 'Người nộp',
    applicant: '{}', applicant_id_number: '001190009999', competent_authority: 'UBND xã', projection: '{}',
  }).returning('id').executeTakeFirstOrThrow();
  return d.id;
}

export const TO_KHAI = { code: 'TO_KHAI', name: 'Tờ khai đăng ký khai sinh', kind: 'original' };

/** Stores `content` and enqueues it for a component, in one transaction, as an upload route does. */
export async function scanAndEnqueue(db: Db, dossierId: string, content: Buffer, o: Partial<EnqueueInput> & { now: Date }) {
  const facts = await measureScan(content);
  if (!facts) throw new Error('not a scan');
  return db.transaction().execute(async (trx) => {
    const sha = await putFile(trx, content, facts.type);
    return { sha, ...(await enqueueDigitisation(trx, { dossierId, procedureCode: '1.001193', component: TO_KHAI, sourceSha256: sha, facts, enqueuedBy: null, ...o })) };
  });
}

const font = (name: string) => fileURLToPath(new URL(`../../assets/fonts/LiberationSerif-${name}.ttf`, import.meta.url));

export const SCAN_LINES = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'TỜ KHAI ĐĂNG KÝ KHAI SINH',
  'Họ, chữ đệm, tên người yêu cầu: Nguyễn Thị Hường',
  'Nơi cư trú: xã Xuân Dương, tỉnh Thái Nguyên',
  'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây',
  'Họ và tên: Trần Minh Đức, giới tính: Nam',
  'Ngày, tháng, năm sinh: mười lăm tháng sáu năm hai nghìn không trăm hai mươi sáu',
];

/** An A4 PDF of `pages` pages of Vietnamese text (vector, with fonts). */
export async function textPdf(pages = 1): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 72, right: 72 }, autoFirstPage: false });
  doc.registerFont('regular', font('Regular'));
  doc.registerFont('bold', font('Bold'));
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (let p = 1; p <= pages; p++) {
    doc.addPage();
    doc.font('bold').fontSize(15).text(SCAN_LINES[0]!, { align: 'center' }).text(SCAN_LINES[1]!, { align: 'center' }).moveDown();
    doc.fontSize(16).text(SCAN_LINES[2]!, { align: 'center' }).moveDown();
    doc.font('regular').fontSize(14);
    for (const l of SCAN_LINES.slice(3)) doc.text(l).moveDown(0.5);
    doc.text(`Trang ${p}`);
    doc.strokeColor('#c00000').circle(430, 640, 50).lineWidth(3).stroke().strokeColor('black'); // a red "seal"
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

export const hasPoppler = !spawnSync('pdftoppm', ['-v']).error;

/** The PDF rasterised by pdftoppm: one PNG per page at `dpi` (colour, or grey with `gray`); imagesPdf() makes them one
 *  image-only PDF (a scanner's PDF). */
export function rasterise(pdf: Buffer, dpi: number, o: { gray?: boolean } = {}): Buffer[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-scan-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    const r = spawnSync('pdftoppm', ['-png', '-r', String(dpi), path.join(dir, 'in.pdf'), path.join(dir, 'p')]);
    if (r.status !== 0) throw new Error(`pdftoppm: ${r.stderr}`);
    const pngs = fs.readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => fs.readFileSync(path.join(dir, f)));
    // pdftoppm 22 writes RGB PNG files even with -gray: keep one channel of its RGB.
    return o.gray ? pngs.map((png) => grey(png)) : pngs;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function grey(png: Buffer): Buffer {
  const p = decodePng(png)!;
  const data = Buffer.alloc(p.width * p.height);
  for (let i = 0; i < data.length; i++) data[i] = p.data[i * p.channels + 1]!;
  return encodePng({ ...p, channels: 1, data });
}

/** Page images as one image-only A4 PDF, each image filling its page (what a scanner's "scan to PDF" gives). */
export async function imagesPdf(images: Buffer[]): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const img of images) {
    doc.addPage();
    doc.image(img, 0, 0, { width: doc.page.width, height: doc.page.height });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** The header of an A4 PNG page at 300 dpi, distinct per seed: enough for measuring (a stand-in OCR never decodes it). */
export function pngScan(seed: number): Buffer {
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
  const chunk = (name: string, data: Buffer) => Buffer.concat([u32(data.length), Buffer.from(name, 'latin1'), data, u32(0)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.concat([u32(2480), u32(3508), Buffer.from([8, 2, 0, 0, 0])])),
    chunk('pHYs', Buffer.concat([u32(11811), u32(11811), Buffer.from([1])])),
    chunk('IDAT', u32(seed)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
