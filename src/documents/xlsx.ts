// The .xlsx exports (exceljs): the period report (a row per field, bold with its subtotal, then a row per procedure,
// and the grand total, numbers as numbers) and the tracking book (the same columns and rows as its PDF, taken from
// the document model so the two never differ). Title lines on top, frozen header, column widths, Vietnamese headers.
import type ExcelJS from 'exceljs';
import type { DocumentModel } from './core/model.ts';
import { REPORT_COUNT_COLUMNS, REPORT_TITLE, reportLines, type PeriodReportInput } from './period-report.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' },
};

function titleRows(ws: ExcelJS.Worksheet, lines: string[], width: number) {
  lines.forEach((text, n) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, width);
    row.getCell(1).font = { bold: n === 0, size: n === 0 ? 14 : 11 };
    row.getCell(1).alignment = { horizontal: 'center' };
  });
  ws.addRow([]);
}

/** Two header rows: the group (merged across its columns) above each column's header; ungrouped headers span both. */
function headerRows(ws: ExcelJS.Worksheet, cols: readonly { header: string; group?: string }[]) {
  const top = ws.addRow(cols.map((c) => c.group ?? c.header));
  const bottom = ws.addRow(cols.map((c) => c.header));
  let n = 0;
  while (n < cols.length) {
    const g = cols[n]!.group;
    let m = n;
    while (g && m + 1 < cols.length && cols[m + 1]!.group === g) m++;
    if (g) ws.mergeCells(top.number, n + 1, top.number, m + 1);
    else ws.mergeCells(top.number, n + 1, bottom.number, n + 1);
    n = m + 1;
  }
  for (const row of [top, bottom]) {
    row.eachCell((cell) => {
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    });
  }
  ws.views = [{ state: 'frozen', ySplit: bottom.number, xSplit: 0 }];
  return bottom.number;
}

async function newBook(title: string, now: Date) {
  const { default: Excel } = await import('exceljs'); // heavy: loaded at first use
  const wb = new Excel.Workbook();
  wb.creator = 'Xã Số';
  wb.created = now;
  wb.modified = now;
  wb.title = title;
  return wb;
}

const toBuffer = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

/** The period report as a workbook of one sheet. */
export async function periodReportXlsx(input: PeriodReportInput): Promise<Buffer> {
  const wb = await newBook(REPORT_TITLE, input.now);
  const ws = wb.addWorksheet('Báo cáo', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const cols = [
    { header: 'STT' }, { header: 'Lĩnh vực, thủ tục hành chính' }, { header: 'Mã' },
    ...REPORT_COUNT_COLUMNS.map((c) => ({ header: c.header, group: c.group })),
  ];
  titleRows(ws, [
    REPORT_TITLE.toLocaleUpperCase('vi'),
    `${input.org.communeName}, kỳ báo cáo: ${input.periodName}`,
    ...(input.scope ? [`Phạm vi: ${input.scope}`] : []),
  ], cols.length);
  headerRows(ws, cols);
  for (const l of reportLines(input.report)) {
    const row = ws.addRow([l.number, l.name, l.code, ...REPORT_COUNT_COLUMNS.map((c) => l.counts[c.key])]);
    row.eachCell({ includeEmpty: true }, (cell, n) => {
      cell.border = BORDER;
      if (l.kind !== 'procedure') cell.font = { bold: true };
      if (n === 1 || n > 3) cell.alignment = { horizontal: 'center' };
      if (n === 2) cell.alignment = { wrapText: true, indent: l.kind === 'procedure' ? 1 : 0 };
    });
  }
  ws.addRow([]);
  ws.addRow([`Người lập: ${input.compiledBy}`]);
  ws.columns.forEach((c, n) => { c.width = n === 0 ? 7 : n === 1 ? 60 : n === 2 ? 14 : 13; });
  return toBuffer(wb);
}

/** A document's table (the tracking book) as a workbook: the same header and rows, then its total line. */
export async function documentTableXlsx(m: DocumentModel, sheetName: string, titleLines: string[], total: string): Promise<Buffer> {
  const table = m.blocks.find((x) => x.type === 'table');
  if (!table || table.type !== 'table') throw new Error(`${m.form.id}: no table`);
  const wb = await newBook(m.form.title, m.generatedAt);
  const ws = wb.addWorksheet(sheetName, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  titleRows(ws, [m.title.text, ...titleLines], table.columns.length);
  headerRows(ws, table.columns);
  for (const cells of table.rows) {
    const row = ws.addRow(cells.map((c, n) => (n === 0 && /^\d+$/.test(c) ? Number(c) : c)));
    row.eachCell({ includeEmpty: true }, (cell, n) => {
      cell.border = BORDER;
      cell.alignment = { wrapText: true, vertical: 'top', horizontal: table.columns[n - 1]?.align === 'center' ? 'center' : 'left' };
    });
  }
  const last = ws.addRow([total]);
  ws.mergeCells(last.number, 1, last.number, table.columns.length);
  last.getCell(1).font = { bold: true };
  const unit = 12; // characters per unit of relative width
  table.columns.forEach((c, n) => { ws.getColumn(n + 1).width = Math.max(6, Math.round(c.width * unit)); });
  return toBuffer(wb);
}

/** `attachment; filename="…"` with an ASCII name. */
export const attachment = (fileName: string) => `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`;
