// A citizen logs in with the stand-in e-identity provider in a real browser (JavaScript off, 360 px), sees
// "Hồ sơ của tôi", files a birth registration online (the dossier carries the e-identity flag) and finds it in
// the list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { clock, loginOnStandIn, phone, submitBirthRegistration } from './steps.ts';

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
  s!.t.setNow(null);
});
