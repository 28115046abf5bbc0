// The whole online journey in a real browser: a citizen finds "Đăng ký khai sinh" without diacritics and submits
// it online with an upload; the one-stop officer receives it and routes it; the specialist asks for a supplement;
// the citizen supplements from the status page; the specialist proposes and sends the draft, which the citizen
// corrects then confirms; the leader approves, the result is
// issued and returned; the citizen sees it and rates the service. Every page: axe, reflow, screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { PDF, act, checkDraft, clock, officer, openFromInbox, openStatus, phone, submitBirthRegistration, staffId, submitForSignature } from './steps.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site({ standIns: ['identity'] }); // the citizen files online with e-identity

test('online birth registration from search to rating, with a supplement on the way', { skip, timeout: 600_000 }, async () => {
  const tick = clock(s!, '2026-12-07T08:30:00+07:00');
  const citizen = await phone(s!);
  const { id } = await submitBirthRegistration(s!, citizen, 'journey');

  // The one-stop officer receives it (the dossier code is issued) and routes it to the civil-status officer.
  tick(15);
  const desk = await officer(s!, 'motcua');
  await openFromInbox(desk, id, 'staff-desk');
  await act(desk, id, 'receive_online', {}, 'staff-desk-received');
  const code = /000\.DEMO\.XD\.[A-Z0-9]+-\d{6}-\d{4}/.exec((await desk.locator('main').textContent())!)?.[0] ?? '';
  assert.match(code, /^000\.DEMO\.XD\.H55-261207-\d{4}$/, `dossier code: ${code}`);
  tick(10);
  await act(desk, id, 'assign', { unitCode: 'VHXH', assigneeId: await staffId(s!, 'hotich') }, 'staff-desk-assigned');

  // The specialist finds it in the unit's inbox and asks for a clearer birth certificate.
  tick(30);
  const specialist = await officer(s!, 'hotich');
  await openFromInbox(specialist, id, 'staff-specialist');
  await act(specialist, id, 'request_supplement', {
    reason: 'Ảnh giấy chứng sinh bị mờ, không đọc được',
    items: 'Giấy chứng sinh (ảnh rõ nét, đủ 4 góc)',
  }, 'staff-specialist-supplement');

  // The citizen looks the dossier up by its code, sees what is missing, uploads it and sends the supplement.
  tick(60);
  await openStatus(citizen, code, '4567', 'journey-supplement');
  assert.ok(await citizen.isVisible('text=Bạn cần bổ sung hồ sơ'));
  assert.ok(await citizen.isVisible('text=Giấy chứng sinh (ảnh rõ nét, đủ 4 góc)'));
  await citizen.setInputFiles('#tep', { name: 'giay-chung-sinh-ro.pdf', mimeType: 'application/pdf', buffer: PDF });
  await citizen.click('form.upload-form button:has-text("Tải lên")');
  assert.ok(await citizen.isVisible('text=giay-chung-sinh-ro.pdf'), 'the uploaded file is listed');
  await checkPage(citizen, 'journey-supplement-uploaded');
  await citizen.fill('#ghi_chu', 'Đã chụp lại giấy chứng sinh');
  await citizen.click('button:has-text("Gửi hồ sơ bổ sung")');
  await checkPage(citizen, 'journey-supplement-sent');
  assert.ok(await citizen.isVisible('text=Đang xử lý'), 'back to processing');

  // Propose → approve → issue → return.
  tick(60);
  await specialist.goto(`/can-bo/ho-so/${id}`);
  assert.ok(await specialist.isVisible('text=giay-chung-sinh-ro.pdf'), 'the specialist sees the supplemented file');
  await act(specialist, id, 'propose_result', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện, đề nghị đăng ký khai sinh' });
  // Online civil status: the citizen checks the draft birth certificate (a correction first, then confirms it).
  tick(5);
  await checkDraft(specialist, citizen, id, () => openStatus(citizen, code, '4567', 'journey-draft-lookup'), 'journey', 'Tên đệm của cháu là Minh, không phải Mính');
  tick(5);
  await submitForSignature(s!, specialist, id, 'chutich');
  tick(30);
  const leader = await officer(s!, 'chutich');
  await openFromInbox(leader, id, 'staff-leader');
  await act(leader, id, 'approve', {}, 'staff-leader-approved');
  tick(10);
  await act(specialist, id, 'issue_result');
  tick(30);
  await act(desk, id, 'return_result', { channel: 'counter' }, 'staff-desk-returned');
  assert.ok(await desk.isVisible('text=Hồ sơ đã kết thúc, không còn thao tác nào'));
  const receipt = await desk.request.get(`/api/v1/dossiers/${id}/documents/receipt`);
  assert.equal(receipt.status(), 200);
  assert.equal(receipt.headers()['content-type'], 'application/pdf');

  // The citizen sees the result and rates the service.
  tick(60);
  await openStatus(citizen, code, '4567', 'journey-result');
  assert.ok(await citizen.isVisible('text=Đã trả kết quả'));
  assert.ok(await citizen.isVisible('text=Kết quả đã được trả cho bạn'));
  await citizen.getByRole('link', { name: 'Đánh giá mức độ hài lòng của bạn' }).click();
  await checkPage(citizen, 'journey-rating');
  await citizen.locator('input[name="muc_do"]').first().check();
  await citizen.fill('#y_kien', 'Cán bộ hướng dẫn tận tình');
  await citizen.click('button:has-text("Gửi đánh giá")');
  await checkPage(citizen, 'journey-rated');
  const rating = await s!.t.db.selectFrom('ratings').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(rating.comment, 'Cán bộ hướng dẫn tận tình');
});
