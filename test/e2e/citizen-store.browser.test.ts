// The citizen's store in a real browser (JavaScript off, 360 px): Hồng's birth registration was returned with its
// signed e-result; she logs in with the stand-in e-identity, opens "Kho dữ liệu của tôi" from "Hồ sơ của tôi", finds
// the birth certificate, downloads it, makes a 7-day share link and the link opens in a fresh browser with no login;
// a week later it is closed (410). axe and reflow at 360 px on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { browserMissing, checkPage, site } from './browser.ts';
import { loginOnStandIn, phone } from './steps.ts';
import { KHAI_SINH, accepted, helpers, newCoverage } from '../dossiers/action-helpers.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site({ standIns: ['identity'] });

test('a returned result in the store: seen, downloaded, shared by a link that opens without login until it expires', { skip, timeout: 300_000 }, async () => {
  const t = s!.t;
  const { act, intake, staffId, submitAndSign } = helpers(t, newCoverage());
  const day = '2026-12-07';
  const d = await intake(KHAI_SINH, `${day}T08:00`, 'motcua', { applicant: { name: 'Lê Thị Hồng', idNumber: '001190004567', address: 'Thôn Đồng Tâm', phone: '0912345678' } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id as string;
  accepted(await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, `${day}T08:10`), 4);
  accepted(await act(id, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện, đề nghị đăng ký khai sinh', proposalOutcome: 'approve' }, `${day}T08:20`), 4);
  accepted(await submitAndSign(id, 'chutich', 'hotich', `${day}T08:30`), 4);
  accepted(await act(id, 'issue_result', 'hotich', {}, `${day}T09:00`), 9);
  accepted(await act(id, 'return_result', 'motcua', { channel: 'counter' }, `${day}T09:30`), 10);
  t.setNow(`${day}T10:00:00+07:00`);

  // She logs in and opens her store from "Hồ sơ của tôi".
  const citizen = await phone(s!);
  await citizen.goto('/ho-so-cua-toi');
  await citizen.getByRole('button', { name: 'Đăng nhập bằng VNeID' }).click();
  await loginOnStandIn(citizen);
  await citizen.waitForURL(/\/ho-so-cua-toi$/);
  await citizen.getByRole('link', { name: /Giấy tờ, kết quả đã được cấp/ }).click();
  await checkPage(citizen, 'store-list');
  const results = citizen.locator('ul[aria-label="Kết quả được cấp"] li');
  assert.equal(await results.count(), 1);
  const line = (await results.first().textContent()) ?? '';
  assert.match(line, /Giấy khai sinh/);
  assert.match(line, /Còn hiệu lực/);
  assert.match(line, /Ủy ban nhân dân xã Xuân Dương/);
  assert.match(line, /Ngày cấp 07\/12\/2026/);

  // The item: download it.
  await results.first().getByRole('link', { name: 'Giấy khai sinh' }).click();
  await checkPage(citizen, 'store-item');
  const [download] = await Promise.all([citizen.waitForEvent('download'), citizen.getByRole('button', { name: /^Tải về/ }).click()]);
  const pdf = fs.readFileSync((await download.path())!);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

  // A 7-day link, shown once.
  await citizen.getByLabel('7 ngày').check();
  await citizen.getByRole('button', { name: 'Tạo liên kết chia sẻ' }).click();
  await checkPage(citizen, 'store-item-shared');
  const link = await citizen.locator('#lien-ket').inputValue();
  assert.match(link, /\/chia-se\/[A-Za-z0-9_-]{43}$/);

  // Anyone with the link, in a fresh browser, no login.
  const other = await (await s!.context(360, { javaScript: false })).newPage();
  await other.goto(link);
  await checkPage(other, 'share-open');
  assert.match((await other.locator('h1').textContent()) ?? '', /Giấy khai sinh/);
  const [shared] = await Promise.all([other.waitForEvent('download'), other.getByRole('button', { name: /^Tải về/ }).click()]);
  assert.ok(fs.readFileSync((await shared.path())!).equals(pdf), 'the same file');
  await citizen.reload();
  assert.match((await citizen.locator('table').textContent()) ?? '', /Đang mở/);

  // A week later the link is closed, and says so.
  t.setNow('2026-12-14T10:00:00+07:00');
  const closed = await other.goto(link);
  assert.equal(closed?.status(), 410);
  assert.match((await other.locator('main').textContent()) ?? '', /Liên kết chia sẻ không còn hiệu lực/);
  await checkPage(other, 'share-closed');
});
