// The national databases through the provincial platform's stand-in (TT 117/2026/TT-BCA): a lookup without a purpose,
// without a dossier or for a dossier the caller cannot see is refused (400/403/404), NOT sent to the platform and not
// logged; every lookup is logged (who, when, dossier, purpose, the subject masked and digested, never in clear); the
// civil-status verification matches or not; the use of a record writes the declaration, sets registryCodesOf
// (DSKetNoiCSDL) and the 766 4.5 flag; the platform's token is required; the administrator's log and its permissions;
// the counter page walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { browserAs, hiddenFields, text } from '../web/staff-browser.ts';
import { birthAnswers, KHAI_SINH } from '../dossiers/birth-declaration.ts';
import { registryCodesOf } from '../../src/registries/uses-store.ts';
import { LgspClient, LgspError } from '../../src/outside/lgsp-client.ts';
import { STANDIN_LOG_PATH } from '../../src/outside/lgsp-standin.ts';

const t = await testApp({ standIns: ['registries'] });
t.setNow('2026-12-07T09:00:00+07:00');
const HONG = '001190004567';
const P = '/api/v1/registries/population/lookup';
const V = '/api/v1/registries/civil-status/verify';
const s = t.outside.registries;

/** What reached the stand-in platform (its own log). */
async function platformCalls(): Promise<{ requestId: string; purpose: string; actor: string; caseRef: string }[]> {
  const r = await fetch(new URL(STANDIN_LOG_PATH, s.url), { headers: { authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}` } });
  return ((await r.json()) as { calls: [] }).calls;
}
const logOf = (id: string) => t.db.selectFrom('registry_lookups').selectAll().where('dossier_id', '=', id).orderBy('id').execute();

/** A birth dossier received at the counter; the applicant typed without diacritics and with another address. */
async function dossier(): Promise<string> {
  const d = await call(t, 'POST', '/api/v1/dossiers', {
    as: 'motcua',
    body: { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Le Thi Hong', idNumber: HONG, address: 'Xóm 3, xã Xuân Dương' }), answers: birthAnswers() },
  });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  return d.body.id as string;
}

test('refused without a purpose, a dossier, or a dossier the caller may see: nothing sent, nothing logged', async () => {
  const id = await dossier();
  const before = (await platformCalls()).length;
  const cases: [string | undefined, object, number, string][] = [
    ['motcua', { dossierId: id, subject: { idNumber: HONG } }, 400, 'PURPOSE_REQUIRED'],
    ['motcua', { dossierId: id, purpose: 'Tra cứu cho biết', subject: { idNumber: HONG } }, 400, 'PURPOSE_REQUIRED'],
    ['motcua', { purpose: 'Tiếp nhận hồ sơ', subject: { idNumber: HONG } }, 400, 'DOSSIER_REQUIRED'],
    ['diachinh', { dossierId: id, purpose: 'Thẩm định hồ sơ', subject: { idNumber: HONG } }, 404, 'NOT_FOUND'],
    ['tl.motcua', { dossierId: id, purpose: 'Tiếp nhận hồ sơ', subject: { idNumber: HONG } }, 404, 'NOT_FOUND'],
    ['chutich', { dossierId: id, purpose: 'Tiếp nhận hồ sơ', subject: { idNumber: HONG } }, 403, 'FORBIDDEN'],
    ['admin', { dossierId: id, purpose: 'Tiếp nhận hồ sơ', subject: { idNumber: HONG } }, 403, 'FORBIDDEN'],
    [undefined, { dossierId: id, purpose: 'Tiếp nhận hồ sơ', subject: { idNumber: HONG } }, 401, 'UNAUTHENTICATED'],
  ];
  for (const [as, body, status, code] of cases) {
    const r = await call(t, 'POST', P, { as, body, key: null });
    assert.equal(r.status, status, `${as} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.code, code);
    const v = await call(t, 'POST', V, { as, body: { ...body, subject: { kind: 'birth', number: '125', name: 'Phạm Gia Bảo', date: '15/01/2026' } }, key: null });
    assert.equal(v.status, status, `verify ${as}`);
  }
  assert.equal((await platformCalls()).length, before, 'nothing reached the platform');
  assert.equal((await logOf(id)).length, 0, 'nothing logged as a lookup');
});

