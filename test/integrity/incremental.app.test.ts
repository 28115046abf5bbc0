// Issue 16 (scale): the hourly checkpoint checks only what was appended since the previous one (incremental.ts).
// After a full checkpoint, new actions give an incremental file holding only the heads that moved, continuing the
// previous file; an appended entry that does not link to the signed head is caught by the incremental check (and
// its dossier keeps its signed head); an old entry rewritten is NOT seen by the incremental check (it reads only new
// entries) but is caught by `xaso verify`, which holds every chain to every signed head of the chain of files
// (a cut after an incremental head included); an entry committed after a checkpoint that skipped its id is read by
// the next one; a file of the chain removed is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { runVerifyCli } from '../../src/integrity/cli.ts';
import { latestForVerification, writeCheckpoint } from '../../src/integrity/checkpoints.ts';
import { cutLast, rewriteUnkeyed } from './attacker.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-incremental-'));
process.env.XASO_KEY_DIR = path.join(root, 'keys');
process.env.XASO_CHECKPOINT_DIR = path.join(root, 'checkpoints');
const t = await testApp();
const KHAI_SINH = '1.001193';

async function cli(): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runVerifyCli([], (s) => lines.push(s), async () => ({ db: t.db, close: async () => {} }));
  return { code, lines };
}

async function intake(): Promise<{ id: string; code: string }> {
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  return { id: d.body.id, code: d.body.code };
}

async function assign(id: string): Promise<void> {
  const a = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
}

/** An entry appended by someone who writes the database directly: numbered next, its previous hash not the last
 *  entry's; the dossier's head moved to it. `hold`: leave the transaction open (committed by the returned function). */
async function appendUnlinked(dossierId: string, hold = false): Promise<() => Promise<void>> {
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  await c.query('BEGIN');
  const last = (await c.query('SELECT * FROM dossier_events WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1', [dossierId])).rows[0];
  const forged = 'f'.repeat(64);
  await c.query(
    `INSERT INTO dossier_events (dossier_id, seq, action, from_state, to_state, actor_id, actor_role, actor_unit, at, payload, changes, prev_hash, hash, chain_version,
                                 dossier_month)
     VALUES ($1, $2, 'note', $3, $3, $4, $5, $6, $7, '{}', '{}', $8, $9, 2, (SELECT dossier_month FROM dossiers WHERE id = $1))`,
    [dossierId, last.seq + 1, last.to_state, last.actor_id, last.actor_role, last.actor_unit, last.at, 'e'.repeat(64), forged],
  );
  await c.query('UPDATE dossiers SET event_count = $1, last_hash = $2 WHERE id = $3', [last.seq + 1, forged, dossierId]);
  const commit = async () => {
    await c.query('COMMIT');
    await c.end();
  };
  if (!hold) await commit();
  return commit;
}

const brokenLine = (lines: string[], code: string) => lines.find((l) => l.startsWith(`HỎNG  hồ sơ ${code},`));
const files = () => fs.readdirSync(process.env.XASO_CHECKPOINT_DIR!).filter((f) => f.endsWith('.json')).sort();

let old: { id: string; code: string }[] = [];

test('after a full checkpoint, the next one checks only the new entries and records only the heads that moved', async () => {
  t.setNow('2026-12-03T08:00:00+07:00');
  await t.login('motcua'); // once: six logins at once would be six attempts in flight, which the lockout counts
  old = await Promise.all(Array.from({ length: 6 }, () => intake()));
  const full = await writeCheckpoint(t.db);
  assert.equal(full.kind, 'full');
  assert.equal(full.verification.dossiers, 6);

  const fresh = await intake();
  await assign(old[0]!.id);
  const inc = await writeCheckpoint(t.db);
  assert.equal(inc.kind, 'incremental');
  assert.deepEqual(inc.verification.breaks, []);
  assert.equal(inc.verification.dossiers, 2, 'the new dossier and the one assigned, not the five untouched');
  assert.equal(inc.verification.entries, 2, 'one new entry each after the signed heads');
  const latest = latestForVerification();
  assert.equal(latest.checkpoint?.kind, 'incremental');
  assert.deepEqual(latest.checkpoint?.heads?.map((h) => h.id).sort(), [fresh.id, old[0]!.id].sort());
  assert.equal(latest.checkpoint?.previous?.file, path.basename(full.file!));
  assert.equal(latest.chain.base?.file, full.file);

  // Nothing new: nothing written.
  assert.equal((await writeCheckpoint(t.db)).file, null);
  const v = await cli();
  assert.equal(v.code, 0, v.lines.join('\n'));
  assert.match(v.lines.at(-1)!, /^Đã kiểm tra 7 hồ sơ, 8 mục nhật ký: nhật ký của mọi hồ sơ toàn vẹn\.$/);
});

