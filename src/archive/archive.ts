// `xaso archive list` and `xaso archive detach --before YYYY-MM`: the months of the growing logs (migration 049), and
// detaching whole months for the archive. A dossier_events month is a cohort of dossiers (those whose first entry
// fell in it) and goes only when every one of them is closed (core/months.ts CLOSED_STATES, the law on archives);
// an access_log month goes once it is over. What is detached leaves the live tables for schema xaso_archive, to be
// dumped (the command prints how) and dropped by the operator.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { CLOSED_STATES, monthLabel, monthsBefore, partitionMonth, PARTITIONED, type Partitioned } from './core/months.ts';
import { archived, attachedPartitions, cohort, currentMonth, defaultRows, detachPartition, moveFromDefault } from './store.ts';

type Db = Kysely<Database>;

const TABLE_LABEL: Record<Partitioned, string> = {
  dossier_events: 'Nhật ký xử lý hồ sơ (dossier_events)',
  access_log: 'Nhật ký truy cập dữ liệu cá nhân (access_log)',
};

const num = (n: number) => n.toLocaleString('vi-VN');
const size = (bytes: number) => `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/** The report of `xaso archive list`, in Vietnamese. */
export async function archiveList(db: Db): Promise<string[]> {
  const [parts, inDefault, gone] = await Promise.all([attachedPartitions(db), defaultRows(db), archived(db)]);
  const out: string[] = [];
  for (const parent of PARTITIONED) {
    out.push(`${TABLE_LABEL[parent]}:`);
    for (const p of parts.filter((x) => x.parent === parent)) {
      const month = partitionMonth(parent, p.name);
      out.push(`  ${p.isDefault ? 'mặc định (DEFAULT)' : month ? `tháng ${monthLabel(month)}` : p.name}`.padEnd(24)
        + `${p.name.padEnd(28)} ~${num(p.estimate)} dòng, ${size(p.bytes)}`);
    }
    for (const d of inDefault.filter((x) => x.parent === parent)) {
      out.push(`  CHÚ Ý: phân vùng mặc định chứa ${num(d.rows)} dòng của tháng ${monthLabel(d.month)} (tháng chưa có phân vùng riêng; không tự chuyển: xaso archive move-default)`);
    }
    for (const a of gone.filter((x) => x.parent === parent)) {
      out.push(`  đã tách   tháng ${monthLabel(a.month)}  xaso_archive.${a.name}: ${num(a.rows)} dòng`
        + `${a.dossiers === null ? '' : `, ${num(a.dossiers)} hồ sơ`}, lúc ${a.detachedAt.toISOString()}${a.present ? '' : ' (bảng đã được xóa sau khi kết xuất)'}`);
    }
  }
  return out;
}

export interface DetachOutcome {
  detached: { name: string; month: string; rows: number }[];
  refused: { name: string; month: string; reason: string }[];
  lines: string[];
}

/**
 * Detaches every monthly partition of both tables wholly before `before` ('YYYY-MM-01'); refuses `before` later than
 * the current month (a month not over), a dossier_events month with dossiers not closed, and a month with rows in a
 * DEFAULT partition (its cohort is not whole). Each partition in its own transaction: one refused does not stop the
 * others.
 */
export async function detachBefore(db: Db, before: string): Promise<DetachOutcome> {
  const out: DetachOutcome = { detached: [], refused: [], lines: [] };
  const now = await currentMonth(db);
  if (before > now) {
    out.lines.push(`Không tách được: tháng ${monthLabel(before)} chưa bắt đầu; chỉ tách các tháng đã kết thúc (trước ${monthLabel(now)} hoặc sớm hơn).`);
    out.refused.push({ name: '', month: before, reason: 'future' });
    return out;
  }
  const [parts, inDefault] = await Promise.all([attachedPartitions(db), defaultRows(db)]);
  for (const parent of PARTITIONED) {
    const months = monthsBefore(parts.filter((p) => p.parent === parent && !p.isDefault).map((p) => ({ ...p, month: partitionMonth(parent, p.name) })), before);
    for (const p of months) {
      const label = `${p.name} (tháng ${monthLabel(p.month)})`;
      const stray = inDefault.find((d) => d.parent === parent && d.month === p.month);
      if (stray) {
        out.refused.push({ name: p.name, month: p.month, reason: 'default' });
        out.lines.push(`TỪ CHỐI ${label}: phân vùng mặc định còn ${num(stray.rows)} dòng của tháng này, tháng chưa trọn vẹn.`);
        continue;
      }
      let dossiers: number | null = null;
      if (parent === 'dossier_events') {
        const c = await cohort(db, p.month, CLOSED_STATES);
        if (c.open > 0) {
          out.refused.push({ name: p.name, month: p.month, reason: 'open' });
          out.lines.push(`TỪ CHỐI ${label}: ${num(c.open)}/${num(c.dossiers)} hồ sơ chưa kết thúc (chưa trả kết quả, chưa dừng hoặc rút), ví dụ ${c.openNames.join(', ')}. `
            + 'Chỉ hồ sơ công việc đã kết thúc mới được nộp lưu (Luật Lưu trữ 2024).');
          continue;
        }
        dossiers = c.dossiers;
      }
      const rows = await detachPartition(db, { parent, name: p.name, month: p.month, dossiers });
      out.detached.push({ name: p.name, month: p.month, rows });
      out.lines.push(`ĐÃ TÁCH ${label}: ${num(rows)} dòng${dossiers === null ? '' : ` của ${num(dossiers)} hồ sơ`} → xaso_archive.${p.name}`);
    }
  }
  if (out.detached.length) {
    out.lines.push('', 'Kết xuất từng bảng đã tách để nộp lưu, kiểm tra tệp, rồi xóa bảng khỏi cơ sở dữ liệu, ví dụ:');
    for (const d of out.detached) {
      out.lines.push(`  pg_dump "$DATABASE_URL" --table=xaso_archive.${d.name} --format=custom --file=${d.name}.dump`);
      out.lines.push(`  pg_restore --list ${d.name}.dump >/dev/null && psql "$DATABASE_URL" -c 'DROP TABLE xaso_archive.${d.name}'`);
    }
  } else if (!out.refused.length) {
    out.lines.push(`Không có phân vùng nào trước tháng ${monthLabel(before)} để tách.`);
  }
  return out;
}

/**
 * `xaso archive move-default`: every month whose rows sit in a DEFAULT partition (a month nobody created in time: a
 * server stopped for months, an import of old dossiers) gets its own partition with its rows, one month per
 * transaction. Never automatic: the move locks the table against writes while it runs. The lines to print; `failed`
 * when a month could not be moved (the others still are).
 */
export async function moveDefault(db: Db): Promise<{ moved: number; failed: boolean; lines: string[] }> {
  const lines: string[] = [];
  let moved = 0;
  let failed = false;
  const stray = await defaultRows(db);
  if (!stray.length) return { moved, failed, lines: ['Phân vùng mặc định không chứa dòng nào: không có gì để chuyển.'] };
  for (const d of stray) {
    const label = `${TABLE_LABEL[d.parent]}, tháng ${monthLabel(d.month)}`;
    try {
      const n = await moveFromDefault(db, d.parent, d.month);
      moved += n;
      lines.push(`ĐÃ CHUYỂN ${label}: ${num(n)} dòng từ phân vùng mặc định sang phân vùng riêng của tháng.`);
    } catch (e) {
      failed = true;
      const busy = (e as { code?: string }).code === '55P03';
      lines.push(`KHÔNG CHUYỂN ĐƯỢC ${label}: ${busy ? 'bảng đang bận quá 5 giây, hãy chạy lại lúc vắng' : (e as Error).message}.`);
    }
  }
  return { moved, failed, lines };
}
