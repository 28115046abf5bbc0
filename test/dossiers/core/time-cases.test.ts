// Cases with their own statutory time (catalogue `timeVariants`), chosen at receipt or later with a reason: a marriage
// whose conditions need verification is due within 5 working days (Luật Hộ tịch 2014 Đ18 k2), bulk certified copies
// on the same day extended by at most 2 working days (NĐ 23/2015/NĐ-CP Đ21), counted after the 15:00 rule. The due
// times and the statutory `originalDueAt` (what 766 and the KPI compare with) follow the case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BASE_TIME_CASE, decide, type DecideContext, type DossierProjection } from '../../../src/dossiers/core/index.ts';
import type { ProcessingTime } from '../../../src/catalogue/core/types.ts';
import { computeDue, moveDue, resumeDue } from '../../../src/calendar/core/deadline.ts';
import { formatVn, parseVnTime } from '../../../src/calendar/core/vn-time.ts';
import { WorkCalendar } from '../../../src/calendar/core/working-time.ts';
import { timeCaseOptions } from '../../../src/dossiers/core/time-cases.ts';
import { HOUR, VHXH, citizen, head, officer, specialist, stubCtx } from './fixtures.ts';

const cal = WorkCalendar.national();
const SAME_DAY: ProcessingTime = { unit: 'same_day', value: 0 };

/** A context as the dossier service binds it, over the real calendar, for a procedure with these cases. */
function ctxFor(base: ProcessingTime, cases: Record<string, ProcessingTime>): DecideContext {
  const time = (c: string | null) => (c === null ? base : cases[c]);
  return stubCtx({
    computeDue: (at, c) => { const t = time(c); return t ? computeDue(at, t, cal).dueAt : null; },
    moveDue: (due, from, to) => moveDue(due, from, to, cal),
    resumeDue: (d, p, r) => resumeDue(d, p, r, cal),
  });
}
const MARRIAGE = ctxFor(SAME_DAY, { XAC_MINH: { unit: 'working_days', value: 5 } });
const COPIES = ctxFor(SAME_DAY, { NHIEU_BAN: { unit: 'same_day', value: 2 } });

function step(p: DossierProjection | null, type: Parameters<typeof decide>[1]['type'], actor: typeof officer, at: Date, ctx: DecideContext, payload = {}) {
  const r = decide(p, { type, actor, at, payload }, ctx);
  if (!r.ok) throw new Error(`${type}: ${r.error.code}`);
  return r.next;
}
const receive = (at: Date, ctx: DecideContext, timeCase?: string) =>
  step(null, 'receive_counter', officer, at, ctx, { applicantId: citizen.id, ...(timeCase ? { timeCase } : {}) });
const routed = (p: DossierProjection, at: Date, ctx: DecideContext) =>
  step(p, 'assign', officer, at, ctx, { unitCode: VHXH, assigneeId: specialist.id });
const vn = (d: Date | null) => (d ? formatVn(d) : null);

test('same day extended by n working days: the n-th working day after the same-day due day (NĐ 23/2015 Đ21)', () => {
  const t = { unit: 'same_day', value: 2 } as const;
  // Monday 10:00 → Wednesday 17:00; Monday 15:00:00 is still the same day; 15:00:01 → the next day, so Thursday.
  assert.equal(formatVn(computeDue(parseVnTime('2026-11-23T10:00'), t, cal).dueAt), '2026-11-25T17:00:00+07:00');
  assert.equal(formatVn(computeDue(parseVnTime('2026-11-23T15:00:00'), t, cal).dueAt), '2026-11-25T17:00:00+07:00');
  assert.equal(formatVn(computeDue(parseVnTime('2026-11-23T15:00:01'), t, cal).dueAt), '2026-11-26T17:00:00+07:00');
  // Friday 16:00 → Monday (the same-day due day) + 2 working days → Wednesday.
  assert.equal(formatVn(computeDue(parseVnTime('2026-11-27T16:00'), t, cal).dueAt), '2026-12-02T17:00:00+07:00');
  // Over the 2 September holiday (Wednesday 2 and Thursday 3 September 2026 are off): Tuesday 1 → Friday 4, Monday 7.
  assert.equal(formatVn(computeDue(parseVnTime('2026-09-01T10:00'), t, cal).dueAt), '2026-09-07T17:00:00+07:00');
});

