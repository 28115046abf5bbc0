// Draws a DocumentModel as a PDF with pdfkit, laid out as a Vietnamese administrative document (NĐ 30/2020/NĐ-CP,
// Phụ lục I, as closely as a generated form allows): A4, margins 20 mm top and bottom, 30 mm left, 15 mm right;
// a Times-compatible serif (Liberation Serif, OFL, full Vietnamese); the header block with the agency on the left
// and the national motto on the right; the title in bold capitals; body text 13 pt; page numbers from page 2,
// centred in the top margin. Tables (pdf-table.ts) repeat their header on every page.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { nfc } from './core/format.ts';
import type { Block, DocumentModel, Header, ListItem, Run, Signer } from './core/model.ts';
import { SMALL, drawTable, type FontName } from './pdf-table.ts';

type Doc = PDFKit.PDFDocument;

const MM = 72 / 25.4;
const BODY = 13;
const LINE_GAP = 2;
const QR_SIZE = 54;
const NATION = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

const FONT_FILES: Record<FontName, string> = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
};
let fontCache: Record<FontName, Buffer> | null = null;

function fonts(): Record<FontName, Buffer> {
  if (!fontCache) {
    const dir = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
    fontCache = {
      regular: fs.readFileSync(dir + FONT_FILES.regular),
      bold: fs.readFileSync(dir + FONT_FILES.bold),
      italic: fs.readFileSync(dir + FONT_FILES.italic),
    };
  }
  return fontCache;
}

const fontOf = (r: { bold?: boolean; italic?: boolean }): FontName => (r.bold ? 'bold' : r.italic ? 'italic' : 'regular');

/** Draws one document; each call has its own pdfkit document (safe to run concurrently). */
class Renderer {
  readonly left: number;
  readonly width: number;

