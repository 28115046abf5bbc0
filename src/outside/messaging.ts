// E-mail (SMTP) and SMS/Zalo: their settings, or the local stand-ins (an SMTP server writing to a mailbox folder,
// a logging SMS/Zalo sender). OWNED BY THE NOTIFICATIONS HELPER (issue 4). Stub until then.
import type { Connection } from './types.ts';

export interface MessagingSettings {
  smtpUrl: string;
  mailFrom: string;
  /** The stand-in's mailbox folder (messages as files), when the stand-in runs. */
  mailboxDir: string | null;
  smsUrl: string | null;
}

export interface MessagingOptions {
  /** SMTP_URL; unset → the stand-in SMTP server is started, writing to `<dataDir>/mailbox`. */
  smtpUrl?: string;
  mailFrom?: string;
  /** XASO_SMS_URL; unset → messages are logged by the stand-in. */
  smsUrl?: string;
  dataDir: string;
}

export async function startMessaging(o: MessagingOptions): Promise<{ settings: MessagingSettings; connections: Connection[]; stop(): Promise<void> }> {
  const settings: MessagingSettings = { smtpUrl: o.smtpUrl ?? '', mailFrom: o.mailFrom ?? 'xaso@localhost', mailboxDir: null, smsUrl: o.smsUrl ?? null };
  return {
    settings,
    connections: [
      { name: 'mail', url: o.smtpUrl ?? '', standIn: !o.smtpUrl },
      { name: 'sms', url: o.smsUrl ?? '', standIn: !o.smsUrl },
    ],
    stop: async () => {},
  };
}