test('property: a same-day time extended by n ends n working days after the plain same-day time', () => {
  const start = parseVnTime('2026-01-05T00:00').getTime();
  fc.assert(fc.property(fc.integer({ min: 0, max: 340 * 24 * 60 }), fc.integer({ min: 0, max: 5 }), (minutes, n) => {
    const at = new Date(start + minutes * 60_000);
    let day = formatVn(computeDue(at, SAME_DAY, cal).dueAt).slice(0, 10);
    for (let i = 0; i < n; i++) day = cal.nextWorkingDay(day);
    assert.equal(formatVn(computeDue(at, { unit: 'same_day', value: n }, cal).dueAt), `${day}T17:00:00+07:00`);
  }), { numRuns: 300 });
});

test('chosen at receipt: a marriage needing verification is due in 5 working days, not the same day', () => {
  const at = parseVnTime('2026-11-23T09:00'); // Monday
  assert.equal(vn(receive(at, MARRIAGE).dueAt), '2026-11-23T17:00:00+07:00');
  const p = receive(at, MARRIAGE, 'XAC_MINH');
  assert.equal(p.timeCase, 'XAC_MINH');
  assert.equal(vn(p.dueAt), '2026-11-30T09:00:00+07:00');
  assert.equal(vn(p.originalDueAt), '2026-11-30T09:00:00+07:00');
  assert.equal(receive(at, MARRIAGE, BASE_TIME_CASE).timeCase, null, 'the default case is stored as none');
});

test('bulk certified copies received at 16:00 on Friday are due on Wednesday', () => {
  assert.equal(vn(receive(parseVnTime('2026-11-27T16:00'), COPIES, 'NHIEU_BAN').dueAt), '2026-12-02T17:00:00+07:00');
});

test('a case the procedure does not have is refused, at receipt and later', () => {
  const r = decide(null, { type: 'receive_counter', actor: officer, at: parseVnTime('2026-11-23T09:00'), payload: { timeCase: 'NHIEU_BAN' } }, MARRIAGE);
  assert.equal(r.ok ? null : r.error.code, 'UNKNOWN_TIME_CASE');
  const p = receive(parseVnTime('2026-11-23T09:00'), MARRIAGE);
  const later = decide(p, { type: 'set_time_case', actor: officer, at: parseVnTime('2026-11-23T10:00'), payload: { timeCase: 'NHIEU_BAN', reason: 'x' } }, MARRIAGE);
  assert.equal(later.ok ? null : later.error.code, 'UNKNOWN_TIME_CASE');
});

test('set later by the specialist, with a reason: the due times move; the same case again is refused', () => {
  const ctx = MARRIAGE;
  let p = routed(receive(parseVnTime('2026-11-23T09:00'), ctx), parseVnTime('2026-11-23T09:30'), ctx);
  const noReason = decide(p, { type: 'set_time_case', actor: specialist, at: parseVnTime('2026-11-23T11:00'), payload: { timeCase: 'XAC_MINH' } }, ctx);
  assert.equal(noReason.ok ? null : noReason.error.code, 'MISSING_FIELD');
  p = step(p, 'set_time_case', specialist, parseVnTime('2026-11-23T11:00'), ctx, { timeCase: 'XAC_MINH', reason: 'Cần xác minh tình trạng hôn nhân tại nơi cư trú trước' });
  assert.equal(vn(p.dueAt), '2026-11-30T09:00:00+07:00', 'as if chosen at receipt: from the receipt, not from the change');
  assert.equal(vn(p.originalDueAt), '2026-11-30T09:00:00+07:00');
  const again = decide(p, { type: 'set_time_case', actor: specialist, at: parseVnTime('2026-11-23T12:00'), payload: { timeCase: 'XAC_MINH', reason: 'x' } }, ctx);
  assert.equal(again.ok ? null : again.error.code, 'TIME_CASE_UNCHANGED');
  // Back to the default time (verification not needed after all): the same day of receipt again.
  p = step(p, 'set_time_case', specialist, parseVnTime('2026-11-23T13:30'), ctx, { timeCase: BASE_TIME_CASE, reason: 'Không cần xác minh' });
  assert.equal(vn(p.dueAt), '2026-11-23T17:00:00+07:00');
});

