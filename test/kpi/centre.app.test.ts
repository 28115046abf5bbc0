// The centre comments through the API (Hải Phòng QĐ 212/2025 Đ3 k7): an officer of Phòng Văn hóa - Xã hội seconded to
// the one-stop centre receives and returns dossiers in November 2026; the centre's head sees their figures, saves a
// draft and sends it, final, to the home unit's head, who reads it next to the officer's KPI. The permissions of every
// endpoint: the centre head writes, the officer and their home unit's head read, others 403, another commune 404;
// without a centre head, the leader writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { passwordHash } from '../support/staff.ts';
import { engine } from '../indicators/support.ts';

const t = await testApp();
const { intake, act, sign } = engine(t);
const P = '2026-11';
const staffRow = (username: string) => t.db.selectFrom('staff').select(['id', 'commune_id', 'unit_id', passwordHash()]).where('username', '=', username).executeTakeFirstOrThrow();

/** A receiving officer of the centre (as the desk requires: NOT_A_RECEIVING_UNIT otherwise), seconded from the unit of
 *  `homeOf`, recorded by `by` through the API. */
async function secondOfficer(username: string, fullName: string, centreOf: string, homeOf: string, by: string) {
  const centre = await staffRow(centreOf);
  const home = await staffRow(homeOf);
  const row = await t.db.insertInto('staff').values({
    commune_id: centre.commune_id, unit_id: centre.unit_id, username, full_name: fullName, title: 'Công chức Văn hóa - Xã hội', roles: ['receiving_officer'], password_hash: centre.password_hash,
  }).returning('id').executeTakeFirstOrThrow();
  const r = await call(t, 'POST', '/api/v1/kpi/secondments', { as: by, body: { staffId: row.id, homeUnitId: home.unit_id, startsOn: '2026-06-01', endsOn: '2027-05-31', decision: 'Quyết định số 15/QĐ-UBND ngày 25/5/2026' } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return row.id;
}

const FULL = { attitude: 'Niềm nở, hướng dẫn tận tình.', discipline: 'Chấp hành đúng giờ làm việc và nội quy Trung tâm.', proposedRating: 'good' };

test('November 2026: figures, draft, send (final), who reads, the KPI page\'s companion', async () => {
  const hotich = (await staffRow('hotich')).id;
  const motcua = (await staffRow('motcua')).id;
  const vhxh = (await staffRow('hotich')).unit_id!;
  const centre = (await staffRow('motcua')).unit_id!;
  // recording a secondment: the centre's head or the leader; the home unit is not the centre; real dates
  const body = { staffId: motcua, homeUnitId: vhxh, startsOn: '2026-06-01' };
  for (const [who, status] of [['truongvhxh', 403], ['motcua', 403], ['hotich', 403]] as const) {
    assert.equal((await call(t, 'POST', '/api/v1/kpi/secondments', { as: who, body })).status, status, who);
    assert.equal((await call(t, 'GET', '/api/v1/kpi/secondments', { as: who })).status, status, who);
  }
  for (const [b, code] of [[{ ...body, homeUnitId: centre }, 'HOME_UNIT_IS_CENTRE'], [{ ...body, endsOn: '2026-05-01' }, 'INVALID_DATES'], [{ ...body, staffId: 999999 }, 'UNKNOWN_STAFF']] as const) {
    const r = await call(t, 'POST', '/api/v1/kpi/secondments', { as: 'giamdoc', body: b });
    assert.deepEqual([r.status, r.body.code], [422, code]);
  }
  assert.equal((await call(t, 'POST', '/api/v1/kpi/secondments', { as: 'tl.giamdoc', body })).body.code, 'UNKNOWN_STAFF', 'another commune\'s officer');
  const me = await secondOfficer('tiepnhan', 'Đinh Thị Hằng', 'motcua', 'hotich', 'giamdoc');
  const listed = await call(t, 'GET', '/api/v1/kpi/secondments', { as: 'chutich' });
  assert.deepEqual(listed.body.map((x: { staffId: number; homeUnitName: string }) => [x.staffId, x.homeUnitName]), [[me, 'Phòng Văn hóa - Xã hội']]);
  // d1: received by the seconded officer, handled on time, returned by them; rated "không hài lòng", attitude "chưa tốt"
  const d1 = await intake('2026-11-09T09:00:00+07:00', 'tiepnhan');
  await act(d1, 'assign', 'tiepnhan', '2026-11-09T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(d1, 'propose_result', 'hotich', '2026-11-09T09:30:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  await sign(d1, 'chutich', '2026-11-09T10:00:00+07:00');
  await act(d1, 'issue_result', 'hotich', '2026-11-09T10:30:00+07:00');
  await act(d1, 'return_result', 'tiepnhan', '2026-11-09T11:00:00+07:00', { channel: 'counter' });
  await t.db.insertInto('ratings').values({ dossier_id: d1, overall: 'dissatisfied', criteria: JSON.stringify({ attitude: 0 }), comment: null, channel: 'kiosk', created_at: new Date('2026-11-09T11:05:00+07:00'), updated_at: new Date('2026-11-09T11:05:00+07:00') }).execute();
  // d2: received by them, handled the next day: late
  const d2 = await intake('2026-11-10T09:00:00+07:00', 'tiepnhan');
  await act(d2, 'assign', 'tiepnhan', '2026-11-10T09:10:00+07:00', { unitCode: 'VHXH' });
  await act(d2, 'propose_result', 'hotich', '2026-11-11T09:00:00+07:00', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện' });
  // d3: received by the centre's own officer: not theirs
  await intake('2026-11-12T09:00:00+07:00', 'motcua');
  t.setNow('2026-12-02T08:00:00+07:00');

  // the list: the centre's head (writes) and the leader (reads); the seconded officer only, not the centre's own staff
  const list = await call(t, 'GET', `/api/v1/kpi/centre-comments?period=${P}`, { as: 'giamdoc' });
  assert.equal(list.status, 200, JSON.stringify(list.body));
  assert.deepEqual([list.body.writer, list.body.canWrite], ['centre_head', true]);
  assert.deepEqual(list.body.rows.map((r: { staffId: number }) => r.staffId), [me]);
  assert.deepEqual([list.body.rows[0].received, list.body.rows[0].returned, list.body.rows[0].late, list.body.rows[0].status], [2, 1, 1, 'not_started']);
  const lead = await call(t, 'GET', `/api/v1/kpi/centre-comments?period=${P}`, { as: 'chutich' });
  assert.deepEqual([lead.status, lead.body.canWrite, lead.body.rows[0].status], [200, false, 'not_sent']);
  for (const who of ['truongvhxh', 'hotich', 'tiepnhan', 'motcua']) {
    const r = await call(t, 'GET', `/api/v1/kpi/centre-comments?period=${P}`, { as: who });
    assert.deepEqual([r.status, r.body.code], [403, 'FORBIDDEN'], who);
  }
  assert.equal((await call(t, 'GET', `/api/v1/kpi/centre-comments?period=${P}`)).status, 401);
  const theirs = await call(t, 'GET', `/api/v1/kpi/centre-comments?period=${P}`, { as: 'tl.giamdoc' });
  assert.deepEqual([theirs.status, theirs.body.rows.length], [200, 0], 'another commune: none of ours');

  // one officer: the figures filled in from the log, the rating
  const url = `/api/v1/kpi/officers/${me}/centre-comments`;
  const view = await call(t, 'GET', `${url}?period=${P}`, { as: 'giamdoc' });
  assert.equal(view.status, 200, JSON.stringify(view.body));
  assert.deepEqual(view.body.figures, { received: 2, refused: 0, supplementRequests: 0, returned: 1, settled: 2, onTime: 1, late: 1, ratings: 1, dissatisfied: 1, poorAttitude: 1, petitions: 0 });
  assert.deepEqual([view.body.secondment.homeUnitName, view.body.homeUnit.id, view.body.status, view.body.can], ['Phòng Văn hóa - Xã hội', vhxh, 'not_started', { write: true, send: true }]);
  assert.match(view.body.recipient, /Lê Thị Hoa/);
  for (const [who, status] of [['giamdoc', 200], ['tiepnhan', 200], ['truongvhxh', 200], ['chutich', 200], ['truongkt', 403], ['hotich', 403], ['motcua', 403], ['diachinh', 403], ['tl.chutich', 404], ['tl.giamdoc', 404]] as const) {
    assert.equal((await call(t, 'GET', `${url}?period=${P}`, { as: who })).status, status, who);
  }

  // save: the centre's head only (not the leader while the centre has a head, not the home unit, not the officer)
  for (const [who, status] of [['truongvhxh', 403], ['chutich', 403], ['tiepnhan', 403], ['motcua', 403], ['tl.giamdoc', 404]] as const) {
    assert.equal((await call(t, 'POST', url, { as: who, body: { period: P, attitude: 'x' } })).status, status, who);
  }
  assert.equal((await call(t, 'POST', url, { as: 'giamdoc', key: null, body: { period: P } })).status, 400, 'an Idempotency-Key is required');
  assert.equal((await call(t, 'POST', url, { as: 'giamdoc', body: { period: P, proposedRating: 'kha' } })).status, 400, 'the schema knows the four levels');
  const draft = await call(t, 'POST', url, { as: 'giamdoc', body: { period: P, attitude: FULL.attitude } });
  assert.equal(draft.status, 200, JSON.stringify(draft.body));
  assert.deepEqual([draft.body.status, draft.body.content.attitude, draft.body.content.discipline], ['draft', FULL.attitude, '']);
  const unsent = await call(t, 'GET', `${url}?period=${P}`, { as: 'truongvhxh' });
  assert.deepEqual([unsent.body.status, unsent.body.content, unsent.body.steps], ['not_sent', null, []], 'the draft is the writer\'s');
  for (const other of [hotich, motcua]) {
    const r = await call(t, 'POST', `/api/v1/kpi/officers/${other}/centre-comments`, { as: 'giamdoc', body: { period: P, attitude: 'x' } });
    assert.deepEqual([r.status, r.body.code], [422, 'NOT_SECONDED']);
  }

  // send: after the period, complete, once
  const early = await call(t, 'POST', `${url}/send`, { as: 'giamdoc', body: { period: '2026-12', ...FULL } });
  assert.deepEqual([early.status, early.body.code], [409, 'PERIOD_NOT_OVER']);
  const incomplete = await call(t, 'POST', `${url}/send`, { as: 'giamdoc', body: { period: P } });
  assert.deepEqual([incomplete.status, incomplete.body.code], [422, 'CENTRE_COMMENTS_INVALID']);
  assert.deepEqual(incomplete.body.errors.map((e: { path: string }) => e.path), ['/discipline', '/proposedRating'], 'the saved attitude is kept');
  assert.equal((await call(t, 'POST', `${url}/send`, { as: 'truongvhxh', body: { period: P, ...FULL } })).status, 403);
  const sent = await call(t, 'POST', `${url}/send`, { as: 'giamdoc', body: { period: P, discipline: FULL.discipline, proposedRating: 'good' } });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.deepEqual([sent.body.status, sent.body.frozen, sent.body.proposedRatingLabel, sent.body.can], ['sent', true, 'Hoàn thành tốt nhiệm vụ', { write: false, send: false }]);
  assert.deepEqual(sent.body.steps.map((s: { step: string; actorName: string }) => [s.step, s.actorName]), [['save', 'Bùi Thị Thu'], ['send', 'Bùi Thị Thu']]);
  for (const path of [url, `${url}/send`]) {
    const again = await call(t, 'POST', path, { as: 'giamdoc', body: { period: P, ...FULL } });
    assert.deepEqual([again.status, again.body.code], [409, 'CENTRE_COMMENTS_SENT'], path);
  }

  // the home unit's head and the officer read it; frozen: a later rating does not move the sent figures
  await t.db.insertInto('ratings').values({ dossier_id: d2, overall: 'dissatisfied', criteria: JSON.stringify({}), comment: null, channel: 'kiosk', created_at: new Date('2026-11-20T11:05:00+07:00'), updated_at: new Date('2026-11-20T11:05:00+07:00') }).execute();
  for (const who of ['truongvhxh', 'tiepnhan', 'chutich']) {
    const r = await call(t, 'GET', `${url}?period=${P}`, { as: who });
    assert.deepEqual([r.body.status, r.body.content.discipline, r.body.figures.dissatisfied], ['sent', FULL.discipline, 1], who);
  }

  // the KPI: the home unit's head (not the centre's) sees and appraises the seconded officer, with the comments next to it
  const kpi = await call(t, 'GET', `/api/v1/kpi/officers/${me}?period=${P}`, { as: 'truongvhxh' });
  assert.equal(kpi.status, 200, JSON.stringify(kpi.body));
  assert.deepEqual([kpi.body.centreComments.status, kpi.body.centreComments.content.attitude], ['sent', FULL.attitude]);
  assert.deepEqual([kpi.body.appraiser, kpi.body.secondedFrom], ['unit_head', { unitId: vhxh }]);
  assert.equal((await call(t, 'GET', `/api/v1/kpi/officers/${me}?period=2026-05`, { as: 'truongvhxh' })).status, 404, 'before the secondment: not theirs');
  assert.equal((await call(t, 'GET', `/api/v1/kpi/officers/${me}?period=${P}`, { as: 'truongkt' })).status, 404);
  const self = await call(t, 'POST', '/api/v1/kpi/self-assessment', { as: 'tiepnhan', body: { period: P, note: 'Tiếp nhận đúng quy trình.' } });
  assert.equal(self.status, 200, JSON.stringify(self.body));
  const GEN = { chinh_tri: 5, dao_duc: 5, van_hoa_cong_vu: 4, ky_luat: 3, trach_nhiem: 4, thai_do_phuc_vu: 3, doi_moi: 3 };
  const appraisal = { period: P, general: GEN, manual: { a: 100, b: 90, c: 90 } };
  assert.equal((await call(t, 'POST', `/api/v1/kpi/officers/${me}/appraisal`, { as: 'giamdoc', body: appraisal })).status, 403, 'the centre\'s head comments, does not appraise');
  const ap = await call(t, 'POST', `/api/v1/kpi/officers/${me}/appraisal`, { as: 'truongvhxh', body: appraisal });
  assert.equal(ap.status, 200, JSON.stringify(ap.body));
  assert.deepEqual([ap.body.result.general, ap.body.centreComments], [27, undefined], 'the comments inform; the manager\'s points are the manager\'s');
  const team = await call(t, 'GET', `/api/v1/kpi/team?period=${P}`, { as: 'truongvhxh' });
  assert.ok(team.body.rows.some((r: { staffId: number; status: string }) => r.staffId === me && r.status === 'appraised'), 'in the home unit\'s list');
  assert.equal((await call(t, 'GET', `/api/v1/kpi/me?period=${P}`, { as: 'tiepnhan' })).body.centreComments.status, 'sent');
  assert.equal((await call(t, 'GET', `/api/v1/kpi/officers/${hotich}?period=${P}`, { as: 'truongvhxh' })).body.centreComments, null);

  const api = await call(t, 'GET', '/openapi.json');
  for (const path of ['/api/v1/kpi/secondments', '/api/v1/kpi/centre-comments', '/api/v1/kpi/officers/{staffId}/centre-comments', '/api/v1/kpi/officers/{staffId}/centre-comments/send']) {
    assert.ok(api.body.paths[path], `${path} in the OpenAPI document`);
  }
  t.setNow(null);
});

test('a centre without a head: the leader records the secondment and writes the comments', async () => {
  await t.db.updateTable('staff').set({ roles: ['receiving_officer'] }).where('username', '=', 'tl.giamdoc').execute();
  const me = await secondOfficer('tl.tiepnhan', 'Mai Văn Khôi', 'tl.motcua', 'tl.hotich', 'tl.chutich');
  t.setNow('2026-12-02T08:00:00+07:00');
  const list = await call(t, 'GET', `/api/v1/kpi/centre-comments?period=${P}`, { as: 'tl.chutich' });
  assert.deepEqual([list.status, list.body.writer, list.body.canWrite, list.body.rows.map((r: { staffId: number }) => r.staffId)], [200, 'leader', true, [me]]);
  assert.equal((await call(t, 'GET', `/api/v1/kpi/centre-comments?period=${P}`, { as: 'tl.giamdoc' })).status, 403);
  assert.equal((await call(t, 'POST', `/api/v1/kpi/officers/${me}/centre-comments`, { as: 'tl.giamdoc', body: { period: P, attitude: 'x' } })).status, 403);
  const sent = await call(t, 'POST', `/api/v1/kpi/officers/${me}/centre-comments/send`, { as: 'tl.chutich', body: { period: P, ...FULL } });
  assert.deepEqual([sent.status, sent.body.status, sent.body.figures.received], [200, 'sent', 0]);
  assert.equal((await call(t, 'GET', `/api/v1/kpi/officers/${me}/centre-comments?period=${P}`, { as: 'tl.truongvhxh' })).body.content.proposedRating, 'good');
  t.setNow(null);
});
