// The HTTP app on a fresh database, with a controllable clock and helpers to act as demo staff.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { loadConfig, outsideOptions } from '../../src/config.ts';
import { startOutside } from '../../src/outside/index.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { DEMO_PASSWORD } from '../../src/org/demo.ts';
import { testDb } from './db.ts';

export interface TestApp {
  app: App;
  db: Awaited<ReturnType<typeof testDb>>['db'];
  url: string;
  /** Sets the server clock (ISO string with offset); null returns to the real clock. */
  setNow(iso: string | null): void;
  /** Session cookie header of a demo staff member. */
  login(username: string): Promise<string>;
}

export async function testApp(): Promise<TestApp> {
  const { db, url } = await testDb();
  // The local stand-ins of the outside services, as the default set-up starts them (src/outside/).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-test-data-'));
  const started = await startOutside(outsideOptions({ ...loadConfig({}), dataDir, publicUrl: 'http://xaso.test' }));
  after(async () => {
    await started.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  let fixed: Date | null = null;
  const app = await buildApp(
    {
      db,
      engine: process.env.DATABASE_URL ? 'external' : 'embedded',
      migrationVersion: async () =>
        (await db.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirstOrThrow()).v,
      now: () => fixed ?? new Date(),
      publicUrl: 'http://xaso.test',
      outside: started.outside,
    },
    { logLevel: 'silent' },
  );
  after(() => app.close());
  const cookies = new Map<string, string>();
  return {
    app,
    db,
    url,
    setNow: (iso) => {
      fixed = iso ? new Date(iso) : null;
    },
    async login(username) {
      const hit = cookies.get(username);
      if (hit) return hit;
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
      assert.equal(res.statusCode, 200, `login ${username}: ${res.body}`);
      const c = res.cookies.find((x) => x.name === 'xaso_sid');
      assert.ok(c);
      const header = `xaso_sid=${c.value}`;
      cookies.set(username, header);
      return header;
    },
  };
}

export const newKey = () => crypto.randomUUID();
