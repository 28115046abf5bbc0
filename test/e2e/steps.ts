// The steps the browser journeys are made of: a citizen's online submission and status lookup (360 px, JavaScript
// off), and an officer's login and actions on the dossier page (1280 px, JavaScript on). Every page passed
// through is checked by checkPage (axe, reflow at 360 px, screenshots).
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { REFERENCE_PATTERN } from '../../src/dossiers/core/reference.ts';
import { checkPage, type Site } from './browser.ts';

/** An internal id (a UUID), which a citizen must never read. */
export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A readable one-page PDF (uploads are measured at once: an unreadable file is refused). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n'
  + '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The server's clock, moved forward only (an action may not be dated before the last one). */
export function clock(s: Site, start: string) {
  let at = Date.parse(start);
  s.t.setNow(new Date(at).toISOString());
  return (minutes: number) => {
    at += minutes * 60_000;
    s.t.setNow(new Date(at).toISOString());
  };
}

/** A citizen's phone: 360 px, JavaScript off (the portal must work without it). */
export async function phone(s: Site): Promise<Page> {
  return (await s.context(360, { javaScript: false })).newPage();
}

export interface OnlineFiling {
  /** Typed in the home page's search box (without diacritics, as citizens often do). */
  query: string;
  /** The procedure's name as listed. */
  procedure: string;
  /** The applicant's e-mail (the name and ID number come from the e-identity). */
  applicant?: { email?: string };
  /** The stand-in's test citizen to log in as when the portal asks (default Lê Thị Hồng, 001190004567). */
  citizen?: RegExp;
  /** E-form answers by field name (its input's id), instead of the defaults typed into every required field. */
  answers?: Record<string, string>;
  /** Run on the applicant page before it is filled in (e.g. to try changing the identity). */
  onApplicant?: (page: Page) => Promise<void>;
}

