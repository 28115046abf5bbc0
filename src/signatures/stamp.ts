// The verification stamp drawn on the last page of a document before it is signed, so that the signatures cover it:
// who signed, for which agency and when, the verification code and a QR code to `${PUBLIC_URL}/xac-thuc?ma=<code>`.
// It sits in the bottom margin (20 mm on an administrative document, NĐ 30/2020/NĐ-CP Phụ lục I). The text is set
// by pdfkit with the embedded Liberation Serif (full Vietnamese) on a small page, which pdf-lib draws onto the
// document's page; pdfkit, pdf-lib and qrcode load at the first stamp, the fonts are read and parsed once
// (pdfkit-fonts.ts).
import { fileURLToPath } from 'node:url';
import type * as PdfLib from 'pdf-lib';
import { sharedFonts } from './pdfkit-fonts.ts';

export interface StampText {
  /** The verification address with the code (the QR code's content). */
  url: string;
  /** The first line, larger and in bold (the verification code). */
  heading: string;
  lines: string[];
  /** A last line in bold (the test-certificate warning). */
  warning?: string;
}

const HEIGHT = 50;
const QR = 46;
const SIZE = 7;
const MM = 72 / 25.4;

const FONTS = fileURLToPath(new URL('../../assets/fonts/', import.meta.url));
export const stampFonts = sharedFonts({ regular: `${FONTS}LiberationSerif-Regular.ttf`, bold: `${FONTS}LiberationSerif-Bold.ttf` });

/** The stamp as a one-page PDF of `width` × HEIGHT points. */
async function stampPdf(width: number, s: StampText): Promise<Buffer> {
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import('pdfkit'), import('qrcode')]);
  // No default font (pdfkit would parse Helvetica's metrics for each stamp): the text is set in the embedded fonts.
  const doc = new PDFDocument({
    size: [width, HEIGHT], margin: 0, autoFirstPage: true, info: { Producer: 'Xã Số', Creator: 'Xã Số' }, font: null as unknown as string,
  });
  stampFonts.use(doc, PDFDocument);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  // Black on white, nothing transparent: a grayscale PNG without alpha, which pdfkit embeds as it is (an RGBA one it
  // decodes, to split the alpha into a soft mask, and compresses again).
  const png = await QRCode.toBuffer(s.url, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4, rendererOpts: { colorType: 0 } as object });
  doc.image(png, 0, (HEIGHT - QR) / 2, { width: QR, height: QR });
  const x = QR + 6;
  const w = width - x;
  let y = 2;
  const lines = [
    { text: s.heading, bold: true, size: SIZE + 2 },
    ...s.lines.map((text) => ({ text, bold: false, size: SIZE })),
    ...(s.warning ? [{ text: s.warning, bold: true, size: SIZE }] : []),
  ];
  for (const l of lines) {
    if (y >= HEIGHT - l.size) break;
    doc.font(l.bold ? 'bold' : 'regular').fontSize(l.size);
    doc.text(l.text.normalize('NFC'), x, y, { width: w, height: HEIGHT - y, lineGap: 0.5, ellipsis: true });
    y = doc.y + 0.5;
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Draws the stamp in the bottom margin of the document's last page. */
export async function stampLastPage(doc: PdfLib.PDFDocument, s: StampText): Promise<void> {
  const page = doc.getPages().at(-1)!;
  const box = page.getMediaBox();
  const left = Math.min(30 * MM, box.width * 0.12);
  const right = Math.min(15 * MM, box.width * 0.06);
  const [embedded] = await doc.embedPdf(await stampPdf(box.width - left - right, s));
  page.drawPage(embedded!, { x: box.x + left, y: box.y + 4 });
}
