// `xaso purge`: an unknown option is refused (exit 2, usage in Vietnamese) before any database is opened.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPurgeCli } from '../../src/privacy/cli.ts';

test('xaso purge refuses an unknown option', async () => {
  const lines: string[] = [];
  assert.equal(await runPurgeCli(['--all'], (s) => lines.push(s)), 2);
  assert.match(lines.join('\n'), /Tham số không hợp lệ: --all\nCách dùng: xaso purge \[--dry-run\]/);
});
