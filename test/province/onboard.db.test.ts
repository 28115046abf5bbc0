// Onboarding a commune (`xaso commune add`, province/onboard.ts) on a real database: the example file of the docs is
// accepted; every error is reported with its JSON path and nothing is written; one transaction (a failure half-way
// leaves nothing); a repeated run changes and duplicates nothing; an existing commune is updated; a desk support
// point for each receiving unit; the commune's calendar days and catalogue choices stored; the dry run writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDb } from '../support/db.ts';
import { passwordHash } from '../support/staff.ts';
import { runCommuneCli } from '../../src/province/cli.ts';
import { parseCommuneFile, readCommuneFile } from '../../src/province/core/commune-file.ts';
import { onboardCommune } from '../../src/province/onboard.ts';
import { notOfferedCodes, offeredProcedureCodes } from '../../src/province/choices-store.ts';
import { verify } from '@node-rs/argon2';

const { db } = await testDb();
const EXAMPLE = path.join(import.meta.dirname, '../../docs/examples/commune.json');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaso-commune-'));
const open = async () => ({ db, readDb: db, close: async () => {} }) as never;

async function cli(...args: string[]) {
  const out: string[] = [];
  const code = await runCommuneCli(args, (s) => out.push(s), open);
  return { code, out: out.join('\n') };
}
const write = (name: string, json: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof json === 'string' ? json : JSON.stringify(json, null, 2));
  return file;
};
const count = async (table: 'communes' | 'units' | 'staff' | 'support_points' | 'commune_procedure_choices' | 'calendar_days') =>
  Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => Object.fromEntries(await Promise.all(
  (['communes', 'units', 'staff', 'support_points', 'commune_procedure_choices', 'calendar_days'] as const).map(async (t) => [t, await count(t)]),
));

test('every error of the file, with its JSON path, and nothing written', async () => {
  const before = await counts();
  const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  const bad = {
    ...example, id: 'Phu Xuyen', agencyCodeIsDemo: 'có', extra: 1,
    officeHours: [{ start: '13:30', end: '11:00' }],
    units: [...example.units, { code: 'vp', name: '', receivesDossiers: false, agencyCode: '000.X.H55' }],
    staff: [...example.staff, { username: 'admin', fullName: 'Trùng tên', unit: 'KHONGCO', roles: ['specialist', 'province_admin', 'x'] }],
    calendar: [{ date: '2027-02-30', type: 'NGHI', name: 'Sai', source: '' }],
    catalogue: { notOffered: ['1.001193', 'KHONG.CO.999', 'sai mã'] },
  };
  const r = await cli('add', write('bad.json', bad));
  assert.equal(r.code, 1);
  for (const line of [
    'id: Mã xã chỉ gồm chữ thường',
    'agencyCodeIsDemo: Trường agencyCodeIsDemo',
    'extra: Trường "extra" không được hỗ trợ',
    'officeHours[0]: Giờ kết thúc phải sau giờ bắt đầu',
    'units[4].code: Mã đơn vị chỉ gồm chữ in hoa',
    'units[4].name: Thiếu tên đơn vị',
    'units[4].agencyCode: Chỉ đơn vị tiếp nhận hồ sơ mới có mã định danh điện tử riêng',
    'staff[5].unit: Không có đơn vị mã "KHONGCO"',
    'staff[5].roles[1]: Vai trò quản trị cấp tỉnh không được giao qua tệp của xã',
    'staff[5].roles[2]: Vai trò không đúng',
    'calendar[0].date: Ngày viết dạng YYYY-MM-DD',
    'calendar[0].type: Loại ngày không đúng',
    'calendar[0].source: Thiếu văn bản căn cứ',
    'catalogue.notOffered[2]: Mã thủ tục gồm chữ in hoa',
  ]) assert.ok(r.out.includes(line), `${line}\n--- in ---\n${r.out}`);
  assert.match(r.out, /Tệp có \d+ lỗi, chưa ghi gì:/);

  // The checks that need the database: a username of another commune, an unknown procedure, no administrator.
  const taken = await cli('add', write('taken.json', {
    ...example, staff: [{ username: 'motcua', fullName: 'Trùng', unit: 'TTPVHCC', roles: ['receiving_officer'] }], catalogue: { notOffered: ['KHONG.CO.999'] },
  }));
  assert.equal(taken.code, 1);
  assert.match(taken.out, /staff\[0\]\.username: Tên đăng nhập "motcua" đã được dùng ở xã khác/);
  assert.match(taken.out, /catalogue\.notOffered\[0\]: Danh mục không có thủ tục mã "KHONG\.CO\.999"/);
  assert.match(taken.out, /staff: Xã mới cần ít nhất một cán bộ có vai trò quản trị hệ thống/);
  assert.match((await cli('add', write('syntax.json', '{ "id": "a", }'))).out, /\(toàn tệp\): Tệp không phải JSON hợp lệ \(dòng 1, cột \d+\)/);
  assert.deepEqual(await counts(), before, 'nothing written');
  assert.equal((await cli('add')).code, 2);
  assert.equal((await cli('add', path.join(dir, 'khong-co.json'))).code, 1);
});

