// The consolidated report as .xlsx (exceljs): sheet "Chỉ số" (section III), "Nội dung" (the accepted reports by
// section and unit) and "Đơn vị" (who submitted when) — the same rows as the PDF (core/consolidated.ts).
import type ExcelJS from 'exceljs';
import { vnDate } from '../../calendar/core/vn-time.ts';
import { STATUS_LABEL } from './core/status.ts';
import { contentRows, figureMet, figureTarget, figureValue, titleLine, type ConsolidatedInput } from './core/consolidated.ts';

const BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

function sheet(wb: ExcelJS.Workbook, name: string, title: string[], head: string[], rows: (string | number)[][], widths: number[]) {
  const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  title.forEach((text, n) => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, head.length);
    r.getCell(1).font = { bold: n === 0, size: n === 0 ? 14 : 11 };
    r.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  });
  ws.addRow([]);
  const h = ws.addRow(head);
  h.eachCell((c) => {
    c.font = { bold: true };
    c.border = BORDER;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
  });
  ws.views = [{ state: 'frozen', ySplit: h.number, xSplit: 0 }];
  for (const cells of rows) {
    const r = ws.addRow(cells);
    r.eachCell({ includeEmpty: true }, (c) => { c.border = BORDER; c.alignment = { wrapText: true, vertical: 'top' }; });
  }
  widths.forEach((w, n) => { ws.getColumn(n + 1).width = w; });
}

export async function consolidatedXlsx(input: ConsolidatedInput): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // heavy: loaded at first use
  const wb = new Excel.Workbook();
  wb.creator = 'Xã Số';
  wb.created = input.now;
  wb.modified = input.now;
  wb.title = titleLine(input);
  const title = [`BÁO CÁO ${titleLine(input).toLocaleUpperCase('vi')}`, input.org.communeName];
  sheet(wb, 'Chỉ số', title, ['STT', 'Chỉ số', 'Giá trị', 'Kết quả', 'Mục tiêu đến 2030', 'Đánh giá'],
    input.figures.map((f, n) => [n + 1, f.label, f.value === null ? '' : f.value, figureValue(f), figureTarget(f), figureMet(f)]), [6, 70, 10, 22, 14, 12]);
  sheet(wb, 'Nội dung', title, ['STT', 'Nội dung', 'Cơ quan, đơn vị', 'Báo cáo của đơn vị'],
    contentRows(input).map((r, n) => [n + 1, r.section, r.unit, r.text]), [6, 36, 28, 90]);
  sheet(wb, 'Đơn vị', title, ['STT', 'Cơ quan, đơn vị', 'Trạng thái', 'Ngày nộp lần đầu', 'Số ngày làm việc trễ hạn', 'Tệp minh chứng'],
    input.units.map((u, n) => [n + 1, u.name, STATUS_LABEL[u.status], u.submittedAt ? vnDate(u.submittedAt) : 'Chưa nộp', u.lateDays ?? '', u.files]),
    [6, 40, 18, 18, 14, 14]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
