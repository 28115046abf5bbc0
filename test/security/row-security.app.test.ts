// Row-level security seen from the HTTP app (issue 16, migration 048): a staff request of commune A whose query forgot
// its commune (here: every WHERE of a query on dossiers removed on the way to PostgreSQL) still gets none of B's
// dossiers; the scope a request's database work carries, checkout by checkout, through Fastify's hooks, the handler and
// its transactions; and the server's own sockets, where a callback that lost its request's context lands, see nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SelectQueryNode, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { testApp } from '../support/app.ts';
import { applicant } from '../support/http.ts';
import { buildApp, type App } from '../../src/app.ts';
import { appPool, kyselyFor } from '../../src/db/connect.ts';
import { ALL, KEEP, NONE, wantedScope, withScope } from '../../src/db/scope.ts';
import { DEMO_PASSWORD } from '../../src/demo/communes.ts';
import { generateDemoActivity } from '../../src/demo/activity.ts';

const A = 'xuan-duong';
const B = 'tan-lap';
const t = await testApp();

// The app under test runs on a pool of its own, watched: each checkout records the scope its caller wanted.
const pool = appPool(t.url, 4);
const checkouts: string[] = [];
const connect = pool.connect.bind(pool) as () => Promise<unknown>;
(pool as unknown as { connect: () => Promise<unknown> }).connect = () => {
  checkouts.push(wantedScope());
  return connect();
};
/** While on, every SELECT reading `dossiers` reaches PostgreSQL without its WHERE: the application's scoping gone. */
let forget = false;
const readsDossiers = (n: SelectQueryNode) => (n.from?.froms ?? []).some((f) => JSON.stringify(f).includes('"name":"dossiers"'));
const unscoped: KyselyPlugin = {
  transformQuery: ({ node }): RootOperationNode =>
    forget && SelectQueryNode.is(node) && readsDossiers(node) ? { ...node, where: undefined } : node,
  transformResult: async ({ result }) => result,
};
const db = kyselyFor(pool).withPlugin(unscoped);
after(() => db.destroy());
const app: App = await buildApp(
  { db, readDb: db, engine: 'embedded', migrationVersion: async () => 48, now: () => new Date(), publicUrl: t.base, outside: t.outside },
  { logLevel: process.env.XASO_TEST_LOG ?? 'silent' },
);

const cookies = new Map<string, string>();
async function login(username: string): Promise<string> {
  const hit = cookies.get(username);
  if (hit) return hit;
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
  assert.equal(res.statusCode, 200, res.body);
  const c = `xaso_sid=${res.cookies.find((x) => x.name === 'xaso_sid')!.value}`;
  cookies.set(username, c);
  return c;
}
/** The scopes the request's checkouts wanted. */
async function scopesOf(method: 'GET' | 'POST', url: string, as?: string) {
  const headers = as ? { cookie: await login(as) } : {};
  checkouts.length = 0;
  const res = await app.inject({ method, url, headers });
  return { status: res.statusCode, body: res.body, scopes: [...checkouts] };
}

before(async () => {
  await generateDemoActivity(t.db, new Date('2026-11-20T03:00:00Z'), 30); // dossiers in both communes, some transferred
  for (const u of ['motcua', 'hotich', 'tl.motcua', 'tinh.theodoi']) await login(u);
});

