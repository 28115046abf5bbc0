// `xaso backup` and `xaso restore` (docs: the operator's guide to backups).
//   xaso backup [--to <tệp | thư mục/>]        one archive of the whole database (default folder <data dir>/backups/)
//   xaso restore <tệp> --check                  checks the archive only (checksums, counts), writes nothing
//   xaso restore <tệp> --into <DATABASE_URL>    restores into that database, which must be empty
//   xaso restore <tệp>                          restores into the configured database, which must be empty
//   xaso restore <tệp> --drill                  restores into a scratch database, verifies, drops it, records the drill
// Exit code 0 only when done and verified; 1 when refused or not verified; 2 on a usage error.
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { ArchiveError, checkArchive } from './archive.ts';
import { backupFileName, takeBackup } from './backup.ts';
import { openOwner } from './connect.ts';
import { neededKeys } from './ops.ts';
import { keyNotes, restoreDrill, restoreInto, type RestoreResult } from './restore.ts';

type Out = (s: string) => void;

const num = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
const mb = (bytes: number) => (bytes < 1024 * 1024 ? num(bytes / 1024) + ' KB' : num(bytes / 1024 / 1024) + ' MB');
const secs = (ms: number) => (ms / 1000).toLocaleString('vi-VN', { maximumFractionDigits: 1 }) + ' giây';
/** The reason, with PostgreSQL's refusal of rights said in Vietnamese (the server's own words kept after it). */
const message = (e: unknown) => {
  const text = e instanceof Error ? e.message : String(e);
  return (e as { code?: string }).code === '42501'
    ? `tài khoản PostgreSQL không đủ quyền (cần chủ sở hữu cơ sở dữ liệu; diễn tập cần thêm quyền CREATEDB): ${text}`
    : text;
};

const BACKUP_USAGE = 'Cách dùng: xaso backup [--to <tệp hoặc thư mục/>]';
const RESTORE_USAGE = 'Cách dùng: xaso restore <tệp> (--check | --drill | --into <DATABASE_URL>)\n' +
  '           xaso restore <tệp>      khôi phục vào cơ sở dữ liệu đã cấu hình, chỉ khi nó còn trống';

export async function runBackupCli(args: string[], out: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let to: string | undefined;
  if (args.length === 2 && args[0] === '--to') to = args[1];
  else if (args.length) {
    out(BACKUP_USAGE);
    return 2;
  }
  const config = loadConfig(env);
  const file = backupFileName(to ?? path.join(config.dataDir, 'backups') + path.sep);
  let owner;
  try {
    owner = await openOwner(config, () => {});
  } catch (e) {
    out(`Không kết nối được cơ sở dữ liệu: ${message(e)}`);
    return 1;
  }
  try {
    out(`Sao lưu vào ${file}…`);
    const r = await takeBackup(owner.url, file, { env, progress: (t, rows, bytes) => out(`  ${t}: ${rows} dòng${rows ? `, ${mb(bytes)}` : ''}`) });
    out(`Đã sao lưu ${r.tables} bảng, ${r.rows} dòng (gồm tệp đính kèm) trong ${secs(r.ms)}.`);
    out(`Tệp: ${r.file} (${mb(r.bytes)})`);
    out('Nhớ sao lưu riêng thư mục khóa (XASO_KEY_DIR), không để chung chỗ với tệp này.');
    return 0;
  } catch (e) {
    out(`Sao lưu thất bại: ${message(e)}`);
    return 1;
  } finally {
    await owner.close();
  }
}

function report(out: Out, r: RestoreResult): number {
  if (r.broken.length) {
    for (const b of r.broken.slice(0, 20)) out(`HỎNG  hồ sơ ${b}`);
    out(`Đã kiểm tra ${r.dossiers} hồ sơ, ${r.entries} mục nhật ký: ${r.broken.length} hồ sơ có nhật ký không kiểm tra được.`);
    return 1;
  }
  out(`Đã kiểm tra ${r.dossiers} hồ sơ, ${r.entries} mục nhật ký: nhật ký của mọi hồ sơ toàn vẹn.`);
  return 0;
}

export async function runRestoreCli(args: string[], out: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [file, flag, value, ...rest] = args;
  const mode = flag === undefined ? 'configured' : flag === '--check' || flag === '--drill' ? flag : flag === '--into' && value ? 'into' : null;
  if (!file || file.startsWith('--') || mode === null || rest.length || (mode !== 'into' && value !== undefined)) {
    out(RESTORE_USAGE);
    return 2;
  }
  const config = loadConfig(env);
  try {
    out(`Kiểm tra tệp sao lưu ${file}…`);
    const checked = await checkArchive(file);
    const m = checked.manifest;
    out(`Tệp nguyên vẹn: lập lúc ${new Date(m.createdAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}, lược đồ phiên bản ${m.schemaVersion}, ${m.tables.length} bảng, ${checked.trailer.rows} dòng.`);
    if (mode === '--check') return 0;
    out('Khóa cần có (không nằm trong tệp sao lưu):');
    for (const k of neededKeys(env, m.vaultKeyVersions ?? [])) out(`  ${k.present ? 'có  ' : 'THIẾU'} ${k.name}: ${k.why}`);
    for (const n of keyNotes(checked, env)) out(n);
    if (mode === '--drill') {
      const owner = await openOwner(config);
      try {
        const r = await restoreDrill(file, owner.url, out, env, checked);
        const code = report(out, r);
        out(code === 0 ? `Diễn tập khôi phục thành công trong ${secs(r.ms)}; cơ sở dữ liệu tạm đã xóa, kết quả đã ghi nhận.` : 'Diễn tập khôi phục KHÔNG đạt; kết quả đã ghi nhận.');
        return code;
      } finally {
        await owner.close();
      }
    }
    const owner = mode === 'into' ? { url: value!, close: async () => {} } : await openOwner(config);
    try {
      out(`Khôi phục vào ${new URL(owner.url).pathname.slice(1)}…`);
      return report(out, await restoreInto(file, checked, owner.url, out, env));
    } finally {
      await owner.close();
    }
  } catch (e) {
    out(e instanceof ArchiveError ? message(e) : `Khôi phục thất bại: ${message(e)}`);
    return 1;
  }
}
