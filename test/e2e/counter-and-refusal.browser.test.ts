// The counter in a real browser: an officer files a dossier for a citizen who came in person (scans attached per
// component, the receipt printed as a PDF), and the citizen follows it on a phone with the code on the receipt.
// Then the refusal paths: a counter dossier refused at the desk, and an online submission refused with a reason
// the citizen reads on the status page. Every page: axe, reflow, screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { PDF, act, clock, officer, openStatus, phone, staffId, submitBirthRegistration } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site({ standIns: ['identity'] }); // the citizen files online with e-identity
const tick = skip ? () => {} : clock(s!, '2026-12-08T07:45:00+07:00');

/** The error summary's text, to say why a form was not accepted. */
const errorSummary = async (page: import('playwright-core').Page) => (await page.locator('.error-summary').count() ? await page.textContent('.error-summary') ?? '' : 'no error summary');

/** Searches the intake screen's procedure list without diacritics and picks the procedure whose name starts so. */
async function chooseProcedure(page: import('playwright-core').Page, q: string, name: string) {
  await page.goto('/can-bo/tiep-nhan');
  await page.fill('#q', q);
  await page.click('form[role=search] button');
  const value = await page.locator('#procedureCode option', { hasText: `${name} (` }).first().getAttribute('value');
  assert.ok(value, `${name} is offered for "${q}"`);
  await page.selectOption('#procedureCode', value);
}

test('counter intake: filed for the citizen, scans attached, receipt printed, followed on a phone', { skip, timeout: 480_000 }, async () => {
  tick(15);
  const desk = await officer(s!, 'motcua');
  await desk.goto('/can-bo/tiep-nhan');
  await checkPage(desk, 'counter-intake');
  // A mistake first: no name. The error summary is shown and the choices are kept.
  await chooseProcedure(desk, 'ket hon', 'Đăng ký kết hôn');
  await desk.click('button:has-text("Tiếp nhận hồ sơ")');
  assert.ok(await desk.isVisible('.error-summary'), 'error summary');
  await checkPage(desk, 'counter-intake-error');
  assert.notEqual(await desk.inputValue('#procedureCode'), '', 'the chosen procedure is kept');
  await desk.fill('#name', 'Đinh Văn Khánh');
  await desk.fill('#idNumber', '001095007788');
  await desk.fill('#address', 'Xóm Na Hoàng, xã Xuân Dương');
  await desk.fill('#phone', '0977000111');
  // The page now shows the procedure's checklist: the officer ticks the components received.
  for (const box of await desk.locator('input[name=received]').all()) await box.check();
  await desk.click('button:has-text("Tiếp nhận hồ sơ")');
  assert.match(desk.url(), /\/can-bo\/ho-so\/[0-9a-f-]{36}\?ok=receive_counter/, await errorSummary(desk));
  await checkPage(desk, 'counter-received');
  const id = /\/can-bo\/ho-so\/([0-9a-f-]{36})/.exec(desk.url())![1]!;
  const code = /000\.DEMO\.XD\.[A-Z0-9]+-\d{6}-\d{4}/.exec((await desk.locator('main').textContent())!)?.[0];
  assert.ok(code, 'the dossier code is shown');

  // A scan for the first component.
  const upload = desk.locator('form[action*="/tep?"]').first();
  await upload.locator('input[type=file]').setInputFiles({ name: 'to-khai-ket-hon.pdf', mimeType: 'application/pdf', buffer: PDF });
  await upload.locator('button[type=submit]').click();
  assert.match(desk.url(), /ok=upload/);
  assert.ok(await desk.isVisible('text=to-khai-ket-hon.pdf'), 'the scan is listed');
  await checkPage(desk, 'counter-scanned');

  // The receipt, printed from the link on the page.
  const href = await desk.getByRole('link', { name: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả' }).first().getAttribute('href');
  const receipt = await desk.request.get(href!);
  assert.equal(receipt.status(), 200);
  assert.equal(receipt.headers()['content-type'], 'application/pdf');
  assert.equal((await receipt.body()).subarray(0, 5).toString(), '%PDF-');

  tick(5);
  const citizen = await phone(s!);
  await openStatus(citizen, code!, '7788', 'counter-citizen');
  assert.ok(await citizen.isVisible('text=Được tiếp nhận'));
  assert.ok(await citizen.isVisible(`text=${code}`));
  await act(desk, id, 'assign', { unitCode: 'VHXH', assigneeId: await staffId(s!, 'hotich') }, 'counter-assigned');
});

test('refusal: at the counter with a reason, and an online submission the citizen sees refused', { skip, timeout: 480_000 }, async () => {
  tick(60);
  const desk = await officer(s!, 'motcua');
  await chooseProcedure(desk, 'khai tu', 'Đăng ký khai tử');
  await desk.fill('#name', 'Hà Thị Nguyệt');
  await desk.fill('#idNumber', '001070003344');
  // Refusing needs a reason.
  await desk.click('button:has-text("Từ chối tiếp nhận")');
  assert.ok(await desk.isVisible('.error-summary'), 'a reason is required');
  await checkPage(desk, 'refusal-counter-error');
  await desk.fill('#reason', 'Người chết không cư trú tại xã Xuân Dương, không thuộc thẩm quyền');
  await desk.click('button:has-text("Từ chối tiếp nhận")');
  assert.match(desk.url(), /ok=refuse_receipt/);
  await checkPage(desk, 'refusal-counter-done');
  assert.ok(await desk.isVisible('text=Không được tiếp nhận'));
  const refusal = await desk.getByRole('link', { name: /Phiếu từ chối/ }).first().getAttribute('href');
  const pdf = await desk.request.get(refusal!);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');

  // Online: the citizen submits, the desk refuses it, the citizen reads why.
  tick(30);
  const citizen = await phone(s!);
  const { reference, id: online } = await submitBirthRegistration(s!, citizen, 'refusal-online');
  tick(20);
  await act(desk, online, 'refuse_receipt', { reason: 'Trẻ đã được đăng ký khai sinh tại xã khác' }, 'refusal-online-refused');
  await openStatus(citizen, reference, '4567', 'refusal-online-citizen');
  assert.ok(await citizen.isVisible('text=Không được tiếp nhận'));
  assert.ok(await citizen.isVisible('text=Lý do: Trẻ đã được đăng ký khai sinh tại xã khác'));
});
