// The population database out of reach (the provincial platform down: no stand-in started here, so the connection is
// refused): the portal's applicant step still works — a notice says the residence could not be fetched, the citizen
// types it, files, and the dossier records no use of population data. The failed lookup is still logged (the
// subject left for the platform): who, the purpose "Điền sẵn tờ khai", outcome failed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { procedureAt } from '../../src/catalogue/store.ts';
import { formPages } from '../../src/web/portal/eform.ts';
import { answer, textOf } from '../web/portal-support.ts';
import { HONG, loginAs } from '../identity/citizen-support.ts';

const t = await testApp({ standIns: ['identity'] });
t.setNow('2026-12-07T09:00:00+07:00');
const CODE = '2.000635';
const proc = (await procedureAt(t.db, CODE, new Date('2026-12-07T02:00:00Z')))!;

test('the platform down never blocks filing: a notice, the residence typed, the dossier filed without a use', async () => {
  assert.equal(t.outside.registries.standIn, false);
  const { b } = await loginAs(t, HONG);
  await b.get(`/nop-ho-so/${CODE}`);
  const base = (await b.post(`/nop-ho-so/${CODE}`)).location!.replace('/nguoi-nop', '');
  const draftId = base.split('/')[2]!;
  const page = await b.get(`${base}/nguoi-nop`);
  assert.equal(page.status, 200);
  const shown = textOf(page.body);
  assert.match(shown, /Chưa lấy được thông tin của bạn từ Cơ sở dữ liệu quốc gia về dân cư\. Bạn vui lòng tự nhập nơi cư trú/);
  assert.ok(!shown.includes('Lấy từ CSDL quốc gia về dân cư'));
  assert.doesNotMatch(page.body, /name="address"[^>]*value="[^"]+"/, 'nothing pre-filled');
  const log = await t.db.selectFrom('registry_lookups').select(['purpose', 'outcome', 'citizen_id', 'staff_id']).where('draft_id', '=', draftId).execute();
  assert.deepEqual(log.map((l) => [l.purpose, l.outcome, l.staff_id]), [['Điền sẵn tờ khai', 'failed', null]]);

  assert.equal((await b.post(`${base}/nguoi-nop`, { address: 'Thôn Đồng Tâm, xã Xuân Dương', phone: '0912 345 678', email: '' })).status, 303);
  for (const p of formPages(proc)) {
    await b.get(`${base}/to-khai/${p.n}`);
    assert.equal((await b.post(`${base}/to-khai/${p.n}`, Object.fromEntries(p.fields.map((f) => [f.name, answer(f)])))).status, 303);
  }
  await b.get(`${base}/giay-to`);
  assert.equal((await b.post(`${base}/giay-to`)).status, 303);
  await b.get(`${base}/kiem-tra`);
  const sent = await b.post(`${base}/nop`);
  assert.equal(sent.status, 303, textOf(sent.body).slice(0, 400));
  const id = (await t.db.selectFrom('drafts').select('submitted_dossier_id').where('id', '=', draftId).executeTakeFirstOrThrow()).submitted_dossier_id!;
  assert.ok(id, 'filed');
  assert.deepEqual(await t.db.selectFrom('dossier_registry_uses').selectAll().where('dossier_id', '=', id).execute(), []);
});
