// The centre comments pages: anonymous → login, the wrong role → 403, recording a secondment (errors kept in the
// form), the centre head's form (error summary with the typed values, draft, send once), and the comments inside the
// home unit head's appraisal form on the officer's KPI page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { passwordHash } from '../support/staff.ts';
import { browserAs, text } from '../web/staff-browser.ts';

const t = await testApp();
const P = '2026-11';
const BASE = '/can-bo/kpi/trung-tam';

test('secondment, the form with its errors, draft, send, and the appraisal page', async () => {
  const centre = await t.db.selectFrom('staff').select(['commune_id', 'unit_id', passwordHash()]).where('username', '=', 'motcua').executeTakeFirstOrThrow();
  const vhxh = (await t.db.selectFrom('staff').select('unit_id').where('username', '=', 'hotich').executeTakeFirstOrThrow()).unit_id!;
  const me = (await t.db.insertInto('staff').values({
    commune_id: centre.commune_id, unit_id: centre.unit_id, username: 'tiepnhan', full_name: 'Đinh Thị Hằng', title: 'Công chức Văn hóa - Xã hội', roles: ['receiving_officer'], password_hash: centre.password_hash,
  }).returning('id').executeTakeFirstOrThrow()).id;
  t.setNow('2026-12-02T08:00:00+07:00');

  const anon = await t.app.inject({ method: 'GET', url: BASE });
  assert.equal(anon.statusCode, 303);
  assert.match(String(anon.headers.location), /dang-nhap/);
  assert.equal((await (await browserAs(t, 'hotich')).get(`${BASE}?ky=${P}`)).status, 403);

  const head = await browserAs(t, 'giamdoc');
  let page = await head.get(`${BASE}?ky=${P}`);
  assert.equal(page.status, 200);
  assert.match(text(page.body), /Chưa ghi nhận việc cử đến nào/);
  // a secondment without a start, then with its end before its start: the summary, the typed values kept
  let r = await head.submit(page, `${BASE}/cu-den`, { staffId: String(me), homeUnitId: String(vhxh), startsOn: '' });
  assert.equal(r.status, 422);
  assert.match(r.body, /error-summary[\s\S]*Nhập ngày bắt đầu/);
  r = await head.submit(r, `${BASE}/cu-den`, { staffId: String(me), homeUnitId: String(vhxh), startsOn: '2026-06-01', endsOn: '2026-01-01', decision: 'QĐ 15' });
  assert.equal(r.status, 422);
  assert.match(r.body, /href="#sec-from"/);
  assert.match(r.body, /value="QĐ 15"/);
  r = await head.submit(r, `${BASE}/cu-den`, { staffId: String(me), homeUnitId: String(vhxh), startsOn: '2026-06-01', endsOn: '', decision: 'QĐ 15' });
  assert.equal(r.status, 303);
  page = await head.get(`${BASE}?ky=${P}`);
  assert.match(text(page.body), /Đinh Thị Hằng Phòng Văn hóa - Xã hội 01\/06\/2026 Chưa xác định QĐ 15/);

  // the form: sending without discipline and level shows the summary and keeps what was typed
  page = await head.get(`${BASE}/${me}?ky=${P}`);
  assert.equal(page.status, 200);
  assert.match(text(page.body), /Hồ sơ tiếp nhận/);
  r = await head.submit(page, `${BASE}/${me}`, { attitude: 'Niềm nở với người dân', action: 'send' });
  assert.equal(r.status, 422);
  assert.match(r.body, /href="#cc-discipline"/);
  assert.match(r.body, /href="#cc-level"/);
  assert.match(r.body, /Niềm nở với người dân/);
  r = await head.submit(r, `${BASE}/${me}`, { attitude: 'Niềm nở với người dân', action: 'save' });
  assert.equal(r.status, 303);
  page = await head.get(`${BASE}/${me}?ky=${P}`);
  assert.match(text(page.body), /Đã lưu nháp, chưa gửi/);
  const form = page;
  r = await head.submit(form, `${BASE}/${me}`, { attitude: 'Niềm nở với người dân', discipline: 'Đúng giờ', proposedRating: 'good', action: 'send' });
  assert.equal(r.status, 303);
  const replay = await head.submit(form, `${BASE}/${me}`, { attitude: 'Niềm nở với người dân', discipline: 'Đúng giờ', proposedRating: 'good', action: 'send' });
  assert.notEqual(replay.status, 500);
  assert.equal((await t.db.selectFrom('kpi_centre_comment_steps').select('id').execute()).length, 2, 'one save, one send');
  page = await head.get(`${BASE}/${me}?ky=${P}`);
  assert.match(text(page.body), /Đã gửi đơn vị chủ quản/);
  assert.doesNotMatch(page.body, /id="form-centre"/, 'final: no form');

  // the home unit's head: the comments inside the appraisal form, next to the general criteria
  const officer = await browserAs(t, 'tiepnhan');
  const self = await officer.get(`/can-bo/kpi?ky=${P}`);
  assert.match(text(self.body), /Nhận xét của Trung tâm Phục vụ hành chính công/);
  assert.equal((await officer.submit(self, '/can-bo/kpi/tu-danh-gia', { note: 'Hoàn thành.' })).status, 303);
  const unitHead = await browserAs(t, 'truongvhxh');
  const kpi = await unitHead.get(`/can-bo/kpi/can-bo/${me}?ky=${P}`);
  assert.equal(kpi.status, 200);
  const appraisal = kpi.body.slice(kpi.body.indexOf('id="form-appraise"'));
  assert.ok(appraisal.indexOf('Nhận xét của Trung tâm') > 0 && appraisal.indexOf('Nhận xét của Trung tâm') < appraisal.indexOf('Tiêu chí chung'), 'inside the form, before the criteria');
  assert.match(text(appraisal), /Niềm nở với người dân/);
  assert.match(text(appraisal), /không tự động thành điểm/);
  t.setNow(null);
});
