// E-mail (SMTP) and SMS/Zalo: their settings, or the local stand-ins. Without SMTP_URL a stand-in SMTP server files
// every message into `<dataDir>/mailbox` (mail-standin.ts). Without XASO_SMS_URL a stand-in SMS/Zalo gateway
// records every message as a JSON file in `<dataDir>/sms`. Both are shown in the staff workspace.
//
// The SMS/Zalo gateway protocol (what a real gateway behind XASO_SMS_URL must accept): `POST <XASO_SMS_URL>` with
// `Content-Type: application/json` and `{ "messageId": "<uuid>", "channel": "sms" | "zalo", "to": "<phone>",
// "text": "<message>" }`; any 2xx = accepted. The same messageId may arrive twice (re-send after a crash): the
// gateway must deliver it once. 4xx = refused for good (not retried), anything else is retried.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Connection } from './types.ts';
import { startMailStandIn } from './mail-standin.ts';

export interface MessagingSettings {
  smtpUrl: string;
  mailFrom: string;
  /** The stand-in's mailbox folder (messages as files), when the stand-in runs. */
  mailboxDir: string | null;
  smsUrl: string | null;
  /** The stand-in SMS/Zalo gateway's log folder, when the stand-in runs. */
  smsLogDir: string | null;
}

export interface MessagingOptions {
  /** SMTP_URL; unset → the stand-in SMTP server is started, writing to `<dataDir>/mailbox`. */
  smtpUrl?: string;
  mailFrom?: string;
  /** XASO_SMS_URL; unset → messages are logged by the stand-in. */
  smsUrl?: string;
  dataDir: string;
}

/** A URL without its user name and password, for /health. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(địa chỉ không hợp lệ)';
  }
}

/** One recorded SMS/Zalo message of the stand-in gateway. */
export interface GatewayMessage {
  messageId: string;
  channel: 'sms' | 'zalo';
  to: string;
  text: string;
  receivedAt: string;
}

export const smsLogFileName = (messageId: string) => `${crypto.createHash('sha256').update(messageId).digest('hex').slice(0, 40)}.json`;

/** The stand-in's record of a message, or null. */
export function readSmsLog(dir: string, messageId: string): GatewayMessage | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, smsLogFileName(messageId)), 'utf8')) as GatewayMessage;
  } catch {
    return null;
  }
}

function isGatewayMessage(v: unknown): v is Omit<GatewayMessage, 'receivedAt'> {
  const m = v as Record<string, unknown> | null;
  return !!m && typeof m.messageId === 'string' && /^[\w.@<>-]{1,200}$/.test(m.messageId) && (m.channel === 'sms' || m.channel === 'zalo')
    && typeof m.to === 'string' && m.to.length <= 30 && typeof m.text === 'string' && m.text.length <= 2000;
}

/** The stand-in SMS/Zalo gateway: records each message once per messageId. */
async function startGatewayStandIn(dir: string): Promise<{ url: string; stop(): Promise<void> }> {
  fs.mkdirSync(dir, { recursive: true });
  const server = http.createServer((req, res) => {
    const answer = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method !== 'POST' || req.url !== '/messages') return answer(404, { error: 'not found' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 16_384) chunks.push(c);
    });
    req.on('end', () => {
      let m: unknown;
      try {
        m = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, { error: 'invalid JSON' });
      }
      if (size > 16_384 || !isGatewayMessage(m)) return answer(400, { error: 'invalid message' });
      const file = path.join(dir, smsLogFileName(m.messageId));
      const record: GatewayMessage = { messageId: m.messageId, channel: m.channel, to: m.to, text: m.text, receivedAt: new Date().toISOString() };
      try {
        fs.writeFileSync(file, JSON.stringify(record), { flag: 'wx' });
        return answer(202, { accepted: true, duplicate: false });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return answer(202, { accepted: true, duplicate: true });
        return answer(503, { error: 'log write failed' });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export async function startMessaging(o: MessagingOptions): Promise<{ settings: MessagingSettings; connections: Connection[]; stop(): Promise<void> }> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    const mailboxDir = o.smtpUrl ? null : path.join(o.dataDir, 'mailbox');
    const smsLogDir = o.smsUrl ? null : path.join(o.dataDir, 'sms');
    let smtpUrl = o.smtpUrl;
    if (!smtpUrl) {
      const mail = await startMailStandIn(mailboxDir!);
      stops.push(mail.stop);
      smtpUrl = mail.url;
    }
    let smsUrl = o.smsUrl;
    if (!smsUrl) {
      const sms = await startGatewayStandIn(smsLogDir!);
      stops.push(sms.stop);
      smsUrl = sms.url;
    }
    return {
      settings: { smtpUrl, mailFrom: o.mailFrom ?? 'xaso@localhost', mailboxDir, smsUrl, smsLogDir },
      connections: [
        { name: 'mail', url: shown(smtpUrl), standIn: !o.smtpUrl },
        { name: 'sms', url: shown(smsUrl), standIn: !o.smsUrl },
      ],
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
