// The facts of a scan and what the officer is told (src/digitisation/core/facts.ts, quality.ts, retry.ts): headers of
// PNG and JPEG files, poppler's listing of a PDF's images, the effective resolution, and the findings in Vietnamese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { effectiveDpi, jpegFacts, parsePdfImagesList, pdfFacts, pdfinfoPages, pngFacts, type PageFacts, type ScanFacts } from '../../src/digitisation/core/facts.ts';
import { checkOcr, checkScan, colourNeedOf, hasErrors, pageRanges, qualityRulesAt, QUALITY_VERSIONS, type ColourNeed } from '../../src/digitisation/core/quality.ts';
import { afterOcrFailure, declaredPdfAPart, finalMessage, MAX_ATTEMPTS, MAX_INPUT_ATTEMPTS, ocrTimeoutMs, retryDelayMs, splitPages } from '../../src/digitisation/core/retry.ts';

const rules = qualityRulesAt('2026-12-07');
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n); return b; };
const chunk = (name: string, data: Buffer) => Buffer.concat([u32(data.length), Buffer.from(name, 'latin1'), data, u32(0)]);
function png(o: { w: number; h: number; type: number; depth?: number; ppm?: number; palette?: number[][] }) {
  const ihdr = Buffer.concat([u32(o.w), u32(o.h), Buffer.from([o.depth ?? 8, o.type, 0, 0, 0])]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    ...(o.ppm ? [chunk('pHYs', Buffer.concat([u32(o.ppm), u32(o.ppm), Buffer.from([1])]))] : []),
    ...(o.palette ? [chunk('PLTE', Buffer.from(o.palette.flat()))] : []),
    chunk('IDAT', Buffer.from([0])), chunk('IEND', Buffer.alloc(0)),
  ]);
}
const seg = (m: number, body: Buffer) => Buffer.concat([Buffer.from([0xff, m, (body.length + 2) >> 8, (body.length + 2) & 255]), body]);
function jpeg(o: { w: number; h: number; comps: number; jfifDpi?: number; exifDpi?: number }) {
  const parts = [Buffer.from([0xff, 0xd8])];
  if (o.jfifDpi) parts.push(seg(0xe0, Buffer.concat([Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 1, o.jfifDpi >> 8, o.jfifDpi & 255, o.jfifDpi >> 8, o.jfifDpi & 255, 0, 0])])));
  if (o.exifDpi) {
    // Little-endian TIFF: IFD0 at 8 with two entries (XResolution → rational at 38, ResolutionUnit = inch).
    const t = Buffer.alloc(46);
    t.write('II', 0, 'latin1'); t.writeUInt16LE(42, 2); t.writeUInt32LE(8, 4); t.writeUInt16LE(2, 8);
    t.writeUInt16LE(0x011a, 10); t.writeUInt16LE(5, 12); t.writeUInt32LE(1, 14); t.writeUInt32LE(38, 18);
    t.writeUInt16LE(0x0128, 22); t.writeUInt16LE(3, 24); t.writeUInt32LE(1, 26); t.writeUInt16LE(2, 30);
    t.writeUInt32LE(o.exifDpi, 38); t.writeUInt32LE(1, 42);
    parts.push(seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), t])));
  }
  parts.push(seg(0xc0, Buffer.from([8, o.h >> 8, o.h & 255, o.w >> 8, o.w & 255, o.comps, ...Array(o.comps * 3).fill(0)])));
  parts.push(Buffer.from([0xff, 0xda, 0, 2, 0xff, 0xd9]));
  return Buffer.concat(parts);
}

