// The demo's returned dossiers carry real signed results (issue 11): each was approved and signed through the dossier
// service, by the commune's chair and the commune, at the approval's time; the signed file is the dossier's result
// (KET_QUA) and the public verification API calls it genuine. The most recent civil-status and certification dossiers
// sign the result generated from their template, the older ones the sample draft.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { generateDemoActivity } from '../../src/demo/activity.ts';
import { sampleResultPdf } from '../../src/demo/sample-result.ts';
import { formatCode } from '../../src/signatures/core/code.ts';
import { openStored } from '../../src/vault/store.ts';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { PDFSIG, pdfsig } from '../signatures/support.ts';

const t = await testApp();
const NOW = new Date('2026-12-01T03:00:00Z');
const heard: string[] = [];
const made = await generateDemoActivity(t.db, NOW, 90, (m) => heard.push(m), t.base);

const returned = await t.db.selectFrom('dossiers as d')
  .innerJoin('procedures as p', (j) => j.onRef('p.code', '=', 'd.procedure_code').onRef('p.version', '=', 'd.procedure_version'))
  .select(['d.id', 'd.code', 'd.commune_id', 'd.channel', 'd.received_at', sql<string>`p.data->'field'->>'code'`.as('field')])
  .where('d.state', '=', 10).orderBy('d.received_at').execute();
const signed = await t.db.selectFrom('signed_documents').selectAll().execute();
const signedOf = new Map(signed.map((s) => [s.dossier_id, s]));

test('every returned demo dossier has a signed result: its signed_documents row and its KET_QUA file', async () => {
  assert.ok(made.dossiers >= 80, `${made.dossiers} dossiers`);
  assert.ok(returned.length >= 40, `${returned.length} returned`);
  for (const d of returned) {
    const s = signedOf.get(d.id);
    assert.ok(s, `${d.code} has a signed result`);
    assert.equal(s.commune_id, d.commune_id);
    assert.ok(s.test_certificates, 'signed with the test CA');
    const files = await t.db.selectFrom('dossier_files').select(['sha256', 'file_name'])
      .where('dossier_id', '=', d.id).where('component_code', '=', 'KET_QUA').execute();
    const kept = files.find((f) => f.sha256 === s.sha256);
    assert.ok(kept, `${d.code}: the signed file is the dossier's result file`);
    assert.equal(kept.file_name, `ket-qua-da-ky-so-${formatCode(s.code)}.pdf`);
  }
  // The progress tells how many results were signed.
  assert.equal(heard.at(-1), `Đã tạo dữ liệu mẫu: ${made.dossiers} hồ sơ, ${signed.length} kết quả đã ký số.`);
});

test('signed by the commune chair at the approval time, and recorded in the history', async () => {
  for (const d of returned) {
    const s = signedOf.get(d.id)!;
    const approval = await t.db.selectFrom('dossier_events').select(['at', 'actor_id', 'changes'])
      .where('dossier_id', '=', d.id).where('action', '=', 'approve').executeTakeFirstOrThrow();
    assert.equal(s.signed_at.getTime(), Math.floor(approval.at.getTime() / 1000) * 1000, `${d.code} signed when approved`);
    assert.equal(String(s.signer_staff_id), approval.actor_id);
    assert.equal((approval.changes as { signedResultCode?: string }).signedResultCode, s.code);
    const signer = await t.db.selectFrom('staff').select(['roles', 'commune_id']).where('id', '=', s.signer_staff_id).executeTakeFirstOrThrow();
    assert.ok(signer.roles.includes('leader'), 'a leader of the commune signs');
    assert.equal(signer.commune_id, d.commune_id);
  }
});

test('the public verification API says each signed result is genuine', async () => {
  for (const d of returned) {
    const s = signedOf.get(d.id)!;
    const r = await call(t, 'GET', `/api/v1/public/verify?code=${formatCode(s.code)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.status, 'valid');
    assert.equal(r.body.sha256, s.sha256);
    assert.equal(r.body.testCertificates, true);
    assert.equal(r.body.url, `${t.base}/xac-thuc?ma=${formatCode(s.code)}`);
  }
});

test('the most recent civil-status and certification dossiers sign their generated result, older ones the sample draft', async () => {
  const sample = (await sampleResultPdf()).length; // deterministic enough in size: the draft is stored once
  const drafts = await t.db.selectFrom('dossier_files as f').innerJoin('files as b', 'b.sha256', 'f.sha256')
    .select(['f.dossier_id', 'b.size'])
    .where('f.component_code', '=', 'KET_QUA').where('f.file_name', '=', 'du-thao-ket-qua.pdf').execute();
  const withDraft = new Set(drafts.map((x) => x.dossier_id));
  for (const x of drafts) assert.ok(Math.abs(x.size - sample) < 64, 'the draft is the sample result');
  const recent = returned.filter((d) => ['HOTICH', 'CHUNGTHUC'].includes(d.field)).slice(-5);
  assert.ok(recent.length > 0);
  for (const d of recent) assert.ok(!withDraft.has(d.id), `${d.code}: the generated result is signed`);
  assert.ok(withDraft.size > 0, 'older dossiers sign the sample draft');
});

test('pdfsig: a demo result carries two valid signatures', { skip: !PDFSIG && 'pdfsig (poppler-utils) is not installed' }, async () => {
  const last = returned.at(-1)!;
  const s = signedOf.get(last.id)!;
  const row = await t.db.selectFrom('files').select(['sha256', 'content', 'key_version', 'wrapped_key', 'nonce']).where('sha256', '=', s.sha256).executeTakeFirstOrThrow();
  const r = pdfsig(openStored(row)); // stored encrypted (src/vault/)
  assert.equal(r.signatures.length, 2, r.output);
  for (const x of r.signatures) assert.equal(x.validation, 'Signature is Valid.', r.output);
});
