// Timing a benchmark's operation: `warmups` untimed runs, then `runs` timed ones, the durations (ms) sorted.
export async function sortedTimings(fn: () => Promise<unknown>, runs: number, warmups = 1): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  return t.sort((a, b) => a - b);
}