test('PNG: size, colour type, grey palette, 1-bit, pHYs in pixels per metre, alpha', () => {
  const a4at300 = png({ w: 2480, h: 3508, type: 2, ppm: 11811 });
  assert.deepEqual(pngFacts(a4at300).pages[0], { page: 1, widthPx: 2480, heightPx: 3508, dpi: 300, dpiEstimated: false, colour: 'colour' });
  assert.equal(pngFacts(png({ w: 1654, h: 2339, type: 0, ppm: 7874 })).pages[0]!.colour, 'gray');
  assert.equal(pngFacts(png({ w: 1654, h: 2339, type: 0, depth: 1, ppm: 7874 })).pages[0]!.colour, 'bilevel');
  assert.equal(pngFacts(png({ w: 10, h: 10, type: 3, palette: [[0, 0, 0], [9, 9, 9]] })).pages[0]!.colour, 'gray');
  assert.equal(pngFacts(png({ w: 10, h: 10, type: 3, palette: [[0, 0, 0], [200, 0, 0]] })).pages[0]!.colour, 'colour');
  assert.equal(pngFacts(png({ w: 10, h: 10, type: 6 })).alpha, true);
  assert.equal(pngFacts(a4at300.subarray(0, 20)).readable, false);
  // No pHYs: estimated as A4 (3508 px over 11.69 in).
  assert.deepEqual(pngFacts(png({ w: 2480, h: 3508, type: 2 })).pages[0]!.dpi, 300);
  assert.equal(pngFacts(png({ w: 2480, h: 3508, type: 2 })).pages[0]!.dpiEstimated, true);
});

test('JPEG: SOF size and components, JFIF density, EXIF resolution, a phone photo\'s 72 dpi not believed', () => {
  assert.deepEqual(jpegFacts(jpeg({ w: 1654, h: 2339, comps: 3, jfifDpi: 200 })).pages[0], { page: 1, widthPx: 1654, heightPx: 2339, dpi: 200, dpiEstimated: false, colour: 'colour' });
  assert.equal(jpegFacts(jpeg({ w: 1654, h: 2339, comps: 1, jfifDpi: 200 })).pages[0]!.colour, 'gray');
  assert.equal(jpegFacts(jpeg({ w: 2480, h: 3508, comps: 3, exifDpi: 300 })).pages[0]!.dpi, 300);
  const phone = jpegFacts(jpeg({ w: 3000, h: 4000, comps: 3, exifDpi: 72 })).pages[0]!;
  assert.equal(phone.dpiEstimated, true);
  assert.equal(phone.dpi, 342);
  assert.equal(jpegFacts(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 200])).readable, false);
});

test('property: the effective resolution is the declared one when the page it implies is paper-sized, else A4', () => {
  fc.assert(fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), fc.option(fc.integer({ min: 1, max: 2400 })), (w, h, d) => {
    const e = effectiveDpi(w, h, d);
    assert.ok(e.dpi !== null && e.dpi >= 1);
    const inches = d ? Math.max(w, h) / d : NaN;
    if (d && inches >= 1 && inches <= 17) assert.deepEqual(e, { dpi: d, estimated: false });
    else assert.deepEqual(e, { dpi: Math.max(1, Math.round(Math.max(w, h) / (297 / 25.4))), estimated: true });
  }), { numRuns: 500 });
});

const LIST = `page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio
--------------------------------------------------------------------------------------------
   1     0 image    2480  3508  rgb     3   8  jpeg   no         7  0   300   300  400K 1.6%
   1     1 smask    2480  3508  gray    1   8  image  no         7  0   300   300  10K 0.1%
   2     2 image    1240  1754  gray    1   8  jpeg   no        12  0   150   150  100K 4.6%
   3     3 image    2480  3508  gray    1   1  ccitt  no        17  0   300   300  50K 0.5%
   3     4 image     100   100  icc     3   8  jpeg   no        18  0    72    72  5K 1%
`;

test('PDF: page count from pdfinfo, per page the largest image\'s resolution and any colour; pages without images', () => {
  assert.equal(pdfinfoPages('Producer: x\nPages:          4\nEncrypted: no\n'), 4);
  assert.equal(pdfinfoPages('Syntax Error\n'), null);
  assert.equal(parsePdfImagesList(LIST).length, 4);
  const f = pdfFacts(4, LIST);
  assert.deepEqual(f.pages.map((p) => [p.dpi, p.colour]), [[300, 'colour'], [150, 'gray'], [300, 'colour'], [null, null]]);
  assert.equal(pdfFacts(0, '').readable, false);
});

