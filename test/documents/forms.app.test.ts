// The official documents of a dossier as PDFs (domain.md §2.6 items 1–6): each one is produced from records made
// through the HTTP API, is a PDF with the national header block, the dossier code and the QR code, and reads back
// (pdftotext) with its Vietnamese text and diacritics intact; one page of each is rendered (pdftoppm).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call, multipart } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { assertPdf, assertRenders, flat, getPdf, imageCount, pdfInfo, pdfRawText, pdfText, skipWithoutPoppler } from './pdf-helpers.ts';

const t = await testApp();
const KHAI_SINH = '1.001193'; // same day, VHXH
const TTHN = '1.004873'; // 3 working days, VHXH

const at = (local: string) => t.setNow(`${local}+07:00`);
const act = async (id: string, type: string, as: string, body: object, when: string) => {
  at(when);
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
  assert.ok(r.status < 300, `${type}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
};
async function intake(when: string, procedureCode = KHAI_SINH, over: Record<string, unknown> = {}) {
  at(when);
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode, applicant: applicant(), ...over } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; code: string | null };
}
async function submitOnline(when: string) {
  at(when);
  const r = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Trần Thị Cúc' }) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}
const staffId = async (username: string) =>
  String((await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
const doc = (id: string, kind: string, as = 'motcua') => getPdf(t, `/api/v1/dossiers/${id}/documents/${kind}`, as);
/** The dossier's reference (mã tra cứu): its name in a file name until the code exists, never the id. */
const referenceOf = async (id: string) =>
  (await t.db.selectFrom('dossiers').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
/** Showings of the ID number by a printed document (the intake's own response is logged too, without `document`). */
const idReads = async (id: string) =>
  (await t.db.selectFrom('access_log').select(['actor', 'detail']).where('dossier_id', '=', id).where('action', '=', 'view_id_number').execute())
    .filter((r) => 'document' in (r.detail as object));

/** Every string is in the PDF's text (white space folded). */
function assertText(text: string, expected: string[]) {
  const f = flat(text);
  for (const s of expected) assert.ok(f.includes(s), `missing "${s}" in:\n${text}`);
}

const HEADER = ['ỦY BAN NHÂN DÂN XÃ XUÂN DƯƠNG', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];
const DESK = ['TRUNG TÂM PHỤC VỤ', 'HÀNH CHÍNH CÔNG'];

test('receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả): every recorded field, the QR code, and the ID-number read logged', async (tc) => {
  const d = await intake('2026-11-25T09:00', KHAI_SINH, { applicant: applicant({ email: 'an.nguyen@example.vn' }) });
  assert.equal(d.code, '000.DEMO.XD.H55-261125-0001');
  const file = multipart('to-khai-khai-sinh.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'), 'application/pdf');
  const up = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${d.id}/files?component=TO_KHAI`, payload: file.payload,
    headers: { cookie: await t.login('motcua'), 'content-type': file.contentType, 'idempotency-key': 'upload-receipt-1' },
  });
  assert.equal(up.statusCode, 201, up.body);

  const r = await doc(d.id, 'receipt');
  assertPdf(r, `giay-tiep-nhan-${d.code}`);
  const reads = await idReads(d.id);
  assert.equal(reads.length, 1, 'printing the ID number is logged');
  assert.deepEqual(reads[0]!.detail, { document: 'receipt' });
  if (skipWithoutPoppler(tc)) return;
  const text = pdfText(r.body);
  assertText(text, [
    ...HEADER, ...DESK,
    'Số: 261125-0001/GTN-TTPVHCC',
    'Xuân Dương, ngày 25 tháng 11 năm 2026',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    'Mã hồ sơ: 000.DEMO.XD.H55-261125-0001',
    'Trung tâm Phục vụ hành chính công xã Xuân Dương tiếp nhận hồ sơ của:',
    'Ông/Bà: Nguyễn Văn An',
    'Số định danh cá nhân/tổ chức: 001203004567',
    'Địa chỉ: Thôn Đồng Tâm, xã Xuân Dương',
    'Số điện thoại: 0912345678', 'Thư điện tử: an.nguyen@example.vn',
    'Nội dung yêu cầu giải quyết: Đăng ký khai sinh (mã thủ tục 1.001193)',
    '1. Thành phần hồ sơ nộp gồm:',
    '1. Tờ khai đăng ký khai sinh (bản chính, số lượng: 01)', 'Tệp đính kèm: to-khai-khai-sinh.pdf',
    '2. Giấy chứng sinh;',
    'xuất trình bản chính để đối chiếu',
    '2. Số lượng hồ sơ: 01 (bộ).',
    '3. Thời gian giải quyết hồ sơ theo quy định là: Trong ngày',
    '4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 25 tháng 11 năm 2026.',
    '5. Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 25 tháng 11 năm 2026.',
    '6. Đăng ký nhận kết quả tại: Trung tâm Phục vụ hành chính công xã Xuân Dương.',
    'Quyển số: HOTICH-2026, Số thứ tự: 261125-0001',
    'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', '(Ký, ghi rõ họ tên)', 'Nguyễn Thị Lan',
  ]);
  const info = pdfInfo(r.body);
  assert.equal(info.pages, 1);
  assert.ok(info.height > info.width, 'portrait A4');
  assert.equal(info.title, 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
  assert.equal(imageCount(r.body) ?? 1, 1, 'the QR code');
  assertRenders(r.body);
});

