// The world the authorisation matrix runs in: the two demo communes with a few weeks of demo activity and the reform
// domains (plan, units' reports, PAR, KPI), a third commune C in another province with one account per role, and in
// commune A (xuan-duong) objects of every kind the routes address, some with unmistakable markers (an applicant's
// name and ID number nobody else has, an internal proposal text) so that a leak is found by a plain substring search.
import assert from 'node:assert/strict';
import type { TestApp } from '../../support/app.ts';
import { applicant, call, multipart } from '../../support/http.ts';
import { citizenCookie, HONG } from '../../identity/citizen-support.ts';
import { generateDemoActivity } from '../../../src/demo/activity.ts';
import { generateDemoReform } from '../../../src/demo/reform.ts';
import { readCommuneFile } from '../../../src/province/core/commune-file.ts';
import { onboardCommune } from '../../../src/province/onboard.ts';
import { createApiKey } from '../../../src/identity/staff/auth.ts';
import type { StaffRole } from '../../../src/identity/core/principal.ts';
import { insertItem } from '../../../src/datastore/store.ts';
import { putFile } from '../../../src/dossiers/files-store.ts';
import { submitRequest } from '../../../src/privacy/service.ts';
import { upsertCitizen } from '../../../src/identity/citizens/store.ts';

export const A = 'xuan-duong';
export const B = 'tan-lap';
export const C = 'xa-doc-lap';
export const NOW = '2026-11-25T09:00:00+07:00';

const KHAI_SINH = '1.001193'; // receivable anywhere in the province (NĐ 120/2025), VHXH

/** Who calls: a demo or test account, a citizen logged in with e-identity, or nobody. */
export interface Caller {
  name: string;
  commune: string | null;
  roles: string[];
  /** Bound to a unit: sees only the dossiers their unit handled. */
  unitBound: boolean;
  citizen?: boolean;
  /** A system calling with an API key (Authorization: Bearer) instead of a session. */
  apiKey?: boolean;
}

const demo = (prefix: string, commune: string): Caller[] => [
  { name: `${prefix}admin`, commune, roles: ['admin'], unitBound: false },
  { name: `${prefix}motcua`, commune, roles: ['receiving_officer'], unitBound: false },
  { name: `${prefix}giamdoc`, commune, roles: ['unit_head', 'receiving_officer'], unitBound: false },
  { name: `${prefix}hotich`, commune, roles: ['specialist'], unitBound: true },
  { name: `${prefix}truongvhxh`, commune, roles: ['unit_head', 'cchc_coordinator'], unitBound: false },
  { name: `${prefix}diachinh`, commune, roles: ['specialist'], unitBound: true },
  { name: `${prefix}truongkt`, commune, roles: ['unit_head'], unitBound: true },
  { name: `${prefix}chutich`, commune, roles: ['leader'], unitBound: false },
];

/** Commune C's accounts: one per role (the province roles of C see C's province, not A's). */
const C_STAFF = [
  { username: 'c.admin', fullName: 'Lò Văn Quản', title: 'Quản trị hệ thống', unit: 'VP', roles: ['admin'] },
  { username: 'c.motcua', fullName: 'Lò Thị Cửa', title: 'Công chức tiếp nhận', unit: 'TTPVHCC', roles: ['receiving_officer'] },
  { username: 'c.hotich', fullName: 'Lò Văn Tịch', title: 'Công chức Tư pháp - Hộ tịch', unit: 'VHXH', roles: ['specialist'] },
  { username: 'c.truong', fullName: 'Lò Thị Trưởng', title: 'Trưởng phòng Văn hóa - Xã hội', unit: 'VHXH', roles: ['unit_head'] },
  { username: 'c.cchc', fullName: 'Lò Văn Cải', title: 'Đầu mối cải cách hành chính', unit: 'VP', roles: ['cchc_coordinator'] },
  { username: 'c.chutich', fullName: 'Lò Văn Ký', title: 'Chủ tịch UBND xã', unit: 'VP', roles: ['leader'] },
  { username: 'c.tinhtd', fullName: 'Lò Thị Dõi', title: 'Chuyên viên theo dõi cấp tỉnh', unit: null, roles: ['province_viewer'] },
  { username: 'c.tinhqt', fullName: 'Lò Văn Tỉnh', title: 'Quản trị cấp tỉnh', unit: null, roles: ['province_viewer'] }, // → province_admin below
];