const page = (n: number, dpi: number | null, colour: PageFacts['colour'], dpiEstimated = false): PageFacts =>
  ({ page: n, widthPx: dpi && 2000, heightPx: dpi && 3000, dpi, dpiEstimated, colour });
const scan = (pages: PageFacts[]): ScanFacts => ({ type: 'application/pdf', readable: true, pages });

test('findings: the officer\'s sentences for low resolution, black-and-white stamped papers, missing and extra pages', () => {
  const one = (f: ReturnType<typeof checkScan>) => f.map((x) => x.message);
  assert.deepEqual(one(checkScan(scan([page(1, 150, 'colour')]), { colour: 'none' }, rules)), ['Độ phân giải thấp: 150 dpi, cần ít nhất 200 dpi.']);
  assert.deepEqual(one(checkScan(scan([page(1, 300, 'gray')]), { colour: 'seal' }, rules)), ['Ảnh đen trắng: giấy tờ có dấu đỏ cần quét màu.']);
  assert.deepEqual(one(checkScan(scan([page(1, 300, 'colour'), page(2, 300, 'bilevel')]), { colour: 'photo' }, rules)), ['Ảnh đen trắng: giấy tờ có ảnh chân dung cần quét màu (trang 2).']);
  assert.deepEqual(one(checkScan(scan([page(1, 300, 'colour'), page(2, 300, 'colour')]), { colour: 'none', expectedPages: 3 }, rules)), ['Thiếu trang: tệp có 2 trang, cần 3 trang.']);
  assert.deepEqual(checkScan(scan([page(1, 300, 'gray'), page(2, 300, 'gray')]), { colour: 'none', expectedPages: 1 }, rules).map((x) => [x.code, x.severity]), [['EXTRA_PAGES', 'warning']]);
  assert.deepEqual(one(checkScan(scan([page(1, 120, 'colour', true)]), { colour: 'none' }, rules)), ['Độ phân giải thấp: 120 dpi, ước tính theo khổ A4 vì ảnh không ghi độ phân giải, cần ít nhất 200 dpi.']);
  assert.deepEqual(checkScan(scan([page(1, 250, 'colour')]), { colour: 'seal' }, rules).map((x) => [x.code, x.severity]), [['BELOW_RECOMMENDED_DPI', 'warning']]);
  assert.deepEqual(checkScan({ type: 'image/png', readable: false, pages: [] }, { colour: 'none' }, rules).map((x) => x.code), ['UNREADABLE']);
  assert.deepEqual(checkScan(scan([]), { colour: 'none' }, rules).map((x) => x.code), ['NO_PAGES']);
  assert.deepEqual(checkScan(scan(Array.from({ length: 201 }, (_, i) => page(i + 1, null, null))), { colour: 'none' }, rules).map((x) => x.code), ['TOO_MANY_PAGES']);
  assert.equal(pageRanges([5, 1, 2, 3, 7, 8]), '1–3, 5, 7, 8');
});

const pageArb = fc.record({ dpi: fc.option(fc.integer({ min: 30, max: 1200 })), colour: fc.constantFrom('colour', 'gray', 'bilevel', null) as fc.Arbitrary<PageFacts['colour']> });
const needArb = fc.constantFrom<ColourNeed>('seal', 'photo', 'none');

test('property: a page below the minimum resolution, or grey where colour is needed, is an error naming that page; a good scan has no finding', () => {
  fc.assert(fc.property(fc.array(pageArb, { minLength: 1, maxLength: 60 }), needArb, (ps, need) => {
    const facts = scan(ps.map((p, i) => page(i + 1, p.colour === null ? null : p.dpi ?? 300, p.colour)));
    const f = checkScan(facts, { colour: need }, rules);
    const low = facts.pages.filter((p) => p.dpi !== null && p.dpi < rules.minDpi).map((p) => p.page);
    const grey = need === 'none' ? [] : facts.pages.filter((p) => p.colour === 'gray' || p.colour === 'bilevel').map((p) => p.page);
    assert.deepEqual(f.find((x) => x.code === 'LOW_DPI')?.pages ?? [], low);
    assert.deepEqual(f.find((x) => x.code === 'NOT_COLOUR')?.pages ?? [], grey);
    assert.equal(hasErrors(f), low.length > 0 || grey.length > 0);
    for (const x of f) assert.match(x.message, /^[A-ZĐÁẢ][^]*\.$/u);
    const good = scan(facts.pages.map((p) => ({ ...p, dpi: p.dpi === null ? null : 300, colour: p.colour === null ? null : 'colour' })));
    assert.deepEqual(checkScan(good, { colour: need }, rules), []);
  }), { numRuns: 300 });
});

