// Issue 13, findings 2, 3 and 7 (part): a real `xaso start` on its embedded PostgreSQL outlives its database.
// (a) every app connection terminated (pg_terminate_backend) under 60 concurrent requests: no crash, 503 or success,
//     then 200 again; (b) the embedded postgres killed with SIGKILL: 503 (API and pages, /health says so), the
//     supervisor starts it again, nothing acknowledged is lost; (c) the server killed with SIGKILL: the next start on
//     the same folder stops the orphaned PostgreSQL and starts. The app logs in as a role that is not a superuser.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  acknowledged, fileDossier, get, isAlive, postmasterPid, sleep, staffCookie, startXaso, superuser, until200, type Answer, type XasoProcess,
} from './xaso-process.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-outage-'));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let server: XasoProcess | undefined;
const allAcknowledged: string[] = [];

after(async () => {
  // Never leave a server or a PostgreSQL behind a failed test.
  server?.child.kill('SIGKILL');
  await sleep(200);
  try {
    const pid = postmasterPid(dataDir);
    if (isAlive(pid)) process.kill(pid, 'SIGINT');
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  } catch {
    // no postmaster.pid: stopped
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// The error handler (src/http/problem.ts, src/http/pg-errors.ts) turns a connection error met in flight into the
// same 503; until it does, such a request may answer 500 (never a crash).
const handlerMapsOutage = /isDatabaseUnavailable/.test(fs.readFileSync(path.join(root, 'src/http/pg-errors.ts'), 'utf8') + fs.readFileSync(path.join(root, 'src/http/problem.ts'), 'utf8'));

function assertUnavailableProblem(a: Answer) {
  assert.equal(a.status, 503);
  assert.match(a.type, /^application\/problem\+json/);
  assert.equal((JSON.parse(a.body) as { code: string }).code, 'DATABASE_UNAVAILABLE');
  assert.match(JSON.parse(a.body).title, /cơ sở dữ liệu/);
}

function assertSurvived(answers: Answer[], ok: number[]) {
  assert.equal(server!.child.exitCode, null, `the server is still running:\n${server!.output()}`);
  for (const a of answers) {
    assert.notEqual(a.status, 0, `the server answered every request: ${a.body}`);
    if (a.status === 503) assertUnavailableProblem(a);
    else if (!(a.status === 500 && !handlerMapsOutage)) assert.ok(ok.includes(a.status), `${a.status} ${a.body}`);
  }
}

test('(a) every app connection terminated under 60 concurrent requests: no crash, then 200 again', async () => {
  server = await startXaso(dataDir);
  const { base } = server;
  const cookie = await staffCookie(base);
  const su = await superuser(dataDir);
  try {
    const terminate = () => su.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'xaso' AND pid <> pg_backend_pid()`);
    const burst = Array.from({ length: 60 }, (_, i) => fileDossier(base, cookie, `outage-a-${String(i).padStart(4, '0')}`));
    await sleep(20);
    await terminate();
    await sleep(30);
    await terminate();
    const answers = await Promise.all(burst);
    assertSurvived(answers, [201]);
    // And again with the pool idle: the next requests find fresh connections.
    await terminate();
    const seen = await until200(base, '/api/v1/dossiers?limit=5', 10_000, { cookie });
    assert.ok(seen.every((s) => s === 200 || s === 503 || (s === 500 && !handlerMapsOutage)), seen.join(','));
    allAcknowledged.push(...acknowledged(answers));
    const found = await su.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers WHERE code = ANY($1)', [acknowledged(answers)]);
    assert.equal(found.rows[0]!.n, acknowledged(answers).length);

    // Finding 7: the running server logs in as a role that is not a superuser (migrations ran as the owner).
    const logins = await su.query<{ usename: string; rolsuper: boolean }>(
      `SELECT DISTINCT a.usename, r.rolsuper FROM pg_stat_activity a JOIN pg_roles r ON r.rolname = a.usename
        WHERE a.datname = 'xaso' AND a.pid <> pg_backend_pid()`,
    );
    assert.deepEqual(logins.rows, [{ usename: 'xaso_runtime', rolsuper: false }]);
  } finally {
    await su.end();
  }
});

test('(b) the embedded PostgreSQL killed: 503 while it is away, restarted by the supervisor, nothing acknowledged lost', async () => {
  const { base } = server!;
  const cookie = await staffCookie(base);
  const before = await Promise.all(Array.from({ length: 50 }, (_, i) => fileDossier(base, cookie, `outage-b-${String(i).padStart(4, '0')}`)));
  assert.ok(before.every((a) => a.status === 201), before.filter((a) => a.status !== 201).map((a) => `${a.status} ${a.body}`).join('\n'));
  allAcknowledged.push(...acknowledged(before));

  const killed = postmasterPid(dataDir);
  process.kill(killed, 'SIGKILL');
  await sleep(50);
  const [page, health, ...during] = await Promise.all([
    get(base, '/tra-cuu'),
    get(base, '/health'),
    ...Array.from({ length: 50 }, (_, i) => (i % 2 ? get(base, '/api/v1/dossiers?limit=5', { cookie }) : fileDossier(base, cookie, `outage-c-${String(i).padStart(4, '0')}`))),
  ]);
  assertSurvived(during, [200, 201]);
  const api = during.find((a) => a.status === 503);
  assert.ok(api, `some request met the database away: ${during.map((a) => a.status).join(',')}`);
  assert.equal(api.retryAfter, '5');
  // A page: the Vietnamese error page, no developer's code in it.
  assert.equal(page!.status, 503);
  assert.match(page!.type, /^text\/html/);
  assert.match(page!.body, /không kết nối được cơ sở dữ liệu/);
  assert.doesNotMatch(page!.body, /DATABASE_UNAVAILABLE/);
  // /health says so.
  assert.equal(health!.status, 503);
  const h = JSON.parse(health!.body) as { status: string; database: { available: boolean; since?: string } };
  assert.equal(h.status, 'unavailable');
  assert.equal(h.database.available, false);
  assert.ok(h.database.since);

  await until200(base, '/health', 30_000);
  assert.notEqual(postmasterPid(dataDir), killed, 'a new postmaster');
  assert.ok(isAlive(postmasterPid(dataDir)));
  assert.match(server!.output(), /restarted/);
  const again = await until200(base, '/api/v1/dossiers?limit=5', 10_000, { cookie: await staffCookie(base) });
  assert.equal(again.at(-1), 200);
  allAcknowledged.push(...acknowledged(during));

  const su = await superuser(dataDir);
  try {
    const found = await su.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers WHERE code = ANY($1)', [allAcknowledged]);
    assert.equal(found.rows[0]!.n, allAcknowledged.length, 'every acknowledged dossier is there');
  } finally {
    await su.end();
  }
});

test('(c) the server killed with SIGKILL: the next start stops the orphaned PostgreSQL of its folder and starts', async () => {
  const orphan = postmasterPid(dataDir);
  server!.child.kill('SIGKILL');
  await server!.exited;
  await sleep(200);
  assert.ok(isAlive(orphan), 'the embedded PostgreSQL outlived its server (the situation to recover from)');

  server = await startXaso(dataDir);
  assert.equal(isAlive(orphan), false, 'the orphan was stopped');
  assert.match(server.output(), /orphaned embedded PostgreSQL/);
  const su = await superuser(dataDir);
  try {
    const found = await su.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers WHERE code = ANY($1)', [allAcknowledged]);
    assert.equal(found.rows[0]!.n, allAcknowledged.length);
  } finally {
    await su.end();
  }
  server.child.kill('SIGTERM');
  assert.equal(await server.exited, 0, server.output());
  server = undefined;
  assert.equal(fs.existsSync(path.join(dataDir, 'pg/cluster/postmaster.pid')), false, 'PostgreSQL stopped cleanly');
});
