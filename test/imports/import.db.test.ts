// `xaso import dossiers` against a database: a file with bad rows imports the rest and reports every bad row with its
// reasons; imported dossiers keep their codes and times, carry the history entry "Nhập từ hệ thống cũ" written by the
// system with the chain intact (xaso verify), and count in the indicators; a re-run imports nothing twice; a run
// stopped half way continues where it stopped; the sync JSON with nested TienTrinh; the command's output.
import { test } from 'node:test';
import { syncSource } from '../../src/sync/source-store.ts';
import { maHoSo } from '../../src/sync/core/mapping.ts';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { testDb } from '../support/db.ts';
import { runImport } from '../../src/imports/service.ts';
import { runImportCli } from '../../src/imports/cli.ts';
import { verifyDatabase } from '../../src/integrity/verify.ts';
import { chainKey } from '../../src/integrity/key-store.ts';
import { figures } from '../../src/indicators/figures.ts';
import { periodOf } from '../../src/indicators/core/periods.ts';
import { IMPORT_COLUMNS } from '../../src/imports/core/columns.ts';
import { CsvReader } from '../../src/imports/core/csv.ts';
import { act } from '../../src/dossiers/service.ts';
import type { StaffRole } from '../../src/identity/core/principal.ts';

const { db, url } = await testDb();
const C = 'xuan-duong';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-import-'));
const now = () => new Date('2026-12-01T02:00:00Z');
const desk = await db.selectFrom('units').select(['id', 'agency_code']).where('commune_id', '=', C).where('code', '=', 'TTPVHCC').executeTakeFirstOrThrow();
const commune = await db.selectFrom('communes').select('agency_code').where('id', '=', C).executeTakeFirstOrThrow();
const agency = desk.agency_code ?? commune.agency_code;

const HEADER = ['MaHoSo', 'MaTTHC', 'KenhThucHien', 'ChuHoSo', 'SoGiayToChuHoSo', 'TrangThaiHoSo', 'NgayNopHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra', 'DonViXuLy', 'DuocThanhToanTrucTuyen', 'TaiKhoanDuocXacThucVoiVNeID'];
const line = (o: Record<string, string>) => HEADER.map((h) => o[h] ?? '').join(',');
/** A returned birth registration received on 2026-03-<day>. */
const good = (code: string, day: number, extra: Record<string, string> = {}) => ({
  MaHoSo: code, MaTTHC: '1.001193', KenhThucHien: '2', ChuHoSo: 'Trần Thị Cũ', SoGiayToChuHoSo: '001190000777', TrangThaiHoSo: '10',
  NgayNopHoSo: `202603${String(day).padStart(2, '0')}080000`, NgayTiepNhan: `202603${String(day).padStart(2, '0')}090000`,
  NgayHenTra: `202603${String(day + 2).padStart(2, '0')}170000`, NgayKetThucXuLy: `202603${String(day + 1).padStart(2, '0')}100000`,
  NgayTra: `202603${String(day + 1).padStart(2, '0')}150000`, DonViXuLy: 'VHXH', DuocThanhToanTrucTuyen: '1', TaiKhoanDuocXacThucVoiVNeID: '1', ...extra,
});
const write = (name: string, rows: Record<string, string>[]) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, [HEADER.join(','), ...rows.map(line)].join('\r\n') + '\r\n');
  return file;
};
/** The report of rejected rows, read back as CSV. */
const readReport = (file: string) => {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.startsWith('\ufeff'), 'UTF-8 with a byte-order mark');
  const r = new CsvReader();
  return [...r.push(text), ...r.end()];
};
const kept = `${agency}-260305-9001`;
const rows = [
  good(kept, 5),
  good('CU-0002', 6),
  good('CU-BAD-1', 7, { MaTTHC: '9.999999' }), // unknown procedure
  good('CU-BAD-2', 8, { NgayTra: '' }), // returned without NgayTra
  good('CU-0003', 9, { TrangThaiHoSo: '4', NgayKetThucXuLy: '', NgayTra: '', DuocThanhToanTrucTuyen: '' }), // still processing
  good('CU-BAD-3', 10, { SoGiayToChuHoSo: '12345', KenhThucHien: '7' }), // two faults
  good('CU-0002', 11), // the same code twice in the file
];
const first = write('lich-su.csv', rows);

