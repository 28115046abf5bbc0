// Configuration, read once from environment variables (documented in README.md § Configuration).
import path from 'node:path';
import type { OutsideOptions } from './outside/index.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** When set, an external PostgreSQL ≥ 15; otherwise the embedded PostgreSQL in `<dataDir>/pg`. */
  databaseUrl: string | undefined;
  logLevel: string;
  /** Load the demo communes, staff and catalogue at start when the database is empty. */
  demo: boolean;
  /** How many demo dossiers the first start generates over the past year (XASO_DEMO_DOSSIERS, default 900). */
  demoDossiers: number;
  /** The address citizens reach the portal at (printed in QR codes and notices); default http://127.0.0.1:PORT. */
  publicUrl: string;
  /** XASO_TRUST_PROXY=1: behind a reverse proxy, take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Outside services; each unset URL starts its local stand-in (src/outside/). */
  outside: {
    oidcIssuer?: string;
    oidcClientId?: string;
    oidcClientSecret?: string;
    paymentUrl?: string;
    paymentMerchant?: string;
    paymentSecret?: string;
    smtpUrl?: string;
    mailFrom?: string;
    smsUrl?: string;
    /** XASO_TEST_CA: the local test CA issues signing certificates (default); false → imported PKCS#12 only. */
    testCa: boolean;
  };
}

function intFrom(name: string, value: string | undefined, fallback: number, max = 65535): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new Error(`${name} must be a whole number from 0 to ${max}, got "${value}"`);
  return n;
}

/** The outside services' options from the configuration (src/outside/index.ts). */
export function outsideOptions(c: Config): OutsideOptions {
  const o = c.outside;
  return {
    identity: { issuer: o.oidcIssuer, clientId: o.oidcClientId, clientSecret: o.oidcClientSecret, publicUrl: c.publicUrl },
    payment: { url: o.paymentUrl, merchantCode: o.paymentMerchant, secret: o.paymentSecret, publicUrl: c.publicUrl },
    messaging: { smtpUrl: o.smtpUrl, mailFrom: o.mailFrom, smsUrl: o.smsUrl, dataDir: c.dataDir },
    ca: { testCa: o.testCa, publicUrl: c.publicUrl },
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom('PORT', env.PORT, 3000);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.XASO_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    demo: env.XASO_DEMO !== '0',
    demoDossiers: intFrom('XASO_DEMO_DOSSIERS', env.XASO_DEMO_DOSSIERS, 900, 1_000_000),
    publicUrl: (env.PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    trustProxy: env.XASO_TRUST_PROXY === '1',
    outside: {
      oidcIssuer: env.XASO_OIDC_ISSUER || undefined,
      oidcClientId: env.XASO_OIDC_CLIENT_ID || undefined,
      oidcClientSecret: env.XASO_OIDC_CLIENT_SECRET || undefined,
      paymentUrl: env.XASO_PAYMENT_URL || undefined,
      paymentMerchant: env.XASO_PAYMENT_MERCHANT || undefined,
      paymentSecret: env.XASO_PAYMENT_SECRET || undefined,
      smtpUrl: env.SMTP_URL || undefined,
      mailFrom: env.XASO_MAIL_FROM || undefined,
      smsUrl: env.XASO_SMS_URL || undefined,
      testCa: env.XASO_TEST_CA !== '0',
    },
  };
}
