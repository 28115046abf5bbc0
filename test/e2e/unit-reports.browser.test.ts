// A unit's quarterly CCHC report end to end in a real browser: the coordinator (truongvhxh) opens a call, the head of
// Phòng Kinh tế (truongkt) writes and submits the report with an evidence file, the coordinator returns it with
// reasons, the unit corrects and resubmits, the coordinator accepts it and downloads the consolidated PDF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { PDF, clock, officer } from './steps.ts';
import { POPPLER, flat, pdfText } from '../documents/pdf-helpers.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('coordinator opens a call, a unit submits with evidence, it is returned, resubmitted, accepted and consolidated', { skip, timeout: 240_000 }, async () => {
  const tick = clock(s!, '2026-12-07T09:00:00+07:00');
  const coord = await officer(s!, 'truongvhxh');
  await coord.goto('/can-bo/cchc/bao-cao');
  await checkPage(coord, 'unit-reports-coordinator-list');
  await coord.selectOption('#call-kind', 'quarterly');
  await coord.fill('#call-year', '2026');
  await coord.selectOption('#call-quarter', '4');
  await coord.fill('#call-due', '2026-12-31');
  await coord.fill('#call-instructions', 'Báo cáo kết quả CCHC quý IV theo sáu lĩnh vực, kèm minh chứng.');
  await coord.click('#form-call button[type=submit]');
  assert.match(coord.url(), /\/can-bo\/cchc\/bao-cao\/ky\//);
  const callUrl = new URL(coord.url()).pathname;
  assert.match(await coord.textContent('main') ?? '', /Báo cáo CCHC quý IV\/2026/);
  await checkPage(coord, 'unit-reports-call');

  tick(60);
  const unit = await officer(s!, 'truongkt');
  await unit.goto('/can-bo/cchc/bao-cao');
  await checkPage(unit, 'unit-reports-unit-list');
  assert.equal(await unit.locator('main table tbody tr').count(), 1, 'a unit sees only its own report');
  await unit.click('main a:has-text("Báo cáo CCHC quý IV/2026")');
  await checkPage(unit, 'unit-report-form');
  await unit.fill('#area_public_finance', 'Thực hiện dự toán ngân sách quý IV đúng quy định.');
  await unit.fill('#difficulties', 'Thiếu cán bộ kế toán.');
  await unit.click('#form-content button[value=save]');
  assert.match(await unit.textContent('main') ?? '', /Đã lưu nháp/);
  await unit.setInputFiles('#evidence-file', { name: 'bien-ban-kiem-tra.pdf', mimeType: 'application/pdf', buffer: PDF });
  await unit.click('#form-file button[type=submit]');
  assert.match(await unit.textContent('main') ?? '', /bien-ban-kiem-tra\.pdf/);
  await unit.click('#form-content button[value=submit]');
  assert.match(await unit.textContent('main') ?? '', /Đã nộp báo cáo/);
  const reportUrl = new URL(unit.url()).pathname;
  await checkPage(unit, 'unit-report-submitted');

  tick(60);
  await coord.goto(callUrl);
  await coord.click('main a:has-text("Xem báo cáo của Phòng Kinh tế")');
  await checkPage(coord, 'unit-report-review');
  await coord.fill('#return-reasons', 'Bổ sung số liệu giải ngân vốn đầu tư công.');
  await coord.click('#form-return button[type=submit]');
  assert.match(await coord.textContent('main') ?? '', /Đã trả lại báo cáo để đơn vị sửa/);

  tick(60);
  await unit.goto(reportUrl);
  assert.match(await unit.textContent('main') ?? '', /Lý do trả lại: Bổ sung số liệu giải ngân/);
  await checkPage(unit, 'unit-report-returned');
  await unit.fill('#area_public_finance', 'Thực hiện dự toán ngân sách quý IV đúng quy định; giải ngân đạt 92% kế hoạch vốn.');
  await unit.click('#form-content button[value=submit]');
  assert.match(await unit.textContent('main') ?? '', /Đã nộp lại/);

  tick(60);
  await coord.goto(reportUrl);
  await coord.click('#form-accept button[type=submit]');
  assert.match(await coord.textContent('main') ?? '', /Đã chấp nhận báo cáo/);
  await checkPage(coord, 'unit-report-accepted');
  await coord.goto(callUrl);
  const href = await coord.getAttribute('main a:has-text("Tải báo cáo tổng hợp (PDF)")', 'href');
  const pdf = await coord.request.get(href!);
  assert.equal(pdf.status(), 200);
  const body = await pdf.body();
  assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
  if (POPPLER) {
    const text = flat(pdfText(body));
    assert.ok(text.includes('Kết quả thực hiện công tác cải cách hành chính quý IV/2026'), text.slice(0, 400));
    assert.ok(text.includes('giải ngân đạt 92% kế hoạch vốn'));
  }
  s!.t.setNow(null);
});