/** On the stand-in identity provider's page: chooses a test citizen and logs in (back to where the portal asked). */
export async function loginOnStandIn(page: Page, citizen: RegExp = /Lê Thị Hồng/) {
  assert.ok(await page.isVisible('text=Nhà cung cấp định danh THỬ NGHIỆM – không phải VNeID'), 'the stand-in, clearly not VNeID');
  await page.getByLabel(citizen).check();
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** What an online submission gives: the reference the citizen reads on the confirmation page (HS-XXXX-XXXX), and
 *  the dossier's internal id (never shown to the citizen), looked up by that reference in the site's database. */
export interface Filed { reference: string; id: string }

/** Finds a procedure from the home page, files it online (logging in with the stand-in e-identity when the portal
 *  asks, the applicant's contact details, every e-form page, a PDF for every component offered an upload), and
 *  returns the reference shown on the confirmation page with the dossier's id. The site must run the identity
 *  stand-in (`site({ standIns: ['identity'] })`): filing online needs the e-identity login. */
export async function submitOnline(s: Site, page: Page, name: string, f: OnlineFiling): Promise<Filed> {
  await fillOnline(page, name, f);
  return sendFromCheck(s, page, name);
}

/** submitOnline up to the check page ("Kiểm tra"), not sent yet. */
export async function fillOnline(page: Page, name: string, f: OnlineFiling): Promise<void> {
  const shot = (n: string) => checkPage(page, `${name}-${n}`);
  await page.goto('/');
  await shot('home');
  await page.fill('#q', f.query);
  await page.click('form[role=search] button');
  await shot('search');
  await page.getByRole('link', { name: f.procedure, exact: true }).click();
  await shot('procedure');
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await shot('start');
  // Filing online needs the e-identity login, which comes back to the start page.
  const login = page.getByRole('button', { name: 'Đăng nhập bằng định danh điện tử để nộp hồ sơ' });
  if (await login.count()) {
    await login.click();
    await loginOnStandIn(page, f.citizen);
    await page.waitForURL(/\/nop-ho-so\/[0-9A-Z.]+$/);
    await shot('start-logged-in');
  }
  await page.click('button:has-text("Bắt đầu")');

  // The applicant: name and ID number shown from the identity, not fields. First a mistake: the error summary
  // must be accessible too.
  if (f.onApplicant) await f.onApplicant(page);
  assert.match(await page.textContent('main') ?? '', /Lấy từ tài khoản định danh điện tử/);
  assert.equal(await page.locator('#name, #idNumber').count(), 0, 'the identity is not editable');
  await page.fill('#phone', '');
  await page.click('button:has-text("Lưu và tiếp tục")');
  assert.ok(await page.isVisible('.error-summary'), 'error summary shown');
  await shot('applicant-error');
  await page.fill('#address', 'Thôn Đồng Tâm, xã Xuân Dương');
  await page.fill('#phone', '0912345678');
  if (f.applicant?.email) await page.fill('#email', f.applicant.email);
  await page.click('button:has-text("Lưu và tiếp tục")');

  // The e-form pages: fill whatever each asks.
  for (let i = 0; i < 10 && page.url().includes('/to-khai/'); i++) {
    await shot(`eform-${i + 1}`);
    const given = async (input: Locator) => f.answers?.[(await input.getAttribute('id')) ?? ''];
    for (const input of await page.locator('main input[type=text][required], main input[type=tel][required], main textarea[required]').all()) {
      const id = (await input.getAttribute('id')) ?? '';
      await input.fill(await given(input) ?? (/IdNumber/.test(id) ? '001226001234' : /Phone/.test(id) ? '0987654321' : 'Nguyễn Văn Bình'));
    }
    for (const input of await page.locator('main input[type=date][required]').all()) await input.fill(await given(input) ?? '2026-11-20');
    for (const select of await page.locator('main select[required]').all()) {
      const value = await given(select);
      await (value ? select.selectOption(value) : select.selectOption({ index: 1 }));
    }
    for (const group of await page.locator('main fieldset').all()) {
      const first = group.locator('input[type=radio]').first();
      if (await first.count()) await first.check();
    }
    await page.click('button:has-text("Lưu và tiếp tục")');
  }
  assert.match(page.url(), /\/giay-to$/);
  await shot('files');
  const inputs = await page.locator('form.upload-form input[type=file]').evaluateAll((xs) => xs.map((x) => x.id));
  for (const id of inputs) {
    const file = `${id.replace(/^file-/, '').toLowerCase()}.pdf`;
    await page.setInputFiles(`#${id}`, { name: file, mimeType: 'application/pdf', buffer: PDF });
    await page.click(`form.upload-form:has(#${id}) button:has-text("Tải lên")`);
    assert.ok(await page.isVisible(`text=${file}`), `${file} uploaded`);
  }
  await page.click('button:has-text("Tiếp tục")');
  await shot('check');
}

/** From the check page: "Xác nhận và gửi hồ sơ", and the reference the confirmation page shows. */
export async function sendFromCheck(s: Site, page: Page, name: string): Promise<Filed> {
  const shot = (n: string) => checkPage(page, `${name}-${n}`);
  await page.click('button:has-text("Xác nhận và gửi hồ sơ")');
  assert.match(page.url(), /\/da-nop$/);
  await shot('confirmation');
  const reference = (await page.locator('.panel strong').textContent())!.trim();
  assert.match(reference, REFERENCE_PATTERN, 'the confirmation shows the reference');
  assert.doesNotMatch(await page.textContent('body') ?? '', UUID, 'no internal id on the confirmation page');
  const { id } = await s.t.db.selectFrom('dossiers').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();
  return { reference, id };
}

/** "Đăng ký khai sinh", found by typing "dang ky khai sinh", filed online with the birth certificate attached. */
export const submitBirthRegistration = (s: Site, page: Page, name: string) =>
  submitOnline(s, page, name, { query: 'dang ky khai sinh', procedure: 'Đăng ký khai sinh' });

/** The status page of a dossier, reached by its code (or reference) and the last 4 digits of the ID number. */
export async function openStatus(page: Page, code: string, last4: string, name: string) {
  await page.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
  assert.equal(await page.inputValue('#ma_ho_so'), code, 'the code from the link is filled in');
  await checkPage(page, `${name}-lookup`);
  await page.fill('#bon_so_cuoi', last4);
  await page.click('main button:has-text("Tiếp tục")');
  assert.match(page.url(), /\/tra-cuu\/ho-so\/[0-9a-f-]{36}/);
  await checkPage(page, `${name}-status`);
}

/** From the status page: "Thanh toán trực tuyến", the amount owed, the stand-in gateway's "Thanh toán", and the
 *  return page saying it succeeded (the IPN has settled it before the citizen is sent back). */
export async function payThroughStandIn(page: Page, name: string, amount: string) {
  await page.getByRole('link', { name: 'Thanh toán trực tuyến' }).click();
  await checkPage(page, `${name}-payment-due`);
  const due = await page.textContent('main') ?? '';
  assert.match(due, new RegExp(amount.replace(/\./g, '\\.')));
  assert.match(due, /Mã hồ sơ|Mã tra cứu/, 'the dossier is named');
  assert.doesNotMatch(due, UUID, 'by its code or reference, never its internal id');
  await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
  await checkPage(page, `${name}-payment-go`);
  await page.getByRole('link', { name: 'Tiếp tục đến cổng thanh toán' }).click();
  assert.match(await page.textContent('body') ?? '', /CỔNG THANH TOÁN THỬ NGHIỆM/);
  await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
  await page.waitForURL(/\/thanh-toan\/ket-qua/);
  await checkPage(page, `${name}-payment-result`);
  assert.match(await page.textContent('main') ?? '', /Thanh toán thành công/);
}

/** An officer's desktop browser, logged in. */
export async function officer(s: Site, username: string): Promise<Page> {
  const page = await (await s.context(1280)).newPage();
  await page.goto('/can-bo/dang-nhap');
  await checkPage(page, 'staff-login');
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button:has-text("Đăng nhập")');
  assert.match(page.url(), /\/can-bo\/ho-so/);
  return page;
}

/** Opens the dossier from the officer's inbox (checking it is listed there). */
export async function openFromInbox(page: Page, id: string, name: string) {
  await page.goto('/can-bo/ho-so');
  await checkPage(page, `${name}-inbox`);
  await page.click(`main a[href="/can-bo/ho-so/${id}"]`);
  await checkPage(page, `${name}-dossier`);
}

/**
 * Takes an action on the dossier page: fills the action's form (field name → value; radio groups by value)
 * and submits it; the page must confirm it.
 */
export async function act(page: Page, id: string, action: string, fields: Record<string, string> = {}, name?: string) {
  await page.goto(`/can-bo/ho-so/${id}`); // fresh: another officer may have moved the dossier on
  const form = page.locator(`#form-${action}`);
  assert.equal(await form.count(), 1, `${action} is offered`);
  // Secondary actions are folded under "Thao tác khác": unfold it as a user would.
  const fold = page.locator(`details:has(#form-${action})`);
  if ((await fold.count()) && !(await fold.evaluate((d) => (d as HTMLDetailsElement).open))) await fold.locator('summary').first().click();
  for (const [field, value] of Object.entries(fields)) {
    const input = form.locator(`[name="${field}"]`);
    const tag = await input.first().evaluate((e) => `${e.tagName}:${(e as HTMLInputElement).type}`);
    if (tag === 'INPUT:radio') await form.locator(`input[name="${field}"][value="${value}"]`).check();
    else if (tag.startsWith('SELECT')) await input.selectOption(value);
    else await input.fill(value);
  }
  await form.locator('button[type=submit]').click();
  assert.match(page.url(), new RegExp(`[?&]ok=${action}`), `${action} done`);
  await checkPage(page, name ?? `staff-after-${action}`);
}

/** A demo officer's id (the value of their option in the assignee and signer lists, grouped by unit). */
export async function staffId(s: Site, username: string): Promise<string> {
  const row = await s.t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return String(row.id);
}

/**
 * The draft e-certificate of an online civil-status registration: the specialist sends it ("Gửi dự thảo kết quả…"),
 * the citizen opens the status page, reads the draft (PDF) and confirms it — or first asks for a correction
 * (`correction`), after which the specialist sends it again.
 */
export async function checkDraft(specialist: Page, citizen: Page, id: string, open: () => Promise<unknown>, name: string, correction?: string) {
  await act(specialist, id, 'send_draft', {}, `${name}-draft-sent`);
  await open(); // the status page, as the citizen reaches it (the lookup, or "Hồ sơ của tôi")
  await checkPage(citizen, `${name}-draft`);
  assert.ok(await citizen.isVisible('text=Kiểm tra dự thảo kết quả'), 'the citizen is asked to check the draft');
  const pdf = await citizen.request.get(`/tra-cuu/ho-so/${id}/du-thao.pdf`);
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  if (correction) {
    await citizen.fill('#noi_dung_sua', correction);
    await citizen.click('button:has-text("Đề nghị sửa dự thảo")');
    assert.ok(await citizen.isVisible('text=Đã gửi đề nghị sửa dự thảo kết quả'));
    await checkPage(citizen, `${name}-draft-correction`);
    await specialist.goto(`/can-bo/ho-so/${id}`);
    assert.ok(await specialist.isVisible(`text=${correction}`), 'the specialist reads what to correct');
    await act(specialist, id, 'send_draft', {}, `${name}-draft-sent-again`);
    await citizen.goto(`/tra-cuu/ho-so/${id}`);
  }
  await citizen.click('button:has-text("Xác nhận thông tin đúng")');
  assert.ok(await citizen.isVisible('text=Đã xác nhận dự thảo kết quả'));
  await checkPage(citizen, `${name}-draft-confirmed`);
}

/** "Trình ký" on the dossier page: the proposal goes to `signer` (a demo username), chosen in the signer list. */
export async function submitForSignature(s: Site, page: Page, id: string, signer = 'chutich') {
  await act(page, id, 'submit_for_signature', { signerId: await staffId(s, signer) });
}
