// Onboarding a commune from its file (core/commune-file.ts), for `xaso commune add` and the province's commune page:
// every check first (the file's own, then those that need the database), every error with its JSON path; then one
// transaction writes the commune, its units (a desk support point for each receiving unit), its staff (a one-time
// password generated for a new account without one, shown once), its own calendar days and its catalogue choices.
// Only what differs from the stored state is written, so the same file run again changes nothing. A dry run does
// everything in the transaction and rolls it back. From the page, each change is recorded in the admin audit trail
// in the same transaction (audit/store.ts), as the administration pages do (org/admin.ts), in the province's scope.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Principal } from '../identity/core/principal.ts';
import { hashPassword } from '../identity/staff/auth.ts';
import { recordAdminChange } from '../audit/store.ts';
import type { AdminChange } from '../audit/core/audit.ts';
import { forgetCommuneUnits } from '../org/store.ts';
import { forgetCalendars } from '../calendar/store.ts';
import type { CommuneFile, FileError } from './core/commune-file.ts';
import { forgetCommuneChoices, knownProcedureCodes, setNotOffered } from './choices-store.ts';
import {
  communeDays, communeRow, dayText, ensureDeskPoint, insertCommuneRow, insertStaffRow, insertUnitRow, staffByUsernames, unitRows,
  updateCommuneRow, updateStaffValues, updateUnitValues, upsertCommuneDay,
} from './onboard-store.ts';

type Db = Kysely<Database>;

export interface OnboardOptions {
  /** Who acts, from the page (audited); null from the command line. */
  actor: Principal | null;
  /** Check and show what would change, write nothing. */
  dryRun?: boolean;
  /** Progress, one line at a time (the command line prints it). */
  say?: (line: string) => void;
  /** The province the commune must belong to (the page: the administrator's own). */
  province?: string;
  /** Refuse a commune that already exists (the page's short form adds, never updates). */
  newOnly?: boolean;
}

export type OnboardResult =
  | { ok: true; communeId: string; created: boolean; dryRun: boolean; changes: string[]; passwords: { username: string; password: string }[] }
  | { ok: false; errors: FileError[] };

/** A one-time password: 12 characters from an alphabet without look-alikes (0/O, 1/l/I), ~70 bits. */
export function oneTimePassword(): string {
  const alphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...crypto.randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join('');
}

const sameRoles = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

class DryRun extends Error {}

/** The checks that need the database, as errors with the file's paths. */
async function dbErrors(db: Db, f: CommuneFile, o: OnboardOptions): Promise<FileError[]> {
  const errors: FileError[] = [];
  const existing = await communeRow(db, f.id);
  if (existing && o.newOnly) errors.push({ path: 'id', message: `Mã xã "${f.id}" đã có (${existing.name}).` });
  if (o.province !== undefined) {
    if (f.province !== o.province) errors.push({ path: 'province', message: `Xã phải thuộc tỉnh của bạn (${o.province}).` });
    else if (existing && existing.province !== o.province) errors.push({ path: 'id', message: `Mã xã "${f.id}" thuộc tỉnh khác.` });
  }
  const accounts = await staffByUsernames(db, f.staff.map((s) => s.username));
  f.staff.forEach((s, i) => {
    const a = accounts.find((x) => x.username === s.username);
    if (a && a.communeId !== f.id) errors.push({ path: `staff[${i}].username`, message: `Tên đăng nhập "${s.username}" đã được dùng ở xã khác.` });
    if (a && a.communeId === f.id && a.roles.includes('province_admin')) {
      errors.push({ path: `staff[${i}].username`, message: `Tài khoản "${s.username}" có vai trò quản trị cấp tỉnh: không sửa qua tệp của xã.` });
    }
  });
  if (!existing && !f.staff.some((s) => s.roles.includes('admin'))) {
    errors.push({ path: 'staff', message: 'Xã mới cần ít nhất một cán bộ có vai trò quản trị hệ thống ("admin").' });
  }
  if (f.notOffered?.length) {
    const known = await knownProcedureCodes(db, f.notOffered);
    f.notOffered.forEach((c, i) => { if (!known.has(c)) errors.push({ path: `catalogue.notOffered[${i}]`, message: `Danh mục không có thủ tục mã "${c}".` }); });
  }
  return errors;
}

