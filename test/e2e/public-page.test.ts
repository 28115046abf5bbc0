// The public transparency page in a real browser: accessible (axe), no horizontal scrolling at 360 px, charts with
// their data tables, without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { phone } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('the public page from the home page, on a phone without JavaScript', { skip, timeout: 120_000 }, async () => {
  const page = await phone(s!);
  await page.goto('/');
  await page.getByRole('link', { name: /Tỷ lệ hồ sơ đúng hạn/ }).click();
  assert.match(page.url(), /\/cong-khai$/);
  await checkPage(page, 'public-page');
  await page.selectOption('#thang', '12');
  await page.click('form.period-form button');
  assert.match(page.url(), /thang=12/);
  await checkPage(page, 'public-page-month');
  assert.ok(await page.isVisible('h2:has-text("Bộ chỉ số 766")'));
});
