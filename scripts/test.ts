// `npm test`: every test file under test/, each in its own Node process, slowest first, as many at once as the
// machine has cores. A file's kind is in its name (test/README.md):
//   x.test.ts          pure     no database, no server
//   x.db.test.ts       db       a database cloned from the migrated template (test/support/db.ts)
//   x.app.test.ts      app      the HTTP app on such a database (test/support/app.ts), no browser
//   x.browser.test.ts  browser  the app listening, driven by Chromium (test/e2e/browser.ts)
// PostgreSQL (embedded, or DATABASE_URL's server) starts only when a selected file needs it; pure files run while
// it starts. The embedded test cluster runs without fsync: nothing in it has to survive a crash (the start/stop
// test keeps a real, fsync'd cluster of its own).
//
//   npm test                                   everything
//   npm test -- --kinds pure,db                 only these kinds
//   npm test -- dossiers/ payments             only files whose path contains one of these
//   npm test -- --save-timings                 write the measured times to test/timings.json (the slowest-first order)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { KINDS, kindOf, type TestKind } from '../test/support/kind.ts';

interface Options { kinds: TestKind[]; filters: string[]; saveTimings: boolean; jobs: number; root: string }

function parseArgs(argv: string[]): Options {
  const o: Options = { kinds: [...KINDS], filters: [], saveTimings: false, jobs: Math.max(1, os.availableParallelism()), root: 'test' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--kinds' || a.startsWith('--kinds=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : (argv[++i] ?? '');
      const kinds = v.split(',').map((k) => k.trim()).filter(Boolean);
      const bad = kinds.filter((k) => !(KINDS as readonly string[]).includes(k));
      if (bad.length || !kinds.length) throw new Error(`--kinds takes a comma-separated list of ${KINDS.join(', ')}; got "${v}"`);
      o.kinds = kinds as TestKind[];
    } else if (a === '--save-timings') o.saveTimings = true;
    else if (a === '--jobs' || a.startsWith('--jobs=')) o.jobs = Math.max(1, Number(a.includes('=') ? a.slice(7) : argv[++i]));
    else if (a === '--root') o.root = argv[++i] ?? 'test'; // the runner's own test runs it on test/support/fixtures
    else o.filters.push(a);
  }
  return o;
}

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { if (e.name !== 'fixtures') out.push(...findTests(p)); }
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

const TIMINGS = 'test/timings.json';
/** A file never measured is guessed by its kind (seconds on a 2-core machine). */
const GUESS: Record<TestKind, number> = { pure: 2, db: 8, app: 15, browser: 40 };

interface Counts { tests: number; pass: number; fail: number; cancelled: number; skipped: number; todo: number }
const ZERO: Counts = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
interface Outcome { file: string; kind: TestKind; seconds: number; counts: Counts; code: number | null; output: string }

