// `npm test` fails when a test fails, also after it started the embedded PostgreSQL (whose exit hook would end the
// process with code 0), and it counts every test of every file. Runs the runner on two fixture files
// (test/support/fixtures/runner/: one db file that passes, one pure file that fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

test('a failing test makes the run fail, with the counts in its closing line', () => {
  const env = { ...process.env };
  delete env.XASO_TEST_KIND; // the nested runner gives each of its files its own kind
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/test.ts', '--root', 'test/support/fixtures/runner'], { env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^1 passed, 1 failed, 0 skipped in \d+ s$/m);
  assert.match(r.stdout, /# failed files:\n#\s+test\/support\/fixtures\/runner\/fails\.test\.ts/);
  assert.match(r.stdout, /^ℹ fail 1$/m);
});
