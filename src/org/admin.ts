// Administration of a commune's organisation: units, staff accounts and work phones. Every function is scoped to the
// administrator's commune; callers run them in a transaction and, after the commit, call forgetCommuneUnits()
// when units changed (the dossier commands cache them). Errors are Problems with stable codes that the pages
// map to the offending field. The rows are read and written by store.ts.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { hashPassword } from '../identity/staff/auth.ts';
import { deleteStaffSessions } from '../identity/staff/sessions-store.ts';
import { STAFF_ROLES, type StaffRole } from '../identity/core/principal.ts';
import { checkPhone } from '../dossiers/core/applicant.ts';
import {
  insertStaff, insertUnit, isUnitOf, setCommunePhone, updateStaffColumns, updateUnitRow, usernameTaken,
} from './store.ts';

type Db = Kysely<Database>;

export const UNIT_CODE = /^[A-Z0-9_]{1,20}$/;
/** Agency e-identifier (mã định danh điện tử, QĐ 20/2020/QĐ-TTg), e.g. "000.00.12.H55": dotted groups. */
export const AGENCY_CODE = /^[0-9A-Z]{1,10}(\.[0-9A-Z]{1,10}){1,5}$/;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;
export const MIN_PASSWORD = 8;

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
export async function updateCommunePhone(db: Db, communeId: string, typed: string | null, field = 'phone'): Promise<string | null> {
  const phone = workPhone(typed, field);
  if (!(await setCommunePhone(db, communeId, phone))) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy xã.');
  return phone;
}

/** Sets (blank: clears) a unit's work phone; returns it as stored. */
export async function updateUnitPhone(db: Db, communeId: string, id: number, typed: string | null): Promise<string | null> {
  const phone = workPhone(typed);
  if (!(await updateUnitRow(db, communeId, id, { phone }))) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy đơn vị.');
  return phone;
}

/** Sets (blank: clears) a staff member's work phone; returns it as stored. */
export async function updateStaffPhone(db: Db, communeId: string, id: number, typed: string | null): Promise<string | null> {
  const phone = workPhone(typed);
  if (!(await updateStaffColumns(db, communeId, id, { phone }))) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy cán bộ.');
  return phone;
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

export async function addUnit(db: Db, communeId: string, v: UnitInput & { code: string }): Promise<number> {
  if (!UNIT_CODE.test(v.code)) throw new Problem(422, 'UNIT_CODE_INVALID', 'Mã đơn vị chỉ gồm chữ in hoa, số và dấu gạch dưới (tối đa 20 ký tự).');
  const phone = checkUnit(v);
  const id = await insertUnit(db, communeId, { code: v.code, name: v.name.trim(), receivesDossiers: v.receivesDossiers, agencyCode: v.agencyCode, phone });
  if (id === null) throw new Problem(422, 'UNIT_CODE_TAKEN', `Mã đơn vị "${v.code}" đã có trong xã.`);
  return id;
}

/** Renames a unit, marks it as receiving dossiers (with its own e-identifier), sets its work phone; the code never
 *  changes (dossier logs and procedures name units by code). */
export async function updateUnit(db: Db, communeId: string, id: number, v: UnitInput): Promise<void> {
  const phone = checkUnit(v);
  const updated = await updateUnitRow(db, communeId, id, { name: v.name.trim(), receivesDossiers: v.receivesDossiers, agencyCode: v.agencyCode, phone });
  if (!updated) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy đơn vị.');
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

/** Creates a staff account with an argon2id password hash; returns its id. */
export async function addStaff(db: Db, communeId: string, v: StaffInput & { username: string; password: string }): Promise<number> {
  if (!USERNAME.test(v.username)) {
    throw new Problem(422, 'USERNAME_INVALID', 'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.');
  }
  if (v.password.length < MIN_PASSWORD || v.password.length > 200) {
    throw new Problem(422, 'PASSWORD_TOO_SHORT', `Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`);
  }
  const phone = await checkStaff(db, communeId, v);
  if (await usernameTaken(db, v.username)) throw usernameTakenProblem(v.username);
  const passwordHash = await hashPassword(v.password);
  const id = await insertStaff(db, communeId, {
    unitId: v.unitId, username: v.username, fullName: v.fullName.trim(), title: v.title.trim(), roles: v.roles, passwordHash, phone,
  });
  if (id === null) throw usernameTakenProblem(v.username);
  return id;
}

/** Changes a staff member's name, title, unit, roles (effective from their next request) and work phone. */
export async function updateStaff(db: Db, communeId: string, id: number, v: StaffInput): Promise<void> {
  const phone = await checkStaff(db, communeId, v);
  const updated = await updateStaffColumns(db, communeId, id, { fullName: v.fullName.trim(), title: v.title.trim(), unitId: v.unitId, roles: v.roles, phone });
  if (!updated) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy cán bộ.');
}

/** Deactivates (login refused, open sessions ended) or reactivates an account. Accounts are never deleted:
 *  dossier logs and assignments refer to them. */
export async function setStaffActive(db: Db, communeId: string, id: number, active: boolean): Promise<void> {
  if (!(await updateStaffColumns(db, communeId, id, { active }))) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy cán bộ.');
  if (!active) await deleteStaffSessions(db, id);
}

/** Sets a new password (the administrator hands it over; open sessions are ended). */
export async function resetPassword(db: Db, communeId: string, id: number, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD || password.length > 200) {
    throw new Problem(422, 'PASSWORD_TOO_SHORT', `Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự.`);
  }
  const passwordHash = await hashPassword(password);
  if (!(await updateStaffColumns(db, communeId, id, { passwordHash }))) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy cán bộ.');
  await deleteStaffSessions(db, id);
}
