// A small time-bounded cache for reference data that changes rarely (catalogue versions, calendars, units).
// Each process clears its own copy on the edits it makes; other processes see an edit within `ms`.
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(private readonly ms: number) {}

  /** The cached value, or `load()`'s (shared by concurrent callers; a failed load is not kept). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ms) return hit.value;
    const value = load();
    this.entries.set(key, { at: Date.now(), value });
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
