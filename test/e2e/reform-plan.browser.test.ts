// The reform plan in a real browser: the CCHC coordinator (truongvhxh) opens the plan, finds a task and gives it to
// Phòng Kinh tế; the head of that unit (truongkt) sees it in the unit's list and reports progress. Every page passed
// through is checked (axe, 360 px reflow, screenshots).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { PDF, clock, officer } from './steps.ts';
import { importPlan, readPlanFile, SHIPPED_PLAN } from '../../src/reform/import.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('the coordinator assigns a plan task to a unit, whose head reports progress', { skip, timeout: 420_000 }, async () => {
  const tick = clock(s!, '2026-03-02T09:00:00+07:00');
  await importPlan(s!.t.db, 'xuan-duong', readPlanFile(SHIPPED_PLAN), new Date('2026-01-02T08:00:00+07:00'));

  const coord = await officer(s!, 'truongvhxh');
  await coord.click('nav a[href="/can-bo/cchc"]');
  await checkPage(coord, 'reform-hub');
  assert.match(await coord.textContent('main') ?? '', /Việc sắp đến hạn \/ quá hạn/);
  await coord.click('main a[href="/can-bo/cchc/ke-hoach"]');
  await checkPage(coord, 'reform-plan');
  assert.match(await coord.textContent('main') ?? '', /Mức độ hài lòng của người dân, doanh nghiệp về giải quyết thủ tục hành chính đạt tối thiểu 95%/);
  await coord.locator('section', { hasText: 'II.1. Cải cách thể chế' }).locator('a[href*="linh-vuc"]').click();
  await checkPage(coord, 'reform-tasks');
  await coord.click('main a:has-text("Hoàn thiện thể chế về thu hút đầu tư")');
  await checkPage(coord, 'reform-task');
  assert.match(await coord.textContent('main') ?? '', /Rõ thẩm quyền/);
  await coord.selectOption('#assign-unit', { label: 'Phòng Kinh tế' });
  await coord.fill('#assign-note', 'Giao Phòng Kinh tế chủ trì rà soát quy định về thu hút đầu tư.');
  await coord.click('#form-assign button[type=submit]');
  const afterAssign = await coord.textContent('main') ?? '';
  assert.match(afterAssign, /Chủ trì: Phòng Kinh tế/);
  assert.match(afterAssign, /Giao Phòng Kinh tế chủ trì/);
  await checkPage(coord, 'reform-task-assigned');

  tick(60);
  const head = await officer(s!, 'truongkt');
  await head.click('nav a[href="/can-bo/cchc"]');
  await head.click('main a[href="/can-bo/cchc/nhiem-vu"]');
  await checkPage(head, 'reform-tasks-unit');
  assert.match(await head.textContent('main') ?? '', /của đơn vị bạn/);
  await head.click('main a:has-text("Hoàn thiện thể chế về thu hút đầu tư")');
  await head.selectOption('#assign-person', { label: 'Phạm Văn Đức (Công chức Địa chính - Xây dựng)' });
  await head.click('#form-assign button[type=submit]');
  assert.match(await head.textContent('main') ?? '', /Rõ người\s*Phạm Văn Đức/);
  await head.fill('#progress-value', '40');
  await head.fill('#progress-note', 'Đã rà soát 12 quy định về thu hút đầu tư, đề xuất sửa đổi 3 quy định.');
  await head.fill('#progress-evidence', 'Báo cáo số 15/BC-KT ngày 02/03/2026');
  await head.click('#form-progress button[type=submit]');
  const done = await head.textContent('main') ?? '';
  assert.match(done, /Đang thực hiện/);
  assert.match(done, /Tiến độ: 40 %/);
  assert.match(done, /Báo cáo số 15\/BC-KT/);
  await checkPage(head, 'reform-task-progress');
  await head.setInputFiles('#evidence-file', { name: 'bao-cao-15-BC-KT.pdf', mimeType: 'application/pdf', buffer: PDF });
  await head.click('#form-file button[type=submit]');
  assert.match(await head.textContent('main') ?? '', /bao-cao-15-BC-KT\.pdf/);
  await head.click('nav a[href="/can-bo/cchc"]');
  await head.click('main a[href="/can-bo/cchc/tien-do"]');
  await checkPage(head, 'reform-progress');
  assert.match(await head.textContent('main') ?? '', /Phòng Kinh tế/);
  s!.t.setNow(null);
});