/** Runs one test file in its own process; its TAP summary gives the counts. */
function runFile(file: string, kind: TestKind, env: NodeJS.ProcessEnv, tmp: string): Promise<Outcome> {
  const tap = path.join(tmp, file.replace(/[/\\]/g, '_') + '.tap');
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap',
        `--test-reporter-destination=${tap}`, file],
      { env: { ...env, XASO_TEST_KIND: kind }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // A file that hangs (an open handle, a deadlock) fails instead of holding the run until the CI limit.
    const guard = setTimeout(() => {
      output += `\n✖ ${file}: still running after 15 minutes, stopped\n`;
      child.kill('SIGKILL');
    }, 15 * 60_000);
    child.on('close', (code) => {
      clearTimeout(guard);
      const summary = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
      const n = (name: string) => Number(summary.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
      const counts: Counts = { tests: n('tests'), pass: n('pass'), fail: n('fail'), cancelled: n('cancelled'), skipped: n('skipped'), todo: n('todo') };
      // A file that crashed before or after its tests (an import error, an unhandled rejection) is a failure too.
      if (code !== 0 && counts.fail + counts.cancelled === 0) {
        counts.fail += 1;
        counts.tests += 1;
        output += `\n✖ ${file} exited with code ${code} outside any test\n`;
      }
      resolve({ file, kind, seconds: Number(process.hrtime.bigint() - started) / 1e9, counts, code, output });
    });
  });
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const files = findTests(o.root)
    .filter((f) => !o.filters.length || o.filters.some((x) => f.includes(x)))
    .filter((f) => o.kinds.includes(kindOf(f)));
  if (!files.length) {
    console.error('no test files matched');
    return 1;
  }
  const known: Record<string, number> = fs.existsSync(TIMINGS) ? JSON.parse(fs.readFileSync(TIMINGS, 'utf8')) : {};
  const cost = (f: string) => known[f] ?? GUESS[kindOf(f)];
  const byKind = (k: TestKind) => files.filter((f) => kindOf(f) === k).length;
  console.log(`# ${files.length} test files (${KINDS.map((k) => `${byKind(k)} ${k}`).join(', ')}), ${o.jobs} at a time, slowest first`);
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (byKind('browser')) {
    console.log(fs.existsSync(chromium)
      ? `# browser tests: Chromium at ${chromium}`
      : `# browser tests: SKIPPED, Chromium not found at ${chromium} (apt-get install chromium)`);
  }

  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-test-'));
  const needsDatabase = files.some((f) => kindOf(f) !== 'pure');
  // The database is prepared while the pure files already run; files that need it wait for it.
  const { prepareDatabase } = await import('../test/support/server.ts');
  const database = needsDatabase ? prepareDatabase(tmp) : undefined;
  database?.then((d) => console.log(`# database: ${d.described}`), () => {}); // a failure is reported where it is awaited
  const queue = [...files].sort((a, b) => cost(b) - cost(a) || a.localeCompare(b));
  const outcomes: Outcome[] = [];
  let failedToPrepare: unknown;

  async function worker() {
    for (;;) {
      // Before the database is ready, take the slowest pure file; after, the slowest of any kind.
      let i = queue.findIndex((f) => kindOf(f) === 'pure');
      if (i < 0) {
        if (!queue.length) return;
        i = 0;
      }
      const file = queue.splice(i, 1)[0]!;
      // The keys kept outside the database (chain key, checkpoint signing key, secret key: src/integrity/key-store.ts,
      // src/shared/secret-key-store.ts) live in this run's temporary directory, never in the checkout's ./data.
      const env: NodeJS.ProcessEnv = { XASO_KEY_DIR: path.join(tmp, 'keys'), XASO_CHECKPOINT_DIR: path.join(tmp, 'checkpoints'), ...process.env };
      if (kindOf(file) !== 'pure') {
        try {
          env.XASO_TEST_TEMPLATE_URL = (await database!).templateUrl;
        } catch (e) {
          failedToPrepare = e;
          queue.length = 0;
          return;
        }
      }
      const r = await runFile(file, kindOf(file), env, tmp);
      outcomes.push(r);
      process.stdout.write(`\n▶ ${r.file} (${r.kind}, ${r.seconds.toFixed(1)} s)\n${r.output}`);
    }
  }

  let code = 0;
  try {
    await Promise.all(Array.from({ length: o.jobs }, worker));
  } finally {
    await (await database?.catch(() => undefined))?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  if (failedToPrepare) {
    console.error('\n✖ the test database could not be prepared:', failedToPrepare);
    code = 1;
  }

  const total = outcomes.reduce((a, r) => {
    for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += r.counts[k];
    return a;
  }, { ...ZERO });
  const seconds = (Date.now() - t0) / 1000;
  console.log('\n# slowest files');
  for (const r of [...outcomes].sort((a, b) => b.seconds - a.seconds).slice(0, 10)) console.log(`#   ${r.seconds.toFixed(1).padStart(6)} s  ${r.file}`);
  console.log(`# by kind: ${KINDS.filter(byKind).map((k) => `${k} ${outcomes.filter((r) => r.kind === k).reduce((s, r) => s + r.seconds, 0).toFixed(0)} s`).join(', ')} (file time, ${o.jobs} at a time)`);
  const failedFiles = outcomes.filter((r) => r.counts.fail + r.counts.cancelled > 0).map((r) => r.file);
  if (failedFiles.length) {
    // The failures again at the very end: a log kept only by its tail (a CI page) still shows why.
    for (const r of outcomes.filter((x) => failedFiles.includes(x.file))) {
      const from = r.output.search(/^✖ failing tests:/m);
      const detail = from >= 0 ? r.output.slice(from) : r.output;
      console.log(`\n# why ${r.file} failed:\n${detail.length > 6000 ? '…' + detail.slice(-6000) : detail}`);
    }
    console.log(`# failed files:\n${failedFiles.map((f) => `#   ${f}`).join('\n')}`);
  }
  // The closing lines in node:test's own words, so that tools counting its summary find them.
  for (const k of ['tests', 'pass', 'fail', 'cancelled', 'skipped', 'todo'] as const) console.log(`ℹ ${k} ${total[k]}`);
  console.log(`ℹ duration_ms ${Math.round(seconds * 1000)}`);
  const failed = total.fail + total.cancelled; // a test that timed out is "cancelled": it failed
  console.log(`\n${total.pass} passed, ${failed} failed, ${total.skipped + total.todo} skipped in ${seconds.toFixed(0)} s`);
  if (failed > 0 || total.pass === 0 || outcomes.length < files.length) code = 1; // a run that executed no test fails

  if (o.saveTimings) {
    const next: Record<string, number> = { ...known };
    for (const r of outcomes) next[r.file] = Math.round(r.seconds * 10) / 10;
    for (const f of Object.keys(next)) if (!fs.existsSync(f)) delete next[f];
    fs.writeFileSync(TIMINGS, JSON.stringify(Object.fromEntries(Object.entries(next).sort()), null, 2) + '\n');
    console.log(`# timings written to ${TIMINGS}`);
  }
  return code;
}

const code = await main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  return 2;
});
// process.exit, not process.exitCode: once the embedded PostgreSQL was loaded, its exit hook ends the process on
// 'beforeExit' with code 0, which would turn a failed run into a passed one.
process.stdout.write('', () => process.exit(code));