export const CALLERS: Caller[] = [
  ...demo('', A),
  { name: 'tinh.quantri', commune: A, roles: ['province_admin'], unitBound: false },
  { name: 'tinh.theodoi', commune: A, roles: ['province_viewer'], unitBound: false },
  ...demo('tl.', B),
  ...C_STAFF.map((s) => ({
    name: s.username, commune: C, roles: s.username === 'c.tinhqt' ? ['province_admin'] : s.roles,
    unitBound: s.roles.every((r) => r === 'specialist' || r === 'unit_head'),
  })),
  { name: 'key.tl', commune: B, roles: ['admin', 'receiving_officer', 'leader', 'cchc_coordinator'], unitBound: false, apiKey: true },
  { name: 'citizen', commune: null, roles: [], unitBound: false, citizen: true },
  { name: 'anonymous', commune: null, roles: [], unitBound: false },
];

/** Values of the routes' parameters: commune A's objects (ids as strings). */
export type Params = Record<string, string>;

export interface World {
  params: Params;
  /** Strings only commune A's people may read: applicants' names and ID numbers, internal notes. */
  privateMarkers: string[];
  /** The private markers commune A's own answers show (the controls that the leak check is not vacuous); an ID
   *  number is shown in full only on the dossier's own page. */
  controlMarkers: string[];
  /** Ids and codes of the dossiers commune A holds, and the ids of its other objects (never in another commune's
   *  answers). */
  idMarkers: string[];
  /** Of those, the ids and codes of dossiers another commune received and transferred to A, by that commune (it
   *  follows them). */
  followedBy: Record<string, string[]>;
  /** The transferred dossier A → B: its id, code, and the competent commune's internal proposal text. */
  transfer: { id: string; code: string; name: string; proposal: string };
  /** Cookie headers of the callers (the API key's caller: its Authorization header). */
  cookies: Map<string, string>;
  csrf: { cookie: string; token: string };
}

const MARK = {
  newName: 'Đoàn Thị Mậtmã Xuândương', newId: '001299777001',
  procName: 'Khổng Văn Kínđáo', procId: '001299777002', proposal: 'Ghi chú nội bộ của xã A: MAT-NOI-BO-7731',
  transferName: 'Quách Thị Chuyểnxã', transferId: '001299777003', transferProposal: 'Đề xuất nội bộ xã B: CHI-XA-B-4417',
  privacy: 'Yêu cầu sửa dữ liệu cá nhân: RIENG-TU-9902',
  petition: 'Phản ánh riêng tư về xã A: PA-RIENG-5521, người gửi Tạ Thị Kínđáo', petitioner: 'Tạ Thị Kínđáo',
};

const one = <T>(x: T | undefined, what: string): T => {
  assert.ok(x !== undefined && x !== null, `fixture: no ${what}`);
  return x;
};

