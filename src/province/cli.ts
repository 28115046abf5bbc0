// `xaso commune add <file.json> [--dry-run]`: onboarding a commune (issue 16) from the operator's shell, with no change
// to the code: the whole file is checked first and every error printed with its JSON path; then one transaction
// writes it (onboard.ts), printing each change; the one-time passwords of new accounts are printed once, at the end.
// The same file run again changes nothing. Example: docs/examples/commune.json.
import fs from 'node:fs';
import type { Db } from '../db/connect.ts';
import { parseCommuneFile, showPath } from './core/commune-file.ts';
import { onboardCommune } from './onboard.ts';

export const COMMUNE_USAGE = 'Cách dùng: xaso commune add <tệp.json> [--dry-run]';

export async function runCommuneCli(args: string[], out: (s: string) => void, open: () => Promise<Db>): Promise<number> {
  const [sub, file, ...rest] = args;
  if (sub !== 'add' || !file || rest.some((a) => a !== '--dry-run')) {
    out(`${COMMUNE_USAGE}\nVí dụ tệp mô tả một xã: docs/examples/commune.json (mã xã, tên, tỉnh, mã định danh điện tử, đơn vị, cán bộ, ngày nghỉ riêng, thủ tục không tiếp nhận).`);
    return 2;
  }
  if (!fs.existsSync(file)) {
    out(`Không tìm thấy tệp ${file}.`);
    return 1;
  }
  const dryRun = rest.includes('--dry-run');
  out(`Đang kiểm tra tệp ${file}…`);
  const read = parseCommuneFile(fs.readFileSync(file, 'utf8'));
  if (!read.ok) {
    out(`Tệp có ${read.errors.length} lỗi, chưa ghi gì:`);
    for (const e of read.errors) out(`  ${showPath(e.path)}: ${e.message}`);
    return 1;
  }
  const database = await open();
  try {
    const r = await onboardCommune(database.db, read.file, { actor: null, dryRun, say: out });
    if (!r.ok) {
      out(`Tệp có ${r.errors.length} lỗi, chưa ghi gì:`);
      for (const e of r.errors) out(`  ${showPath(e.path)}: ${e.message}`);
      return 1;
    }
    if (r.passwords.length) {
      out('Mật khẩu dùng một lần của tài khoản mới (chỉ hiện lần này; giao tận tay từng người, giữ kín; quản trị của xã đặt lại mật khẩu tại Quản trị › Cán bộ khi cần):');
      for (const p of r.passwords) out(`  ${p.username}: ${p.password}`);
    }
    if (dryRun) out('Chạy thử: chưa ghi gì vào cơ sở dữ liệu. Chạy lại không có --dry-run để ghi.');
    return 0;
  } finally {
    await database.close();
  }
}
