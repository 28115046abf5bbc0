// The delivery channels: e-mail over SMTP (nodemailer) and SMS/Zalo through the gateway adapter (an HTTP JSON
// protocol, outside/messaging.ts). Each send carries the outbox message id (the e-mail's Message-ID header, the
// gateway's messageId) so that a re-send after a crash is recognised by the receiving system. A failure says
// whether it is permanent (not worth retrying).
import type { Transporter } from 'nodemailer';
import type { MessagingSettings } from '../outside/messaging.ts';
import type { NoticeChannel } from './tables.ts';

export interface OutgoingMessage {
  messageId: string;
  channel: NoticeChannel;
  to: string;
  /** The sender's display name (the agency). */
  fromName: string;
  subject: string;
  text: string;
  short: string;
}

export class SendError extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

export interface Channels {
  send(m: OutgoingMessage): Promise<void>;
  close(): void;
}

/** The Message-ID header of an outbox message: its uuid at the sender's domain (RFC 5322 §3.6.4). */
export function messageIdHeader(messageId: string, mailFrom: string): string {
  const domain = mailFrom.split('@')[1]?.replace(/[^A-Za-z0-9.-]/g, '') || 'localhost';
  return `<${messageId}@${domain}>`;
}

/** A short error text for the outbox and the log: first line only, addresses and phone numbers blanked. */
export function describe(e: unknown): string {
  const err = e as { code?: string; responseCode?: number; message?: string };
  const line = (err.message ?? String(e)).split('\n')[0]?.slice(0, 200)
    .replace(/[^\s<>"]+@[^\s<>"]+/g, '…@…')
    .replace(/\+?\d(?:[ .-]?\d){8,}/g, '…');
  return [err.code, err.responseCode ? `SMTP ${err.responseCode}` : undefined, line].filter(Boolean).join(' ');
}

export function channelsFor(settings: MessagingSettings): Channels {
  // nodemailer is loaded, and the transport made, at the first e-mail.
  let mail: Promise<Transporter> | undefined;
  const transport = () => (mail ??= import('nodemailer').then(({ default: nodemailer }) =>
    nodemailer.createTransport(settings.smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as object)));

  async function email(m: OutgoingMessage) {
    try {
      await (await transport()).sendMail({
        from: { name: m.fromName, address: settings.mailFrom },
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: messageIdHeader(m.messageId, settings.mailFrom),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      throw new SendError(describe(e), code !== undefined && code >= 500 && code < 600);
    }
  }

  // Credentials in XASO_SMS_URL (https://user:token@host/…) become a Basic Authorization header.
  const gw = settings.smsUrl ? new URL(settings.smsUrl) : null;
  const auth = gw?.username ? `Basic ${Buffer.from(`${decodeURIComponent(gw.username)}:${decodeURIComponent(gw.password)}`).toString('base64')}` : null;
  if (gw) gw.username = gw.password = '';

  async function gateway(m: OutgoingMessage) {
    if (!gw) throw new SendError('Chưa cấu hình cổng SMS (XASO_SMS_URL)', false);
    let res: Response;
    try {
      res = await fetch(gw, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify({ messageId: m.messageId, channel: m.channel, to: m.to, text: m.short }),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      throw new SendError(describe(e), false);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new SendError(`HTTP ${res.status}`, res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429);
    }
    await res.body?.cancel();
  }

  return {
    send: (m) => (m.channel === 'email' ? email(m) : gateway(m)),
    close: () => void mail?.then((t) => t.close()),
  };
}
