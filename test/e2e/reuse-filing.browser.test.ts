// Issue 14, done when: a citizen who got a birth certificate from the commune files a second procedure that needs it
// ("Đăng ký thay đổi, cải chính hộ tịch", HT.LOCAL.001) and never uploads it again: logged in with e-identity, the
// file step offers the certificate from their data store first; chosen, it is the component's file; the dossier is
// submitted and the officer sees the file as reused. Every portal step at 360 px (axe, reflow: checkPage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { browserMissing, checkPage, expectAccessible, site } from './browser.ts';
import { clock, loginOnStandIn, officer, phone } from './steps.ts';
import { putFile } from '../../src/dossiers/uploads.ts';
import { insertItem } from '../../src/datastore/store.ts';
import { PDF } from '../web/portal-support.ts';

const skip = browserMissing ?? false;
const s = skip ? null : await site({ standIns: ['identity'] });
const HONG = '001190004567'; // the stand-in's Lê Thị Hồng

test('the birth certificate from the store stands for the civil-status paper: never uploaded, reused', { skip, timeout: 300_000 }, async () => {
  clock(s!, '2026-12-07T08:30:00+07:00');
  // The birth certificate the commune issued her, as the push on return puts it into her store.
  const sha256 = await putFile(s!.t.db, Buffer.concat([PDF, Buffer.from('% giay khai sinh\n')]), 'application/pdf');
  const { id: itemId } = await insertItem(s!.t.db, {
    ownerIdNumber: HONG, kind: 'result', typeCode: 'GIAY_KHAI_SINH', typeName: 'Giấy khai sinh', issuer: 'UBND xã Xuân Dương',
    numberSymbol: '15/2026/KS', validFrom: '2026-03-10', validTo: null, sha256, fileName: 'giay-khai-sinh-15-2026.pdf',
    sourceCommuneId: 'xuan-duong', sourceDossierId: null, sourceComponentCode: null, signedCode: null, legalRecord: true,
    at: new Date('2026-03-10T03:00:00Z'),
  });

  const page = await phone(s!);
  const shot = (n: string) => checkPage(page, `reuse-filing-${n}`);
  await page.goto('/nop-ho-so/HT.LOCAL.001');
  await page.getByRole('button', { name: 'Đăng nhập bằng định danh điện tử để nộp hồ sơ' }).click();
  await loginOnStandIn(page);
  await page.waitForURL(/\/nop-ho-so\/HT\.LOCAL\.001$/);
  await page.click('button:has-text("Bắt đầu")');
  await page.fill('#address', 'Thôn Đồng Tâm, xã Xuân Dương');
  await page.fill('#phone', '0912345678');
  await page.click('button:has-text("Lưu và tiếp tục")');
  for (let i = 0; i < 10 && page.url().includes('/to-khai/'); i++) {
    for (const input of await page.locator('main input[type=text][required], main textarea[required]').all()) {
      const id = (await input.getAttribute('id')) ?? '';
      await input.fill(/IdNumber/.test(id) ? '001226001234' : 'Nguyễn Thị Hồng');
    }
    for (const input of await page.locator('main input[type=date][required]').all()) await input.fill('2000-05-15');
    for (const select of await page.locator('main select[required]').all()) await select.selectOption({ index: 1 });
    for (const group of await page.locator('main fieldset').all()) {
      const first = group.locator('input[type=radio]').first();
      if (await first.count()) await first.check();
    }
    await page.click('button:has-text("Lưu và tiếp tục")');
  }
  assert.match(page.url(), /\/giay-to$/);

  // The file step: the certificate is offered first, in its component, with its number, issuer and date.
  const offer = page.locator('#kho-GIAY_TO_HO_TICH');
  assert.ok(await offer.isVisible(), 'offered');
  assert.match(await offer.textContent() ?? '', /Giấy khai sinh số 15\/2026\/KS, do UBND xã Xuân Dương cấp ngày 10\/03\/2026/);
  await shot('offered');
  await offer.getByRole('button', { name: /Dùng giấy tờ này/ }).click();
  assert.match(await page.textContent('main') ?? '', /Đã dùng giấy tờ trong kho dữ liệu của bạn: Giấy khai sinh số 15\/2026\/KS/);
  await shot('chosen');
  // The other papers are uploaded as usual; the certificate is not.
  for (const id of await page.locator('form.upload-form input[type=file][required]').evaluateAll((xs) => xs.map((x) => x.id))) {
    await page.setInputFiles(`#${id}`, { name: `${id.replace(/^file-/, '').toLowerCase()}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await page.click(`form.upload-form:has(#${id}) button:has-text("Tải lên")`);
  }
  await page.click('button:has-text("Tiếp tục")');
  assert.match(page.url(), /\/kiem-tra$/);
  await shot('check');
  await page.click('button:has-text("Xác nhận và gửi hồ sơ")');
  assert.match(page.url(), /\/da-nop$/);
  await shot('confirmation');
  const reference = (await page.locator('.panel strong').textContent())!.trim();
  const { id } = await s!.t.db.selectFrom('dossiers').select('id').where('reference', '=', reference).executeTakeFirstOrThrow();

  const files = await s!.t.db.selectFrom('dossier_files').select(['component_code', 'file_name', 'reused', 'from_store', 'store_item_id'])
    .where('dossier_id', '=', id).where('component_code', '=', 'GIAY_TO_HO_TICH').execute();
  assert.deepEqual(files, [{ component_code: 'GIAY_TO_HO_TICH', file_name: 'giay-khai-sinh-15-2026.pdf', reused: true, from_store: true, store_item_id: itemId }]);
  const uploads = await s!.t.db.selectFrom('draft_files').select('file_name').where('store_item_id', 'is', null)
    .where('file_name', 'like', 'giay-khai-sinh%').execute();
  assert.equal(uploads.length, 0, 'the birth certificate was never uploaded');

  // The officer's view of the dossier: the file, marked reused.
  const desk = await officer(s!, 'motcua');
  await desk.goto(`/can-bo/ho-so/${id}`);
  const component = desk.locator('#tp-GIAY_TO_HO_TICH');
  assert.match(await component.textContent() ?? '', /giay-khai-sinh-15-2026\.pdf.*tái sử dụng/s);
  await expectAccessible(desk, 'staff dossier with a reused file');
});
