// Open data: recognisable personal data planted in dossiers (imported and filed at the counter), a petition and a
// rating never appear in any open-data file or page; small counts are withheld; the DCAT record lists every dataset
// with licence, frequency, distributions and schema, and every link in it answers; caching headers; no login needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testApp } from '../support/app.ts';
import { runImport } from '../../src/imports/service.ts';
import { filePetition } from '../../src/petitions/service.ts';
import { saveRating } from '../../src/ratings/service.ts';
import { createDossier } from '../../src/dossiers/service.ts';
import { CsvReader } from '../../src/imports/core/csv.ts';
import { DATASETS } from '../../src/opendata/core/datasets.ts';
import type { Principal, StaffRole } from '../../src/identity/core/principal.ts';

const t = await testApp();
const C = 'xuan-duong';
const now = new Date('2026-12-01T03:00:00Z');
t.setNow(now.toISOString());

// ── Planted personal data ──────────────────────────────────────────────────────────────────────────────
const SECRET = {
  name: 'Phạm Thị Bímật', id: '079912345678', phone: '0912345678', email: 'bimat.rieng@example.vn', summary: 'Nội dung riêng tư ZXQ',
  petitioner: 'Lưu Văn Phảnánh', petitionText: 'Tôi phản ánh chuyện riêng QWERTY', petitionContact: '0987654321',
  comment: 'Bình luận bí mật ASDFG', counterName: 'Võ Thị Quầyriêng', counterId: '001234567890',
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-opendata-'));
const header = 'MaHoSo,MaTTHC,KenhThucHien,ChuHoSo,SoGiayToChuHoSo,TrangThaiHoSo,NgayNopHoSo,NgayTiepNhan,NgayHenTra,NgayKetThucXuLy,NgayTra,SoDienThoai,Email,TrichYeuHoSo';
const row = (code: string, proc: string, month: string, day: number) => {
  const d = (n: number, h: string) => `2025${month}${String(n).padStart(2, '0')}${h}`;
  return [code, proc, '1', SECRET.name, SECRET.id, '10', d(day, '080000'), d(day, '090000'), d(day + 3, '170000'), d(day + 1, '100000'), d(day + 2, '090000'),
    SECRET.phone, SECRET.email, SECRET.summary].join(',');
};
const file = path.join(dir, 'cu.csv');
fs.writeFileSync(file, [header,
  row('BIMAT-A1', '1.001193', '08', 4), row('BIMAT-A2', '1.001193', '08', 5), row('BIMAT-A3', '1.001193', '08', 6), // 3: published
  row('BIMAT-B1', '2.000815', '09', 8), row('BIMAT-B2', '2.000815', '09', 9), // 2: withheld
].join('\n') + '\n');
const imported = await runImport(t.db, { file, communeId: C, format: 'csv', now: () => now });
assert.equal(imported.imported, 5);
const ratedId = (await t.db.selectFrom('imported_dossiers').select('dossier_id').where('source_code', '=', 'BIMAT-A1').executeTakeFirstOrThrow()).dossier_id;
await saveRating(t.db, ratedId, { overall: 'dissatisfied', criteria: {}, comment: SECRET.comment }, now, 'portal');
await t.db.transaction().execute((trx) => filePetition(trx, C, { content: SECRET.petitionText, name: SECRET.petitioner, contact: SECRET.petitionContact, channel: 'portal', dossierCode: undefined }, now));
const officer = await t.db.selectFrom('staff as s').innerJoin('units as u', 'u.id', 's.unit_id').select(['s.id', 's.full_name', 's.unit_id', 'u.code', 's.roles'])
  .where('s.commune_id', '=', C).where('u.code', '=', 'TTPVHCC').where('s.username', '=', 'motcua').executeTakeFirstOrThrow();
const principal: Principal = { kind: 'staff', id: officer.id, name: officer.full_name, communeId: C, unitId: officer.unit_id, unitCode: officer.code, roles: officer.roles as StaffRole[] };
const counter = await t.db.transaction().execute((trx) => createDossier(trx, { principal }, 'receive_counter',
  { procedureCode: '2.000815', applicant: { name: SECRET.counterName, idNumber: SECRET.counterId, phone: '0911222333', address: 'Số 7 ngõ Bí Mật' }, channel: 'direct' }, {}, now));
const counterCode = counter.row.code!;

// ── Everything open data publishes ─────────────────────────────────────────────────────────────────────
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const files = DATASETS.flatMap((d) => [`${d.id}.csv`, `${d.id}.json`, `${d.id}.schema.json`]);
const urls = ['/du-lieu-mo', '/du-lieu-mo/catalog.jsonld', '/api/v1/open-data/catalog', ...files.flatMap((f) => [`/du-lieu-mo/${f}`, `/api/v1/open-data/${f}`])];

test('no personal data in any open-data file or page (names, ID numbers, phones, e-mails, free text, dossier codes)', async () => {
  const needles = [...Object.values(SECRET), '0911222333', 'Bí Mật', counterCode, 'BIMAT-', '079912', '5678'];
  for (const url of urls) {
    const r = await get(url);
    assert.equal(r.statusCode, 200, url);
    const body = r.body.normalize('NFC');
    for (const n of needles) assert.ok(!body.includes(n.normalize('NFC')), `${url} contains "${n}"`);
  }
});

const csv = (text: string) => { const r = new CsvReader(); return [...r.push(text), ...r.end()]; };

test('counts per procedure and month: the planted months appear, counts of 1–2 are withheld', async () => {
  const rows = csv((await get('/du-lieu-mo/ho-so-theo-thu-tuc-thang.csv')).body);
  const head = rows[0]!;
  const at = (r: string[], name: string) => r[head.indexOf(name)];
  const aug = rows.find((r) => at(r, 'thang') === '2025-08' && at(r, 'ma_thu_tuc') === '1.001193')!;
  assert.deepEqual(['tiep_nhan', 'giai_quyet_xong', 'dung_han', 'tre_han', 'da_tra_ket_qua'].map((c) => at(aug, c)), ['3', '3', '3', '0', '3']);
  assert.match(at(aug, 'ten_thu_tuc')!, /khai sinh/i);
  const sep = rows.find((r) => at(r, 'thang') === '2025-09' && at(r, 'ma_thu_tuc') === '2.000815')!;
  assert.deepEqual(['tiep_nhan', 'giai_quyet_xong', 'da_tra_ket_qua', 'tiep_nhan_truc_tuyen'].map((c) => at(sep, c)), ['', '', '', '0']);
  const json = JSON.parse((await get('/du-lieu-mo/ho-so-theo-thu-tuc-thang.json')).body) as Record<string, unknown>[];
  const sepJson = json.find((r) => r.thang === '2025-09' && r.ma_thu_tuc === '2.000815')!;
  assert.equal(sepJson.tiep_nhan, null);
});

test('the DCAT record: every dataset with licence, frequency, publisher and CSV/JSON distributions whose links and schemas answer', async () => {
  const r = await get('/du-lieu-mo/catalog.jsonld');
  assert.match(String(r.headers['content-type']), /application\/ld\+json/);
  const cat = JSON.parse(r.body) as { '@type': string; 'dcat:dataset': Record<string, unknown>[] };
  assert.equal(cat['@type'], 'dcat:Catalog');
  assert.deepEqual(cat['dcat:dataset'].map((d) => d['dct:identifier']), DATASETS.map((d) => d.id));
  for (const d of cat['dcat:dataset']) {
    assert.equal(d['dct:license'], 'https://creativecommons.org/licenses/by/4.0/');
    assert.match(String(d['dct:accrualPeriodicity']), /^http:\/\/purl\.org\/cld\/freq\//);
    assert.match(JSON.stringify(d['dct:publisher']), /Ủy ban nhân dân xã Xuân Dương/);
    const dist = d['dcat:distribution'] as Record<string, string>[];
    assert.deepEqual(dist.map((x) => x['dcat:mediaType']), ['text/csv', 'application/json']);
    for (const x of dist) {
      const file = await get(new URL(x['dcat:downloadURL']!).pathname);
      assert.equal(file.statusCode, 200, x['dcat:downloadURL']);
      const schema = JSON.parse((await get(new URL(x['dct:conformsTo']!).pathname)).body) as { fields: { name: string }[] };
      const names = schema.fields.map((f) => f.name);
      if (x['dcat:mediaType'] === 'text/csv') assert.deepEqual(csv(file.body)[0], names);
      else for (const o of JSON.parse(file.body) as object[]) assert.deepEqual(Object.keys(o), names);
    }
  }
});

test('the catalogue dataset: every procedure in force, with fees and forms; the 766 and targets datasets', async () => {
  const procs = JSON.parse((await get('/du-lieu-mo/thu-tuc-hanh-chinh.json')).body) as Record<string, unknown>[];
  const birth = procs.find((p) => p.ma_thu_tuc === '1.001193')!;
  assert.match(String(birth.ten_thu_tuc), /khai sinh/i);
  assert.match(String(birth.mau_don_to_khai), /Tờ khai/);
  assert.ok(procs.length > 20);
  const idx = JSON.parse((await get('/du-lieu-mo/chi-so-766.json')).body) as Record<string, unknown>[];
  assert.ok(idx.some((i) => i.ma_chi_so === '2.1' && i.nam === 2025 && i.trang_thai === 'da_tinh'));
  const targets = JSON.parse((await get('/du-lieu-mo/chi-tieu-ke-hoach.json')).body) as Record<string, unknown>[];
  assert.ok(targets.length >= 5 && targets.every((x) => typeof x.muc_tieu === 'number'));
});

test('caching: public, an ETag, 304 when it matches; CSV as an attachment', async () => {
  const r = await get('/du-lieu-mo/chi-so-766.csv');
  assert.match(String(r.headers['cache-control']), /^public, max-age=\d+$/);
  assert.match(String(r.headers['content-disposition']), /attachment; filename="chi-so-766\.csv"/);
  assert.ok(r.body.startsWith('\ufeff'));
  const again = await get('/du-lieu-mo/chi-so-766.csv', { 'if-none-match': String(r.headers.etag) });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
});

test('public without login; an unknown dataset is 404, a bad name 400 (problem+json)', async () => {
  const missing = await get('/api/v1/open-data/khong-co.csv');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().code, 'NOT_FOUND');
  const bad = await get('/api/v1/open-data/..%2Fsecret');
  assert.equal(bad.statusCode, 400);
  const page = await get('/du-lieu-mo');
  for (const d of DATASETS) assert.ok(page.body.includes(d.title), d.title);
  assert.match(page.body, /CC BY 4\.0/);
  assert.match(page.body, /href="\/du-lieu-mo\/catalog\.jsonld"/);
});
