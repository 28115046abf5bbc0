// npm run test:failover — issue 16: a province on a PostgreSQL primary + streaming replica with automatic failover by
// pg_auto_failover. Builds a monitor and two nodes with pg_autoctl (scripts/failover/cluster.ts), migrates, starts
// the real server (`node bin/xaso.mjs start`) on the formation's multi-host URI, runs a steady intake load with
// idempotency keys, kills the primary's machine (kill -9 of its pg_autoctl and postmaster), keeps the load going
// until the promoted secondary answers, then checks on the new primary: every acknowledged dossier exists, each hash
// chain is intact (xaso verify), no code is duplicated. Prints the figures; cleans up every process and folder.
// Installs nothing: it says how to install pg_autoctl when it is missing (exit 2).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { appPool, ensureDatabase, kyselyFor, migrateUrl } from '../src/db/connect.ts';
import { resolveUrl } from '../src/db/multi-host.ts';
import { createApiKey } from '../src/identity/staff/auth.ts';
import { benchCommunes } from '../bench/preload.ts';
import { Formation, INSTALL_HINT, findPgAutoctl, findPgCtl, freePort } from './failover/cluster.ts';
import { intakeLoad, type LoadResult } from './failover/load.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = Date.now();
const say = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const CONCURRENCY = Number(process.env.XASO_FAILOVER_CONCURRENCY ?? 4);
const COST_SECONDS = Number(process.env.XASO_FAILOVER_COST_SECONDS ?? 8);

if (!findPgAutoctl()) {
  console.error(INSTALL_HINT);
  process.exit(2);
}
const pgctl = findPgCtl();
if (!pgctl) {
  console.error('Không tìm thấy PostgreSQL có phần mở rộng pgautofailover (/usr/lib/postgresql/<phiên bản>/lib/pgautofailover.so). ' + INSTALL_HINT);
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-failover-'));
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-failover-app-'));
const formation = new Formation(dir, pgctl, say);
let server: ChildProcess | undefined;
let cleaning: Promise<void> | undefined;
const cleanup = () => (cleaning ??= (async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await Promise.race([new Promise((r) => server!.once('exit', r)), sleep(10_000)]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  await formation.destroy();
  fs.rmSync(appDir, { recursive: true, force: true });
})());
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => void cleanup().then(() => process.exit(130)));

/** The URI with a login (pg_autoctl prints none: the OS user's) and another database if asked. */
const withUser = (uri: string, user: string) => uri.replace(/^(postgres(?:ql)?:\/\/)(?:[^@/]*@)?/, `$1${user}@`);

function xaso(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, 'bin/xaso.mjs'), ...args], { env, cwd: root, maxBuffer: 16 << 20 }, (e, out, err) =>
      resolve({ code: e ? Number((e as { code?: number }).code ?? 1) : 0, out: out + err }));
  });
}

