// `xaso start` as a person runs it: embedded PostgreSQL in the data folder, a clean stop on SIGTERM/SIGINT,
// and a second start on the same folder that finds the data again. While it runs, `xaso verify` and `xaso backup`
// use its PostgreSQL as it is: they never stop the running server's database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../src/db/embedded.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-start-'));

// A small demo year (the generator itself is tested in test/demo): this test is about starting and stopping.
// Its own keys and checkpoints (the run's are shared by the files running beside it).
const env: NodeJS.ProcessEnv = {
  ...process.env, XASO_DATA_DIR: dataDir, XASO_KEY_DIR: path.join(dataDir, 'keys'), XASO_CHECKPOINT_DIR: path.join(dataDir, 'checkpoints'),
  LOG_LEVEL: 'silent', XASO_DEMO_DOSSIERS: '40',
};
delete env.DATABASE_URL; // this test is about the embedded default

async function start(signal: 'SIGTERM' | 'SIGINT', during: (base: string) => Promise<void>) {
  const port = await freePort();
  env.PORT = String(port);
  const child = spawn(process.execPath, [path.join(root, 'bin/xaso.mjs'), 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (i > 1200) {
        child.kill('SIGKILL'); // never leave a server behind a failed test
        throw new Error(`server did not start:\n${output}`);
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    await during(base);
  } finally {
    child.kill(signal);
  }
  assert.equal(await exited, 0, output);
  return output;
}

test('start prints the URL and demo logins, stops cleanly on a signal, and a second start reuses the data', async () => {
  let code = '';
  const out = await start('SIGTERM', async (base) => {
    const health = (await (await fetch(`${base}/health`)).json()) as { database: { engine: string } };
    assert.equal(health.database.engine, 'embedded');
    for (const page of ['/', '/thu-tuc?q=dang%20ky%20khai%20sinh', '/tra-cuu', '/can-bo/dang-nhap']) {
      const r = await fetch(`${base}${page}`);
      assert.equal(r.status, 200, page);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/, page);
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'motcua', password: 'xaso-demo' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const made = await fetch(`${base}/api/v1/dossiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'idempotency-key': 'start-stop-0001' },
      body: JSON.stringify({ procedureCode: '1.001193', applicant: { name: 'Người thử khởi động', idNumber: '001203009999' } }),
    });
    assert.equal(made.status, 201);
    code = ((await made.json()) as { code: string }).code;
  });
  assert.match(out, /Xã Số đang chạy tại http:\/\/127\.0\.0\.1:\d+/);
  assert.match(out, /motcua/);
  assert.match(out, /Cán bộ đăng nhập: http:\/\/127\.0\.0\.1:\d+\/can-bo\/dang-nhap/);
  assert.match(out, /Định danh điện tử: http:\/\/127\.0\.0\.1:\d+\S* \(GIẢ LẬP/, 'the stand-ins are named as such');
  assert.match(out, /Cổng thanh toán: http:\/\/127\.0\.0\.1:\d+\S* \(GIẢ LẬP/);
  assert.match(out, /Hộp thư giả lập: .*mailbox/);
  assert.equal(fs.existsSync(path.join(dataDir, 'pg/cluster/postmaster.pid')), false, 'PostgreSQL stopped');

  await start('SIGINT', async (base) => {
    const status = await fetch(`${base}/api/v1/public/status?code=${code}&idLast4=1234`);
    assert.equal(status.status, 404, 'the dossier is there (a wrong second factor is refused, not "unknown route")');
    const procedures = (await (await fetch(`${base}/api/v1/procedures?q=khai%20sinh`)).json()) as { items: unknown[] };
    assert.ok(procedures.items.length > 0);
    // Commands run beside the server use its database and leave it running.
    fs.mkdirSync(path.join(dataDir, 'backups'));
    for (const args of [['verify'], ['backup', '--to', path.join(dataDir, 'backups')]]) {
      const r = spawnSync(process.execPath, [path.join(root, 'bin/xaso.mjs'), ...args], { env, encoding: 'utf8' });
      assert.equal(r.status, 0, `xaso ${args[0]}: ${r.stdout}${r.stderr}`);
    }
    assert.equal(fs.readdirSync(path.join(dataDir, 'backups')).length, 1, 'one backup file');
    assert.equal((await fetch(`${base}/health`)).status, 200, 'the server\'s database still runs');
    assert.equal((await fetch(`${base}/api/v1/public/status?code=${code}&idLast4=1234`)).status, 404);
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
});
