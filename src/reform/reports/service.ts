// Rules of the units' plans and reports: who sees what (the coordinator and the leaders the whole commune, unit
// staff their unit only — in SQL, store.ts), opening a call, writing, submitting, returning and accepting a
// submission (core/status.ts judges), evidence files (content-checked storage of src/dossiers/uploads.ts) and the
// late flag in working days (core/lateness.ts on the commune's calendar).
import type { Kysely, Transaction } from 'kysely';
import { workCalendarFor } from '../../calendar/store.ts';
import { vnDate } from '../../calendar/core/vn-time.ts';
import type { Database } from '../../db/schema.ts';
import { cleanFileName, putFile, sniffType } from '../../dossiers/uploads.ts';
import { Problem, forbidden, notFound } from '../../http/problem.ts';
import { hasRole, type Principal } from '../../identity/core/principal.ts';
import { normalizeContent, type ReportContent } from './core/content.ts';
import { lastDayToSubmit, lateWorkingDays } from './core/lateness.ts';
import { defaultDueDate, defaultTitle } from './core/period.ts';
import { checkStep, type CallKind, type ReportAction } from './core/status.ts';
import {
  addFile, communeUnits, findCall, findReport, insertCallOnce, listCalls, listReports, logEvent, updateReport,
  type CallRow, type ReportRow, type Scope,
} from './store.ts';

type Db = Kysely<Database>;

/** The coordinator and the commune's leaders follow every unit; everyone else sees their own unit's submissions. */
export const seesAllReports = (p: Principal) => hasRole(p, 'cchc_coordinator', 'leader');
export const reportScope = (p: Principal): Scope => (seesAllReports(p) ? { communeId: p.communeId } : { communeId: p.communeId, unitId: p.unitId });
const actorId = (p: Principal) => (p.kind === 'staff' ? p.id : null);
const actor = (p: Principal) => ({ roles: p.roles, unitId: p.unitId });

export interface CallInput {
  kind: CallKind;
  year: number;
  quarter?: number;
  month?: number;
  /** 'YYYY-MM-DD'; the kind's usual date when absent (core/period.ts). */
  dueDate?: string;
  title?: string;
  instructions?: string;
  /** The units asked; every unit of the commune when absent. */
  unitCodes?: string[];
}

/** Opens a call: one draft submission per unit asked. Coordinator only; one call per kind and period. */
export async function createCall(trx: Transaction<Database>, p: Principal, input: CallInput, now: Date): Promise<CallRow> {
  if (!hasRole(p, 'cchc_coordinator')) throw forbidden('Chỉ đầu mối cải cách hành chính được mở kỳ báo cáo.');
  if (input.kind === 'quarterly' && !input.quarter) throw new Problem(422, 'QUARTER_REQUIRED', 'Báo cáo quý cần chọn quý.');
  if (input.quarter && input.month) throw new Problem(422, 'BAD_PERIOD', 'Chỉ chọn tháng hoặc quý, không chọn cả hai.');
  const quarter = input.kind === 'quarterly' || input.kind === 'ad_hoc' ? input.quarter ?? null : null;
  const month = input.kind === 'ad_hoc' ? input.month ?? null : null;
  const period = { kind: input.kind, year: input.year, quarter, month };
  const all = await communeUnits(trx, p.communeId);
  const units = input.unitCodes?.length ? all.filter((u) => input.unitCodes!.includes(u.code)) : all;
  if (input.unitCodes?.length && units.length !== new Set(input.unitCodes).size) throw new Problem(422, 'UNKNOWN_UNIT', 'Có đơn vị không thuộc xã.');
  const call = await insertCallOnce(trx, {
    commune_id: p.communeId, kind: input.kind, title: input.title?.trim() || defaultTitle(period), period_year: input.year,
    period_quarter: quarter, period_month: month, due_date: input.dueDate ?? defaultDueDate(period),
    instructions: input.instructions?.trim() || null, created_by: actorId(p), created_at: now,
  }, units.map((u) => u.id));
  // One call per kind and period: the insert tells (a simultaneous opening of the same period included).
  if (!call) throw new Problem(409, 'CALL_EXISTS', 'Đã có kỳ báo cáo này.');
  return call;
}

/** A submission in the caller's scope and its call; 404 outside the scope (another unit, another commune). */
export async function visibleReport(db: Db, p: Principal, id: string, lock = false): Promise<{ report: ReportRow; call: CallRow }> {
  const report = await findReport(db, reportScope(p), id, lock);
  if (!report) throw notFound('báo cáo của đơn vị');
  const call = (await findCall(db, p.communeId, report.call_id))!;
  return { report, call };
}

