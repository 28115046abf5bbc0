// The file vault on a real database: files are stored encrypted, read back as they were; a rotation re-wraps while
// reads go on; retiring a key in use is refused; plaintext rows of an older release are served and then sealed; a
// missing or wrong key file is an error, never other bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb } from '../support/db.ts';
import { putFile } from '../../src/dossiers/files-store.ts';
import { VaultError, seal, sha256Hex } from '../../src/vault/core/envelope.ts';
import { kek, kekPath, versionsOnDisk } from '../../src/vault/keyring-store.ts';
import { openStored, writingKek } from '../../src/vault/store.ts';
import { retire, rotate, vaultStatus } from '../../src/vault/rotation.ts';
import { runKeysCli } from '../../src/vault/cli.ts';

// A key directory of this file's own: rotations here must not touch the run's keys.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-vault-'));
process.env.XASO_KEY_DIR = dir;
const { db } = await testDb();
// Files the template may hold would be sealed with the run's keys, not this directory's.
const foreign = await db.selectFrom('files').select('sha256').where('key_version', 'is not', null).execute();
const mine = (sha: string[]) => db.selectFrom('files').selectAll().where('sha256', 'in', sha);
const read = async (sha: string) => openStored(await db.selectFrom('files').selectAll().where('sha256', '=', sha).executeTakeFirstOrThrow(), dir);
const silent = () => {};
const pdf = (n: number) => Buffer.concat([Buffer.from(`%PDF-1.7 CCCD số ${String(n).padStart(12, '0')} Nguyễn Văn A `), crypto.randomBytes(200 + n)]);

test('a stored file is not plaintext in the database and reads back byte for byte', { skip: foreign.length > 0 && 'template holds sealed files' }, async () => {
  const plain = pdf(1);
  const sha = await putFile(db, plain, 'application/pdf');
  const row = await db.selectFrom('files').selectAll().where('sha256', '=', sha).executeTakeFirstOrThrow();
  assert.equal(row.key_version, 1);
  assert.equal(row.size, plain.length);
  assert.notDeepEqual(row.content, plain);
  assert.equal(row.content.includes(Buffer.from('CCCD')), false, 'no plaintext fragment in the stored bytes');
  assert.deepEqual(await read(sha), plain);
  assert.deepEqual(versionsOnDisk(dir), [1]);
  assert.equal((fs.statSync(kekPath(1, dir)).mode & 0o777).toString(8), '600');
});

test('rotation while reads go on: every read returns the right bytes; all rows end on the new version; recorded', async () => {
  const plains = Array.from({ length: 80 }, (_, i) => pdf(100 + i));
  const shas = await Promise.all(plains.map((p) => putFile(db, p, 'application/pdf')));
  let reading = true;
  let reads = 0;
  const readers = Array.from({ length: 4 }, async (_, w) => {
    for (let i = w; reading; i = (i + 1) % shas.length) {
      assert.deepEqual(await read(shas[i]!), plains[i], `read ${i} during the rotation`);
      reads++;
    }
  });
  const lines: string[] = [];
  const r = await rotate(db, (s) => lines.push(s), { batch: 5, dir });
  reading = false;
  await Promise.all(readers);
  assert.ok(reads > 20, `reads happened during the rotation (${reads})`);
  assert.equal(r.to, 2);
  assert.equal(r.failed, 0);
  assert.ok(r.rewrapped >= 80);
  const rows = await mine(shas).execute();
  assert.ok(rows.every((x) => x.key_version === 2));
  for (const [i, sha] of shas.entries()) assert.deepEqual(await read(sha), plains[i]);
  assert.ok(lines.some((l) => l.includes('phiên bản 2')));
  const ev = await db.selectFrom('ops_events').selectAll().where('kind', '=', 'key_rotation').orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.equal(ev.ok, true);
  assert.deepEqual({ from: (ev.detail as { from: number }).from, to: (ev.detail as { to: number }).to }, { from: 1, to: 2 });
});

