// Issue 13, finding 7: `xaso verify` against signed checkpoints. Fifty actions committing while a checkpoint is taken
// leave no false break; an untouched database verifies; an entry edited and the chain recomputed the old, unkeyed
// way is reported (at the entry when the rows keep their version, against the checkpoint or as a downgrade when the
// attacker marks them unkeyed too); a cut-off last entry with the head moved back is reported against the checkpoint;
// a later checkpoint keeps the breaks; an altered checkpoint file is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { runCheckpointCli, runVerifyCli } from '../../src/integrity/cli.ts';
import { latestForVerification, startCheckpoints, writeCheckpoint } from '../../src/integrity/checkpoints.ts';
import { cutLast, rewriteUnkeyed } from './attacker.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-integrity-'));
process.env.XASO_KEY_DIR = path.join(root, 'keys');
process.env.XASO_CHECKPOINT_DIR = path.join(root, 'checkpoints');
const t = await testApp();
const KHAI_SINH = '1.001193';

/** Runs a CLI function on the test database (left open: the file closes it). */
async function cli(run: typeof runVerifyCli, args: string[] = []): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await run(args, (s) => lines.push(s), async () => ({ db: t.db, close: async () => {} }));
  return { code, lines };
}

async function intake(): Promise<{ id: string; code: string }> {
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  return { id: d.body.id, code: d.body.code };
}

let hotich = 0;
async function routed(): Promise<{ id: string; code: string }> {
  const d = await intake();
  const a = await call(t, 'POST', `/api/v1/dossiers/${d.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', assigneeId: String(hotich) } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  return d;
}

const history = async (id: string) => (await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' })).body;
const brokenLine = (lines: string[], code: string) => lines.find((l) => l.startsWith(`HỎNG  hồ sơ ${code},`));

test('fifty actions committing while a checkpoint is written: every chain verifies, no false break', async () => {
  t.setNow('2026-12-03T08:00:00+07:00');
  hotich = (await t.db.selectFrom('staff').select('id').where('username', '=', 'hotich').executeTakeFirstOrThrow()).id;
  await t.login('motcua');
  const seeds = await Promise.all(Array.from({ length: 10 }, () => intake()));
  const [writes, checkpoint] = await Promise.all([
    Promise.all([
      ...Array.from({ length: 40 }, () => intake()),
      ...seeds.map((d) => call(t, 'POST', `/api/v1/dossiers/${d.id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', assigneeId: String(hotich) } })),
    ]),
    writeCheckpoint(t.db),
  ]);
  assert.equal(writes.length, 50);
  for (const w of writes.slice(40)) assert.equal((w as { status: number }).status, 200);
  assert.deepEqual(checkpoint.verification.breaks, [], 'a snapshot sees each head with its entries');
  assert.ok(checkpoint.file && fs.existsSync(checkpoint.file));
  const v = await cli(runVerifyCli);
  assert.equal(v.code, 0, v.lines.join('\n'));
  assert.match(v.lines.at(-1)!, /^Đã kiểm tra 50 hồ sơ, 60 mục nhật ký: nhật ký của mọi hồ sơ toàn vẹn\.$/);
});

test('an untouched database verifies, against a checkpoint taken on demand', async () => {
  const c = await cli(runCheckpointCli);
  assert.equal(c.code, 0, c.lines.join('\n'));
  const v = await cli(runVerifyCli);
  assert.equal(v.code, 0, v.lines.join('\n'));
  assert.ok(v.lines.some((l) => l.startsWith('Điểm kiểm tra đã ký mới nhất: ')));
  assert.ok(!v.lines.some((l) => l.startsWith('HỎNG')));
});

