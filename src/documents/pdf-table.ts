// Tables in the documents (the control sheet's hand-overs, the tracking book): proportional column widths, code
// columns widened to one line, header cells centred, body cells top-aligned (a signature column's text at the foot
// of its cell, under the room left to sign), a page break before a row that does not fit, with the header drawn
// again.
import { nfc } from './core/format.ts';
import type { Column } from './core/model.ts';

type Doc = PDFKit.PDFDocument;
export type FontName = 'regular' | 'bold' | 'italic';
export const SMALL = 11;
/** The room left to sign by hand above the name in a signature column. */
const SIGN_ROOM = 28;

interface Box {
  left: number;
  width: number;
  /** The lowest y the table may draw on. */
  bottom: number;
}

/**
 * Draws a table from `doc.y` on: bordered cells, a header (with group cells spanning their columns) repeated on
 * every page the table runs onto, rows never split across pages.
 */
export function drawTable(doc: Doc, box: Box, columns: readonly Column[], rows: readonly (readonly string[])[], empty: string) {
  const use = (font: FontName, size: number) => doc.font(font).fontSize(size);
  const size = doc.page.width > doc.page.height ? 9 : SMALL;
  const pad = 3;
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * box.width);
  widenNoWrap(doc, columns, rows, widths, size, pad);
  const xs = widths.map((_, k) => box.left + widths.slice(0, k).reduce((s, w) => s + w, 0));
  const heightOf = (t: string, k: number, font: FontName) => {
    use(font, size);
    return doc.heightOfString(nfc(t) || ' ', { width: widths[k]! - 2 * pad, lineGap: 0.5 });
  };
  const cell = (t: string, k: number, y: number, h: number, font: FontName, align: 'left' | 'center', at: 'top' | 'middle' | 'bottom') => {
    doc.save().lineWidth(0.5).rect(xs[k]!, y, widths[k]!, h).stroke().restore();
    use(font, size);
    const th = heightOf(t, k, font);
    const ty = at === 'middle' ? y + (h - th) / 2 : at === 'bottom' ? y + h - pad - th : y + pad;
    doc.text(nfc(t), xs[k]! + pad, ty, { width: widths[k]! - 2 * pad, align, lineGap: 0.5 });
  };
  const grouped = columns.some((c) => c.group);
  const h2 = Math.max(...columns.map((c, k) => heightOf(c.header, k, 'bold'))) + 2 * pad;
  // A group's cell spans its adjacent columns: its text is measured across all of them.
  const spanOf = (k: number) => {
    let span = 0;
    for (let j = k; j < columns.length && columns[j]!.group === columns[k]!.group; j++) span += widths[j]!;
    return span;
  };
  const groupHeight = (k: number) => {
    use('bold', size);
    return doc.heightOfString(nfc(columns[k]!.group!), { width: spanOf(k) - 2 * pad, lineGap: 0.5 });
  };
  const starts = columns.map((c, k) => (c.group && columns[k - 1]?.group !== c.group ? k : -1)).filter((k) => k >= 0);
  const h1 = grouped ? Math.max(...starts.map(groupHeight)) + 2 * pad : 0;
  const drawHeader = () => {
    const y = doc.y;
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      if (c.group) {
        // The group's cell spans its adjacent columns; drawn once, at its first column.
        if (columns[k - 1]?.group !== c.group) {
          const span = spanOf(k);
          doc.save().lineWidth(0.5).rect(xs[k]!, y, span, h1).stroke().restore();
          use('bold', size);
          doc.text(nfc(c.group), xs[k]! + pad, y + pad, { width: span - 2 * pad, align: 'center', lineGap: 0.5 });
        }
        cell(c.header, k, y + h1, h2, 'bold', 'center', 'middle');
      } else {
        cell(c.header, k, y, h1 + h2, 'bold', 'center', 'middle');
      }
    }
    doc.y = y + h1 + h2;
  };
  const body = rows.length ? rows : [[empty]];
  if (doc.y + h1 + h2 + 2 * size > box.bottom) doc.addPage();
  drawHeader();
  for (const row of body) {
    if (row.length === 1 && columns.length > 1) {
      // A single cell across the table (the "nothing here" row).
      use('italic', size);
      const y = doc.y;
      const h = doc.heightOfString(nfc(row[0]!), { width: box.width - 2 * pad }) + 2 * pad;
      doc.save().lineWidth(0.5).rect(box.left, y, box.width, h).stroke().restore();
      doc.text(nfc(row[0]!), box.left + pad, y + pad, { width: box.width - 2 * pad, align: 'center' });
      doc.y = y + h;
      continue;
    }
    const signs = (k: number) => columns[k]?.signature === true;
    const h = Math.max(...row.map((t, k) => heightOf(t, k, 'regular') + (signs(k) ? SIGN_ROOM : 0))) + 2 * pad;
    if (doc.y + h > box.bottom) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    row.forEach((t, k) => cell(t, k, y, h, 'regular', columns[k]?.align ?? 'left', signs(k) ? 'bottom' : 'top'));
    doc.y = y + h;
  }
  doc.x = box.left;
  doc.y += 4;
}

/** Gives `noWrap` columns the width of their widest cell, taken from the other columns in proportion. */
function widenNoWrap(doc: Doc, columns: readonly Column[], rows: readonly (readonly string[])[], widths: number[], size: number, pad: number) {
  doc.font('regular').fontSize(size);
  let extra = 0;
  columns.forEach((c, k) => {
    if (!c.noWrap) return;
    const need = Math.max(...rows.map((r) => doc.widthOfString(nfc(r[k] ?? ''))), 0) + 2 * pad + 1;
    if (need > widths[k]!) {
      extra += need - widths[k]!;
      widths[k] = need;
    }
  });
  const others = columns.reduce((s, c, k) => s + (c.noWrap ? 0 : widths[k]!), 0);
  if (extra > 0 && others > extra) columns.forEach((c, k) => { if (!c.noWrap) widths[k] = widths[k]! * (1 - extra / others); });
}