test('retire refuses the newest key and a key still in use; after a rotation the old key goes and reads still work', async () => {
  assert.equal((await retire(db, 2, dir)).ok, false); // the newest
  // A row still wrapped by version 1 (a server that wrote just before it saw version 2).
  const plain = pdf(999);
  const sha = sha256Hex(plain);
  const s = seal(plain, sha, kek(1, dir));
  await db.insertInto('files').values({ sha256: sha, content_type: 'application/pdf', size: plain.length, content: s.content, key_version: 1, wrapped_key: s.wrappedKey, nonce: s.nonce }).execute();
  const refused = await retire(db, 1, dir);
  assert.equal(refused.ok, false);
  assert.match((refused as { reason: string }).reason, /Còn 1 tệp dùng khóa phiên bản 1/);
  assert.ok(fs.existsSync(kekPath(1, dir)));
  const out: string[] = [];
  assert.equal(await runKeysCli(['retire', '1'], (l) => out.push(l), async () => ({ db, close: async () => {} }), dir), 1);
  assert.match(out.join('\n'), /Không gỡ được/);
  await rotate(db, silent, { dir }); // → version 3
  assert.equal((await retire(db, 1, dir)).ok, true);
  assert.equal((await retire(db, 2, dir)).ok, true);
  assert.deepEqual(versionsOnDisk(dir), [3]);
  assert.deepEqual(await read(sha), plain);
});

test('plaintext rows of an older release are served (hash checked), then sealed by rotate', async () => {
  const plain = pdf(5000);
  const sha = sha256Hex(plain);
  await db.insertInto('files').values({ sha256: sha, content_type: 'application/pdf', size: plain.length, content: plain }).execute();
  assert.deepEqual(await read(sha), plain);
  // A plaintext row whose bytes do not hash to its key (a ciphertext with key_version cleared) is refused.
  const forged = { sha256: sha, content: Buffer.concat([plain, Buffer.from('x')]), key_version: null, wrapped_key: null, nonce: null };
  assert.throws(() => openStored(forged, dir), VaultError);
  const out: string[] = [];
  const open = async () => ({ db, close: async () => {} });
  assert.equal(await runKeysCli(['status'], (l) => out.push(l), open, dir), 0);
  assert.match(out.join('\n'), /Còn 1 tệp chưa mã hóa/);
  out.length = 0;
  assert.equal(await runKeysCli(['rotate', '--batch', '10'], (l) => out.push(l), open, dir), 0);
  assert.match(out.join('\n'), /mã hóa 1 tệp chưa mã hóa/);
  const row = await db.selectFrom('files').selectAll().where('sha256', '=', sha).executeTakeFirstOrThrow();
  assert.equal(row.key_version, 4);
  assert.equal(row.content.includes(plain.subarray(0, 20)), false);
  assert.deepEqual(await read(sha), plain);
});

test('a missing or wrong key file is an error with its name, never other bytes; no new key over sealed rows', async () => {
  const plain = pdf(7000);
  const sha = await putFile(db, plain, 'application/pdf');
  const file = kekPath(4, dir);
  const saved = fs.readFileSync(file);
  fs.rmSync(file);
  // A fresh process (no cached key): the key of another directory holding only a different vault-4.key.
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-vault-'));
  const row = await db.selectFrom('files').selectAll().where('sha256', '=', sha).executeTakeFirstOrThrow();
  assert.throws(() => openStored(row, other),
    (e: unknown) => e instanceof VaultError && e.code === 'KEY_MISSING' && /vault-4\.key/.test(e.message));
  await assert.rejects(writingKek(db, other), (e: unknown) => e instanceof VaultError && e.code === 'KEY_MISSING');
  assert.deepEqual(versionsOnDisk(other), [], 'no key made over sealed rows');
  const st = await vaultStatus(db, other);
  assert.match(st.problems.join('\n'), /Thiếu tệp khóa .*vault-4\.key/);
  fs.writeFileSync(path.join(other, 'vault-4.key'), crypto.randomBytes(32).toString('hex'));
  assert.throws(() => openStored(row, other),
    (e: unknown) => e instanceof VaultError && e.code === 'UNREADABLE');
  assert.match((await vaultStatus(db, other)).problems.join('\n'), /không mở được/);
  const out: string[] = [];
  assert.equal(await runKeysCli(['status'], (l) => out.push(l), async () => ({ db, close: async () => {} }), other), 1);
  assert.match(out.join('\n'), /LỖI/);
  fs.writeFileSync(file, saved, { mode: 0o600 });
  assert.deepEqual(await read(sha), plain);
});

test('usage errors exit 2 without touching the database', async () => {
  const out: string[] = [];
  const open = async () => assert.fail('no database for a usage error');
  for (const args of [[], ['retire'], ['retire', 'x'], ['rotate', '--batch', '0'], ['status', 'x'], ['nope']]) {
    assert.equal(await runKeysCli(args, (l) => out.push(l), open, dir), 2);
  }
  assert.match(out[0]!, /Cách dùng/);
});
