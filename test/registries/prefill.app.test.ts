// Issue 15, the two parts finished later, against the e-identity and provincial-platform stand-ins:
// (1) the portal e-form pre-filled from the population database: a citizen logged in with e-identity, filing for
//     themselves, sees their residence (and date of birth) "Lấy từ CSDL quốc gia về dân cư"; the lookup is logged with
//     the purpose "Điền sẵn tờ khai" and the citizen as subject, once per draft; the dossier records the use
//     (dossier_registry_uses → DSKetNoiCSDL ['7'], 766 4.5) when the residence filed is still the one pre-filled, not
//     when the citizen typed another, and never for someone else's dossier (nộp thay).
// (2) "Dùng thông tin này" updates the applicant as the logged action update_applicant: the applicant's name and
//     residence and the declaration's requester fields, the history entry (fields + lookup, no values), the indicator
//     facts, the national portal's sync message, the use; only by who holds the dossier, only the applicant's record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { procedureAt } from '../../src/catalogue/store.ts';
import { formPages } from '../../src/web/portal/eform.ts';
import { registryCodesOf } from '../../src/registries/uses-store.ts';
import { STANDIN_LOG_PATH } from '../../src/outside/lgsp-standin.ts';
import { answer, textOf, type Browser } from '../web/portal-support.ts';
import { BINH, HONG, loginAs } from '../identity/citizen-support.ts';
import { browserAs, text } from '../web/staff-browser.ts';
import { birthAnswers, KHAI_SINH } from '../dossiers/birth-declaration.ts';

const t = await testApp({ standIns: ['identity', 'registries'] });
t.setNow('2026-12-07T09:00:00+07:00');
const CODE = '2.000635';
const proc = (await procedureAt(t.db, CODE, new Date('2026-12-07T02:00:00Z')))!;
const HONG_HOME = 'Thôn Đồng Tâm, xã Xuân Dương, tỉnh Thái Nguyên';
const BINH_NOW = 'Số 12 đường Hoàng Văn Thụ, phường Phan Đình Phùng, tỉnh Thái Nguyên';
const s = t.outside.registries;

async function platformCalls(): Promise<{ requestId: string; purpose: string; actor: string; caseRef: string }[]> {
  const r = await fetch(new URL(STANDIN_LOG_PATH, s.url), { headers: { authorization: `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}` } });
  return ((await r.json()) as { calls: [] }).calls;
}
const lookupsOfDraft = (draftId: string) => t.db.selectFrom('registry_lookups').selectAll().where('draft_id', '=', draftId).orderBy('id').execute();
const citizenIdOf = async (idNumber: string) => Number((await t.db.selectFrom('citizens').select('id').where('id_number', '=', idNumber).executeTakeFirstOrThrow()).id);
const usesOf = (dossierId: string) => t.db.selectFrom('dossier_registry_uses').selectAll().where('dossier_id', '=', dossierId).execute();
const factsOf = async (dossierId: string) => (await t.db.selectFrom('indicator_facts').select('counts').where('dossier_id', '=', dossierId).executeTakeFirstOrThrow()).counts;

/** A new draft of CODE for the citizen logged in; returns its base path. */
async function newDraft(b: Browser): Promise<string> {
  await b.get(`/nop-ho-so/${CODE}`);
  const r = await b.post(`/nop-ho-so/${CODE}`);
  assert.equal(r.status, 303, r.body);
  return r.location!.replace('/nguoi-nop', '');
}

/** The rest of the filing after the applicant step: the e-form pages, the papers, check and submit; the dossier id. */
async function fileRest(b: Browser, base: string): Promise<string> {
  for (const p of formPages(proc)) {
    await b.get(`${base}/to-khai/${p.n}`);
    const done = await b.post(`${base}/to-khai/${p.n}`, Object.fromEntries(p.fields.map((f) => [f.name, answer(f)])));
    assert.equal(done.status, 303, textOf(done.body).slice(0, 400));
  }
  await b.get(`${base}/giay-to`);
  assert.equal((await b.post(`${base}/giay-to`)).status, 303);
  await b.get(`${base}/kiem-tra`);
  const sent = await b.post(`${base}/nop`);
  assert.equal(sent.status, 303, textOf(sent.body).slice(0, 400));
  const draft = await t.db.selectFrom('drafts').select('submitted_dossier_id').where('id', '=', base.split('/')[2]!).executeTakeFirstOrThrow();
  return draft.submitted_dossier_id!;
}

