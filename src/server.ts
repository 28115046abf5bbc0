// Starting the whole system: database (embedded by default), migrations, shipped data, HTTP server.
import pino from 'pino';
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { guardDatabase } from './http/db-guard.ts';
import { ErrorPage } from './web/layout.tsx';
import { outsideOptions, type Config } from './config.ts';
import { startOutside } from './outside/index.ts';
import type { Connection } from './outside/types.ts';
import { TEST_CITIZENS } from './outside/identity-citizens.ts';
import { startNotificationWorker } from './notifications/worker.ts';
import { startDigitisationWorker } from './digitisation/worker.ts';
import { startSyncWorker } from './sync/worker.ts';
import { openDatabase, type Db } from './db/connect.ts';
import { buildApp, type App } from './app.ts';
import { loadShippedData } from './seed.ts';
import { vaultProblems } from './vault/rotation.ts';
import { resealTotpSecrets } from './identity/staff/totp-store.ts';
import { resealSigningKeys } from './signatures/credentials-store.ts';
import { purgeDaily } from './privacy/purge.ts';
import { generateDemoActivity } from './demo/activity.ts';
import { generateDemoReform } from './demo/reform.ts';
import { fileDemoInbound } from './demo/inbound.ts';
import { remindAndEscalate } from './reform/reminders.ts';
import { startCheckpoints } from './integrity/checkpoints.ts';
import { startPartitionMaintenance } from './archive/maintenance.ts';
import { keepProvinceFiguresWarm } from './province/access.ts';
import { DEMO_COMMUNES, DEMO_PASSWORD } from './demo/communes.ts';

