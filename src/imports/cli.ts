// `xaso import dossiers <file> [--commune <id>] [--format csv|json] [--dry-run]`: the operator's side of the import
// (service.ts): arguments, the progress bar on stderr (a redrawn line on a terminal, a plain line every few seconds
// otherwise), Ctrl+C to stop after the batch in flight, and the summary.
import fs from 'node:fs';
import type { Db } from '../db/connect.ts';
import { IMPORT_COLUMNS } from './core/columns.ts';
import { duration, progressLine } from './core/progress.ts';
import { formatOf, ImportFileError } from './read.ts';
import { runImport, type ImportSummary } from './service.ts';
import { communeIds } from './store.ts';

export const IMPORT_USAGE = 'Cách dùng: xaso import dossiers <tệp> [--commune <mã xã>] [--format csv|json] [--dry-run]';

/** The columns, for `xaso help` and a wrong call. */
export const columnsHelp = () => IMPORT_COLUMNS.map((c) => `  ${c.name}${c.required ? ' (bắt buộc)' : ''}: ${c.text}`).join('\n');

const n = (x: number) => x.toLocaleString('vi-VN');

export interface CliIo {
  /** Where the progress goes (stderr by default), and whether it is a terminal. */
  progress?: { write(s: string): void; isTTY?: boolean };
  /** Installs the Ctrl+C handler; returns its removal. */
  onInterrupt?: (stop: () => void) => () => void;
}

function interruptHandler(stop: () => void): () => void {
  const handler = () => stop();
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => { process.off('SIGINT', handler); process.off('SIGTERM', handler); };
}

export async function runImportCli(args: string[], out: (s: string) => void, open: () => Promise<Db>, io: CliIo = {}): Promise<number> {
  const [sub, file, ...rest] = args;
  const opt = (name: string) => { const i = rest.indexOf(name); return i >= 0 ? rest[i + 1] : undefined; };
  if (sub !== 'dossiers' || !file) {
    out(`${IMPORT_USAGE}\nCác cột (tên trường HoSo của hợp đồng đồng bộ; tệp CSV UTF-8 có dòng tiêu đề, tệp JSON là mảng HoSo, TienTrinh lồng trong từng HoSo):\n${columnsHelp()}`);
    return 2;
  }
  const format = formatOf(file, opt('--format'));
  if (!format) {
    out('Không xác định được định dạng tệp: dùng --format csv hoặc --format json.');
    return 2;
  }
  if (!fs.existsSync(file)) {
    out(`Không tìm thấy tệp ${file}.`);
    return 1;
  }
  const dryRun = rest.includes('--dry-run');
  const database = await open();
  const progress = io.progress ?? process.stderr;
  let stop = false;
  const remove = (io.onInterrupt ?? interruptHandler)(() => {
    stop = true;
    progress.write('\nĐang dừng sau lô đang ghi… (chạy lại cùng lệnh để tiếp tục)\n');
  });
  try {
    let commune = opt('--commune');
    if (!commune) {
      const all = await communeIds(database.db);
      if (all.length !== 1) {
        out(`Cần chỉ rõ xã: --commune <${all.join(' | ')}>`);
        return 2;
      }
      commune = all[0]!;
    }
    let lastPlain = 0;
    const summary = await runImport(database.db, {
      file, communeId: commune, format, dryRun, stopRequested: () => stop,
      onProgress: (p) => {
        if (progress.isTTY) progress.write(`\r${progressLine(p)}`);
        else if (p.seconds - lastPlain >= 5 || p.done === p.total) {
          lastPlain = p.seconds;
          progress.write(`${progressLine(p, 0)}\n`);
        }
      },
    });
    if (progress.isTTY) progress.write('\n');
    out(summaryText(summary, commune, dryRun));
    return summary.status === 'stopped' ? 130 : 0;
  } catch (e) {
    if (e instanceof ImportFileError) {
      out(e.message);
      return 1;
    }
    throw e;
  } finally {
    remove();
    await database.close();
  }
}

export function summaryText(s: ImportSummary, commune: string, dryRun: boolean): string {
  const lines = [
    s.status === 'already_done' ? `Tệp này đã được nhập xong vào xã ${commune} trước đây; không nhập lại.`
    : s.status === 'stopped' ? `Đã dừng ở dòng ${n(s.position)}/${n(s.total)}. Chạy lại cùng lệnh để tiếp tục từ đó.`
    : dryRun ? `Kiểm tra (không ghi gì) ${n(s.total)} dòng cho xã ${commune}:`
    : `Đã nhập ${n(s.total)} dòng vào xã ${commune} trong ${duration(s.seconds)}:`,
    `  ${n(s.imported)} hồ sơ ${dryRun ? 'sẽ được nhập' : 'đã nhập'}, ${n(s.skipped)} hồ sơ đã có từ trước (bỏ qua), ${n(s.rejected)} dòng bị từ chối.`,
  ];
  if (s.reportFile) lines.push(`  Danh sách dòng bị từ chối và lý do: ${s.reportFile}`);
  return lines.join('\n');
}
