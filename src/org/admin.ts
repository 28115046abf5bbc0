// Administration of a commune's organisation: units, staff accounts, work phones and office hours. Every function is
// scoped to the administrator's commune (the actor's) and records what it changed in the admin audit trail, in the
// same transaction (audit/store.ts); callers run them in a transaction and, after the commit, call
// forgetCommuneUnits() when units changed (the dossier commands cache them). Errors are Problems with stable codes
// that the pages map to the offending field. The rows are read and written by store.ts. Who may edit shared data
// and give the province-level role is decided by the core (identity/core/principal.ts).
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { hashPassword } from '../identity/staff/auth.ts';
import { deleteStaffSessions } from '../identity/staff/sessions-store.ts';
import { STAFF_ROLES, grantableRoles, mayManageAccount, type Principal, type StaffRole } from '../identity/core/principal.ts';
import { checkPhone } from '../dossiers/core/applicant.ts';
import { recordAdminChange } from '../audit/store.ts';
import type { AdminChange } from '../audit/core/audit.ts';
import {
  getCommune, getStaff, getUnit, insertStaff, insertUnit, isUnitOf, setCommunePhone, setOfficeHours, updateStaffColumns, updateUnitRow, usernameTaken,
} from './store.ts';

type Db = Kysely<Database>;

export const UNIT_CODE = /^[A-Z0-9_]{1,20}$/;
/** Agency e-identifier (mã định danh điện tử, QĐ 20/2020/QĐ-TTg), e.g. "000.00.12.H55": dotted groups. */
export const AGENCY_CODE = /^[0-9A-Z]{1,10}(\.[0-9A-Z]{1,10}){1,5}$/;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;
export const MIN_PASSWORD = 8;

// ── Audit and the province-level role ─────────────────────────────────────────────────────────────────

/** A change to the actor's commune, recorded in the admin audit trail. */
const communeChange = (actor: Principal, c: Omit<AdminChange, 'scope' | 'scopeId'>): AdminChange => ({ ...c, scope: 'commune', scopeId: actor.communeId });

const notFoundStaff = () => new Problem(404, 'NOT_FOUND', 'Không tìm thấy cán bộ.');
const notFoundUnit = () => new Problem(404, 'NOT_FOUND', 'Không tìm thấy đơn vị.');

/** 403 for a commune's administrator on data shared by the communes (catalogue, province and national calendar). */
export const provinceAdminOnly = (what = 'dữ liệu dùng chung của các xã') =>
  new Problem(403, 'PROVINCE_ADMIN_ONLY', `Chỉ quản trị cấp tỉnh được sửa ${what}.`,
    'Danh mục thủ tục và lịch làm việc của tỉnh, toàn quốc dùng chung cho mọi xã; quản trị của xã chỉ sửa dữ liệu của xã mình.');

/** 403 for anyone but the commune's administrator on the commune's own choices (its calendar days). */
export const communeAdminOnly = () =>
  new Problem(403, 'COMMUNE_ADMIN_ONLY', 'Chỉ quản trị hệ thống của xã được sửa lịch làm việc riêng của xã.');

const roleNotGrantable = () =>
  new Problem(403, 'ROLE_NOT_GRANTABLE', 'Bạn không được giao hoặc bỏ vai trò Quản trị cấp tỉnh: chỉ quản trị cấp tỉnh được làm việc này.');
const provinceAccount = () =>
  new Problem(403, 'PROVINCE_ACCOUNT_PROTECTED', 'Tài khoản này có vai trò Quản trị cấp tỉnh: chỉ quản trị cấp tỉnh được sửa, đặt lại mật khẩu hoặc ngừng kích hoạt.');

/** The staff member `id` of the actor's commune, if the actor may manage them: 404 if not theirs, 403 if the account
 *  holds the province-level role and the actor does not (a reset password would hand them that role). */
export async function managedMember(db: Db, actor: Principal, id: number) {
  const s = await getStaff(db, actor.communeId, id);
  if (!s) throw notFoundStaff();
  if (!mayManageAccount(actor, s.roles)) throw provinceAccount();
  return s;
}

