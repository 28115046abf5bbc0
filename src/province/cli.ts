// `xaso commune add <file.json>`: onboarding a commune (issue 16). Filled in by the province work.
import type { Db } from '../db/connect.ts';

export const COMMUNE_USAGE = 'Cách dùng: xaso commune add <tệp.json> [--dry-run]';

export async function runCommuneCli(_args: string[], out: (s: string) => void, _open: () => Promise<Db>): Promise<number> {
  out(COMMUNE_USAGE);
  return 2;
}
