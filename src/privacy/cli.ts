// `xaso purge [--dry-run]`: removes the records whose retention period is over (purge.ts) and prints, per kind,
// how many rows were removed (or would be, with --dry-run); the legal records are listed as kept.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { purgeReport, runPurge } from './purge.ts';

export async function runPurgeCli(args: string[], out: (s: string) => void): Promise<number> {
  const unknown = args.filter((a) => a !== '--dry-run');
  if (unknown.length) {
    out(`Tham số không hợp lệ: ${unknown.join(' ')}\nCách dùng: xaso purge [--dry-run]`);
    return 2;
  }
  const dryRun = args.includes('--dry-run');
  const database = await openDatabase(loadConfig(), out);
  try {
    out(purgeReport(await runPurge(database.db, new Date(), { dryRun }), dryRun));
    return 0;
  } finally {
    await database.close();
  }
}