/** 403 when the role change gives or takes away a role the actor may not grant. */
function checkGrant(actor: Principal, before: readonly string[], after: readonly string[]) {
  const grantable = new Set<string>(grantableRoles(actor));
  const changed = [...after.filter((r) => !before.includes(r)), ...before.filter((r) => !after.includes(r))];
  if (changed.some((r) => !grantable.has(r))) throw roleNotGrantable();
}

// ── Work phones ───────────────────────────────────────────────────────────────────────────────────────

const PHONE_MESSAGE = 'Số điện thoại không đúng: số di động gồm 10 chữ số (ví dụ 0912 345 678), số cố định gồm mã vùng và số máy (ví dụ 0208 3855 123).';

/**
 * A work phone as typed, normalised ("0208 3855 123" → "02083855123"); blank = none (null). The rule is the
 * applicant's phone rule (checkPhone, dossiers/core/applicant.ts: 0 or +84, then 9–10 digits, the first not 0), so
 * mobiles and landlines with their area code are accepted. A wrong number is 422 PHONE_INVALID, its field named in
 * `errors` (`field`: the body's or form's name of the field).
 */
export function workPhone(typed: string | null | undefined, field = 'phone'): string | null {
  if (typed === null || typed === undefined || !typed.trim()) return null;
  const r = checkPhone(typed);
  if (r.error) throw new Problem(422, 'PHONE_INVALID', PHONE_MESSAGE, undefined, [{ path: `/${field}`, message: PHONE_MESSAGE }]);
  return r.value;
}

/** Sets (blank: clears) the work phone of the commune's People's Committee; returns it as stored. */
export async function updateCommunePhone(db: Db, actor: Principal, typed: string | null, field = 'phone'): Promise<string | null> {
  const phone = workPhone(typed, field);
  const before = await getCommune(db, actor.communeId);
  if (!before || !(await setCommunePhone(db, actor.communeId, phone))) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy xã.');
  if (before.phone !== phone) {
    await recordAdminChange(db, actor, communeChange(actor, {
      action: 'commune.phone', objectType: 'commune', objectId: actor.communeId, objectLabel: before.name, before: { phone: before.phone }, after: { phone },
    }));
  }
  return phone;
}

/** Sets (blank: clears) a unit's work phone; returns it as stored. */
export async function updateUnitPhone(db: Db, actor: Principal, id: number, typed: string | null): Promise<string | null> {
  const phone = workPhone(typed);
  const before = await getUnit(db, actor.communeId, id);
  if (!before || !(await updateUnitRow(db, actor.communeId, id, { phone }))) throw notFoundUnit();
  await recordAdminChange(db, actor, communeChange(actor, {
    action: 'unit.phone', objectType: 'unit', objectId: String(id), objectLabel: `${before.name} (${before.code})`, before: { phone: before.phone }, after: { phone },
  }));
  return phone;
}

/** Sets (blank: clears) a staff member's work phone; returns it as stored. */
export async function updateStaffPhone(db: Db, actor: Principal, id: number, typed: string | null): Promise<string | null> {
  const phone = workPhone(typed);
  const before = await managedMember(db, actor, id);
  await updateStaffColumns(db, actor.communeId, id, { phone });
  await recordAdminChange(db, actor, communeChange(actor, {
    action: 'staff.phone', objectType: 'staff', objectId: String(id), objectLabel: `${before.fullName} (${before.username})`, before: { phone: before.phone }, after: { phone },
  }));
  return phone;
}

// ── Office hours ──────────────────────────────────────────────────────────────────────────────────────

/** Sets the commune's office hours (already checked: periods in order, not overlapping). */
export async function updateOfficeHours(db: Db, actor: Principal, periods: { start: string; end: string }[]): Promise<void> {
  const before = await getCommune(db, actor.communeId);
  if (!before) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy xã.');
  await setOfficeHours(db, actor.communeId, periods);
  await recordAdminChange(db, actor, communeChange(actor, {
    action: 'commune.office_hours', objectType: 'commune', objectId: actor.communeId, objectLabel: before.name,
    before: { periods: before.officeHours }, after: { periods },
  }));
}

// ── Units ─────────────────────────────────────────────────────────────────────────────────────────────

