// The stand-in mail system: a real SMTP server (smtp-server) on 127.0.0.1 that files every message it receives
// into a mailbox folder, one `.eml` file per Message-ID. Like a mail system, it recognises a re-sent message by its
// Message-ID and keeps one copy, so a message delivered twice (the worker crashed after sending, before recording
// it) still shows once. The staff workspace reads the folder (web/staff/mailbox.tsx).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/** The file a message is filed under: a hash of its Message-ID (no address or name in file names). */
export const mailboxFileName = (messageId: string) =>
  `${crypto.createHash('sha256').update(messageId.trim()).digest('hex').slice(0, 40)}.eml`;

function messageIdOf(raw: Buffer): string | null {
  const head = raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n')) || raw.length).toString('latin1');
  const m = /^message-id:[ \t]*(.*(?:\r\n[ \t].*)*)/im.exec(head);
  return m?.[1] ? m[1].replace(/\r\n[ \t]/g, ' ').trim() : null;
}

/** Files a message; false when one with the same Message-ID is already there. Atomic: readers never see a half
 *  file, and two concurrent deliveries of one message leave one file. */
export function fileMessage(dir: string, raw: Buffer): boolean {
  const id = messageIdOf(raw) ?? `<${crypto.randomUUID()}@standin.invalid>`;
  const final = path.join(dir, mailboxFileName(id));
  const tmp = path.join(dir, `.tmp-${crypto.randomUUID()}`);
  fs.writeFileSync(tmp, raw);
  try {
    fs.linkSync(tmp, final);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export interface StandInMail {
  url: string;
  stop(): Promise<void>;
}

export async function startMailStandIn(mailboxDir: string): Promise<StandInMail> {
  fs.mkdirSync(mailboxDir, { recursive: true });
  const { SMTPServer } = await import('smtp-server'); // loaded when the stand-in starts
  const server = new SMTPServer({
    name: 'xaso-standin.local',
    banner: 'Xã Số - máy chủ thư giả lập (không gửi thư ra ngoài)',
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', done);
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
          done(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          return;
        }
        try {
          fileMessage(mailboxDir, Buffer.concat(chunks));
          done();
        } catch (e) {
          done(Object.assign(new Error(`Mailbox write failed: ${(e as Error).message}`), { responseCode: 451 }));
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface MailboxMessage {
  messageId: string | null;
  from: string;
  to: string;
  subject: string;
  date: Date | null;
  text: string;
}

/** The message filed under a Message-ID, parsed; null when the mailbox has none. */
export async function readMailboxMessage(mailboxDir: string, messageId: string): Promise<MailboxMessage | null> {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(path.join(mailboxDir, mailboxFileName(messageId)));
  } catch {
    return null;
  }
  const { simpleParser } = await import('mailparser');
  const m = await simpleParser(raw);
  const addr = (a: typeof m.from | typeof m.to) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : (a?.text ?? ''));
  return { messageId: m.messageId ?? null, from: addr(m.from), to: addr(m.to), subject: m.subject ?? '', date: m.date ?? null, text: m.text ?? '' };
}

/** How many messages the mailbox holds (tests, the workspace page). */
export function mailboxCount(mailboxDir: string): number {
  try {
    return fs.readdirSync(mailboxDir).filter((f) => f.endsWith('.eml')).length;
  } catch {
    return 0;
  }
}