test('the example file: dry run, then one transaction, then a re-run that changes nothing', async () => {
  const before = await counts();
  const dry = await cli('add', EXAMPLE, '--dry-run');
  assert.equal(dry.code, 0, dry.out);
  assert.match(dry.out, /chạy thử, không ghi gì/);
  assert.match(dry.out, /Sẽ có \d+ thay đổi/);
  assert.doesNotMatch(dry.out, /Mật khẩu dùng một lần/, 'no password from a dry run');
  assert.deepEqual(await counts(), before, 'the dry run wrote nothing');

  const run = await cli('add', EXAMPLE);
  assert.equal(run.code, 0, run.out);
  assert.match(run.out, /Thêm xã Xã Phú Xuyên \(ví dụ\)/);
  assert.match(run.out, /Tạo điểm hỗ trợ Bộ phận Một cửa cho đơn vị TTPVHCC/);
  const passwords = [...run.out.matchAll(/^ {2}(px\.[a-z]+): (\S{12})$/gm)].map((m) => [m[1]!, m[2]!] as const);
  assert.equal(passwords.length, 5, 'a one-time password per new account, printed once');
  const admin = await db.selectFrom('staff').select([passwordHash(), 'roles', 'unit_id', 'commune_id']).where('username', '=', 'px.admin').executeTakeFirstOrThrow();
  assert.ok(await verify(admin.password_hash, passwords.find(([u]) => u === 'px.admin')![1]), 'the printed password opens the account');
  assert.deepEqual([admin.roles, admin.commune_id], [['admin'], 'phu-xuyen']);

  const commune = await db.selectFrom('communes').selectAll().where('id', '=', 'phu-xuyen').executeTakeFirstOrThrow();
  assert.deepEqual([commune.province, commune.agency_code, commune.agency_code_is_demo, commune.phone], ['Thái Nguyên', '000.DEMO.PX.H55', true, '02083877100']);
  assert.deepEqual(commune.office_hours, [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }]);
  const points = await db.selectFrom('support_points as s').innerJoin('units as u', 'u.id', 's.unit_id').select(['s.kind', 'u.code']).where('s.commune_id', '=', 'phu-xuyen').execute();
  assert.deepEqual(points, [{ kind: 'desk', code: 'TTPVHCC' }], 'a desk support point for the receiving unit');
  const day = await db.selectFrom('calendar_days').select(['type', 'name']).where('scope', '=', 'commune').where('scope_id', '=', 'phu-xuyen').execute();
  assert.deepEqual(day, [{ type: 'HOLIDAY', name: 'Lễ hội truyền thống của xã (ví dụ)' }]);
  assert.deepEqual([...await notOfferedCodes(db, 'phu-xuyen')].sort(), ['DD.LOCAL.003', 'XD.LOCAL.002']);
  const offered = await offeredProcedureCodes(db, 'phu-xuyen');
  assert.ok(offered.has('1.001193') && !offered.has('DD.LOCAL.003'));
  assert.ok((await offeredProcedureCodes(db, 'xuan-duong')).has('DD.LOCAL.003'), 'another commune is not affected');

  const after = await counts();
  const again = await cli('add', EXAMPLE);
  assert.equal(again.code, 0);
  assert.match(again.out, /Không có gì thay đổi/);
  assert.doesNotMatch(again.out, /Mật khẩu dùng một lần/);
  assert.deepEqual(await counts(), after, 're-running the same file duplicates nothing');
  const hash = (await db.selectFrom('staff').select(passwordHash()).where('username', '=', 'px.admin').executeTakeFirstOrThrow()).password_hash;
  assert.equal(hash, admin.password_hash, 'an account keeps its password');
});

test('an existing commune is updated, not duplicated; choices can be taken back', async () => {
  const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
  const changed = {
    ...example, name: 'Xã Phú Xuyên', agencyCodeIsDemo: false,
    units: [...example.units, { code: 'BUUDIEN', name: 'Điểm tiếp nhận thứ hai', receivesDossiers: true }],
    staff: example.staff.map((s: { username: string }) => (s.username === 'px.hotich' ? { ...s, title: 'Công chức Tư pháp - Hộ tịch (mới)' } : s)),
    catalogue: { notOffered: ['XD.LOCAL.002'] },
  };
  const before = await counts();
  const r = await cli('add', write('changed.json', changed));
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /Sửa thông tin xã: name, agencyCodeIsDemo/);
  assert.match(r.out, /Sửa cán bộ Đinh Văn Toàn \(px\.hotich\)/);
  assert.match(r.out, /Tiếp nhận lại thủ tục DD\.LOCAL\.003/);
  assert.match(r.out, /Đã ghi 5 thay đổi/);
  const after = await counts();
  assert.deepEqual([after.communes, after.units, after.staff, after.support_points], [before.communes, before.units + 1, before.staff, before.support_points + 1]);
  assert.deepEqual([...await notOfferedCodes(db, 'phu-xuyen')], ['XD.LOCAL.002']);
});

test('one transaction: a failure half-way leaves nothing behind', async () => {
  const read = readCommuneFile({
    id: 'nua-chung', name: 'Xã Nửa Chừng', province: 'Thái Nguyên', agencyCode: '000.DEMO.NC.H55', agencyCodeIsDemo: true,
    units: [{ code: 'MC', name: 'Một cửa', receivesDossiers: true }],
    staff: [{ username: 'nc.admin', fullName: 'Người Thử', unit: 'MC', roles: ['admin'] }],
    calendar: [{ date: '2027-05-05', type: 'HOLIDAY', name: 'Ngày thử', source: 'Thử' }],
  });
  assert.ok(read.ok);
  const before = await counts();
  // The calendar row is written after the commune, its unit, desk and staff: make the database refuse it.
  const file = { ...read.file, calendar: [{ ...read.file.calendar[0]!, type: 'NGAY_KHONG_CO' as never }] };
  await assert.rejects(onboardCommune(db, file, { actor: null }));
  assert.deepEqual(await counts(), before, 'the commune, its unit, desk and staff were rolled back');
  assert.equal(parseCommuneFile('[]').ok, false);
});