test('every lookup is logged: who, when, dossier, purpose, outcome; the subject masked and digested, never in clear', async () => {
  const id = await dossier();
  const r = await call(t, 'POST', P, { as: 'motcua', body: { dossierId: id, purpose: 'Tiếp nhận hồ sơ', subject: { idNumber: HONG } }, key: null });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.record.fullName, 'Lê Thị Hồng');
  assert.equal(r.body.record.dateOfBirth, '1990-03-14');
  assert.equal(r.body.isApplicant, true);
  assert.deepEqual(r.body.comparison.map((l: { field: string; verdict: string }) => [l.field, l.verdict]), [['name', 'marks'], ['address', 'different']]);
  const missing = await call(t, 'POST', P, { as: 'motcua', body: { dossierId: id, purpose: 'Kiểm tra thông tin người nộp', subject: { idNumber: '001190000000' } }, key: null });
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'PERSON_NOT_FOUND');
  const log = await logOf(id);
  const motcua = (await t.db.selectFrom('staff').select('id').where('username', '=', 'motcua').executeTakeFirstOrThrow()).id;
  assert.deepEqual(log.map((l) => [Number(l.staff_id), l.purpose, l.outcome, l.subject_masked, l.subject_name, l.registry]), [
    [Number(motcua), 'Tiếp nhận hồ sơ', 'found', '••••••••4567', 'Lê Thị Hồng', 'population'],
    [Number(motcua), 'Kiểm tra thông tin người nộp', 'not_found', '••••••••0000', null, 'population'],
  ]);
  assert.equal(log[0]!.at.toISOString(), '2026-12-07T02:00:00.000Z');
  assert.ok(log.every((l) => !JSON.stringify(l).includes(HONG) && !JSON.stringify(l).includes('001190000000')), 'no ID number in clear');
  // The platform got the same request id, the caller and the purpose.
  const calls = await platformCalls();
  const mine = calls.find((c) => c.requestId === log[0]!.request_id);
  assert.ok(mine);
  assert.equal(mine.purpose, 'Tiếp nhận hồ sơ');
  assert.equal(mine.actor, `staff:${motcua}`);
});