async function main(): Promise<boolean> {
  say(`pg_auto_failover: ${formation.dir} (pg_ctl ${pgctl})`);
  await formation.createMonitor();
  await formation.createNode('node1');
  await formation.waitFor({ node1: 'single' }, 120_000);
  await formation.createNode('node2');
  // The standby's pg_basebackup waits for the primary's next checkpoint (a spread one: minutes): ask for it.
  const nudge = setInterval(() => {
    const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${formation.ports.node1}/postgres` });
    c.on('error', () => {});
    c.connect().then(() => c.query('CHECKPOINT')).catch(() => {}).finally(() => void c.end().catch(() => {}));
  }, 3000);
  try {
    await formation.waitFor({ node1: 'primary', node2: 'secondary' }, 180_000);
  } finally {
    clearInterval(nudge);
  }
  say('Đã có primary + secondary. Cấu hình sao chép (pg_autoctl show settings):');
  console.log(formation.settings().trimEnd());

  // The nodes run without TLS on loopback (--no-ssl); node-postgres takes sslmode=prefer as verify-full, so the
  // printed URI's sslmode is replaced (a province's servers use certificates and sslmode=verify-full).
  const ownerUri = withUser(formation.formationUri(), 'postgres').replace('sslmode=prefer', 'sslmode=disable');
  const runtimeUri = withUser(ownerUri, 'xaso_web');
  say(`URI của formation: ${ownerUri}`);
  say('Cập nhật lược đồ, tạo tài khoản chạy xaso_web, một xã thử và khóa API…');
  await ensureDatabase(ownerUri);
  await migrateUrl(ownerUri);
  const owner = new pg.Client({ connectionString: await resolveUrl(ownerUri) });
  await owner.connect();
  await owner.query("DO $$ BEGIN CREATE ROLE xaso_web LOGIN NOSUPERUSER; EXCEPTION WHEN duplicate_object THEN NULL; END $$; GRANT xaso_app TO xaso_web");
  const sync = await owner.query<{ name: string; setting: string }>(
    "SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit', 'synchronous_standby_names') ORDER BY name");
  for (const r of sync.rows) say(`  ${r.name} = ${r.setting || "''"}`);
  await owner.end();
  const setup = kyselyFor(appPool(ownerUri, 2, () => {}));
  const [commune] = await benchCommunes(setup, 1);
  const key = await createApiKey(setup, { communeId: commune!.id, unitId: commune!.receivingUnitId, name: 'failover', roles: ['receiving_officer'] });
  await setup.destroy();

  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env, DATABASE_URL: ownerUri, XASO_RUNTIME_DATABASE_URL: runtimeUri, XASO_DATA_DIR: appDir, XASO_DEMO: '0',
    PORT: String(port), LOG_LEVEL: 'warn', XASO_PORTAL_URL: '',
  };
  say(`Khởi động máy chủ Xã Số (node bin/xaso.mjs start, cổng ${port})…`);
  const serverLog = fs.openSync(path.join(appDir, 'server.log'), 'a');
  server = spawn(process.execPath, [path.join(root, 'bin/xaso.mjs'), 'start'], { env, cwd: root, stdio: ['ignore', serverLog, serverLog] });
  const http = new HttpPool(`http://127.0.0.1:${port}`, { connections: CONCURRENCY * 2 });
  for (let i = 0; ; i++) {
    try {
      const r = await http.request({ method: 'GET', path: '/health' });
      await r.body.dump();
      if (r.statusCode === 200) break;
    } catch { /* not listening yet */ }
    if (i > 1200 || server.exitCode !== null) throw new Error(`máy chủ không khởi động được; xem ${appDir}/server.log`);
    await sleep(100);
  }
  say('Máy chủ đã sẵn sàng.');

  // The cost of synchronous replication: short intake runs with synchronous_commit on (the standby confirms the
  // flush), local (this node's disk only) and off; set with ALTER SYSTEM on the primary and a reload.
  const cost: Record<string, LoadResult> = {};
  const primaryUrl = `postgres://postgres@127.0.0.1:${formation.ports.node1}/xaso`;
  const setCommit = async (v: string) => {
    const c = new pg.Client({ connectionString: primaryUrl });
    await c.connect();
    await c.query(v === 'on' ? 'ALTER SYSTEM RESET synchronous_commit' : `ALTER SYSTEM SET synchronous_commit = '${v}'`);
    await c.query('SELECT pg_reload_conf()');
    await c.end();
    await sleep(300);
  };
  for (const mode of ['on', 'local', 'off']) {
    await setCommit(mode);
    cost[mode] = await intakeLoad(http, key, `cost-${mode}`, CONCURRENCY, { seconds: COST_SECONDS });
    say(`  synchronous_commit=${mode}: ${cost[mode].perSecond} hồ sơ/giây (${cost[mode].acknowledged.length} trong ${COST_SECONDS} s, ${CONCURRENCY} luồng)`);
  }
  await setCommit('on');

  say(`Tải tiếp nhận đều (${CONCURRENCY} luồng, khóa Idempotency-Key), rồi kill -9 nút chính node1…`);
  let killedAt = 0;
  const load = intakeLoad(http, key, 'fo', CONCURRENCY, {
    until: (r) => killedAt > 0 && r.firstAckAfterKill !== null && r.acksAfterKill >= 50,
    killedAt: () => killedAt,
    progress: (m) => say(m),
  });
  await sleep(5000);
  killedAt = Date.now();
  formation.crash('node1');
  say('Đã kill -9 pg_autoctl và postmaster của node1; chờ pg_auto_failover thăng cấp node2…');
  const result = await load;
  await http.close();
  const promoted = await formation.waitFor({ node2: 'wait_primary' }, 120_000).catch(() => formation.state());
  say(`Sau chuyển đổi: ${promoted.map((n) => `${n.name}=${n.reported}`).join(' ')}`);

  // Checks, on the new primary.
  say('Kiểm tra trên máy chủ chính mới…');
  const acked = [...Object.values(cost).flatMap((c) => c.acknowledged), ...result.acknowledged];
  const check = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${formation.ports.node2}/xaso` });
  await check.connect();
  const inRecovery = (await check.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]!.r;
  const ids = acked.map((a) => a.id);
  const found = await check.query<{ id: string; code: string }>('SELECT id::text, code FROM dossiers WHERE id = ANY($1::uuid[])', [ids]);
  const foundIds = new Set(found.rows.map((r) => r.id));
  const missing = acked.filter((a) => !foundIds.has(a.id));
  const wrongCode = found.rows.filter((r) => acked.find((a) => a.id === r.id)?.code !== r.code);
  const dupes = await check.query<{ code: string; n: number }>('SELECT code, count(*)::int AS n FROM dossiers WHERE code IS NOT NULL GROUP BY code HAVING count(*) > 1');
  const total = (await check.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers')).rows[0]!.n;
  await check.end();
  const verify = await xaso(['verify'], env);

  const recovery = result.firstAckAfterKill === null ? null : (result.firstAckAfterKill - killedAt) / 1000;
  const ok = !inRecovery && missing.length === 0 && wrongCode.length === 0 && dupes.rows.length === 0 && verify.code === 0 && recovery !== null;
  console.log('');
  console.log('Kết quả / result');
  console.log(`  node2 là máy chủ chính (không còn ở chế độ phục hồi):       ${!inRecovery ? 'đúng' : 'SAI'}`);
  console.log(`  thời gian từ lúc kill tới khi dịch vụ trả 201 trở lại:       ${recovery === null ? 'không trở lại' : `${recovery.toFixed(1)} s`}`);
  console.log(`  yêu cầu được xác nhận 201 (cả các lượt đo chi phí):          ${acked.length}`);
  console.log(`  trong lượt chuyển đổi: xác nhận ${result.acknowledged.length}, lỗi ${result.failed} (503 ${result.byStatus[503] ?? 0}, 500 ${result.byStatus[500] ?? 0}, mạng ${result.byStatus[0] ?? 0}), gửi lại ${result.retried}, trả lại từ khóa ${result.replayed}`);
  console.log(`  hồ sơ đã xác nhận mà không có trong cơ sở dữ liệu:          ${missing.length}`);
  console.log(`  mã hồ sơ khác với mã đã trả về:                              ${wrongCode.length}`);
  console.log(`  mã hồ sơ trùng:                                              ${dupes.rows.length}`);
  console.log(`  hồ sơ trong cơ sở dữ liệu:                                   ${total}`);
  console.log(`  xaso verify (chuỗi băm):                                     ${verify.code === 0 ? 'nguyên vẹn' : 'LỖI'}`);
  if (verify.code !== 0) console.log(verify.out.split('\n').slice(-15).join('\n'));
  console.log(`  chi phí sao chép đồng bộ: on ${cost.on!.perSecond}/s · local ${cost.local!.perSecond}/s · off ${cost.off!.perSecond}/s (${CONCURRENCY} luồng, ${COST_SECONDS} s mỗi lượt)`);
  console.log(`  tổng thời gian: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`FIGURES ${JSON.stringify({ recoverySeconds: recovery, acknowledged: acked.length, failoverRun: { acknowledged: result.acknowledged.length, failed: result.failed, retried: result.retried, replayed: result.replayed, byStatus: result.byStatus }, missing: missing.length, duplicates: dupes.rows.length, verify: verify.code === 0, throughput: { on: cost.on!.perSecond, local: cost.local!.perSecond, off: cost.off!.perSecond }, totalSeconds: Math.round((Date.now() - t0) / 1000) })}`);
  return ok;
}

let ok = false;
try {
  ok = await main();
} catch (e) {
  console.error(`Lỗi: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  for (const f of ['monitor.log', 'node1.log', 'node2.log']) {
    const p = path.join(dir, f);
    if (fs.existsSync(p)) console.error(`--- ${f}\n${fs.readFileSync(p, 'utf8').split('\n').slice(-25).join('\n')}`);
  }
  const s = path.join(appDir, 'server.log');
  if (fs.existsSync(s)) console.error(`--- server.log\n${fs.readFileSync(s, 'utf8').split('\n').slice(-25).join('\n')}`);
} finally {
  say('Dọn dẹp: dừng máy chủ và các nút, xóa thư mục tạm…');
  await cleanup();
}
say(ok ? 'ĐẠT' : 'KHÔNG ĐẠT');
process.exit(ok ? 0 : 1);
