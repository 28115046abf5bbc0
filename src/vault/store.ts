// The file vault's SQL edge: the envelope columns of table files (migration 034) — sealing on write, opening on read,
// and the batches of a key rotation. Every stored file is encrypted (core/envelope.ts); a row with key_version NULL is
// plaintext written before migration 034, served after its sha256 is checked and sealed by `xaso keys rotate`.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { keyDirectory } from '../shared/key-files-store.ts';
import { VaultError, open, seal, sha256Hex, type Kek, type Sealed } from './core/envelope.ts';
import { createKek, kek, newestKek } from './keyring-store.ts';

type Db = Kysely<Database>;

/** The columns a reader selects to get a file's content (with the alias of table files, e.g. 'b.sha256'). */
export interface StoredRow {
  sha256: string;
  content: Buffer;
  key_version: number | null;
  wrapped_key: Buffer | null;
  nonce: Buffer | null;
}

/** The plaintext of a stored row; VaultError when its KEK is missing, the envelope does not open, or a plaintext row's
 *  bytes do not hash to its key (a ciphertext turned "plaintext" by clearing key_version is refused too). */
export function openStored(row: StoredRow, dir = keyDirectory()): Buffer {
  if (row.key_version === null) {
    if (sha256Hex(row.content) !== row.sha256) throw new VaultError('UNREADABLE', `Tệp ${row.sha256.slice(0, 12)} chưa mã hóa nhưng nội dung không khớp mã băm: dữ liệu đã bị sửa đổi`);
    return row.content;
  }
  if (!row.wrapped_key || !row.nonce) throw new VaultError('UNREADABLE', `Tệp ${row.sha256.slice(0, 12)} thiếu khóa dữ liệu hoặc nonce`);
  const sealed: Sealed = { keyVersion: row.key_version, wrappedKey: row.wrapped_key, nonce: row.nonce, content: row.content };
  return open(sealed, row.sha256, kek(row.key_version, dir));
}

type Opened<T extends StoredRow> = Omit<T, 'key_version' | 'wrapped_key' | 'nonce'>;

/** A selected row with its content opened and the envelope columns dropped (undefined stays undefined). */
export function openRow<T extends StoredRow>(row: T): Opened<T>;
export function openRow<T extends StoredRow>(row: T | undefined): Opened<T> | undefined;
export function openRow<T extends StoredRow>(row: T | undefined): Opened<T> | undefined {
  if (!row) return undefined;
  const content = openStored(row);
  const { key_version: _v, wrapped_key: _w, nonce: _n, ...rest } = row;
  return { ...rest, content };
}

/** The KEK new writes use: the newest on disk. The first write of an installation makes version 1, but never when the
 *  database already holds encrypted files (a lost or mistyped key directory must not start a new key silently). */
export async function writingKek(db: Db, dir = keyDirectory()): Promise<Kek> {
  const newest = newestKek(dir);
  if (newest) return newest;
  const used = await highestVersionInUse(db);
  if (used !== null) {
    throw new VaultError('KEY_MISSING', `Thư mục khóa ${dir} không có tệp vault-*.key nhưng cơ sở dữ liệu có tệp mã hóa bằng khóa phiên bản ${used}: khôi phục thư mục khóa từ bản sao lưu (hoặc đặt đúng XASO_KEY_DIR)`);
  }
  return createKek(1, dir);
}

/** The envelope columns of a new row for `plain` (whose sha256 is `sha256`). */
export async function sealedColumns(db: Db, plain: Buffer, sha256: string) {
  const s = seal(plain, sha256, await writingKek(db));
  return { content: s.content, key_version: s.keyVersion, wrapped_key: s.wrappedKey, nonce: s.nonce };
}

// ── Status and rotation (vault/rotation.ts) ──────────────────────────────────────────────────────────

export async function highestVersionInUse(db: Db): Promise<number | null> {
  const r = await db.selectFrom('files').select('key_version').where('key_version', 'is not', null).orderBy('key_version', 'desc').limit(1).executeTakeFirst();
  return r?.key_version ?? null;
}

/** Rows per key version (null: plaintext). */
export async function versionCounts(db: Db): Promise<{ version: number | null; files: number }[]> {
  const rows = await db.selectFrom('files').select(['key_version', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('key_version').orderBy('key_version').execute();
  return rows.map((r) => ({ version: r.key_version, files: Number(r.n) }));
}

export async function filesUsingVersion(db: Db, version: number): Promise<number> {
  const r = await db.selectFrom('files').select((eb) => eb.fn.countAll<string>().as('n')).where('key_version', '=', version).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** One row of each key version in use, to try its KEK: a lookup per version up to the highest in use, each on the
 *  index (key_version, sha256), never a scan of the files (the server's start runs it). */
export async function sampleOfEachVersion(db: Db) {
  const highest = await highestVersionInUse(db);
  const rows = [];
  for (let v = 1; highest !== null && v <= highest; v++) {
    const r = await db.selectFrom('files').select(['sha256', 'key_version', 'wrapped_key']).where('key_version', '=', v).limit(1).executeTakeFirst();
    if (r) rows.push(r);
  }
  return rows;
}

/** The next rows, after `after` in sha256 order, wrapped by a KEK older than `below`. */
export async function wrappedBelow(db: Db, below: number, after: string, limit: number) {
  return db.selectFrom('files').select(['sha256', 'key_version', 'wrapped_key'])
    .where('key_version', '<', below).where('sha256', '>', after).orderBy('sha256').limit(limit).execute();
}

/** Replaces a row's wrapped key, only if it is still wrapped by `from` (another rotation may have moved it). */
export async function setWrapped(db: Db, sha256: string, from: number, to: number, wrapped: Buffer): Promise<boolean> {
  const r = await db.updateTable('files').set({ key_version: to, wrapped_key: wrapped })
    .where('sha256', '=', sha256).where('key_version', '=', from).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The next plaintext rows (written before migration 034), after `after` in sha256 order. */
export async function plaintextRows(db: Db, after: string, limit: number) {
  return db.selectFrom('files').select(['sha256', 'content']).where('key_version', 'is', null).where('sha256', '>', after).orderBy('sha256').limit(limit).execute();
}

/** Stores the envelope of a plaintext row, only if it is still plaintext. */
export async function setSealed(db: Db, sha256: string, s: Sealed): Promise<boolean> {
  const r = await db.updateTable('files').set({ content: s.content, key_version: s.keyVersion, wrapped_key: s.wrappedKey, nonce: s.nonce })
    .where('sha256', '=', sha256).where('key_version', 'is', null).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
