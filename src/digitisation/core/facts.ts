// What is measured on a scan before any judgement (pure): page count, and per page the resolution and whether the
// image is in colour, grey or black-and-white. Read from the file's own headers for images (PNG IHDR/pHYs/PLTE, JPEG
// SOF/JFIF/EXIF) and from the output of poppler's `pdfinfo` and `pdfimages -list` for PDFs (the thin edge that runs
// them is measure.ts). quality.ts judges these facts.

export type ScanType = 'application/pdf' | 'image/jpeg' | 'image/png';
export type PageColour = 'colour' | 'gray' | 'bilevel';

export interface PageFacts {
  page: number;
  /** Pixels of the page's (largest) image; null for a page without an image (a born-digital PDF page). */
  widthPx: number | null;
  heightPx: number | null;
  /** Effective resolution; null when the page has no image. */
  dpi: number | null;
  /** The file gave no plausible resolution: `dpi` is estimated from the pixels as if the page were A4. */
  dpiEstimated: boolean;
  colour: PageColour | null;
}

export interface ScanFacts {
  type: ScanType;
  /** False when the file cannot be parsed (a corrupt PDF, a truncated image). */
  readable: boolean;
  pages: PageFacts[];
  /** A PNG with an alpha channel (transparency). */
  alpha?: boolean;
}

/** Inches of the long side of an A4 sheet (297 mm): the page size assumed when a photo says nothing usable. */
export const A4_LONG_INCHES = 297 / 25.4;
/** A declared resolution that would make the image longer than this (inches) is not believed (phones write 72 dpi
 *  on 4000-pixel photos); A3's long side is 16.5 in. */
export const MAX_PLAUSIBLE_INCHES = 17;
/** A declared resolution that would make it shorter than this is not believed either. */
export const MIN_PLAUSIBLE_INCHES = 1;

/** The resolution to judge (and to give OCR) for an image of `w`×`h` pixels whose file declares `declared` dpi. */
export function effectiveDpi(w: number, h: number, declared: number | null): { dpi: number | null; estimated: boolean } {
  const long = Math.max(w, h);
  if (!(long > 0)) return { dpi: null, estimated: false };
  if (declared !== null && declared > 0 && Number.isFinite(declared)) {
    const inches = long / declared;
    if (inches >= MIN_PLAUSIBLE_INCHES && inches <= MAX_PLAUSIBLE_INCHES) return { dpi: Math.round(declared), estimated: false };
  }
  return { dpi: Math.max(1, Math.round(long / A4_LONG_INCHES)), estimated: true };
}

const u16 = (b: Uint8Array, i: number, le = false) => (le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
const u32 = (b: Uint8Array, i: number, le = false) =>
  (le ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16)) + b[i + 3]! * 0x1000000 : ((b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) + b[i]! * 0x1000000);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

const unreadable = (type: ScanType): ScanFacts => ({ type, readable: false, pages: [] });

function imagePage(w: number, h: number, declared: number | null, colour: PageColour): PageFacts {
  const e = effectiveDpi(w, h, declared);
  return { page: 1, widthPx: w, heightPx: h, dpi: e.dpi, dpiEstimated: e.estimated, colour };
}

/** Facts of a PNG: IHDR (size, colour type, bit depth), pHYs (pixels per metre), PLTE (a grey palette is grey). */
export function pngFacts(b: Uint8Array): ScanFacts {
  if (b.length < 33 || ascii(b, 12, 4) !== 'IHDR') return unreadable('image/png');
  const w = u32(b, 16), h = u32(b, 20), depth = b[24]!, type = b[25]!;
  let dpi: number | null = null;
  let grayPalette = false;
  for (let i = 8; i + 12 <= b.length;) {
    const len = u32(b, i), name = ascii(b, i + 4, 4);
    if (i + 12 + len > b.length) return unreadable('image/png');
    if (name === 'pHYs' && len >= 9 && b[i + 16] === 1) dpi = Math.min(u32(b, i + 8), u32(b, i + 12)) * 0.0254;
    if (name === 'PLTE') {
      grayPalette = true;
      for (let p = i + 8; p + 2 < i + 8 + len; p += 3) if (b[p] !== b[p + 1] || b[p] !== b[p + 2]) grayPalette = false;
    }
    if (name === 'IDAT' || name === 'IEND') break;
    i += 12 + len;
  }
  if (!w || !h) return unreadable('image/png');
  const colour: PageColour = type === 2 || type === 6 || (type === 3 && !grayPalette) ? 'colour' : depth === 1 ? 'bilevel' : 'gray';
  return { type: 'image/png', readable: true, pages: [imagePage(w, h, dpi, colour)], alpha: type === 4 || type === 6 };
}

