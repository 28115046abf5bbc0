// Run as root under a folder only root may enter (/root/xaso), the embedded PostgreSQL cannot work: PostgreSQL runs
// as the system user "postgres", which cannot reach its binaries or its data. The start says so, in Vietnamese then
// English, with what to do, instead of initdb's bare "Permission denied".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbedded, unreachableAncestor } from '../../src/db/embedded.ts';

test('the first folder "others" may not pass through is found; missing folders do not count', () => {
  const modes: Record<string, number> = { '/': 0o755, '/root': 0o700, '/root/xaso': 0o755, '/opt': 0o755, '/opt/xaso': 0o750 };
  const mode = (p: string) => {
    if (!(p in modes)) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return modes[p]!;
  };
  assert.equal(unreachableAncestor('/root/xaso/data', mode), '/root');
  assert.equal(unreachableAncestor('/opt/xaso', mode), '/opt/xaso');
  assert.equal(unreachableAncestor('/opt/new/data', mode), null);
  assert.equal(unreachableAncestor('/opt', mode), null);
});

const root = process.getuid?.() === 0;
test('as root, a data folder under a folder closed to others stops the start with a clear message', { skip: !root && 'only as root' }, async () => {
  const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-closed-'));
  fs.chmodSync(closed, 0o700);
  try {
    await assert.rejects(startEmbedded(path.join(closed, 'data')), (e: Error) => {
      assert.match(e.message, /người dùng hệ thống "postgres"/);
      assert.match(e.message, new RegExp(`chmod o\\+x ${closed}`));
      assert.match(e.message, /run Xã Số as an ordinary user/);
      return true;
    });
    assert.equal(fs.existsSync(path.join(closed, 'data')), false, 'nothing was created');
  } finally {
    fs.rmSync(closed, { recursive: true, force: true });
  }
});
