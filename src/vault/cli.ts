// `xaso keys …`: the key-encryption keys of the stored files (vault/, issue 13), from the command line.
//   xaso keys status             versions on disk, files per version, plaintext files left; exit 1 when a key in use is
//                                missing or wrong
//   xaso keys rotate [--batch N] adds the next version and moves every file to it (the server may keep running)
//   xaso keys retire <n>         removes an old key file, refused while files use it
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { keyDirectory } from '../shared/key-files-store.ts';
import { retire, rotate, vaultStatus } from './rotation.ts';

type Open = () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>;
type Out = (s: string) => void;

const USAGE = `Cách dùng:
  xaso keys status              xem các phiên bản khóa mã hóa tệp và số tệp theo từng phiên bản
  xaso keys rotate [--batch N]  tạo khóa mới và chuyển mọi tệp sang khóa đó (máy chủ vẫn chạy bình thường)
  xaso keys retire <n>          xóa tệp khóa phiên bản n khi không còn tệp nào dùng nó`;

const defaultOpen: Open = async () => {
  const { loadConfig } = await import('../config.ts');
  const { openDatabase } = await import('../db/connect.ts');
  return openDatabase(loadConfig(), () => {});
};

export async function runKeysCli(args: string[], out: Out, open: Open = defaultOpen, dir = keyDirectory()): Promise<number> {
  const [cmd, ...rest] = args;
  let batch = 200;
  if (cmd === 'rotate' && rest.length) {
    const n = rest[0] === '--batch' && rest.length === 2 ? Number(rest[1]) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 10_000) {
      out(USAGE);
      return 2;
    }
    batch = n;
  }
  const version = cmd === 'retire' && rest.length === 1 && /^[1-9][0-9]{0,8}$/.test(rest[0]!) ? Number(rest[0]) : undefined;
  if (!((cmd === 'status' && !rest.length) || cmd === 'rotate' || version !== undefined)) {
    out(USAGE);
    return 2;
  }
  const database = await open();
  try {
    if (cmd === 'status') {
      const s = await vaultStatus(database.db, dir);
      out(`Thư mục khóa: ${s.dir}`);
      out(`Khóa trên đĩa: ${s.onDisk.length ? s.onDisk.map((v) => `phiên bản ${v}`).join(', ') : 'chưa có'}${s.onDisk.length ? ` (tệp mới dùng phiên bản ${s.onDisk.at(-1)})` : ''}`);
      const encrypted = s.counts.filter((c) => c.version !== null);
      for (const c of encrypted) out(`  phiên bản ${c.version}: ${c.files} tệp${s.onDisk.includes(c.version!) ? '' : ' (THIẾU TỆP KHÓA)'}`);
      if (!encrypted.length) out('  chưa có tệp nào được mã hóa');
      const plain = s.counts.find((c) => c.version === null)?.files ?? 0;
      out(plain ? `Còn ${plain} tệp chưa mã hóa (ghi trước khi có mã hóa): chạy "xaso keys rotate".` : 'Không còn tệp nào chưa mã hóa.');
      for (const p of s.problems) out(`LỖI  ${p}`);
      return s.problems.length ? 1 : 0;
    }
    if (cmd === 'rotate') {
      const r = await rotate(database.db, out, { batch, dir });
      out(`Xong: chuyển ${r.rewrapped} tệp sang khóa phiên bản ${r.to}, mã hóa ${r.sealed} tệp chưa mã hóa.`);
      if (r.failed) {
        out(`LỖI  ${r.failed} tệp không chuyển được (tệp đầu tiên: ${r.firstError}). Khôi phục tệp khóa còn thiếu rồi chạy lại "xaso keys rotate".`);
        return 1;
      }
      if (r.from !== null) out(`Khi chắc chắn đã sao lưu thư mục khóa, có thể gỡ khóa cũ: xaso keys retire ${r.from}`);
      return 0;
    }
    const r = await retire(database.db, version!, dir);
    if (!r.ok) {
      out(`Không gỡ được: ${r.reason}`);
      return 1;
    }
    out(`Đã xóa tệp khóa phiên bản ${version}. Các bản sao lưu cơ sở dữ liệu cũ hơn lần xoay khóa vẫn cần tệp này trong bản sao lưu thư mục khóa.`);
    return 0;
  } finally {
    await database.close();
  }
}
