// The audit of the one-stop forms (issue 12, "Missing: Forms") without a database: the phone BM.02 gives for
// guidance (the officer's, else their unit's or the desk's, else the commune's; a dotted blank when none is known),
// printed and read back; and BM.01's block for a dossier filed for someone else (nộp thay), read back in order from
// the rendered PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedProcedures } from '../../src/catalogue/seed/index.ts';
import { BLANK } from '../../src/documents/core/format.ts';
import { receipt, supplementRequest } from '../../src/documents/forms-intake.ts';
import { contactPhone, type DossierFacts, type EventFacts, type OrgFacts, type Person } from '../../src/documents/core/model.ts';
import type { FiledDossierFacts } from '../../src/documents/core/identity.ts';
import { AUTHORISATION_CODE } from '../../src/identity/citizens/core/filing.ts';
import { renderPdf } from '../../src/documents/pdf.ts';
import { flat, pdfText, skipWithoutPoppler } from './pdf-helpers.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const units = new Map([['TTPVHCC', 'Trung tâm Phục vụ hành chính công'], ['VHXH', 'Phòng Văn hóa - Xã hội']]);
const lan = { name: 'Nguyễn Thị Lan', title: 'Công chức tiếp nhận' };
const minh = { name: 'Trần Văn Minh', title: 'Công chức Tư pháp - Hộ tịch' };
const org: OrgFacts = { communeName: 'Xã Tân Lập (dữ liệu mẫu)', units, staff: new Map([['1', lan], ['2', minh]]) };
const ev = (seq: number, action: string, at: string, over: Partial<EventFacts> = {}): EventFacts => ({
  seq, action, fromState: seq === 1 ? null : 4, toState: 4, at: vn(at), actorId: '1', actorRole: 'receiving_officer',
  actorUnit: 'TTPVHCC', payload: {}, changes: {}, handover: null, ...over,
});
function facts(events: EventFacts[], over: Partial<FiledDossierFacts> = {}): FiledDossierFacts {
  const procedure = { ...seedProcedures.find((p) => p.code === '1.001193')!, version: 1 };
  return {
    id: '7d3c2a10-0000-4000-8000-000000000002', code: '000.DEMO.TL.H55-261207-0004', state: 4, channel: 'online',
    applicant: { name: 'Phạm Văn Cường', idNumber: '001085009876', idHidden: false, address: 'Thôn Đông, xã Tân Lập', phone: null, email: null },
    procedure, competentAuthority: 'Ủy ban nhân dân cấp xã', receivingUnitCode: 'TTPVHCC', currentUnitCode: 'VHXH',
    receivedAt: vn('2026-12-07T08:00'), dueAt: vn('2026-12-07T17:00'), originalDueAt: vn('2026-12-07T17:00'),
    returnedAt: null, returnChannel: null, events, files: [], org, ...over,
  };
}
const ctx = { publicUrl: 'https://dichvucong.example.vn/', now: vn('2026-12-07T10:00') };

test('the guidance phone: the officer\'s own, else their unit\'s, else the desk\'s, else the commune\'s; none known is null', () => {
  const withPhones = (o: Partial<OrgFacts>, staffPhone?: string): OrgFacts => ({
    ...org, staff: new Map<string, Person>([['1', lan], ['2', { ...minh, phone: staffPhone }]]), ...o,
  });
  const call = (o: OrgFacts) => contactPhone(o, '2', ['VHXH', 'TTPVHCC']);
  assert.equal(call(org), null, 'no phone in the organisation data');
  assert.equal(call(withPhones({ communePhone: '0237 3 123 456' })), '0237 3 123 456');
  assert.equal(call(withPhones({ communePhone: '0237 3 123 456', unitPhones: new Map([['TTPVHCC', '0237 3 111 111']]) })), '0237 3 111 111');
  assert.equal(call(withPhones({ unitPhones: new Map([['TTPVHCC', '0237 3 111 111'], ['VHXH', '0237 3 222 222']]) })), '0237 3 222 222');
  assert.equal(call(withPhones({ communePhone: '0237 3 123 456' }, '0912 000 111')), '0912 000 111');
  assert.equal(call(withPhones({ communePhone: '  ' }, '')), null, 'blank values are no phone');
  assert.equal(contactPhone(withPhones({}, '0912 000 111'), '9', []), null, 'an actor not in the staff list');
});

