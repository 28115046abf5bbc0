// Báo cáo tình hình giải quyết hồ sơ trong kỳ (the standard period report, indicators/core/period-report.ts) as a
// landscape document: a row per field (its subtotal, bold) then a row per procedure, and the grand total. The
// columns are shared with the .xlsx export (xlsx.ts) so both say the same thing. Pure.
import type { PeriodReport, ReportCounts } from '../indicators/core/period-report.ts';
import { dateShort, upper } from './core/format.ts';
import { FORMS, b, header, i, p, type Block, type DocumentModel, type FormInfo, type OrgFacts } from './core/model.ts';

/** The count columns, in the order of the report, under their group header. */
export const REPORT_COUNT_COLUMNS: readonly { key: keyof ReportCounts; header: string; group?: string }[] = [
  { key: 'carriedOver', header: 'Kỳ trước chuyển qua', group: 'Số hồ sơ' },
  { key: 'receivedOnline', header: 'Tiếp nhận trực tuyến', group: 'Số hồ sơ' },
  { key: 'receivedDirect', header: 'Tiếp nhận trực tiếp', group: 'Số hồ sơ' },
  { key: 'receivedPostal', header: 'Tiếp nhận qua bưu chính', group: 'Số hồ sơ' },
  { key: 'total', header: 'Tổng số', group: 'Số hồ sơ' },
  { key: 'processedEarly', header: 'Trước hạn', group: 'Đã giải quyết' },
  { key: 'processedOnTime', header: 'Đúng hạn', group: 'Đã giải quyết' },
  { key: 'processedLate', header: 'Quá hạn', group: 'Đã giải quyết' },
  { key: 'inProgressOnTime', header: 'Trong hạn', group: 'Đang giải quyết' },
  { key: 'inProgressLate', header: 'Quá hạn', group: 'Đang giải quyết' },
  { key: 'returned', header: 'Đã trả kết quả' },
];

export const REPORT_TITLE = 'Báo cáo tình hình giải quyết hồ sơ thủ tục hành chính';
export const GRAND_TOTAL = 'Tổng cộng';

/** One printed line of the report: a field (subtotal), a procedure under it, or the grand total. */
export interface ReportLine {
  kind: 'field' | 'procedure' | 'total';
  /** "1", "1.2", or "" for the total. */
  number: string;
  name: string;
  code: string;
  counts: ReportCounts;
}

/** The report flattened into its printed lines (used by the PDF and the .xlsx alike). */
export function reportLines(r: PeriodReport): ReportLine[] {
  const lines: ReportLine[] = [];
  r.fields.forEach((f, n) => {
    lines.push({ kind: 'field', number: String(n + 1), name: f.fieldName, code: f.fieldCode, counts: f });
    f.procedures.forEach((pr, m) => lines.push({ kind: 'procedure', number: `${n + 1}.${m + 1}`, name: pr.name, code: pr.code, counts: pr }));
  });
  lines.push({ kind: 'total', number: '', name: GRAND_TOTAL, code: '', counts: r });
  return lines;
}

/** The report is not one of the forms of TT 03/2025 Phụ lục I: its own file name and title, no form number. */
export const REPORT_FORM: FormInfo = {
  ...FORMS['tracking-book'],
  officialNumber: null,
  numberUnchecked: false,
  numberCode: 'BC',
  fileStem: 'bao-cao-giai-quyet-ho-so',
  title: REPORT_TITLE,
  // Not an annexed form; the reporting function of TT 21/2023/TT-BTTTT (amended by TT 11/2025/TT-BKHCN) and 766 2.1.
  legalBasis: 'TT 21/2023/TT-BTTTT (nhóm chức năng báo cáo); QĐ 766/QĐ-TTg (chỉ số 2.1)',
};

export interface PeriodReportInput {
  org: OrgFacts;
  report: PeriodReport;
  /** "tháng 12/2026". */
  periodName: string;
  start: Date;
  /** Exclusive end of the period. */
  end: Date;
  /** ASCII key of the file name, e.g. "xuan-duong-2026-12". */
  key: string;
  /** The filters of the report, in words ("Lĩnh vực: HOTICH"), if any. */
  scope: string | null;
  compiledBy: string;
  now: Date;
}

export function periodReportDocument(input: PeriodReportInput): DocumentModel {
  const rows = reportLines(input.report).map((l) => [
    l.number,
    l.kind === 'procedure' ? `${l.name} (${l.code})` : upper(l.name),
    ...REPORT_COUNT_COLUMNS.map((c) => String(l.counts[c.key])),
  ]);
  const blocks: Block[] = [
    {
      type: 'table',
      columns: [
        { header: 'STT', width: 0.5, align: 'center' },
        { header: 'Lĩnh vực, thủ tục hành chính', width: 3.4 },
        ...REPORT_COUNT_COLUMNS.map((c) => ({ header: c.header, group: c.group, width: 0.8, align: 'center' as const })),
      ],
      rows,
      empty: 'Không có hồ sơ trong kỳ.',
    },
    { type: 'space', size: 4 },
    p(i('Trước hạn, đúng hạn, quá hạn tính theo thời hạn giải quyết của từng thủ tục như chỉ số 2.1 của Bộ chỉ số 766; '
      + '"đang giải quyết" là tình trạng lúc hết kỳ.')),
    ...(input.scope ? [p(i(`Phạm vi: ${input.scope}.`))] : []),
    { type: 'space', size: 4 },
    { type: 'signatures', signers: [null, { title: ['NGƯỜI LẬP BÁO CÁO'], note: '(Ký, ghi rõ họ tên)', name: input.compiledBy }] },
  ];
  const last = new Date(input.end.getTime() - 1);
  return {
    form: REPORT_FORM,
    orientation: 'landscape',
    header: header(input.org, REPORT_FORM, null, null, input.now),
    title: { text: upper(REPORT_TITLE), lines: [b(`Kỳ báo cáo: ${input.periodName}`), i(`Từ ngày ${dateShort(input.start)} đến ngày ${dateShort(last)}`)] },
    qr: null,
    blocks,
    fileName: `${REPORT_FORM.fileStem}-${input.key.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf`,
    generatedAt: input.now,
  };
}
