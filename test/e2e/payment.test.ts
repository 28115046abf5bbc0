// Paying through the stand-in gateway in a real browser (a phone, JavaScript off): the status page's "Thanh toán
// trực tuyến", the amount computed by the server, the gateway's page and "Thanh toán", the return page, and the
// dossier back in processing. Our pages are checked by checkPage (axe, reflow, screenshots).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { CHROMIUM, browserMissing, checkPage, type Site } from './browser.ts';
import { officer } from './steps.ts';
import { feeDossier } from '../payments/support.ts';
import { ID_LAST4, obligationDossier, paymentApp } from '../payments/support.ts';

const skip = browserMissing ?? false;

test('a citizen pays a financial obligation through the stand-in gateway', { skip, timeout: 120_000 }, async () => {
  const t = await paymentApp();
  const d = await obligationDossier(t, 1_250_000);
  const browser = await chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  after(() => browser.close());
  const ctx = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'vi-VN', baseURL: t.base, javaScriptEnabled: true });
  ctx.setDefaultTimeout(15_000);
  const page = await ctx.newPage();

  await page.goto('/tra-cuu');
  await page.fill('input[name=ma_ho_so]', d.code);
  await page.fill('input[name=bon_so_cuoi]', ID_LAST4);
  await page.click('button:has-text("Tiếp tục")');
  await page.getByRole('link', { name: 'Thanh toán trực tuyến' }).click();
  await checkPage(page, 'payment-due');
  assert.match(await page.textContent('main') ?? '', /1\.250\.000 đồng/);
  await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
  await checkPage(page, 'payment-go');
  await page.getByRole('link', { name: 'Tiếp tục đến cổng thanh toán' }).click();
  assert.match(await page.textContent('body') ?? '', /CỔNG THANH TOÁN THỬ NGHIỆM/);
  await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
  await page.waitForURL(/\/thanh-toan\/ket-qua/);
  await checkPage(page, 'payment-result');
  assert.match(await page.textContent('main') ?? '', /Thanh toán thành công/);
  await page.getByRole('link', { name: 'Xem tình trạng hồ sơ' }).click();
  assert.match(await page.textContent('main') ?? '', /Đang xử lý/);

  // The one-stop officer records cash for another dossier, then reads the day's reconciliation.
  const site = {
    t, base: t.base, browser,
    context: async (width = 1280) => {
      const c = await browser.newContext({ viewport: { width, height: 800 }, locale: 'vi-VN', baseURL: t.base });
      c.setDefaultTimeout(15_000);
      return c;
    },
  } as Site;
  const cash = await feeDossier(t);
  const desk = await officer(site, 'motcua');
  await desk.getByRole('link', { name: 'Thu phí' }).click();
  await desk.fill('#ma', cash.code);
  await desk.click('button:has-text("Tìm hồ sơ")');
  await checkPage(desk, 'payment-cash');
  await desk.click('button:has-text("Ghi nhận đã thu tiền mặt")');
  assert.match(await desk.textContent('main') ?? '', /Đã ghi nhận khoản thu/);
  await desk.getByRole('link', { name: 'Đối soát thanh toán trực tuyến trong ngày' }).click();
  await checkPage(desk, 'payment-reconciliation');
  assert.match(await desk.textContent('main') ?? '', /Khớp: không có chênh lệch/);
});
