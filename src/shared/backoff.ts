// Exponential backoff for work retried by a background worker (notices, digitisation): the delay before the next try
// after `attempts` (≥ 1) failed ones, `firstMs` × `factor`^(attempts − 1), at most `maxMs`.
export interface Backoff {
  firstMs: number;
  factor: number;
  maxMs: number;
}

export function backoffMs(b: Backoff, attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(b.maxMs, b.firstMs * b.factor ** Math.min(n - 1, 40));
}
