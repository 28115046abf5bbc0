// The filled tờ khai as a PDF (GET /api/v1/dossiers/:id/documents/to-khai): the e-form's title and sections with
// the answers in force, read back with pdftotext (Vietnamese diacritics intact); a correction shows; other people's
// ID numbers only for roles that may see them (and the showing is logged); scoped like the other documents; 409 for
// a dossier without a declaration.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { assertPdf, flat, getPdf, pdfText, skipWithoutPoppler } from './pdf-helpers.ts';
import { birthAnswers, fileBirth } from '../dossiers/birth-declaration.ts';

const t = await testApp();
const ANSWERS = birthAnswers();
t.setNow('2026-12-07T09:00:00+07:00');
const { id, reference } = await fileBirth(t);
const url = `/api/v1/dossiers/${id}/documents/to-khai`;

test('the tờ khai reads as the citizen filled it, with diacritics, the pledge and the requester’s signature block', async (tc) => {
  const r = await getPdf(t, url, 'motcua');
  assertPdf(r, `to-khai-${reference}`);
  if (skipWithoutPoppler(tc)) return;
  const text = flat(pdfText(r.body));
  for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TỜ KHAI ĐĂNG KÝ KHAI SINH', 'Kính gửi: Ủy ban nhân dân xã Xuân Dương',
    'Thông tin của trẻ', 'Họ, chữ đệm, tên của trẻ: Nguyễn Minh Khang', 'Ngày, tháng, năm sinh của trẻ: 20/11/2026',
    'Thông tin của người mẹ', 'Lê Thị Hồng', '001088012345', 'NGƯỜI YÊU CẦU', 'Tôi cam đoan nội dung khai trên đây là đúng sự thật']) {
    assert.ok(text.includes(s), `${s} in: ${text.slice(0, 600)}`);
  }
  const logged = await t.db.selectFrom('access_log').select('detail').where('dossier_id', '=', id).where('action', '=', 'view_declaration').execute();
  assert.ok(logged.some((l) => (l.detail as { document?: string }).document === 'to-khai'), 'showing the ID numbers is logged');
});

test('after a correction, the PDF shows the corrected answer and who corrected it', async (tc) => {
  t.setNow('2026-12-07T10:00:00+07:00');
  const c = await call(t, 'PUT', `/api/v1/dossiers/${id}/declaration`, { as: 'motcua', body: { answers: { TO_KHAI: { ...ANSWERS.TO_KHAI, childFullName: 'Nguyễn Minh Khôi' } }, reason: 'Khai nhầm tên' } });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  const r = await getPdf(t, url, 'motcua');
  assertPdf(r, 'to-khai');
  if (skipWithoutPoppler(tc)) return;
  const text = flat(pdfText(r.body));
  assert.ok(text.includes('Họ, chữ đệm, tên của trẻ: Nguyễn Minh Khôi'), text.slice(0, 800));
  assert.match(text, /Nội dung đã được cán bộ .+ sửa lúc 10 giờ 00 phút, ngày 07\/12\/2026 \(lý do: Khai nhầm tên\)/);
});

test('staff who do not handle dossiers get the tờ khai without other people’s ID numbers', async (tc) => {
  const r = await getPdf(t, url, 'admin');
  assertPdf(r, 'to-khai');
  if (skipWithoutPoppler(tc)) return;
  const text = flat(pdfText(r.body));
  assert.ok(!text.includes('001088012345'), 'the father’s number is hidden');
  assert.ok(text.includes('Không hiển thị'), text.slice(0, 400));
});

test('scoped like the other documents; 409 without a declaration', async () => {
  assert.equal((await getPdf(t, url)).status, 401);
  assert.equal((await getPdf(t, url, 'tl.motcua')).status, 404);
  assert.equal((await getPdf(t, url, 'hotich')).status, 404, 'a specialist before it reaches their unit');
  const counter = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  const none = await getPdf(t, `/api/v1/dossiers/${counter.body.id}/documents/to-khai`, 'motcua');
  assert.deepEqual([none.status, none.json.code], [409, 'DOCUMENT_NOT_AVAILABLE']);
  assert.match(none.json.title, /không có tờ khai điện tử/);
});
