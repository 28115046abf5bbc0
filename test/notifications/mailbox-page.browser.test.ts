// The workspace's notification page in a real browser: the list and a received e-mail read in full pass axe,
// reflow at 360 px and are photographed (skipped without Chromium, like the other browser tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { browserMissing, checkPage, site } from '../e2e/browser.ts';
import { officer } from '../e2e/steps.ts';
import { deliverThroughApp, intake } from './support.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site({ standIns: ['messaging'] });

test('the one-stop officer reads the notices sent to applicants', { skip, timeout: 120_000 }, async () => {
  const t = s!.t;
  await intake(t, '2026-11-25T09:00:00+07:00', { email: 'an.nguyen.van.rat.dai@example.vn', phone: '0912345678' });
  t.setNow(null);
  assert.equal((await deliverThroughApp(t)).delivered, 2);
  const page = await officer(s!, 'motcua');
  await page.goto('/can-bo/thong-bao');
  assert.equal(await page.locator('h1').textContent(), 'Thông báo gửi người dân');
  await checkPage(page, 'notices-list');
  await page.click('tr:has-text("an.nguyen.van.rat.dai@example.vn") a[href^="/can-bo/thong-bao/"]');
  assert.ok(await page.isVisible('h2:has-text("Bản hộp thư giả lập đã nhận")'));
  await checkPage(page, 'notices-message');
});
