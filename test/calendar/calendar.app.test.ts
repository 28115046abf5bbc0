// The calendar table drives the deadlines: shipped 2026 schedule, and a commune's own day off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';

const t = await testApp();

test('2026 as shipped: Saturday 22/8 is a swapped working day, 31/8 and 1–2/9 are off (TB 9441/TB-BNV)', async () => {
  const r = await call(t, 'GET', '/api/v1/calendar/2026');
  assert.equal(r.status, 200);
  const byDate = new Map((r.body as { date: string; type: string }[]).map((d) => [d.date, d.type]));
  assert.equal(byDate.get('2026-08-22'), 'SWAPPED_WORKDAY');
  assert.notEqual(byDate.get('2026-08-31'), undefined);
  assert.equal(byDate.get('2026-09-02'), 'HOLIDAY');
  assert.equal(byDate.get('2026-04-27'), 'COMPENSATORY_OFF');
});

test("a commune's own day off moves its deadlines, not another commune's", async () => {
  const day = { type: 'HOLIDAY', name: 'Nghỉ theo quyết định của UBND xã (thử nghiệm)', source: 'QĐ thử nghiệm' };
  assert.equal((await call(t, 'PUT', '/api/v1/calendar/days/2026-12-24', { as: 'admin', body: day })).status, 200);
  t.setNow('2026-12-23T15:30:00+07:00'); // Wednesday after 15:00 → next working day
  const mine = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal(mine.body.dueAt, '2026-12-25T10:00:00.000Z', 'Thursday 24 is off in Xuân Dương → Friday 17:00');
  const theirs = await call(t, 'POST', '/api/v1/dossiers', { as: 'tl.motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
  assert.equal(theirs.body.dueAt, '2026-12-24T10:00:00.000Z', 'Tân Lập works on the 24th');
  const list = (await call(t, 'GET', '/api/v1/calendar/2026?commune=tan-lap')).body as { date: string }[];
  assert.equal(list.some((d) => d.date === '2026-12-24'), false);
});

test('health reports the engine and the migration version', async () => {
  const r = await call(t, 'GET', '/health');
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'ok');
  assert.ok(r.body.database.migrationVersion >= 1);
});

test('office hours are the commune\'s to set; later deadlines follow them, invalid ones are refused', async () => {
  const body = { periods: [{ start: '07:30', end: '11:30' }, { start: '13:00', end: '17:00' }] };
  assert.equal((await call(t, 'PUT', '/api/v1/organisation/office-hours', { as: 'motcua', body })).status, 403);
  const bad = await call(t, 'PUT', '/api/v1/organisation/office-hours', { as: 'admin', body: { periods: [{ start: '13:00', end: '17:00' }, { start: '07:30', end: '11:30' }] } });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.code, 'OFFICE_HOURS_INVALID');
  assert.equal((await call(t, 'PUT', '/api/v1/organisation/office-hours', { as: 'admin', body })).status, 200);
  t.setNow('2026-12-02T07:10:00+07:00'); // before the new 07:30 start: counts from 07:30
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.004873', applicant: applicant() } });
  // 3 working days = 24 h from Wed 07:30 → Mon 07:30 + … : Wed 8 h, Thu 8 h, Fri 8 h → Fri 17:00.
  assert.equal(d.body.dueAt, '2026-12-04T10:00:00.000Z');
  const org = await call(t, 'GET', '/api/v1/organisation', { as: 'motcua' });
  assert.deepEqual(org.body.commune.officeHours, body.periods);
});
