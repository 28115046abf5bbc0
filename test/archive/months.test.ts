// The months of the partitioned logs (src/archive/core/months.ts) and the command's usage errors (no database).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLOSED_STATES, monthLabel, monthOf, monthsBefore, parseMonth, partitionMonth } from '../../src/archive/core/months.ts';
import { runArchiveCli } from '../../src/archive/cli.ts';

test('a month is a Vietnam calendar month (UTC+7), as xaso_month() counts it', () => {
  assert.equal(monthOf(new Date('2026-11-30T16:59:59Z')), '2026-11-01');
  assert.equal(monthOf(new Date('2026-11-30T17:00:00Z')), '2026-12-01'); // 00:00 on 1 December in Hà Nội
  assert.equal(monthOf(new Date('2026-12-31T17:00:00Z')), '2027-01-01');
});

test('the CLI month and the partitions\' names', () => {
  assert.equal(parseMonth('2025-01'), '2025-01-01');
  for (const bad of ['2025-13', '2025-1', '25-01', '2025-01-01', '']) assert.equal(parseMonth(bad), null, bad);
  assert.equal(partitionMonth('dossier_events', 'dossier_events_p202501'), '2025-01-01');
  assert.equal(partitionMonth('dossier_events', 'dossier_events_default'), null);
  assert.equal(partitionMonth('access_log', 'dossier_events_p202501'), null);
  assert.equal(monthLabel('2025-01-01'), '01/2025');
  const parts = [{ month: '2024-12-01' }, { month: '2025-01-01' }, { month: null }, { month: '2025-02-01' }];
  assert.deepEqual(monthsBefore(parts, '2025-02-01').map((p) => p.month), ['2024-12-01', '2025-01-01']);
});

test('only closed dossiers go to the archive: not received, withdrawn, stopped, returned', () => {
  assert.deepEqual([...CLOSED_STATES].sort((a, b) => a - b), [3, 7, 8, 10]);
});

test('xaso archive: usage errors exit 2 before touching a database, in Vietnamese', async () => {
  for (const args of [[], ['detach'], ['detach', '--before'], ['detach', '--before', '2025-13'], ['list', 'x'], ['drop']]) {
    const lines: string[] = [];
    assert.equal(await runArchiveCli(args, (s) => lines.push(s)), 2, args.join(' '));
    assert.match(lines.join('\n'), /Cách dùng: xaso archive list/);
  }
  const lines: string[] = [];
  await runArchiveCli(['detach', '--before', '2025-13'], (s) => lines.push(s));
  assert.match(lines[0]!, /Tháng "2025-13" không đúng dạng YYYY-MM/);
});
