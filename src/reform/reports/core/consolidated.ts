// The commune's consolidated CCHC report (báo cáo kết quả thực hiện công tác CCHC) of a period, as a DocumentModel
// (drawn by src/documents/pdf.ts) and as the tables of its .xlsx (../xlsx.ts): the accepted units' reports by the
// plan's six areas, the live indicators (766 index, on-time, online, satisfaction, the plan's targets), the plan
// task figures, and the annex of who submitted when. One source of rows for both formats. Pure.
import { dateShort, upper } from '../../../documents/core/format.ts';
import { FORMS, b, communeRef, header, i, p, type Block, type DocumentModel, type FormInfo, type OrgFacts } from '../../../documents/core/model.ts';
import { AREAS, type ReportContent } from './content.ts';
import { STATUS_LABEL, type CallKind, type ReportStatus } from './status.ts';

export const CONSOLIDATED_FORM: FormInfo = {
  ...FORMS['tracking-book'],
  officialNumber: null,
  numberUnchecked: false,
  numberCode: 'BC',
  fileStem: 'bao-cao-cchc',
  title: 'Báo cáo kết quả thực hiện công tác cải cách hành chính',
  // Layout of NĐ 30/2020/NĐ-CP; the duty to report: the commune's plan, section IV (units report to the commune
  // through Phòng Văn hóa - Xã hội, which consolidates).
  legalBasis: 'NĐ 30/2020/NĐ-CP (thể thức); Kế hoạch CCHC xã giai đoạn 2026-2030, mục IV',
};

export interface UnitLine {
  code: string;
  name: string;
  status: ReportStatus;
  submittedAt: Date | null;
  /** Working days late at the first submission (0 on time), null when not submitted. */
  lateDays: number | null;
  files: number;
}

export interface Figure {
  label: string;
  /** null: no data in the period (shown as such, never as zero). */
  value: number | null;
  /** 'rate' 0–1 shown as a percentage; 'points' out of `max`; 'count'. */
  format: 'rate' | 'points' | 'count';
  max?: number;
  target?: number | null;
  met?: boolean | null;
  note?: string;
}

export interface ConsolidatedInput {
  org: OrgFacts;
  kind: CallKind;
  /** "quý IV/2026". */
  periodName: string;
  year: number;
  start: Date;
  /** Exclusive end. */
  end: Date;
  units: UnitLine[];
  /** The accepted submissions, in unit order. */
  accepted: { unitName: string; content: ReportContent }[];
  figures: Figure[];
  leaderName: string | null;
  /** ASCII key of the file name. */
  key: string;
  now: Date;
}

