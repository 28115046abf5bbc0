// "Việc cần làm": each officer's inbox opens on what waits for them by role (to receive, process, sign, return),
// with a count per group, scoped to what they may see (never another commune's dossiers); each group pages alone;
// "Tất cả hồ sơ" keeps the filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { Browser, browserAs, text } from './staff-browser.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';

async function staffId(username: string) {
  return String((await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id);
}

async function intake(as = 'motcua', name = 'Nguyễn Văn An') {
  const r = await call(t, 'POST', '/api/v1/dossiers', { as, body: { procedureCode: KHAI_SINH, applicant: applicant({ name }) } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

async function act(id: string, type: string, as: string, body: object = {}) {
  const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
  assert.ok(r.status < 300, `${type} by ${as}: ${r.status} ${JSON.stringify(r.body)}`);
}

const ids = (html: string) => [...new Set([...html.matchAll(/href="\/can-bo\/ho-so\/([0-9a-f-]{36})"/g)].map((m) => m[1]!))];

/** The dossiers listed under a group's heading on the overview, and the heading's text. */
function group(html: string, slug: string): { heading: string; ids: string[] } | null {
  const m = new RegExp(`<section aria-labelledby="viec-${slug}"[^>]*>([\\s\\S]*?)</section>`).exec(html);
  if (!m) return null;
  return { heading: text(/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(m[1]!)![1]!).trim(), ids: ids(m[1]!) };
}

const sorted = (a: string[]) => [...a].sort();

test('each officer opens on what waits for them: to receive, process, sign, return, with counts', async () => {
  t.setNow('2026-11-25T08:00:00+07:00');
  const online1 = (await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Lê Văn Một' }) })).body.id as string;
  t.setNow('2026-11-25T08:30:00+07:00');
  const online2 = (await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant({ name: 'Lê Văn Hai' }) })).body.id as string;
  const elsewhere = (await fileOnline(t, { procedureCode: KHAI_SINH, communeId: 'tan-lap', applicant: applicant({ name: 'Người Xã Khác' }) })).body.id as string;
  assert.ok(online1 && online2 && elsewhere);
  const elsewhereCounter = await intake('tl.motcua', 'Người Xã Khác');

  t.setNow('2026-11-25T09:00:00+07:00');
  const hotich = await staffId('hotich');
  const atDesk = await intake(); // received, not routed yet: the desk's to process (route it)
  const mine = await intake();
  await act(mine, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: hotich });
  const unitOnly = await intake();
  await act(unitOnly, 'assign', 'motcua', { unitCode: 'VHXH' });
  const toSign = await intake();
  await act(toSign, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: hotich });
  await act(toSign, 'propose_result', 'hotich', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện, đề nghị đăng ký khai sinh' });
  const chutich = await staffId('chutich');
  await act(toSign, 'submit_for_signature', 'hotich', { signerId: chutich });
  const proposedOnly = await intake(); // proposed, not yet submitted: still the specialist's work
  await act(proposedOnly, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: hotich });
  await act(proposedOnly, 'propose_result', 'hotich', { proposalOutcome: 'approve', proposalText: 'Đề nghị đăng ký khai sinh' });
  const otherUnit = await intake();
  await act(otherUnit, 'assign', 'motcua', { unitCode: 'KT', assigneeId: await staffId('diachinh') });

  // The receiving desk: new online dossiers first, then what it must route, then results to return.
  const desk = await browserAs(t, 'motcua');
  const home = await desk.get('/can-bo/ho-so');
  assert.equal(home.status, 200);
  assert.match(home.body, /<h1>Việc cần làm<\/h1>/);
  const receive = group(home.body, 'tiep-nhan')!;
  assert.equal(receive.heading, 'Chờ tiếp nhận (2)');
  assert.deepEqual(receive.ids, [online1, online2], 'by receipt deadline: the earliest first');
  assert.deepEqual(group(home.body, 'xu-ly')?.ids, [atDesk]);
  assert.equal(group(home.body, 'xu-ly')?.heading, 'Chờ xử lý (1)');
  assert.equal(group(home.body, 'tra-ket-qua')?.heading, 'Chờ trả kết quả (0)');
  assert.equal(group(home.body, 'ky'), null, 'the desk signs nothing');
  for (const other of [elsewhere, elsewhereCounter]) assert.ok(!home.body.includes(other), "another commune's dossier never appears");
  assert.ok(!text(home.body).includes('Người Xã Khác'));
  assert.match(text(home.body), /Việc cần làm \(3\)/);
  assert.match(home.body, /href="\/can-bo\/ho-so\?xem=tat-ca"[^>]*>Tất cả hồ sơ</);

  // The specialist: assigned to them, or at their unit with no one assigned; not another unit's.
  const specialist = await browserAs(t, 'hotich');
  const sp = await specialist.get('/can-bo/ho-so');
  assert.deepEqual(sorted(group(sp.body, 'xu-ly')!.ids), sorted([mine, unitOnly, proposedOnly]), 'not the one awaiting a signature');
  assert.equal(group(sp.body, 'xu-ly')!.heading, 'Chờ xử lý (3)');
  assert.equal(group(sp.body, 'tiep-nhan'), null);
  assert.equal(group(sp.body, 'ky'), null);
  assert.ok(!sp.body.includes(otherUnit) && !sp.body.includes(atDesk));

  // The chair: the proposal submitted for their signature, and nothing else (not the one not yet submitted).
  const chair = await browserAs(t, 'chutich');
  const ch = await chair.get('/can-bo/ho-so');
  assert.deepEqual(group(ch.body, 'ky')?.ids, [toSign]);
  assert.equal(group(ch.body, 'ky')?.heading, 'Chờ ký (1)');
  assert.equal(group(ch.body, 'xu-ly'), null);
  assert.deepEqual(ids(ch.body), [toSign]);
  // Another signer (the unit head) was not asked.
  assert.deepEqual(group((await (await browserAs(t, 'truongvhxh')).get('/can-bo/ho-so')).body, 'ky')?.ids, []);

  // Sent back with a comment: back in the specialist's list; submitted again: back in the chair's.
  await act(toSign, 'send_back', 'chutich', { reason: 'Ghi rõ nơi sinh theo giấy chứng sinh' });
  assert.deepEqual(group((await chair.get('/can-bo/ho-so')).body, 'ky')?.ids, []);
  assert.ok(group((await specialist.get('/can-bo/ho-so')).body, 'xu-ly')!.ids.includes(toSign), 'sent back: to process again');
  await act(toSign, 'propose_result', 'hotich', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện; nơi sinh: Trạm y tế xã' });
  await act(toSign, 'submit_for_signature', 'hotich', { signerId: chutich });

  // Approved (signed) and issued: the chair's list empties, the desk has a result to return.
  t.setNow('2026-11-25T10:00:00+07:00');
  await act(toSign, 'approve', 'chutich');
  await act(toSign, 'issue_result', 'hotich');
  assert.equal(group((await chair.get('/can-bo/ho-so')).body, 'ky')?.heading, 'Chờ ký (0)');
  const after = await desk.get('/can-bo/ho-so');
  assert.deepEqual(group(after.body, 'tra-ket-qua')?.ids, [toSign]);
  assert.equal(group(after.body, 'tra-ket-qua')?.heading, 'Chờ trả kết quả (1)');
  assert.ok(!group((await specialist.get('/can-bo/ho-so')).body, 'xu-ly')!.ids.includes(toSign), 'processed: no longer to process');
  t.setNow(null);
});

test('one group pages alone with keyset links; "Tất cả hồ sơ" keeps the filters; roles without work open on every dossier', async () => {
  const desk = await browserAs(t, 'motcua');
  const first = await desk.get('/can-bo/ho-so?viec=tiep-nhan');
  assert.match(first.body, /<h1>Chờ tiếp nhận<\/h1>/);
  assert.match(first.body, /aria-current="page"[^>]*>Chờ tiếp nhận \(\d+\)/);
  const counts = Number(/Chờ tiếp nhận \((\d+)\)/.exec(text(first.body))![1]);
  assert.ok(counts >= 2, 'the two submissions of the first test');
  const seen = ids(first.body);
  assert.equal(seen.length, counts);

  const all = await desk.get('/can-bo/ho-so?xem=tat-ca');
  assert.match(all.body, /<h1>Hồ sơ<\/h1>/);
  assert.match(all.body, /<form method="get" action="\/can-bo\/ho-so" class="filters">[\s\S]*name="xem" value="tat-ca"/);
  assert.match(all.body, /href="\/can-bo\/ho-so\?state=4"/);
  assert.ok(ids(all.body).length > counts, 'every open dossier of the commune');
  const filtered = await desk.get('/can-bo/ho-so?state=1');
  assert.deepEqual(sorted(ids(filtered.body)), sorted(seen), 'a filter opens the full list');

  // A group the caller has no part in falls back to their overview; an administrator (no work) opens on every dossier.
  const chair = await browserAs(t, 'chutich');
  assert.match((await chair.get('/can-bo/ho-so?viec=tiep-nhan')).body, /<h1>Việc cần làm<\/h1>/);
  const admin = await browserAs(t, 'admin');
  assert.match((await admin.get('/can-bo/ho-so')).body, /<h1>Hồ sơ<\/h1>/);
  assert.equal((await desk.get('/can-bo/ho-so?viec=tiep-nhan&cursor=garbage')).status, 400);
  // Anonymous: to the login page, back to the same group after.
  const anon = await new Browser(t).get('/can-bo/ho-so?viec=ky');
  assert.equal(anon.status, 303);
  assert.equal(anon.location, `/can-bo/dang-nhap?next=${encodeURIComponent('/can-bo/ho-so?viec=ky')}`);
});

test('a group of more rows than the overview shows links to its own keyset pages, which neither skip nor repeat', async () => {
  t.setNow('2026-11-26T08:00:00+07:00');
  const made: string[] = [];
  for (let i = 0; i < 12; i++) made.push(await intake('motcua', `Người Thứ ${i}`));
  const desk: Browser = await browserAs(t, 'motcua');
  const home = await desk.get('/can-bo/ho-so');
  const process = group(home.body, 'xu-ly')!;
  const total = Number(/\((\d+)\)/.exec(process.heading)![1]);
  assert.ok(total >= 13);
  assert.equal(process.ids.length, 10, 'the overview shows the first rows');
  const more = /<a href="(\/can-bo\/ho-so\?viec=xu-ly&amp;cursor=[^"]+)"[^>]*rel="next"/.exec(home.body);
  assert.ok(more, 'a link to the rest');
  const rest = await desk.get(more[1]!.replace(/&amp;/g, '&'));
  assert.equal(rest.status, 200);
  const all = [...process.ids, ...ids(rest.body)];
  assert.equal(new Set(all).size, all.length, 'no repeats');
  assert.equal(all.length, total, 'nothing skipped');
  for (const id of made) assert.ok(all.includes(id));
  t.setNow(null);
});
