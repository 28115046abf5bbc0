// The dossier page: only the actions allowed now, a whole path through the forms, errors shown with the
// typed values kept, scans uploaded per component.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { applicant, call } from '../support/http.ts';
import { fileOnline } from '../identity/citizen-support.ts';
import { browserAs, formHtml, hiddenFields, requiredPapers, text, type Browser, type Page } from './staff-browser.ts';

const t = await testApp();
const KHAI_SINH = '1.001193';

async function staffId(username: string) {
  return (await t.db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

const actionsOn = (html: string) => [...html.matchAll(/action="\/can-bo\/ho-so\/[0-9a-f-]{36}\/thao-tac\/([a-z_]+)"/g)].map((m) => m[1]!);

/** Opens the dossier page, submits the action's form with `fields`, and returns the response. */
async function act(b: Browser, id: string, action: string, fields: Record<string, string> = {}): Promise<Page> {
  const page = await b.get(`/can-bo/ho-so/${id}`);
  assert.equal(page.status, 200);
  return b.submit(page, `/thao-tac/${action}`, fields);
}

async function done(b: Browser, id: string, action: string, fields: Record<string, string> = {}): Promise<Page> {
  const r = await act(b, id, action, fields);
  assert.equal(r.status, 303, `${action}: ${text(r.body).slice(0, 600)}`);
  assert.equal(r.location, `/can-bo/ho-so/${id}?ok=${action}`);
  const page = await b.get(r.location!);
  assert.equal(page.status, 200);
  assert.match(text(page.body), /Đã thực hiện: /);
  return page;
}

test('the page shows only the allowed actions, each with the fields it needs', async () => {
  t.setNow('2026-11-25T08:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  const id = d.body.id as string;
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get(`/can-bo/ho-so/${id}`);
  assert.equal(page.status, 200);
  const deskActions = actionsOn(page.body);
  assert.ok(deskActions.includes('assign') && deskActions.includes('request_supplement') && deskActions.includes('withdraw'), deskActions.join());
  assert.ok(!deskActions.includes('receive_online') && !deskActions.includes('approve'), deskActions.join());
  // Legends are the actions' labels; the assign form has the unit and officer selects.
  assert.match(formHtml(page.body, '/thao-tac/assign'), /<legend>Chuyển hồ sơ đến đơn vị, cán bộ xử lý<\/legend>/);
  assert.match(formHtml(page.body, '/thao-tac/assign'), /<select id="assign-unitCode" name="unitCode"/);
  assert.match(formHtml(page.body, '/thao-tac/request_supplement'), /<textarea id="request_supplement-items" name="items"/);
  assert.match(text(page.body), /Người nộp Nguyễn Văn An/);
  assert.match(text(page.body), /Số định danh cá nhân 001203004567/);
  assert.ok(page.body.includes(`/api/v1/dossiers/${id}/documents/receipt`));
  assert.ok(page.body.includes(`/api/v1/dossiers/${id}/documents/control-sheet`));
  assert.ok(page.body.includes(`/can-bo/thu-phi?ma=${encodeURIComponent(d.body.code)}`), 'the desk can collect fees from the dossier page');

  // An online submission: the desk may receive it; a specialist never sees it.
  const s = await fileOnline(t, { procedureCode: KHAI_SINH, applicant: applicant() });
  const online = await desk.get(`/can-bo/ho-so/${s.body.id}`);
  assert.ok(actionsOn(online.body).includes('receive_online'));

  await done(desk, id, 'assign', { unitCode: 'VHXH', assigneeId: String(await staffId('hotich')) });
  const specialist = await browserAs(t, 'hotich');
  const sp = await specialist.get(`/can-bo/ho-so/${id}`);
  const spActions = actionsOn(sp.body);
  assert.ok(!sp.body.includes('/can-bo/thu-phi'), 'a specialist does not collect fees');
  assert.ok(spActions.includes('request_supplement'), spActions.join());
  assert.ok(spActions.includes('propose_result'));
  assert.ok(!spActions.includes('receive_online') && !spActions.includes('approve') && !spActions.includes('return_result'), spActions.join());
  assert.equal((await specialist.get(`/can-bo/ho-so/${s.body.id}`)).status, 404);
  t.setNow(null);
});

test('a whole path through the forms: assign → supplement → provided → propose → submit for signature → approve → issue → return', async () => {
  t.setNow('2026-11-27T08:00:00+07:00');
  const desk = await browserAs(t, 'motcua');
  const form = await desk.get('/can-bo/tiep-nhan');
  const created = await desk.submit(form, '/can-bo/tiep-nhan', { procedureCode: KHAI_SINH, ...requiredPapers(KHAI_SINH), name: 'Trương Thị Mai', idNumber: '001203001111', action: 'receive_counter' });
  assert.equal(created.status, 303);
  const id = /\/can-bo\/ho-so\/([0-9a-f-]{36})/.exec(created.location!)![1]!;

  t.setNow('2026-11-27T08:30:00+07:00');
  await done(desk, id, 'assign', { unitCode: 'VHXH', assigneeId: String(await staffId('hotich')) });

  t.setNow('2026-11-27T09:00:00+07:00');
  const specialist = await browserAs(t, 'hotich');
  const sup = await done(specialist, id, 'request_supplement', { items: 'Giấy chứng sinh bản chính\r\n\r\n  Bản sao căn cước của cha  \r\n', reason: 'Thiếu giấy chứng sinh' });
  assert.match(sup.body, /<li>Giấy chứng sinh bản chính<\/li><li>Bản sao căn cước của cha<\/li>/, 'one item per line');
  assert.ok(sup.body.includes(`/api/v1/dossiers/${id}/documents/supplement-request`));
  assert.match(text(sup.body), /Yêu cầu bổ sung giấy tờ/);
  const ev = await t.db.selectFrom('dossier_events').select('payload').where('dossier_id', '=', id).where('action', '=', 'request_supplement').executeTakeFirstOrThrow();
  assert.deepEqual((ev.payload as { items: string[] }).items, ['Giấy chứng sinh bản chính', 'Bản sao căn cước của cha']);

  t.setNow('2026-12-01T09:00:00+07:00');
  await done(desk, id, 'supplement_provided');

  t.setNow('2026-12-01T10:00:00+07:00');
  await done(specialist, id, 'propose_result', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện, đề nghị đăng ký khai sinh' });
  await done(specialist, id, 'submit_for_signature', { signerId: String(await staffId('chutich')) });
  const leader = await browserAs(t, 'chutich');
  await done(leader, id, 'approve');
  await done(specialist, id, 'issue_result');

  t.setNow('2026-12-01T14:00:00+07:00');
  const last = await done(desk, id, 'return_result', { channel: 'counter' });
  assert.match(text(last.body), /Đã trả kết quả/);
  assert.deepEqual(actionsOn(last.body), [], 'after return no actions');
  assert.match(text(last.body), /Hồ sơ đã kết thúc, không còn thao tác nào/);
  // The timeline: who, when, what, and the verdict at each hand-over.
  const timeline = text(last.body.slice(last.body.indexOf('<ol class="timeline">')));
  for (const label of ['Tiếp nhận hồ sơ trực tiếp', 'Chuyển hồ sơ đến đơn vị, cán bộ xử lý', 'Yêu cầu bổ sung, hoàn thiện hồ sơ', 'Tiếp nhận hồ sơ bổ sung',
    'Đề xuất kết quả giải quyết', 'Trình ký', 'Phê duyệt và ký số', 'Ban hành kết quả giải quyết', 'Trả kết quả']) {
    assert.ok(timeline.includes(label), label);
  }
  assert.match(timeline, /Trần Văn Minh — Chuyên viên, Phòng Văn hóa - Xã hội/);
  assert.match(timeline, /Hoàng Văn Nam — Lãnh đạo Ủy ban nhân dân/);
  assert.match(timeline, /Giao: Trung tâm Phục vụ hành chính công · Nhận: Phòng Văn hóa - Xã hội \(Trần Văn Minh\) · Kết quả bàn giao: (Trước hạn|Đúng hạn|Quá hạn)/);
  assert.match(timeline, /08:30 ngày 27\/11\/2026/);
  assert.match(timeline, /Hình thức trả Trả tại Bộ phận Một cửa/);
  const api = await call(t, 'GET', `/api/v1/dossiers/${id}`, { as: 'motcua' });
  assert.equal(api.body.state, 10);
  t.setNow(null);
});

test('an action error shows the error summary and keeps the typed values', async () => {
  t.setNow('2026-11-30T08:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  const id = d.body.id as string;
  const desk = await browserAs(t, 'motcua');
  // A required field left empty.
  const empty = await act(desk, id, 'request_supplement', { items: ' \r\n ', reason: 'Thiếu giấy tờ' });
  assert.equal(empty.status, 422);
  assert.match(empty.body, /class="error-summary"/);
  assert.match(empty.body, /href="#request_supplement-items">Thiếu thông tin bắt buộc: Danh mục giấy tờ, nội dung cần bổ sung\./);
  assert.match(formHtml(empty.body, '/thao-tac/request_supplement'), /Thiếu giấy tờ<\/textarea>/);
  assert.match(empty.body, /<details class="more-actions" open[^>]*>/, 'the folded form with the error is unfolded');

  t.setNow('2026-11-30T08:30:00+07:00');
  await done(desk, id, 'request_supplement', { items: 'Tờ khai', reason: 'Lần một' });
  t.setNow('2026-11-30T09:00:00+07:00');
  await done(desk, id, 'supplement_provided');
  // A second supplement request after receipt is refused by the state table (QĐ 766).
  const again = await act(desk, id, 'request_supplement', { items: 'Bản sao sổ hộ khẩu\nẢnh 4x6', reason: 'Lý do gõ lần hai' });
  assert.equal(again.status, 409);
  assert.match(again.body, /class="error-summary"/);
  assert.match(text(again.body), /không được yêu cầu bổ sung lần thứ hai/);
  const kept = formHtml(again.body, '/thao-tac/request_supplement');
  assert.match(kept, /Lý do gõ lần hai<\/textarea>/, 'the typed reason is kept');
  assert.match(kept, /Bản sao sổ hộ khẩu\nẢnh 4x6<\/textarea>/, 'the typed items are kept');
  assert.equal((await t.db.selectFrom('dossier_events').select('seq').where('dossier_id', '=', id).execute()).length, 3);

  // An action the user may not take is refused with the service's message.
  const specialist = await browserAs(t, 'hotich');
  assert.equal((await specialist.get(`/can-bo/ho-so/${id}`)).status, 404, 'not routed to the specialist unit');
  const page = await desk.get(`/can-bo/ho-so/${id}`);
  const { fields } = hiddenFields(page.body, '/thao-tac/assign');
  const approve = await desk.post(`/can-bo/ho-so/${id}/thao-tac/approve`, fields);
  assert.equal(approve.status, 403);
  assert.match(text(approve.body), /không được phép thực hiện thao tác “Phê duyệt và ký số”/);
  t.setNow(null);
});

test('a scan is uploaded per component and listed with a link to the file', async () => {
  t.setNow('2026-12-02T08:00:00+07:00');
  const d = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } });
  const id = d.body.id as string;
  const desk = await browserAs(t, 'motcua');
  const page = await desk.get(`/can-bo/ho-so/${id}`);
  const form = hiddenFields(page.body, `/can-bo/ho-so/${id}/tep?`);
  const pdf = Buffer.from('%PDF-1.4\n% scan\n');
  const up = await desk.upload(form.action, 'bản quét tờ khai.pdf', pdf);
  assert.equal(up.status, 303, text(up.body).slice(0, 500));
  const component = new URL(form.action, 'http://x').searchParams.get('component');
  assert.equal(up.location, `/can-bo/ho-so/${id}?ok=upload&tp=${component}#tp-${component}`);
  const again = await desk.upload(form.action, 'bản quét tờ khai.pdf', pdf);
  assert.equal(again.location, up.location, 'a repeated upload of the same form replays');
  const files = await t.db.selectFrom('dossier_files').select(['id', 'component_code', 'digitised']).where('dossier_id', '=', id).execute();
  assert.equal(files.length, 1);
  assert.equal(files[0]!.component_code, component);
  const shown = await desk.get(up.location!);
  assert.ok(shown.body.includes(`/api/v1/dossiers/${id}/files/${files[0]!.id}`));
  assert.match(text(shown.body), /Đã đính kèm tệp/);
  const download = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${files[0]!.id}`, headers: { cookie: `xaso_sid=${desk.jar.get('xaso_sid')}` } });
  assert.equal(download.statusCode, 200);
  assert.match(String(download.headers['content-disposition']), /^attachment; /);
  assert.ok(shown.body.includes(`/api/v1/dossiers/${id}/files/${files[0]!.id}?view=true`), 'a preview link');
  const view = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${files[0]!.id}?view=true`, headers: { cookie: `xaso_sid=${desk.jar.get('xaso_sid')}` } });
  assert.equal(view.statusCode, 200);
  assert.match(String(view.headers['content-disposition']), /^inline; /);
  assert.match(String(view.headers['content-security-policy']), /^sandbox/);

  // Not a PDF or an image: refused with the message on the page; without the token in the URL: 403.
  const fresh = hiddenFields((await desk.get(`/can-bo/ho-so/${id}`)).body, `/can-bo/ho-so/${id}/tep?`);
  const bad = await desk.upload(fresh.action, 'virus.exe', Buffer.from('MZ not a pdf'));
  assert.equal(bad.status, 415);
  assert.match(text(bad.body), /Chỉ nhận tệp PDF, JPEG hoặc PNG/);
  const noToken = await desk.upload(fresh.action.replace(/&_csrf=[^&]*/, ''), 'a.pdf', pdf);
  assert.equal(noToken.status, 403);
  t.setNow(null);
});

