// A dossier filed on the national portal and forwarded to the commune (POST /api/v1/lien-thong/dvcqg/ho-so): it
// enters the normal online lifecycle (state 1, awaiting the one-stop desk), filed at the portal's time, with its files
// stored and attached by the portal; replays (one after the other, or at once) make one dossier; another body under
// the same code is a conflict; every field at fault is reported; only the portal's key opens it; the answers are the
// portal's contract, never problem+json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { call } from '../support/http.ts';
import { citizenCookie } from '../identity/citizen-support.ts';
import { createApiKey } from '../../src/identity/staff/auth.ts';
import { inboundPortalCode } from '../../src/inbound/store.ts';
import { filesWithoutJob } from '../../src/digitisation/store.ts';
import { PDF, PNG, forward, hoso, written } from './support.ts';

const t = await testApp();
t.setNow('2026-12-07T09:00:00+07:00'); // Monday
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

const dossierOf = (code: string) => t.db.selectFrom('dossiers').selectAll().where('external_code', '=', code).executeTakeFirst();

test('a forwarded dossier enters the online lifecycle: state 1, filed at the portal\'s time, its files attached by the portal', async () => {
  const body = hoso();
  const r = await forward(t, body);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(String(r.headers['content-type']), /^application\/json/);
  assert.deepEqual(r.body, { error_code: '0', message: 'Xã đã nhận hồ sơ; hồ sơ chờ Bộ phận Một cửa tiếp nhận.', MaHoSo: body.MaHoSo });

  const d = await dossierOf(body.MaHoSo as string);
  assert.ok(d);
  assert.deepEqual(
    [d.channel, d.state, d.code, d.procedure_code, d.applicant_name, d.applicant_id_number, d.authenticated_with_eid, d.commune_id],
    ['online', 1, null, '1.001193', 'Lê Thị Hồng', '001190004567', true, 'xuan-duong'],
  );
  assert.equal(d.submitted_at?.toISOString(), vn('2026-12-04T10:30:00'), 'submitted_at = NgayNopHoSo');
  // One working day to receive or refuse it, from the filing on the portal (Friday 10:30 → Monday 10:30).
  assert.equal(d.receipt_due_at?.toISOString(), vn('2026-12-07T10:30:00'));
  assert.equal((d.applicant as { note?: string }).note, 'Đăng ký khai sinh cho con');
  assert.equal(await inboundPortalCode(t.db, d.id), body.MaHoSo, 'the sync sends the portal\'s code');
  const row = await t.db.selectFrom('inbound_dossiers').selectAll().where('portal_code', '=', body.MaHoSo as string).executeTakeFirstOrThrow();
  assert.equal(row.dossier_id, d.id);
  assert.match(row.request_sha256, /^[0-9a-f]{64}$/);

  // The history: the filing and each file, by the national portal (a system), at the filing time.
  const events = await t.db.selectFrom('dossier_events').select(['seq', 'action', 'actor_id', 'actor_role', 'at', 'to_state'])
    .where('dossier_id', '=', d.id).orderBy('seq').execute();
  assert.deepEqual(events.map((e) => [e.seq, e.action, e.actor_id, e.actor_role, e.to_state]), [
    [1, 'submit_online', 'system:dvcqg', 'system', 1], [2, 'attach_file', 'system:dvcqg', 'system', 1], [3, 'attach_file', 'system:dvcqg', 'system', 1],
  ]);
  assert.equal(events[0]!.at.toISOString(), vn('2026-12-04T10:30:00'));

  // The officer sees it in the inbox, awaiting receipt, and reads its files, byte for byte.
  const inbox = await call(t, 'GET', '/api/v1/dossiers?state=1&limit=200', { as: 'motcua' });
  assert.equal(inbox.status, 200);
  assert.ok(inbox.body.items.some((i: { id: string }) => i.id === d.id), 'in the one-stop desk\'s inbox');
  const list = await t.app.inject({ method: 'GET', url: '/can-bo/ho-so', headers: { cookie: await t.login('motcua') } });
  assert.match(list.body, /Nộp trên Cổng Dịch vụ công quốc gia/, 'marked in the desk\'s list');
  const view = await call(t, 'GET', `/api/v1/dossiers/${d.id}`, { as: 'motcua' });
  assert.equal(view.body.externalCode, body.MaHoSo);
  assert.deepEqual(view.body.allowedActions.slice(0, 2), ['receive_online', 'refuse_receipt']);
  const files = view.body.files as { id: number; componentCode: string; fileName: string; contentType: string }[];
  assert.deepEqual(files.map((f) => [f.componentCode, f.fileName, f.contentType]).sort(), [
    ['GIAY_CHUNG_SINH', 'giay-chung-sinh.png', 'image/png'], ['TO_KHAI', 'to-khai.pdf', 'application/pdf'],
  ]);
  const cookie = await t.login('motcua');
  for (const f of files) {
    const res: { statusCode: number; rawPayload: Buffer } = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/files/${f.id}`, headers: { cookie } });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.rawPayload, f.componentCode === 'TO_KHAI' ? PDF : PNG);
  }
  // Stored encrypted like every upload (vault), and left for the digitisation sweep (a file with no job yet).
  const stored = await t.db.selectFrom('files').select(['wrapped_key', 'key_version']).where('sha256', 'in', (await t.db.selectFrom('dossier_files')
    .select('sha256').where('dossier_id', '=', d.id).execute()).map((f) => f.sha256)).execute();
  assert.equal(stored.length, 2);
  for (const s of stored) assert.ok(s.wrapped_key && s.key_version !== null, 'sealed by the vault');
  const unswept = await filesWithoutJob(t.db, 0, 10_000, []);
  assert.equal(unswept.filter((f) => f.dossier_id === d.id).length, 2);

  // The staff page says where it came from, and who filed it in the timeline.
  const page = await t.app.inject({ method: 'GET', url: `/can-bo/ho-so/${d.id}`, headers: { cookie: await t.login('motcua') } });
  assert.equal(page.statusCode, 200);
  assert.ok(page.body.includes('Trực tuyến, trên Cổng Dịch vụ công quốc gia'));
  assert.ok(page.body.includes(`Mã hồ sơ trên Cổng Dịch vụ công quốc gia`));
  assert.ok(page.body.includes('Cổng Dịch vụ công quốc gia — Hệ thống'), 'the timeline names the portal');
});

test('a replay answers the same and writes nothing; key order does not matter; another body under the code is 409', async () => {
  const body = hoso();
  const first = await forward(t, body);
  assert.equal(first.status, 200);
  const before = await written(t);
  const again = await forward(t, body);
  assert.deepEqual([again.status, again.body], [200, first.body]);
  const reordered = Object.fromEntries(Object.entries(body).reverse());
  assert.deepEqual((await forward(t, reordered)).body, first.body);
  assert.deepEqual(await written(t), before, 'no second dossier, file or history entry');

  const changed = await forward(t, { ...body, ChuHoSo: 'Lê Thị Hoa' });
  assert.equal(changed.status, 409);
  assert.equal(changed.body.error_code, 'CONFLICT');
  assert.deepEqual(changed.body.errors?.map((e) => e.field), ['MaHoSo']);
  assert.deepEqual(await written(t), before);
});

test('copies of one request arriving at once make one dossier', async () => {
  const body = hoso();
  const before = await written(t);
  const answers = await Promise.all(Array.from({ length: 6 }, () => forward(t, body)));
  for (const a of answers) assert.deepEqual([a.status, a.body.error_code, a.body.MaHoSo], [200, '0', body.MaHoSo]);
  const after = await written(t);
  assert.deepEqual(after, { dossiers: before.dossiers + 1, inbound: before.inbound + 1, events: before.events + 3, files: before.files + 2 });
});

test('only the portal\'s key opens it: no key, a wrong key, our API key, a staff or citizen session → 401, nothing written', async () => {
  const before = await written(t);
  const apiKey = await createApiKey(t.db, { communeId: 'xuan-duong', unitId: null, name: 'Hệ thống thử', roles: ['receiving_officer'] });
  const staff = await t.login('motcua');
  const citizen = await citizenCookie(t, { name: 'Lê Thị Hồng', idNumber: '001190004567' });
  const key = t.outside.portal.inboundKey;
  const callers: { key: string | null; headers?: Record<string, string> }[] = [
    { key: null }, { key: 'sai-khoa' }, { key: key.slice(0, -1) }, { key: `${key}x` }, { key: apiKey },
    { key: null, headers: { cookie: staff } }, { key: null, headers: { cookie: citizen } }, { key: null, headers: { authorization: `Basic ${key}` } },
  ];
  for (const o of callers) {
    const r = await forward(t, hoso(), o);
    assert.equal(r.status, 401, JSON.stringify(o));
    assert.equal(r.body.error_code, 'UNAUTHORIZED');
    assert.match(String(r.headers['content-type']), /^application\/json/, 'the contract\'s shape, not problem+json');
  }
  assert.deepEqual(await written(t), before);
});

test('every field at fault is reported, with the contract\'s code, and nothing is written', async () => {
  const before = await written(t);
  const r = await forward(t, hoso({
    MaHoSo: 'mã có dấu cách', MaTTHC: undefined, SoGiayToChuHoSo: '00119000456', LoaiDoiTuong: 7, SoDienThoai: '12345', Email: 'khong-phai-thu',
    NgayNopHoSo: '20261131103000', TaiKhoanDuocXacThucVoiVNeID: 2, DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '001190009999' }],
    TaiLieuNop: [
      { TepDinhKemId: 'f-1', TenTepDinhKem: 'to-khai.pdf', MaThanhPhanHoSo: 'TO_KHAI', LoaiTep: 'image/png', NoiDungTep: PDF.toString('base64') },
      { TepDinhKemId: 'f-1', TenTepDinhKem: 'a.exe', MaThanhPhanHoSo: 'to khai', LoaiTep: 'application/x-msdownload', NoiDungTep: 'không phải base64' },
    ],
  }));
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.error_code, 'INVALID_FIELD');
  assert.deepEqual(r.body.errors?.map((e) => e.field).sort(), [
    'DinhDanhCHS[0].SoDinhDanh', 'Email', 'LoaiDoiTuong', 'MaHoSo', 'MaTTHC', 'NgayNopHoSo', 'SoDienThoai', 'SoGiayToChuHoSo', 'TaiKhoanDuocXacThucVoiVNeID',
    'TaiLieuNop[0].LoaiTep', 'TaiLieuNop[1].LoaiTep', 'TaiLieuNop[1].MaThanhPhanHoSo', 'TaiLieuNop[1].NoiDungTep', 'TaiLieuNop[1].TepDinhKemId',
  ].sort());
  assert.match(r.body.message, /^Hồ sơ gửi sang có thông tin không hợp lệ: /);
  assert.ok(r.body.message.includes('SoGiayToChuHoSo: '), 'the message names each field too');
  assert.deepEqual(await written(t), before);
});

test('unknown commune or procedure, a procedure not filed online, a component the procedure lacks: refused by name', async () => {
  const before = await written(t);
  const cases: [Record<string, unknown>, number, string, string][] = [
    [{ MaDonViTiepNhan: 'xa-khong-co' }, 422, 'UNKNOWN_UNIT', 'MaDonViTiepNhan'],
    [{ MaTTHC: '9.999999' }, 422, 'UNKNOWN_PROCEDURE', 'MaTTHC'],
    [{ MaTTHC: '2.000815', TaiLieuNop: [] }, 422, 'PROCEDURE_NOT_ONLINE', 'MaTTHC'], // chứng thực bản sao: at the counter only
    [{ MaTTHC: 'CA.LOCAL.001', TaiLieuNop: [] }, 422, 'PROCEDURE_NOT_ONLINE', 'MaTTHC'], // decided by the police: routed
    [{ TaiLieuNop: [{ TepDinhKemId: 'x', TenTepDinhKem: 'x.pdf', MaThanhPhanHoSo: 'KHONG_CO', LoaiTep: 'application/pdf', NoiDungTep: PDF.toString('base64') }] },
      400, 'INVALID_FIELD', 'TaiLieuNop[0].MaThanhPhanHoSo'],
    [{ NgayNopHoSo: '20261207093000' }, 400, 'INVALID_FIELD', 'NgayNopHoSo'], // 30 minutes in the future
  ];
  for (const [over, status, code, field] of cases) {
    const r = await forward(t, hoso(over));
    assert.deepEqual([r.status, r.body.error_code, r.body.errors?.map((e) => e.field)], [status, code, [field]], JSON.stringify(over));
  }
  assert.deepEqual(await written(t), before);
});

test('too large, not JSON, not a dossier: the contract\'s answers', async () => {
  const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
  const r = await forward(t, hoso({ TaiLieuNop: [{ TepDinhKemId: 'f', TenTepDinhKem: 'lon.pdf', MaThanhPhanHoSo: 'TO_KHAI', LoaiTep: 'application/pdf', NoiDungTep: big.toString('base64') }] }));
  assert.deepEqual([r.status, r.body.error_code, r.body.errors?.map((e) => e.field)], [413, 'FILE_TOO_LARGE', ['TaiLieuNop[0].NoiDungTep']]);
  const bad = await forward(t, null, { raw: '{"MaHoSo": ' });
  assert.deepEqual([bad.status, bad.body.error_code], [400, 'INVALID_JSON']);
  const list = await forward(t, [hoso()]);
  assert.deepEqual([list.status, list.body.error_code], [400, 'INVALID_FIELD']);
  const form = await forward(t, null, { raw: 'MaHoSo=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assert.deepEqual([form.status, form.body.error_code], [415, 'UNSUPPORTED_MEDIA_TYPE']);
  const nul = await forward(t, hoso({ ChuHoSo: 'Lê\u0000Hồng' }));
  assert.deepEqual([nul.status, nul.body.error_code], [400, 'INVALID_FIELD']);
});

test('the 15:00 rule applies to the portal\'s filing time: filed Friday 15:30 → due at the end of Monday; 14:30 → Friday', async () => {
  const due: Record<string, string> = {};
  for (const at of ['20261204153000', '20261204143000', '20261205100000']) {
    const body = hoso({ NgayNopHoSo: at });
    assert.equal((await forward(t, body)).status, 200);
    const d = (await dossierOf(body.MaHoSo as string))!;
    const r = await call(t, 'POST', `/api/v1/dossiers/${d.id}/actions/receive_online`, { as: 'motcua', body: {} });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    due[at] = r.body.dueAt;
  }
  assert.equal(due['20261204153000'], vn('2026-12-07T17:00:00'), 'after 15:00 on Friday: the next working day, Monday');
  assert.equal(due['20261204143000'], vn('2026-12-04T17:00:00'), 'before 15:00: that day, although received on Monday');
  assert.equal(due['20261205100000'], vn('2026-12-07T17:00:00'), 'a Saturday filing counts from Monday');
});
