// Pushing to the applicant's store on return (src/datastore/push.ts): a returned birth registration with its signed
// e-result gives one result item (type, issuer, number, dates, owner); a marriage registration keeps the marital-status
// paper it received (its PDF/A copy when digitised, valid 6 months from receipt); a repeated push adds nothing; a
// dossier without an ID number or refused pushes nothing; a revoked e-result's item becomes 'revoked' with the reason,
// and a replaced one gives way to its replacement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, newKey } from '../support/app.ts';
import { multipart } from '../support/http.ts';
import { KHAI_SINH, accepted, helpers, newCoverage } from '../dossiers/action-helpers.ts';
import { samplePdf, signingDeps } from '../signatures/support.ts';
import { pushReturned, signedDocumentEnded } from '../../src/datastore/push.ts';
import { procedureVersion } from '../../src/catalogue/store.ts';
import { formatCode } from '../../src/signatures/core/code.ts';
import { replaceDocument } from '../../src/signatures/service.ts';
import { insertStatus } from '../../src/signatures/store.ts';
import { putFile } from '../../src/dossiers/uploads.ts';

const t = await testApp();
const { act, intake, staffId, submitAndSign } = helpers(t, newCoverage());
const KET_HON = '1.000894';
const OWNER = '001203004567'; // applicant() of test/support/http.ts

async function upload(id: string, component: string, pdf: Buffer, name: string) {
  const m = multipart(name, pdf, 'application/pdf');
  const res = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${id}/files?component=${component}&source=scan`, payload: m.payload,
    headers: { cookie: await t.login('motcua'), 'content-type': m.contentType, 'idempotency-key': newKey() },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json() as { sha256: string };
}

/** Counter intake on `day` to return, granted (or refused), every step at a later minute. */
async function returned(day: string, o: { code?: string; outcome?: 'approve' | 'reject'; before?: (id: string) => Promise<void>; over?: Record<string, unknown> } = {}) {
  const d = await intake(o.code ?? KHAI_SINH, `${day}T08:00`, 'motcua', o.over ?? {});
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id as string;
  await o.before?.(id);
  accepted(await act(id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') }, `${day}T08:10`), 4);
  accepted(await act(id, 'propose_result', 'hotich', { proposalText: 'Đủ điều kiện, đề nghị giải quyết', proposalOutcome: o.outcome ?? 'approve' }, `${day}T08:20`), 4);
  accepted(await submitAndSign(id, 'chutich', 'hotich', `${day}T08:30`), 4);
  if (o.outcome === 'reject') accepted(await act(id, 'reject_not_eligible', 'hotich', { reason: 'Không đủ điều kiện' }, `${day}T09:00`), 9);
  else accepted(await act(id, 'issue_result', 'hotich', {}, `${day}T09:00`), 9);
  accepted(await act(id, 'return_result', 'motcua', { channel: 'counter' }, `${day}T09:30`), 10);
  return id;
}

const itemsOf = (dossierId: string) => t.db.selectFrom('store_items').selectAll().where('source_dossier_id', '=', dossierId).orderBy('id').execute();

let birthId = '';

test('a returned birth registration puts its signed e-result into the applicant\'s store, once', async () => {
  birthId = await returned('2026-12-21');
  const signed = await t.db.selectFrom('signed_documents').select(['code', 'sha256']).where('dossier_id', '=', birthId).executeTakeFirstOrThrow();
  const items = await itemsOf(birthId);
  assert.equal(items.length, 1, 'one item (the birth registration keeps no paper)');
  const i = items[0]!;
  assert.deepEqual(
    { owner: i.owner_id_number, kind: i.kind, type: i.type_code, name: i.type_name, issuer: i.issuer, no: i.number_symbol, from: i.valid_from, to: i.valid_to, legal: i.legal_record, code: i.signed_code, sha: i.sha256, status: i.status },
    { owner: OWNER, kind: 'result', type: 'GIAY_KHAI_SINH', name: 'Giấy khai sinh', issuer: 'Ủy ban nhân dân xã Xuân Dương', no: formatCode(signed.code), from: '2026-12-21', to: null, legal: true, code: signed.code, sha: signed.sha256, status: 'valid' },
  );
  // A repeated push (the same change replayed) adds nothing.
  const row = await t.db.selectFrom('dossiers').select(['id', 'commune_id', 'received_at', 'submitted_at', 'projection', 'procedure_code', 'procedure_version']).where('id', '=', birthId).executeTakeFirstOrThrow();
  const proc = (await procedureVersion(t.db, row.procedure_code, row.procedure_version))!;
  assert.equal(await t.db.transaction().execute((trx) => pushReturned(trx, row, proc, new Date())), 0);
  assert.equal((await itemsOf(birthId)).length, 1);
  // The staff API lists what the dossier pushed; another commune's officer does not see the dossier.
  const api = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${birthId}/store-items`, headers: { cookie: await t.login('motcua') } });
  assert.equal(api.statusCode, 200, api.body);
  assert.deepEqual(api.json().items.map((x: { typeCode: string; view: string }) => [x.typeCode, x.view]), [['GIAY_KHAI_SINH', 'valid']]);
  assert.ok(!api.body.includes(OWNER), 'never the owner\'s ID number');
  const other = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${birthId}/store-items`, headers: { cookie: await t.login('tl.motcua') } });
  assert.equal(other.statusCode, 404);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${birthId}/store-items` })).statusCode, 401);
});

