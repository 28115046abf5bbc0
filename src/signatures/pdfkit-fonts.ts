// Fonts for pdfkit documents, read from disk and parsed once per process. pdfkit parses a font file (fontkit) for
// every document that registers it, then decodes its tables again to lay out the text and to subset it: about 20 ms
// of every verification stamp (stamp.ts), which the demo draws ~800 times at its first start.
// Here each font is parsed once, and each document gets pdfkit's own embedded-font object over the shared parsed
// font: its own subset, widths and layout cache, so what a document writes is what it wrote before (the parsed font
// is only read, synchronously, by each document in turn). pdfkit has no public way to take a parsed font: this uses
// its document's font table (`_fontFamilies`, `_fontCount`) and the class of an embedded font it made itself, checked
// once; where they are not as expected (another pdfkit), the fonts are registered from their bytes as before.
import fs from 'node:fs';
import type PDFKit from 'pdfkit';

type Doc = PDFKit.PDFDocument;
type EmbeddedFontClass = new (doc: Doc, font: unknown, id: string) => unknown;
interface DocInternals {
  _fontFamilies?: Record<string, unknown>;
  _fontCount?: number;
  _font?: { font?: unknown; constructor: EmbeddedFontClass } | null;
}

interface Parsed {
  bytes: Record<string, Buffer>;
  /** pdfkit's embedded-font class and the parsed fonts, or null when pdfkit's internals are not as expected. */
  shared: { Embedded: EmbeddedFontClass; fonts: Record<string, unknown> } | null;
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
    const fonts: Record<string, unknown> = {};
    let Embedded: EmbeddedFontClass | null = null;
    for (const [name, b] of Object.entries(bytes)) {
      const made = (probe.font(b) as unknown as DocInternals)._font;
      if (!made?.font || (Embedded && made.constructor !== Embedded)) return { bytes, shared: null };
      Embedded = made.constructor;
      fonts[name] = made.font;
    }
    const internals = probe as unknown as DocInternals;
    const fits = Embedded && typeof internals._fontCount === 'number' && internals._fontFamilies && typeof internals._fontFamilies === 'object';
    return { bytes, shared: fits ? { Embedded: Embedded!, fonts } : null };
  };
  return {
    /** Makes the fonts usable in `doc` (a new pdfkit document, made with `PDFDocument`). */
    use(doc: Doc, PDFDocument: typeof PDFKit): void {
      parsed ??= parse(PDFDocument);
      const d = doc as unknown as DocInternals;
      if (parsed.shared && d._fontFamilies && typeof d._fontCount === 'number') {
        for (const [name, font] of Object.entries(parsed.shared.fonts)) {
          d._fontFamilies[name] = new parsed.shared.Embedded(doc, font, `F${++d._fontCount}`);
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