export interface Running {
  app: App;
  /** The outside connections (real or stand-in), as /health lists them. */
  connections: Connection[];
  database: Db;
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts everything. `progress` hears each step of the start in Vietnamese (the first start builds the embedded
 * database and a demo year, which takes a minute): the command line prints them.
 */
export async function startServer(config: Config, progress: (message: string) => void = () => {}): Promise<Running> {
  const log = pino({ level: config.logLevel });
  const t0 = Date.now();
  const step = (m: string) => progress(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${m}`);
  step(config.databaseUrl ? 'Kết nối PostgreSQL (DATABASE_URL) và cập nhật lược đồ…' : `Khởi động PostgreSQL nhúng (${config.dataDir}/pg) và cập nhật lược đồ…`);
  const database = await openDatabase(config, (m, level = 'info') => log[level](m));
  let stopOutside = async () => {};
  try {
    step(`Nạp danh mục thủ tục, lịch làm việc${config.demo ? ' và hai xã mẫu' : ''}…`);
    await loadShippedData(database.db, { demo: config.demo });
    // The files' encryption keys live outside the database (src/vault/): refuse to serve without them.
    const keyProblems = await vaultProblems(database.db);
    if (keyProblems.length) throw new Error(`Không khởi động được: ${keyProblems.join(' ')}`);
    // Secrets an earlier release sealed under the database's own key: sealed again under the key kept outside it.
    const resealed = (await resealTotpSecrets(database.db)) + (await resealSigningKeys(database.db));
    if (resealed) step(`Đã mã hóa lại ${resealed} khóa bí mật bằng khóa lưu ngoài cơ sở dữ liệu`);
    if (config.demo) await generateDemoActivity(database.db, new Date(), config.demoDossiers, step, config.publicUrl); // only into an empty demo commune
    if (config.demo) await generateDemoReform(database.db, new Date(), step); // each seeder adds only what is missing
    step('Khởi động các dịch vụ bên ngoài (định danh, thanh toán, thư điện tử, SMS, Cổng DVCQG, CSDL dân cư) và máy chủ web…');
    const started = await startOutside(outsideOptions(config));
    stopOutside = started.stop;
    const app = await buildApp(
      {
        db: database.db, readDb: database.readDb, engine: database.engine, migrationVersion: () => database.migrationVersion(), now: () => new Date(),
        publicUrl: config.publicUrl, outside: started.outside,
      },
      { logLevel: config.logLevel, trustProxy: config.trustProxy },
    );
    // While the database is away: 503 at once, a Vietnamese page or problem+json (src/http/db-guard.ts).
    guardDatabase(app.server, (p) => '<!doctype html>' + renderToString(h(ErrorPage, { status: p.status, title: p.title, detail: p.detail })));
    await app.listen({ port: config.port, host: config.host });
    // Demo: a few dossiers filed on the stand-in national portal, forwarded to the inbound endpoint (src/demo/inbound.ts),
    // in the background once the server listens (the stop waits for it).
    const portal = started.outside.portal.control;
    const demoFiling = config.demo && portal
      ? fileDemoInbound(database.db, portal, DEMO_COMMUNES.map((c) => c.id)).then(
        (filed) => void (filed && progress(`Cổng Dịch vụ công quốc gia (giả lập) đã chuyển ${filed} hồ sơ mẫu nộp trên Cổng về xã.`)),
        (e: unknown) => app.log.error(e, 'demo filings on the national portal stand-in'))
      : Promise.resolve();
    // The notification outbox worker (src/notifications/worker.ts): delivers notices with retries.
    const notices = startNotificationWorker({ db: database.db, now: () => new Date(), publicUrl: config.publicUrl, messaging: started.outside.messaging }, app.log);
    // The digitisation worker (src/digitisation/worker.ts): PDF/A-2 + OCR storage copies of queued scans.
    const digitiser = startDigitisationWorker({ db: database.db, now: () => new Date() }, app.log);
    // The national portal's sync outbox (src/sync/worker.ts): messages in order per dossier, retried with backoff.
    const syncer = startSyncWorker({ db: database.db, now: () => new Date(), portal: started.outside.portal }, app.log);
    // Reform-plan reminders before deadlines and escalation of overdue tasks (src/reform/reminders.ts), hourly; each
    // reminder is recorded once per task, recipient and deadline, so a restart or a second server sends nothing twice.
    const remind = () => remindAndEscalate(database.db, new Date()).catch((e) => app.log.error(e, 'reform reminders'));
    void remind();
    const remindTimer = setInterval(remind, 3_600_000);
    remindTimer.unref();
    // Signed checkpoints of every dossier's action-log head, at start then hourly (src/integrity/checkpoints.ts).
    const checkpoints = startCheckpoints(database.db, app.log);
    // The monthly partitions of the action and access logs, 3 months ahead, at start then every 6 hours (src/archive/).
    const partitions = startPartitionMaintenance(database.db, app.log);
    // Retention: expired sessions, drafts, stored responses, delivered notices… removed daily (src/privacy/purge.ts).
    const stopPurge = purgeDaily(database.db, () => new Date(), (msg, e) => (e ? app.log.error(e, msg) : app.log.info(msg)));
    // The province pages' usual periods (this month, the month just closed, this year) kept computed, at start then
    // every 5 minutes (src/province/access.ts).
    const provinceViews = keepProvinceFiguresWarm(database.readDb, () => new Date(), (e) => app.log.error(e, 'province figures'));
    void provinceViews.runOnce();
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        clearInterval(remindTimer);
        await demoFiling;
        stopPurge();
        await provinceViews.stop();
        await notices.stop();
        await digitiser.stop();
        await syncer.stop();
        checkpoints.stop();
        await checkpoints.done();
        partitions.stop();
        await partitions.done();
        await app.close();
        await stopOutside();
        await database.close();
      })());
    return { app, database, url, stop, connections: started.outside.connections };
  } catch (e) {
    await stopOutside();
    await database.close();
    throw e;
  }
}

export function banner(r: Running, config: Config): string {
  const lines = [
    '',
    `Xã Số đang chạy tại ${r.url}`,
    `  Cơ sở dữ liệu: ${r.database.engine === 'embedded' ? `PostgreSQL nhúng (${config.dataDir}/pg)` : 'PostgreSQL ngoài (DATABASE_URL)'}`,
    ...(config.replicaDatabaseUrl ? ['  Máy chủ đọc (bản sao, DATABASE_REPLICA_URL): tra cứu công khai, trang công khai, dữ liệu mở'] : []),
    `  Cổng dịch vụ công (người dân): ${r.url}/`,
    `  Cán bộ đăng nhập: ${r.url}/can-bo/dang-nhap · Quản trị: ${r.url}/can-bo/quan-tri`,
    `  Tài liệu API: ${r.url}/openapi.json · Tình trạng: ${r.url}/health`,
  ];
  const NAMES: Record<string, string> = {
    identity: 'Định danh điện tử', payment: 'Cổng thanh toán', mail: 'Thư điện tử (SMTP)', sms: 'Tin nhắn SMS/Zalo', ca: 'Chứng thư số (ký số kết quả)',
    portal: 'Cổng Dịch vụ công quốc gia (đồng bộ hồ sơ)',
    lgsp: 'Nền tảng tích hợp, chia sẻ dữ liệu của tỉnh (CSDL dân cư, hộ tịch)',
  };
  for (const c of r.connections) {
    lines.push(`  ${NAMES[c.name] ?? c.name}: ${c.url}${c.standIn ? ' (GIẢ LẬP để thử nghiệm, không phải dịch vụ thật)' : ''}`);
  }
  if (r.connections.some((c) => c.name === 'identity' && c.standIn)) {
    lines.push(`  Công dân thử nghiệm (đăng nhập tại ${r.url}/ho-so-cua-toi): ${TEST_CITIZENS.map((c) => `${c.name} (${c.idNumber})`).join(', ')}`);
  }
  const portal = r.connections.find((c) => c.name === 'portal' && c.standIn);
  if (portal) lines.push(`  Nộp thử hồ sơ trên Cổng Dịch vụ công quốc gia (giả lập), chuyển về xã: ${portal.url}/nop-ho-so`);
  if (r.connections.some((c) => c.name === 'mail' && c.standIn)) {
    lines.push(`  Hộp thư giả lập: ${config.dataDir}/mailbox (xem tại ${r.url}/can-bo/thong-bao)`);
  }
  if (config.demo) {
    lines.push(`  Tài khoản mẫu (mật khẩu chung: ${DEMO_PASSWORD}):`);
    for (const c of DEMO_COMMUNES) {
      lines.push(`    ${c.name}: ${c.staff.map((s) => `${s.username} (${s.title})`).join(', ')}`);
    }
  }
  lines.push('  Dừng: Ctrl+C', '');
  return lines.join('\n');
}
