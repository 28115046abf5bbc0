// A PNG with transparency laid on white for OCR (src/digitisation/flatten.ts): every PNG filter undone, each pixel
// blended over white, the resolution kept; a PNG without alpha is returned as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { flattenPng } from '../../src/digitisation/flatten.ts';
import { pngFacts } from '../../src/digitisation/core/facts.ts';

const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const chunk = (name: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(name, 'latin1'), data]);
  return Buffer.concat([u32(data.length), body, u32(zlib.crc32(body) >>> 0)]);
};
const SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An 8-bit PNG of `channels` (2: grey+alpha, 4: RGBA, 3: RGB) from raw rows, each row written with filter `filters[y]`. */
function encode(w: number, rows: number[][], channels: number, filters: number[]): Buffer {
  const type = { 2: 4, 3: 2, 4: 6 }[channels]!;
  const bpp = channels;
  const parts: Buffer[] = [];
  let prev = Buffer.alloc(w * bpp);
  rows.forEach((r, y) => {
    const line = Buffer.from(r);
    const f = filters[y % filters.length]!;
    const enc = Buffer.alloc(line.length);
    for (let x = 0; x < line.length; x++) {
      const a = x >= bpp ? line[x - bpp]! : 0, b = prev[x]!, c = x >= bpp ? prev[x - bpp]! : 0;
      const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
      const pred = f === 1 ? a : f === 2 ? b : f === 3 ? (a + b) >> 1 : f === 4 ? (pa <= pb && pa <= pc ? a : pb <= pc ? b : c) : 0;
      enc[x] = (line[x]! - pred) & 0xff;
    }
    parts.push(Buffer.from([f]), enc);
    prev = line;
  });
  const ihdr = Buffer.concat([u32(w), u32(rows.length), Buffer.from([8, type, 0, 0, 0])]);
  const phys = Buffer.concat([u32(11811), u32(11811), Buffer.from([1])]);
  return Buffer.concat([SIG, chunk('IHDR', ihdr), chunk('pHYs', phys), chunk('IDAT', zlib.deflateSync(Buffer.concat(parts))), chunk('IEND', Buffer.alloc(0))]);
}

/** The raw rows of an 8-bit PNG written by flattenPng (filter 0 on every row). */
function decode(png: Buffer, channels: number) {
  const w = png.readUInt32BE(16), h = png.readUInt32BE(20);
  const idat = png.subarray(8 + 25 + 21 + 8, png.length - 12 - 4);
  const raw = zlib.inflateSync(idat);
  return Array.from({ length: h }, (_, y) => {
    assert.equal(raw[y * (w * channels + 1)], 0);
    return [...raw.subarray(y * (w * channels + 1) + 1, (y + 1) * (w * channels + 1))];
  });
}

test('RGBA: transparent becomes white, opaque stays, half blends; every filter undone; dpi kept, no alpha left', () => {
  const px = (r: number, g: number, b: number, a: number) => [r, g, b, a];
  const rows = [
    [...px(200, 0, 0, 255), ...px(0, 0, 0, 0), ...px(0, 0, 0, 128)],
    [...px(10, 20, 30, 255), ...px(40, 50, 60, 255), ...px(70, 80, 90, 255)],
  ];
  for (const f of [0, 1, 2, 3, 4]) {
    const out = flattenPng(encode(3, rows, 4, [f]));
    assert.deepEqual(decode(out, 3), [[200, 0, 0, 255, 255, 255, 127, 127, 127], [10, 20, 30, 40, 50, 60, 70, 80, 90]], `filter ${f}`);
    const facts = pngFacts(out);
    assert.equal(facts.alpha, false);
    const phys = out.indexOf('pHYs');
    assert.ok(phys > 0 && out.readUInt32BE(phys + 4) === 11811, 'the resolution (pHYs) is kept');
  }
});

test('property: any grey+alpha image, any filters: each pixel is v·a + 255·(1 − a)', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 6 }), fc.integer(), (w, h, filters, seed) => {
    let s = seed >>> 0;
    const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
    const rows = Array.from({ length: h }, () => Array.from({ length: w * 2 }, rnd));
    const out = decode(flattenPng(encode(w, rows, 2, filters)), 1);
    assert.deepEqual(out, rows.map((r) => Array.from({ length: w }, (_, x) => Math.round((r[2 * x]! * r[2 * x + 1]! + 255 * (255 - r[2 * x + 1]!)) / 255))));
  }), { numRuns: 200 });
});

test('a PNG without alpha, or not a PNG, is returned as it was', () => {
  const rgb = encode(2, [[1, 2, 3, 4, 5, 6]], 3, [0]);
  assert.equal(flattenPng(rgb), rgb);
  const junk = Buffer.from('not a png at all, not a png at all');
  assert.equal(flattenPng(junk), junk);
});