export const pct = (x: number) => `${(Math.round(x * 10_000) / 100).toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;

export function figureValue(f: Figure): string {
  if (f.value === null) return f.note ?? 'Chưa có dữ liệu';
  if (f.format === 'rate') return pct(f.value);
  if (f.format === 'points') return `${f.value.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}/${f.max ?? ''} điểm`;
  return f.value.toLocaleString('vi-VN');
}

export const figureTarget = (f: Figure) => (f.target === undefined || f.target === null ? '' : pct(f.target));
export const figureMet = (f: Figure) => (f.met === true ? 'Đạt' : f.met === false ? 'Chưa đạt' : '');

export function submissionText(u: UnitLine): string {
  if (u.submittedAt === null) return 'Chưa nộp';
  return u.lateDays ? `Nộp ngày ${dateShort(u.submittedAt)}, trễ ${u.lateDays} ngày làm việc` : `Nộp ngày ${dateShort(u.submittedAt)}, đúng hạn`;
}

/** The content rows (section, unit, text) of the accepted reports, shared by the PDF and the .xlsx. */
export function contentRows(input: ConsolidatedInput): { section: string; unit: string; text: string }[] {
  const rows: { section: string; unit: string; text: string }[] = [];
  const isPlan = input.kind === 'unit_plan';
  for (const a of input.accepted) if (a.content.direction) rows.push({ section: isPlan ? 'Mục đích, yêu cầu' : 'Công tác chỉ đạo, điều hành', unit: a.unitName, text: a.content.direction });
  for (const area of AREAS) {
    for (const a of input.accepted) {
      if (isPlan) {
        for (const t of a.content.tasks?.filter((x) => x.area === area.code) ?? []) {
          const extra = [t.deadline ? `thời hạn ${dateShort(new Date(`${t.deadline}T00:00:00+07:00`))}` : '', t.result ? `kết quả: ${t.result}` : ''].filter(Boolean).join('; ');
          rows.push({ section: area.name, unit: a.unitName, text: extra ? `${t.text} (${extra})` : t.text });
        }
      } else if (a.content.areas?.[area.code]) {
        rows.push({ section: area.name, unit: a.unitName, text: a.content.areas[area.code]! });
      }
    }
  }
  for (const a of input.accepted) if (a.content.difficulties) rows.push({ section: 'Khó khăn, vướng mắc', unit: a.unitName, text: a.content.difficulties });
  for (const a of input.accepted) if (a.content.proposals) rows.push({ section: 'Đề xuất, kiến nghị', unit: a.unitName, text: a.content.proposals });
  return rows;
}

export const titleLine = (input: ConsolidatedInput) => (input.kind === 'unit_plan'
  ? `Tổng hợp kế hoạch cải cách hành chính năm ${input.year} của các cơ quan, đơn vị`
  : `Kết quả thực hiện công tác cải cách hành chính ${input.periodName}`);

const heading = (text: string): Block => p(b(text));
const NONE = 'Chưa có nội dung trong các báo cáo đã được chấp nhận.';

function byUnit(rows: { section: string; unit: string; text: string }[], section: string): Block[] {
  const mine = rows.filter((r) => r.section === section);
  if (!mine.length) return [p(i(NONE))];
  return mine.map((r) => p(b(`- ${r.unit}: `), r.text));
}

export function consolidatedDocument(input: ConsolidatedInput): DocumentModel {
  const rows = contentRows(input);
  const isPlan = input.kind === 'unit_plan';
  const accepted = input.units.filter((u) => u.status === 'accepted').length;
  const last = new Date(input.end.getTime() - 1);
  const blocks: Block[] = [
    p(`Thực hiện Kế hoạch cải cách hành chính nhà nước ${communeRef(input.org)} giai đoạn 2026 - 2030, Ủy ban nhân dân xã tổng hợp `
      + `từ báo cáo của ${accepted}/${input.units.length} cơ quan, đơn vị đã được chấp nhận và số liệu của hệ thống Xã Số `
      + `(từ ngày ${dateShort(input.start)} đến ngày ${dateShort(last)}) như sau:`),
    heading(isPlan ? 'I. MỤC ĐÍCH, YÊU CẦU' : 'I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH'),
    ...byUnit(rows, isPlan ? 'Mục đích, yêu cầu' : 'Công tác chỉ đạo, điều hành'),
    heading(isPlan ? 'II. NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH CỦA CÁC ĐƠN VỊ' : 'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH'),
    ...AREAS.flatMap((a, n) => [p(b(`${n + 1}. ${a.name}`)), ...byUnit(rows, a.name)]),
    heading('III. KẾT QUẢ CÁC CHỈ SỐ (SỐ LIỆU TỪ HỆ THỐNG XÃ SỐ)'),
    {
      type: 'table',
      columns: [
        { header: 'STT', width: 0.5, align: 'center' }, { header: 'Chỉ số', width: 3.6 }, { header: 'Kết quả', width: 1.3, align: 'center' },
        { header: 'Mục tiêu đến 2030', width: 1, align: 'center' }, { header: 'Đánh giá', width: 0.9, align: 'center' },
      ],
      rows: input.figures.map((f, n) => [String(n + 1), f.label, figureValue(f), figureTarget(f), figureMet(f)]),
      empty: 'Không có số liệu.',
    },
    heading('IV. KHÓ KHĂN, VƯỚNG MẮC'),
    ...byUnit(rows, 'Khó khăn, vướng mắc'),
    heading('V. ĐỀ XUẤT, KIẾN NGHỊ'),
    ...byUnit(rows, 'Đề xuất, kiến nghị'),
    heading('PHỤ LỤC: TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ'),
    {
      type: 'table',
      columns: [
        { header: 'STT', width: 0.5, align: 'center' }, { header: 'Cơ quan, đơn vị', width: 2.6 }, { header: 'Trạng thái', width: 1.3 },
        { header: 'Thời gian nộp', width: 2.4 }, { header: 'Tệp minh chứng', width: 0.9, align: 'center' },
      ],
      rows: input.units.map((u, n) => [String(n + 1), u.name, STATUS_LABEL[u.status], submissionText(u), String(u.files)]),
      empty: 'Kỳ báo cáo không có đơn vị nào.',
    },
    { type: 'space', size: 6 },
    {
      type: 'signatures',
      signers: [null, { title: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], note: '(Ký, ghi rõ họ tên)', ...(input.leaderName ? { name: input.leaderName } : {}) }],
      recipients: ['- Sở Nội vụ tỉnh;', '- TT Đảng ủy, HĐND xã;', '- CT, PCT UBND xã;', '- Các cơ quan, đơn vị;', '- Lưu: VT, VHXH.'],
    },
  ];
  return {
    form: CONSOLIDATED_FORM,
    orientation: 'portrait',
    header: header(input.org, CONSOLIDATED_FORM, null, null, input.now),
    title: { text: 'BÁO CÁO', lines: [b(titleLine(input))] },
    qr: null,
    blocks,
    fileName: `${CONSOLIDATED_FORM.fileStem}-${input.key.replace(/[^A-Za-z0-9.-]/g, '_')}.pdf`,
    generatedAt: input.now,
  };
}

export const upperTitle = (input: ConsolidatedInput) => upper(`Báo cáo ${titleLine(input).charAt(0).toLocaleLowerCase('vi')}${titleLine(input).slice(1)}`);
