// Tamper evidence for the append-only action log: each entry's hash covers the previous hash and the entry's
// canonical JSON, so a modified, removed or reordered entry breaks every later link. A chain alone cannot reveal
// that its LAST entries were cut off: anchor the head hash elsewhere (e.g. a periodic signed checkpoint).
//
// Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, Dates as ISO-8601 strings, `undefined`
// properties omitted (as JSON.stringify does). Strings and numbers are serialised by JSON.stringify, as in
// RFC 8785 (JCS). Values JSON cannot represent faithfully (NaN, Infinity, bigint, functions, Map, class
// instances other than Date) are rejected rather than silently changed.

import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Cannot hash a non-finite number: ${value}`);
      return JSON.stringify(value);
    case 'object':
      return canonicalObject(value);
    default:
      throw new TypeError(`Cannot hash a value of type ${typeof value}`);
  }
}

function canonicalObject(value: object): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('Cannot hash an invalid Date');
    return JSON.stringify(value.toISOString());
  }
  if (Array.isArray(value)) {
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new TypeError(`Cannot hash an instance of ${value.constructor?.name ?? 'unknown'}`);
  }
  const record = value as Record<string, unknown>;
  const parts = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${parts.join(',')}}`;
}

/** sha256 (hex) over the previous hash (empty for the first entry) followed by the entry's canonical JSON. */
export function entryHash(prevHash: string | null, entry: object): string {
  return createHash('sha256')
    .update(prevHash ?? '', 'utf8')
    .update(canonicalJson(entry), 'utf8')
    .digest('hex');
}

export interface HashedEntry<T extends object = object> {
  readonly entry: T;
  readonly hash: string;
}

/** Hashes a list of entries into a chain, continuing from `prevHash` (null for a new chain). */
export function hashChain<T extends object>(entries: readonly T[], prevHash: string | null = null): HashedEntry<T>[] {
  const out: HashedEntry<T>[] = [];
  let prev = prevHash;
  for (const entry of entries) {
    prev = entryHash(prev, entry);
    out.push({ entry, hash: prev });
  }
  return out;
}

/** Index of the first entry whose hash does not match its content and predecessor, or -1 if the chain holds. */
export function verifyChain(entries: readonly HashedEntry[], prevHash: string | null = null): number {
  let prev = prevHash;
  for (let i = 0; i < entries.length; i++) {
    const { entry, hash } = entries[i] as HashedEntry;
    if (entryHash(prev, entry) !== hash) return i;
    prev = hash;
  }
  return -1;
}
