// The audit of the one-stop forms against TT 03/2025/TT-VPCP Phụ lục I (issue 12, "Missing: Forms"), read back from
// the PDFs: BM.02 tells whom to call and at which phone (the officer's work phone, else their unit's, else the
// one-stop desk's, else the commune's, as the administrator entered them; a dotted blank when none is known, never an
// invented number); BM.05 has the giver's and receiver's signature columns under "Thời gian giao, nhận hồ
// sơ", one row per hand-over with the names the log holds, and a footnote that claims no digital signature the
// sheet does not have, naming the signed result only when the dossier has one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { formatCode } from '../../src/signatures/core/code.ts';
import { BLANK } from '../../src/documents/core/format.ts';
import { assertPdf, flat, getPdf, pdfRawText, pdfText, skipWithoutPoppler } from './pdf-helpers.ts';

const t = await testApp();
const KHAI_SINH = '1.001193'; // same day, VHXH

const at = (local: string) => t.setNow(`${local}+07:00`);
const act = async (id: string, type: string, as: string, body: object, when: string) => {
  at(when);
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
  assert.ok(r.status < 300, `${type}: ${r.status} ${JSON.stringify(r.body)}`);
};
async function intake(when: string) {
  at(when);
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body as { id: string; code: string };
}
const staffId = async (username: string) =>
  String((await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
const doc = (id: string, kind: string, as = 'motcua') => getPdf(t, `/api/v1/dossiers/${id}/documents/${kind}`, as);
/** The hand-over results the log recorded, in order, as the form prints them. */
async function results(id: string): Promise<string[]> {
  const history = await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' });
  const labels: Record<string, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' };
  return (history.body.events as { handover: { result: string } | null }[]).filter((e) => e.handover).map((e) => labels[e.handover!.result]!);
}

const COLUMNS = [
  'Tên cơ quan, đơn vị giao, nhận hồ sơ', 'Thời gian giao, nhận hồ sơ', 'Thời điểm',
  'Người giao (ký, ghi rõ họ tên)', 'Người nhận (ký, ghi rõ họ tên)',
  'Kết quả giải quyết hồ sơ (Trước hạn/ Đúng hạn/ Quá hạn)', 'Ghi chú',
];
const RECORDED = 'Việc giao, nhận được ghi nhận điện tử trong nhật ký hồ sơ trên hệ thống, bằng tài khoản của người giao có tên '
  + 'trên phiếu; người nhận là cán bộ được giao giải quyết trên hệ thống (nếu có) hoặc tổ chức, cá nhân nhận kết quả.';
const NOT_SIGNED = 'Phiếu không có chữ ký số; khi giao, nhận hồ sơ giấy, hai bên ký, ghi rõ họ tên vào cột tương ứng.';

test('BM.02: the contact line names the officer and the phone to call: theirs, else the desk\'s, else the commune\'s, else a dotted blank', async (tc) => {
  const d = await intake('2026-12-08T08:00');
  await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-08T08:30');
  await act(d.id, 'request_supplement', 'hotich', { items: ['Giấy chứng sinh bản chính'], reason: 'Thiếu giấy chứng sinh' }, '2026-12-08T09:00');
  const contact = 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ với Trần Văn Minh, Công chức Tư pháp - Hộ tịch '
    + '(Phòng Văn hóa - Xã hội xã Xuân Dương), số điện thoại: ';
  /** The BM.02 of the dossier as it is printed now (the phones are read when the form is generated). */
  const printed = async () => {
    const r = await doc(d.id, 'supplement-request', 'hotich');
    assertPdf(r, `phieu-yeu-cau-bo-sung-${d.code}`);
    return flat(pdfText(r.body));
  };
  const expectPhone = (text: string, phone: string) => {
    const line = `${contact}${phone} để được hướng dẫn.`;
    assert.ok(text.includes(line), `missing "${line}" in:\n${text}`);
  };
  const setPhone = async (url: string, phone: string | null) => {
    const r = await call(t, 'PUT', url, { as: 'admin', body: { phone } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  };
  if (skipWithoutPoppler(tc)) return;

  // The demo officer has a work phone: it is printed.
  expectPhone(await printed(), '0912581203');
  // Without it, their unit (none in the demo), then the one-stop desk's landline.
  await setPhone(`/api/v1/staff/${await staffId('hotich')}/phone`, null);
  expectPhone(await printed(), '02083855101');
  // Without the desk's, the People's Committee's.
  const desk = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', 'TTPVHCC').executeTakeFirstOrThrow();
  await setPhone(`/api/v1/units/${desk.id}/phone`, '');
  expectPhone(await printed(), '02083855100');
  // The officer's unit, once it has one, comes before the desk and the commune.
  const vhxh = await t.db.selectFrom('units').select('id').where('commune_id', '=', 'xuan-duong').where('code', '=', 'VHXH').executeTakeFirstOrThrow();
  await setPhone(`/api/v1/units/${vhxh.id}/phone`, '0208 3855 120');
  expectPhone(await printed(), '02083855120');
  // No phone known at all: the dotted blank to fill in by hand, no number made up.
  await setPhone(`/api/v1/units/${vhxh.id}/phone`, null);
  await setPhone('/api/v1/organisation/phone', null);
  const text = await printed();
  expectPhone(text, BLANK);
  // The only phone on the form is then the applicant's own, in the applicant's block.
  assert.deepEqual(text.match(/0\d{9,10}/g), ['0912345678']);
});

test('BM.05: giver and receiver columns under the hand-over time, a row per hand-over with the names, and a footnote naming the signed result', async (tc) => {
  const d = await intake('2026-12-09T08:00');
  await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, '2026-12-09T08:30');
  await act(d.id, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện', proposalOutcome: 'approve' }, '2026-12-09T10:00');
  await act(d.id, 'submit_for_signature', 'hotich', { signerId: await staffId('chutich') }, '2026-12-09T10:10');
  await act(d.id, 'approve', 'chutich', {}, '2026-12-09T10:15');
  await act(d.id, 'issue_result', 'hotich', {}, '2026-12-09T10:30');
  await act(d.id, 'return_result', 'motcua', { channel: 'counter' }, '2026-12-09T14:00');
  const signed = await t.db.selectFrom('signed_documents').select('code').where('dossier_id', '=', d.id).execute();
  assert.equal(signed.length, 1, 'the approval signed the result');
  const [assigned, issued] = await results(d.id);

  const r = await doc(d.id, 'control-sheet', 'hotich');
  assertPdf(r, `phieu-kiem-soat-${d.code}`);
  if (skipWithoutPoppler(tc)) return;
  const raw = flat(pdfRawText(r.body));
  const rows = [
    // Assigned by the desk officer to the civil-status officer: both named, under room to sign.
    '1. Giao: Trung tâm Phục vụ hành chính công 2. Nhận: Phòng Văn hóa - Xã hội 08 giờ 30 phút, ngày 09/12/2026 '
      + `Nguyễn Thị Lan Trần Văn Minh ${assigned} Chuyển hồ sơ`,
    // Sent back to the desk, assigned to no one: the receiver's cell is left to fill in by hand.
    '1. Giao: Phòng Văn hóa - Xã hội 2. Nhận: Trung tâm Phục vụ hành chính công 10 giờ 30 phút, ngày 09/12/2026 '
      + `Trần Văn Minh ${issued} Ban hành kết quả`,
    // The result handed to the citizen, who signs as the receiver.
    '1. Giao: Trung tâm Phục vụ hành chính công 2. Nhận: Tổ chức, cá nhân 14 giờ 00 phút, ngày 09/12/2026 '
      + 'Nguyễn Thị Lan Nguyễn Văn An Đúng hạn Trả kết quả',
  ];
  // The header as drawn: the first column, the group cell, its three columns, then the last two.
  for (const s of [COLUMNS.join(' '), ...rows]) assert.ok(raw.includes(s), `missing "${s}" in:\n${raw}`);
  const text = flat(pdfText(r.body));
  for (const s of [RECORDED, NOT_SIGNED, `Kết quả giải quyết đã được ký số ngày 09/12/2026, mã xác thực ${formatCode(signed[0]!.code)}.`]) {
    assert.ok(text.includes(s), `missing "${s}" in:\n${text}`);
  }
  assert.ok(!text.includes('ký số trên hệ thống'), 'no claim that the hand-overs were signed digitally');
});

test('BM.05 of a dossier with no signed result: the footnote says how the hand-overs were recorded and claims no digital signature', async (tc) => {
  const d = await intake('2026-12-10T08:00');
  await act(d.id, 'assign', 'motcua', { unitCode: 'VHXH' }, '2026-12-10T08:30');
  const [assigned] = await results(d.id);
  const r = await doc(d.id, 'control-sheet');
  assertPdf(r, `phieu-kiem-soat-${d.code}`);
  if (skipWithoutPoppler(tc)) return;
  const raw = flat(pdfRawText(r.body));
  const row = '1. Giao: Trung tâm Phục vụ hành chính công 2. Nhận: Phòng Văn hóa - Xã hội 08 giờ 30 phút, ngày 10/12/2026 '
    + `Nguyễn Thị Lan ${assigned} Chuyển hồ sơ`;
  assert.ok(raw.includes(row), `missing "${row}" in:\n${raw}`);
  const text = flat(pdfText(r.body));
  assert.ok(text.includes(RECORDED) && text.includes(NOT_SIGNED), text);
  assert.ok(!text.includes('đã được ký số') && !text.includes('mã xác thực'), text);
});
