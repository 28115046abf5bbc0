// Generated fuzzing over the OpenAPI document (issue 13, finding 6): for every operation, each string or number
// field of its JSON body, query string and path gets a NUL byte, a lone surrogate, huge numbers, 1e308, "Infinity",
// 20-digit numbers and deep nesting, and the answer is never a server error: a 4xx problem+json (or the success a
// harmless value earns). The caller is an officer holding every role, so that requests reach the handlers; the
// fields are sampled with a fixed seed, so that a run is repeatable and stays within about a minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call, type Call } from '../support/http.ts';
import { passwordHash } from '../support/staff.ts';
import { STAFF_ROLES } from '../../src/identity/core/principal.ts';

const t = await testApp();
t.setNow('2026-11-25T09:00:00+07:00');

// ── The caller: an officer of Phòng Văn hóa - Xã hội with every role (the demo password) ─────────────────────────
const hotich = await t.db.selectFrom('staff').select(['id', passwordHash(), 'unit_id']).where('username', '=', 'hotich').executeTakeFirstOrThrow();
await t.db.insertInto('staff').values({
  commune_id: 'xuan-duong', unit_id: hotich.unit_id, username: 'kiemthu', full_name: 'Cán bộ kiểm thử', title: 'Chuyên viên',
  roles: [...STAFF_ROLES], password_hash: hotich.password_hash,
}).execute();
const AS = 'kiemthu';
await t.login(AS);

// Real ids where the path names them, so that requests get past "not found".
const dossier = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
assert.equal(dossier.status, 201, JSON.stringify(dossier.body));
const UUID = '00000000-0000-4000-8000-000000000000';
const PARAMS: Record<string, string> = {
  id: UUID, code: '1.001193', year: '2026', date: '2026-12-24', fileId: '1', staffId: String(hotich.id), kind: 'receipt',
  ref: 'XS0000000001', evidenceId: '1',
};
function paramValue(path: string, name: string): string {
  if (name === 'id' && path.startsWith('/api/v1/dossiers/')) return dossier.body.id as string;
  if (name === 'id' && /\/(units|staff)\/\{id\}/.test(path)) return String(hotich.unit_id);
  if (name === 'id' && /^\/api\/v1\/(reform\/(plans|tasks|targets)|par\/templates|api-keys|staff)\//.test(path)) return '1';
  return PARAMS[name] ?? 'x';
}

// ── A deterministic PRNG (mulberry32) and sampling ────────────────────────────────────────────────────────────────
let seed = 13;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const sample = <T,>(xs: T[], n: number): T[] => {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
};

// ── Minimal valid values from a JSON Schema ───────────────────────────────────────────────────────────────────────
type S = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const PATTERN_CANDIDATES = ['VHXH', '1.001193', '001203004567', '0912345678', '2026-11', '2026', 'abcd1234', 'GIAY_CHUNG_SINH', '123456', 'x'];

function example(s: S | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  if ('const' in s) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return example(alt.find((x: S) => x.type !== 'null') ?? alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const k of s.required ?? []) o[k] = example(s.properties?.[k], depth + 1);
      return o;
    }
    case 'array': return Array.from({ length: s.minItems ?? 0 }, () => example(s.items, depth + 1));
    case 'integer': case 'number': return Math.max(s.minimum ?? 1, Math.min(s.maximum ?? 1, 1));
    case 'boolean': return true;
    case 'string': {
      if (s.format === 'date') return '2026-12-24';
      if (s.format === 'date-time') return '2026-12-24T09:00:00+07:00';
      if (s.format === 'uuid') return UUID;
      if (s.format === 'email') return 'kiemthu@example.vn';
      if (s.pattern) return PATTERN_CANDIDATES.find((c) => new RegExp(s.pattern, 'u').test(c)) ?? 'x';
      return 'Nội dung'.padEnd(s.minLength ?? 0, 'x');
    }
    default: return null;
  }
}

