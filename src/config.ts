// Configuration, read once from environment variables (documented in README.md § Configuration).
import path from 'node:path';
import type { OutsideOptions } from './outside/index.ts';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** When set, an external PostgreSQL ≥ 15; otherwise the embedded PostgreSQL in `<dataDir>/pg`. Its login owns the
   *  schema and runs the migrations. */
  databaseUrl: string | undefined;
  /**
   * XASO_RUNTIME_DATABASE_URL (only with DATABASE_URL): the login of the running server's connections, not a
   * superuser and a member of xaso_app (the start refuses a superuser here). Unset: DATABASE_URL's login, with a
   * warning when it is a superuser. The embedded PostgreSQL makes its own runtime login (db/embedded.ts).
   */
  runtimeDatabaseUrl: string | undefined;
  /**
   * DATABASE_REPLICA_URL (only with DATABASE_URL): a streaming replica (hot standby) for the reads that need not see
   * their own writes (/cong-khai, public indicators, province figures, open data: Deps.readDb; not the status lookup,
   * which counts its attempt in the same statement, on the primary). The same runtime
   * login as XASO_RUNTIME_DATABASE_URL; may be multi-host (`…?target_session_attrs=prefer-standby`). Reads fall back
   * to the primary while it is away (src/db/replica.ts).
   */
  replicaDatabaseUrl: string | undefined;
  logLevel: string;
  /** Load the demo communes, staff and catalogue at start when the database is empty. */
  demo: boolean;
  /** How many demo dossiers the first start generates over the past year (XASO_DEMO_DOSSIERS, default 900). */
  demoDossiers: number;
  /** The address citizens reach the portal at (printed in QR codes and notices); default http://127.0.0.1:PORT. */
  publicUrl: string;
  /**
   * XASO_TRUST_PROXY: behind reverse proxies, the comma-separated addresses or CIDR ranges of the proxies (also
   * `loopback`, `linklocal`, `uniquelocal`); `1`, the older spelling, is one proxy on this machine (`loopback`). The
   * client address is the right-most X-Forwarded-For entry not from a listed proxy, so a forged left-most entry changes
   * nothing (issue 13, finding 9). Unset or 0: no proxy, the socket address. Trusting every hop (`true`) and hop
   * counts are refused: Fastify ≥ 5.12 ignores hop counts (they cannot check who sent the header), and trusting
   * every hop let a forged header escape the login limits.
   */
  trustProxy: TrustProxy;
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
    /** XASO_PORTAL_URL / XASO_PORTAL_TOKEN: the national public-service portal the dossiers are synced to. */
    portalUrl?: string;
    portalToken?: string;
    /** XASO_PORTAL_INBOUND_KEY: the key the national portal presents when it forwards a dossier filed there. */
    portalInboundKey?: string;
    /** XASO_LGSP_URL / _CLIENT_ID / _CLIENT_SECRET: the provincial platform to the national databases. */
    lgspUrl?: string;
    lgspClientId?: string;
    lgspClientSecret?: string;
  };
}

/** Fastify's `trustProxy` as this server uses it: off, or the proxies' addresses. */
export type TrustProxy = false | string[];

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ADDRESS_OR_CIDR = /^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(?:\/[0-9]{1,3})?$/;

/** XASO_TRUST_PROXY (see Config.trustProxy). */
export function trustProxyFrom(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v === '0') return false;
  if (v === '1') return ['loopback'];
  const list = v.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = list.find((x) => !PROXY_NAMES.has(x) && !ADDRESS_OR_CIDR.test(x));
  if (bad !== undefined) {
    throw new Error(`XASO_TRUST_PROXY must be the comma-separated addresses or CIDR ranges of the reverse proxies (e.g. 127.0.0.1 or 10.0.0.0/8), or 1 for one proxy on this machine, got "${bad}"`);
  }
  return list;
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
    portal: { url: o.portalUrl, token: o.portalToken, inboundKey: o.portalInboundKey, publicUrl: c.publicUrl, dataDir: c.dataDir },
    registries: { url: o.lgspUrl, clientId: o.lgspClientId, clientSecret: o.lgspClientSecret },
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom('PORT', env.PORT, 3000);
  if (env.XASO_RUNTIME_DATABASE_URL && !env.DATABASE_URL) {
    throw new Error('XASO_RUNTIME_DATABASE_URL chỉ dùng cùng DATABASE_URL (PostgreSQL nhúng tự tạo tài khoản chạy riêng). / '
      + 'XASO_RUNTIME_DATABASE_URL needs DATABASE_URL (the embedded PostgreSQL makes its own runtime login).');
  }
  if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL) {
    throw new Error('DATABASE_REPLICA_URL chỉ dùng cùng DATABASE_URL (PostgreSQL nhúng không có bản sao). / '
      + 'DATABASE_REPLICA_URL needs DATABASE_URL (the embedded PostgreSQL has no replica).');
  }
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.XASO_DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    runtimeDatabaseUrl: env.XASO_RUNTIME_DATABASE_URL || undefined,
    replicaDatabaseUrl: env.DATABASE_REPLICA_URL || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    demo: env.XASO_DEMO !== '0',
    demoDossiers: intFrom('XASO_DEMO_DOSSIERS', env.XASO_DEMO_DOSSIERS, 900, 1_000_000),
    publicUrl: (env.PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    trustProxy: trustProxyFrom(env.XASO_TRUST_PROXY),
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
      portalUrl: env.XASO_PORTAL_URL || undefined,
      portalToken: env.XASO_PORTAL_TOKEN || undefined,
      portalInboundKey: env.XASO_PORTAL_INBOUND_KEY || undefined,
      lgspUrl: env.XASO_LGSP_URL || undefined,
      lgspClientId: env.XASO_LGSP_CLIENT_ID || undefined,
      lgspClientSecret: env.XASO_LGSP_CLIENT_SECRET || undefined,
    },
  };
}
