// `xaso archive`: the monthly partitions of the growing logs (migration 049), on the owner's connection (DDL).
//   xaso archive list                       the months of dossier_events and access_log, DEFAULT's rows, what was detached
//   xaso archive move-default               moves the rows of months that fell into a DEFAULT partition into their own
//   xaso archive detach --before YYYY-MM    detaches every month wholly before that one (dossier_events: only when all
//                                           its dossiers are closed), into schema xaso_archive, and says how to dump it
// Exit code 0 when done, 1 when a month was refused or the database failed, 2 on a usage error.
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../db/schema.ts';
import { loadConfig } from '../config.ts';
import { openOwner } from '../backup/connect.ts';
import { parseMonth } from './core/months.ts';
import { archiveList, detachBefore, moveDefault } from './archive.ts';

type Out = (s: string) => void;

export const ARCHIVE_USAGE = 'Cách dùng: xaso archive list\n'
  + '           xaso archive move-default           chuyển các dòng nằm ở phân vùng mặc định sang phân vùng của tháng\n'
  + '           xaso archive detach --before <YYYY-MM>   tách các tháng trước tháng này khỏi nhật ký để nộp lưu';

export async function runArchiveCli(args: string[], out: Out, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, flag, value, ...rest] = args;
  const before = sub === 'detach' && flag === '--before' && value && !rest.length ? parseMonth(value) : null;
  const simple = (sub === 'list' || sub === 'move-default') && args.length === 1;
  if (!simple && !before) {
    out(sub === 'detach' && value && !parseMonth(value) ? `Tháng "${value}" không đúng dạng YYYY-MM.\n${ARCHIVE_USAGE}` : ARCHIVE_USAGE);
    return 2;
  }
  let owner;
  try {
    owner = await openOwner(loadConfig(env));
  } catch (e) {
    out(`Không kết nối được cơ sở dữ liệu: ${(e as Error).message}`);
    return 1;
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: owner.url, max: 2 }) }) });
  try {
    if (sub === 'list') {
      for (const l of await archiveList(db)) out(l);
      return 0;
    }
    if (sub === 'move-default') {
      const r = await moveDefault(db);
      for (const l of r.lines) out(l);
      return r.failed ? 1 : 0;
    }
    if (!before) return 2;
    const r = await detachBefore(db, before);
    for (const l of r.lines) out(l);
    return r.refused.length ? 1 : 0;
  } catch (e) {
    const code = (e as { code?: string }).code;
    out(code === '55P03'
      ? 'Không tách được: bảng đang bận quá 5 giây (giao dịch dài đang chạy); hãy chạy lại lúc vắng.'
      : `Thất bại: ${(e as Error).message}`);
    return 1;
  } finally {
    await db.destroy();
    await owner.close();
  }
}
