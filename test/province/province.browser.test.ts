// The province's pages in a real browser: the public comparison on a phone without JavaScript (360 px, no
// horizontal scrolling, axe), the province dashboard and a commune's late dossiers for the province's follow-up
// officer, and the onboarding page for the province's administrator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from '../e2e/browser.ts';
import { officer, phone } from '../e2e/steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('the public comparison of the communes on a phone', { skip, timeout: 120_000 }, async () => {
  const page = await phone(s!);
  await page.goto('/tinh');
  await checkPage(page, 'province-public');
  assert.ok(await page.isVisible('h1:has-text("Kết quả phục vụ của các xã")'));
  assert.ok(await page.isVisible('text=Xã Xuân Dương'));
  await page.selectOption('#thang', '0');
  await page.click('form.period-form button');
  assert.match(page.url(), /thang=0/);
  await checkPage(page, 'province-public-year');
});

test('the province dashboard, a sorted column and a commune\'s late dossiers', { skip, timeout: 120_000 }, async () => {
  const viewer = await officer(s!, 'tinh.theodoi');
  await viewer.getByRole('link', { name: 'Các xã trong tỉnh' }).click();
  assert.match(viewer.url(), /\/can-bo\/tinh$/);
  await checkPage(viewer, 'province-dashboard');
  await viewer.getByRole('link', { name: /^Hồ sơ quá hạn hiện nay/ }).click();
  assert.match(viewer.url(), /sap_xep=qua-han/);
  await viewer.getByRole('link', { name: 'Xã Tân Lập (dữ liệu mẫu)' }).click();
  await checkPage(viewer, 'province-commune-late');
  assert.ok(await viewer.isVisible('h1:has-text("Hồ sơ quá hạn")'));
});

test('the onboarding page of the province\'s administrator', { skip, timeout: 120_000 }, async () => {
  const admin = await officer(s!, 'tinh.quantri');
  await admin.goto('/can-bo/quan-tri/tinh/xa');
  await checkPage(admin, 'province-communes');
  await admin.fill('#id', 'Sai Ma');
  await admin.fill('#name', 'Xã Thử');
  await admin.click('form[action="/can-bo/quan-tri/tinh/xa/them"] button');
  assert.ok(await admin.isVisible('.error-summary'));
  await checkPage(admin, 'province-communes-errors');
});
