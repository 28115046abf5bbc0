// Fonts for pdfkit documents, read from disk and parsed once per process. pdfkit parses a font file (fontkit) for
// every document that registers it, then decodes its tables and glyphs again to lay out the text and to subset it:
// about 20 ms of every verification stamp (stamp.ts), which the demo draws ~800 times at its first start.
// Here each font is parsed once, and each document gets pdfkit's own embedded-font object over the shared parsed
// font: its own subset and widths, so what a document writes is what it wrote before (the parsed font is only read,
// synchronously, by each document in turn). Shared too: the words already laid out (pdfkit's layout cache: a word's
// glyphs and positions in a font, only read once made), up to MAX_WORDS a font, and each glyph's decoded outline.
// pdfkit has no public way to take a parsed font: this uses its document's font table (`_fontFamilies`,
// `_fontCount`) and the class of an embedded font it made itself, checked once; where they are not as expected
// (another pdfkit), the fonts are registered from their bytes as before, and `shared` says so (a test checks it).
import fs from 'node:fs';
import type PDFKit from 'pdfkit';

type Doc = PDFKit.PDFDocument;
type EmbeddedFontClass = new (doc: Doc, font: unknown, id: string) => { layoutCache?: Record<string, unknown> };

/** Words kept laid out per font before the shared layout cache starts afresh (a few per stamp are new: codes, times). */
const MAX_WORDS = 20_000;
interface DocInternals {
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
  _font?: { font?: unknown; constructor: EmbeddedFontClass } | null;
}

interface Parsed {
  bytes: Record<string, Buffer>;
  /** pdfkit's embedded-font class and the parsed fonts, or null when pdfkit's internals are not as expected. */
  shared: { Embedded: EmbeddedFontClass; fonts: Record<string, { font: unknown; layouts: Record<string, unknown> | null; uses: number }> } | null;
}

/**
 * fontkit decodes a glyph's outline each time a document's subset takes the glyph (only to see whether it is
 * composite); over a shared font each glyph (fontkit keeps one object per glyph) is decoded once.
 */
function decodeOnce(font: unknown): void {
  const f = font as { getGlyph?: (id: number, codePoints?: number[]) => { _decode?: () => unknown; codePoints?: number[] } | null };
  if (typeof f.getGlyph !== 'function') return;
  const getGlyph = f.getGlyph.bind(font);
  const once = new WeakSet<object>();
  f.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints);
    // fontkit keeps the characters a glyph was first asked for; a subset asks with none. Shared across documents,
    // a letter first met inside an accented one (E in Ệ) would lose its text: the printed code would not read back
    // (copy, screen readers). The first request that names the characters gives them.
    if (glyph && codePoints?.length && !glyph.codePoints?.length) glyph.codePoints = codePoints;
    if (glyph && typeof glyph._decode === 'function' && !once.has(glyph)) {
      const decode = glyph._decode.bind(glyph);
      let decoded: { value: unknown } | null = null;
      glyph._decode = () => (decoded ??= { value: decode() }).value;
      once.add(glyph);
    }
    return glyph;
  };
}

/**
 * Fonts by name (e.g. regular, bold) from font files, read and parsed at the first `use`, then shared by every
 * document. `use(doc)` makes each name usable as `doc.font(name)`.
 */
export function sharedFonts(files: Record<string, string>) {
  let parsed: Parsed | null = null;
  const parse = (PDFDocument: typeof PDFKit): Parsed => {
    const bytes = Object.fromEntries(Object.entries(files).map(([name, file]) => [name, fs.readFileSync(file)]));
    // A document that is never written, in which pdfkit parses each font once.
    const probe = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    const fonts: NonNullable<Parsed['shared']>['fonts'] = {};
    let Embedded: EmbeddedFontClass | null = null;
    for (const [name, b] of Object.entries(bytes)) {
      const made = (probe.font(b) as unknown as DocInternals)._font;
      if (!made?.font || (Embedded && made.constructor !== Embedded)) return { bytes, shared: null };
      Embedded = made.constructor;
      decodeOnce(made.font);
      fonts[name] = { font: made.font, layouts: null, uses: 0 };
    }
    const internals = probe as unknown as DocInternals;
    const fits = Embedded && Number.isInteger(internals._fontCount) && internals._fontFamilies && typeof internals._fontFamilies === 'object';
    return { bytes, shared: fits ? { Embedded: Embedded!, fonts } : null };
  };
  return {
    /** Makes the fonts usable in `doc` (a new pdfkit document, made with `PDFDocument`). */
    use(doc: Doc, PDFDocument: typeof PDFKit): void {
      parsed ??= parse(PDFDocument);
      const d = doc as unknown as DocInternals;
      if (parsed.shared && d._fontFamilies && Number.isInteger(d._fontCount)) {
        for (const [name, f] of Object.entries(parsed.shared.fonts)) {
          d._fontCount! += 1; // pdfkit names a document's fonts F1, F2, …
          const embedded = new parsed.shared.Embedded(doc, f.font, `F${d._fontCount}`);
          if (embedded.layoutCache) { // unless the document turned pdfkit's layout cache off
            if (!f.layouts || (++f.uses % 100 === 0 && Object.keys(f.layouts).length > MAX_WORDS)) f.layouts = embedded.layoutCache;
            embedded.layoutCache = f.layouts;
          }
          d._fontFamilies[name] = embedded;
        }
      } else {
        for (const [name, b] of Object.entries(parsed.bytes)) doc.registerFont(name, b);
      }
    },
    /** Whether documents share the parsed fonts (false: pdfkit's internals changed, and each document parses them). */
    get shared(): boolean | null {
      return parsed ? parsed.shared !== null : null;
    },
  };
}
