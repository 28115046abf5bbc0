// Paying through the stand-in gateway in a real browser (a phone): the status page's "Thanh toán trực tuyến", the
// amount computed by the server, the gateway's page and "Thanh toán", the return page, and the dossier back in
// processing; then the officer's cash collection and the day's reconciliation. Our pages are checked by checkPage
// (axe, reflow, screenshots).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { officer, openStatus, payThroughStandIn } from './steps.ts';
import { ID_LAST4, MERCHANT, SECRET, feeDossier, obligationDossier } from '../payments/support.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site({ standIns: ['payment'], env: { XASO_PAYMENT_SECRET: SECRET, XASO_PAYMENT_MERCHANT: MERCHANT } });

test('a citizen pays a financial obligation through the stand-in gateway', { skip, timeout: 120_000 }, async () => {
  const t = s!.t;
  const d = await obligationDossier(t, 1_250_000);
  const page = await (await s!.context(360)).newPage();
  await openStatus(page, d.code, ID_LAST4, 'payment');
  await payThroughStandIn(page, 'payment', '1.250.000 đồng');
  await page.getByRole('link', { name: 'Xem tình trạng hồ sơ' }).click();
  assert.match(await page.textContent('main') ?? '', /Đang xử lý/);

  // The one-stop officer records cash for another dossier, then reads the day's reconciliation.
  const cash = await feeDossier(t);
  const desk = await officer(s!, 'motcua');
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
