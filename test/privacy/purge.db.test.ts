// The retention job: removes only the rows whose period is over, of the kinds that have one; the legal records
// (dossiers, their history, ledgers, access_log, admin_audit…) are untouched; a dry run reports the same counts and
// removes nothing. Runs as the application role (the grants of migration 035 are part of what is tested).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDb } from '../support/db.ts';
import { runPurge, purgeReport } from '../../src/privacy/purge.ts';

const { db } = await testDb();
const NOW = new Date('2026-12-07T02:00:00Z');
const ago = (days: number) => new Date(+NOW - days * 86_400_000);
const count = async (table: string) => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n);

const LEGAL = ['dossiers', 'dossier_events', 'dossier_answers', 'payment_orders', 'payment_entries', 'access_log', 'admin_audit', 'petitions', 'ratings', 'eid_filings', 'login_events'];

const staffId = Number((await db.selectFrom('staff').select('id').limit(1).executeTakeFirstOrThrow()).id);
const version = (await db.selectFrom('procedures').select('version').where('code', '=', '1.001193').orderBy('version', 'desc').executeTakeFirstOrThrow()).version;
// A dossier (a legal record) whose applicant has an old portal account.
const dossier = await db.insertInto('dossiers').values({
  commune_id: 'xuan-duong', procedure_code: '1.001193', procedure_version: version, channel: 'direct', state: 2, applicant_name: 'Người nộp',
  applicant: '{}', applicant_id_number: '001190009999', competent_authority: 'UBND xã', projection: '{}',
}).returning(['id', 'commune_id', 'applicant_id_number']).executeTakeFirstOrThrow();