const supplement = (o: OrgFacts) => facts([
  ev(1, 'receive_online', '2026-12-07T08:00'),
  ev(2, 'request_supplement', '2026-12-07T09:00', {
    actorId: '2', actorRole: 'specialist', actorUnit: 'VHXH', payload: { items: ['Giấy chứng sinh'], reason: 'Thiếu giấy chứng sinh' },
  }),
], { org: o });

test('BM.02 prints the phone when one is known, and the dotted blank when none is (read back from the PDF)', async (tc) => {
  const known = supplementRequest(supplement({ ...org, communePhone: '0237 3 123 456' }), ctx)!;
  const unknown = supplementRequest(supplement(org), ctx)!;
  const lines = [known, unknown].map((m) => JSON.stringify(m.blocks));
  assert.ok(lines[0]!.includes('0237 3 123 456'));
  assert.ok(!lines[1]!.includes('0237'));
  if (skipWithoutPoppler(tc)) return;
  const head = 'nếu có vướng mắc, ông/bà liên hệ với Trần Văn Minh, Công chức Tư pháp - Hộ tịch (Phòng Văn hóa - Xã hội xã Tân Lập), số điện thoại:';
  const [withPhone, withoutPhone] = await Promise.all([known, unknown].map(async (m) => flat(pdfText(await renderPdf(m)))));
  assert.ok(withPhone!.includes(`${head} 0237 3 123 456 để được hướng dẫn.`), withPhone);
  assert.ok(withoutPhone!.includes(`${head} ${BLANK} để được hướng dẫn.`), withoutPhone);
});

test('BM.01 of a dossier filed for someone else: received from the authorised person, then the authoriser\'s block and the paper', async (tc) => {
  const d: DossierFacts = facts([ev(1, 'receive_online', '2026-12-07T08:00', { changes: { dueAt: '2026-12-07T10:00:00.000Z' } })], {
    files: [{ componentCode: AUTHORISATION_CODE, fileName: 'van_ban_uy_quyen.pdf' }],
  });
  const filed: FiledDossierFacts = { ...d, hasIdNumber: true, idWaiver: null, authorised: { name: 'Lê Thị Hồng', idNumber: '001190004567' } };
  const model = receipt(filed, ctx)!;
  if (skipWithoutPoppler(tc)) return;
  const text = flat(pdfText(await renderPdf(model)));
  const order = [
    'Trung tâm Phục vụ hành chính công xã Tân Lập tiếp nhận hồ sơ của:',
    'Ông/Bà: Lê Thị Hồng', 'Số định danh cá nhân/tổ chức: 001190004567',
    'Là người được ủy quyền nộp hồ sơ, đã xác thực bằng tài khoản định danh điện tử.',
    'Trường hợp được ủy quyền, thông tin người ủy quyền:',
    'Ông/Bà: Phạm Văn Cường', 'Số định danh cá nhân/tổ chức: 001085009876', 'Địa chỉ: Thôn Đông, xã Tân Lập',
    'Văn bản ủy quyền: Tệp đính kèm: van_ban_uy_quyen.pdf',
    'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
  ];
  order.reduce((from, s) => {
    const k = text.indexOf(s, from);
    assert.ok(k >= from, `"${s}" in order on the receipt:\n${text}`);
    return k + s.length;
  }, 0);
  assert.ok(text.includes('nhập mã hồ sơ và 4 số cuối số định danh cá nhân của người ủy quyền.'), text);
  // Without the authorisation, the applicant alone: no authorised-person lines.
  const own = flat(pdfText(await renderPdf(receipt({ ...d, hasIdNumber: true, idWaiver: null, authorised: null }, ctx)!)));
  assert.ok(own.includes('Ông/Bà: Phạm Văn Cường') && !own.includes('người được ủy quyền') && !own.includes('Lê Thị Hồng'), own);
});
