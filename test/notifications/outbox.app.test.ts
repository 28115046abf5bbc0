// The notification outbox end to end: notices written in the change's transaction (a rolled-back action leaves
// none), delivered by the worker's rounds to the stand-in mailbox and SMS gateway, retried with backoff after SMTP
// failures, and exactly once per message id when the process dies between the send and its record.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { testApp } from '../support/app.ts';
import { act as serviceAct } from '../../src/dossiers/service.ts';
import { channelsFor, messageIdHeader } from '../../src/notifications/channels.ts';
import { CLAIM_LEASE_MS } from '../../src/notifications/core/retry.ts';
import { mailboxCount, readMailboxMessage } from '../../src/outside/mail-standin.ts';
import { readSmsLog } from '../../src/outside/messaging.ts';
import { act, delivery, intake, outbox, principalOf } from './support.ts';

const t = await testApp();
const d = await delivery(t);
const later = (ms: number) => new Date(+d.now() + ms);

/** Runs rounds until nothing is due now (clean slate between tests). */
async function drain() {
  while ((await d.round()).claimed > 0);
}

test('a counter intake writes one notice per channel, in its transaction; no ID number is stored', async () => {
  const id = await intake(t, '2026-11-25T09:00:00+07:00', { email: 'an@example.vn', phone: '0912 345 678' });
  const rows = await outbox(t, id);
  assert.deepEqual(rows.map((r) => [r.event_seq, r.kind, r.channel, r.recipient, r.status, r.attempts]), [
    [1, 'status', 'email', 'an@example.vn', 'pending', 0],
    [1, 'status', 'sms', '0912345678', 'pending', 0],
  ]);
  assert.equal(rows[0]!.facts.officer?.name, 'Nguyễn Thị Lan');
  assert.equal(rows[0]!.facts.communeName, 'Xã Xuân Dương');
  assert.equal(rows[0]!.next_attempt_at.toISOString(), '2026-11-25T02:00:00.000Z');
  assert.ok(!JSON.stringify(rows).includes('001203004567'), 'the ID number is never in the outbox');

  await act(t, id, 'assign', { unitCode: 'VHXH' });
  await act(t, id, 'forward', { unitCode: 'KT' }, 'truongvhxh'); // no status change: no notice
  const after = await outbox(t, id);
  assert.deepEqual(after.slice(2).map((r) => [r.event_seq, r.channel, r.facts.handlingUnit]), [
    [2, 'email', 'Phòng Văn hóa - Xã hội'], [2, 'sms', 'Phòng Văn hóa - Xã hội'],
  ]);

  const none = await intake(t, '2026-11-25T09:10:00+07:00', {});
  assert.deepEqual(await outbox(t, none), [], 'no address, no notice');
});

test('a rolled-back action writes no notice', async () => {
  const id = await intake(t, '2026-11-25T10:00:00+07:00', { email: 'binh@example.vn' });
  const p = await principalOf(t, 'motcua');
  const rollback = new Error('rollback');
  await assert.rejects(t.db.transaction().execute(async (trx) => {
    await serviceAct(trx, p, id, 'assign', { unitCode: 'VHXH' }, new Date('2026-11-25T03:10:00Z'));
    const inside = await trx.selectFrom('notifications').select('event_seq').where('dossier_id', '=', id).execute();
    assert.deepEqual(inside.map((r) => r.event_seq), [1, 2], 'written inside the transaction');
    throw rollback;
  }), (e) => e === rollback);
  assert.deepEqual((await outbox(t, id)).map((r) => r.event_seq), [1], 'gone with the rollback');
});

test('a round delivers to the stand-in mailbox and SMS gateway, with the message id, and records it', async () => {
  d.setNow('2026-11-25T11:00:00+07:00');
  await drain();
  const id = await intake(t, '2026-11-25T11:00:00+07:00', { email: 'chi@example.vn', phone: '0987654321' });
  const r = await d.round();
  assert.deepEqual(r, { claimed: 2, delivered: 2, retrying: 0, failed: 0 });
  const [email, sms] = await outbox(t, id);
  assert.equal(email!.status, 'delivered');
  assert.equal(email!.attempts, 1);
  assert.equal(email!.delivered_at?.toISOString(), d.now().toISOString());
  const got = await readMailboxMessage(d.mailboxDir, messageIdHeader(email!.message_id, d.messaging.mailFrom));
  assert.ok(got, 'in the mailbox');
  assert.equal(got.messageId, `<${email!.message_id}@localhost>`);
  assert.equal(got.to, 'chi@example.vn');
  assert.match(got.from, /Ủy ban nhân dân xã Xuân Dương/);
  assert.match(got.subject, /^Hồ sơ đã được tiếp nhận - hồ sơ 000\.DEMO\.XD\.H55-261125-\d{4}$/);
  assert.match(got.text, /Kính gửi ông\/bà Nguyễn Văn An/);
  assert.match(got.text, /http:\/\/xaso\.test\/tra-cuu\?ma=000\.DEMO\.XD\.H55-261125-\d{4}/);
  const text = readSmsLog(d.smsLogDir, sms!.message_id);
  assert.equal(sms!.status, 'delivered');
  assert.equal(text?.to, '0987654321');
  assert.equal(text?.channel, 'sms');
  assert.match(text?.text ?? '', /^UBND xã Xuân Dương: Hồ sơ đã được tiếp nhận/);
  assert.deepEqual(await d.round(), { claimed: 0, delivered: 0, retrying: 0, failed: 0 }, 'nothing left');
});

