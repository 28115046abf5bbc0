// Stub wired by the lead; the helper building this area replaces it.
export async function runBackupCli(_args: string[], out: (s: string) => void): Promise<number> {
  out('chưa có');
  return 2;
}
export async function runRestoreCli(_args: string[], out: (s: string) => void): Promise<number> {
  out('chưa có');
  return 2;
}