/** The resolution an EXIF block (APP1, after "Exif\0\0") declares, in dpi; null when absent. */
function exifDpi(b: Uint8Array, start: number, end: number): number | null {
  const le = ascii(b, start, 2) === 'II';
  if (!le && ascii(b, start, 2) !== 'MM') return null;
  const ifd = start + u32(b, start + 4, le);
  if (ifd + 2 > end) return null;
  let x: number | null = null;
  let unit = 2;
  for (let k = 0, n = u16(b, ifd, le); k < n; k++) {
    const e = ifd + 2 + k * 12;
    if (e + 12 > end) break;
    const tag = u16(b, e, le);
    if (tag === 0x011a) {
      const off = start + u32(b, e + 8, le);
      if (off + 8 <= end && u32(b, off + 4, le) > 0) x = u32(b, off, le) / u32(b, off + 4, le);
    } else if (tag === 0x0128) unit = u16(b, e + 8, le);
  }
  if (x === null) return null;
  return unit === 3 ? x * 2.54 : unit === 2 ? x : null;
}

/** Facts of a JPEG: SOFn (size and number of components), JFIF density, else EXIF XResolution. */
export function jpegFacts(b: Uint8Array): ScanFacts {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return unreadable('image/jpeg');
  let jfif: number | null = null, exif: number | null = null;
  let size: { w: number; h: number; comps: number } | null = null;
  for (let i = 2; i + 4 <= b.length;) {
    if (b[i] !== 0xff) return unreadable('image/jpeg');
    const m = b[i + 1]!;
    if (m === 0xff) { i++; continue; }
    if (m === 0xd8 || m === 0x01 || (m >= 0xd0 && m <= 0xd7)) { i += 2; continue; }
    if (m === 0xd9 || m === 0xda) break; // end of image, start of scan: the headers are over
    const len = u16(b, i + 2), body = i + 4;
    if (len < 2 || i + 2 + len > b.length) return unreadable('image/jpeg');
    if (m === 0xe0 && ascii(b, body, 5) === 'JFIF\0' && len >= 14) {
      const units = b[body + 7]!, d = Math.min(u16(b, body + 8), u16(b, body + 10));
      jfif = units === 1 ? d : units === 2 ? d * 2.54 : null;
    } else if (m === 0xe1 && ascii(b, body, 6) === 'Exif\0\0') {
      exif = exifDpi(b, body + 6, i + 2 + len);
    } else if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && len >= 8) {
      size = { h: u16(b, body + 1), w: u16(b, body + 3), comps: b[body + 5]! };
    }
    i += 2 + len;
  }
  if (!size || !size.w || !size.h) return unreadable('image/jpeg');
  return { type: 'image/jpeg', readable: true, pages: [imagePage(size.w, size.h, jfif ?? exif, size.comps >= 3 ? 'colour' : 'gray')] };
}

/** One image line of `pdfimages -list`. */
interface ListedImage { page: number; width: number; height: number; color: string; comp: number; bpc: number; xppi: number; yppi: number }

/** The images of `pdfimages -list` output (poppler ≥ 0.20; masks and soft masks left out). */
export function parsePdfImagesList(text: string): ListedImage[] {
  const out: ListedImage[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    // page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    if (f.length < 14 || !/^\d+$/.test(f[0]!) || f[2] !== 'image') continue;
    out.push({
      page: Number(f[0]), width: Number(f[3]), height: Number(f[4]), color: f[5]!, comp: Number(f[6]), bpc: Number(f[7]),
      xppi: Number(f[12]), yppi: Number(f[13]),
    });
  }
  return out;
}

const colourOf = (img: ListedImage): PageColour =>
  img.color === 'index' || img.comp >= 3 ? 'colour' : img.bpc === 1 ? 'bilevel' : 'gray';

/** Facts of a PDF from its page count (`pdfinfo`) and `pdfimages -list`: per page, the resolution of its largest
 *  image and whether any of its images is in colour; a page without an image has neither. */
export function pdfFacts(pageCount: number, imagesList: string): ScanFacts {
  const images = parsePdfImagesList(imagesList);
  const pages: PageFacts[] = [];
  for (let p = 1; p <= pageCount; p++) {
    const mine = images.filter((i) => i.page === p);
    if (!mine.length) {
      pages.push({ page: p, widthPx: null, heightPx: null, dpi: null, dpiEstimated: false, colour: null });
      continue;
    }
    const big = mine.reduce((a, i) => (i.width * i.height > a.width * a.height ? i : a));
    const colours = mine.map(colourOf);
    const colour: PageColour = colours.includes('colour') ? 'colour' : colours.includes('gray') ? 'gray' : 'bilevel';
    const ppi = Math.min(big.xppi, big.yppi);
    pages.push({ page: p, widthPx: big.width, heightPx: big.height, dpi: Number.isFinite(ppi) && ppi > 0 ? Math.round(ppi) : null, dpiEstimated: false, colour });
  }
  return { type: 'application/pdf', readable: pageCount > 0, pages };
}

/** The page count `pdfinfo` prints; null when it does not print one. */
export function pdfinfoPages(text: string): number | null {
  const m = /^Pages:\s+(\d+)\s*$/m.exec(text);
  return m ? Number(m[1]) : null;
}
