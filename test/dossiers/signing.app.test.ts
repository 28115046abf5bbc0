// The signed result in the dossier workflow (issue 11): the approval signs the result (PAdES, judged by poppler's
// pdfsig), the signed file is the dossier's result, the draft result file (KET_QUA) is what gets signed, a result is
// issued only signed, and an online return needs the signed result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, newKey } from '../support/app.ts';
import { call, multipart } from '../support/http.ts';
import { PDFSIG, pdfsig, samplePdf } from '../signatures/support.ts';
import { KHAI_SINH, TTHN, accepted, helpers, newCoverage, refused } from './action-helpers.ts';

const t = await testApp();
const { act, intake, staffId, submitAndSign, get } = helpers(t, newCoverage());

async function proposed(day: string, code = KHAI_SINH, outcome: 'approve' | 'reject' = 'approve'): Promise<string> {
  const d = await intake(code, `${day}T08:00`);
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id as string;
  accepted(await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, `${day}T08:10`), 4);
  accepted(await act(id, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện, đề nghị giải quyết', proposalOutcome: outcome }, `${day}T08:20`), 4);
  return id;
}

async function upload(id: string, who: string, pdf: Buffer, name = 'du-thao-ket-qua.pdf', type = 'application/pdf') {
  const m = multipart(name, pdf, type);
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${id}/files?component=KET_QUA&source=upload`, payload: m.payload,
    headers: { cookie: await t.login(who), 'content-type': m.contentType, 'idempotency-key': newKey() },
  });
  return { status: res.statusCode, body: res.json() };
}

const signedOf = (id: string) => t.db.selectFrom('signed_documents').selectAll().where('dossier_id', '=', id).execute();

test('the approval signs the attached draft result: a real PAdES PDF, kept as the dossier result and recorded', async (tc) => {
  const id = await proposed('2026-12-21');
  // The draft result: PDF only, by the handling unit, once proposed and before the submission.
  const draft = await samplePdf('TRÍCH LỤC KHAI SINH — dự thảo');
  refused({ ...(await upload(id, 'motcua', draft)), headers: { 'content-type': 'application/problem+json' } }, 403, 'NOT_AT_YOUR_UNIT');
  assert.equal((await upload(id, 'hotich', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]), 'a.png', 'image/png')).status, 415);
  const up = await upload(id, 'hotich', draft);
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.componentCode, 'KET_QUA');

  t.setNow('2026-12-21T09:00:00+07:00');
  const a = await submitAndSign(id, 'chutich', 'hotich');
  accepted(a, 4);
  assert.equal((await upload(id, 'hotich', draft)).status, 409, 'no new draft once signed');
  const [doc, ...more] = await signedOf(id);
  assert.ok(doc && more.length === 0, 'one signed document for the dossier');
  assert.equal(doc.signer_staff_id, Number(await staffId('chutich')));
  assert.equal(a.body.events.at(-1).action, 'approve');
  const file = a.body.files.find((f: { sha256: string }) => f.sha256 === doc.sha256);
  assert.ok(file, 'the signed file is one of the dossier files');
  assert.equal(file.componentCode, 'KET_QUA');
  const dl = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/files/${file.id}`, headers: { cookie: await t.login('motcua') } });
  assert.equal(dl.statusCode, 200);
  const pdf = dl.rawPayload;
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.includes(draft.subarray(0, 200)) || pdf.length > draft.length, 'built on the draft');
  if (PDFSIG) {
    const r = pdfsig(pdf);
    assert.deepEqual(r.signatures.map((s) => s.validation), ['Signature is Valid.', 'Signature is Valid.'], r.output);
    assert.equal(r.signatures[0]!.commonName, 'Hoàng Văn Nam');
    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('TRÍCH') > 0 ? tampered.indexOf('TRÍCH') : Math.floor(tampered.length / 3);
    tampered[at] = tampered[at]! ^ 1;
    assert.ok(pdfsig(tampered).signatures.some((s) => s.validation !== 'Signature is Valid.'), 'a changed copy is not valid');
  } else {
    tc.diagnostic('pdfsig not installed (poppler-utils): signature validity not checked');
  }
  // The code is on the event, and /xac-thuc knows the document.
  const stored = await t.db.selectFrom('dossier_events').select('changes').where('dossier_id', '=', id).where('action', '=', 'approve').executeTakeFirstOrThrow();
  assert.equal((stored.changes as { signedResultCode?: string }).signedResultCode, doc.code);
  const v = await call(t, 'GET', `/api/v1/public/verify?code=${doc.code}`);
  assert.equal(v.status, 200, JSON.stringify(v.body));

  // Issued, then returned online: the citizen receives the signed e-result.
  accepted(await act(id, 'issue_result', 'hotich', {}, '2026-12-21T09:30'), 9);
  accepted(await act(id, 'return_result', 'motcua', { channel: 'online' }, '2026-12-21T10:00'), 10);
});

test('without a draft, the generated result (or the written refusal) is signed', async () => {
  const id = await proposed('2026-12-22', TTHN, 'reject');
  t.setNow('2026-12-22T09:00:00+07:00');
  accepted(await submitAndSign(id, 'truongvhxh'), 4);
  const [doc] = await signedOf(id);
  assert.ok(doc);
  assert.match(doc.title, /[À-ỹ]/u, 'a Vietnamese title');
  accepted(await act(id, 'reject_not_eligible', 'hotich', { reason: 'Không đủ điều kiện' }, '2026-12-22T09:30'), 9);
});

test('a failed signature rolls the approval back', async () => {
  const id = await proposed('2026-12-23');
  const signerId = await staffId('chutich');
  accepted(await act(id, 'submit_for_signature', 'hotich', { signerId }, '2026-12-23T08:30'), 4);
  // The signer leaves before signing: signing is refused, and nothing of the approval stays.
  await t.db.updateTable('staff').set({ active: false }).where('id', '=', Number(signerId)).execute();
  try {
    const r = await act(id, 'approve', 'chutich', {}, '2026-12-23T09:00');
    assert.ok(r.status >= 400, JSON.stringify(r.body));
  } finally {
    await t.db.updateTable('staff').set({ active: true }).where('id', '=', Number(signerId)).execute();
  }
  const d = await get(id);
  assert.equal(d.body.events.at(-1).action, 'submit_for_signature');
  assert.deepEqual(await signedOf(id), []);
  accepted(await act(id, 'approve', 'chutich', {}, '2026-12-23T09:10'), 4);
});

test('an online return needs the signed result (a dossier approved before signing existed)', async () => {
  const id = await proposed('2026-12-24');
  t.setNow('2026-12-24T09:00:00+07:00');
  accepted(await submitAndSign(id), 4);
  accepted(await act(id, 'issue_result', 'hotich', {}, '2026-12-24T09:30'), 9);
  // As if approved before migration 021: no signed result on the projection.
  const row = await t.db.selectFrom('dossiers').select('projection').where('id', '=', id).executeTakeFirstOrThrow();
  const { signedResultCode: _c, ...legacy } = row.projection as Record<string, unknown>;
  await t.db.updateTable('dossiers').set({ projection: JSON.stringify(legacy) }).where('id', '=', id).execute();
  const r = await act(id, 'return_result', 'motcua', { channel: 'online' }, '2026-12-24T10:00');
  refused(r, 422, 'ONLINE_RETURN_NEEDS_SIGNED_RESULT');
  assert.match(r.body.title, /chưa có kết quả điện tử đã ký số/);
  accepted(await act(id, 'return_result', 'motcua', { channel: 'counter' }, '2026-12-24T10:05'), 10);
});