interface Field { path: string[]; kind: 'string' | 'number' }

/** The string and number leaves of a body schema (through the first non-null alternative, into arrays' first item). */
function fields(s: S | undefined, path: string[] = [], depth = 0): Field[] {
  if (!s || depth > 4) return [];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) {
    const leaf = alt.find((x: S) => ['string', 'number', 'integer'].includes(x.type));
    if (leaf) return fields(leaf, path, depth + 1);
    return fields(alt.find((x: S) => x.type === 'object' || x.type === 'array'), path, depth + 1);
  }
  const type = Array.isArray(s.type) ? s.type.find((x: string) => x !== 'null') : s.type;
  if (type === 'string') return [{ path, kind: 'string' }];
  if (type === 'number' || type === 'integer') return [{ path, kind: 'number' }];
  if (type === 'array') return fields(s.items, [...path, '0'], depth + 1);
  if (type === 'object') return Object.entries(s.properties ?? {}).flatMap(([k, v]) => fields(v as S, [...path, k], depth + 1));
  return [];
}

function withValue(base: unknown, path: string[], value: unknown): unknown {
  if (!path.length) return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(base) ? [...base] : { ...(base && typeof base === 'object' ? base : {}) };
  const [k, ...rest] = path;
  (copy as Record<string, unknown>)[k!] = withValue((copy as Record<string, unknown>)[k!], rest, value);
  return copy;
}

// Deep nesting is spliced into the JSON text (JSON.stringify of it would overflow this process's stack first).
const DEEP = '\u0001deep\u0001';
const DEEP_TEXT = `${'['.repeat(5000)}"x"${']'.repeat(5000)}`;
const deep = (n: number): unknown => {
  if (n >= 1000) return DEEP;
  let v: unknown = 'x';
  for (let i = 0; i < n; i++) v = [v];
  return v;
};

const BODY_STRINGS: [string, unknown][] = [['NUL', 'a\u0000b'], ['lone surrogate', 'x\ud800y'], ['"Infinity"', 'Infinity'], ['20 digits', '99999999999999999999'], ['deep', deep(5000)]];
const BODY_NUMBERS: [string, unknown][] = [['1e308', 1e308], ['-1e308', -1e308], ['2^66', 2 ** 66], ['"Infinity"', 'Infinity'], ['deep', deep(5000)]];
const URL_VALUES: [string, string][] = [['NUL', 'a%00b'], ['"Infinity"', 'Infinity'], ['20 digits', '99999999999999999999'], ['1e308', '1e308'], ['-20 digits', '-99999999999999999999'], ['bad UTF-8', '%ED%A0%80']];

interface Op { method: string; path: string; op: S }
interface Failure { what: string; status: number; body: unknown }

const doc = (await call(t, 'GET', '/openapi.json')).body as { paths: Record<string, Record<string, S>>; components?: { schemas?: Record<string, S> } };
const resolve = (s: S | undefined): S | undefined => {
  const ref = s?.$ref as string | undefined;
  return ref ? doc.components?.schemas?.[ref.split('/').pop()!] : s;
};
// Logging out would end the caller's session; the rest is fair game.
const SKIP = new Set(['POST /api/v1/auth/logout']);
const ops: Op[] = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
  Object.entries(byMethod).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
).filter((o) => !SKIP.has(`${o.method} ${o.path}`));

function urlOf(o: Op, params: Record<string, string>, query: Record<string, string>): string {
  const path = o.path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? paramValue(o.path, name));
  const qs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
  return qs ? `${path}?${qs}` : path;
}

async function send(o: Op, url: string, body: unknown): Promise<Call> {
  const json = !!o.op.requestBody?.content?.['application/json'];
  if (o.method === 'GET' || !json || body === undefined) return call(t, o.method as 'POST', url, { as: AS });
  const text = JSON.stringify(body).replace(JSON.stringify(DEEP), DEEP_TEXT);
  return call(t, o.method as 'POST', url, { as: AS, body: text, headers: { 'content-type': 'application/json' } });
}

