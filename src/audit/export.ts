// The admin audit trail as a reader sees it: each entry in Vietnamese (who, when, what, before → after), for the
// administration page (web/staff/admin/audit.tsx), the API and the CSV export.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { ROLE_NAMES_VI, type StaffRole } from '../identity/core/principal.ts';
import { AUDIT_ACTIONS, SCOPE_NAMES_VI, describeChange, toCsv, type AuditAction } from './core/audit.ts';
import { adminAuditEntries, type AdminAuditRow } from './store.ts';

const VN_STAMP = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** "2026-12-07 11:14:03" in Vietnam time. */
export const vnStamp = (d: Date) => VN_STAMP.format(d);

/** A recorded value as a reader reads it (roles by their Vietnamese names, office hours as periods). */
function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (field === 'roles' && Array.isArray(v)) return v.map((r) => ROLE_NAMES_VI[r as StaffRole] ?? String(r)).join(', ');
  if (field === 'periods' && Array.isArray(v)) return v.map((x: { start?: string; end?: string }) => `${x.start}–${x.end}`).join(', ');
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

export interface AuditLine {
  id: number;
  at: Date;
  atText: string;
  scope: string;
  actor: string;
  action: string;
  object: string;
  changes: string[];
}

export function auditLine(r: AdminAuditRow): AuditLine {
  return {
    id: r.id,
    at: r.at,
    atText: vnStamp(r.at),
    scope: r.scope === 'commune' ? SCOPE_NAMES_VI.commune : r.scope === 'province' ? `${SCOPE_NAMES_VI.province} ${r.scopeId}` : SCOPE_NAMES_VI.shared,
    actor: r.actorKind === 'staff' ? r.actorName : `Hệ thống: ${r.actorName}`,
    action: AUDIT_ACTIONS[r.action as AuditAction] ?? r.action,
    object: r.objectLabel,
    changes: describeChange(r.before, r.after, valueText),
  };
}

/** A page of the entries the commune's reader sees, newest first. */
export async function auditPage(db: Kysely<Database>, communeId: string, o: { limit: number; before?: number }): Promise<AuditLine[]> {
  return (await adminAuditEntries(db, communeId, o)).map(auditLine);
}

/** At most this many entries in one export (newest first). */
export const EXPORT_MAX = 100_000;
const PAGE = 2_000;

/** Every entry the reader sees (up to EXPORT_MAX), newest first, as CSV. */
export async function auditCsv(db: Kysely<Database>, communeId: string): Promise<string> {
  const rows: string[][] = [];
  let before: number | undefined;
  while (rows.length < EXPORT_MAX) {
    const page = await auditPage(db, communeId, { limit: PAGE, before });
    rows.push(...page.map((l) => [String(l.id), l.atText, l.scope, l.actor, l.action, l.object, l.changes.join('; ')]));
    if (page.length < PAGE) break;
    before = page.at(-1)!.id;
  }
  return toCsv(['Số thứ tự', 'Thời gian (giờ Việt Nam)', 'Phạm vi', 'Người thực hiện', 'Thao tác', 'Đối tượng', 'Thay đổi (trước → sau)'], rows);
}

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const csvFileName = (communeId: string, now: Date) => `nhat-ky-quan-tri-${communeId}-${vnStamp(now).slice(0, 10)}.csv`;