/** Checks the file against the database, then writes it in one transaction (or, dry, shows what it would write). */
/** A commune's own fields as the audit trail records them. */
const communeFields = (c: { name: string; province: string; agencyCode: string; agencyCodeIsDemo: boolean; phone?: string | null }) =>
  ({ name: c.name, province: c.province, agencyCode: c.agencyCode, agencyCodeIsDemo: c.agencyCodeIsDemo, phone: c.phone ?? null });

export async function onboardCommune(db: Db, f: CommuneFile, o: OnboardOptions): Promise<OnboardResult> {
  const say = o.say ?? (() => {});
  const errors = await dbErrors(db, f, o);
  if (errors.length) return { ok: false, errors };

  // Passwords are hashed before the transaction (argon2id takes a while): only for accounts that do not exist yet.
  const existingNames = new Set((await staffByUsernames(db, f.staff.map((s) => s.username))).map((a) => a.username));
  const passwords: { username: string; password: string }[] = [];
  const hashes = new Map<string, string>();
  for (const s of f.staff.filter((x) => !existingNames.has(x.username))) {
    const password = s.password ?? oneTimePassword();
    if (!s.password) passwords.push({ username: s.username, password });
    hashes.set(s.username, await hashPassword(password));
  }

  const changes: string[] = [];
  const audit: AdminChange[] = [];
  const change = (line: string, entry?: Omit<AdminChange, 'scope' | 'scopeId'>) => {
    changes.push(line);
    say(`  ${line}`);
    // The province's trail (scope 'province'): the province's administrator who acted reads it, and so do the
    // administrators of the province's communes, the new one included.
    if (entry) audit.push({ ...entry, scope: 'province', scopeId: f.province });
  };
  let created = false;
  try {
    await db.transaction().execute(async (trx) => {
      say(`${f.name} (${f.id}), tỉnh ${f.province}${o.dryRun ? ' — chạy thử, không ghi gì' : ''}:`);
      const before = await communeRow(trx, f.id);
      const row = { id: f.id, name: f.name, province: f.province, agencyCode: f.agencyCode, agencyCodeIsDemo: f.agencyCodeIsDemo, phone: f.phone, officeHours: f.officeHours };
      if (!before) {
        created = true;
        await insertCommuneRow(trx, row);
        change(`Thêm xã ${f.name} (mã định danh ${f.agencyCode}${f.agencyCodeIsDemo ? ', giá trị mẫu' : ''}).`,
          { action: 'commune.create', objectType: 'commune', objectId: f.id, objectLabel: f.name, before: null, after: communeFields(row) });
      } else {
        const diff = (['name', 'province', 'agencyCode', 'agencyCodeIsDemo', 'phone'] as const).filter((k) => !same(before[k], row[k]));
        const hours = f.officeHours && !same(before.officeHours.map((x) => ({ start: x.start, end: x.end })), f.officeHours); // jsonb orders keys
        if (diff.length || hours) {
          await updateCommuneRow(trx, row);
          const update = { action: 'commune.update' as const, objectType: 'commune' as const, objectId: f.id, objectLabel: f.name, before: communeFields(before), after: communeFields(row) };
          const officeHours = { action: 'commune.office_hours' as const, objectType: 'commune' as const, objectId: f.id, objectLabel: f.name, before: { periods: before.officeHours }, after: { periods: f.officeHours } };
          change(`Sửa thông tin xã: ${[...diff, ...(hours ? ['officeHours'] : [])].join(', ')}.`, hours ? officeHours : update);
          if (hours && diff.length) audit.push({ ...update, scope: 'province', scopeId: f.province });
        }
      }

      say('Đơn vị…');
      const units = await unitRows(trx, f.id);
      const unitId = new Map(units.map((u) => [u.code, u.id]));
      for (const u of f.units) {
        const was = units.find((x) => x.code === u.code);
        const label = `${u.name} (${u.code})`;
        if (!was) {
          unitId.set(u.code, await insertUnitRow(trx, f.id, u));
          change(`Thêm đơn vị ${label}.`, { action: 'unit.create', objectType: 'unit', objectId: String(unitId.get(u.code)), objectLabel: label, before: null, after: { ...u } });
        } else if (!same([was.name, was.receivesDossiers, was.agencyCode, was.phone], [u.name, u.receivesDossiers, u.agencyCode, u.phone])) {
          await updateUnitValues(trx, was.id, u);
          const { id: _id, ...old } = was;
          change(`Sửa đơn vị ${label}.`, { action: 'unit.update', objectType: 'unit', objectId: String(was.id), objectLabel: label, before: old, after: { ...u } });
        }
        if (u.receivesDossiers && await ensureDeskPoint(trx, f.id, { id: unitId.get(u.code)!, code: u.code, name: u.name })) {
          change(`Tạo điểm hỗ trợ Bộ phận Một cửa cho đơn vị ${u.code}.`);
        }
      }

      say('Cán bộ…');
      const accounts = await staffByUsernames(trx, f.staff.map((s) => s.username));
      for (const s of f.staff) {
        const values = { username: s.username, fullName: s.fullName, title: s.title, unitId: s.unit ? unitId.get(s.unit)! : null, roles: [...s.roles], phone: s.phone };
        const label = `${s.fullName} (${s.username})`;
        const was = accounts.find((a) => a.username === s.username);
        if (!was) {
          const id = await insertStaffRow(trx, f.id, { ...values, passwordHash: hashes.get(s.username)! });
          change(`Thêm cán bộ ${label}, vai trò ${s.roles.join(', ')}.`, { action: 'staff.create', objectType: 'staff', objectId: String(id), objectLabel: label, before: null, after: { ...values, password: true } });
        } else if (!same([was.fullName, was.title, was.unitId, was.phone], [values.fullName, values.title, values.unitId, values.phone]) || !sameRoles(was.roles, values.roles)) {
          await updateStaffValues(trx, was.id, values);
          const { id: _id, communeId: _c, ...old } = was;
          change(`Sửa cán bộ ${label}.`, { action: 'staff.update', objectType: 'staff', objectId: String(was.id), objectLabel: label, before: old, after: values });
        }
      }

      say('Lịch làm việc riêng của xã…');
      const days = await communeDays(trx, f.id);
      for (const d of f.calendar) {
        const was = days.find((x) => dayText(x.date) === d.date);
        if (was && same([was.type, was.name, was.source], [d.type, d.name, d.source])) continue;
        await upsertCommuneDay(trx, f.id, d, o.actor?.kind === 'staff' ? o.actor.id : null);
        change(`Đặt ngày ${d.date}: ${d.name}.`, {
          action: 'calendar.set_day', objectType: 'calendar_day', objectId: `commune:${f.id}:${d.date}`,
          objectLabel: `Ngày ${d.date.slice(8, 10)}/${d.date.slice(5, 7)}/${d.date.slice(0, 4)}`,
          before: was ? { type: was.type, name: was.name, source: was.source } : null, after: { type: d.type, name: d.name, source: d.source },
        });
      }

      if (f.notOffered) {
        say('Thủ tục tiếp nhận tại xã…');
        for (const c of await setNotOffered(trx, f.id, f.notOffered)) {
          change(c.offered ? `Tiếp nhận lại thủ tục ${c.code}.` : `Không tiếp nhận thủ tục ${c.code} tại Bộ phận Một cửa của xã.`, {
            action: 'commune.procedures', objectType: 'procedure', objectId: `${f.id}:${c.code}`, objectLabel: c.code,
            before: { offered: !c.offered }, after: { offered: c.offered },
          });
        }
      }

      if (o.actor) for (const a of audit) await recordAdminChange(trx, o.actor, a);
      if (o.dryRun) throw new DryRun();
    });
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  if (!o.dryRun && changes.length) {
    forgetCommuneUnits();
    forgetCalendars();
    forgetCommuneChoices();
  }
  say(changes.length ? `${o.dryRun ? 'Sẽ có' : 'Đã ghi'} ${changes.length} thay đổi.` : 'Không có gì thay đổi: dữ liệu đã đúng như tệp.');
  return { ok: true, communeId: f.id, created, dryRun: !!o.dryRun, changes, passwords: o.dryRun ? [] : passwords };
}