/** Routes that answer a partner's contract instead of problem+json: the national portal forwarding a dossier gets
 *  `{error_code, message}` (src/inbound/routes.ts; its own bad-input tests are in test/inbound/). */
const CONTRACT_ROUTES = ['/api/v1/lien-thong/dvcqg/ho-so'];
const contractAnswer = (r: Call) =>
  String(r.headers['content-type']).startsWith('application/json') && /^[A-Z_]+$/.test(String((r.body as { error_code?: unknown })?.error_code));

function check(r: Call, what: string, failures: Failure[]) {
  if (r.status >= 500) failures.push({ what, status: r.status, body: r.body });
  else if (r.status >= 400 && CONTRACT_ROUTES.some((p) => what.includes(` ${p} `))) {
    if (!contractAnswer(r)) failures.push({ what: `${what} (not the contract's answer)`, status: r.status, body: r.body });
  } else if (r.status >= 400 && what.includes(' /api/') && !String(r.headers['content-type']).startsWith('application/problem+json')) {
    failures.push({ what: `${what} (not problem+json)`, status: r.status, body: r.body });
  }
}

test('no operation of the OpenAPI document answers 5xx to NUL, lone surrogates, huge numbers, "Infinity" or deep nesting', async (ctx) => {
  const failures: Failure[] = [];
  let requests = 0;
  let reached = 0;
  for (const o of ops) {
    const bodySchema = resolve(o.op.requestBody?.content?.['application/json']?.schema);
    const base = bodySchema ? example(bodySchema) : undefined;
    const params = (o.op.parameters ?? []) as S[];
    const jobs: { what: string; url: string; body: unknown }[] = [];
    const plain = urlOf(o, {}, {});
    // The unaltered request first: does it get past authentication and "not found"?
    const first = await send(o, plain, base);
    requests++;
    check(first, `${o.method} ${o.path} (base)`, failures);
    if (![401, 403, 404].includes(first.status)) reached++;
    if (bodySchema) {
      for (const f of sample(fields(bodySchema), 3)) {
        for (const [name, v] of f.kind === 'string' ? BODY_STRINGS : BODY_NUMBERS) {
          jobs.push({ what: `${o.method} ${o.path} body /${f.path.join('/')} ← ${name}`, url: plain, body: withValue(base, f.path, v) });
        }
      }
      jobs.push({ what: `${o.method} ${o.path} whole body ← deep`, url: plain, body: deep(5000) });
    }
    for (const p of sample(params.filter((x) => x.in === 'query'), 2)) {
      for (const [name, v] of sample(URL_VALUES, 4)) {
        jobs.push({ what: `${o.method} ${o.path} query ${p.name} ← ${name}`, url: urlOf(o, {}, { [p.name]: v }), body: base });
      }
    }
    for (const p of params.filter((x) => x.in === 'path')) {
      for (const [name, v] of sample(URL_VALUES, 3)) {
        jobs.push({ what: `${o.method} ${o.path} path ${p.name} ← ${name}`, url: urlOf(o, { [p.name]: v }, {}), body: base });
      }
    }
    // A few at a time: the handlers meet concurrent bad input too.
    for (let i = 0; i < jobs.length; i += 4) {
      const batch = jobs.slice(i, i + 4);
      const rs = await Promise.all(batch.map((j) => send(o, j.url, j.body)));
      rs.forEach((r, k) => check(r, batch[k]!.what, failures));
      requests += batch.length;
    }
  }
  ctx.diagnostic(`${requests} requests over ${ops.length} operations (${reached} reached past 401/403/404)`);
  assert.ok(ops.length >= 100, `only ${ops.length} operations`);
  assert.ok(reached >= ops.length * 0.6, `only ${reached} of ${ops.length} operations reached past 401/403/404`);
  const lines = failures.map((f) => `${f.what} → ${f.status} ${(f.body as { code?: string } | null)?.code ?? ''}`);
  assert.equal(failures.length, 0, `${failures.length} failures in ${requests} requests:\n${lines.join('\n')}`);
});