test('OCR findings: an image page with almost no letters is "blurred, skewed or blank"; text pages are not judged', () => {
  const facts = scan([page(1, 300, 'colour'), page(2, 300, 'colour'), page(3, null, null)]);
  const f = checkOcr(facts, ['Cộng hòa xã hội chủ nghĩa Việt Nam, Độc lập - Tự do - Hạnh phúc', '  . , ', ''], rules);
  assert.deepEqual(f.map((x) => [x.code, x.pages, x.message]), [['NO_TEXT', [2], 'Không đọc được chữ (trang 2): ảnh có thể bị mờ, nghiêng hoặc là trang trắng. Hãy kiểm tra và quét lại nếu cần.']]);
  assert.deepEqual(splitPages('a\fb\f'), ['a', 'b']);
});

test('which components need colour: ID papers (photo), issued papers and certified copies (seal), forms (none)', () => {
  assert.equal(colourNeedOf({ code: 'GIAY_TO_TUY_THAN', name: 'Hộ chiếu, thẻ Căn cước…', kind: 'shown' }), 'photo');
  assert.equal(colourNeedOf({ code: 'GKS', name: 'Bản sao Giấy khai sinh' }), 'seal');
  assert.equal(colourNeedOf({ code: 'X', name: 'Giấy tờ chứng minh nơi cư trú', kind: 'certified_copy' }), 'seal');
  assert.equal(colourNeedOf({ code: 'KET_QUA', name: 'Kết quả' }), 'seal');
  assert.equal(colourNeedOf({ code: 'TO_KHAI', name: 'Tờ khai đăng ký khai sinh', kind: 'original' }), 'none');
});

test('thresholds are effective-dated data; retries back off and end; the final message keeps the source safe', () => {
  assert.equal(qualityRulesAt('2020-01-01'), QUALITY_VERSIONS[0]);
  const later = [...QUALITY_VERSIONS, { ...QUALITY_VERSIONS[0]!, effectiveFrom: '2027-07-01', minDpi: 300 }];
  assert.equal(qualityRulesAt('2027-06-30', later).minDpi, 200);
  assert.equal(qualityRulesAt('2027-07-01', later).minDpi, 300);
  const now = new Date('2026-12-07T01:00:00Z');
  assert.deepEqual(afterOcrFailure(1, now, 'crash'), { status: 'queued', nextAttemptAt: new Date(+now + 60_000) });
  assert.equal(afterOcrFailure(MAX_ATTEMPTS, now, 'timeout').status, 'failed');
  assert.equal(afterOcrFailure(MAX_INPUT_ATTEMPTS, now, 'input').status, 'failed');
  fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), (n) => {
    assert.ok(retryDelayMs(n + 1) >= retryDelayMs(n) && retryDelayMs(n) <= 3_600_000);
    assert.ok(ocrTimeoutMs(n) > ocrTimeoutMs(0) - 1 && ocrTimeoutMs(n) <= 3_600_000);
  }));
  assert.match(finalMessage('X.', 5), /Đã thử 5 lần.*Tệp quét gốc vẫn được lưu nguyên vẹn/);
  assert.equal(declaredPdfAPart('<rdf:Description pdfaid:part="2" pdfaid:conformance="B"/>'), 2);
  assert.equal(declaredPdfAPart('<pdfaid:part>1</pdfaid:part>'), 1);
  assert.equal(declaredPdfAPart('%PDF-1.7'), null);
});