test('a file with bad rows: the good ones are imported, every bad row is reported with all its reasons', async () => {
  const s = await runImport(db, { file: first, communeId: C, format: 'csv', now });
  assert.equal(s.status, 'done');
  assert.deepEqual({ imported: s.imported, rejected: s.rejected, skipped: s.skipped, total: s.total }, { imported: 3, rejected: 4, skipped: 0, total: 7 });
  const report = readReport(`${first}.loi.csv`);
  assert.deepEqual(report[0], ['Dòng', 'MaHoSo', 'Lý do']);
  const lines = report.slice(1).map((r) => r.join('|'));
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /^4\|CU-BAD-1\|Mã thủ tục "9\.999999" không có trong danh mục/);
  assert.match(lines[1]!, /^5\|CU-BAD-2\|.*phải có NgayTra/);
  assert.match(lines[2]!, /^7\|CU-BAD-3\|.*KenhThucHien.*12 chữ số|^7\|CU-BAD-3\|.*12 chữ số.*KenhThucHien/);
  assert.match(lines[3]!, /^8\|CU-0002\|Mã hồ sơ trùng với dòng 3/);
  assert.ok(!lines.join().includes('12345'), 'the ID number is not repeated');
});

test('imported dossiers keep their codes and times, are marked imported by the system, and the chain verifies', async () => {
  const ds = await db.selectFrom('dossiers as d').innerJoin('imported_dossiers as i', 'i.dossier_id', 'd.id')
    .select(['i.source_code', 'd.code', 'd.external_code', 'd.state', 'd.received_at', 'd.returned_at', 'd.current_unit_id', 'd.event_count', 'd.id', 'd.authenticated_with_eid'])
    .where('i.commune_id', '=', C).orderBy('i.row_no').execute();
  assert.deepEqual(ds.map((d) => [d.source_code, d.code, d.external_code, d.state]), [[kept, kept, null, 10], ['CU-0002', null, 'CU-0002', 10], ['CU-0003', null, 'CU-0003', 4]]);
  assert.equal(ds[0]!.received_at!.toISOString(), '2026-03-05T02:00:00.000Z');
  assert.equal(ds[0]!.returned_at!.toISOString(), '2026-03-06T08:00:00.000Z');
  assert.ok(ds.every((d) => d.event_count === 1 && d.authenticated_with_eid));
  const ev = await db.selectFrom('dossier_events').selectAll().where('dossier_id', '=', ds[0]!.id).execute();
  assert.equal(ev.length, 1);
  assert.equal(ev[0]!.action, 'import_legacy');
  assert.equal(ev[0]!.actor_id, 'system:nhap-du-lieu');
  assert.equal((ev[0]!.payload as { note: string }).note, 'Nhập từ hệ thống cũ');
  // The still-open dossier is at the unit named, which sees it.
  const open = ds[2]!;
  const unit = await db.selectFrom('dossier_units').select('unit_id').where('dossier_id', '=', open.id).executeTakeFirstOrThrow();
  assert.equal(unit.unit_id, open.current_unit_id);
  // The day's counter of the desk continues after the kept code's sequence.
  const counter = await db.selectFrom('dossier_code_counters').select('last_seq').where('receiving_unit_id', '=', desk.id).where('day', '=', '2026-03-05').executeTakeFirstOrThrow();
  assert.ok(counter.last_seq >= 9001);
  const v = await verifyDatabase(db, chainKey(), null);
  assert.deepEqual(v.breaks, []);
});

test('imported dossiers count in the indicators (facts written, rollup rebuilt)', async () => {
  const facts = await db.selectFrom('indicator_facts').select(['counts', 'channel']).where('dossier_id', 'in',
    db.selectFrom('imported_dossiers').select('dossier_id')).execute();
  assert.equal(facts.length, 3);
  assert.ok(facts.every((f) => f.counts.includes('received') && f.counts.includes('eid')));
  const built = await db.selectFrom('indicator_rollup_built').select('commune_id').where('commune_id', '=', C).executeTakeFirst();
  assert.ok(built);
  const march = await figures(db, { communeId: C, procedureCode: '1.001193' }, periodOf({ year: 2026, month: 3 }));
  const viaFacts = await figures(db, { communeId: C, procedureCode: '1.001193' }, periodOf({ year: 2026, month: 3 }), { via: 'facts' });
  assert.deepEqual(march.tally, viaFacts.tally);
  assert.ok((march.counts.received ?? 0) >= 3);
});

