// Issue 4 end to end in a real browser, with no outside service: a citizen logs in with the stand-in e-identity
// provider, files a fee-bearing procedure online (name and ID number come from the identity), pays the fee through
// the stand-in payment gateway, and the e-mail notice reaches the stand-in mailbox, where the one-stop officer reads
// it in the workspace. Every page: axe, reflow at 360 px, screenshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, site } from './browser.ts';
import { UUID, officer, openStatus, payThroughStandIn, phone, submitOnline } from './steps.ts';
import { deliverRound } from '../../src/notifications/worker.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site({ standIns: ['identity', 'payment', 'messaging'] });

test('log in with e-identity, file, pay online, get the e-mail notice', { skip, timeout: 480_000 }, async () => {
  const t = s!.t;
  // JavaScript on: the stand-in gateway's page is a plain form either way; the citizen's phone keeps 360 px.
  const citizen = await phone(s!);
  await citizen.goto('/ho-so-cua-toi');
  await citizen.getByRole('button', { name: 'Đăng nhập bằng VNeID' }).click();
  assert.ok(await citizen.isVisible('text=Nhà cung cấp định danh THỬ NGHIỆM – không phải VNeID'));
  await citizen.getByLabel(/Lê Thị Hồng/).check();
  await citizen.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await citizen.waitForURL(/\/ho-so-cua-toi$/);

  const { reference, id } = await submitOnline(s!, citizen, 'issue4', {
    query: 'xac nhan tinh trang hon nhan', procedure: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    applicant: { email: 'le.thi.hong@example.vn' },
  });
  const filed = await t.db.selectFrom('dossiers').select(['authenticated_with_eid', 'applicant_id_number']).where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(filed.authenticated_with_eid, true, 'filed with e-identity');
  assert.match(await citizen.textContent('main') ?? '', /lệ phí/i, 'the confirmation tells about the fee');

  // Pay the 10.000 đ fee from the status page, through the stand-in gateway.
  await openStatus(citizen, reference, '4567', 'issue4-status');
  await payThroughStandIn(citizen, 'issue4', '10.000 đồng');
  const paid = await t.db.selectFrom('dossier_payments').select('paid_online').where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.equal(paid.paid_online, true);
  const facts = await t.db.selectFrom('indicator_facts').select('counts').where('dossier_id', '=', id).executeTakeFirst();
  assert.ok(facts, 'indicator facts kept');

  // The officer receives the dossier; the notices go out through the stand-in SMTP server.
  const desk = await officer(s!, 'motcua');
  await desk.goto(`/can-bo/ho-so/${reference}`); // as the citizen reads it out: the reference opens the dossier
  assert.ok(desk.url().endsWith(`/can-bo/ho-so/${id}`), desk.url());
  await desk.locator('#form-receive_online button[type=submit]').click();
  assert.match(desk.url(), /ok=receive_online/);
  const round = await deliverRound({ db: t.db, now: () => new Date(), publicUrl: t.base, messaging: t.outside.messaging });
  assert.ok(round.delivered >= 2, `delivered ${JSON.stringify(round)}`);
  await desk.getByRole('link', { name: 'Thông báo' }).click();
  await checkPage(desk, 'issue4-notices');
  const rows = desk.locator('main tr', { hasText: 'le.thi.hong@example.vn' });
  assert.ok(await rows.count() >= 2, 'the receipt notice and the submission notice, by e-mail');
  const listed = await desk.textContent('main') ?? '';
  const { code } = await t.db.selectFrom('dossiers').select('code').where('id', '=', id).executeTakeFirstOrThrow();
  assert.ok(code && listed.includes(code), 'each notice names the dossier by its code');
  assert.doesNotMatch(listed, UUID, 'no internal id in the list');
  await rows.first().locator('a[href^="/can-bo/thong-bao/"]').first().click();
  await checkPage(desk, 'issue4-notice');
  const text = await desk.textContent('main') ?? '';
  assert.match(text, /Cấp Giấy xác nhận tình trạng hôn nhân/);
  assert.match(text, /tra-cuu\?ma=/, 'the status link');
  assert.ok(!text.includes('001190004567'), 'no ID number in a notice');
});
