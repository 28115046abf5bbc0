// Counter intake records that the receiving officer checked the applicant's identity paper at the desk
// ("Đã kiểm tra giấy tờ tùy thân"); the box needs an ID number; without it nothing is recorded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { browserAs } from '../web/staff-browser.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';
const checks = (id: string) => t.db.selectFrom('desk_id_checks').selectAll().where('dossier_id', '=', id).execute();
const idOf = (location: string | undefined) => /\/can-bo\/ho-so\/([0-9a-f-]{36})/.exec(location ?? '')![1]!;

test('a counter dossier with "Đã kiểm tra giấy tờ tùy thân" ticked records the check, by whom and when', async () => {
  t.setNow('2026-12-07T08:00:00+07:00');
  const desk = await browserAs(t, 'motcua');
  const form = await desk.get('/can-bo/tiep-nhan');
  assert.match(form.body, /Đã kiểm tra giấy tờ tùy thân/);
  const ticked = await desk.submit(form, '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, name: 'Trương Thị Mai', idNumber: '001203001111', idChecked: 'yes', action: 'receive_counter' });
  assert.equal(ticked.status, 303, ticked.body);
  const rows = await checks(idOf(ticked.location));
  const officer = await t.db.selectFrom('staff').select('id').where('username', '=', 'motcua').executeTakeFirstOrThrow();
  assert.deepEqual(rows.map((r) => [r.checked_by, r.checked_at.toISOString()]), [[officer.id, '2026-12-07T01:00:00.000Z']]);

  const plain = await desk.submit(await desk.get('/can-bo/tiep-nhan'), '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, name: 'Trương Thị Mai', idNumber: '001203001111', action: 'receive_counter' });
  assert.equal(plain.status, 303);
  assert.deepEqual(await checks(idOf(plain.location)), []);
  t.setNow(null);
});

test('ticking the box without an ID number is an error on the form', async () => {
  const desk = await browserAs(t, 'motcua');
  const r = await desk.submit(await desk.get('/can-bo/tiep-nhan'), '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, name: 'Trương Thị Mai', idChecked: 'yes', action: 'receive_counter' });
  assert.equal(r.status, 422);
  assert.match(r.body, /Nhập số định danh cá nhân trên giấy tờ tùy thân đã kiểm tra/);
});