test('re-running the same file or a file with the same rows imports nothing twice', async () => {
  const before = await db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const again = await runImport(db, { file: first, communeId: C, format: 'csv', now });
  assert.equal(again.status, 'already_done');
  const other = write('lich-su-2.csv', [...rows, good('CU-0004', 12)]);
  const s = await runImport(db, { file: other, communeId: C, format: 'csv', now });
  assert.deepEqual({ imported: s.imported, skipped: s.skipped, rejected: s.rejected }, { imported: 1, skipped: 3, rejected: 4 });
  const after = await db.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(after.n), Number(before.n) + 1);
});

test('a run stopped after a batch continues where it stopped, with nothing twice', async () => {
  const many = Array.from({ length: 25 }, (_, i) => good(`R-${i}`, 1 + (i % 20)));
  const file = write('dung-giua-chung.csv', many);
  let batches = 0;
  const stopped = await runImport(db, { file, communeId: C, format: 'csv', now, batchSize: 10, stopRequested: () => ++batches >= 1 });
  assert.equal(stopped.status, 'stopped');
  assert.equal(stopped.position, 10);
  const run = await db.selectFrom('import_runs').select(['position', 'status', 'imported']).where('file_name', '=', 'dung-giua-chung.csv').executeTakeFirstOrThrow();
  assert.deepEqual(run, { position: 10, status: 'running', imported: 10 });
  const seen: number[] = [];
  const resumed = await runImport(db, { file, communeId: C, format: 'csv', now, batchSize: 10, onProgress: (p) => seen.push(p.done) });
  assert.equal(resumed.status, 'done');
  assert.deepEqual(seen, [20, 25]); // from row 11 on
  assert.equal(resumed.imported, 25);
  const n = await db.selectFrom('imported_dossiers').select((eb) => eb.fn.countAll<number>().as('n')).where('source_code', 'like', 'R-%').executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 25);
});

test('a crash inside a batch loses only that batch: the rerun imports it once', async () => {
  const file = write('su-co.csv', Array.from({ length: 15 }, (_, i) => good(`K-${i}`, 1 + i)));
  // The database refuses a row of the second batch (a constraint planted by the owner): its transaction fails after
  // the dossiers before that row were sent, as a crash half way through the batch would.
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  await owner.query(`ALTER TABLE indicator_facts ADD CONSTRAINT test_crash CHECK (procedure_code <> '1.001193' OR received_at < '2026-03-13') NOT VALID`);
  await assert.rejects(runImport(db, { file, communeId: C, format: 'csv', now, batchSize: 10 }), /test_crash/);
  await owner.query('ALTER TABLE indicator_facts DROP CONSTRAINT test_crash');
  await owner.end();
  const run = await db.selectFrom('import_runs').select(['position', 'imported']).where('file_name', '=', 'su-co.csv').executeTakeFirstOrThrow();
  assert.deepEqual(run, { position: 10, imported: 10 });
  const s = await runImport(db, { file, communeId: C, format: 'csv', now, batchSize: 10 });
  assert.equal(s.imported, 15);
  const n = await db.selectFrom('imported_dossiers').select((eb) => eb.fn.countAll<number>().as('n')).where('source_code', 'like', 'K-%').executeTakeFirstOrThrow();
  assert.equal(Number(n.n), 15);
});

test('the sync JSON: an array of HoSo with TienTrinh nested, kept in the history entry', async () => {
  const file = path.join(dir, 'dong-bo.json');
  fs.writeFileSync(file, JSON.stringify([
    { ...good('J-1', 3), TrangThaiHoSo: 10, KenhThucHien: 2, TienTrinh: [{ NguoiXuLy: 'Cán bộ cũ', NoiDungXuLy: 'Tiếp nhận hồ sơ', ThoiDiemXuLy: '20260303090000', TrangThai: 2 }] },
    { ...good('J-2', 4), NgayTiepNhan: 'hôm qua' },
  ]));
  const s = await runImport(db, { file, communeId: C, format: 'json', now });
  assert.deepEqual({ imported: s.imported, rejected: s.rejected }, { imported: 1, rejected: 1 });
  assert.deepEqual(readReport(`${file}.loi.csv`), [['Hồ sơ thứ', 'MaHoSo', 'Lý do'], ['2', 'J-2', 'NgayTiepNhan "hôm qua" không đúng định dạng yyyyMMddHHmmss.']]);
  const ev = await db.selectFrom('dossier_events as e').innerJoin('imported_dossiers as i', 'i.dossier_id', 'e.dossier_id').select('e.payload')
    .where('i.source_code', '=', 'J-1').executeTakeFirstOrThrow();
  assert.deepEqual((ev.payload as { history: unknown[] }).history, [{ NguoiXuLy: 'Cán bộ cũ', ThoiDiemXuLy: '20260303090000', NoiDungXuLy: 'Tiếp nhận hồ sơ', TrangThai: '2' }]);
});