test('receipt printed by someone who may not see ID numbers: the number is withheld and nothing is logged', async (tc) => {
  const d = await intake('2026-11-25T10:00');
  const r = await doc(d.id, 'receipt', 'admin');
  assertPdf(r, d.code!);
  assert.equal((await idReads(d.id)).length, 0);
  if (skipWithoutPoppler(tc)) return;
  const text = pdfText(r.body);
  assert.ok(!text.includes('001203004567'));
  assertText(text, ['Số định danh cá nhân/tổ chức: (không hiển thị']);
});

test('receipt of a dossier without an ID number: the reason recorded in the ID row, and the lookup by the phone\'s last 4 digits', async (tc) => {
  const d = await intake('2026-11-30T09:00', KHAI_SINH, {
    applicant: applicant({ name: 'John Smith', idNumber: undefined, phone: '0987654321' }), idWaiver: { reason: 'foreigner', detail: 'Hộ chiếu số C7654321' },
  });
  const r = await doc(d.id, 'receipt');
  assertPdf(r, d.code!);
  assert.equal((await idReads(d.id)).length, 0, 'no ID number printed, none logged');
  if (skipWithoutPoppler(tc)) return;
  const text = pdfText(r.body);
  assertText(text, [
    'Ông/Bà: John Smith',
    'Số định danh cá nhân/tổ chức: Không có (Người nộp là người nước ngoài (giấy tờ tùy thân là hộ chiếu): Hộ chiếu số C7654321)',
    'Số điện thoại: 0987654321',
    'nhập mã hồ sơ và 4 số cuối số điện thoại đã khai khi nộp hồ sơ.',
  ]);
  assert.ok(!flat(text).includes('4 số cuối của giấy tờ tùy thân'));
  // Printed by someone who may not see ID numbers: the reason is no ID number, so it shows.
  assertText(pdfText((await doc(d.id, 'receipt', 'admin')).body), ['Số định danh cá nhân/tổ chức: Không có (Người nộp là người nước ngoài']);
});

