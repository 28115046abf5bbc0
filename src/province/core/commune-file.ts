// The commune file of `xaso commune add` and of the province's commune page: what a commune is made of (its People's
// Committee, units, staff, own calendar days and catalogue choices), checked as a whole before anything is written.
// Every error names its place in the file as a JSON path (`staff[2].roles[0]`) and says in Vietnamese what is wrong.
// Pure: the checks that need the database (a username used by another commune, a procedure code unknown to the
// catalogue) are made by onboard.ts with the same error shape.
import { STAFF_ROLES, type StaffRole } from '../../identity/core/principal.ts';
import { checkPhone } from '../../dossiers/core/applicant.ts';

export interface FileError {
  /** Where in the file: `name`, `units[1].code`, `staff[0].roles[1]`; '' for the file as a whole. */
  path: string;
  message: string;
}

export type DayType = 'WORKDAY' | 'WEEKEND' | 'HOLIDAY' | 'COMPENSATORY_OFF' | 'SWAPPED_WORKDAY';

export interface CommuneFile {
  id: string;
  name: string;
  province: string;
  agencyCode: string;
  /** true: the agency e-identifier is a made-up value (a demo, a test): never sent as a real one. */
  agencyCodeIsDemo: boolean;
  phone: string | null;
  /** The periods of a working day; absent: the commune keeps (or gets) the default hours. */
  officeHours?: { start: string; end: string }[];
  units: { code: string; name: string; receivesDossiers: boolean; agencyCode: string | null; phone: string | null }[];
  staff: { username: string; fullName: string; title: string; unit: string | null; roles: StaffRole[]; password?: string; phone: string | null }[];
  /** The commune's own exceptional days (scope 'commune' of calendar_days). */
  calendar: { date: string; type: DayType; name: string; source: string }[];
  /** The catalogue procedures the commune does not offer at its desk; absent: its choices are left as they are. */
  notOffered?: string[];
}