test('the applicant step is pre-filled from the population database, logged as the citizen\'s own lookup, and the dossier records the use', async () => {
  const { b } = await loginAs(t, HONG);
  const base = await newDraft(b);
  const draftId = base.split('/')[2]!;
  const before = (await platformCalls()).length;
  const page = await b.get(`${base}/nguoi-nop`);
  assert.equal(page.status, 200);
  assert.match(page.body, new RegExp(`name="address"[^>]*value="${HONG_HOME}"`), 'the residence pre-filled');
  const shown = textOf(page.body);
  assert.match(shown, /Nơi cư trú Lấy từ CSDL quốc gia về dân cư/, 'the hint next to the field');
  assert.match(shown, /Ngày sinh 14\/03\/1990 Lấy từ CSDL quốc gia về dân cư/);

  // Logged: the citizen, the draft, the purpose, the subject masked; the platform saw the same request and purpose.
  const citizenId = await citizenIdOf(HONG.idNumber);
  const log = await lookupsOfDraft(draftId);
  assert.deepEqual(log.map((l) => [l.staff_id, Number(l.citizen_id), l.dossier_id, l.purpose, l.outcome, l.subject_masked, l.subject_name, l.registry]), [
    [null, citizenId, null, 'Điền sẵn tờ khai', 'found', '••••••••4567', 'Lê Thị Hồng', 'population'],
  ]);
  assert.ok(!JSON.stringify(log).includes(HONG.idNumber), 'the ID number is never stored in clear');
  const calls = (await platformCalls()).slice(before);
  assert.deepEqual(calls.map((c) => [c.requestId, c.purpose, c.actor, c.caseRef]), [[log[0]!.request_id, 'Điền sẵn tờ khai', `citizen:${citizenId}`, draftId]]);

  // Coming back to the step: what was filled is kept, no second lookup.
  await b.get(`${base}/nguoi-nop`);
  assert.equal((await lookupsOfDraft(draftId)).length, 1);

  // Kept as filled: the dossier used population data.
  assert.equal((await b.post(`${base}/nguoi-nop`, { address: HONG_HOME, phone: '0912 345 678', email: '' })).status, 303);
  const id = await fileRest(b, base);
  assert.deepEqual((await usesOf(id)).map((u) => [u.registry, u.ma_csdl, Number(u.lookup_id)]), [['population', '7', Number(log[0]!.id)]]);
  assert.deepEqual(await registryCodesOf(t.db, id), ['7']);
  const answers = await t.db.selectFrom('dossier_answers').select('forms').where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.match(JSON.stringify(answers.forms), new RegExp(`"requesterResidence":"${HONG_HOME}"`), 'the declaration\'s requester residence too');
});

test('a residence typed over the pre-fill is the citizen\'s, not the database\'s: no use recorded; someone else\'s dossier is never pre-filled', async () => {
  const { b } = await loginAs(t, BINH);
  const base = await newDraft(b);
  const page = await b.get(`${base}/nguoi-nop`);
  assert.match(page.body, new RegExp(`name="address"[^>]*value="${BINH_NOW}"`), 'where Bình lives now');
  assert.equal((await b.post(`${base}/nguoi-nop`, { address: 'Thôn Nà Ấm, xã Xuân Dương', phone: '0912 345 678', email: '' })).status, 303);
  const back = await b.get(`${base}/nguoi-nop`);
  assert.ok(!textOf(back.body).includes('Nơi cư trú Lấy từ CSDL'), 'no hint next to what they typed');
  const id = await fileRest(b, base);
  assert.deepEqual(await usesOf(id), []);

  // Filing for someone else: their fields are typed, nothing is looked up.
  const other = await newDraft(b);
  const calls = (await platformCalls()).length;
  const onBehalf = await b.get(`${other}/nguoi-nop?nop-thay=co`);
  assert.equal(onBehalf.status, 200);
  assert.ok(!textOf(onBehalf.body).includes('Lấy từ CSDL'));
  assert.equal((await platformCalls()).length, calls);
  assert.equal((await lookupsOfDraft(other.split('/')[2]!)).length, 0);
});