test('supplement request (Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ) during processing: items, reason, contact', async (tc) => {
  const d = await intake('2026-11-26T08:00');
  await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-11-26T08:30');
  const items = ['Giấy chứng sinh bản chính', 'Bản sao Giấy chứng nhận kết hôn của cha, mẹ'];
  await act(d.id, 'request_supplement', 'hotich', { items, reason: 'Thiếu giấy chứng sinh do cơ sở y tế cấp' }, '2026-11-26T09:15');
  const r = await doc(d.id, 'supplement-request', 'hotich');
  assertPdf(r, `phieu-yeu-cau-bo-sung-${d.code}`);
  assert.equal((await idReads(d.id)).length, 0, 'this form does not print the ID number');
  if (skipWithoutPoppler(tc)) return;
  assertText(pdfText(r.body), [
    ...HEADER, ...DESK,
    'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
    `Số: ${d.code!.slice(-11)}/PBS-TTPVHCC`,
    'Xuân Dương, ngày 26 tháng 11 năm 2026',
    `Mã hồ sơ: ${d.code}`,
    'Hồ sơ của: Nguyễn Văn An',
    'Thời gian tiếp nhận hồ sơ: 08 giờ 00 phút, ngày 26 tháng 11 năm 2026',
    '1. Giấy chứng sinh bản chính', '2. Bản sao Giấy chứng nhận kết hôn của cha, mẹ',
    'Lý do: Thiếu giấy chứng sinh do cơ sở y tế cấp',
    'liên hệ với Trần Văn Minh, Công chức Tư pháp - Hộ tịch (Phòng Văn hóa - Xã hội xã Xuân Dương)',
    'NGƯỜI HƯỚNG DẪN',
  ]);
  assertRenders(r.body);
});

test('supplement request before receipt (online): no dossier code yet, so no QR code and a blank number', async (tc) => {
  const id = await submitOnline('2026-11-26T20:00');
  await act(id, 'request_supplement_before_receipt', 'motcua', { items: ['Tờ khai có chữ ký'], reason: 'Tờ khai chưa ký' }, '2026-11-27T08:00');
  const r = await doc(id, 'supplement-request');
  assertPdf(r, `phieu-yeu-cau-bo-sung-${await referenceOf(id)}.pdf`);
  if (skipWithoutPoppler(tc)) return;
  const text = pdfText(r.body);
  assertText(text, ['Số: ……/PBS-TTPVHCC', 'Hồ sơ của: Trần Thị Cúc', '1. Tờ khai có chữ ký', 'Lý do: Tờ khai chưa ký', 'Nguyễn Thị Lan']);
  assert.ok(!text.includes('Mã hồ sơ'));
  assert.equal(imageCount(r.body) ?? 0, 0, 'no QR code without a dossier code');
});

test('refusal (Phiếu từ chối tiếp nhận giải quyết hồ sơ) at the counter; the refused dossier has no receipt (409)', async (tc) => {
  const reason = 'Hồ sơ thuộc thẩm quyền của cơ quan đăng ký hộ tịch nơi cư trú của người mẹ';
  const d = await intake('2026-11-27T09:00', KHAI_SINH, { action: 'refuse_receipt', reason });
  assert.equal(d.code, null);
  const no = await doc(d.id, 'receipt');
  assert.equal(no.status, 409);
  assert.match(String(no.headers['content-type']), /^application\/problem\+json/);
  assert.equal(no.json.code, 'DOCUMENT_NOT_AVAILABLE');
  assert.equal(no.json.title, 'Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả.');
  assert.equal((await doc(d.id, 'control-sheet')).status, 409);

  const r = await doc(d.id, 'refusal');
  assertPdf(r, `phieu-tu-choi-${await referenceOf(d.id)}.pdf`);
  assert.equal((await idReads(d.id)).length, 1);
  if (skipWithoutPoppler(tc)) return;
  assertText(pdfText(r.body), [
    ...HEADER, ...DESK,
    'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
    'Số: ……/PTC-TTPVHCC',
    'Xuân Dương, ngày 27 tháng 11 năm 2026',
    'Ông/Bà: Nguyễn Văn An', 'Số định danh cá nhân/tổ chức: 001203004567',
    'Mã hồ sơ (nếu có): Không có',
    'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
    'Thời gian nộp hồ sơ: 09 giờ 00 phút, ngày 27 tháng 11 năm 2026',
    'không tiếp nhận giải quyết hồ sơ này với lý do cụ thể như sau:', reason,
    'NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN HỒ SƠ', 'Nguyễn Thị Lan',
  ]);
  assertRenders(r.body);
});

