// The public transparency page and the staff dashboard in a real browser: accessible (axe), no horizontal scrolling at 360 px, charts with
// their data tables, without JavaScript.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { officer, phone } from './steps.ts';

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

test('the staff dashboard and the dossiers behind a figure', { skip, timeout: 120_000 }, async () => {
  const leader = await officer(s!, 'chutich');
  await leader.getByRole('link', { name: 'Bảng điều khiển' }).click();
  await checkPage(leader, 'staff-dashboard');
  await leader.goto('/can-bo/chi-so/ho-so?chi_so=4.2&phan=mau&nam=2026&thang=12');
  await checkPage(leader, 'staff-dashboard-behind');
  assert.ok(await leader.isVisible('h1:has-text("Chỉ số 4.2")'));
});
