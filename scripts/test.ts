// `npm test`: one PostgreSQL for the whole run (embedded by default, or DATABASE_URL's server), a
// template database migrated and loaded with the shipped and demo data, then node's test runner over
// test/**/*.test.ts. Each test file clones the template into its own database (test/support/db.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { startEmbedded } from '../src/db/embedded.ts';
import { appPool, ensureDatabase, kyselyFor, migrateUrl, withDatabase } from '../src/db/connect.ts';
import { loadShippedData } from '../src/seed.ts';

function findTests(dir: string, filter: string[]): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findTests(p, filter));
    else if (e.name.endsWith('.test.ts') && (!filter.length || filter.some((f) => p.includes(f)))) out.push(p);
  }
  return out.sort();
}

async function main(): Promise<number> {
  const filter = process.argv.slice(2);
  const files = findTests('test', filter);
  if (!files.length) {
    console.error('no test files matched');
    return 1;
  }
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  console.log(fs.existsSync(chromium)
    ? `# browser tests: Chromium at ${chromium}`
    : `# browser tests: SKIPPED, Chromium not found at ${chromium} (apt-get install chromium)`);
  const external = process.env.DATABASE_URL;
  let stop = async () => {};
  let serverUrl: string;
  let tmp: string | undefined;
  if (external) {
    serverUrl = external;
    console.log(`# database: external PostgreSQL (DATABASE_URL)`);
  } else {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-test-'));
    const emb = await startEmbedded(tmp);
    serverUrl = emb.adminUrl;
    stop = () => emb.stop();
    console.log(`# database: embedded PostgreSQL on port ${emb.port}`);
  }
  const template = withDatabase(serverUrl, `xaso_tpl_${process.pid}`);
  let code = 1;
  try {
    await ensureDatabase(template);
    await migrateUrl(template);
    const pool = appPool(template, 2);
    await loadShippedData(kyselyFor(pool), { demo: true });
    await pool.end();
    // Human-readable output on stdout; a TAP copy to count the results for the closing line.
    const tap = path.join(os.tmpdir(), `xaso-tap-${process.pid}.txt`);
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', '--test-reporter-destination=stdout',
        '--test-reporter=tap', `--test-reporter-destination=${tap}`, ...files],
      { stdio: 'inherit', env: { ...process.env, XASO_TEST_TEMPLATE_URL: template } },
    );
    code = r.status ?? 1;
    const summary = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
    const count = (name: string) => Number(summary.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
    fs.rmSync(tap, { force: true });
    const failed = count('fail') + count('cancelled'); // a test that timed out is "cancelled": it failed
    console.log(`\n${count('pass')} passed, ${failed} failed, ${count('skipped') + count('todo')} skipped`);
    if (count('pass') === 0) code = 1; // a run that executed no test is a failure
    if (failed > 0 && code === 0) code = 1;
  } finally {
    const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
    await admin.connect();
    const left = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`xaso_t_${process.pid}_%`, `xaso_tpl_${process.pid}`],
    );
    for (const { datname } of left.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
    await stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  return code;
}

process.exitCode = await main();