test('apology (BM.04, Phiếu xin lỗi và đề nghị gia hạn thời gian giải quyết): original time, reason, new date, signed by the unit head', async (tc) => {
  const d = await intake('2026-12-07T08:00', TTHN); // due Thu 10/12 08:00
  await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-07T08:30');
  const reason = 'Cần xác minh tình trạng hôn nhân tại nơi cư trú trước đây';
  await act(d.id, 'apologize_extend', 'truongvhxh', { reason, newDueAt: '2026-12-14T17:00:00+07:00' }, '2026-12-09T08:00');
  const r = await doc(d.id, 'apology', 'truongvhxh');
  assertPdf(r, `phieu-xin-loi-${d.code}`);
  assert.equal((await idReads(d.id)).length, 1);
  if (skipWithoutPoppler(tc)) return;
  assertText(pdfText(r.body), [
    ...HEADER,
    'PHÒNG VĂN HÓA - XÃ HỘI',
    `Số: ${d.code!.slice(-11)}/PXL-VHXH`,
    'Xuân Dương, ngày 09 tháng 12 năm 2026',
    'PHIẾU XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
    'Kính gửi: Ông/Bà Nguyễn Văn An',
    'Vào 08 giờ 00 phút, ngày 07 tháng 12 năm 2026, Trung tâm Phục vụ hành chính công xã Xuân Dương tiếp nhận hồ sơ',
    'Thủ tục hành chính: Cấp Giấy xác nhận tình trạng hôn nhân (mã thủ tục 1.004873)',
    `Mã số hồ sơ: ${d.code}`, 'Số định danh cá nhân/tổ chức: 001203004567',
    'Thời gian hẹn trả kết quả giải quyết hồ sơ: 08 giờ 00 phút, ngày 10 tháng 12 năm 2026.',
    `Lý do: ${reason}`,
    'xin lỗi ông/bà và hẹn lại thời gian trả kết quả giải quyết hồ sơ vào: 17 giờ 00 phút, ngày 14 tháng 12 năm 2026.',
    'Nơi nhận:', 'TRƯỞNG PHÒNG VĂN HÓA - XÃ HỘI', 'Lê Thị Hoa',
  ]);
  assertRenders(r.body);
});

test('stop notice (Thông báo dừng giải quyết hồ sơ): stop during processing, and a withdrawal before receipt', async (tc) => {
  const d = await intake('2026-12-01T08:00');
  await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-01T08:15');
  assert.equal((await doc(d.id, 'stop-notice')).json.code, 'DOCUMENT_NOT_AVAILABLE');
  const reason = 'Công dân có đơn đề nghị dừng giải quyết để bổ sung thông tin người cha';
  await act(d.id, 'stop_processing', 'motcua', { reason }, '2026-12-01T09:00');
  const r = await doc(d.id, 'stop-notice');
  assertPdf(r, `thong-bao-dung-${d.code}`);

  const w = await submitOnline('2026-12-01T19:00');
  await act(w, 'withdraw', 'motcua', {}, '2026-12-02T08:00');
  const wr = await doc(w, 'stop-notice');
  assertPdf(wr, `thong-bao-dung-${await referenceOf(w)}.pdf`);
  if (skipWithoutPoppler(tc)) return;
  assertText(pdfText(r.body), [
    ...HEADER, ...DESK,
    'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
    `Số: ${d.code!.slice(-11)}/TBD-TTPVHCC`,
    'Xuân Dương, ngày 01 tháng 12 năm 2026',
    'Kính gửi: Ông/Bà Nguyễn Văn An',
    `Mã hồ sơ: ${d.code}`,
    'Thời gian tiếp nhận hồ sơ: 08 giờ 00 phút, ngày 01 tháng 12 năm 2026',
    'Vào 09 giờ 00 phút, ngày 01 tháng 12 năm 2026, Trung tâm Phục vụ hành chính công xã Xuân Dương nhận được đề nghị dừng giải quyết hồ sơ',
    'Giai đoạn giải quyết tại thời điểm đề nghị: Đang xử lý, tại Phòng Văn hóa - Xã hội xã Xuân Dương',
    `Lý do: ${reason}`,
    'Về phí, lệ phí: không phát sinh phí, lệ phí phải xử lý.',
    'CÔNG CHỨC TIẾP NHẬN', 'Nguyễn Thị Lan',
  ]);
  assertText(pdfText(wr.body), [
    'Kính gửi: Ông/Bà Trần Thị Cúc',
    'Mã hồ sơ: Chưa cấp (hồ sơ chưa được tiếp nhận)',
    'Thời gian nộp hồ sơ: 19 giờ 00 phút, ngày 01 tháng 12 năm 2026',
    'nhận được đề nghị rút hồ sơ nêu trên của ông/bà.',
    'Giai đoạn giải quyết tại thời điểm đề nghị: Mới đăng ký',
    'Lý do: Theo đề nghị của người nộp hồ sơ.',
  ]);
  assertRenders(r.body);
});

