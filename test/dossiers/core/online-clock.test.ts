// An online dossier's statutory time counts from its filing (the next working time after it), not from the
// officer's receipt (NĐ 45/2020/NĐ-CP; NĐ 118/2025/NĐ-CP; domain.md §2.7 "Online filing outside office hours"): filed
// Tuesday 20:00 and received Thursday 10:00, a same-day matter is due Wednesday 17:00. A counter dossier's counts from
// its receipt; a supplement asked for before receipt moves the filing to when it came back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decide, type DecideContext, type DossierProjection } from '../../../src/dossiers/core/index.ts';
import { computeDue } from '../../../src/calendar/core/deadline.ts';
import { formatVn, parseVnTime } from '../../../src/calendar/core/vn-time.ts';
import { WorkCalendar } from '../../../src/calendar/core/working-time.ts';
import { DAY, DESK, HOUR, T0, citizen, officer, stubCtx } from './fixtures.ts';

function step(p: DossierProjection | null, type: Parameters<typeof decide>[1]['type'], actor: typeof officer, at: Date, ctx: DecideContext, payload = {}) {
  const r = decide(p, { type, actor, at, payload }, ctx);
  if (!r.ok) throw new Error(`${type}: ${r.error.code}`);
  return r.next;
}

const online = (filed: Date, received: Date, ctx = stubCtx()) =>
  step(step(null, 'submit_online', citizen, filed, ctx, { unitCode: DESK }), 'receive_online', officer, received, ctx);

test('an online dossier is due by its filing time, however late the officer receives it', () => {
  const p = online(T0, new Date(T0.getTime() + 3 * DAY));
  assert.equal(p.filedAt?.toISOString(), T0.toISOString());
  assert.equal(p.dueAt?.toISOString(), new Date(T0.getTime() + 5 * DAY).toISOString(), 'stub: 5 days from the filing');
  assert.equal(p.receivedAt?.toISOString(), new Date(T0.getTime() + 3 * DAY).toISOString(), 'the receipt time stays the click');
});

test('a counter dossier is due by its receipt time', () => {
  const at = new Date(T0.getTime() + 2 * HOUR);
  const p = step(null, 'receive_counter', officer, at, stubCtx(), { applicantId: citizen.id });
  assert.equal(p.filedAt, null);
  assert.equal(p.dueAt?.toISOString(), new Date(at.getTime() + 5 * DAY).toISOString());
});

test('a supplement asked for before receipt moves the filing to when it came back', () => {
  const ctx = stubCtx();
  let p = step(null, 'submit_online', citizen, T0, ctx, { unitCode: DESK });
  p = step(p, 'request_supplement_before_receipt', officer, new Date(T0.getTime() + HOUR), ctx, { items: ['Giấy chứng sinh'], reason: 'Thiếu giấy chứng sinh' });
  const back = new Date(T0.getTime() + 2 * DAY);
  p = step(p, 'supplement_provided', citizen, back, ctx);
  p = step(p, 'receive_online', officer, new Date(T0.getTime() + 3 * DAY), ctx);
  assert.equal(p.dueAt?.toISOString(), new Date(back.getTime() + 5 * DAY).toISOString());
});

test('filed Tuesday 20:00, received Thursday 10:00: a same-day birth registration is due Wednesday 17:00', () => {
  const cal = WorkCalendar.national();
  const ctx = stubCtx({ computeDue: (from) => computeDue(from, { unit: 'same_day', value: 0 }, cal).dueAt });
  const p = online(parseVnTime('2026-11-24T20:00'), parseVnTime('2026-11-26T10:00'), ctx);
  assert.equal(formatVn(p.dueAt!), '2026-11-25T17:00:00+07:00');
  const days = stubCtx({ computeDue: (from) => computeDue(from, { unit: 'working_days', value: 3 }, cal).dueAt });
  assert.equal(formatVn(online(parseVnTime('2026-11-24T20:00'), parseVnTime('2026-11-26T10:00'), days).dueAt!), '2026-11-27T17:00:00+07:00');
});

test('property: whenever it is received, an online dossier is due as computed from its filing', () => {
  const ctx = stubCtx();
  fc.assert(fc.property(fc.integer({ min: 0, max: 30 * 24 }), (hours) => {
    const p = online(T0, new Date(T0.getTime() + hours * HOUR), ctx);
    assert.equal(p.dueAt?.getTime(), ctx.computeDue(T0, null)?.getTime());
  }), { numRuns: 200 });
});