test('an appended entry that does not link to the signed head is caught by the incremental check; its head stays', async () => {
  const target = old[1]!;
  await appendUnlinked(target.id);
  const other = await intake();
  const inc = await writeCheckpoint(t.db);
  assert.equal(inc.kind, 'incremental');
  assert.deepEqual(inc.verification.breaks.map((b) => [b.id, b.seq, b.kind]), [[target.id, 2, 'prev_hash']]);
  const latest = latestForVerification().checkpoint!;
  assert.deepEqual(latest.heads?.map((h) => h.id), [other.id], 'the broken dossier keeps its signed head');
  assert.deepEqual(latest.carried, [target.id]);
  const v = await cli();
  assert.equal(v.code, 1);
  assert.equal(brokenLine(v.lines, target.code), `HỎNG  hồ sơ ${target.code}, mục số 2: mã băm của mục trước ghi trong mục này không khớp`);
});

test('an old entry rewritten is not read by the incremental check, and is caught by the full verification', async () => {
  const target = old[2]!;
  const cut = old[0]!; // its head was signed by an incremental file only (after its assignment)
  await rewriteUnkeyed(t.url, target.id, 1, { note: 'sửa lén' }, true);
  assert.equal(await cutLast(t.url, cut.id), 2);
  await intake();
  const inc = await writeCheckpoint(t.db);
  assert.equal(inc.kind, 'incremental');
  assert.ok(!inc.verification.breaks.some((b) => b.id === target.id || b.id === cut.id), 'only new entries are read');
  const v = await cli();
  assert.equal(v.code, 1);
  assert.equal(brokenLine(v.lines, target.code), `HỎNG  hồ sơ ${target.code}, mục số 1: nhật ký đến mục này khác với điểm kiểm tra đã ký (bị viết lại)`);
  assert.equal(brokenLine(v.lines, cut.code), `HỎNG  hồ sơ ${cut.code}, mục số 2: nhật ký ít mục hơn so với điểm kiểm tra đã ký (bị cắt bớt)`);
});

test('an entry whose id was taken while a checkpoint ran and committed after it is read by the next one', async () => {
  const target = old[3]!;
  const commit = await appendUnlinked(target.id, true); // takes an id, not committed yet
  const later = await intake(); // a greater id, committed
  const first = await writeCheckpoint(t.db);
  assert.ok(!first.verification.breaks.some((b) => b.id === target.id), 'not visible yet');
  assert.ok(latestForVerification().checkpoint!.through!.pending.length > 0, 'the skipped id is pending');
  assert.ok(latestForVerification().checkpoint!.heads!.some((h) => h.id === later.id));
  await commit();
  await intake();
  const next = await writeCheckpoint(t.db);
  assert.deepEqual(next.verification.breaks.filter((b) => b.id === target.id).map((b) => [b.seq, b.kind]), [[2, 'prev_hash']]);
});

test('a file of the chain removed cuts it: reported, and the next checkpoint is a full one', async () => {
  const chain = files();
  fs.rmSync(path.join(process.env.XASO_CHECKPOINT_DIR!, chain.at(-2)!));
  const v = await cli();
  assert.equal(v.code, 1);
  assert.ok(v.lines.some((l) => l.startsWith('HỎNG  chuỗi điểm kiểm tra bị đứt ở ')), v.lines.join('\n'));
  await intake();
  const r = await writeCheckpoint(t.db);
  assert.equal(r.kind, 'full');
  assert.ok(r.verification.broken >= 3, 'a full verification reports the broken dossiers again');
});
