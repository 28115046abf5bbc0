// Stub wired by the lead; the helper building this area replaces it.
export async function runPurgeCli(_args: string[], out: (s: string) => void): Promise<number> {
  out('chưa có');
  return 2;
}