// ── "Dùng thông tin này" ────────────────────────────────────────────────────────────────────────────────────

const P = '/api/v1/registries/population/lookup';
const USES = '/api/v1/registries/uses';

/** A birth dossier received at the counter; the applicant typed without diacritics and with another address. */
async function counterDossier(): Promise<string> {
  const d = await call(t, 'POST', '/api/v1/dossiers', {
    as: 'motcua',
    body: { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Le Thi Hong', idNumber: HONG.idNumber, address: 'Xóm 3, xã Xuân Dương' }), answers: birthAnswers() },
  });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  return d.body.id as string;
}
const lookup = async (id: string, as = 'motcua', idNumber = HONG.idNumber) => {
  const r = await call(t, 'POST', P, { as, body: { dossierId: id, purpose: 'Kiểm tra thông tin người nộp', subject: { idNumber } }, key: null });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { lookupId: number; record: object; seal: string };
};
const dossierRow = (id: string) => t.db.selectFrom('dossiers').select(['applicant_name', 'applicant', 'event_count', 'code']).where('id', '=', id).executeTakeFirstOrThrow();

test('the record used updates the applicant as a logged action: name, residence, declaration, history, facts, sync, the use', async () => {
  const id = await counterDossier();
  const r = await lookup(id);
  const before = await dossierRow(id);
  const syncBefore = (await t.db.selectFrom('sync_messages').select('id').where('dossier_id', '=', id).execute()).length;
  const used = await call(t, 'POST', USES, { as: 'motcua', body: { dossierId: id, lookupId: r.lookupId, record: r.record, seal: r.seal }, key: null });
  assert.equal(used.status, 201, JSON.stringify(used.body));
  assert.deepEqual(used.body, { registry: 'population', maCsdl: '7', changed: ['Họ, chữ đệm và tên', 'Nơi cư trú'] });

  const after = await dossierRow(id);
  assert.equal(after.applicant_name, 'Lê Thị Hồng');
  assert.equal((after.applicant as { address: string }).address, HONG_HOME);
  assert.equal((after.applicant as { phone: string }).phone, (before.applicant as { phone: string }).phone, 'the rest of the applicant kept');
  assert.equal(after.event_count, before.event_count + 1);

  const view = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' });
  assert.equal(view.body.state, 2, 'no state change');
  const history = await call(t, 'GET', `/api/v1/dossiers/${id}/history`, { as: 'motcua' });
  assert.equal(history.body.intact, true);
  const last = history.body.events.at(-1);
  assert.equal(last.action, 'update_applicant');
  assert.deepEqual([last.payload.fields, last.payload.lookupId, last.payload.revision], [['Họ, chữ đệm và tên', 'Nơi cư trú'], r.lookupId, 2]);
  assert.ok(!JSON.stringify(last).includes('Thôn Đồng Tâm'), 'the values stay out of the log');
  const revisions = await t.db.selectFrom('dossier_answers').select(['revision', 'source', 'reason', 'forms']).where('dossier_id', '=', id).orderBy('revision').execute();
  assert.deepEqual(revisions.map((x) => [x.revision, x.source]), [[1, 'counter'], [2, 'correction']]);
  assert.match(JSON.stringify(revisions[1]!.forms), /"requesterFullName":"Lê Thị Hồng"/);
  assert.match(JSON.stringify(revisions[0]!.forms), /"requesterFullName":"Le Thi Hong"/, 'the declaration as filed is kept');

  assert.deepEqual(await registryCodesOf(t.db, id), ['7']);
  assert.ok((await factsOf(id)).includes('eid'), '766 4.5: population data used');
  const sync = await t.db.selectFrom('sync_messages').select(['event_seq']).where('dossier_id', '=', id).orderBy('id').execute();
  assert.equal(sync.length, syncBefore + 1, 'a dossier change: the national portal gets an update');
  assert.equal(sync.at(-1)!.event_seq, after.event_count);

  // The staff dossier page shows the entry.
  const page = await (await browserAs(t, 'motcua')).get(`/can-bo/ho-so/${id}`);
  assert.match(text(page.body), /Cập nhật thông tin người nộp theo Cơ sở dữ liệu quốc gia về dân cư/);

  // Used again: nothing differs any more, no second entry; the use stays the first one.
  const again = await lookup(id);
  const twice = await call(t, 'POST', USES, { as: 'motcua', body: { dossierId: id, lookupId: again.lookupId, record: again.record, seal: again.seal }, key: null });
  assert.deepEqual([twice.status, twice.body.changed], [201, []]);
  assert.equal((await dossierRow(id)).event_count, after.event_count);
});

test('only who holds the dossier updates it, only with the applicant\'s own record; a refusal writes nothing', async () => {
  const id = await counterDossier();
  const r = await lookup(id);
  // Routed to the civil-status specialist: the desk no longer holds it.
  const assigned = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/assign`, { as: 'motcua', body: { unitCode: 'VHXH' } });
  assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
  const before = await dossierRow(id);
  const desk = await call(t, 'POST', USES, { as: 'motcua', body: { dossierId: id, lookupId: r.lookupId, record: r.record, seal: r.seal }, key: null });
  assert.deepEqual([desk.status, desk.body.code], [403, 'ONLY_AT_DESK']);
  assert.deepEqual(await dossierRow(id), before);
  assert.deepEqual(await usesOf(id), [], 'nothing recorded either: one transaction');
  // Another unit does not see the dossier; an anonymous caller is refused.
  assert.equal((await call(t, 'POST', USES, { as: 'diachinh', body: { dossierId: id, lookupId: r.lookupId, record: r.record, seal: r.seal }, key: null })).status, 404);
  assert.equal((await call(t, 'POST', USES, { body: { dossierId: id, lookupId: r.lookupId }, key: null })).status, 401);
  // The head of the unit holding it may.
  const mine = await lookup(id, 'truongvhxh');
  const head = await call(t, 'POST', USES, { as: 'truongvhxh', body: { dossierId: id, lookupId: mine.lookupId, record: mine.record, seal: mine.seal }, key: null });
  assert.equal(head.status, 201, JSON.stringify(head.body));
  assert.equal((await dossierRow(id)).applicant_name, 'Lê Thị Hồng');

  // Another person's record (sealed, but not the applicant's) never replaces the applicant.
  const other = await counterDossier();
  const binh = await lookup(other, 'motcua', BINH.idNumber);
  const wrong = await call(t, 'POST', USES, { as: 'motcua', body: { dossierId: other, lookupId: binh.lookupId, record: binh.record, seal: binh.seal }, key: null });
  assert.deepEqual([wrong.status, wrong.body.code], [422, 'NOT_THE_APPLICANT']);
  assert.equal((await dossierRow(other)).applicant_name, 'Le Thi Hong');
});

test('the counter page\'s "Dùng thông tin này" updates the applicant and says so', async () => {
  const id = await counterDossier();
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get(`/can-bo/ho-so/${id}/co-so-du-lieu`);
  const found = await desk.submit(page, '/co-so-du-lieu/dan-cu', { idNumber: HONG.idNumber, purpose: 'Tiếp nhận hồ sơ' });
  assert.match(text(found.body), /Họ tên và nơi cư trú của người nộp trong hồ sơ được cập nhật/);
  const done = await desk.submit(found, '/co-so-du-lieu/dung', {});
  assert.equal(done.status, 303);
  assert.equal(done.location, `/can-bo/ho-so/${id}?ok=update_applicant`);
  const shown = text((await desk.get(done.location!)).body);
  assert.match(shown, /Đã thực hiện: Cập nhật thông tin người nộp theo Cơ sở dữ liệu quốc gia về dân cư/);
  assert.match(shown, /Lê Thị Hồng/);
  assert.equal((await dossierRow(id)).applicant_name, 'Lê Thị Hồng');
});
