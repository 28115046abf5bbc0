// The personal-data request's rules (pure): the transition table, who may answer, and the 2-working-day clock over
// a weekend and holidays (NĐ 356/2025); the retention data (every purged kind has a period, legal records none).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from '../../src/calendar/core/working-time.ts';
import type { CalendarDay } from '../../src/calendar/core/days.ts';
import { REQUEST_ACTIONS, TRANSITIONS, allowedActions, decide, dueAt, isOverdue } from '../../src/privacy/core/request.ts';
import { KEEP_DAYS } from '../../src/web/portal/drafts.ts';
import { IDEMPOTENCY_TTL_HOURS } from '../../src/http/idempotency.ts';
import { RETENTION_VERSIONS, cutoffOf, purgedKinds, retentionAt, ruleOf } from '../../src/privacy/core/retention.ts';

const day = (date: string, type: CalendarDay['type']): CalendarDay => ({ date, type, name: date, source: 'test', scope: 'national' });
// Quốc khánh 2026 (TB 9441/TB-BNV): Mon 31/8 off (swapped with Sat 22/8), Tue 1/9 and Wed 2/9 holidays.
const cal = new WorkCalendar([day('2026-08-22', 'SWAPPED_WORKDAY'), day('2026-08-31', 'COMPENSATORY_OFF'), day('2026-09-01', 'HOLIDAY'), day('2026-09-02', 'HOLIDAY')]);

test('due 2 working days after receipt: over a weekend and the National Day holidays', () => {
  // Fri 28/8 10:00: 5 h left that day, nothing until Thu 3/9 (8 h), then 3 h on Fri 4/9 → 10:00.
  assert.equal(dueAt(new Date('2026-08-28T10:00:00+07:00'), cal).toISOString(), new Date('2026-09-04T10:00:00+07:00').toISOString());
  // Received on Saturday evening: the clock starts Monday 07:00 → due Tuesday 17:00.
  assert.equal(dueAt(new Date('2026-10-10T20:00:00+07:00'), cal).toISOString(), new Date('2026-10-13T17:00:00+07:00').toISOString());
  // A plain Tuesday 14:00 → Thursday 14:00.
  assert.equal(dueAt(new Date('2026-10-13T14:00:00+07:00'), cal).toISOString(), new Date('2026-10-15T14:00:00+07:00').toISOString());
});

test('the transition table: the citizen submits, a leader or administrator answers once', () => {
  const citizen = { kind: 'citizen' as const, roles: [] };
  const leader = { kind: 'staff' as const, roles: ['leader'] };
  const admin = { kind: 'staff' as const, roles: ['admin'] };
  const officer = { kind: 'staff' as const, roles: ['receiving_officer', 'specialist'] };
  assert.deepEqual(decide(null, 'submit', citizen), { ok: true, to: 'received' });
  assert.equal(decide(null, 'submit', leader).ok, false, 'staff do not submit for a citizen');
  assert.deepEqual(decide('received', 'complete', leader, { answer: 'Đã sửa địa chỉ.' }), { ok: true, to: 'done' });
  assert.deepEqual(decide('received', 'refuse', admin, { answer: 'Hồ sơ lưu trữ theo quy định.' }), { ok: true, to: 'refused' });
  assert.deepEqual(pick(decide('received', 'complete', officer, { answer: 'Đã sửa.' })), [403, 'FORBIDDEN']);
  assert.deepEqual(pick(decide('received', 'complete', citizen, { answer: 'Đã sửa.' })), [403, 'FORBIDDEN']);
  assert.deepEqual(pick(decide('done', 'refuse', leader, { answer: 'Không được.' })), [409, 'PRIVACY_REQUEST_ANSWERED']);
  assert.deepEqual(pick(decide('received', 'refuse', leader, { answer: ' ' })), [422, 'ANSWER_REQUIRED']);
  assert.deepEqual(allowedActions('received', leader), ['complete', 'refuse']);
  assert.deepEqual(allowedActions('refused', leader), []);
  assert.deepEqual(allowedActions('received', officer), []);
  // Every action's table row is reachable, and nothing leaves an answered request.
  for (const a of REQUEST_ACTIONS) assert.ok(TRANSITIONS[a]);
  for (const s of ['done', 'refused'] as const) assert.ok(REQUEST_ACTIONS.every((a) => TRANSITIONS[a].from !== s));
});

test('overdue: open after its due time only', () => {
  const due = new Date('2026-09-04T03:00:00Z');
  assert.equal(isOverdue({ status: 'received', due_at: due }, new Date('2026-09-04T03:00:01Z')), true);
  assert.equal(isOverdue({ status: 'received', due_at: due }, due), false);
  assert.equal(isOverdue({ status: 'done', due_at: due }, new Date('2027-01-01T00:00:00Z')), false);
});

test('retention: legal records are never purged, every other kind has a period; effective-dated', () => {
  const v = retentionAt('2026-12-07');
  assert.equal(v, RETENTION_VERSIONS[0]);
  for (const k of ['dossiers', 'dossier_events', 'payments', 'access_log', 'admin_audit', 'privacy_requests'] as const) {
    assert.equal(ruleOf(v, k).hours, null, k);
    assert.equal(cutoffOf(ruleOf(v, k), new Date()), null);
  }
  assert.ok(purgedKinds(v).every((r) => r.hours! >= 0 && r.basis && r.period));
  assert.equal(ruleOf(v, 'drafts').hours, KEEP_DAYS * 24, 'the portal\'s own draft rule');
  // The page states the period the stored responses' own expiry applies (the purge calls that expiry).
  assert.equal(ruleOf(v, 'idempotency_keys').hours, IDEMPOTENCY_TTL_HOURS);
  assert.equal(cutoffOf(ruleOf(v, 'drafts'), new Date('2026-12-31T00:00:00Z'))!.toISOString(), '2026-12-01T00:00:00.000Z');
});

const pick = (d: ReturnType<typeof decide>) => (d.ok ? [] : [d.httpStatus, d.code]);