async function citizen(idNumber: string, lastLogin: Date) {
  const r = await db.insertInto('citizens').values({ issuer: 'http://x', subject: idNumber, id_number: idNumber, full_name: 'Thử', birth_date: null, assurance_level: 2, first_login_at: lastLogin, last_login_at: lastLogin })
    .returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

// Expired (→ removed) and live (→ kept) rows of each purged kind.
const oldLone = await citizen('000000000001', ago(800));
const recent = await citizen('000000000002', ago(10));
const oldWithDossier = await citizen(dossier.applicant_id_number!, ago(800));
for (const [c, exp] of [[oldLone, ago(1)], [recent, ago(-1)], [recent, ago(1)]] as const) {
  await db.insertInto('citizen_sessions').values({ token_hash: `h${Math.random()}`, citizen_id: c, created_at: ago(2), expires_at: exp }).execute();
}
await db.insertInto('citizen_logins').values([
  { browser_hash: 'a', state: 's', nonce: 'n', code_verifier: 'v', return_to: '/', expires_at: ago(1) },
  { browser_hash: 'b', state: 's', nonce: 'n', code_verifier: 'v', return_to: '/', expires_at: ago(-1) },
]).execute();
await db.insertInto('sessions').values([
  { token_hash: 'old', staff_id: staffId, expires_at: ago(1) } as never, { token_hash: 'live', staff_id: staffId, expires_at: ago(-1) } as never,
]).execute();
const draft = (updated: Date, submitted: string | null = null) => ({ owner_hash: 'o', commune_id: dossier.commune_id, procedure_code: '1.001193', data: '{}', created_at: updated, updated_at: updated, submitted_dossier_id: submitted });
const [staleDraft] = await db.insertInto('drafts').values([draft(ago(31)), draft(ago(29)), draft(ago(400), dossier.id)]).returning('id').execute();
await db.insertInto('citizen_drafts').values({ draft_id: staleDraft!.id, citizen_id: recent }).execute();
await db.insertInto('idempotency_keys').values([
  { principal: 'p', key: 'old', request_hash: 'h', status: 200, response: '{}', created_at: ago(2) },
  { principal: 'p', key: 'new', request_hash: 'h', status: 200, response: '{}', created_at: NOW },
]).execute();
await sql`INSERT INTO attempt_counters (subject, window_ends_at, count) VALUES ('old', ${ago(2)}, 1), ('new', ${NOW}, 1)`.execute(db);
await sql`INSERT INTO failed_attempts (subject, at) VALUES ('old', ${ago(2)}), ('new', ${NOW})`.execute(db);
const notice = (seq: number, status: string, delivered: Date | null, created: Date) =>
  sql`INSERT INTO notifications (dossier_id, commune_id, event_seq, kind, channel, recipient, facts, status, next_attempt_at, created_at, delivered_at)
      VALUES (${dossier.id}, ${dossier.commune_id}, ${seq}, 'status', 'sms', '0912345678', '{}', ${status}, ${created}, ${created}, ${delivered})`.execute(db);
await db.deleteFrom('notifications').execute();
await notice(9001, 'delivered', ago(91), ago(91));
await notice(9002, 'delivered', ago(10), ago(10));
await notice(9003, 'failed', null, ago(100));
await notice(9004, 'pending', null, ago(200));
// Sync messages to the national portal: delivered over a year ago (removed), delivered lately, and pending (kept).
await db.deleteFrom('sync_messages').execute();
const message = (seq: number, status: string, delivered: Date | null) =>
  sql`INSERT INTO sync_messages (dossier_id, commune_id, seq, kind, event_seq, first_step, status, next_attempt_at, created_at, delivered_at)
      VALUES (${dossier.id}, ${dossier.commune_id}, ${seq}, 'update', 1, 1, ${status}, ${ago(400)}, ${ago(400)}, ${delivered})`.execute(db);
await message(9001, 'delivered', ago(366));
await message(9002, 'delivered', ago(10));
await message(9003, 'pending', null);

const legalBefore = Object.fromEntries(await Promise.all(LEGAL.map(async (t) => [t, await count(t)])));
const EXPECTED = {
  citizen_sessions: 2, citizen_logins: 1, staff_sessions: 1, drafts: 1, idempotency_keys: 1, attempt_counters: 1,
  failed_attempts: 1, notifications: 2, sync_messages: 1, citizen_accounts: 1,
};

test('a dry run reports per kind what a run would remove, and removes nothing', async () => {
  const before = await count('citizens');
  const lines = await runPurge(db, NOW, { dryRun: true });
  for (const [k, n] of Object.entries(EXPECTED)) assert.equal(lines.find((l) => l.kind === k)?.removed, n, k);
  assert.equal(await count('citizens'), before);
  assert.equal(await count('notifications'), 4);
  const text = purgeReport(lines, true);
  assert.match(text, /Chạy thử/);
  assert.match(text, /giữ lại {3}Nhật ký truy cập dữ liệu cá nhân/);
});

test('a run removes the expired non-legal rows only; the legal records are untouched', async () => {
  const lines = await runPurge(db, NOW);
  for (const [k, n] of Object.entries(EXPECTED)) assert.equal(lines.find((l) => l.kind === k)?.removed, n, k);
  for (const k of ['dossiers', 'dossier_events', 'access_log', 'admin_audit', 'payments', 'privacy_requests']) {
    assert.equal(lines.find((l) => l.kind === k)?.removed, null, `${k} kept`);
  }
  const citizens = (await db.selectFrom('citizens').select('id').where('id', 'in', [oldLone, recent, oldWithDossier]).execute()).map((r) => Number(r.id));
  assert.deepEqual(citizens.sort(), [recent, oldWithDossier].sort(), 'the account with a dossier stays');
  assert.deepEqual((await db.selectFrom('notifications').select('event_seq').orderBy('event_seq').execute()).map((r) => r.event_seq), [9002, 9004]);
  assert.deepEqual((await db.selectFrom('sync_messages').select('seq').orderBy('seq').execute()).map((r) => r.seq), [9002, 9003]);
  assert.equal(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM drafts WHERE submitted_dossier_id IS NOT NULL AND updated_at < ${ago(300)}`.execute(db)).rows[0]!.n), 1, 'a submitted draft stays');
  for (const t of LEGAL) assert.equal(await count(t), legalBefore[t], `${t} untouched`);
  // A second run finds nothing more.
  assert.ok((await runPurge(db, NOW)).every((l) => !l.removed));
});