function judge(p: Principal, r: ReportRow, call: CallRow, action: ReportAction, content: ReportContent, reasons?: string) {
  const o = checkStep(r.status, action, actor(p), r.unit_id, { isPlan: call.kind === 'unit_plan', content, reasons });
  if (!o.ok) throw new Problem(o.httpStatus, o.code, o.title);
  return o;
}

/** Saves the unit's draft (or the returned report being corrected). */
export async function saveContent(trx: Transaction<Database>, p: Principal, id: string, raw: ReportContent, now: Date): Promise<ReportRow> {
  const { report, call } = await visibleReport(trx, p, id, true);
  const content = normalizeContent(raw);
  const o = judge(p, report, call, 'save', content);
  await updateReport(trx, id, { content, updated_at: now });
  await logEvent(trx, id, o.event, now, actorId(p));
  return (await findReport(trx, { communeId: p.communeId }, id))!;
}

/** Submit (unit head), return with reasons or accept (coordinator). */
export async function takeStep(
  trx: Transaction<Database>, p: Principal, id: string, action: Exclude<ReportAction, 'save'>, input: { reasons?: string; note?: string }, now: Date,
): Promise<ReportRow> {
  const { report, call } = await visibleReport(trx, p, id, true);
  const reasons = input.reasons?.trim();
  const o = judge(p, report, call, action, report.content, reasons);
  if (action === 'submit') {
    const first = !report.first_submitted_at;
    const cal = first ? await workCalendarFor(trx, p.communeId) : null;
    await updateReport(trx, id, {
      status: o.status, last_submitted_at: now, updated_at: now,
      ...(first ? { first_submitted_at: now, late_working_days: lateWorkingDays(call.due_date, vnDate(now), cal!) } : {}),
    });
  } else {
    await updateReport(trx, id, { status: o.status, updated_at: now, ...(action === 'accept' ? { accepted_at: now } : {}) });
  }
  await logEvent(trx, id, o.event, now, actorId(p), action === 'return' ? reasons! : input.note?.trim() || null);
  return (await findReport(trx, { communeId: p.communeId }, id))!;
}

export interface Upload { fileName: string; content: Buffer }

/** Attaches an evidence file (PDF, JPEG or PNG by content) to a report the caller may edit now. */
export async function addEvidence(trx: Transaction<Database>, p: Principal, id: string, f: Upload, now: Date) {
  const { report, call } = await visibleReport(trx, p, id, true);
  judge(p, report, call, 'save', report.content);
  if (f.content.length === 0) throw new Problem(422, 'FILE_EMPTY', 'Tệp rỗng.');
  const type = sniffType(f.content);
  if (!type) throw new Problem(415, 'FILE_TYPE_NOT_ALLOWED', 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).');
  const fileName = cleanFileName(f.fileName);
  const sha256 = await putFile(trx, f.content, type);
  const row = await addFile(trx, { report_id: id, file_name: fileName, sha256, uploaded_by: actorId(p), uploaded_at: now });
  await updateReport(trx, id, { updated_at: now });
  await logEvent(trx, id, 'file_added', now, actorId(p), fileName);
  return { id: row.id, fileName, contentType: type, size: f.content.length, sha256, uploadedAt: row.uploaded_at };
}

/** Whether a submission is late: submitted after the last day (working days late), or still not submitted after it. */
export async function lateness(db: Db, call: CallRow, r: ReportRow, now: Date): Promise<{ late: boolean; days: number | null; overdue: boolean }> {
  if (r.first_submitted_at) return { late: (r.late_working_days ?? 0) > 0, days: r.late_working_days, overdue: false };
  const cal = await workCalendarFor(db, call.commune_id);
  return { late: false, days: null, overdue: vnDate(now) > lastDayToSubmit(call.due_date, cal) };
}

/** A call and its submissions in the caller's scope; unit staff see only the calls addressed to their unit (404). */
export async function visibleCall(db: Db, p: Principal, id: string): Promise<{ call: CallRow; reports: ReportRow[] }> {
  const call = await findCall(db, p.communeId, id);
  const reports = call ? await listReports(db, reportScope(p), [call.id]) : [];
  if (!call || (!seesAllReports(p) && !reports.length)) throw notFound('kỳ báo cáo');
  return { call, reports };
}

/** The calls in the caller's scope with their submissions (unit staff: their unit's only). */
export async function callsWithReports(db: Db, p: Principal): Promise<{ call: CallRow; reports: ReportRow[] }[]> {
  const scope = reportScope(p);
  const calls = await listCalls(db, scope);
  const reports = await listReports(db, scope, calls.map((c) => c.id));
  return calls.map((call) => ({ call, reports: reports.filter((r) => r.call_id === call.id) }));
}
