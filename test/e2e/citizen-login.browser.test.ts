// A citizen logs in with the stand-in e-identity provider in a real browser (JavaScript off, 360 px), sees
// "Hồ sơ của tôi", files a birth registration online (the dossier carries the e-identity flag) and finds it in
// the list. Then her personal data: she reads what the commune holds about her and who saw her ID number, asks for a
// correction, and the chair (a leader) finds the request under "Dữ liệu cá nhân", due in 2 working days, and
// answers it; she reads the answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { clock, loginOnStandIn, officer, phone, submitBirthRegistration } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site({ standIns: ['identity'] });

test('log in with the stand-in identity provider, file online, see "Hồ sơ của tôi"', { skip, timeout: 180_000 }, async () => {
  clock(s!, '2026-12-07T08:30:00+07:00');
  const page = await phone(s!);
  await page.goto('/');
  await page.getByRole('link', { name: 'Hồ sơ của tôi' }).click();
  await checkPage(page, 'eid-account-logged-out');
  await page.getByRole('button', { name: 'Đăng nhập bằng VNeID' }).click();

  // The stand-in's own page, clearly not VNeID.
  await checkPage(page, 'eid-standin-login');
  await loginOnStandIn(page);
  await page.waitForURL(/\/ho-so-cua-toi$/);
  assert.match((await page.locator('main').textContent())!, /Lê Thị Hồng/);
  await checkPage(page, 'eid-account');

  const { id } = await submitBirthRegistration(s!, page, 'eid');
  await page.getByRole('link', { name: 'Hồ sơ của tôi' }).click();
  await checkPage(page, 'eid-account-filed');
  assert.ok(await page.locator(`a[href="/ho-so-cua-toi/ho-so/${id}"]`).count(), 'the new dossier is listed');
  const d = await s!.t.db.selectFrom('dossiers').select('authenticated_with_eid').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(d.authenticated_with_eid, true);

  // Her personal data, from "Hồ sơ của tôi".
  await page.getByRole('link', { name: /Xem dữ liệu cá nhân xã đang lưu về bạn/ }).click();
  await checkPage(page, 'eid-personal-data');
  const held = (await page.locator('main').textContent())!;
  assert.match(held, /••••••••4567/, 'the ID number masked');
  assert.doesNotMatch(held, /001190004567/, 'never in full');
  await page.getByRole('button', { name: 'Gửi yêu cầu về dữ liệu cá nhân' }).click();
  await page.getByRole('button', { name: 'Gửi yêu cầu' }).click(); // nothing chosen: the error summary
  assert.ok(await page.locator('.error-summary').isVisible(), 'the error summary');
  await checkPage(page, 'eid-personal-data-errors');
  await page.getByLabel('Chỉnh sửa dữ liệu không đúng').check();
  await page.fill('#muc', 'Địa chỉ trong tài khoản');
  await page.fill('#sai', 'Thôn Đồng Tâm');
  await page.fill('#dung', 'Thôn Đồng Tâm, xã Xuân Dương');
  await page.fill('#noi_dung', 'Địa chỉ thiếu tên xã, đề nghị bổ sung.');
  await page.getByRole('button', { name: 'Gửi yêu cầu' }).click();
  assert.match((await page.locator('main').textContent())!, /Hạn trả lời/, 'sent, with the time it will be answered by');

  // The chair answers it from the staff workspace.
  const chair = await officer(s!, 'chutich');
  await chair.getByRole('link', { name: 'Dữ liệu cá nhân', exact: true }).click();
  await checkPage(chair, 'staff-personal-data-list');
  await chair.getByRole('link', { name: 'Lê Thị Hồng' }).first().click();
  await checkPage(chair, 'staff-personal-data-request');
  await chair.fill('#answer-text', 'Đã bổ sung tên xã vào địa chỉ của bạn.');
  await chair.getByRole('button', { name: 'Đã thực hiện' }).click();
  assert.match((await chair.locator('main').textContent())!, /Đã bổ sung tên xã/);

  await page.goto('/ho-so-cua-toi/du-lieu-ca-nhan');
  assert.match((await page.locator('main').textContent())!, /Trả lời .*Đã bổ sung tên xã vào địa chỉ của bạn\./, 'she reads the answer');
  s!.t.setNow(null);
});