export async function buildWorld(t: TestApp): Promise<World> {
  t.setNow(NOW);
  const now = new Date(NOW);
  await generateDemoActivity(t.db, now, 24);
  await generateDemoReform(t.db, now);

  // Commune C, in another province, with one account per role (password = the demo password).
  const file = readCommuneFile({
    id: C, name: 'Xã Độc Lập (thử nghiệm)', province: 'Bắc Kạn', agencyCode: '000.DEMO.DL.H11', agencyCodeIsDemo: true, phone: null,
    units: [
      { code: 'VP', name: 'Văn phòng HĐND và UBND', receivesDossiers: false },
      { code: 'VHXH', name: 'Phòng Văn hóa - Xã hội', receivesDossiers: false },
      { code: 'TTPVHCC', name: 'Trung tâm Phục vụ hành chính công', receivesDossiers: true },
    ],
    staff: C_STAFF.map((s) => ({ ...s, password: 'xaso-demo' })), calendar: [],
  });
  assert.ok(file.ok, JSON.stringify(file));
  const onboarded = await onboardCommune(t.db, file.file, { actor: null });
  assert.ok(onboarded.ok, JSON.stringify(onboarded));
  await t.db.updateTable('staff').set({ roles: ['province_admin'] }).where('username', '=', 'c.tinhqt').execute();

  const staffId = async (u: string) => String((await t.db.selectFrom('staff').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id);
  const act = async (id: string, type: string, as: string, body: object = {}) => {
    const r = await call(t, 'POST', `/api/v1/dossiers/${id}/actions/${type}`, { as, body });
    assert.ok(r.status < 300, `${type} by ${as}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const intake = async (name: string, idNumber: string) => {
    const r = await call(t, 'POST', '/api/v1/dossiers', { as: 'motcua', body: { procedureCode: KHAI_SINH, applicant: applicant({ name, idNumber }) } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body as { id: string; code: string };
  };

  // A dossier just received (state 2), one being processed with a file and an internal proposal (state 4).
  const dNew = await intake(MARK.newName, MARK.newId);
  const dProc = await intake(MARK.procName, MARK.procId);
  await act(dProc.id, 'assign', 'motcua', { unitCode: 'VHXH', assigneeId: await staffId('hotich') });
  const up = multipart('giay-chung-sinh.pdf', Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'), 'application/pdf');
  const upload = await t.app.inject({
    method: 'POST', url: `/api/v1/dossiers/${dProc.id}/files?component=GIAY_CHUNG_SINH&source=upload`, payload: up.payload,
    headers: { 'content-type': up.contentType, cookie: await t.login('hotich'), 'idempotency-key': crypto.randomUUID() },
  });
  await act(dProc.id, 'propose_result', 'hotich', { proposalText: MARK.proposal, proposalOutcome: 'approve' });

  // A dossier received by A and transferred to B, where B's specialist writes an internal proposal.
  const dT = await intake(MARK.transferName, MARK.transferId);
  await act(dT.id, 'transfer_to_competent', 'motcua', { communeId: B, resultAt: 'receiving_centre', note: 'Thường trú tại xã Tân Lập' });
  await act(dT.id, 'assign', 'tl.motcua', { unitCode: 'VHXH', assigneeId: await staffId('tl.hotich') });
  await act(dT.id, 'propose_result', 'tl.hotich', { proposalText: MARK.transferProposal, proposalOutcome: 'approve' });

  // A petition to commune A, sent by a citizen.
  const pet = await call(t, 'POST', '/api/v1/public/petitions', {
    body: { communeId: A, content: MARK.petition, name: MARK.petitioner, contact: '0912000111' },
  });
  assert.ok(pet.status < 300, JSON.stringify(pet.body));

  // The rest, from what the demo made in commune A.
  const db = t.db;
  const file0 = await db.selectFrom('dossier_files').select(['id', 'sha256']).where('dossier_id', '=', dProc.id).executeTakeFirst()
    ?? await db.selectFrom('dossier_files as f').innerJoin('dossiers as d', 'd.id', 'f.dossier_id').select(['f.id', 'f.sha256']).where('d.commune_id', '=', A).executeTakeFirst();
  const job = await db.selectFrom('digitisation_jobs').select(['id', 'dossier_id']).where('commune_id', '=', A).executeTakeFirst();
  const signed = one(await db.selectFrom('signed_documents as s').innerJoin('dossiers as d', 'd.id', 's.dossier_id')
    .select(['s.code', 's.dossier_id', 'd.code as dossierCode']).where('s.commune_id', '=', A).where('d.state', '=', 10).executeTakeFirst(), 'signed result');
  const payment = await db.selectFrom('payment_orders').select(['ref', 'dossier_id']).where('commune_id', '=', A).executeTakeFirst();
  const notice = await db.selectFrom('notifications').select(['id', 'message_id', 'dossier_id']).where('commune_id', '=', A).executeTakeFirst();
  const petition = one(await db.selectFrom('petitions').select('id').where('commune_id', '=', A).where('content', '=', MARK.petition).executeTakeFirst(), 'petition');
  const plan = one(await db.selectFrom('reform_plans').select('id').where('commune_id', '=', A).executeTakeFirst(), 'reform plan');
  const task = one(await db.selectFrom('reform_tasks').select('id').where('commune_id', '=', A).where('plan_id', '=', plan.id).orderBy('id').executeTakeFirst(), 'reform task');
  // Files on a reform task, a unit's report and a PAR criterion; a privacy request of a citizen to commune A.
  const pdfSha = await putFile(db, Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'), 'application/pdf');
  const uploader = Number(await staffId('truongvhxh'));
  await db.insertInto('reform_task_files').values({ task_id: task.id, file_name: 'minh-chung.pdf', sha256: pdfSha, uploaded_by: uploader, uploaded_at: now }).execute();
  const report0 = one(await db.selectFrom('unit_reports').select(['id']).where('commune_id', '=', A).executeTakeFirst(), 'unit report');
  await db.insertInto('unit_report_files').values({ report_id: report0.id, file_name: 'bao-cao.pdf', sha256: pdfSha, uploaded_by: uploader, uploaded_at: now }).execute();
  const par0 = one(await db.selectFrom('par_assessments').select(['id']).where('commune_id', '=', A).executeTakeFirst(), 'PAR assessment');
  const node0 = one(await db.selectFrom('par_items').select('node_code').where('assessment_id', '=', par0.id).executeTakeFirst(), 'PAR item');
  await db.insertInto('par_evidence').values({
    assessment_id: par0.id, node_code: node0.node_code, commune_id: A, sha256: pdfSha, file_name: 'minh-chung.pdf', note: null, added_by: uploader, added_at: now,
  }).execute();
  const citizenId = await upsertCitizen(db, {
    issuer: 'http://dinh-danh.thu-nghiem', subject: `thu-nghiem-${MARK.newId}`, idNumber: MARK.newId, name: MARK.newName, birthdate: null, level: 2,
  }, now);
  await submitRequest(db, A, { id: citizenId, idNumber: MARK.newId, name: MARK.newName }, { kind: 'correction', item: 'Họ tên', wrongValue: 'sai', rightValue: 'đúng', detail: MARK.privacy }, now);

  const taskFile = await db.selectFrom('reform_task_files as f').innerJoin('reform_tasks as k', 'k.id', 'f.task_id').select(['f.id', 'f.task_id']).where('k.commune_id', '=', A).executeTakeFirst();
  const target = one(await db.selectFrom('reform_targets').select('id').where('plan_id', '=', plan.id).executeTakeFirst(), 'reform target');
  const report = one(await db.selectFrom('unit_reports').select(['id', 'call_id']).where('commune_id', '=', A).executeTakeFirst(), 'unit report');
  const reportFile = await db.selectFrom('unit_report_files as f').innerJoin('unit_reports as r', 'r.id', 'f.report_id').select(['f.id', 'f.report_id']).where('r.commune_id', '=', A).executeTakeFirst();
  const par = one(await db.selectFrom('par_assessments').select(['id', 'year', 'template_id']).where('commune_id', '=', A).executeTakeFirst(), 'PAR assessment');
  const parItem = one(await db.selectFrom('par_items').select('node_code').where('assessment_id', '=', par.id).executeTakeFirst(), 'PAR item');
  const parEvidence = await db.selectFrom('par_evidence').select(['id', 'node_code']).where('assessment_id', '=', par.id).where('sha256', 'is not', null).executeTakeFirst();
  const unit = one(await db.selectFrom('units').select('id').where('commune_id', '=', A).where('code', '=', 'VHXH').executeTakeFirst(), 'unit');
  const privacy = await db.selectFrom('privacy_requests').select('id').where('commune_id', '=', A).executeTakeFirst();
  const apiKey = await createApiKey(db, { communeId: A, unitId: null, name: 'Hệ thống thử của xã A', roles: ['cchc_coordinator'] });
  const apiKeyRow = one(await db.selectFrom('api_keys').select('id').where('commune_id', '=', A).orderBy('id', 'desc').executeTakeFirst(), 'API key');
  const sha = file0?.sha256 ?? '0'.repeat(64);
  const storeItem = await insertItem(db, {
    ownerIdNumber: MARK.newId, kind: 'component', typeCode: 'GIAY_CHUNG_SINH', typeName: 'Giấy chứng sinh', issuer: 'Bệnh viện thử nghiệm',
    numberSymbol: null, validFrom: '2026-11-01', validTo: null, sha256: sha, fileName: 'giay-chung-sinh.pdf',
    sourceCommuneId: A, sourceDossierId: dNew.id, sourceComponentCode: 'GIAY_CHUNG_SINH', signedCode: null, legalRecord: false, at: now,
  });

  const params: Params = {
    dossier: dProc.id, dossierNew: dNew.id, dossierDone: signed.dossier_id!, transferred: dT.id,
    fileId: String(file0?.id ?? 1), sha, fileDossier: dProc.id,
    jobId: String(job?.id ?? 1), jobDossier: job?.dossier_id ?? dProc.id,
    ref: payment?.ref ?? 'KHONG-CO', paymentDossier: payment?.dossier_id ?? dProc.id,
    messageId: notice?.message_id ?? '00000000-0000-4000-8000-000000000000', noticeDossier: notice?.dossier_id ?? dProc.id,
    signedCode: signed.code, petition: petition.id, plan: String(plan.id), task: String(taskFile?.task_id ?? task.id),
    taskFile: String(taskFile?.id ?? 1), target: String(target.id), call: String(report.call_id), submission: String(report.id),
    submissionForFile: String(reportFile?.report_id ?? report.id), submissionFile: String(reportFile?.id ?? 1),
    par: String(par.id), parYear: String(par.year), parTemplate: String(par.template_id), parItem: parItem.node_code,
    parEvidence: String(parEvidence?.id ?? 1), parEvidenceItem: parEvidence?.node_code ?? parItem.node_code,
    staff: await staffId('hotich'), unit: String(unit.id), apiKey: String(apiKeyRow.id), privacy: String(privacy?.id ?? '00000000-0000-4000-8000-000000000000'),
    storeItem: String(storeItem.id), commune: A, codeNew: dNew.code, last4: MARK.newId.slice(-4),
  };
  assert.equal(upload.statusCode, 201, `file upload: ${upload.body}`);
  void apiKey;

  const held = await db.selectFrom('dossiers').select(['id', 'code', 'receiving_commune_id']).where('commune_id', '=', A).execute();
  const followedBy: Record<string, string[]> = {};
  for (const d of held.filter((x) => x.receiving_commune_id !== A)) (followedBy[d.receiving_commune_id] ??= []).push(d.id, d.code ?? d.id);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const objectIds = Object.entries(params).filter(([k, v]) => uuid.test(v) && k !== 'transferred' && !v.startsWith('00000000')).map(([, v]) => v);
  const cookies = new Map<string, string>();
  for (const c of CALLERS) {
    if (c.citizen) cookies.set(c.name, await citizenCookie(t, HONG));
    else if (c.apiKey) cookies.set(c.name, `Bearer ${await createApiKey(db, { communeId: c.commune!, unitId: null, name: 'Hệ thống thử của xã B', roles: c.roles as StaffRole[] })}`);
    else if (c.name !== 'anonymous') cookies.set(c.name, await t.login(c.name));
  }
  // A CSRF secret (cookie) and its token, valid for any session: the forms' posts then reach their handlers.
  const login = await t.app.inject({ method: 'GET', url: '/can-bo/dang-nhap' });
  const secret = login.cookies.find((k) => k.name === '_csrf');
  const token = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1];
  assert.ok(secret && token, 'a CSRF token on the login page');
  return {
    params,
    privateMarkers: [MARK.newName, MARK.newId, MARK.procName, MARK.procId, MARK.proposal, MARK.petition, MARK.petitioner, MARK.privacy],
    controlMarkers: [MARK.newName, MARK.procName, MARK.procId, MARK.proposal, MARK.petition, MARK.petitioner, MARK.privacy],
    idMarkers: [...new Set([...held.flatMap((d) => [d.id, d.code ?? '']).filter(Boolean), ...objectIds])],
    followedBy,
    transfer: { id: dT.id, code: dT.code, name: MARK.transferName, proposal: MARK.transferProposal },
    cookies,
    csrf: { cookie: `_csrf=${secret.value}`, token },
  };
}
