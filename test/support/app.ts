// The HTTP app on a fresh database, with the outside services' local stand-ins (as the default set-up starts them),
// a controllable clock and helpers to act as demo staff. `listen: true` serves it on a loopback port whose address
// is also its public URL, so that stand-ins calling back (the payment gateway's IPN, the identity provider's
// redirect) and a real browser reach it.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { loadConfig, outsideOptions } from '../../src/config.ts';
import { freePort } from '../../src/db/embedded.ts';
import { buildApp, type App } from '../../src/app.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { startOutside, type Outside } from '../../src/outside/index.ts';
import { testDb } from './db.ts';
import { requireKind } from './kind.ts';

export interface TestApp {
  app: App;
  db: Awaited<ReturnType<typeof testDb>>['db'];
  url: string;
  /** The app's public URL: http://xaso.test, or its real address when listening. */
  base: string;
  outside: Outside;
  /** Where the stand-ins keep their files (mailbox, SMS log). */
  dataDir: string;
  /** Sets the server clock (ISO string with offset); null returns to the real clock. */
  setNow(iso: string | null): void;
  /** Session cookie header of a demo staff member. */
  login(username: string): Promise<string>;
}

/** `portal`: the national portal (sync) and its forwarding of dossiers filed there; `registries`: the provincial
 *  platform to the population and civil-status databases. */
export type StandIn = 'identity' | 'payment' | 'messaging' | 'portal' | 'registries';

export interface TestAppOptions {
  /** Serve on a loopback port (its address becomes the public URL). */
  listen?: boolean;
  /** Environment variables for the configuration (e.g. a known payment secret). */
  env?: NodeJS.ProcessEnv;
  /**
   * The outside services' stand-ins this file uses (e-identity, payment gateway, e-mail + SMS), started as the
   * default set-up starts them. The others are configured at an address where nothing listens, so a file that
   * forgets to ask fails with "connection refused" instead of starting what it does not use.
   */
  standIns?: StandIn[];
}

const NOWHERE = 'http://127.0.0.1:9';

/** The configuration's environment with the services not asked for pointed at NOWHERE. */
function outsideEnv(o: TestAppOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...(o.env ?? {}) };
  const wanted = new Set(o.standIns ?? []);
  if (!wanted.has('identity')) env.XASO_OIDC_ISSUER ??= NOWHERE;
  if (!wanted.has('payment') && !env.XASO_PAYMENT_URL) {
    env.XASO_PAYMENT_URL = `${NOWHERE}/pay`;
    env.XASO_PAYMENT_MERCHANT ??= 'XASOTEST';
    env.XASO_PAYMENT_SECRET ??= crypto.randomBytes(24).toString('base64url');
  }
  if (!wanted.has('portal')) env.XASO_PORTAL_URL ??= NOWHERE;
  if (!wanted.has('registries')) env.XASO_LGSP_URL ??= NOWHERE;
  if (!wanted.has('messaging')) {
    env.SMTP_URL ??= 'smtp://127.0.0.1:9';
    env.XASO_SMS_URL ??= `${NOWHERE}/messages`;
  }
  return env;
}

export async function testApp(o: TestAppOptions = {}): Promise<TestApp> {
  requireKind('the app', ['app', 'browser']);
  const { db, url } = await testDb();
  const port = o.listen ? await freePort() : 0;
  const base = o.listen ? `http://127.0.0.1:${port}` : 'http://xaso.test';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-test-data-'));
  const started = await startOutside(outsideOptions({ ...loadConfig(outsideEnv(o)), dataDir, publicUrl: base }));
  let fixed: Date | null = null;
  const app = await buildApp(
    {
      db,
      readDb: db,
      engine: process.env.DATABASE_URL ? 'external' : 'embedded',
      migrationVersion: async () =>
        (await db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow()).v,
      now: () => fixed ?? new Date(),
      publicUrl: base,
      outside: started.outside,
    },
    { logLevel: process.env.XASO_TEST_LOG ?? 'silent' },
  );
  if (o.listen) await app.listen({ port, host: '127.0.0.1' });
  after(async () => {
    await app.close();
    await started.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const cookies = new Map<string, Promise<string>>();
  return {
    app,
    db,
    url,
    base,
    outside: started.outside,
    dataDir,
    setNow: (iso) => {
      fixed = iso ? new Date(iso) : null;
    },
    // One login per user, shared by concurrent callers: simultaneous logins of one account are attempts in flight,
    // which the lockout counts (identity/staff/lockout.ts), so a burst of first requests must not log in six times.
    login(username) {
      const hit = cookies.get(username);
      if (hit) return hit;
      const pending = (async () => {
        const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
        assert.equal(res.statusCode, 200, `login ${username}: ${res.body}`);
        const c = res.cookies.find((x) => x.name === 'xaso_sid');
        assert.ok(c);
        return `xaso_sid=${c.value}`;
      })();
      cookies.set(username, pending);
      pending.catch(() => cookies.delete(username));
      return pending;
    },
  };
}

export const newKey = () => crypto.randomUUID();
