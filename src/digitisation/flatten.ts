// A PNG with transparency (grey or colour with an alpha channel), laid on white paper: OCRmyPDF (img2pdf) refuses an
// alpha channel, and a scan has no transparency to keep. Decoded and encoded here with node:zlib (8- and 16-bit,
// not interlaced, no palette); anything else is returned as it was. The master copy stays the uploaded file; this is
// only the OCR run's input.
import zlib from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 }; // colour type → channels

/** 8-bit pixels, row after row, `channels` bytes each (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA). */
export interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: Buffer;
  /** The pHYs chunk's data (resolution), kept as it was. */
  phys: Buffer | null;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0);
  return Buffer.concat([head, data, crc]);
}

const paeth = (a: number, b: number, c: number) => {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
};

/** The pixels of a PNG (16-bit samples reduced to their high byte); null for a kind not handled or a corrupt file. */
export function decodePng(png: Buffer): Pixels | null {
  if (png.length < 33 || !png.subarray(0, 8).equals(SIGNATURE)) return null;
  const w = png.readUInt32BE(16), h = png.readUInt32BE(20), depth = png[24]!, type = png[25]!, interlace = png[28]!;
  const channels = CHANNELS[type];
  if (!channels || (depth !== 8 && depth !== 16) || interlace !== 0 || !w || !h) return null;
  const idat: Buffer[] = [];
  let phys: Buffer | null = null;
  for (let i = 8; i + 12 <= png.length;) {
    const len = png.readUInt32BE(i), name = png.toString('latin1', i + 4, i + 8);
    if (i + 12 + len > png.length) return null;
    if (name === 'IDAT') idat.push(png.subarray(i + 8, i + 8 + len));
    if (name === 'pHYs') phys = Buffer.from(png.subarray(i + 8, i + 8 + len));
    if (name === 'IEND') break;
    i += 12 + len;
  }
  let raw: Buffer;
  try {
    raw = zlib.inflateSync(Buffer.concat(idat));
  } catch {
    return null;
  }
  const step = depth / 8, bpp = channels * step, stride = w * bpp;
  if (raw.length < h * (stride + 1)) return null;
  const data = Buffer.alloc(w * h * channels);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < h; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? line[x - bpp]! : 0, b = prev[x]!, c = x >= bpp ? prev[x - bpp]! : 0;
      const add = filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : filter === 4 ? paeth(a, b, c) : 0;
      line[x] = (line[x]! + add) & 0xff;
    }
    for (let k = 0; k < w * channels; k++) data[y * w * channels + k] = line[k * step]!;
    prev = line;
  }
  return { width: w, height: h, channels, data, phys };
}

/** An 8-bit PNG of these pixels (no filter, deflated), with their pHYs. */
export function encodePng(p: Pixels): Buffer {
  const type = { 1: 0, 2: 4, 3: 2, 4: 6 }[p.channels];
  if (type === undefined) throw new RangeError(`channels ${p.channels}`);
  const row = p.width * p.channels;
  const raw = Buffer.alloc(p.height * (row + 1));
  for (let y = 0; y < p.height; y++) p.data.copy(raw, y * (row + 1) + 1, y * row, (y + 1) * row);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(p.width, 0);
  ihdr.writeUInt32BE(p.height, 4);
  ihdr[8] = 8;
  ihdr[9] = type;
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), ...(p.phys ? [chunk('pHYs', p.phys)] : []), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** The PNG without its alpha channel, over white; the same bytes when it has none (or is of a kind not handled). */
export function flattenPng(png: Buffer): Buffer {
  const type = png.length > 25 ? png[25] : undefined;
  if (type !== 4 && type !== 6) return png;
  const p = decodePng(png);
  if (!p) return png; // corrupt or not handled: OCRmyPDF will say so
  const out = p.channels - 1;
  const data = Buffer.alloc(p.width * p.height * out);
  for (let i = 0, o = 0; i < p.data.length; i += p.channels, o += out) {
    const alpha = p.data[i + out]!;
    for (let k = 0; k < out; k++) data[o + k] = Math.round((p.data[i + k]! * alpha + 255 * (255 - alpha)) / 255);
  }
  return encodePng({ ...p, channels: out, data });
}