test('civil status: a matching record, a paper that does not match, a number not registered; each logged', async () => {
  const id = await dossier();
  const verify = (subject: object) => call(t, 'POST', V, { as: 'motcua', body: { dossierId: id, purpose: 'Thẩm định hồ sơ', subject }, key: null });
  const ok = await verify({ kind: 'birth', number: '125', book: '01/2026', name: 'Pham Gia Bao', date: '15/01/2026' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.match, true);
  assert.equal(ok.body.record.mother, 'Hoàng Thị Lan');
  const wrong = await verify({ kind: 'birth', number: '125', name: 'Phạm Gia Huy', date: '15/01/2026' });
  assert.deepEqual([wrong.body.match, wrong.body.mismatches, wrong.body.record], [false, ['name'], null]);
  const married = await verify({ kind: 'marriage', number: '45', name: 'Phạm Văn Dũng', otherName: 'Hoàng Thị Lan', date: '2024-06-08' });
  assert.equal(married.body.match, true);
  const none = await verify({ kind: 'marriage', number: '999', name: 'A', otherName: 'B', date: '2024-06-08' });
  assert.deepEqual([none.body.match, none.body.mismatches], [false, ['not_found']]);
  const bad = await verify({ kind: 'birth', number: '125', name: 'A', date: '31/02/2026' });
  assert.equal(bad.body.code, 'VERIFY_INVALID');
  assert.deepEqual((await logOf(id)).map((l) => l.outcome), ['match', 'no_match', 'match', 'no_match']);
});

test('the data used: DSKetNoiCSDL and the 4.5 flag set; a tampered record refused', async () => {
  const id = await dossier();
  assert.deepEqual(await registryCodesOf(t.db, id), []);
  const facts = async () => (await t.db.selectFrom('indicator_facts').select('counts').where('dossier_id', '=', id).executeTakeFirstOrThrow()).counts;
  assert.ok(!(await facts()).includes('eid'), 'not yet: a counter dossier without e-identity');
  const r = await call(t, 'POST', P, { as: 'motcua', body: { dossierId: id, purpose: 'Tiếp nhận hồ sơ', subject: { idNumber: HONG } }, key: null });
  assert.ok(!(await facts()).includes('eid'), 'a look alone is no use');
  const use = (body: object) => call(t, 'POST', '/api/v1/registries/uses', { as: 'motcua', body: { dossierId: id, lookupId: r.body.lookupId, ...body }, key: null });
  const forged = await use({ record: { ...r.body.record, currentResidence: 'Nơi khác' }, seal: r.body.seal });
  assert.equal(forged.status, 422);
  assert.equal(forged.body.code, 'RECORD_ALTERED');
  assert.deepEqual(await registryCodesOf(t.db, id), []);
  assert.equal((await use({ record: r.body.record, seal: r.body.seal, lookupId: 999999 })).status, 404);
  const used = await use({ record: r.body.record, seal: r.body.seal });
  assert.equal(used.status, 201, JSON.stringify(used.body));
  assert.deepEqual(await registryCodesOf(t.db, id), ['7']);
  assert.ok((await facts()).includes('eid'), '766 4.5: population data used');
  // A matching civil-status verification, confirmed: its code joins, in a stable order.
  const v = await call(t, 'POST', V, { as: 'motcua', body: { dossierId: id, purpose: 'Tiếp nhận hồ sơ', subject: { kind: 'birth', number: '125', name: 'Phạm Gia Bảo', date: '2026-01-15' } }, key: null });
  assert.equal((await call(t, 'POST', '/api/v1/registries/uses', { as: 'motcua', body: { dossierId: id, lookupId: v.body.lookupId }, key: null })).status, 201);
  assert.deepEqual(await registryCodesOf(t.db, id), ['7', '9']);
  // A lookup that found nothing has nothing to use.
  const miss = await call(t, 'POST', V, { as: 'motcua', body: { dossierId: id, purpose: 'Tiếp nhận hồ sơ', subject: { kind: 'birth', number: '1', name: 'X', date: '2026-01-15' } }, key: null });
  const nothing = await call(t, 'POST', '/api/v1/registries/uses', { as: 'motcua', body: { dossierId: id, lookupId: miss.body.lookupId }, key: null });
  assert.equal(nothing.body.code, 'NOTHING_TO_USE');
  // Another unit's specialist cannot use this dossier's lookup.
  assert.equal((await call(t, 'POST', '/api/v1/registries/uses', { as: 'diachinh', body: { dossierId: id, lookupId: v.body.lookupId }, key: null })).status, 404);
});

test('the platform\'s token is required: a wrong secret or no token is refused with a clear error', async () => {
  await assert.rejects(new LgspClient({ url: s.url, clientId: s.clientId, clientSecret: 'sai-khoa' }).call('/dancu/v1/cong-dan/tra-cuu', { soDinhDanh: HONG }, {
    requestId: crypto.randomUUID(), agencyCode: 'X', actor: 'staff:1', actorName: 'A', purpose: 'Tiếp nhận hồ sơ', caseRef: 'X',
  }), (e: unknown) => e instanceof LgspError && e.kind === 'auth');
  const noToken = await fetch(new URL('/dancu/v1/cong-dan/tra-cuu', s.url), { method: 'POST', body: JSON.stringify({ soDinhDanh: HONG }) });
  assert.equal(noToken.status, 401);
  const noPurpose = await new LgspClient(s).call('/dancu/v1/cong-dan/tra-cuu', { soDinhDanh: HONG }, {
    requestId: crypto.randomUUID(), agencyCode: 'X', actor: 'staff:1', actorName: 'A', purpose: '' as 'Tiếp nhận hồ sơ', caseRef: 'X',
  }).then(() => null, (e: unknown) => e);
  assert.ok(noPurpose instanceof LgspError && noPurpose.kind === 'refused', 'the platform refuses a call without a purpose too');
});

test('the administrator\'s log: filtered, paginated, CSV; only the administrator', async () => {
  const all = await call(t, 'GET', '/api/v1/registries/lookups?limit=2', { as: 'admin' });
  assert.equal(all.status, 200, JSON.stringify(all.body));
  assert.equal(all.body.items.length, 2);
  assert.ok(all.body.nextCursor);
  const next = await call(t, 'GET', `/api/v1/registries/lookups?limit=2&cursor=${all.body.nextCursor}`, { as: 'admin' });
  assert.ok(next.body.items.every((i: { id: number }) => i.id < all.body.items[1].id));
  assert.ok(all.body.items.every((i: Record<string, string>) => i.subjectMasked && i.purpose && i.dossierCode && i.staffName && i.requestId));
  const none = await call(t, 'GET', '/api/v1/registries/lookups?from=2026-12-08', { as: 'admin' });
  assert.equal(none.body.items.length, 0);
  assert.equal((await call(t, 'GET', '/api/v1/registries/lookups?from=2026-13-45', { as: 'admin' })).body.code, 'BAD_DATE');
  assert.equal((await call(t, 'GET', '/api/v1/registries/lookups', { as: 'motcua' })).status, 403);
  assert.equal((await call(t, 'GET', '/api/v1/registries/lookups', {})).status, 401);
  assert.equal((await call(t, 'GET', '/api/v1/registries/lookups', { as: 'tl.admin' })).body.items.length, 0, 'another commune sees none of ours');

  const admin = await browserAs(t, 'admin');
  const page = await admin.get('/can-bo/quan-tri/tra-cuu-dan-cu');
  assert.equal(page.status, 200);
  assert.match(text(page.body), /Nhật ký tra cứu dữ liệu dân cư, hộ tịch/);
  assert.match(text(page.body), /Lê Thị Hồng ••••••••4567/);
  assert.ok(!page.body.includes(HONG));
  const csv = await admin.get('/can-bo/quan-tri/tra-cuu-dan-cu?dinh-dang=csv');
  assert.match(csv.body, /Tiếp nhận hồ sơ/);
  assert.ok(!csv.body.includes(HONG));
  const desk = await browserAs(t, 'motcua');
  assert.equal((await desk.get('/can-bo/quan-tri/tra-cuu-dan-cu')).status, 403);
});

test('the counter page: the link on the dossier, a lookup without a purpose refused, the comparison, "Dùng thông tin này"', async () => {
  const id = await dossier();
  const desk = await browserAs(t, 'motcua');
  const dossierPage = await desk.get(`/can-bo/ho-so/${id}`);
  assert.match(dossierPage.body, new RegExp(`href="/can-bo/ho-so/${id}/co-so-du-lieu"`));
  const page = await desk.get(`/can-bo/ho-so/${id}/co-so-du-lieu`);
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`name="idNumber"[^>]*value="${HONG}"`));
  const noPurpose = await desk.submit(page, '/co-so-du-lieu/dan-cu', { idNumber: HONG, purpose: '' });
  assert.equal(noPurpose.status, 400);
  assert.match(text(noPurpose.body), /Chọn mục đích tra cứu/);
  assert.equal((await logOf(id)).length, 0);
  const found = await desk.submit(page, '/co-so-du-lieu/dan-cu', { idNumber: HONG, purpose: 'Tiếp nhận hồ sơ' });
  assert.equal(found.status, 200);
  const body = text(found.body);
  assert.match(body, /Le Thi Hong Lê Thị Hồng Khác dấu/);
  assert.match(body, /Xóm 3, xã Xuân Dương Thôn Đồng Tâm, xã Xuân Dương, tỉnh Thái Nguyên Khác/);
  assert.match(body, /14\/03\/1990/);
  assert.ok(hiddenFields(found.body, '/co-so-du-lieu/dung').fields.seal);
  const done = await desk.submit(found, '/co-so-du-lieu/dung', {});
  assert.equal(done.status, 303, text(done.body).slice(0, 300));
  assert.deepEqual(await registryCodesOf(t.db, id), ['7']);
  const checked = await desk.submit(page, '/co-so-du-lieu/ho-tich', { kind: 'marriage', number: '45', name: 'Phạm Văn Dũng', otherName: 'Hoàng Thị Lan', date: '08/06/2024', purpose: 'Thẩm định hồ sơ' });
  assert.match(text(checked.body), /Khớp với Cơ sở dữ liệu hộ tịch điện tử/);
  const other = await browserAs(t, 'diachinh');
  assert.equal((await other.get(`/can-bo/ho-so/${id}/co-so-du-lieu`)).status, 404);
});
