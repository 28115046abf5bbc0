// The status rules of a unit's submission and the late count in working days: hand fixtures and properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkCalendar } from '../../src/calendar/core/index.ts';
import { missingSections, normalizeContent, tasksFromLines } from '../../src/reform/reports/core/content.ts';
import { lastDayToSubmit, lateWorkingDays } from '../../src/reform/reports/core/lateness.ts';
import { defaultDueDate, defaultTitle } from '../../src/reform/reports/core/period.ts';
import {
  REPORT_ACTIONS, REPORT_STATUSES, allowedActions, checkStep, nextStatus, type Actor, type ReportAction, type ReportStatus,
} from '../../src/reform/reports/core/status.ts';

const KT = 3;
const head: Actor = { roles: ['unit_head'], unitId: KT };
const specialist: Actor = { roles: ['specialist'], unitId: KT };
const coordinator: Actor = { roles: ['unit_head', 'cchc_coordinator'], unitId: 2 };
const leader: Actor = { roles: ['leader'], unitId: 1 };
const full = { areas: { procedures: 'Đã rà soát 10 thủ tục.' } };

test('hand fixtures: the path nháp → đã nộp → trả lại → đã nộp lại → đã chấp nhận', () => {
  assert.equal(nextStatus('draft', 'submit'), 'submitted');
  assert.equal(nextStatus('submitted', 'return'), 'returned');
  assert.equal(nextStatus('returned', 'save'), 'returned');
  assert.equal(nextStatus('returned', 'submit'), 'resubmitted');
  assert.equal(nextStatus('resubmitted', 'accept'), 'accepted');
  assert.equal(nextStatus('draft', 'accept'), null);
  assert.equal(nextStatus('submitted', 'save'), null);
  assert.deepEqual(allowedActions('draft', head, KT), ['save', 'submit']);
  assert.deepEqual(allowedActions('draft', specialist, KT), ['save']);
  assert.deepEqual(allowedActions('draft', coordinator, KT), []);
  assert.deepEqual(allowedActions('submitted', coordinator, KT), ['return', 'accept']);
  assert.deepEqual(allowedActions('submitted', leader, KT), []);
  const ev = checkStep('returned', 'submit', head, KT, { isPlan: false, content: full });
  assert.deepEqual(ev, { ok: true, status: 'resubmitted', event: 'resubmitted' });
});

test('hand fixtures: 403 for the role, then 409 for the status, then 422 for what is missing', () => {
  assert.deepEqual(pick(checkStep('draft', 'submit', specialist, KT, { isPlan: false, content: full })), [403, 'FORBIDDEN']);
  assert.deepEqual(pick(checkStep('draft', 'return', head, KT, { isPlan: false, content: full, reasons: 'x' })), [403, 'FORBIDDEN']);
  assert.deepEqual(pick(checkStep('draft', 'save', head, 99, { isPlan: false, content: {} })), [403, 'FORBIDDEN']);
  assert.deepEqual(pick(checkStep('accepted', 'return', coordinator, KT, { isPlan: false, content: full, reasons: 'x' })), [409, 'REPORT_STEP_NOT_ALLOWED']);
  assert.deepEqual(pick(checkStep('submitted', 'return', coordinator, KT, { isPlan: false, content: full, reasons: '   ' })), [422, 'REASONS_REQUIRED']);
  assert.deepEqual(pick(checkStep('draft', 'submit', head, KT, { isPlan: false, content: {} })), [422, 'CONTENT_INCOMPLETE']);
  assert.deepEqual(pick(checkStep('draft', 'submit', head, KT, { isPlan: true, content: { direction: 'x' } })), [422, 'CONTENT_INCOMPLETE']);
  assert.equal(checkStep('draft', 'submit', head, KT, { isPlan: true, content: { direction: 'x', tasks: tasksFromLines('procedures', 'Rà soát TTHC\n\n Số hóa kết quả ') } }).ok, true);
});

const pick = (o: ReturnType<typeof checkStep>) => (o.ok ? [200, o.status] : [o.httpStatus, o.code]);

const status = fc.constantFrom(...REPORT_STATUSES);
const action = fc.constantFrom(...REPORT_ACTIONS);
const actor = fc.record({
  roles: fc.subarray(['unit_head', 'specialist', 'receiving_officer', 'leader', 'cchc_coordinator', 'admin']),
  unitId: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
});
const content = fc.record({ direction: fc.option(fc.string(), { nil: undefined }), areas: fc.option(fc.record({ procedures: fc.string() }), { nil: undefined }) });

