// A petition end to end in a real browser: a citizen files it on a 360 px phone with JavaScript off, an officer
// assigns, answers and publishes it, and the citizen sees the answer and likes it (once).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { clock, officer, phone } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('a citizen files a petition, the officer answers and publishes it, the citizen likes the answer', { skip, timeout: 240_000 }, async () => {
  const tick = clock(s!, '2026-12-07T09:00:00+07:00');
  const citizen = await phone(s!);
  await citizen.goto('/');
  await citizen.click('main a[href="/phan-anh"]');
  await checkPage(citizen, 'petition-form');
  await citizen.click('main button[type=submit]');
  assert.ok(await citizen.isVisible('.error-summary'), 'empty form shows the error summary');
  await checkPage(citizen, 'petition-form-error');
  await citizen.fill('#noi_dung', 'Tôi nộp hồ sơ chứng thực nhưng phải chờ quá lâu tại quầy một cửa.');
  await citizen.fill('#ho_ten', 'Trần Thị Mai');
  await citizen.fill('#lien_he', '0912 345 678');
  await citizen.click('main button[type=submit]');
  const confirmation = await citizen.textContent('main') ?? '';
  const reference = /PAKN-\d{4}-[2-9A-Z]{6}/.exec(confirmation)?.[0];
  assert.ok(reference, confirmation);
  await checkPage(citizen, 'petition-confirmation');

  tick(60);
  const staff = await officer(s!, 'motcua');
  await staff.click('nav a[href="/can-bo/phan-anh"]');
  await checkPage(staff, 'staff-petitions');
  await staff.click(`main a:has-text("${reference}")`);
  await checkPage(staff, 'staff-petition');
  await staff.selectOption('#form-assign select[name=unitId]', { label: 'Phòng Văn hóa - Xã hội' });
  await staff.click('#form-assign button[type=submit]');
  tick(60);
  await staff.fill('#form-answer textarea[name=text]', 'Trung tâm đã bố trí thêm một quầy tiếp nhận vào buổi sáng. Cảm ơn bà đã phản ánh.');
  await staff.click('#form-answer button[type=submit]');
  assert.match(await staff.textContent('main') ?? '', /Đã trả lời, chờ công khai/);
  tick(60);
  await staff.click('#form-publish button[type=submit]');
  assert.match(await staff.textContent('main') ?? '', /Đã công khai/);
  await checkPage(staff, 'staff-petition-published');

  await citizen.goto('/phan-anh/cong-khai');
  await checkPage(citizen, 'petition-public');
  const section = citizen.locator('section.petition', { hasText: reference! });
  assert.match(await section.textContent() ?? '', /bố trí thêm một quầy/);
  await section.locator('button[value=like]').click();
  assert.match(await citizen.textContent('main') ?? '', /Cảm ơn bạn đã cho biết ý kiến/);
  assert.match(await citizen.locator('section.petition', { hasText: reference! }).textContent() ?? '', /Hài lòng \(1\)/);
  await citizen.locator('section.petition', { hasText: reference! }).locator('button[value=dislike]').click();
  assert.match(await citizen.textContent('main') ?? '', /đã cho biết ý kiến về câu trả lời này rồi/);
  assert.match(await citizen.locator('section.petition', { hasText: reference! }).textContent() ?? '', /Chưa hài lòng \(0\)/);
  await checkPage(citizen, 'petition-public-reacted');
  s!.t.setNow(null);
});