/** Where in the page a form, a section or the "Thao tác khác" fold starts (-1 if absent). */
const at = (html: string, s: string) => html.indexOf(s);
const formAt = (html: string, action: string) => html.search(new RegExp(`<form[^>]*action="[^"]*/thao-tac/${action}"`));
/** The actions folded under "Thao tác khác". */
const folded = (html: string) => actionsOn(/<details class="more-actions"[^>]*>([\s\S]*?)<\/details>/.exec(html)?.[1] ?? '');

test('the page leads with what the caller can do now: the primary action near the top, the others folded', async () => {
  t.setNow('2026-12-03T08:00:00+07:00');
  const id = (await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant() } })).body.id as string;
  const desk = await browserAs(t, 'motcua');
  const d = (await desk.get(`/can-bo/ho-so/${id}`)).body;
  // The desk: route it (primary, open, before the timeline); the actions that end the dossier folded, last.
  assert.ok(formAt(d, 'assign') > 0 && formAt(d, 'assign') < at(d, '<details class="more-actions"'), 'assign first, open');
  assert.ok(formAt(d, 'assign') < at(d, 'id="timeline-title"') && formAt(d, 'assign') < at(d, 'id="components-title"'));
  assert.match(d, /<summary>Thao tác khác \(\d+\)<\/summary>/);
  const deskFolded = folded(d);
  assert.ok(deskFolded.includes('withdraw') && deskFolded.includes('stop_processing') && deskFolded.includes('request_supplement'), deskFolded.join());
  assert.ok(!deskFolded.includes('assign'));
  assert.match(text(d), /Phí, lệ phí:/, 'the desk sees where the fees stand');
  assert.deepEqual(deskFolded.slice(-2).sort(), ['stop_processing', 'withdraw'], 'ending actions last');
  // The assignee list: grouped by unit, each officer with their roles.
  const assign = formHtml(d, '/thao-tac/assign');
  assert.match(assign, /<optgroup label="Phòng Văn hóa - Xã hội \(VHXH\)">[\s\S]*?Trần Văn Minh — Chuyên viên/);
  await done(desk, id, 'assign', { unitCode: 'VHXH', assigneeId: String(await staffId('hotich')) });

  // The specialist before a proposal: propose first; never "Ban hành kết quả" before the approval.
  const specialist = await browserAs(t, 'hotich');
  let sp = (await specialist.get(`/can-bo/ho-so/${id}`)).body;
  assert.ok(formAt(sp, 'propose_result') > 0 && formAt(sp, 'propose_result') < at(sp, '<details'), 'propose first');
  assert.ok(!actionsOn(sp).includes('issue_result') && !actionsOn(sp).includes('approve'), actionsOn(sp).join());
  assert.ok(!actionsOn(sp).includes('submit_for_signature'), 'nothing to submit yet');
  t.setNow('2026-12-03T09:00:00+07:00');
  sp = (await done(specialist, id, 'propose_result', { proposalOutcome: 'approve', proposalText: 'Đủ điều kiện, đề nghị đăng ký khai sinh cho cháu Lê Minh Khôi' })).body;
  // Then: the proposal shown, "Trình ký" first (to a signer chosen from the leaders and unit heads), still no "Ban hành".
  assert.match(text(sp), /Đề xuất kết quả giải quyết Chưa trình ký Hướng giải quyết Giải quyết \(cấp kết quả\) Nội dung đề xuất Đủ điều kiện, đề nghị đăng ký khai sinh cho cháu Lê Minh Khôi Người đề xuất Trần Văn Minh \(Chuyên viên\), lúc 09:00 ngày 03\/12\/2026/);
  assert.ok(at(sp, 'id="proposal-title"') < formAt(sp, 'submit_for_signature'));
  assert.ok(formAt(sp, 'submit_for_signature') < at(sp, '<details'), 'submit for signature is the primary step now');
  assert.ok(folded(sp).includes('propose_result'), 'revising the proposal stays possible, folded');
  assert.ok(!actionsOn(sp).includes('issue_result'));
  assert.match(formHtml(sp, '/thao-tac/submit_for_signature'), /Hoàng Văn Nam — Lãnh đạo/);
  sp = (await done(specialist, id, 'submit_for_signature', { signerId: String(await staffId('chutich')) })).body;
  assert.match(text(sp), /Đang chờ ký[\s\S]*Trình ký Hoàng Văn Nam, trình lúc 09:00 ngày 03\/12\/2026 bởi Trần Văn Minh \(Chuyên viên\)/);
  assert.ok(!actionsOn(sp).includes('issue_result') && !actionsOn(sp).includes('propose_result'), actionsOn(sp).join());

  // The signer: the proposal, then "Phê duyệt và ký số" and "Trả lại" with a comment, before anything else.
  const chair = await browserAs(t, 'chutich');
  const ch = (await chair.get(`/can-bo/ho-so/${id}`)).body;
  const approveAt = formAt(ch, 'approve');
  const backAt = formAt(ch, 'send_back');
  assert.ok(at(ch, 'id="proposal-title"') > 0 && at(ch, 'id="proposal-title"') < approveAt, 'the proposal above the decision');
  assert.ok(approveAt < backAt, 'approve, then send back');
  const timeline = at(ch, 'id="timeline-title"');
  assert.ok(backAt < timeline && backAt < at(ch, 'id="components-title"'), 'both before the components and the timeline');
  const fold = at(ch, '<details');
  assert.ok(fold === -1 || backAt < fold, 'neither folded');
  assert.match(formHtml(ch, '/thao-tac/send_back'), /<textarea id="send_back-reason" name="reason"/);
  assert.ok(ch.includes(`/can-bo/ho-so/${id}/du-thao-ket-qua.pdf`), 'the draft result to read before signing');
  // Sending back needs a comment.
  const empty = await act(chair, id, 'send_back', { reason: '' });
  assert.equal(empty.status, 422);
  assert.match(empty.body, /class="error-summary"/);
  assert.match(empty.body, /href="#send_back-reason"/);
  t.setNow('2026-12-03T10:00:00+07:00');
  const back = (await done(chair, id, 'send_back', { reason: 'Ghi rõ nơi sinh theo giấy chứng sinh' })).body;
  assert.match(text(back), /Đề xuất đã bị trả lại[\s\S]*Ý kiến của người ký Ghi rõ nơi sinh theo giấy chứng sinh/);
  sp = (await specialist.get(`/can-bo/ho-so/${id}`)).body;
  assert.match(text(sp), /Đã bị trả lại, cần đề xuất lại/);
  assert.ok(formAt(sp, 'propose_result') < at(sp, '<details'), 'the specialist proposes again first');
  t.setNow(null);
});
