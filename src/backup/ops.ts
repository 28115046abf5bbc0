// What backup and restore record and need outside the archive: the ops_events rows the security self-check reads,
// and the key files a restored database needs (kept in the key directory, never in the archive).
import fs from 'node:fs';
import path from 'node:path';
import { appPool, kyselyFor } from '../db/connect.ts';
import { chainKey, chainKeyId } from '../integrity/key-store.ts';
import { keyDirectory } from '../shared/key-files-store.ts';
import { SECRET_KEY_ENV, SECRET_KEY_FILE } from '../shared/secret-key-store.ts';
import { recordOpsEvent, type OpsEventKind } from '../shared/ops-events-store.ts';

/** Records one operation in the database at `url`, as the application role. */
export async function recordOps(url: string, kind: OpsEventKind, ok: boolean, detail: Record<string, unknown>): Promise<void> {
  const db = kyselyFor(appPool(url, 1));
  try {
    await recordOpsEvent(db, kind, ok, detail);
  } finally {
    await db.destroy();
  }
}

/** The chain key, only when one exists (XASO_CHAIN_KEY or chain.key): a backup or a restore never makes a new one. */
export function chainKeyIfPresent(env: NodeJS.ProcessEnv): Buffer | null {
  if (!env.XASO_CHAIN_KEY && !fs.existsSync(path.join(keyDirectory(env), 'chain.key'))) return null;
  return chainKey(env);
}

export const chainKeyIdIfPresent = (env: NodeJS.ProcessEnv) => {
  const key = chainKeyIfPresent(env);
  return key ? chainKeyId(key) : null;
};

/** The key files a restored database needs, where they are looked for, and whether each is there. */
export function neededKeys(env: NodeJS.ProcessEnv, vaultKeyVersions: readonly number[] = []): { name: string; why: string; present: boolean }[] {
  const dir = keyDirectory(env);
  const has = (file: string, variable?: string) => (variable !== undefined && !!env[variable]) || fs.existsSync(path.join(dir, file));
  return [
    { name: path.join(dir, 'chain.key') + ' (hoặc XASO_CHAIN_KEY)', why: 'kiểm tra chuỗi nhật ký hồ sơ', present: has('chain.key', 'XASO_CHAIN_KEY') },
    { name: path.join(dir, SECRET_KEY_FILE) + ` (hoặc ${SECRET_KEY_ENV})`, why: 'liên kết công dân với hồ sơ đã nộp trực tuyến', present: has(SECRET_KEY_FILE, SECRET_KEY_ENV) },
    { name: path.join(dir, 'checkpoint-ed25519.pem'), why: 'ký các điểm kiểm tra tiếp theo', present: has('checkpoint-ed25519.pem') },
    // The file vault's key-encryption keys (src/vault/keyring-store.ts: vault-<n>.key), those the archive's files use.
    ...vaultKeyVersions.map((v) => ({ name: path.join(dir, `vault-${v}.key`), why: 'mở tệp đính kèm đã mã hóa', present: has(`vault-${v}.key`) })),
  ];
}
