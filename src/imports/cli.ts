// Stub (issue 15): `xaso import dossiers <file>`, filled by the imports area.
import type { Db } from '../db/connect.ts';

export async function runImportCli(_args: string[], out: (s: string) => void, _open: () => Promise<Db>): Promise<number> {
  out('chưa có');
  return 2;
}
