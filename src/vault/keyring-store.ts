// The key-encryption keys (KEKs) of the file vault, kept OUTSIDE the database as files of the key directory
// (shared/key-files-store.ts): `vault-<n>.key`, 32 random bytes as hex, mode 0600, one per version n ≥ 1. Writes use
// the newest version on disk; reads accept every version still on disk. A key file is never rewritten: a rotation
// adds version n+1, `xaso keys retire <n>` removes an old one once no row uses it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, createOnce, decodeKey, keyDirectory } from '../shared/key-files-store.ts';
import { VaultError, type Kek } from './core/envelope.ts';

const NAME = /^vault-([1-9][0-9]{0,8})\.key$/;

export const kekFileName = (version: number) => `vault-${version}.key`;
export const kekPath = (version: number, dir = keyDirectory()) => path.join(dir, kekFileName(version));

/** The versions whose key file is in the directory, ascending. */
export function versionsOnDisk(dir = keyDirectory()): number[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return names.flatMap((n) => {
    const m = NAME.exec(n);
    return m ? [Number(m[1])] : [];
  }).sort((a, b) => a - b);
}

const cache = new Map<string, Buffer>();

/** The KEK of a version, read once per process; VaultError KEY_MISSING when its file is not there (never made here). */
export function kek(version: number, dir = keyDirectory()): Kek {
  const file = kekPath(version, dir);
  let key = cache.get(file);
  if (!key) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      throw new VaultError('KEY_MISSING', `Thiếu tệp khóa ${file} (khóa mã hóa tệp phiên bản ${version}): khôi phục tệp này từ bản sao lưu thư mục khóa`);
    }
    key = decodeKey(text, file);
    cache.set(file, key);
  }
  return { version, key };
}

/** The newest KEK on disk, or undefined when the directory has none. */
export function newestKek(dir = keyDirectory()): Kek | undefined {
  const v = versionsOnDisk(dir).at(-1);
  return v === undefined ? undefined : kek(v, dir);
}

/** Makes the key file of a version (random; nothing happens when it exists) and returns the key. */
export function createKek(version: number, dir = keyDirectory()): Kek {
  createOnce(kekPath(version, dir), () => crypto.randomBytes(KEY_BYTES).toString('hex') + '\n');
  return kek(version, dir);
}

/** Removes the key file of a retired version (the caller checked that no row uses it). */
export function removeKek(version: number, dir = keyDirectory()): void {
  const file = kekPath(version, dir);
  fs.rmSync(file);
  cache.delete(file);
}
