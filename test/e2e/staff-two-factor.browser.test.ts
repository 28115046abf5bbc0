// Staff second factor in a real browser: "Tài khoản của tôi", the enrolment page with its QR code, the code page
// after the password, and the administrator's login log pass axe, reflow at 360 px and are photographed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { officer } from './steps.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { base32Decode, totp } from '../../src/identity/staff/core/totp.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('an officer turns on the second factor and logs in with a code', { skip, timeout: 120_000 }, async () => {
  s!.t.setNow('2026-12-07T08:00:00Z');
  const page = await officer(s!, 'giamdoc');
  await page.click('header a.user');
  assert.match(page.url(), /\/can-bo\/tai-khoan$/);
  await checkPage(page, 'staff-account');
  await page.click('#start');
  await checkPage(page, 'staff-totp-enrol');
  assert.ok(await page.isVisible('main img[src^="data:image/png"]'));
  const key = base32Decode((await page.textContent('#secret'))!)!;
  await page.fill('#code', '000000' === totp(key, new Date('2026-12-07T08:00:00Z')) ? '111111' : '000000');
  await page.click('main button:has-text("Xác nhận và bật")');
  assert.ok(await page.isVisible('.error-summary'));
  await checkPage(page, 'staff-totp-enrol-error');
  await page.fill('#code', totp(key, new Date('2026-12-07T08:00:00Z')));
  await page.click('main button:has-text("Xác nhận và bật")');
  assert.match(page.url(), /ok=totp/);
  await checkPage(page, 'staff-account-totp-on');
  await page.click('header button:has-text("Đăng xuất")');

  s!.t.setNow('2026-12-07T08:01:00Z');
  await page.fill('#username', 'giamdoc');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('main button:has-text("Đăng nhập")');
  assert.match(page.url(), /\/can-bo\/dang-nhap\/ma-xac-thuc/);
  await checkPage(page, 'staff-login-code');
  await page.fill('#code', totp(key, new Date('2026-12-07T08:01:00Z')));
  await page.click('main button:has-text("Xác nhận")');
  assert.match(page.url(), /\/can-bo\/ho-so/);

  const admin = await officer(s!, 'admin');
  await admin.goto('/can-bo/quan-tri/nhat-ky-dang-nhap');
  await checkPage(admin, 'admin-login-log');
  assert.ok(await admin.isVisible('td:has-text("Bật xác thực hai lớp")'));
  s!.t.setNow(null);
});