test('NUL and lone surrogates: 400 INVALID_CHARACTERS naming the field, on anonymous endpoints, in headers and on pages', async () => {
  const nul = await call(t, 'POST', '/api/v1/public/petitions', { body: { communeId: 'xuan-duong', content: 'Đường\u0000 hỏng', name: 'A' } });
  assert.equal(nul.status, 400, JSON.stringify(nul.body));
  assert.equal(nul.body.code, 'INVALID_CHARACTERS');
  assert.match(nul.body.title, /Trường "content" chứa ký tự không hợp lệ/);
  assert.equal(nul.body.errors[0].path, '/body/content');
  const sur = await call(t, 'POST', '/api/v1/dossiers', { as: AS, body: { procedureCode: '1.001193', applicant: applicant({ name: 'An\ud800' }) } });
  assert.equal(sur.status, 400);
  assert.equal(sur.body.code, 'INVALID_CHARACTERS');
  assert.equal(sur.body.errors[0].path, '/body/applicant/name');
  const q = await call(t, 'GET', '/api/v1/procedures?q=khai%00sinh');
  assert.equal(q.body.code, 'INVALID_CHARACTERS');
  assert.equal(q.body.errors[0].path, '/query/q');
  const key = await call(t, 'POST', '/api/v1/kpi/self-assessment', { as: AS, key: 'abcdefgh\u0000', body: { period: '2026-11' } });
  assert.equal(key.status, 400);
  // A page's form: the error page, in Vietnamese, never a 500.
  const page = await t.app.inject({ method: 'POST', url: '/tra-cuu', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'code=HS%00&idLast4=1234' });
  assert.equal(page.statusCode, 400);
  assert.match(page.headers['content-type'] as string, /^text\/html/);
  assert.match(page.body, /ký tự không hợp lệ/);
});

test('numbers PostgreSQL cannot store: 400, never 500; bounds are in the OpenAPI document', async () => {
  for (const v of ['99999999999999999999', '1e308', 'Infinity', '-99999999999999999999']) {
    const r = await call(t, 'GET', `/api/v1/auth/login-events?before=${v}`, { as: AS });
    assert.equal(r.status, 400, `${v}: ${JSON.stringify(r.body)}`);
  }
  const big = await call(t, 'POST', '/api/v1/kpi/unit-ratings', { as: AS, body: { unitId: 2 ** 66, year: 2026, excellent: true } });
  assert.equal(big.status, 400);
  assert.equal(big.body.code, 'VALIDATION_FAILED');
  const login = doc.paths['/api/v1/auth/login-events']!.get!.parameters.find((p: S) => p.name === 'before');
  assert.equal(login.schema.maximum, 2147483647);
});

test('deep nesting: 400 TOO_DEEP', async () => {
  const r = await call(t, 'POST', '/api/v1/kpi/self-assessment', { as: AS, body: { period: '2026-11', general: deep(100) } });
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'TOO_DEEP');
});

test('a tampered or out-of-range dossier cursor: 400 BAD_CURSOR', async () => {
  const enc = (x: unknown) => Buffer.from(JSON.stringify(x)).toString('base64url');
  for (const c of [enc(['-271821-04-20T00:00:00.000Z', UUID]), enc(['2026-01-01T00:00:00.000Z', '-'.repeat(36)]), enc([Number("12345678901234567890"), UUID]), '9'.repeat(20)]) {
    const r = await call(t, 'GET', `/api/v1/dossiers?cursor=${c}`, { as: AS });
    assert.equal(r.status, 400, `${c}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.code, 'BAD_CURSOR');
  }
});
