// Key rotation, status, retirement and the start check of the file vault (issue 13). A rotation adds KEK version n+1
// and re-wraps every file's data key to it in small batches, each row in one UPDATE (key_version and wrapped_key
// change together), so the server keeps serving: a reader gets the row either before or after, and both KEKs are on
// disk. Rows still plaintext (written before migration 034) are sealed in the same run.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { keyDirectory } from '../shared/key-files-store.ts';
import { recordOpsEvent } from '../shared/ops-events-store.ts';
import { VaultError, rewrap, seal, sha256Hex, unwrapKey } from './core/envelope.ts';
import { createKek, kek, kekPath, removeKek, versionsOnDisk } from './keyring-store.ts';
import {
  filesUsingVersion, highestVersionInUse, plaintextRows, sampleOfEachVersion, setSealed, setWrapped, versionCounts, wrappedBelow,
} from './store.ts';

type Db = Kysely<Database>;
type Out = (s: string) => void;

export interface RotationResult {
  from: number | null;
  to: number;
  /** Data keys re-wrapped to the new version. */
  rewrapped: number;
  /** Plaintext rows sealed. */
  sealed: number;
  /** Rows left as they were (their KEK missing or their envelope unreadable), with the first reason. */
  failed: number;
  firstError?: string;
}

/** Adds the next KEK version and moves every file to it; records the rotation in ops_events (ok when nothing failed). */
export async function rotate(db: Db, out: Out, opts: { batch?: number; dir?: string } = {}): Promise<RotationResult> {
  const dir = opts.dir ?? keyDirectory();
  const batch = opts.batch ?? 200;
  const onDisk = versionsOnDisk(dir);
  const from = onDisk.at(-1) ?? null;
  // Past every version the database names too: a version whose file was lost must not be made again with another key.
  const to = Math.max(from ?? 0, (await highestVersionInUse(db)) ?? 0) + 1;
  const target = createKek(to, dir);
  out(`Đã tạo khóa mới phiên bản ${to}: ${kekPath(to, dir)}. Tệp mới từ nay được mã hóa bằng khóa này.`);
  const r: RotationResult = { from, to, rewrapped: 0, sealed: 0, failed: 0 };
  const fail = (sha256: string, e: unknown) => {
    r.failed++;
    r.firstError ??= `${sha256.slice(0, 12)}: ${(e as Error).message}`;
  };
  // A server that read the directory just before the new key appeared may still write a row with the old version: a
  // second sweep takes it. Keyset order by sha256, so a row that fails is not retried forever.
  for (let sweep = 0; sweep < 3; sweep++) {
    let moved = 0;
    for (let after = ''; ;) {
      const rows = await wrappedBelow(db, to, after, batch);
      if (!rows.length) break;
      for (const row of rows) {
        try {
          const wrapped = rewrap(row.wrapped_key!, row.sha256, kek(row.key_version!, dir), target);
          if (await setWrapped(db, row.sha256, row.key_version!, to, wrapped)) moved++;
        } catch (e) {
          if (!(e instanceof VaultError)) throw e;
          if (sweep === 0) fail(row.sha256, e);
        }
      }
      after = rows.at(-1)!.sha256;
      out(`  đã chuyển khóa ${r.rewrapped + moved} tệp…`);
    }
    r.rewrapped += moved;
    for (let after = ''; ;) {
      const rows = await plaintextRows(db, after, Math.max(1, Math.floor(batch / 10)));
      if (!rows.length) break;
      for (const row of rows) {
        if (sha256Hex(row.content) !== row.sha256) {
          if (sweep === 0) fail(row.sha256, new Error('nội dung chưa mã hóa không khớp mã băm'));
          continue;
        }
        if (await setSealed(db, row.sha256, seal(row.content, row.sha256, target))) r.sealed++;
      }
      after = rows.at(-1)!.sha256;
      out(`  đã mã hóa ${r.sealed} tệp chưa mã hóa…`);
    }
    if (!moved && sweep > 0) break;
  }
  const ok = r.failed === 0;
  await recordOpsEvent(db, 'key_rotation', ok, {
    from, to, files: r.rewrapped + r.sealed, rewrapped: r.rewrapped, sealed: r.sealed, failed: r.failed, ...(r.firstError ? { error: r.firstError } : {}),
  });
  return r;
}

export interface VaultStatus {
  dir: string;
  onDisk: number[];
  counts: { version: number | null; files: number }[];
  /** Problems found: a version in use whose file is missing or whose key does not open its rows. */
  problems: string[];
}

/** What `xaso keys status` reports: the problems, and the files per version (a count of every file). */
export async function vaultStatus(db: Db, dir = keyDirectory()): Promise<VaultStatus> {
  return { dir, onDisk: versionsOnDisk(dir), counts: await versionCounts(db), problems: await vaultProblems(db, dir) };
}

/** A version in use whose key file is missing or does not open its rows (the server's start check: no counting). */
export async function vaultProblems(db: Db, dir = keyDirectory()): Promise<string[]> {
  const onDisk = versionsOnDisk(dir);
  const problems: string[] = [];
  for (const s of await sampleOfEachVersion(db)) {
    const v = s.key_version!;
    if (!onDisk.includes(v)) {
      problems.push(`Thiếu tệp khóa ${kekPath(v, dir)} (phiên bản ${v}) mà các tệp đính kèm đang dùng: khôi phục tệp này từ bản sao lưu thư mục khóa.`);
      continue;
    }
    try {
      unwrapKey(s.wrapped_key!, s.sha256, kek(v, dir));
    } catch (e) {
      if (!(e instanceof VaultError)) throw e;
      problems.push(`Tệp khóa ${kekPath(v, dir)} không mở được các tệp phiên bản ${v}: đây không phải khóa đã dùng, khôi phục đúng tệp từ bản sao lưu.`);
    }
  }
  return problems;
}

/** Removes an old KEK file; refused (with the reason) while rows use it, or for the newest version. */
export async function retire(db: Db, version: number, dir = keyDirectory()): Promise<{ ok: true } | { ok: false; reason: string }> {
  const onDisk = versionsOnDisk(dir);
  if (!onDisk.includes(version)) return { ok: false, reason: `Không có tệp khóa phiên bản ${version} trong ${dir}.` };
  if (version === onDisk.at(-1)) return { ok: false, reason: `Khóa phiên bản ${version} là khóa mới nhất, đang dùng để mã hóa tệp mới: chạy "xaso keys rotate" trước.` };
  const n = await filesUsingVersion(db, version);
  if (n) return { ok: false, reason: `Còn ${n} tệp dùng khóa phiên bản ${version}: chạy "xaso keys rotate" rồi thử lại.` };
  removeKek(version, dir);
  return { ok: true };
}
