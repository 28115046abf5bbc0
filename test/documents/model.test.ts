// The document layer without a database: Vietnamese dates and names, the header block's number, the builders'
// choice of event, and the renderer on a long document (page breaks, repeated table header, page numbers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedProcedures } from '../../src/catalogue/seed/index.ts';
import { dateWords, placeName, timeWords } from '../../src/documents/core/format.ts';
import { receipt, supplementRequest } from '../../src/documents/forms-intake.ts';
import { apology, controlSheet } from '../../src/documents/forms-later.ts';
import {
  FORMS, FORM_IDS, communeAuthority, header, statusUrl,
  type DocumentModel, type DossierFacts, type EventFacts, type OrgFacts,
} from '../../src/documents/core/model.ts';
import { renderPdf } from '../../src/documents/pdf.ts';
import { flat, pdfInfo, pdfText, skipWithoutPoppler } from './pdf-helpers.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const org: OrgFacts = {
  communeName: 'Xã Tân Lập (dữ liệu mẫu)',
  units: new Map([['TTPVHCC', 'Trung tâm Phục vụ hành chính công'], ['VHXH', 'Phòng Văn hóa - Xã hội'], ['KT', 'Phòng Kinh tế']]),
  staff: new Map([['1', { name: 'Nguyễn Thị Lan', title: 'Công chức tiếp nhận' }], ['4', { name: 'Lê Thị Hoa', title: 'Trưởng phòng Văn hóa - Xã hội' }]]),
};
const ev = (seq: number, action: string, at: string, over: Partial<EventFacts> = {}): EventFacts => ({
  seq, action, fromState: seq === 1 ? null : 4, toState: 4, at: vn(at), actorId: '1', actorRole: 'receiving_officer',
  actorUnit: 'TTPVHCC', payload: {}, changes: {}, handover: null, ...over,
});
function facts(events: EventFacts[], over: Partial<DossierFacts> = {}): DossierFacts {
  const procedure = { ...seedProcedures.find((p) => p.code === '1.004873')!, version: 1 };
  return {
    id: '7d3c2a10-0000-4000-8000-000000000001', code: '000.DEMO.TL.H55-261207-0003', state: 4, channel: 'direct',
    applicant: { name: 'Nguyễn Văn An', idNumber: '001203004567', idHidden: false, address: null, phone: null, email: null },
    procedure, competentAuthority: 'Ủy ban nhân dân cấp xã', receivingUnitCode: 'TTPVHCC', currentUnitCode: 'VHXH',
    receivedAt: vn('2026-12-07T08:00'), dueAt: vn('2026-12-10T08:00'), originalDueAt: vn('2026-12-10T08:00'),
    returnedAt: null, returnChannel: null, events, files: [], org, ...over,
  };
}
const ctx = { publicUrl: 'https://dichvucong.example.vn/', now: vn('2026-12-09T10:00') };

test('Vietnamese dates: leading zeros for days below 10 and for January and February (NĐ 30/2020), Vietnam time', () => {
  assert.equal(dateWords(vn('2026-02-05T10:00')), 'ngày 05 tháng 02 năm 2026');
  assert.equal(dateWords(vn('2026-11-25T10:00')), 'ngày 25 tháng 11 năm 2026');
  assert.equal(dateWords(vn('2026-03-09T10:00')), 'ngày 09 tháng 3 năm 2026');
  // 17:30 UTC is already the next day in Vietnam.
  assert.equal(timeWords(new Date('2026-11-24T17:30:00Z')), '00 giờ 30 phút, ngày 25 tháng 11 năm 2026');
  assert.equal(timeWords(vn('2026-11-25T17:00')), '17 giờ 00 phút, ngày 25 tháng 11 năm 2026');
});

