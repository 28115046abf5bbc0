// The admin audit trail's pure rules: secrets never recorded, an update keeps only what changed, entries read in
// Vietnamese, and the CSV export cannot smuggle a spreadsheet formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SECRET_MARK, auditEntry, describeChange, toCsv, type AdminChange } from '../../src/audit/core/audit.ts';

const actor = { kind: 'staff' as const, id: 7, name: 'Đỗ Minh Quân', communeId: 'xuan-duong' };
const change = (before: Record<string, unknown> | null, after: Record<string, unknown> | null): AdminChange => ({
  action: 'staff.update', scope: 'commune', scopeId: 'xuan-duong', objectType: 'staff', objectId: '3', objectLabel: 'Lê Thị Hoa (truongvhxh)', before, after,
});

test('an update keeps only the changed fields, both sides; the actor is kept as named then', () => {
  const e = auditEntry(actor, change({ fullName: 'Lê Thị Hoa', roles: ['unit_head'], phone: null }, { fullName: 'Lê Thị Hoa', roles: ['unit_head', 'admin'], phone: null }));
  assert.deepEqual(e.before, { roles: ['unit_head'] });
  assert.deepEqual(e.after, { roles: ['unit_head', 'admin'] });
  assert.equal(e.actorName, 'Đỗ Minh Quân');
  assert.deepEqual(describeChange(e.before, e.after), ['Vai trò: unit_head → unit_head, admin']);
});

test('a creation keeps its whole state; a password is recorded as changed, never its value', () => {
  const e = auditEntry(actor, { ...change(null, { username: 'tuphap2', password: 'mat-khau-moi-1', passwordHash: '$argon2id$v=19$abc' }), action: 'staff.create' });
  assert.deepEqual(e.after, { username: 'tuphap2', password: SECRET_MARK, passwordHash: SECRET_MARK });
  assert.deepEqual(describeChange(e.before, e.after), ['Tên đăng nhập: tuphap2', `Mật khẩu: ${SECRET_MARK}`, `passwordHash: ${SECRET_MARK}`]);
});

test('property: no value of a secret-named field ever reaches the entry, whatever the states', () => {
  const secretKey = fc.constantFrom('password', 'passwordHash', 'password_hash', 'key', 'keyHash', 'secret', 'totpSecret', 'token', 'sessionToken');
  const value = fc.string({ minLength: 6, maxLength: 40 }).map((s) => `S3CR3T-${s}`);
  fc.assert(fc.property(secretKey, value, value, fc.boolean(), (k, v1, v2, creation) => {
    const e = auditEntry(actor, change(creation ? null : { [k]: v1, name: 'a' }, { [k]: v2, name: 'b' }));
    const stored = JSON.stringify([e.before, e.after]);
    assert.ok(!stored.includes('S3CR3T-'), stored);
    assert.ok(stored.includes(SECRET_MARK), 'the change itself is recorded');
  }));
});

test('property: an update entry holds exactly the fields whose values differ', () => {
  const state = fc.dictionary(fc.constantFrom('name', 'title', 'phone', 'roles', 'active'), fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })));
  fc.assert(fc.property(state, state, (a, b) => {
    const e = auditEntry(actor, change(a, b));
    const keys = new Set([...Object.keys(e.before!), ...Object.keys(e.after!)]);
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      assert.equal(keys.has(k), JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null), k);
    }
  }));
});

test('the CSV has a byte-order mark, quotes every cell and neutralises formulas', () => {
  const csv = toCsv(['Thao tác', 'Đối tượng'], [['Thêm cán bộ', '=HYPERLINK("http://x")'], ['Sửa "đơn vị"', '+1'], ['@SUM(A1)', '-2']]);
  assert.ok(csv.startsWith('\ufeff"Thao tác","Đối tượng"\r\n'));
  assert.ok(csv.includes(`"'=HYPERLINK(""http://x"")"`));
  assert.ok(csv.includes(`"Sửa ""đơn vị""","'+1"`));
  assert.ok(csv.includes(`"'@SUM(A1)","'-2"`));
});

test('a shared change carries no scope id', () => {
  assert.throws(() => auditEntry(actor, { ...change(null, {}), scope: 'shared', scopeId: 'x' }));
});
