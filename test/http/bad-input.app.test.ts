// Bad input gets a clear problem+json error with a Vietnamese title, and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp } from '../support/app.ts';
import { applicant, call, multipart } from '../support/http.ts';

const t = await testApp();
t.setNow('2026-11-25T09:00:00+07:00');

async function counts() {
  const r = await sql<{ d: number; e: number; f: number }>`
    SELECT (SELECT count(*) FROM dossiers)::int AS d, (SELECT count(*) FROM dossier_events)::int AS e,
           (SELECT count(*) FROM dossier_files)::int AS f`.execute(t.db);
  return r.rows[0]!;
}

async function unchanged(fn: () => Promise<void>) {
  const before = await counts();
  await fn();
  assert.deepEqual(await counts(), before);
}

function isProblem(r: { status: number; body: { code?: string; title?: string }; headers: Record<string, unknown> }, status: number, code: string) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.equal(r.body.code, code);
  assert.match(String(r.headers['content-type']), /^application\/problem\+json/);
  assert.match(r.body.title ?? '', /[\u00C0-\u1EF9]/, 'a Vietnamese title');
}

const dossier = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant() } });
const id = dossier.body.id as string;

test('unknown procedure', () =>
  unchanged(async () => {
    const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '9.999999', applicant: applicant() } });
    isProblem(r, 422, 'UNKNOWN_PROCEDURE');
  }));

test('an action in the wrong state', () =>
  unchanged(async () => {
    const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/return_result`, { as: 'motcua', body: { channel: 'counter' } });
    isProblem(r, 409, 'ACTION_NOT_ALLOWED_IN_STATE');
  }));

test('a malformed date', () =>
  unchanged(async () => {
    const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/apologize_extend`, {
      as: 'motcua', body: { reason: 'Cần xác minh', newDueAt: '2026-13-45T25:00:00+07:00' },
    });
    isProblem(r, 400, 'VALIDATION_FAILED');
    assert.equal(r.body.errors[0].path, '/body/newDueAt');
  }));

test('missing required fields and unknown fields', () =>
  unchanged(async () => {
    isProblem(await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: {} }), 400, 'VALIDATION_FAILED');
    isProblem(await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH', hack: 1 } }), 400, 'VALIDATION_FAILED');
    isProblem(await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'NOPE' } }), 422, 'UNKNOWN_UNIT');
  }));

test('malformed JSON and wrong content type', () =>
  unchanged(async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/dossiers',
      headers: { cookie: await t.login('motcua'), 'idempotency-key': 'k-malformed-1', 'content-type': 'application/json' },
      payload: '{"procedureCode": ',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'MALFORMED_JSON');
  }));

test('SQL and HTML in text fields are stored as plain text and change nothing else', async () => {
  const evil = `Robert'); DROP TABLE dossiers;-- <script>alert(1)</script>`;
  const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: '1.001193', applicant: applicant({ name: evil }) } });
  assert.equal(r.status, 201);
  assert.equal(r.body.applicant.name, evil);
  assert.equal(r.headers['content-type'], 'application/json; charset=utf-8');
  const search = await call(t, 'GET', `/api/v1/procedures?q=${encodeURIComponent("khai' OR 1=1 --")}`);
  assert.equal(search.status, 200);
  assert.ok((await counts()).d >= 2, 'the dossiers table is still there');
});

test('uploads: wrong type by content, too large, unknown component, empty', async () => {
  const cookie = await t.login('motcua');
  const send = async (component: string, name: string, content: Buffer, type?: string) => {
    const m = multipart(name, content, type);
    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/dossiers/${id}/files?component=${component}`,
      headers: { cookie, 'idempotency-key': crypto.randomUUID(), 'content-type': m.contentType },
      payload: m.payload,
    });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };
  await unchanged(async () => {
    // An executable renamed to .pdf with a PDF content type is still refused: the type comes from the bytes.
    isProblem(await send('GIAY_CHUNG_SINH', 'giay.pdf', Buffer.from('MZ\x90\x00 not a pdf'), 'application/pdf'), 415, 'FILE_TYPE_NOT_ALLOWED');
    isProblem(await send('GIAY_CHUNG_SINH', 'big.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 + 10)])), 413, 'PAYLOAD_TOO_LARGE');
    isProblem(await send('KHONG_CO', 'a.pdf', Buffer.from('%PDF-1.7\n%%EOF')), 422, 'UNKNOWN_COMPONENT');
    isProblem(await send('GIAY_CHUNG_SINH', 'empty.pdf', Buffer.alloc(0)), 422, 'FILE_EMPTY');
  });
  const ok = await send('GIAY_CHUNG_SINH', '../../etc/giấy chứng sinh.pdf', Buffer.from('%PDF-1.7\n%%EOF'));
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.fileName, 'giấy chứng sinh.pdf');
  assert.equal(ok.body.contentType, 'application/pdf');
  assert.equal(ok.body.digitised, true);
  const png = await send('GIAY_CHUNG_SINH', 'scan.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
  assert.equal(png.body.contentType, 'image/png');
  const dl = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${ok.body.id}`, headers: { cookie } });
  assert.equal(dl.statusCode, 200);
  assert.equal(dl.headers['content-type'], 'application/pdf');
});

test('unknown routes and bad cursors are problems too', async () => {
  isProblem(await call(t, 'GET', '/api/v1/khong-co'), 404, 'NOT_FOUND');
  isProblem(await call(t, 'GET', '/api/v1/dossiers?cursor=%%%', { as: 'motcua' }), 400, 'BAD_CURSOR');
});
