// Tamper evidence for the append-only action log: each entry's hash covers the previous hash and the entry's
// canonical JSON, so a modified, removed or reordered entry breaks every later link. A chain alone cannot reveal
// that its LAST entries were cut off: the heads are anchored outside the database in signed checkpoints
// (src/integrity/checkpoints.ts).
//
// Two versions of a link (issue 13, finding 7). Version 1, `entryHash`: sha256 — anyone who can write the table can
// recompute it after an edit. Version 2, `keyedEntryHash`: HMAC-SHA256 with the chain key, kept outside the database
// (src/integrity/key-store.ts), over the entry marked `v: 2`; every entry written since migration 032 is version 2.
// A version-1 entry after a version-2 entry is a break (a downgrade), so an edit cannot hide by recomputing unkeyed.
//
// Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, Dates as ISO-8601 strings, `undefined`
// properties omitted (as JSON.stringify does). Strings and numbers are serialised by JSON.stringify, as in
// RFC 8785 (JCS). Values JSON cannot represent faithfully (NaN, Infinity, bigint, functions, Map, class
// instances other than Date) are rejected rather than silently changed.

import { createHash, createHmac } from 'node:crypto';

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

/** The marker a version-2 entry carries inside its hashed content. */
export const KEYED_VERSION = 2;

/** HMAC-SHA256 (hex) with the chain key over the previous hash (empty for the first entry) followed by the entry's
 *  canonical JSON. The entry must carry `v: 2` (see `keyedEntry`): the marker is part of what is hashed. */
export function keyedEntryHash(key: Uint8Array, prevHash: string | null, entry: object): string {
  if (key.length < 16) throw new TypeError('The chain key must have at least 16 bytes');
  return createHmac('sha256', key)
    .update(prevHash ?? '', 'utf8')
    .update(canonicalJson(entry), 'utf8')
    .digest('hex');
}

/** The version-2 content of an entry: the entry with the marker and who acted, as they were named then. */
export const keyedEntry = (entry: object, actor: { name: string | null; title: string | null }): object => ({
  ...entry, v: KEYED_VERSION, actorName: actor.name, actorTitle: actor.title,
});

export interface HashedEntry<T extends object = object> {
  readonly entry: T;
  readonly hash: string;
  /** A version-2 (keyed) link; absent or false: version 1. */
  readonly keyed?: boolean;
}

/** The hash of one link, by its version. */
export function linkHash(key: Uint8Array | null, prevHash: string | null, link: { entry: object; keyed?: boolean }): string | null {
  if (!link.keyed) return entryHash(prevHash, link.entry);
  return key ? keyedEntryHash(key, prevHash, link.entry) : null;
}

/** Hashes a list of entries into a chain, continuing from `prevHash` (null for a new chain); keyed when `key`. */
export function hashChain<T extends object>(entries: readonly T[], prevHash: string | null = null, key: Uint8Array | null = null): HashedEntry<T>[] {
  const out: HashedEntry<T>[] = [];
  let prev = prevHash;
  for (const entry of entries) {
    prev = key ? keyedEntryHash(key, prev, entry) : entryHash(prev, entry);
    out.push(key ? { entry, hash: prev, keyed: true } : { entry, hash: prev });
  }
  return out;
}

/** Why a link does not hold: its hash differs, it is unkeyed after a keyed link, or it is keyed and no key is known. */
export type LinkFault = 'hash' | 'downgrade' | 'no_key';

/** The first link that does not hold and why, or null if the chain holds. `keyedFrom`: the links from this index on
 *  must be keyed (those written after a checkpoint that followed migration 032). */
export function firstFault(
  entries: readonly HashedEntry[], prevHash: string | null = null, key: Uint8Array | null = null, keyedFrom = Infinity,
): { index: number; fault: LinkFault } | null {
  let prev = prevHash;
  let sawKeyed = false;
  for (let i = 0; i < entries.length; i++) {
    const link = entries[i] as HashedEntry;
    if (!link.keyed && (sawKeyed || i >= keyedFrom)) return { index: i, fault: 'downgrade' };
    sawKeyed ||= link.keyed === true;
    const h = linkHash(key, prev, link);
    if (h === null) return { index: i, fault: 'no_key' };
    if (h !== link.hash) return { index: i, fault: 'hash' };
    prev = link.hash;
  }
  return null;
}

/** Index of the first entry whose hash does not match its content and predecessor (or that is unkeyed after a keyed
 *  one, or keyed while no key is given), or -1 if the chain holds. */
export function verifyChain(entries: readonly HashedEntry[], prevHash: string | null = null, key: Uint8Array | null = null): number {
  return firstFault(entries, prevHash, key)?.index ?? -1;
}