test('who sets the case: the desk before routing, then the assigned specialist or the unit head; never after the apology', () => {
  const ctx = MARRIAGE;
  const received = receive(parseVnTime('2026-11-23T09:00'), ctx);
  const payload = { timeCase: 'XAC_MINH', reason: 'Cần xác minh' };
  const code = (p: DossierProjection, actor: typeof officer) => {
    const r = decide(p, { type: 'set_time_case', actor, at: parseVnTime('2026-11-23T10:00'), payload }, ctx);
    return r.ok ? 'ok' : r.error.code;
  };
  assert.equal(code(received, officer), 'ok');
  assert.equal(code(received, specialist), 'NOT_AT_YOUR_UNIT');
  assert.equal(code(received, { ...head, unitCode: officer.unitCode }), 'NOT_YET_PROCESSING');
  assert.equal(code(received, citizen), 'ROLE_NOT_ALLOWED');
  const p = routed(received, parseVnTime('2026-11-23T09:30'), ctx);
  assert.equal(code(p, { ...officer, unitCode: VHXH }), 'ONLY_AT_DESK');
  assert.equal(code(p, specialist), 'ok');
  assert.equal(code(p, head), 'ok');
  assert.equal(code(p, { ...specialist, id: 'cv-9' }), 'NOT_ASSIGNED_TO_YOU');
  const days = ctxFor({ unit: 'working_days', value: 3 }, { XAC_MINH: { unit: 'working_days', value: 8 } });
  let q = routed(receive(parseVnTime('2026-11-23T09:00'), days), parseVnTime('2026-11-23T09:30'), days);
  q = step(q, 'apologize_extend', head, parseVnTime('2026-11-24T09:00'), days, { reason: 'Chờ xác minh', newDueAt: parseVnTime('2026-12-04T17:00') });
  const r = decide(q, { type: 'set_time_case', actor: specialist, at: parseVnTime('2026-11-24T10:00'), payload }, days);
  assert.equal(r.ok ? null : r.error.code, 'TIME_CASE_AFTER_EXTENSION');
});

test('property: a case set later after a supplement pause gives the due time of the case chosen at receipt', () => {
  const ctx = ctxFor({ unit: 'working_days', value: 3 }, { XAC_MINH: { unit: 'working_days', value: 8 } });
  const monday = parseVnTime('2026-03-02T07:00').getTime();
  fc.assert(fc.property(
    fc.integer({ min: 0, max: 200 * 24 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 15 * 24 }), fc.integer({ min: 1, max: 48 }),
    (startH, pauseAfterH, pauseH, laterH) => {
      const at = new Date(monday + startH * HOUR);
      const pausedAt = new Date(at.getTime() + (1 + pauseAfterH) * HOUR);
      const resumedAt = new Date(pausedAt.getTime() + pauseH * HOUR);
      const run = (atReceipt: boolean) => {
        let p = routed(receive(at, ctx, atReceipt ? 'XAC_MINH' : undefined), new Date(at.getTime() + HOUR), ctx);
        if (+pausedAt >= +(p.dueAt as Date)) return null; // a pause after the due time credits nothing: not this property
        p = step(p, 'request_supplement', specialist, pausedAt, ctx, { items: ['Giấy xác nhận'], reason: 'Thiếu' });
        p = step(p, 'supplement_provided', citizen, resumedAt, ctx);
        if (!atReceipt) p = step(p, 'set_time_case', specialist, new Date(resumedAt.getTime() + laterH * HOUR), ctx, { timeCase: 'XAC_MINH', reason: 'Cần xác minh' });
        return p;
      };
      const chosen = run(true);
      const later = run(false);
      if (!chosen || !later) return;
      assert.equal(vn(later.originalDueAt), vn(chosen.originalDueAt));
      assert.equal(vn(later.dueAt), vn(chosen.dueAt));
    }), { numRuns: 200 });
});

test('the choices shown: the default case with its time first, then the procedure\'s cases; none for a single time', () => {
  const proc = { processingTime: SAME_DAY, timeVariants: [{ code: 'NHIEU_BAN', name: 'Nhiều bản', processingTime: { unit: 'same_day', value: 2 } as const }] };
  assert.deepEqual(timeCaseOptions(proc, 'direct').map((c) => [c.code, c.time]), [
    [BASE_TIME_CASE, 'Trong ngày (tiếp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)'],
    ['NHIEU_BAN', 'Trong ngày, kéo dài không quá 02 ngày làm việc'],
  ]);
  assert.deepEqual(timeCaseOptions({ processingTime: SAME_DAY }, 'direct'), []);
});
