// `xaso calendar` and `xaso deadline` (no database), and the Vietnam-time helpers they print with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProcedureVersionInput } from '../../src/catalogue/core/types.ts';
import { runCalendarCli, runDeadlineCli } from '../../src/calendar/cli.ts';
import { isWeekend, parseIsoDate } from '../../src/calendar/core/civil.ts';
import { formatVn, parseVnTime } from '../../src/calendar/core/vn-time.ts';

function run(fn: (out: (s: string) => void) => number): { code: number; text: string } {
  const lines: string[] = [];
  const code = fn((s) => lines.push(s));
  return { code, text: lines.join('\n') };
}

test('xaso calendar 2026 prints the exceptional days as sorted JSON, weekends only when they matter', () => {
  const { code, text } = run((out) => runCalendarCli(['2026'], out));
  assert.equal(code, 0);
  const days = JSON.parse(text) as { date: string; type: string; name: string; source: string }[];
  assert.deepEqual(Object.keys(days[0] ?? {}), ['date', 'type', 'name', 'source']);
  assert.deepEqual(days.map((d) => d.date), [...days.map((d) => d.date)].sort());
  assert.ok(days.some((d) => d.date === '2026-08-22' && d.type === 'SWAPPED_WORKDAY'));
  assert.ok(days.some((d) => d.date === '2026-08-31' && d.type === 'COMPENSATORY_OFF'));
  assert.ok(days.some((d) => d.date === '2026-04-27' && d.name === 'Nghỉ bù Giỗ Tổ Hùng Vương'));
  assert.ok(!days.some((d) => d.date === '2026-02-14' || d.date === '2026-02-21')); // plain weekends
  for (const d of days.filter((x) => isWeekend(parseIsoDate(x.date)))) assert.ok(['HOLIDAY', 'SWAPPED_WORKDAY'].includes(d.type));
  assert.equal(days.length, 14);
});

test('xaso calendar with a bad year exits 2 with a Vietnamese then English message', () => {
  for (const args of [['abc'], ['1899'], ['2101'], [], ['2027', 'x'], ['2027.5'], ['-2027']]) {
    const { code, text } = run((out) => runCalendarCli(args, out));
    assert.equal(code, 2, JSON.stringify(args));
    assert.ok(text.indexOf('Năm không hợp lệ') === 0 && text.includes('Invalid year'), text);
  }
});

const fixture: ProcedureVersionInput = {
  code: '1.000001',
  name: 'Thủ tục mẫu',
  processingTime: { unit: 'same_day', value: 0 },
  onlineProcessingTime: { unit: 'working_hours', value: 4 },
} as ProcedureVersionInput;
const findProcedure = (code: string, at: Date) => (code === fixture.code && +at >= +parseVnTime('2025-07-01') ? fixture : undefined);
const deadline = (args: string[]) => run((out) => runDeadlineCli(args, out, { findProcedure }));

test('xaso deadline --days / --hours prints receivedAt, startAt, dueAt with +07:00', () => {
  const r = deadline(['--received', '2026-11-25T09:00:00+07:00', '--days', '3']);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.text), {
    receivedAt: '2026-11-25T09:00:00+07:00',
    startAt: '2026-11-25T09:00:00+07:00',
    dueAt: '2026-11-30T09:00:00+07:00',
  });
  // UTC input, received on a Saturday evening local time, --flag=value form.
  const h = deadline(['--received=2026-11-28T12:00:00Z', '--hours=2']);
  assert.deepEqual(JSON.parse(h.text), {
    receivedAt: '2026-11-28T19:00:00+07:00',
    startAt: '2026-11-30T07:00:00+07:00',
    dueAt: '2026-11-30T09:00:00+07:00',
  });
});

test('xaso deadline --procedure uses the procedure time, --online its online time', () => {
  const direct = deadline(['--received', '2026-11-25T15:10', '--procedure', '1.000001']);
  assert.equal(direct.code, 0);
  assert.equal(JSON.parse(direct.text).dueAt, '2026-11-26T17:00:00+07:00'); // same day, after 15:00
  const online = deadline(['--received', '2026-11-25T15:10', '--procedure', '1.000001', '--online']);
  assert.equal(JSON.parse(online.text).dueAt, '2026-11-26T09:10:00+07:00'); // 1 h 50 Wed + 2 h 10 Thu
});

test('xaso deadline: malformed input or an unknown procedure exits 2, Vietnamese first', () => {
  const cases: [string[], string][] = [
    [['--received', '2026-02-30T10:00', '--days', '1'], 'Thời điểm tiếp nhận không hợp lệ'],
    [['--received', 'hôm qua', '--days', '1'], 'Thời điểm tiếp nhận không hợp lệ'],
    [['--received', '2026-11-25T10:00', '--procedure', '9.999999'], 'Không tìm thấy thủ tục'],
    [['--received', '2025-06-30T10:00', '--procedure', '1.000001'], 'Không tìm thấy thủ tục'], // not yet in force
    [['--received', '2026-11-25T10:00'], 'Cần đúng một trong'],
    [['--received', '2026-11-25T10:00', '--days', '1', '--hours', '2'], 'Cần đúng một trong'],
    [['--days', '1'], 'Thiếu --received'],
    [['--received', '2026-11-25T10:00', '--days', 'ba'], 'Giá trị --days không hợp lệ'],
    [['--received', '2026-11-25T10:00', '--days'], 'Thiếu giá trị cho --days'],
    [['--received', '2026-11-25T10:00', '--weeks', '1'], 'Tham số không hợp lệ'],
  ];
  for (const [args, message] of cases) {
    const { code, text } = deadline(args);
    assert.equal(code, 2, args.join(' '));
    assert.ok(text.startsWith(message), text);
    assert.match(text, /Usage: xaso deadline/);
  }
});

test('formatVn and parseVnTime: +07:00 whatever the machine time zone, strict parsing', () => {
  assert.equal(formatVn(new Date('2026-11-25T02:00:00Z')), '2026-11-25T09:00:00+07:00');
  assert.equal(formatVn(new Date('2026-11-24T17:00:00Z')), '2026-11-25T00:00:00+07:00');
  assert.equal(formatVn(new Date('2026-11-25T02:00:00.250Z')), '2026-11-25T09:00:00.250+07:00');
  assert.equal(formatVn(new Date('1900-01-01T00:00:00Z')), '1900-01-01T07:00:00+07:00');
  assert.equal(parseVnTime('2026-11-25T09:00').toISOString(), '2026-11-25T02:00:00.000Z');
  assert.equal(parseVnTime('2026-11-25 09:00:30').toISOString(), '2026-11-25T02:00:30.000Z');
  assert.equal(parseVnTime('2026-11-25').toISOString(), '2026-11-24T17:00:00.000Z');
  assert.equal(parseVnTime('2026-11-25T09:00:00.5+0700').toISOString(), '2026-11-25T02:00:00.500Z');
  assert.equal(parseVnTime('2026-11-25T09:00-05:00').toISOString(), '2026-11-25T14:00:00.000Z');
  for (const bad of ['2026-11-31', '2026-13-01T09:00', '2026-11-25T24:00', '2026-11-25T09:60', '25/11/2026', '2026-11-25T09:00+25:00', '']) {
    assert.throws(() => parseVnTime(bad), RangeError, bad);
  }
  assert.throws(() => formatVn(new Date(NaN)), RangeError);
});