test('property: nothing leaves "accepted"; every allowed step leads to a known status', () => {
  fc.assert(fc.property(action, actor, fc.integer({ min: 1, max: 6 }), content, fc.string(), (a, who, unit, c, reasons) => {
    assert.equal(nextStatus('accepted', a), null);
    assert.equal(checkStep('accepted', a, who, unit, { isPlan: false, content: c, reasons }).ok, false);
    assert.deepEqual(allowedActions('accepted', who, unit), []);
  }));
  fc.assert(fc.property(status, action, (s, a) => {
    const n = nextStatus(s, a);
    assert.ok(n === null || (REPORT_STATUSES as readonly string[]).includes(n));
  }));
});

test('property: a return needs reasons; only the coordinator reviews; only the own unit\'s head submits', () => {
  fc.assert(fc.property(status, action, actor, fc.integer({ min: 1, max: 6 }), fc.constantFrom('', ' ', '\n\t'), (s, a, who, unit, blank) => {
    const o = checkStep(s, a, who, unit, { isPlan: false, content: full, reasons: blank });
    if (a === 'return') assert.equal(o.ok, false);
    if (o.ok && (a === 'return' || a === 'accept')) assert.ok(who.roles.includes('cchc_coordinator'));
    if (o.ok && a === 'submit') assert.ok(who.roles.includes('unit_head') && who.unitId === unit);
    if (o.ok && a === 'save') assert.equal(who.unitId, unit);
  }));
});

test('property: the status machine only moves forward along draft/returned → submitted/resubmitted → returned/accepted', () => {
  const order: Record<ReportStatus, ReportAction[]> = { draft: ['save', 'submit'], returned: ['save', 'submit'], submitted: ['return', 'accept'], resubmitted: ['return', 'accept'], accepted: [] };
  fc.assert(fc.property(status, action, (s, a) => {
    assert.equal(nextStatus(s, a) !== null, order[s].includes(a));
  }));
});

test('content: trimmed, empty sections dropped, unknown areas ignored; what is missing', () => {
  const c = normalizeContent({ direction: '  ', areas: { procedures: ' Kết quả ', unknown: 'x' } as never, tasks: [{ area: 'procedures', text: ' ' }], proposals: 'Không' });
  assert.deepEqual(c, { areas: { procedures: 'Kết quả' }, proposals: 'Không' });
  assert.deepEqual(missingSections(false, {}), ['Kết quả thực hiện (ít nhất một lĩnh vực)']);
  assert.deepEqual(missingSections(true, {}), ['Mục đích, yêu cầu', 'Nhiệm vụ của đơn vị (ít nhất một nhiệm vụ)']);
});

test('period: titles and the usual due dates (yearly plan 15/01, plan section IV.1)', () => {
  assert.equal(defaultDueDate({ kind: 'unit_plan', year: 2026 }), '2026-01-15');
  assert.equal(defaultDueDate({ kind: 'quarterly', year: 2026, quarter: 3 }), '2026-10-15');
  assert.equal(defaultDueDate({ kind: 'quarterly', year: 2026, quarter: 4 }), '2027-01-15');
  assert.equal(defaultDueDate({ kind: 'annual', year: 2026 }), '2027-01-15');
  assert.equal(defaultTitle({ kind: 'quarterly', year: 2026, quarter: 4 }), 'Báo cáo CCHC quý IV/2026');
  assert.equal(defaultTitle({ kind: 'unit_plan', year: 2026 }), 'Kế hoạch CCHC của đơn vị năm 2026');
});

test('late in working days: due on a Saturday moves to Monday (BLDS Đ148 k5); hand-counted days', () => {
  const cal = WorkCalendar.national();
  assert.equal(lastDayToSubmit('2026-12-12', cal), '2026-12-14'); // Saturday → Monday
  assert.equal(lateWorkingDays('2026-12-12', '2026-12-14', cal), 0);
  assert.equal(lateWorkingDays('2026-12-12', '2026-12-16', cal), 2); // Tue 15, Wed 16
  assert.equal(lateWorkingDays('2026-12-11', '2026-12-13', cal), 1); // Friday due, Sunday submission
  assert.equal(lateWorkingDays('2026-12-11', '2026-12-21', cal), 6); // 14–18, 21
  assert.equal(lateWorkingDays('2026-12-11', '2026-12-01', cal), 0);
});

test('property: late days are 0 up to the last day, then ≥ 1 and never decrease', () => {
  const cal = WorkCalendar.national();
  const day = fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.UTC(2026, 8, 1) + n * 86_400_000).toISOString().slice(0, 10));
  fc.assert(fc.property(day, day, day, (due, a, b) => {
    const [x, y] = a <= b ? [a, b] : [b, a];
    const lx = lateWorkingDays(due, x, cal);
    const ly = lateWorkingDays(due, y, cal);
    assert.ok(ly >= lx);
    assert.equal(lx === 0, x <= lastDayToSubmit(due, cal));
  }));
});
