// CSRF on every form: the list of POST routes is read from the app itself (printRoutes), so that a page route added
// later is covered without editing this test. Every non-API POST without the token is refused with 403 and
// changes nothing, logged in or not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';

const t = await testApp();

/** Full paths of the routes in Fastify's printRoutes tree ("├── /a (POST)" / "│   └── /:id (POST)"). */
function postPaths(tree: string): string[] {
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = full;
    if (m[3]!.split(', ').includes('POST')) out.push(full);
  }
  return out;
}

const UUID = '00000000-0000-4000-8000-000000000001';
const concrete = (path: string) =>
  path.replace(/:key\|:id/, UUID).replace(/:id\b/g, UUID).replace(/:action\b/, 'assign').replace(/:code\b/, '1.001193')
    .replace(/:component\b/, 'TO_KHAI').replace(/:n\b/, '1');

test('every form post without the CSRF token is refused (403), anonymous or logged in', async () => {
  const forms = postPaths(t.app.printRoutes({ commonPrefix: false, method: 'POST' })).filter((p) => !p.startsWith('/api/'));
  assert.ok(forms.length >= 20, `found ${forms.length} form routes: ${forms.join(', ')}`);
  for (const path of ['/tra-cuu', '/can-bo/tiep-nhan', '/can-bo/ho-so/:id/thao-tac/:action', '/danh-gia/:id']) {
    assert.ok(forms.includes(path), `${path} is found by the route reader`);
  }
  const admin = await t.login('admin');
  const before = await t.db.selectFrom('dossier_events').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  for (const path of forms) {
    for (const cookie of [undefined, admin]) {
      const r = await t.app.inject({
        method: 'POST', url: concrete(path), headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
        payload: 'name=x&reason=y',
      });
      assert.equal(r.statusCode, 403, `${path} (${cookie ? 'logged in' : 'anonymous'}): ${r.statusCode}`);
      assert.match(String(r.headers['content-type']), /^text\/html/, `${path}: an HTML error page`);
    }
  }
  const after = await t.db.selectFrom('dossier_events').select((e) => e.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  assert.equal(after.n, before.n, 'nothing recorded');
});
