// The control sheet's pure rules: step budgets start at receipt, pauses move them, hand-overs are judged
// against them, and once the steps are used up against the dossier's due time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkCalendar } from '../../src/calendar/core/index.ts';
import type { ProcessStep } from '../../src/catalogue/core/types.ts';
import { advance, type StepPosition } from '../../src/dossiers/control-sheet.ts';
import { decide, type ActionEvent, type DecideContext, type DossierProjection } from '../../src/dossiers/core/index.ts';

const cal = WorkCalendar.forYears(2026, 2026);
const vn = (s: string) => new Date(`${s}+07:00`);
const steps: ProcessStep[] = [
  { code: 'TIEP_NHAN', name: 'Tiếp nhận', role: 'reception', hours: 2 },
  { code: 'THAM_DINH', name: 'Thẩm định', role: 'specialist', hours: 8 },
];
const ctx: DecideContext = {
  computeDue: (t) => cal.addWorkingDays(t, 3),
  moveDue: (d) => d, // no change of case in these commands
  draftConfirmation: false,
  draftWindowOver: () => true,
  receivableAnywhere: false,
  receiptDue: (t) => cal.addWorkingDays(t, 1),
  resumeDue: (d) => d, // no pauses in these commands
  canSetNewAppointment: () => true,
  pausingStates: ['supplement'],
  allowSecondSupplement: false,
};
const officer = { id: '1', role: 'receiving_officer' as const, unitCode: 'TTPVHCC' };
const specialist = { id: '2', role: 'specialist' as const, unitCode: 'VHXH' };

function run(p: DossierProjection | null, pos: StepPosition, cmd: Parameters<typeof decide>[1]) {
  const r = decide(p, cmd, ctx);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.error));
  const out = advance(pos, steps, p, r.next, r.event as ActionEvent, cal);
  return { next: r.next, ...out };
}

test('receipt starts the first step; a hand-over inside its budget is on time, after it late; the next step starts', () => {
  const a = run(null, { index: null, dueAt: null }, { type: 'receive_counter', actor: officer, at: vn('2026-11-25T09:00:00') });
  assert.deepEqual(a.pos, { index: 0, dueAt: vn('2026-11-25T11:00:00') });
  assert.equal(a.handover, null);
  const b = run(a.next, a.pos, { type: 'assign', actor: officer, at: vn('2026-11-25T10:30:00'), payload: { unitCode: 'VHXH' } });
  assert.equal(b.handover?.result, 'on_time');
  assert.equal(b.handover?.stepCode, 'TIEP_NHAN');
  assert.deepEqual(b.pos, { index: 1, dueAt: vn('2026-11-26T10:30:00') }, '8 working hours from 10:30 skip the lunch break');
  const c = run(b.next, b.pos, { type: 'forward', actor: specialist, at: vn('2026-11-26T14:00:00'), payload: { unitCode: 'KT' } });
  assert.equal(c.handover?.result, 'late');
  assert.equal(c.pos.dueAt, null, 'no more budgeted steps');
});

test('an early hand-over is one done on an earlier day than the step end', () => {
  const a = run(null, { index: null, dueAt: null }, { type: 'receive_counter', actor: officer, at: vn('2026-11-25T16:30:00') });
  assert.deepEqual(a.pos.dueAt, vn('2026-11-26T08:30:00'));
  const b = run(a.next, a.pos, { type: 'assign', actor: officer, at: vn('2026-11-25T16:45:00'), payload: { unitCode: 'VHXH' } });
  assert.equal(b.handover?.result, 'early');
});

test('once the steps are used up, hand-overs are judged against the dossier due time', () => {
  const p = { dueAt: vn('2026-11-27T17:00:00'), pausedAt: null } as unknown as DossierProjection;
  const event = { changes: {}, at: vn('2026-11-30T08:00:00'), handover: { fromUnit: 'VHXH', toUnit: 'TTPVHCC', fromAssigneeId: null, toAssigneeId: null, at: vn('2026-11-30T08:00:00') } } as unknown as ActionEvent;
  const r = advance({ index: 2, dueAt: null }, steps, p, p, event, cal);
  assert.equal(r.handover?.result, 'late');
  assert.equal(r.handover?.stepCode, null);
});

test('a pause that ends moves the step end by the paused working time', () => {
  const prev = { pausedAt: vn('2026-11-26T09:00:00') } as unknown as DossierProjection;
  const next = { pausedAt: null } as unknown as DossierProjection;
  const event = { changes: {}, at: vn('2026-11-27T09:00:00'), handover: null } as unknown as ActionEvent;
  const r = advance({ index: 1, dueAt: vn('2026-11-26T10:30:00') }, steps, prev, next, event, cal);
  assert.deepEqual(r.pos.dueAt, vn('2026-11-27T10:30:00'), 'one working day paused → one working day later');
});
