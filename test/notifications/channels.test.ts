// The SMS/Zalo gateway adapter's side of the protocol (outside/messaging.ts): the JSON it posts with the message
// id, credentials from the URL as Basic auth, and which refusals are final.
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, test } from 'node:test';
import { channelsFor, SendError, type OutgoingMessage } from '../../src/notifications/channels.ts';

const seen: { auth: string | undefined; body: unknown }[] = [];
let answer = 202;
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ auth: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    res.writeHead(answer).end();
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
after(() => new Promise<void>((r) => server.close(() => r())));
const port = (server.address() as AddressInfo).port;

const message: OutgoingMessage = {
  messageId: '0b7f9a52-2a8e-4a53-9d51-0f3f5a1e7c11', channel: 'zalo', to: '0912345678', fromName: 'Ủy ban nhân dân xã Xuân Dương',
  subject: 'Hồ sơ đã được tiếp nhận', text: 'Kính gửi…', short: 'UBND xã Xuân Dương: Hồ sơ đã được tiếp nhận.',
};
const channels = channelsFor({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'xaso@localhost', mailboxDir: null, smsUrl: `http://xa%20so:t%40ken@127.0.0.1:${port}/gui`, smsLogDir: null });
after(() => channels.close());

test('the gateway gets the short text with its message id, and the URL credentials as Basic auth', async () => {
  await channels.send(message);
  assert.deepEqual(seen.at(-1), {
    auth: `Basic ${Buffer.from('xa so:t@ken').toString('base64')}`,
    body: { messageId: message.messageId, channel: 'zalo', to: '0912345678', text: message.short },
  });
});

test('4xx is a final refusal; 5xx, 429 and no answer are retried', async () => {
  for (const [status, permanent] of [[400, true], [422, true], [429, false], [503, false]] as const) {
    answer = status;
    await assert.rejects(channels.send(message), (e) => e instanceof SendError && e.permanent === permanent && e.message === `HTTP ${status}`);
  }
  const down = channelsFor({ smtpUrl: 'smtp://127.0.0.1:1', mailFrom: 'xaso@localhost', mailboxDir: null, smsUrl: 'http://127.0.0.1:1/x', smsLogDir: null });
  await assert.rejects(down.send(message), (e) => e instanceof SendError && !e.permanent);
  down.close();
});