test('rewrites and cuts are reported per dossier at the first broken entry; exit code 1', async () => {
  t.setNow('2026-12-04T08:00:00+07:00');
  const naive = await routed(); // attacker leaves the version column alone
  const marked = await routed(); // attacker also marks the rows unkeyed; checkpointed
  const cut = await routed();
  const intact = await routed();
  assert.equal((await cli(runCheckpointCli)).code, 0);
  const fresh = await routed(); // after the checkpoint, marked unkeyed too

  await rewriteUnkeyed(t.url, naive.id, 1, { note: 'sửa lén' });
  await rewriteUnkeyed(t.url, marked.id, 1, { note: 'sửa lén' }, true);
  await rewriteUnkeyed(t.url, fresh.id, 1, { note: 'sửa lén' }, true);
  assert.equal(await cutLast(t.url, cut.id), 2);

  const v = await cli(runVerifyCli);
  assert.equal(v.code, 1, v.lines.join('\n'));
  assert.equal(brokenLine(v.lines, naive.code), `HỎNG  hồ sơ ${naive.code}, mục số 1: nội dung hoặc mã băm của mục đã bị sửa`);
  assert.equal(brokenLine(v.lines, marked.code), `HỎNG  hồ sơ ${marked.code}, mục số 2: nhật ký đến mục này khác với điểm kiểm tra đã ký (bị viết lại)`);
  assert.equal(brokenLine(v.lines, fresh.code), `HỎNG  hồ sơ ${fresh.code}, mục số 1: mục không có khóa xác thực ở vị trí chỉ được phép có mục có khóa (nghi bị viết lại)`);
  assert.equal(brokenLine(v.lines, cut.code), `HỎNG  hồ sơ ${cut.code}, mục số 2: nhật ký ít mục hơn so với điểm kiểm tra đã ký (bị cắt bớt)`);
  assert.equal(brokenLine(v.lines, intact.code), undefined);
  assert.match(v.lines.at(-1)!, /: 4 hồ sơ có nhật ký bị phá vỡ\.$/);

  // What the history endpoint can see without the checkpoint: the keyed break; the others need `xaso verify`.
  assert.deepEqual([(await history(naive.id)).intact, (await history(naive.id)).firstBrokenSeq], [false, 1]);
  assert.equal((await history(intact.id)).intact, true);

  // A new checkpoint does not bless the breaks: it carries the broken dossiers' previous heads forward.
  const again = await cli(runCheckpointCli);
  assert.equal(again.code, 1);
  const after = await cli(runVerifyCli);
  assert.equal(after.code, 1);
  for (const d of [naive, marked, fresh, cut]) assert.ok(brokenLine(after.lines, d.code), `${d.code} still reported`);
  assert.equal(brokenLine(after.lines, cut.code), `HỎNG  hồ sơ ${cut.code}, mục số 2: nhật ký ít mục hơn so với điểm kiểm tra đã ký (bị cắt bớt)`);
});

test('an altered checkpoint file is refused and reported; the previous signed one is used', async () => {
  const latest = latestForVerification();
  assert.ok(latest.file && latest.checkpoint);
  const body = JSON.parse(fs.readFileSync(latest.file, 'utf8'));
  body.heads[0].count += 1;
  fs.writeFileSync(latest.file, JSON.stringify(body));
  const v = await cli(runVerifyCli);
  assert.equal(v.code, 1);
  assert.ok(v.lines.some((l) => l === `HỎNG  điểm kiểm tra ${latest.file}: chữ ký hoặc nội dung không hợp lệ (tệp bị sửa hoặc ký bằng khóa khác)`), v.lines.join('\n'));
  assert.notEqual(latestForVerification().file, latest.file);
});

test('the server exports checkpoints by itself: at start, then at each interval; breaks go to the error log', async () => {
  const dir = path.join(root, 'periodic');
  const errors: object[] = [];
  const log = { error: (o: object) => void errors.push(o), info: () => {} };
  const typed: Parameters<typeof startCheckpoints>[1] = t.app.log; // the server passes its own logger
  assert.ok(typed);
  const p = startCheckpoints(t.db, log, { everyMs: 50, env: { ...process.env, XASO_CHECKPOINT_DIR: dir } });
  try {
    await p.done();
    assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.json')).length, 1);
    assert.ok(errors.some((e) => 'breaks' in e), 'the broken dossiers of the test above are logged');
    await new Promise((r) => setTimeout(r, 200));
    await p.done();
  } finally {
    p.stop();
  }
  // Nothing changed since: no new file (an unchanged state is not written again).
  assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.json')).length, 1);
});
