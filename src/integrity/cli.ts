// `xaso verify` and `xaso checkpoint`: the integrity of the dossiers' action logs, from the command line.
//   xaso verify        recomputes every chain, compares the heads with the latest signed checkpoint, prints the first
//                      broken entry of each broken dossier; exit code 0 when all is intact, 1 when anything is broken
//   xaso checkpoint    verifies every chain, then writes a full signed checkpoint of the heads now (the server writes
//                      incremental ones hourly; run this one now and then, e.g. weekly, so that the chain of hourly
//                      files a verification folds stays short)
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { anchorsOf, checkpointDirectory, latestForVerification, writeCheckpoint, type LatestCheckpoint } from './checkpoints.ts';
import { chainKey, chainKeyId } from './key-store.ts';
import { verifyDatabase, type Verification } from './verify.ts';

type Open = () => Promise<{ db: Kysely<Database>; close(): Promise<void> }>;
type Out = (s: string) => void;

const vnTime = (iso: string) => new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Prints the findings; the number of them (broken dossiers, invalid checkpoint files, a changed chain key). */
function report(out: Out, v: Verification, latest: LatestCheckpoint, key: Uint8Array): number {
  let problems = 0;
  for (const f of latest.invalid) {
    out(`HỎNG  điểm kiểm tra ${f}: chữ ký hoặc nội dung không hợp lệ (tệp bị sửa hoặc ký bằng khóa khác)`);
    problems++;
  }
  if (latest.chain.cut) {
    out(`HỎNG  chuỗi điểm kiểm tra bị đứt ở ${latest.chain.cut}: tệp không còn, không hợp lệ hoặc không phải tệp đã ghi (chạy "xaso checkpoint" để lập điểm kiểm tra đầy đủ)`);
    problems++;
  }
  const c = latest.checkpoint;
  if (c) {
    const what = c.kind === 'full' ? `${c.count} hồ sơ` : `theo giờ, ${c.count} hồ sơ thay đổi, ${latest.chain.deltas.length} tệp sau điểm kiểm tra đầy đủ`;
    out(`Điểm kiểm tra đã ký mới nhất: ${latest.file} (lập lúc ${vnTime(c.createdAt)}, ${what}, mã tổng ${c.digest.slice(0, 16)})`);
    if (c.chainKeyId !== chainKeyId(key)) {
      out('HỎNG  khóa chuỗi hiện tại khác khóa lúc lập điểm kiểm tra: các mục có khóa không kiểm tra được (khôi phục tệp khóa chain.key)');
      problems++;
    }
  } else {
    out('Chưa có điểm kiểm tra đã ký nào: chỉ kiểm tra được chuỗi có khóa và đầu chuỗi ghi trên hồ sơ (chạy "xaso checkpoint").');
  }
  for (const b of v.breaks) out(`HỎNG  hồ sơ ${b.name}, mục số ${b.seq}: ${b.text}`);
  problems += v.breaks.length;
  out(`Đã kiểm tra ${v.dossiers} hồ sơ, ${v.entries} mục nhật ký: ${v.breaks.length ? `${v.breaks.length} hồ sơ có nhật ký bị phá vỡ.` : 'nhật ký của mọi hồ sơ toàn vẹn.'}`);
  return problems;
}

/** `xaso verify`: 0 when everything is intact, 1 when anything is broken, 2 on a usage error. */
export async function runVerifyCli(args: string[], out: Out, open: Open, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.length) {
    out('Cách dùng: xaso verify');
    return 2;
  }
  const key = chainKey(env);
  const latest = latestForVerification(env);
  const database = await open();
  try {
    const v = await verifyDatabase(database.db, key, anchorsOf(latest.chain));
    return report(out, v, latest, key) ? 1 : 0;
  } finally {
    await database.close();
  }
}

/** `xaso checkpoint`: verifies and writes a signed checkpoint (even when no head changed); 1 when anything is broken. */
export async function runCheckpointCli(args: string[], out: Out, open: Open, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args.length) {
    out('Cách dùng: xaso checkpoint');
    return 2;
  }
  const database = await open();
  try {
    const r = await writeCheckpoint(database.db, { env, force: true, full: true });
    const problems = report(out, r.verification, r.latest, chainKey(env));
    out(`Đã lập điểm kiểm tra mới: ${r.file ?? checkpointDirectory(env)}`);
    return problems ? 1 : 0;
  } finally {
    await database.close();
  }
}