test('names from the commune record; decomposed input comes out precomposed', () => {
  assert.equal(placeName('Xã Xuân Dương'), 'Xuân Dương');
  assert.equal(placeName('Xã Tân Lập (dữ liệu mẫu)'), 'Tân Lập');
  assert.equal(placeName('Xã Xuân Dương'.normalize('NFD')), 'Xuân Dương');
  assert.equal(communeAuthority(org), 'ỦY BAN NHÂN DÂN XÃ TÂN LẬP');
});

test('the header block: the issuing unit under the Committee, the number from the code, a blank without one', () => {
  const h = header(org, FORMS.receipt, 'TTPVHCC', '000.DEMO.TL.H55-261207-0003', vn('2026-12-07T08:00'));
  assert.deepEqual(h.agency, [{ text: 'ỦY BAN NHÂN DÂN XÃ TÂN LẬP' }, { text: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG', bold: true }]);
  assert.equal(h.number, 'Số: 261207-0003/GTN-TTPVHCC');
  assert.equal(h.placeDate, 'Tân Lập, ngày 07 tháng 12 năm 2026');
  const committee = header(org, FORMS.apology, null, null, vn('2026-12-07T08:00'));
  assert.deepEqual(committee.agency, [{ text: 'ỦY BAN NHÂN DÂN XÃ TÂN LẬP', bold: true }]);
  assert.equal(committee.number, 'Số: ……/PXL-UBND');
  assert.equal(statusUrl('https://dichvucong.example.vn/', '000.DEMO.TL.H55-261207-0003'),
    'https://dichvucong.example.vn/tra-cuu?ma=000.DEMO.TL.H55-261207-0003');
});

test('the form registry: stable unique ids and number codes; the official numbers are marked unchecked, never in words', () => {
  assert.deepEqual(Object.keys(FORMS), [...FORM_IDS]);
  assert.equal(new Set(Object.values(FORMS).map((f) => f.numberCode)).size, FORM_IDS.length);
  assert.deepEqual(Object.values(FORMS).map((f) => f.listNumber), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(FORMS['stop-notice'].officialNumber, null, 'QĐ 3621/QĐ-BYT has no stop notice');
  assert.equal(FORMS['to-khai'].officialNumber, null, 'the applicant’s tờ khai is the procedure’s form, not a desk form');
  for (const f of Object.values(FORMS)) {
    if (f.id !== 'to-khai') assert.equal(f.numberUnchecked, true, f.id);
    assert.doesNotMatch(f.legalBasis, /UNCERTAIN|domain\.md|§|xác minh|kiểm chứng/, f.id); // printed as the PDF's subject
  }
});

test('builders: null without their event; the latest or the chosen event; the apology cites the time before it', () => {
  const received = ev(1, 'receive_counter', '2026-12-07T08:00', { changes: { dueAt: '2026-12-10T01:00:00.000Z' } });
  const handover = { fromUnit: 'TTPVHCC', toUnit: 'VHXH', fromAssigneeId: null, toAssigneeId: null, stepCode: null, stepDueAt: null, result: 'on_time' as const };
  const assigned = ev(2, 'assign', '2026-12-07T08:30', { handover });
  const forwarded = ev(3, 'forward', '2026-12-08T08:30', { handover: { ...handover, fromUnit: 'VHXH', toUnit: 'KT', result: 'late' } });
  const sorry = ev(4, 'apologize_extend', '2026-12-09T08:00', {
    actorId: '4', actorRole: 'unit_head', actorUnit: 'VHXH', payload: { reason: 'Cần xác minh', newDueAt: '2026-12-14T10:00:00.000Z' },
    changes: { dueAt: '2026-12-14T10:00:00.000Z', extendedDueAt: '2026-12-14T10:00:00.000Z' },
  });
  const d = facts([received, assigned, forwarded, sorry], { dueAt: vn('2026-12-14T17:00') });
  assert.equal(supplementRequest(d, ctx), null);
  assert.equal(receipt(facts([]), ctx), null);
  assert.equal(receipt(d, { ...ctx, seq: 2 }), null, 'entry 2 is not a receipt');
  const r = receipt(d, ctx)!;
  assert.equal(r.qr?.url, 'https://dichvucong.example.vn/tra-cuu?ma=000.DEMO.TL.H55-261207-0003');
  const all = JSON.stringify(r.blocks);
  assert.ok(all.includes('08 giờ 00 phút, ngày 10 tháng 12 năm 2026'), 'the appointment given at receipt');
  assert.ok(all.includes('17 giờ 00 phút, ngày 14 tháng 12 năm 2026'), 'and the adjusted one');
  const a = apology(d, ctx)!;
  assert.deepEqual(a.header.agency.map((x) => x.text), ['ỦY BAN NHÂN DÂN XÃ TÂN LẬP', 'PHÒNG VĂN HÓA - XÃ HỘI']);
  const text = JSON.stringify(a.blocks);
  assert.ok(text.includes('08 giờ 00 phút, ngày 10 tháng 12 năm 2026'), 'the time before the apology');
  assert.ok(text.includes('17 giờ 00 phút, ngày 14 tháng 12 năm 2026'), 'the new time');
  assert.ok(text.includes('TRƯỞNG PHÒNG VĂN HÓA - XÃ HỘI'));
  const sheet = controlSheet(d, ctx)!;
  const table = sheet.blocks.find((b) => b.type === 'table');
  assert.equal(table?.type === 'table' && table.rows.length, 2);
  assert.ok(JSON.stringify(sheet.blocks).includes('Cơ quan phối hợp giải quyết: "},{"text":"Phòng Kinh tế"'));
});

test('rendering a long document: page breaks, the table header on every page, page numbers from page 2', async (tc) => {
  const model: DocumentModel = {
    form: FORMS['tracking-book'],
    orientation: 'portrait',
    header: header(org, FORMS['tracking-book'], 'TTPVHCC', null, vn('2026-12-09T10:00')),
    title: { text: 'SỔ THEO DÕI HỒ SƠ', lines: [{ text: 'Lĩnh vực: Hộ tịch', bold: true }] },
    qr: null,
    blocks: [
      { type: 'list', items: Array.from({ length: 30 }, (_, k) => ({ text: `Thành phần hồ sơ thứ ${k + 1} của người nộp Nguyễn Văn Ấn`, details: ['Tệp đính kèm: tờ-khai.pdf'] })) },
      {
        type: 'table',
        columns: [{ header: 'STT', width: 1, align: 'center' }, { header: 'Mã hồ sơ', width: 4, noWrap: true }, { header: 'Họ và tên', width: 4 }],
        rows: Array.from({ length: 120 }, (_, k) => [String(k + 1), `000.DEMO.TL.H55-261207-${String(k + 1).padStart(4, '0')}`, `Trần Thị Ước ${k + 1}`]),
        empty: '',
      },
      { type: 'signatures', signers: [null, { title: ['NGƯỜI LẬP SỔ'], note: '(Ký, ghi rõ họ tên)', name: 'Nguyễn Thị Lan' }] },
    ],
    fileName: 'x.pdf',
    generatedAt: vn('2026-12-09T10:00'),
  };
  const pdf = await renderPdf(model);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  if (skipWithoutPoppler(tc)) return;
  const info = pdfInfo(pdf);
  assert.ok(info.pages >= 4, `${info.pages} pages`);
  const text = flat(pdfText(pdf));
  for (let k = 1; k <= 120; k++) assert.ok(text.includes(`000.DEMO.TL.H55-261207-${String(k).padStart(4, '0')} Trần Thị Ước ${k} `), `row ${k}`);
  assert.ok(text.includes('Nguyễn Văn Ấn') && text.includes('Trần Thị Ước'), 'diacritics survive');
  for (let page = 2; page <= info.pages; page++) {
    const p = flat(pdfText(pdf, { first: page, last: page }));
    assert.match(p, new RegExp(`^ ?${page} `), `page number on page ${page}`);
    if (page > 2 && page < info.pages) assert.ok(p.includes('STT Mã hồ sơ Họ và tên'), `table header on page ${page}`);
  }
});