test('a staff request of A whose query forgot its commune still gets none of B\'s dossiers', async () => {
  const owned = await t.db.selectFrom('dossiers').select(['id', 'commune_id', 'receiving_commune_id']).execute();
  const visibleToA = new Set(owned.filter((d) => d.commune_id === A || d.receiving_commune_id === A).map((d) => d.id));
  const ofB = owned.filter((d) => !visibleToA.has(d.id));
  assert.ok(ofB.length > 0, 'the fixture has dossiers of B');
  forget = true;
  try {
    // The switch works: with every commune in scope, the WHERE-less query returns B's dossiers.
    const all = await withScope(ALL, () => db.selectFrom('dossiers').select('id').where('commune_id', '=', A).execute());
    assert.ok(all.some((d) => !visibleToA.has(d.id)), 'the plugin removes the WHERE (else this test proves nothing)');
    const res = await app.inject({ method: 'GET', url: '/api/v1/dossiers?limit=100', headers: { cookie: await login('motcua') } });
    assert.equal(res.statusCode, 200, res.body);
    const ids: string[] = JSON.parse(res.body).items.map((d: { id: string }) => d.id);
    assert.ok(ids.length > 0);
    assert.deepEqual(ids.filter((id) => !visibleToA.has(id)), [], 'no dossier of B reached commune A');
    // The staff pages too: B's dossier opened by A's officer is not found, whatever the query forgot.
    // One of B's dossiers asked by id: without its WHERE the load returns some row A may see, never B's.
    const page = await app.inject({ method: 'GET', url: `/api/v1/dossiers/${ofB[0]!.id}`, headers: { cookie: await login('motcua') } });
    assert.ok(page.statusCode === 404 || visibleToA.has(JSON.parse(page.body).id), page.body.slice(0, 200));
    assert.ok(!page.body.includes(ofB[0]!.id.slice(0, 8)) || page.statusCode === 404);
  } finally {
    forget = false;
  }
});

test('the scope reaches every checkout of a request: after authentication, in hooks, the handler and transactions', async () => {
  // A's officer: the session lookup runs before the caller is known, in whatever scope the connection has (it reads
  // only sessions and the staff directory), then only A.
  const inbox = await scopesOf('GET', '/api/v1/dossiers?limit=5', 'motcua');
  assert.equal(inbox.status, 200);
  assert.equal(inbox.scopes[0], KEEP, 'authentication');
  assert.ok(inbox.scopes.length >= 2);
  assert.deepEqual([...new Set(inbox.scopes.slice(1))], [A]);
  const page = await scopesOf('GET', '/can-bo/ho-so', 'tl.motcua');
  assert.equal(page.status, 200);
  assert.deepEqual([...new Set(page.scopes.slice(1))], [B], 'a staff page of B');
  // A write in a transaction (the idempotent intake path): every checkout in A.
  const res = await (async () => {
    checkouts.length = 0;
    const r = await app.inject({
      method: 'POST', url: '/api/v1/dossiers',
      headers: { cookie: await login('motcua'), 'idempotency-key': crypto.randomUUID() },
      payload: { procedureCode: '1.001193', channel: 'direct', applicant: applicant() },
    });
    return { status: r.statusCode, body: r.body, scopes: [...checkouts] };
  })();
  assert.ok([201, 422].includes(res.status), res.body);
  assert.deepEqual([...new Set(res.scopes.slice(1))], [A]);
  // The province's officer, a public page (even for a logged-in officer), anonymous: every commune.
  const province = await scopesOf('GET', '/can-bo/tinh', 'tinh.theodoi');
  assert.equal(province.status, 200);
  assert.deepEqual([...new Set(province.scopes.slice(1))], [ALL]);
  const publicPage = await scopesOf('GET', '/cong-khai', 'tl.motcua');
  assert.equal(publicPage.status, 200);
  assert.deepEqual([...new Set(publicPage.scopes.slice(1))], [ALL]);
  const anonymous = await scopesOf('GET', '/api/v1/indicators/public?commune=xuan-duong&year=2026');
  assert.equal(anonymous.status, 200);
  assert.deepEqual([...new Set(anonymous.scopes)], [ALL]);
});

test('a callback that lost its request\'s context runs in the server\'s scope, NONE: never wider', async () => {
  const outer: string[] = [];
  app.server.on('connection', () => outer.push(`connection:${wantedScope()}`));
  app.server.on('request', () => outer.push(`request:${wantedScope()}`));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const { port } = app.server.address() as { port: number };
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/dossiers?limit=1`, { headers: { cookie: await login('motcua') } });
    assert.equal(res.status, 200);
    assert.deepEqual(outer, [`connection:${NONE}`, `request:${NONE}`]);
  } finally {
    await app.close();
  }
});
