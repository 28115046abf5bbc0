// Location-independent receipt in a real browser (issue 16): Xuân Dương's desk receives a birth registration for a
// resident of Tân Lập, transfers it and sends the originals; Tân Lập's desk receives the paper and routes it, its
// specialist proposes, its chair signs, the result goes back on paper; Xuân Dương's desk receives it and returns it.
// The receiving commune follows without seeing the competent commune's internal notes. Every page: axe, reflow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { act, clock, officer, staffId, submitForSignature } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site();
const tick = skip ? () => {} : clock(s!, '2026-12-09T07:45:00+07:00');

test('two communes exchange a dossier received regardless of administrative boundary', { skip, timeout: 480_000 }, async () => {
  tick(15);
  const desk = await officer(s!, 'motcua');
  await desk.goto('/can-bo/tiep-nhan');
  await desk.fill('#q', 'khai sinh');
  await desk.click('form[role=search] button');
  const value = await desk.locator('#procedureCode option', { hasText: 'Đăng ký khai sinh (' }).first().getAttribute('value');
  await desk.selectOption('#procedureCode', value!);
  await desk.click('button:has-text("Tiếp nhận hồ sơ")'); // the page then lists the procedure's components to tick
  await desk.fill('#name', 'Vi Thị Hằng');
  await desk.fill('#idNumber', '019190004455');
  await desk.fill('#address', 'Xóm Mỏ Chè, xã Tân Lập');
  for (const box of await desk.locator('input[name=received]').all()) await box.check();
  await desk.click('button:has-text("Tiếp nhận hồ sơ")');
  const received = /\/can-bo\/ho-so\/([0-9a-f-]{36})/.exec(desk.url());
  assert.ok(received, (await desk.locator('.error-summary').count()) ? await desk.textContent('.error-summary') ?? '' : desk.url());
  const id = received[1]!;

  tick(10);
  await act(desk, id, 'transfer_to_competent', { communeId: 'tan-lap', resultAt: 'receiving_centre', note: 'Người nộp thường trú tại xã Tân Lập' }, 'transfer-sent');
  assert.ok(await desk.isVisible('text=Tiếp nhận không phụ thuộc địa giới hành chính'));
  await act(desk, id, 'send_papers', { papers: 'Bản chính Giấy chứng sinh', carrier: 'Bưu điện, vận đơn EB123456789VN' }, 'transfer-originals-sent');

  tick(30);
  const tlDesk = await officer(s!, 'tl.motcua');
  await tlDesk.goto('/can-bo/lien-xa');
  await checkPage(tlDesk, 'transfer-incoming');
  assert.ok(await tlDesk.isVisible('text=Bản chính Giấy chứng sinh'), 'the paper on its way is listed');
  await act(tlDesk, id, 'receive_papers', {}, 'transfer-originals-received');
  await act(tlDesk, id, 'assign', { unitCode: 'VHXH', assigneeId: await staffId(s!, 'tl.hotich') });

  tick(30);
  const tlSpecialist = await officer(s!, 'tl.hotich');
  await act(tlSpecialist, id, 'propose_result', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện; ghi chú nội bộ: đã đối chiếu' });
  await submitForSignature(s!, tlSpecialist, id, 'tl.chutich');
  const tlChair = await officer(s!, 'tl.chutich');
  await act(tlChair, id, 'approve', {}, 'transfer-signed');
  await act(tlSpecialist, id, 'issue_result', {}, 'transfer-issued');

  // The receiving desk follows: it sees the steps, not the competent commune's notes.
  await desk.goto(`/can-bo/ho-so/${id}`);
  await checkPage(desk, 'transfer-follower');
  assert.ok(!(await desk.locator('main').textContent())!.includes('ghi chú nội bộ'));
  assert.ok(await desk.isVisible('text=Đề xuất kết quả giải quyết'));

  tick(30);
  await act(tlDesk, id, 'send_papers', { papers: 'Giấy khai sinh (bản chính)', carrier: 'Cán bộ Nguyễn Văn An mang trực tiếp' }, 'transfer-result-sent');
  await desk.goto('/can-bo/lien-xa');
  await checkPage(desk, 'transfer-desk-list');
  await act(desk, id, 'receive_papers', {}, 'transfer-result-received');
  await act(desk, id, 'return_result', { channel: 'counter' }, 'transfer-returned');
  assert.ok(await desk.isVisible('text=Trả kết quả'));
});