// The same rules as the administration pages (org/admin.ts): kept here because a core may not import a service.
export const COMMUNE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const UNIT_CODE = /^[A-Z0-9_]{1,20}$/;
/** Agency e-identifier (mã định danh điện tử, QĐ 20/2020/QĐ-TTg), e.g. "000.00.12.H55": dotted groups. */
export const AGENCY_CODE = /^[0-9A-Z]{1,10}(\.[0-9A-Z]{1,10}){1,5}$/;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,49}$/;
export const PROCEDURE_CODE = /^[0-9A-Z.]{3,42}$/;
export const MIN_PASSWORD = 8;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_TYPES: readonly DayType[] = ['WORKDAY', 'WEEKEND', 'HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_WORKDAY'];
/** Roles a commune file may give: not the province's administrator (only given by another province administrator). */
export const FILE_ROLES: readonly StaffRole[] = STAFF_ROLES.filter((r) => r !== 'province_admin');
/** Roles that work on a unit's dossiers: they need a unit (org/admin.ts checkStaff). */
const UNIT_BOUND: readonly StaffRole[] = ['specialist', 'unit_head', 'receiving_officer'];
const KNOWN = ['id', 'name', 'province', 'agencyCode', 'agencyCodeIsDemo', 'phone', 'officeHours', 'units', 'staff', 'calendar', 'catalogue'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a commune file (already parsed JSON): the file as typed data, or every error found, each with its path. */
export function readCommuneFile(input: unknown): { ok: true; file: CommuneFile } | { ok: false; errors: FileError[] } {
  const errors: FileError[] = [];
  const err = (path: string, message: string) => { errors.push({ path, message }); };
  if (!isObj(input)) return { ok: false, errors: [{ path: '', message: 'Tệp phải là một đối tượng JSON ({ … }) mô tả một xã.' }] };

  const text = (o: Obj, key: string, path: string, opts: { required?: boolean; max?: number; label: string }): string => {
    const v = o[key];
    if (v === undefined || v === null || v === '') {
      if (opts.required !== false) err(path, `Thiếu ${opts.label}.`);
      return '';
    }
    if (typeof v !== 'string') { err(path, `${capital(opts.label)} phải là chuỗi ký tự.`); return ''; }
    const t = v.trim();
    if (opts.required !== false && !t) err(path, `Thiếu ${opts.label}.`);
    if (t.length > (opts.max ?? 200)) err(path, `${capital(opts.label)} tối đa ${opts.max ?? 200} ký tự.`);
    return t;
  };
  const flag = (o: Obj, key: string, path: string, label: string, fallback?: boolean): boolean => {
    const v = o[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'boolean') { err(path, `${capital(label)} phải là true hoặc false.`); return false; }
    return v;
  };
  const phone = (o: Obj, key: string, path: string): string | null => {
    const t = text(o, key, path, { required: false, label: 'số điện thoại', max: 20 });
    if (!t) return null;
    const r = checkPhone(t);
    if (r.error) { err(path, 'Số điện thoại không đúng: số di động gồm 10 chữ số, số cố định gồm mã vùng và số máy (ví dụ 0208 3855 123).'); return null; }
    return r.value;
  };
  const list = (o: Obj, key: string, path: string, label: string, required: boolean): unknown[] => {
    const v = o[key];
    if (v === undefined || v === null) { if (required) err(path, `Thiếu ${label}.`); return []; }
    if (!Array.isArray(v)) { err(path, `${capital(label)} phải là một danh sách ([ … ]).`); return []; }
    return v;
  };

  for (const k of Object.keys(input)) if (!KNOWN.includes(k)) err(k, `Trường "${k}" không được hỗ trợ (kiểm tra chính tả).`);

  const id = text(input, 'id', 'id', { label: 'mã xã (id)', max: 60 });
  if (id && !COMMUNE_ID.test(id)) err('id', 'Mã xã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ "xuan-duong".');
  const name = text(input, 'name', 'name', { label: 'tên xã' });
  const province = text(input, 'province', 'province', { label: 'tên tỉnh', max: 100 });
  const agencyCode = text(input, 'agencyCode', 'agencyCode', { label: 'mã định danh điện tử của xã', max: 60 });
  if (agencyCode && !AGENCY_CODE.test(agencyCode)) err('agencyCode', 'Mã định danh điện tử gồm các nhóm chữ in hoa, số cách nhau bởi dấu chấm (ví dụ 000.00.12.H55).');
  const agencyCodeIsDemo = flag(input, 'agencyCodeIsDemo', 'agencyCodeIsDemo', 'trường agencyCodeIsDemo (mã định danh là giá trị mẫu hay không)');
  const communePhone = phone(input, 'phone', 'phone');

  let officeHours: CommuneFile['officeHours'];
  if (input.officeHours !== undefined) {
    officeHours = [];
    const periods = list(input, 'officeHours', 'officeHours', 'giờ làm việc', true);
    if (Array.isArray(input.officeHours) && !periods.length) err('officeHours', 'Giờ làm việc cần ít nhất một buổi.');
    let last = '';
    periods.forEach((p, i) => {
      const at = `officeHours[${i}]`;
      if (!isObj(p)) { err(at, 'Mỗi buổi làm việc có dạng { "start": "07:30", "end": "11:30" }.'); return; }
      const start = text(p, 'start', `${at}.start`, { label: 'giờ bắt đầu', max: 5 });
      const end = text(p, 'end', `${at}.end`, { label: 'giờ kết thúc', max: 5 });
      if (start && !TIME.test(start)) err(`${at}.start`, 'Giờ viết dạng HH:MM, ví dụ 07:30.');
      if (end && !TIME.test(end)) err(`${at}.end`, 'Giờ viết dạng HH:MM, ví dụ 17:00.');
      if (TIME.test(start) && TIME.test(end)) {
        if (end <= start) err(at, 'Giờ kết thúc phải sau giờ bắt đầu.');
        else if (start < last) err(at, 'Các buổi làm việc phải theo thứ tự và không chồng lên nhau.');
        last = end;
      }
      officeHours!.push({ start, end });
    });
  }

  const units: CommuneFile['units'] = [];
  list(input, 'units', 'units', 'danh sách đơn vị (units)', true).forEach((u, i) => {
    const at = `units[${i}]`;
    if (!isObj(u)) { err(at, 'Mỗi đơn vị có dạng { "code": "TTPVHCC", "name": "…", "receivesDossiers": true }.'); return; }
    const code = text(u, 'code', `${at}.code`, { label: 'mã đơn vị', max: 20 });
    if (code && !UNIT_CODE.test(code)) err(`${at}.code`, 'Mã đơn vị chỉ gồm chữ in hoa, số và dấu gạch dưới (tối đa 20 ký tự).');
    if (code && units.some((x) => x.code === code)) err(`${at}.code`, `Mã đơn vị "${code}" bị lặp.`);
    const unitName = text(u, 'name', `${at}.name`, { label: 'tên đơn vị' });
    const receivesDossiers = flag(u, 'receivesDossiers', `${at}.receivesDossiers`, 'trường receivesDossiers (đơn vị tiếp nhận hồ sơ)', false);
    const own = text(u, 'agencyCode', `${at}.agencyCode`, { required: false, label: 'mã định danh điện tử của đơn vị', max: 60 }) || null;
    if (own && !AGENCY_CODE.test(own)) err(`${at}.agencyCode`, 'Mã định danh điện tử gồm các nhóm chữ in hoa, số cách nhau bởi dấu chấm (ví dụ 000.00.12.H55).');
    if (own && !receivesDossiers) err(`${at}.agencyCode`, 'Chỉ đơn vị tiếp nhận hồ sơ mới có mã định danh điện tử riêng.');
    units.push({ code, name: unitName, receivesDossiers, agencyCode: own, phone: phone(u, 'phone', `${at}.phone`) });
  });
  if (Array.isArray(input.units) && !units.some((u) => u.receivesDossiers)) {
    err('units', 'Cần ít nhất một đơn vị tiếp nhận hồ sơ ("receivesDossiers": true), là Bộ phận Một cửa của xã.');
  }

  const staff: CommuneFile['staff'] = [];
  list(input, 'staff', 'staff', 'danh sách cán bộ (staff)', true).forEach((s, i) => {
    const at = `staff[${i}]`;
    if (!isObj(s)) { err(at, 'Mỗi cán bộ có dạng { "username": "…", "fullName": "…", "title": "…", "unit": "VP", "roles": ["admin"] }.'); return; }
    const username = text(s, 'username', `${at}.username`, { label: 'tên đăng nhập', max: 50 });
    if (username && !USERNAME.test(username)) err(`${at}.username`, 'Tên đăng nhập gồm 3–50 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang, gạch dưới.');
    if (username && staff.some((x) => x.username === username)) err(`${at}.username`, `Tên đăng nhập "${username}" bị lặp.`);
    const fullName = text(s, 'fullName', `${at}.fullName`, { label: 'họ và tên' });
    const title = text(s, 'title', `${at}.title`, { required: false, label: 'chức danh' });
    const unit = text(s, 'unit', `${at}.unit`, { required: false, label: 'mã đơn vị', max: 20 }) || null;
    if (unit && Array.isArray(input.units) && !units.some((u) => u.code === unit)) err(`${at}.unit`, `Không có đơn vị mã "${unit}" trong danh sách units.`);
    const roles: StaffRole[] = [];
    const given = list(s, 'roles', `${at}.roles`, 'vai trò (roles)', true);
    if (Array.isArray(s.roles) && !given.length) err(`${at}.roles`, 'Cần ít nhất một vai trò.');
    given.forEach((r, j) => {
      if (typeof r === 'string' && (FILE_ROLES as readonly string[]).includes(r)) { if (!roles.includes(r as StaffRole)) roles.push(r as StaffRole); return; }
      err(`${at}.roles[${j}]`, r === 'province_admin'
        ? 'Vai trò quản trị cấp tỉnh không được giao qua tệp của xã.'
        : `Vai trò không đúng; dùng một trong: ${FILE_ROLES.join(', ')}.`);
    });
    if (!unit && roles.some((r) => UNIT_BOUND.includes(r))) err(`${at}.unit`, 'Chuyên viên, trưởng đơn vị và cán bộ tiếp nhận phải thuộc một đơn vị.');
    let password: string | undefined;
    if (s.password !== undefined) {
      if (typeof s.password !== 'string' || s.password.length < MIN_PASSWORD || s.password.length > 200) err(`${at}.password`, `Mật khẩu phải có ít nhất ${MIN_PASSWORD} ký tự (bỏ trường này để hệ thống tạo mật khẩu dùng một lần).`);
      else password = s.password;
    }
    for (const k of Object.keys(s)) {
      if (!['username', 'fullName', 'title', 'unit', 'roles', 'password', 'phone'].includes(k)) err(`${at}.${k}`, `Trường "${k}" không được hỗ trợ.`);
    }
    staff.push({ username, fullName, title, unit, roles, ...(password ? { password } : {}), phone: phone(s, 'phone', `${at}.phone`) });
  });

  const calendar: CommuneFile['calendar'] = [];
  list(input, 'calendar', 'calendar', 'lịch riêng của xã (calendar)', false).forEach((d, i) => {
    const at = `calendar[${i}]`;
    if (!isObj(d)) { err(at, 'Mỗi ngày có dạng { "date": "2027-03-10", "type": "HOLIDAY", "name": "…", "source": "…" }.'); return; }
    const date = text(d, 'date', `${at}.date`, { label: 'ngày', max: 10 });
    if (date && (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date)) {
      err(`${at}.date`, 'Ngày viết dạng YYYY-MM-DD, ví dụ 2027-03-10.');
    }
    if (date && calendar.some((x) => x.date === date)) err(`${at}.date`, `Ngày ${date} bị lặp.`);
    const type = text(d, 'type', `${at}.type`, { label: 'loại ngày', max: 20 });
    if (type && !(DAY_TYPES as readonly string[]).includes(type)) err(`${at}.type`, `Loại ngày không đúng; dùng một trong: ${DAY_TYPES.join(', ')}.`);
    const dayName = text(d, 'name', `${at}.name`, { label: 'tên ngày' });
    const source = text(d, 'source', `${at}.source`, { label: 'văn bản căn cứ (source)' });
    calendar.push({ date, type: type as DayType, name: dayName, source });
  });

  let notOffered: string[] | undefined;
  if (input.catalogue !== undefined) {
    if (!isObj(input.catalogue)) err('catalogue', 'Trường catalogue có dạng { "notOffered": ["1.000000", …] }.');
    else {
      notOffered = [];
      list(input.catalogue, 'notOffered', 'catalogue.notOffered', 'danh sách thủ tục xã không tiếp nhận (notOffered)', true).forEach((c, i) => {
        if (typeof c !== 'string' || !PROCEDURE_CODE.test(c)) err(`catalogue.notOffered[${i}]`, 'Mã thủ tục gồm chữ in hoa, số và dấu chấm, ví dụ 1.001193.');
        else if (notOffered!.includes(c)) err(`catalogue.notOffered[${i}]`, `Mã thủ tục "${c}" bị lặp.`);
        else notOffered!.push(c);
      });
    }
  }

  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    file: {
      id, name, province, agencyCode, agencyCodeIsDemo, phone: communePhone, ...(officeHours ? { officeHours } : {}),
      units, staff, calendar, ...(notOffered ? { notOffered } : {}),
    },
  };
}

/** Parses the text of a commune file: a JSON syntax error is one error for the whole file. */
export function parseCommuneFile(text: string): ReturnType<typeof readCommuneFile> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const m = (e as Error).message;
    const lc = /line (\d+) column (\d+)/.exec(m);
    const pos = /position (\d+)/.exec(m);
    const where = lc ? ` (dòng ${lc[1]}, cột ${lc[2]})` : pos ? ` (ký tự thứ ${Number(pos[1]) + 1})` : '';
    return { ok: false, errors: [{ path: '', message: `Tệp không phải JSON hợp lệ${where}: kiểm tra dấu ngoặc, dấu phẩy và dấu nháy kép.` }] };
  }
  return readCommuneFile(json);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The file's path as people read it in a list of errors: "staff[2].roles[0]", or "(toàn tệp)". */
export const showPath = (path: string) => path || '(toàn tệp)';