test('the command: dry run writes nothing; usage lists the columns; the summary is Vietnamese', async () => {
  const file = write('thu.csv', [good('D-1', 2), good('D-2', 3, { TrangThaiHoSo: '0' })]);
  const out: string[] = [];
  const progress: string[] = [];
  const open = async () => ({ db, close: async () => {} }) as never;
  const io = { progress: { write: (s: string) => void progress.push(s), isTTY: false }, onInterrupt: () => () => {} };
  assert.equal(await runImportCli(['dossiers', file, '--commune', C, '--dry-run'], (s) => out.push(s), open, io), 0);
  assert.match(out.join('\n'), /Kiểm tra \(không ghi gì\) 2 dòng.*\n.*1 hồ sơ sẽ được nhập, 0 hồ sơ đã có từ trước \(bỏ qua\), 1 dòng bị từ chối/);
  assert.match(progress.join(''), /100 % 2\/2 dòng · .* dòng\/giây/);
  const d1 = await db.selectFrom('imported_dossiers').select('source_code').where('source_code', '=', 'D-1').executeTakeFirst();
  assert.equal(d1, undefined);
  out.length = 0;
  assert.equal(await runImportCli(['dossiers', file, '--commune', C], (s) => out.push(s), open, io), 0);
  assert.match(out.join('\n'), /Đã nhập 2 dòng vào xã xuan-duong.*\n {2}1 hồ sơ đã nhập.*1 dòng bị từ chối\.\n {2}Danh sách dòng bị từ chối và lý do: .*thu\.csv\.loi\.csv/);
  out.length = 0;
  assert.equal(await runImportCli(['dossiers'], (s) => out.push(s), open, io), 2);
  for (const c of IMPORT_COLUMNS) assert.ok(out.join('\n').includes(c.name), c.name);
});

test('an imported dossier still open continues in Xã Số: the next action chains on the import entry', async () => {
  const file = write('dang-mo.csv', [good('OPEN-1', 20, { TrangThaiHoSo: '2', NgayKetThucXuLy: '', NgayTra: '', DonViXuLy: '' })]);
  assert.equal((await runImport(db, { file, communeId: C, format: 'csv', now })).imported, 1);
  const id = (await db.selectFrom('imported_dossiers').select('dossier_id').where('source_code', '=', 'OPEN-1').executeTakeFirstOrThrow()).dossier_id;
  const s = await db.selectFrom('staff as s').innerJoin('units as u', 'u.id', 's.unit_id').select(['s.id', 's.full_name', 's.unit_id', 'u.code', 's.roles'])
    .where('s.username', '=', 'motcua').executeTakeFirstOrThrow();
  const principal = { kind: 'staff' as const, id: s.id, name: s.full_name, communeId: C, unitId: s.unit_id, unitCode: s.code, roles: s.roles as StaffRole[] };
  const w = await db.transaction().execute((trx) => act(trx, principal, id, 'assign', { unitCode: 'VHXH' }, new Date('2026-12-01T03:00:00Z')));
  assert.equal(w.event.seq, 2);
  assert.equal(w.row.state, 4);
  assert.equal(w.event.prev_hash, (await db.selectFrom('dossier_events').select('hash').where('dossier_id', '=', id).where('seq', '=', 1).executeTakeFirstOrThrow()).hash);
  assert.deepEqual((await verifyDatabase(db, chainKey(), null)).breaks, []);
  // Synced by the earlier system: the portal holds it, so the change here is the dossier's second message, an update
  // carrying only the new step, under the code the portal knows (the original one: it had no code of ours).
  const sync = await db.selectFrom('dossier_sync').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
  assert.ok(sync.created_acked_at, 'counts as synced (766 1.4)');
  const [m] = await db.selectFrom('sync_messages').selectAll().where('dossier_id', '=', id).execute();
  assert.deepEqual([m!.seq, m!.kind, m!.first_step, m!.event_seq], [2, 'update', 2, 2]);
  const source = await syncSource(db, id);
  assert.equal(source && maHoSo(source), 'OPEN-1');
});