export interface UnitInput {
  name: string;
  receivesDossiers: boolean;
  /** Own e-identifier of a receiving unit; null = the commune's. */
  agencyCode: string | null;
  /** Work phone as typed; blank or null = none. */
  phone: string | null;
}

/** Checks a unit's fields; its work phone, normalised. */
function checkUnit(v: UnitInput): string | null {
  if (!v.name.trim() || v.name.length > 200) throw new Problem(422, 'UNIT_NAME_INVALID', 'Tên đơn vị phải có từ 1 đến 200 ký tự.');
  if (v.agencyCode !== null && !AGENCY_CODE.test(v.agencyCode)) {
    throw new Problem(422, 'AGENCY_CODE_INVALID', 'Mã định danh điện tử phải gồm các nhóm chữ in hoa, số cách nhau bởi dấu chấm (ví dụ 000.00.12.H55).');
  }
  if (v.agencyCode !== null && !v.receivesDossiers) {
    throw new Problem(422, 'AGENCY_CODE_NOT_RECEIVING', 'Chỉ đơn vị tiếp nhận hồ sơ mới có mã định danh điện tử riêng.');
  }
  return workPhone(v.phone);
}

export async function addUnit(db: Db, actor: Principal, v: UnitInput & { code: string }): Promise<number> {
  if (!UNIT_CODE.test(v.code)) throw new Problem(422, 'UNIT_CODE_INVALID', 'Mã đơn vị chỉ gồm chữ in hoa, số và dấu gạch dưới (tối đa 20 ký tự).');
  const phone = checkUnit(v);
  const row = { code: v.code, name: v.name.trim(), receivesDossiers: v.receivesDossiers, agencyCode: v.agencyCode, phone };
  const id = await insertUnit(db, actor.communeId, row);
  if (id === null) throw new Problem(422, 'UNIT_CODE_TAKEN', `Mã đơn vị "${v.code}" đã có trong xã.`);
  await recordAdminChange(db, actor, communeChange(actor, {
    action: 'unit.create', objectType: 'unit', objectId: String(id), objectLabel: `${row.name} (${row.code})`, before: null, after: row,
  }));
  return id;
}

/** Renames a unit, marks it as receiving dossiers (with its own e-identifier), sets its work phone; the code never
 *  changes (dossier logs and procedures name units by code). */
export async function updateUnit(db: Db, actor: Principal, id: number, v: UnitInput): Promise<void> {
  const phone = checkUnit(v);
  const before = await getUnit(db, actor.communeId, id);
  const after = { name: v.name.trim(), receivesDossiers: v.receivesDossiers, agencyCode: v.agencyCode, phone };
  if (!before || !(await updateUnitRow(db, actor.communeId, id, after))) throw notFoundUnit();
  const { id: _id, code, ...was } = before;
  await recordAdminChange(db, actor, communeChange(actor, {
    action: 'unit.update', objectType: 'unit', objectId: String(id), objectLabel: `${after.name} (${code})`, before: was, after,
  }));
}

// ── Staff ─────────────────────────────────────────────────────────────────────────────────────────────

export interface StaffInput {
  fullName: string;
  title: string;
  unitId: number | null;
  roles: StaffRole[];
  /** Work phone as typed (never a private number: it is printed on forms citizens receive); blank or null = none. */
  phone: string | null;
}

/** Checks a staff member's fields; their work phone, normalised. */
async function checkStaff(db: Db, communeId: string, v: StaffInput): Promise<string | null> {
  if (!v.fullName.trim() || v.fullName.length > 200) throw new Problem(422, 'FULL_NAME_INVALID', 'Họ và tên phải có từ 1 đến 200 ký tự.');
  if (v.title.length > 200) throw new Problem(422, 'TITLE_INVALID', 'Chức danh tối đa 200 ký tự.');
  if (!v.roles.length || !v.roles.every((r) => (STAFF_ROLES as readonly string[]).includes(r))) {
    throw new Problem(422, 'ROLES_INVALID', 'Chọn ít nhất một vai trò.');
  }
  if (v.unitId !== null) {
    if (!(await isUnitOf(db, communeId, v.unitId))) throw new Problem(422, 'UNKNOWN_UNIT', 'Đơn vị không thuộc xã này.');
  } else if (v.roles.some((r) => r === 'specialist' || r === 'unit_head' || r === 'receiving_officer')) {
    // Unit-bound roles see and act on their unit's dossiers; the one-stop desk needs its receiving unit.
    throw new Problem(422, 'UNIT_REQUIRED', 'Chuyên viên, trưởng đơn vị và cán bộ tiếp nhận phải thuộc một đơn vị.');
  }
  return workPhone(v.phone);
}