test('a marriage registration keeps the marital-status paper it received, its PDF/A copy when digitised', async () => {
  let pdfa = '';
  let storageName = '';
  const id = await returned('2026-12-22', {
    code: KET_HON,
    before: async (dossierId) => {
      const scan = await upload(dossierId, 'GXN_TINH_TRANG_HON_NHAN', await samplePdf('GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN'), 'xac-nhan.pdf');
      // The digitisation worker made its PDF/A-2 copy (here: the scan's job recorded as done, queued first if the
      // upload did not queue it).
      await t.db.transaction().execute(async (trx) => {
        pdfa = await putFile(trx, await samplePdf('GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN — PDF/A'), 'application/pdf');
        const ocr = await putFile(trx, await samplePdf('ocr'), 'application/pdf');
        const job = { dossier_id: dossierId, component_code: 'GXN_TINH_TRANG_HON_NHAN', source_sha256: scan.sha256 };
        const queued = await trx.selectFrom('digitisation_jobs').select('file_name').where('dossier_id', '=', dossierId)
          .where('component_code', '=', job.component_code).where('source_sha256', '=', scan.sha256).executeTakeFirst();
        if (!queued) {
          await trx.insertInto('digitisation_jobs').values({
            ...job, commune_id: 'xuan-duong', version: 1, source_type: 'application/pdf', file_name: '1.000894_GXN_20261222_XacNhanTinhTrangHonNhan_V1.pdf',
            colour_need: 'seal', expected_pages: null, source_pages: 1, facts: JSON.stringify({ type: 'application/pdf', pages: [] }), findings: '[]',
            next_attempt_at: new Date(), timeout_seconds: 60, created_at: new Date(),
          }).execute();
        }
        const done = await trx.updateTable('digitisation_jobs').set({ status: 'done', result_sha256: pdfa, ocr_sha256: ocr, finished_at: new Date() })
          .where('dossier_id', '=', dossierId).where('source_sha256', '=', scan.sha256).returning('file_name').executeTakeFirstOrThrow();
        storageName = done.file_name;
      });
    },
  });
  const items = await itemsOf(id);
  assert.deepEqual(items.map((i) => [i.kind, i.type_code]), [['result', 'GCN_KET_HON'], ['component', 'GXN_TINH_TRANG_HON_NHAN']]);
  const paper = items[1]!;
  assert.equal(paper.sha256, pdfa, 'the PDF/A storage copy, not the scan');
  assert.match(storageName, /^1\.000894_.*_V1\.pdf$/);
  assert.equal(paper.file_name, storageName, 'named by the digitisation guide\'s rule');
  assert.equal(paper.legal_record, false);
  assert.equal(paper.owner_id_number, OWNER);
  assert.deepEqual([paper.valid_from, paper.valid_to], ['2026-12-22', '2027-06-22'], '6 months from receipt (NĐ 123/2015 Đ23; BLDS 2015 Đ147–148)');
});

test('nothing is pushed without a 12-digit ID number, nor for a refusal', async () => {
  const noId = await returned('2026-12-23', { before: async (id) => { await t.db.updateTable('dossiers').set({ applicant_id_number: null }).where('id', '=', id).execute(); } });
  assert.deepEqual(await itemsOf(noId), []);
  const refused = await returned('2026-12-24', { outcome: 'reject' });
  assert.deepEqual(await itemsOf(refused), [], 'a refusal stays in the dossier');
});

test('a revoked e-result is revoked in the store with the reason; a replaced one gives way to its replacement', async () => {
  const [item] = await itemsOf(birthId);
  const at = new Date('2026-12-28T09:00:00+07:00');
  const chair = Number(await staffId('chutich'));
  // Replaced (a corrected certificate): the old item is revoked, the new e-result pushed.
  const replaced = await replaceDocument(signingDeps(t, () => at), {
    code: item!.signed_code!, communeId: 'xuan-duong', signerStaffId: chair, pdf: await samplePdf('GIẤY KHAI SINH — bản đính chính'), reason: 'Sai chính tả tên cha',
  });
  // The hook signatures/service.ts calls when it records the end (once wired there, this call finds nothing left to do).
  await t.db.transaction().execute((trx) => signedDocumentEnded(trx, { code: item!.signed_code!, status: 'replaced', reason: 'Sai chính tả tên cha', replacedBy: replaced.code, at }));
  const [old, fresh, ...rest] = await itemsOf(birthId);
  assert.equal(rest.length, 0);
  assert.equal(old!.status, 'revoked');
  assert.match(old!.status_reason!, new RegExp(`thay thế bằng văn bản có mã xác thực ${formatCode(replaced.code)}.*Sai chính tả tên cha`));
  assert.deepEqual([fresh!.signed_code, fresh!.status, fresh!.type_code, fresh!.valid_from], [replaced.code, 'valid', 'GIAY_KHAI_SINH', '2026-12-28']);
  // Revoked: the item says so; ending it again changes nothing.
  await t.db.transaction().execute(async (trx) => {
    await insertStatus(trx, { code: replaced.code, status: 'revoked', reason: 'Cấp sai thẩm quyền', replacedBy: null, byStaffId: chair, at });
    assert.equal(await signedDocumentEnded(trx, { code: replaced.code, status: 'revoked', reason: 'Cấp sai thẩm quyền', replacedBy: null, at }), 1);
    assert.equal(await signedDocumentEnded(trx, { code: replaced.code, status: 'revoked', reason: 'Cấp sai thẩm quyền', replacedBy: null, at }), 0);
  });
  const after = (await itemsOf(birthId))[1]!;
  assert.equal(after.status, 'revoked');
  assert.match(after.status_reason!, /thu hồi.*Cấp sai thẩm quyền/);
});