  constructor(private readonly doc: Doc) {
    this.left = doc.page.margins.left;
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  private get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` still fits on this one. */
  private ensure(height: number) {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private use(font: FontName, size: number) {
    this.doc.font(font).fontSize(size);
  }

  /** The largest size in [min, max] at which `text` fits on one line of `width` (min if none does). */
  private fit(text: string, font: FontName, max: number, min: number, width: number): number {
    for (let size = max; size > min; size -= 0.5) {
      this.use(font, size);
      if (this.doc.widthOfString(text) <= width) return size;
    }
    this.use(font, min);
    return min;
  }

  /** `text` as one line, or as two lines of similar length when it does not fit (headers, titles). */
  private balanced(text: string, width: number): string[] {
    if (this.doc.widthOfString(text) <= width) return [text];
    const words = text.split(' ');
    let best: string[] = [text];
    let bestWidth = Infinity;
    for (let k = 1; k < words.length; k++) {
      const lines = [words.slice(0, k).join(' '), words.slice(k).join(' ')];
      const w = Math.max(...lines.map((l) => this.doc.widthOfString(l)));
      if (w < bestWidth) [best, bestWidth] = [lines, w];
    }
    return best;
  }

  private centred(lines: string[], x: number, y: number, width: number): number {
    for (const line of lines) {
      this.doc.text(line, x, y, { width, align: 'center', lineGap: 0 });
      y = this.doc.y;
    }
    return y;
  }

  private rule(x1: number, x2: number, y: number) {
    this.doc.save().lineWidth(0.6).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  header(h: Header) {
    const doc = this.doc;
    const top = doc.page.margins.top;
    if (!h.agency.length) return this.nationOnly(top);
    const gap = 6;
    const lw = this.width * 0.45 - gap / 2;
    const rw = this.width - lw - gap;
    const rx = this.left + lw + gap;
    // Left: parent body, issuing body (bold), a short rule, the number.
    let ly = top;
    for (const run of h.agency) {
      const font = fontOf(run);
      this.fit(run.text, font, 12.5, 11, lw);
      ly = this.centred(this.balanced(run.text, lw), this.left, ly, lw);
    }
    this.rule(this.left + lw * 0.35, this.left + lw * 0.65, ly + 2);
    this.use('regular', BODY);
    ly = this.centred([h.number], this.left, ly + 8, lw);
    // Right: the national name and motto, the motto underlined, then place and date in italics.
    let ry = top;
    this.fit(NATION, 'bold', 12.5, 11, rw);
    ry = this.centred([NATION], rx, ry, rw);
    this.use('bold', 13.5);
    ry = this.centred([MOTTO], rx, ry, rw);
    const mw = doc.widthOfString(MOTTO);
    this.rule(rx + (rw - mw) / 2, rx + (rw + mw) / 2, ry + 1);
    this.use('italic', BODY);
    ry = this.centred([h.placeDate], rx, ry + 8, rw);
    doc.x = this.left;
    doc.y = Math.max(ly, ry) + 16;
  }

  /** A citizen's form (tờ khai): no issuing body, the national name and motto centred on the page. */
  private nationOnly(top: number) {
    const doc = this.doc;
    this.fit(NATION, 'bold', 13, 11, this.width);
    let y = this.centred([NATION], this.left, top, this.width);
    this.use('bold', 13.5);
    y = this.centred([MOTTO], this.left, y, this.width);
    const mw = doc.widthOfString(MOTTO);
    this.rule(this.left + (this.width - mw) / 2, this.left + (this.width + mw) / 2, y + 1);
    doc.x = this.left;
    doc.y = y + 20;
  }

  async title(m: DocumentModel) {
    const doc = this.doc;
    const y0 = doc.y;
    const side = m.qr ? QR_SIZE + 8 : 0;
    const tw = this.width - 2 * side;
    this.fit(m.title.text, 'bold', 14, 13, tw);
    let y = this.centred(this.balanced(m.title.text, tw), this.left + side, y0, tw);
    for (const line of m.title.lines) {
      this.use(fontOf(line), BODY);
      y = this.centred([nfc(line.text)], this.left + side, y, tw);
    }
    if (m.qr) {
      const { default: QRCode } = await import('qrcode');
      const png = await QRCode.toBuffer(m.qr.url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 6 });
      const x = this.left + this.width - QR_SIZE;
      doc.image(png, x, y0 - 4, { width: QR_SIZE, height: QR_SIZE });
      this.use('italic', 8);
      doc.text(m.qr.caption, x - 10, y0 - 4 + QR_SIZE + 1, { width: QR_SIZE + 20, align: 'center', lineGap: 0 });
      y = Math.max(y, doc.y);
    }
    doc.x = this.left;
    doc.y = y + 10;
  }

  private paragraph(runs: readonly Run[], o: { align?: 'left' | 'justify' | 'center'; indent?: boolean; small?: boolean }) {
    const doc = this.doc;
    const size = o.small ? SMALL : BODY;
    const align = o.align ?? (runs.length === 1 ? 'justify' : 'left');
    const parts = runs.filter((r) => r.text.length > 0).map((r) => ({ ...r, text: nfc(r.text) }));
    if (!parts.length) return;
    doc.x = this.left;
    // Keep a paragraph's first two lines together.
    this.use('regular', size);
    this.ensure(2 * (doc.currentLineHeight(true) + LINE_GAP));
    if (align === 'center' && this.centredRuns(parts, size)) return;
    parts.forEach((r, k) => {
      this.use(fontOf(r), size);
      doc.text(r.text, {
        width: this.width, align, lineGap: LINE_GAP, continued: k < parts.length - 1,
        ...(o.indent && k === 0 ? { indent: 10 * MM } : {}),
      });
    });
    doc.x = this.left;
    doc.y += 3;
  }

  /** A one-line paragraph of mixed runs, centred (pdfkit cannot centre `continued` runs); false if it wraps. */
  private centredRuns(runs: readonly Run[], size: number): boolean {
    const doc = this.doc;
    const widths = runs.map((r) => {
      this.use(fontOf(r), size);
      return doc.widthOfString(r.text);
    });
    const total = widths.reduce((a, w) => a + w, 0);
    if (total > this.width) return false;
    const y = doc.y;
    let x = this.left + (this.width - total) / 2;
    runs.forEach((r, k) => {
      this.use(fontOf(r), size);
      doc.text(r.text, x, y, { lineBreak: false });
      x += widths[k]!;
    });
    doc.x = this.left;
    doc.y = y + doc.currentLineHeight(true) + LINE_GAP + 3;
    return true;
  }

  private list(items: readonly ListItem[]) {
    const doc = this.doc;
    const num = 24;
    const w = this.width - num;
    items.forEach((item, k) => {
      this.use('regular', BODY);
      const first = doc.heightOfString(item.text, { width: w, lineGap: LINE_GAP });
      this.ensure(Math.min(first, 3 * BODY));
      const y = doc.y;
      doc.text(`${k + 1}.`, this.left + 6, y, { width: num - 6, lineGap: LINE_GAP });
      doc.text(nfc(item.text), this.left + num, y, { width: w, lineGap: LINE_GAP, align: 'justify' });
      for (const detail of item.details ?? []) {
        this.use('italic', SMALL);
        doc.text(`– ${nfc(detail)}`, this.left + num + 10, doc.y, { width: w - 10, lineGap: 1 });
      }
      doc.y += 2;
    });
    doc.x = this.left;
    doc.y += 2;
  }

  private signatures(signers: readonly (Signer | null)[], recipients: readonly string[] | undefined) {
    const doc = this.doc;
    const n = Math.max(signers.length, 1);
    const w = this.width / n;
    const lines = Math.max(...signers.map((s) => (s ? s.title.length + (s.note ? 1 : 0) + (s.name ? 1 : 0) : 0)), recipients?.length ?? 0);
    this.use('bold', BODY);
    this.ensure(lines * doc.currentLineHeight(true) + 62);
    const y0 = doc.y;
    let yEnd = y0;
    signers.forEach((s, k) => {
      const x = this.left + k * w;
      let y = y0;
      if (!s) {
        if (k === 0 && recipients?.length) {
          this.use('bold', 12);
          doc.text('Nơi nhận:', x, y, { width: w });
          this.use('regular', SMALL);
          for (const r of recipients) doc.text(nfc(r), x, doc.y, { width: w });
          yEnd = Math.max(yEnd, doc.y);
        }
        return;
      }
      for (const line of s.title) {
        this.fit(nfc(line), 'bold', BODY, 12, w - 8);
        y = this.centred(this.balanced(nfc(line), w - 8), x, y, w);
      }
      if (s.note) {
        this.use('italic', BODY);
        y = this.centred([s.note], x, y, w);
      }
      y += 62;
      if (s.name) {
        this.use('bold', BODY);
        y = this.centred([nfc(s.name)], x, y, w);
      }
      yEnd = Math.max(yEnd, y);
    });
    doc.x = this.left;
    doc.y = yEnd + 6;
  }

  block(b: Block) {
    switch (b.type) {
      case 'paragraph':
        return this.paragraph(b.runs, b);
      case 'list':
        return this.list(b.items);
      case 'table':
        drawTable(this.doc, { left: this.left, width: this.width, bottom: this.bottom }, b.columns, b.rows, b.empty);
        return;
      case 'signatures':
        return this.signatures(b.signers, b.recipients);
      case 'space':
        this.doc.y += b.size;
        return;
      default: {
        const never: never = b;
        throw new Error(`Unknown block ${JSON.stringify(never)}`);
      }
    }
  }

  /** Page numbers from the second page on, centred in the top margin (NĐ 30/2020). */
  pageNumbers() {
    const doc = this.doc;
    const range = doc.bufferedPageRange();
    for (let k = 1; k < range.count; k++) {
      doc.switchToPage(range.start + k);
      this.use('regular', 12);
      doc.text(String(k + 1), this.left, doc.page.margins.top / 2, { width: this.width, align: 'center', lineBreak: false });
    }
  }
}

/** Renders a document to PDF bytes. */
export async function renderPdf(m: DocumentModel): Promise<Buffer> {
  const landscape = m.orientation === 'landscape';
  const { default: PDFDocument } = await import('pdfkit'); // heavy: loaded at first use
  const doc = new PDFDocument({
    size: 'A4',
    layout: m.orientation,
    margins: landscape
      ? { top: 15 * MM, bottom: 15 * MM, left: 20 * MM, right: 15 * MM }
      : { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: m.form.title,
      Subject: m.form.legalBasis,
      Creator: 'Xã Số',
      Producer: 'Xã Số',
      CreationDate: m.generatedAt,
    },
  });
  const f = fonts();
  for (const name of Object.keys(f) as FontName[]) doc.registerFont(name, f[name]);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const r = new Renderer(doc);
  r.header(m.header);
  await r.title(m);
  for (const b of m.blocks) r.block(b);
  r.pageNumbers();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