test('SMTP failures: retried with exponential backoff, status and last error recorded; 5xx is final', async () => {
  await drain();
  // An SMTP server that refuses the first two messages with a temporary error, then a permanent one for "x@".
  let calls = 0;
  const smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
    onRcptTo(addr, _s, cb) {
      if (addr.address.startsWith('x@')) return cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      cb();
    },
    onData(stream, _s, cb) {
      stream.resume();
      stream.on('end', () => (++calls <= 2 ? cb(Object.assign(new Error('Try again later'), { responseCode: 451 })) : cb()));
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  const port = ((smtp as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  const channels = channelsFor({ ...d.messaging, smtpUrl: `smtp://127.0.0.1:${port}` });
  try {
    const id = await intake(t, '2026-11-25T13:30:00+07:00', { email: 'dung@example.vn' });
    d.setNow('2026-11-25T13:30:00+07:00');
    const start = d.now();
    assert.deepEqual(await d.round({ channels }), { claimed: 1, delivered: 0, retrying: 1, failed: 0 });
    let [n] = await outbox(t, id);
    assert.equal(n!.status, 'pending');
    assert.equal(n!.attempts, 1);
    assert.match(n!.last_error ?? '', /451/);
    assert.equal(+n!.next_attempt_at - +start, 30_000, 'first retry after 30 s');

    d.setNow(later(29_000));
    assert.equal((await d.round({ channels })).claimed, 0, 'not before its time');
    d.setNow(new Date(+start + 30_000));
    assert.deepEqual(await d.round({ channels }), { claimed: 1, delivered: 0, retrying: 1, failed: 0 });
    [n] = await outbox(t, id);
    assert.equal(n!.attempts, 2);
    assert.equal(+n!.next_attempt_at - +d.now(), 60_000, 'then 60 s');

    d.setNow(later(60_000));
    assert.deepEqual(await d.round({ channels }), { claimed: 1, delivered: 1, retrying: 0, failed: 0 });
    [n] = await outbox(t, id);
    assert.equal(n!.status, 'delivered');
    assert.equal(n!.attempts, 3);

    // Nothing listening: a connection error is temporary too.
    const down = channelsFor({ ...d.messaging, smtpUrl: 'smtp://127.0.0.1:1' });
    const id2 = await intake(t, '2026-11-25T13:40:00+07:00', { email: 'em@example.vn' });
    d.setNow('2026-11-25T13:40:00+07:00');
    assert.deepEqual(await d.round({ channels: down }), { claimed: 1, delivered: 0, retrying: 1, failed: 0 });
    assert.match((await outbox(t, id2))[0]!.last_error ?? '', /ECONNREFUSED/);
    down.close();
    d.setNow(later(30_000));
    await drain();
    assert.equal((await outbox(t, id2))[0]!.status, 'delivered');

    // A permanent refusal is not retried.
    const id3 = await intake(t, '2026-11-25T13:50:00+07:00', { email: 'x@example.vn' });
    d.setNow('2026-11-25T13:50:00+07:00');
    assert.deepEqual(await d.round({ channels }), { claimed: 1, delivered: 0, retrying: 0, failed: 1 });
    const [f] = await outbox(t, id3);
    assert.equal(f!.status, 'failed');
    assert.match(f!.last_error ?? '', /550/);
  } finally {
    channels.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  }
});

test('crash after the send, before the record: re-sent after the lease with the same id, one copy per id', async () => {
  d.setNow('2026-11-25T14:00:00+07:00');
  await drain();
  const before = mailboxCount(d.mailboxDir);
  const id = await intake(t, '2026-11-25T14:00:00+07:00', { email: 'giang@example.vn', phone: '0901234567' });
  const crash = new Error('process killed');
  await assert.rejects(d.round({ afterSend: () => { throw crash; } }), (e) => e === crash);
  let rows = await outbox(t, id);
  assert.deepEqual(rows.map((r) => [r.channel, r.status, r.attempts]), [['email', 'pending', 1], ['sms', 'pending', 1]], 'claimed, not recorded');
  assert.equal(mailboxCount(d.mailboxDir), before + 1, 'the e-mail did go out');

  assert.equal((await d.round()).claimed, 0, 'invisible to other rounds during the lease');
  d.setNow(later(CLAIM_LEASE_MS));
  assert.deepEqual(await d.round(), { claimed: 2, delivered: 2, retrying: 0, failed: 0 });
  rows = await outbox(t, id);
  assert.deepEqual(rows.map((r) => [r.channel, r.status, r.attempts]), [['email', 'delivered', 2], ['sms', 'delivered', 2]]);
  assert.equal(mailboxCount(d.mailboxDir), before + 1, 'the re-sent e-mail is recognised by its Message-ID: one copy');
  const ids = new Set(fs.readdirSync(d.mailboxDir).filter((f) => f.endsWith('.eml')));
  assert.equal(ids.size, mailboxCount(d.mailboxDir));
});

test('concurrent rounds never take the same message (SKIP LOCKED): each sent once', async () => {
  d.setNow('2026-11-25T15:00:00+07:00');
  await drain();
  const ids = [];
  for (let i = 0; i < 6; i++) ids.push(await intake(t, `2026-11-25T15:0${i}:00+07:00`, { email: `h${i}@example.vn` }));
  d.setNow('2026-11-25T15:10:00+07:00');
  const sent: string[] = [];
  let delivered = 0;
  for (;;) {
    const results = await Promise.all([1, 2, 3].map(() => d.round({ limit: 2, afterSend: (m) => void sent.push(m.messageId) })));
    if (results.every((r) => r.claimed === 0)) break;
    delivered += results.reduce((a, r) => a + r.delivered, 0);
  }
  assert.equal(delivered, 6);
  assert.equal(new Set(sent).size, sent.length, 'no message sent twice');
  for (const id of ids) assert.deepEqual((await outbox(t, id)).map((r) => [r.status, r.attempts]), [['delivered', 1]]);
});