test('control sheet (Phiếu kiểm soát quá trình giải quyết hồ sơ): one row per hand-over, then the return to the citizen', async (tc) => {
  const d = await intake('2026-12-03T08:00');
  await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-03T08:30');
  await act(d.id, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện', proposalOutcome: 'approve' }, '2026-12-03T10:00');
  await act(d.id, 'submit_for_signature', 'hotich', { signerId: String((await t.db.selectFrom('staff').select('id').where('username', '=', 'chutich').executeTakeFirstOrThrow()).id) }, '2026-12-03T10:10');
  await act(d.id, 'approve', 'chutich', {}, '2026-12-03T10:15');
  await act(d.id, 'issue_result', 'hotich', {}, '2026-12-03T10:30');
  await act(d.id, 'return_result', 'motcua', { channel: 'counter' }, '2026-12-03T14:00');
  const history = await call(t, 'GET', `/api/v1/dossiers/${d.id}/history`, { as: 'motcua' });
  const handovers = (history.body.events as { handover: { result: string } | null }[]).filter((e) => e.handover);
  assert.equal(handovers.length, 2);

  const r = await doc(d.id, 'control-sheet', 'hotich');
  assertPdf(r, `phieu-kiem-soat-${d.code}`);
  if (skipWithoutPoppler(tc)) return;
  const text = pdfText(r.body);
  assertText(text, [
    ...HEADER, ...DESK,
    'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
    `Số: ${d.code!.slice(-11)}/PKS-TTPVHCC`,
    `Mã số hồ sơ: ${d.code}`,
    'Cơ quan giải quyết hồ sơ: Phòng Văn hóa - Xã hội xã Xuân Dương',
    'Cơ quan phối hợp giải quyết: Không',
    'Thời gian nhận hồ sơ: 08 giờ 00 phút, ngày 03 tháng 12 năm 2026',
    'Thời gian hẹn trả kết quả: 17 giờ 00 phút, ngày 03 tháng 12 năm 2026',
  ]);
  // The table's cells, whole in drawing order (the columns wrap them in the layout text).
  assertText(pdfRawText(r.body), [
    'Tên cơ quan, đơn vị giao, nhận hồ sơ', 'Ghi chú',
    '1. Giao: Trung tâm Phục vụ hành chính công 2. Nhận: Phòng Văn hóa - Xã hội',
    '1. Giao: Phòng Văn hóa - Xã hội 2. Nhận: Trung tâm Phục vụ hành chính công',
    '2. Nhận: Tổ chức, cá nhân',
    '08 giờ 30 phút, ngày 03/12/2026', '14 giờ 00 phút, ngày 03/12/2026',
  ]);
  assert.equal(text.match(/1\. Giao:/g)?.length, 3, 'two hand-overs and the return');
  const labels = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' } as Record<string, string>;
  for (const h of handovers) assert.ok(text.includes(labels[h.handover!.result]!), h.handover!.result);
  assertRenders(r.body);
});

test('a document about a chosen log entry (?seq=): the matching event, or 409 for an entry of another kind', async () => {
  const d = await intake('2026-12-04T08:00');
  await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH' }, '2026-12-04T08:30');
  assertPdf(await getPdf(t, `/api/v1/dossiers/${d.id}/documents/receipt?seq=1`, 'motcua'), d.code!);
  const wrong = await getPdf(t, `/api/v1/dossiers/${d.id}/documents/receipt?seq=2`, 'motcua');
  assert.equal(wrong.status, 409);
  assert.equal(wrong.json.code, 'DOCUMENT_NOT_AVAILABLE');
});
