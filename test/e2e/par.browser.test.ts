// The PAR self-assessment in a real browser: the coordinator opens the year, a unit head (Phòng Kinh tế) self-scores
// a sub-criterion with evidence (a note and a PDF), the coordinator submits, the reviewer appraises with an
// explanation, the unit responds, the reviewer revises and publishes, and the comparison shows the year. Every page
// passes checkPage (axe, reflow at 360 px).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { PDF, officer } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();
const BASE = '/can-bo/cchc/chi-so';

test('self-scoring, submission, appraisal, dialogue and comparison of the PAR index', { skip, timeout: 540_000 }, async () => {
  s!.t.setNow('2026-12-10T09:00:00+07:00');
  const coord = await officer(s!, 'truongvhxh');
  await coord.goto(BASE);
  await checkPage(coord, 'par-list');
  await coord.fill('#year', '2026');
  await coord.click('#form-create button[type=submit]');
  assert.match(coord.url(), /\/chi-so\/2026$/);
  assert.match(await coord.textContent('main') ?? '', /Quản lý tài chính công/);
  await checkPage(coord, 'par-tree');
  await coord.goto(`${BASE}/bo-chi-so`);
  await checkPage(coord, 'par-template');

  const unit = await officer(s!, 'truongkt');
  await unit.goto(`${BASE}/2026`);
  await unit.click(`main a[href="${BASE}/2026/tieu-chi/5.1.1"]`);
  await checkPage(unit, 'par-item');
  await unit.fill('#self-points', '3');
  await unit.click('#form-self button[type=submit]');
  assert.ok(await unit.isVisible('.error-summary'), 'full-or-none: 3 of 4 is refused');
  assert.match(await unit.textContent('.error-summary') ?? '', /4 điểm \(đạt\) hoặc 0 điểm/);
  await unit.fill('#self-points', '4');
  await unit.fill('#self-note', 'Đã công khai dự toán và quyết toán ngân sách năm 2026.');
  await unit.click('#form-self button[type=submit]');
  assert.match(unit.url(), /ok=tu-cham/);
  await unit.fill('#evidence-note', 'QĐ 12/QĐ-UBND ngày 10/01/2026 về công khai dự toán');
  await unit.click('#form-evidence button[type=submit]');
  assert.match(unit.url(), /ok=minh-chung/);
  await unit.setInputFiles('#evidence-file', { name: 'bien-ban-niem-yet.pdf', mimeType: 'application/pdf', buffer: PDF });
  await unit.click('#form-file button[type=submit]');
  assert.match(unit.url(), /ok=tep/);
  assert.ok(await unit.isVisible('main a:has-text("bien-ban-niem-yet.pdf")'));
  await unit.goto(`${BASE}/2026/tieu-chi/1.2.1`);
  assert.equal(await unit.locator('#form-self').count(), 0, 'another unit\'s sub-criterion: no scoring form');

  await coord.goto(`${BASE}/2026`);
  await coord.click('#form-submit button[type=submit]');
  assert.match(coord.url(), /ok=gui/);
  assert.match(await coord.textContent('main') ?? '', /Đã gửi thẩm định/);

  const reviewer = await officer(s!, 'admin');
  await reviewer.goto(`${BASE}/2026/tieu-chi/5.1.1`);
  await reviewer.fill('#review-points', '0');
  await reviewer.fill('#review-note', 'Chưa có biên bản niêm yết công khai tại trụ sở.');
  await reviewer.click('#form-appraise button[type=submit]');
  assert.match(reviewer.url(), /ok=tham-dinh/);

  await unit.goto(`${BASE}/2026/tieu-chi/5.1.1`);
  await unit.fill('#respond-text', 'Biên bản niêm yết đã được tải lên ở mục tài liệu kiểm chứng (bien-ban-niem-yet.pdf).');
  await unit.click('#form-respond button[type=submit]');
  assert.match(unit.url(), /ok=giai-trinh/);
  await checkPage(unit, 'par-item-dialogue');

  await reviewer.goto(`${BASE}/2026/tieu-chi/5.1.1`);
  await reviewer.fill('#review-points', '4');
  await reviewer.fill('#review-note', 'Chấp nhận giải trình của xã.');
  await reviewer.click('#form-appraise button[type=submit]');
  const log = await reviewer.textContent('.timeline') ?? '';
  for (const step of ['Tự chấm điểm', 'Thẩm định', 'Xã giải trình', 'Điều chỉnh điểm thẩm định']) assert.match(log, new RegExp(step));
  await reviewer.goto(`${BASE}/2026`);
  await reviewer.click('#form-finalize button[type=submit]');
  assert.match(await reviewer.textContent('main') ?? '', /Đã có kết quả thẩm định/);

  await coord.goto(`${BASE}/so-sanh?nam=2026`);
  const finance = await coord.locator('main tr', { hasText: 'Quản lý tài chính công' }).first().textContent() ?? '';
  assert.match(finance, /8\s*4/, 'maximum 8, this year 4');
  await checkPage(coord, 'par-comparison');
  s!.t.setNow(null);
});
