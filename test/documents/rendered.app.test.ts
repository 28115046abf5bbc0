// The PDFs as a person sees them: a page is rendered to pixels by pdftoppm and read back by Tesseract's Vietnamese
// model. pdftotext only proves the text layer; this proves the embedded fonts draw every diacritic (a missing
// glyph would render as a box or a bare letter and the words below would not be read back).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { OCR, POPPLER, getPdf, ocrPage } from './pdf-helpers.ts';

const t = await testApp();
const skip = POPPLER && OCR ? false : 'pdftoppm or Tesseract with Vietnamese (tesseract-ocr-vie) not installed: rendered-PDF check skipped';

/** Spaces folded, so that a line broken differently by the OCR still matches. */
const fold = (s: string) => s.replace(/\s+/g, ' ');

test('the receipt renders with its Vietnamese diacritics (pdftoppm + OCR)', { skip }, async () => {
  t.setNow('2026-11-25T09:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', {
    as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant({ name: 'Nguyễn Thị Hường', address: 'Xóm Quyết Tiến, xã Xuân Dương' }) },
  });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const pdf = await getPdf(t, `/api/v1/dossiers/${d.body.id}/documents/receipt`, 'motcua');
  assert.equal(pdf.status, 200);
  const seen = fold(ocrPage(pdf.body));
  for (const line of [
    'ỦY BAN NHÂN DÂN XÃ XUÂN DƯƠNG',
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
    `Mã hồ sơ: ${d.body.code}`,
    'Ông/Bà: Nguyễn Thị Hường',
    'Địa chỉ: Xóm Quyết Tiến, xã Xuân Dương',
    'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
    'Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 25 tháng 11 năm 2026.',
  ]) assert.ok(seen.includes(line), `the rendered page shows "${line}"\n--- read back:\n${seen}`);
  t.setNow(null);
});