const usernameTakenProblem = (username: string) => new Problem(422, 'USERNAME_TAKEN', `Tên đăng nhập "${username}" đã được dùng.`);
const staffLabel = (s: { fullName: string; username: string }) => `${s.fullName} (${s.username})`;

/** Creates a staff account with an argon2id password hash; returns its id. */
export async function addStaff(db: Db, actor: Principal, v: StaffInput & { username: string; password: string }): Promise<number> {
  if (!USERNAME.test(v.username)) {
    throw new Problem(422, 'USERNAME_INVALID', 'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.');
  }
  if (v.password.length < MIN_PASSWORD || v.password.length > 200) {
    throw new Problem(422, 'PASSWORD_TOO_SHORT', `Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`);
  }
  checkGrant(actor, [], v.roles);
  const phone = await checkStaff(db, actor.communeId, v);
  if (await usernameTaken(db, v.username)) throw usernameTakenProblem(v.username);
  const passwordHash = await hashPassword(v.password);
  const row = { unitId: v.unitId, username: v.username, fullName: v.fullName.trim(), title: v.title.trim(), roles: v.roles, phone };
  const id = await insertStaff(db, actor.communeId, { ...row, passwordHash });
  if (id === null) throw usernameTakenProblem(v.username);
  await recordAdminChange(db, actor, communeChange(actor, {
    action: 'staff.create', objectType: 'staff', objectId: String(id), objectLabel: staffLabel(row), before: null, after: { ...row, password: true },
  }));
  return id;
}

/** Changes a staff member's name, title, unit, roles (effective from their next request) and work phone. */
export async function updateStaff(db: Db, actor: Principal, id: number, v: StaffInput): Promise<void> {
  const before = await managedMember(db, actor, id);
  checkGrant(actor, before.roles, v.roles);
  const phone = await checkStaff(db, actor.communeId, v);
  const after = { fullName: v.fullName.trim(), title: v.title.trim(), unitId: v.unitId, roles: v.roles, phone };
  await updateStaffColumns(db, actor.communeId, id, after);
  const { id: _id, username, active: _a, ...was } = before;
  await recordAdminChange(db, actor, communeChange(actor, {
    action: 'staff.update', objectType: 'staff', objectId: String(id), objectLabel: staffLabel({ fullName: after.fullName, username }), before: was, after,
  }));
}

/** Deactivates (login refused, open sessions ended) or reactivates an account. Accounts are never deleted:
 *  dossier logs and assignments refer to them. */
export async function setStaffActive(db: Db, actor: Principal, id: number, active: boolean): Promise<void> {
  const before = await managedMember(db, actor, id);
  await updateStaffColumns(db, actor.communeId, id, { active });
  if (!active) await deleteStaffSessions(db, id);
  await recordAdminChange(db, actor, communeChange(actor, {
    action: active ? 'staff.activate' : 'staff.deactivate', objectType: 'staff', objectId: String(id), objectLabel: staffLabel(before),
    before: { active: before.active }, after: { active },
  }));
}

/** Sets a new password (the administrator hands it over; open sessions are ended). Audited without the password. */
export async function resetPassword(db: Db, actor: Principal, id: number, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD || password.length > 200) {
    throw new Problem(422, 'PASSWORD_TOO_SHORT', `Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`);
  }
  const before = await managedMember(db, actor, id);
  const passwordHash = await hashPassword(password);
  await updateStaffColumns(db, actor.communeId, id, { passwordHash });
  await deleteStaffSessions(db, id);
  await recordAdminChange(db, actor, communeChange(actor, {
    action: 'staff.password_reset', objectType: 'staff', objectId: String(id), objectLabel: staffLabel(before), before: null, after: { password: true },
  }));
}
