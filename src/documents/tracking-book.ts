// 7. Sổ theo dõi hồ sơ (domain.md §2.6 item 7): one book per field (lĩnh vực) and period, landscape, one row per
// received dossier; the electronic book replaces the printed one when it holds all the columns. Pure.
import { S } from '../dossiers/core/index.ts';
import { RETURN_CHANNEL_LABELS, dateShort, upper } from './core/format.ts';
import type { BookRow } from './facts.ts';
import { FORMS, b, fileName, header, i, p, unitName, type Block, type DocumentModel, type OrgFacts } from './core/model.ts';

export interface BookInput {
  org: OrgFacts;
  /** The one-stop desk that keeps the book (the header's issuing unit). */
  deskCode: string | null;
  fieldCode: string;
  fieldName: string;
  /** Inclusive Vietnam-local dates. */
  from: Date;
  to: Date;
  rows: readonly BookRow[];
  /** Set for a unit-bound reader: the book holds only the dossiers routed to this unit. */
  scopeUnit: string | null;
  compiledBy: string;
  now: Date;
}

/** The "returned" column: the delivery date, or how the dossier ended without a result. */
function returnedText(r: BookRow): string {
  if (r.returnedAt) return dateShort(r.returnedAt);
  if (r.state === S.WITHDRAWN && r.finishedAt) return `${dateShort(r.finishedAt)}\n(rút hồ sơ)`;
  if (r.state === S.STOPPED && r.finishedAt) return `${dateShort(r.finishedAt)}\n(dừng giải quyết)`;
  return '';
}

export function trackingBook(input: BookInput): DocumentModel {
  const form = FORMS['tracking-book'];
  const { org } = input;
  const rows = input.rows.map((r, n) => [
    String(n + 1),
    r.code,
    r.procedureName,
    r.applicantName,
    [r.address, r.phone].filter(Boolean).join('\n'),
    unitName(org, r.handlingUnitCode),
    dateShort(r.receivedAt),
    r.dueAt ? `${dateShort(r.dueAt)}${r.extended ? '\n(hẹn lại)' : ''}` : '',
    returnedText(r),
    r.returnChannel ? RETURN_CHANNEL_LABELS[r.returnChannel] : '',
    '',
  ]);
  const group = 'Nhận và trả kết quả';
  const blocks: Block[] = [
    {
      type: 'table',
      columns: [
        { header: 'STT', width: 0.4, align: 'center' },
        { header: 'Mã hồ sơ', width: 2, noWrap: true },
        { header: 'Tên thủ tục hành chính', width: 1.6 },
        { header: 'Tên tổ chức, cá nhân', width: 1.2 },
        { header: 'Địa chỉ, số điện thoại', width: 1.75 },
        { header: 'Cơ quan chủ trì giải quyết', width: 1.2 },
        { header: 'Ngày nhận hồ sơ', width: 0.85, align: 'center', group },
        { header: 'Ngày hẹn trả kết quả', width: 0.85, align: 'center', group },
        { header: 'Ngày trả kết quả', width: 0.95, align: 'center', group },
        { header: 'Phương thức nhận kết quả', width: 1.0, align: 'center', group },
        { header: 'Ký nhận', width: 0.6, align: 'center', group },
      ],
      rows,
      empty: 'Không có hồ sơ nào được tiếp nhận trong khoảng thời gian này.',
    },
    { type: 'space', size: 4 },
    p(`Tổng số: ${input.rows.length} hồ sơ.`),
    ...(input.scopeUnit ? [p(i(`Phạm vi: các hồ sơ đã chuyển đến ${unitName(org, input.scopeUnit)}.`))] : []),
    { type: 'space', size: 4 },
    { type: 'signatures', signers: [null, { title: ['NGƯỜI LẬP SỔ'], note: '(Ký, ghi rõ họ tên)', name: input.compiledBy }] },
  ];
  const period = `Từ ngày ${dateShort(input.from)} đến ngày ${dateShort(input.to)}`;
  return {
    form,
    orientation: 'landscape',
    header: header(org, form, input.deskCode, null, input.now),
    title: { text: upper(form.title), lines: [b(`Lĩnh vực: ${input.fieldName}`), i(period)] },
    qr: null,
    blocks,
    fileName: fileName(form, `${input.fieldCode}-${dateShort(input.from).split('/').reverse().join('')}`
      + `-${dateShort(input.to).split('/').reverse().join('')}`),
    generatedAt: input.now,
  };
}
