// The citizen portal in a real browser (Debian's Chromium, test/e2e/browser.ts): 360 px wide, JavaScript off,
// every page checked with axe (WCAG 2.x A/AA) and for horizontal scrolling; from search to the status page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserMissing, checkPage, site } from '../e2e/browser.ts';
import { PDF } from './portal-support.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

const fits = (page: Page, name: string) => checkPage(page, `portal-${name}`);

test('search, procedure page, online submission and status work at 360 px without JavaScript, accessibly', { skip, timeout: 240_000 }, async () => {
  const page = await (await s!.context(360, { javaScript: false })).newPage();
  s!.t.setNow('2026-12-07T09:00:00+07:00');

  await page.goto('/');
  await fits(page, 'home');
  await page.fill('#q', 'dang ky khai sinh');
  await page.click('form[role=search] button');
  await fits(page, 'search');
  await page.getByRole('link', { name: 'Đăng ký khai sinh', exact: true }).click();
  await fits(page, 'procedure');
  await page.getByRole('button', { name: 'Nộp hồ sơ trực tuyến' }).click();
  await fits(page, 'start');
  await page.click('button:has-text("Bắt đầu")');

  // The applicant, first with a mistake: the error summary must be accessible too.
  await page.fill('#name', '');
  await page.click('button:has-text("Lưu và tiếp tục")');
  await fits(page, 'applicant-error');
  await page.fill('#name', 'Lê Thị Hồng');
  await page.fill('#idNumber', '001190004567');
  await page.fill('#address', 'Thôn Đồng Tâm, xã Xuân Dương');
  await page.fill('#phone', '0912345678');
  await page.click('button:has-text("Lưu và tiếp tục")');

  // The e-form pages: fill whatever each asks.
  for (let i = 0; i < 10 && page.url().includes('/to-khai/'); i++) {
    await fits(page, `eform-${i + 1}`);
    for (const input of await page.locator('main input[type=text][required], main input[type=tel][required], main textarea[required]').all()) {
      const id = (await input.getAttribute('id')) ?? '';
      await input.fill(/IdNumber/.test(id) ? '001226001234' : /Phone/.test(id) ? '0987654321' : 'Nguyễn Văn Bình');
    }
    for (const input of await page.locator('main input[type=date][required]').all()) await input.fill('2026-11-20');
    for (const group of await page.locator('main fieldset').all()) {
      const first = group.locator('input[type=radio]').first();
      if (await first.count()) await first.check();
    }
    await page.click('button:has-text("Lưu và tiếp tục")');
  }
  assert.match(page.url(), /\/giay-to$/);
  await fits(page, 'files');
  await page.setInputFiles('#file-GIAY_CHUNG_SINH', { name: 'giay-chung-sinh.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.click('form.upload-form button:has-text("Tải lên")');
  assert.ok(await page.isVisible('text=giay-chung-sinh.pdf'));
  await page.click('button:has-text("Tiếp tục")');
  await fits(page, 'check');
  await page.click('button:has-text("Xác nhận và gửi hồ sơ")');
  assert.match(page.url(), /\/da-nop$/);
  await fits(page, 'confirmation');
  const reference = (await page.locator('.panel strong').textContent())!.trim();

  await page.getByRole('link', { name: 'Theo dõi hồ sơ' }).click();
  await fits(page, 'lookup');
  await page.fill('#bon_so_cuoi', '4567');
  await page.click('button:has-text("Tiếp tục")');
  assert.ok(page.url().endsWith(`/tra-cuu/ho-so/${reference}`));
  await fits(page, 'status');
  await page.goto(`/danh-gia?ma=${reference}`);
  await fits(page, 'rating-lookup');
});
