// The civil-servant KPI in a real browser: the specialist opens their month (figures from the dossiers they
// handled) and self-assesses, the unit head appraises, the leader approves and sees the quota and the ranking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { officer } from './steps.ts';
import { engine } from '../indicators/support.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();

test('hotich self-assesses November, truongvhxh appraises, chutich approves', { skip, timeout: 480_000 }, async () => {
  const { intake, act, sign } = engine(s!.t);
  const d = await intake('2026-11-09T09:00:00+07:00');
  await act(d, 'assign', 'motcua', '2026-11-09T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(d, 'propose_result', 'hotich', '2026-11-09T09:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await sign(d, 'chutich', '2026-11-09T10:00:00+07:00');
  await act(d, 'issue_result', 'hotich', '2026-11-09T10:30:00+07:00');
  s!.t.setNow('2026-12-02T08:00:00+07:00');

  const hotich = await officer(s!, 'hotich');
  await hotich.click('nav a[href="/can-bo/kpi"]');
  await checkPage(hotich, 'kpi-mine');
  const mine = await hotich.textContent('main') ?? '';
  assert.match(mine, /KPI của tôi, tháng 11\/2026/);
  assert.match(mine, /1 ÷ 1 = 100 %/, 'a explained');
  await hotich.fill('#form-self input[name=g_chinh_tri]', '5');
  await hotich.fill('#form-self input[name=g_dao_duc]', '5');
  await hotich.fill('#form-self textarea[name=note]', 'Hoàn thành hồ sơ được giao đúng hạn.');
  await hotich.click('#form-self button[type=submit]');
  assert.match(await hotich.textContent('main') ?? '', /Đã tự đánh giá, chờ thẩm định/);
  await checkPage(hotich, 'kpi-self-assessed');

  const head = await officer(s!, 'truongvhxh');
  await head.goto('/can-bo/kpi');
  await head.click('main a:has-text("Cán bộ của đơn vị")');
  await checkPage(head, 'kpi-unit');
  await head.click('main a:has-text("Trần Văn Minh")');
  await checkPage(head, 'kpi-appraisal-form');
  for (const [code, v] of [['van_hoa_cong_vu', '4'], ['ky_luat', '4'], ['trach_nhiem', '4'], ['thai_do_phuc_vu', '4'], ['doi_moi', '3']]) {
    await head.fill(`#form-appraise input[name=g_${code}]`, v!);
  }
  await head.fill('#form-appraise textarea[name=note]', 'Đồng ý với tự đánh giá.');
  await head.click('#form-appraise button[type=submit]');
  const appraised = await head.textContent('main') ?? '';
  assert.match(appraised, /Đã thẩm định, chờ phê duyệt/);
  assert.match(appraised, /99 tổng điểm/);
  await checkPage(head, 'kpi-appraised');

  const chair = await officer(s!, 'chutich');
  await chair.goto('/can-bo/kpi/don-vi');
  await checkPage(chair, 'kpi-commune');
  assert.match(await chair.textContent('main') ?? '', /Tỷ lệ “Hoàn thành xuất sắc nhiệm vụ”/);
  await chair.click('main a:has-text("Trần Văn Minh")');
  await chair.fill('#form-approve textarea[name=note]', 'Phê duyệt.');
  await chair.click('#form-approve button[type=submit]');
  const approved = await chair.textContent('main') ?? '';
  assert.match(approved, /Đã phê duyệt/);
  assert.match(approved, /Số liệu đã chốt khi phê duyệt/);
  await checkPage(chair, 'kpi-approved');
  await chair.click('main a:has-text("Xếp hạng thi đua đơn vị")');
  assert.match(await chair.textContent('main') ?? '', /Lựa chọn của xã/);
  await checkPage(chair, 'kpi-ranking');
  s!.t.setNow(null);
});
