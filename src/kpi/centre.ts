// The centre comments service (nhận xét của Trung tâm Phục vụ hành chính công về công chức được cử đến): the
// secondments (recorded: the staff table cannot tell), who writes (the centre's head; the commune's leader when the
// centre has none), who reads (the officer, the home unit's head who appraises them, the leaders), the centre's
// figures, save → send (final) with a logged history.
// Hải Phòng QĐ 212/2025 Đ3 k7; NĐ 118/2025 Đ11, Đ12 k8 (domain.md §2.1). The comments INFORM the home unit's
// appraisal under NĐ 335/2025 (domain.md §8.1): the general criteria (30 points) stay scored by the manager.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem, forbidden, notFound } from '../http/problem.ts';
import { hasRole, type Principal } from '../identity/core/principal.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import {
  centreFigures, checkCentreContent, checkSecondmentDates, nextCentreStatus, normalContent, secondmentIn, type CentreContent, type CentreFigures, type CentreStep,
} from './core/centre.ts';
import { RATING_LABEL } from './core/rules.ts';
import {
  centreStepsOf, centreUnits, createCentreComment, deskPetitions, deskRatings, deskSteps, findCentreComment, listCentreComments, logCentreStep,
  saveSecondment, secondments, updateCentreComment, type CentreCommentRow, type SecondmentRow,
} from './centre-store.ts';
import { appraiserOf, periodLabel, periodRange, validPeriod, type PeriodKey } from './service.ts';
import { dossierFacts, staffOf, unitsByName, type StaffRow } from './store.ts';

type Db = Kysely<Database>;
type Range = { start: Date; end: Date };

export type CentreViewStatus = 'not_started' | 'draft' | 'sent' | 'not_sent';
export const CENTRE_STATUS_LABEL: Record<CentreViewStatus, string> = {
  not_started: 'Chưa viết nhận xét',
  draft: 'Đã lưu nháp, chưa gửi',
  sent: 'Đã gửi đơn vị chủ quản',
  not_sent: 'Trung tâm chưa gửi nhận xét',
};

// ── The centre, its writer, the secondments ───────────────────────────────────────────────────────────

interface Centre {
  name: string;
  unitIds: Set<number>;
  /** Heads of the centre: unit heads of a unit that receives dossiers. None: the leader writes. */
  heads: StaffRow[];
}

async function centreOf(db: Db, communeId: string): Promise<Centre> {
  const units = await centreUnits(db, communeId);
  const unitIds = new Set(units.map((u) => u.id));
  const heads = (await staffOf(db, communeId)).filter((s) => s.unit_id !== null && unitIds.has(s.unit_id) && s.roles.includes('unit_head'));
  return { name: units.map((u) => u.name).join(', ') || 'Bộ phận Một cửa', unitIds, heads };
}

/** The centre's head writes; where the centre has no head, the commune's leader (the centre is an organisation of the
 *  People's Committee, NĐ 118/2025 Đ7 k3). */
const mayWrite = (who: Principal, c: Centre) => who.kind === 'staff' && (c.heads.length ? c.heads.some((h) => h.id === who.id) : hasRole(who, 'leader'));
const writerOf = (c: Centre) => (c.heads.length ? 'centre_head' as const : 'leader' as const);

const daysOf = (range: Range) => ({ firstDay: vnDate(range.start), endDay: vnDate(range.end) });

/** The officer's secondment in force during the period, if any. */
async function secondmentOf(db: Db, communeId: string, staffId: number, range: Range): Promise<SecondmentRow | null> {
  const { firstDay, endDay } = daysOf(range);
  return secondmentIn(await secondments(db, communeId, { staffId, firstDay, endDay }), staffId, firstDay, endDay);
}

/** To whom the comments go: the home unit's head who appraises the officer, or the leader (service.ts appraiserOf). */
async function recipientOf(db: Db, communeId: string, s: StaffRow, home: Home): Promise<string> {
  if ((await appraiserOf(db, communeId, s, home.id)) === 'leader') return 'Lãnh đạo UBND xã';
  const heads = (await staffOf(db, communeId, { unitId: home.id! })).filter((x) => x.id !== s.id && x.roles.includes('unit_head'));
  return `Trưởng đơn vị ${home.name ?? ''}: ${heads.map((h) => h.full_name).join(', ')}`;
}

type Access = 'write' | 'read' | null;
interface Home { id: number | null; name: string | null }

/** The officer themself, the home unit's head who appraises them and the leaders read; the writer writes. */
async function accessOf(db: Db, who: Principal, s: StaffRow, c: Centre, home: Home): Promise<Access> {
  if (who.kind !== 'staff') return null;
  if (who.id === s.id) return 'read';
  if (mayWrite(who, c)) return 'write';
  if (hasRole(who, 'leader')) return 'read';
  const by = await appraiserOf(db, who.communeId, s, home.id);
  return by === 'unit_head' && hasRole(who, 'unit_head') && who.unitId !== null && who.unitId === home.id ? 'read' : null;
}

interface Context { s: StaffRow; c: Centre; sec: SecondmentRow | null; row: CentreCommentRow | undefined; home: Home; access: Access }

/** The officer (404 outside the commune), the centre, the secondment and comments of the period, the caller's access. */
async function contextOf(db: Db, who: Principal, staffId: number, p: PeriodKey, lock = false): Promise<Context> {
  const s = who.kind === 'staff' ? (await staffOf(db, who.communeId, { staffId }))[0] : undefined;
  if (!s) throw notFound('cán bộ');
  const c = await centreOf(db, who.communeId);
  const sec = await secondmentOf(db, who.communeId, s.id, periodRange(p));
  const row = await findCentreComment(db, who.communeId, s.id, p, lock);
  const units = await unitsByName(db, who.communeId);
  const homeId = sec?.homeUnitId ?? row?.home_unit_id ?? s.unit_id;
  const home = { id: homeId, name: units.find((u) => u.id === homeId)?.name ?? null };
  return { s, c, sec, row, home, access: await accessOf(db, who, s, c, home) };
}

/** What the caller does with the centre comments in general: writes them, reads the list (a leader), or neither. */
export async function centreRoleOf(db: Db, who: Principal): Promise<'write' | 'read' | null> {
  const c = await centreOf(db, who.communeId);
  return mayWrite(who, c) ? 'write' : hasRole(who, 'leader') ? 'read' : null;
}

// ── Figures and the view ───────────────────────────────────────────────────────────────────────────────

/** The centre's figures for the officer in the period, from the dossier log, ratings and petitions. */
export async function figuresFor(db: Db, communeId: string, staffId: number, range: Range, now: Date): Promise<CentreFigures> {
  const events = await deskSteps(db, communeId, [staffId], range.start, range.end);
  const dossiers = await dossierFacts(db, { communeId, staffId }, range.start, range.end);
  const ratings = await deskRatings(db, communeId, staffId, range.start, range.end);
  const petitions = await deskPetitions(db, communeId, staffId, range.start, range.end);
  return centreFigures({ staffId, events, dossiers, ratings, petitions }, range, now);
}

export interface CentreView {
  staff: { id: number; name: string; title: string; unitId: number | null; unitName: string | null };
  period: PeriodKey & { label: string; start: string; end: string };
  /** The secondment in force in the period (null: none, e.g. ended or never recorded). */
  secondment: { homeUnitId: number; homeUnitName: string; startsOn: string; endsOn: string | null; decision: string | null } | null;
  homeUnit: Home;
  centreName: string;
  writer: 'centre_head' | 'leader';
  recipient: string;
  status: CentreViewStatus;
  statusLabel: string;
  figures: CentreFigures;
  /** The figures were frozen when the comments were sent. */
  frozen: boolean;
  /** Null for a reader until the comments are sent. */
  content: CentreContent | null;
  proposedRatingLabel: string | null;
  sentAt: string | null;
  recipientAtSending: string | null;
  steps: { step: CentreStep; at: string; actorName: string }[];
  can: { write: boolean; send: boolean };
}

const statusFor = (row: CentreCommentRow | undefined, write: boolean): CentreViewStatus =>
  !row ? (write ? 'not_started' : 'not_sent') : row.status === 'sent' ? 'sent' : write ? 'draft' : 'not_sent';

async function viewOf(db: Db, who: Principal, p: PeriodKey, x: Context & { access: 'write' | 'read' }, now: Date): Promise<CentreView> {
  const { s, c, sec, row, home, access } = x;
  const range = periodRange(p);
  const sent = row?.status === 'sent';
  const shown = access === 'write' || sent;
  const status = statusFor(row, access === 'write');
  const content = row && shown ? normalContent({ attitude: row.attitude, discipline: row.discipline, other: row.other, proposedRating: row.proposed_rating }) : null;
  const steps = row && shown ? (await centreStepsOf(db, row.id)).map((k) => ({ step: k.step, at: k.at.toISOString(), actorName: k.actor_name })) : [];
  const open = access === 'write' && !sent && who.id !== s.id && (!!sec || !!row);
  return {
    staff: { id: s.id, name: s.full_name, title: s.title, unitId: s.unit_id, unitName: s.unit_name },
    period: { ...p, label: periodLabel(p), start: range.start.toISOString(), end: range.end.toISOString() },
    secondment: sec ? { homeUnitId: sec.homeUnitId, homeUnitName: sec.homeUnitName, startsOn: sec.startsOn, endsOn: sec.endsOn, decision: sec.decision } : null,
    homeUnit: home, centreName: c.name, writer: writerOf(c), recipient: await recipientOf(db, who.communeId, s, home),
    status, statusLabel: CENTRE_STATUS_LABEL[status],
    figures: sent && row.figures ? (row.figures as CentreFigures) : await figuresFor(db, who.communeId, s.id, range, now), frozen: sent && !!row.figures,
    content, proposedRatingLabel: content?.proposedRating ? RATING_LABEL[content.proposedRating] : null,
    sentAt: sent && row.sent_at ? row.sent_at.toISOString() : null, recipientAtSending: sent ? row.recipient : null,
    steps, can: { write: open && range.start <= now, send: open && range.end <= now },
  };
}

const readable = (x: Context): x is Context & { access: 'write' | 'read' } => x.access !== null;

/** One officer's centre comments for the period, as the caller may see them (403 for anyone else of the commune). */
export async function centreCommentsOf(db: Db, who: Principal, staffId: number, p: PeriodKey, now: Date): Promise<CentreView> {
  const x = await contextOf(db, who, staffId, validPeriod(p));
  if (!readable(x)) throw forbidden('Nhận xét của Trung tâm chỉ dành cho cán bộ được nhận xét, trưởng đơn vị chủ quản, người đứng đầu Trung tâm và lãnh đạo UBND xã.');
  return viewOf(db, who, p, x, now);
}

/** What the KPI page shows next to the general criteria: the comments if the officer is seconded in the period (or
 *  has comments for it) and the caller may read them; null otherwise (the KPI page has its own permissions). */
export async function centreCommentsForKpi(db: Db, who: Principal, staffId: number, p: PeriodKey, now: Date): Promise<CentreView | null> {
  if (who.kind !== 'staff' || !(await staffOf(db, who.communeId, { staffId })).length) return null;
  const x = await contextOf(db, who, staffId, validPeriod(p));
  return readable(x) && (x.sec || x.row) ? viewOf(db, who, p, x, now) : null;
}

// ── The list for the centre's head ─────────────────────────────────────────────────────────────────────

export interface CentreRow {
  staffId: number; name: string; title: string; homeUnitName: string | null; status: CentreViewStatus; statusLabel: string;
  received: number; returned: number; late: number; dissatisfied: number; sentAt: string | null;
}

const mayList = (who: Principal, c: Centre) => mayWrite(who, c) || hasRole(who, 'leader');
const listForbidden = () => forbidden('Dành cho người đứng đầu Trung tâm Phục vụ hành chính công và lãnh đạo UBND xã.');

/** The officers seconded to the centre in the period (or with comments for it) and the state of their comments. */
export async function centreList(db: Db, who: Principal, p: PeriodKey, now: Date): Promise<{ label: string; centreName: string; writer: 'centre_head' | 'leader'; canWrite: boolean; rows: CentreRow[] }> {
  validPeriod(p);
  const c = await centreOf(db, who.communeId);
  if (!mayList(who, c)) throw listForbidden();
  const write = mayWrite(who, c);
  const range = periodRange(p);
  const { firstDay, endDay } = daysOf(range);
  const secs = await secondments(db, who.communeId, { firstDay, endDay });
  const comments = await listCentreComments(db, who.communeId, p);
  const units = await unitsByName(db, who.communeId);
  const ids = [...new Set([...secs.map((x) => x.staffId), ...comments.map((x) => x.staff_id)])];
  const rows: CentreRow[] = [];
  for (const s of (await staffOf(db, who.communeId)).filter((o) => ids.includes(o.id))) {
    const row = comments.find((x) => x.staff_id === s.id);
    const sent = row?.status === 'sent';
    const f = sent && row.figures ? (row.figures as CentreFigures) : await figuresFor(db, who.communeId, s.id, range, now);
    const homeId = secondmentIn(secs, s.id, firstDay, endDay)?.homeUnitId ?? row?.home_unit_id ?? s.unit_id;
    const status = statusFor(row, write);
    rows.push({
      staffId: s.id, name: s.full_name, title: s.title, homeUnitName: units.find((u) => u.id === homeId)?.name ?? null, status, statusLabel: CENTRE_STATUS_LABEL[status],
      received: f.received, returned: f.returned, late: f.late, dissatisfied: f.dissatisfied, sentAt: sent && row.sent_at ? row.sent_at.toISOString() : null,
    });
  }
  return { label: periodLabel(p), centreName: c.name, writer: writerOf(c), canWrite: write, rows };
}

// ── Save and send ──────────────────────────────────────────────────────────────────────────────────────

export interface CentreInput { attitude?: string; discipline?: string; other?: string; proposedRating?: string | null }

/** Saves the draft (step 'save') or sends it, final (step 'send'); fields left out keep their saved value. */
export async function writeCentreComments(trx: Transaction<Database>, who: Principal, staffId: number, p: PeriodKey, input: CentreInput, step: CentreStep, now: Date): Promise<CentreView> {
  const x = await contextOf(trx, who, staffId, validPeriod(p), true);
  const { s, c, sec, row } = x;
  if (x.access !== 'write' || who.id === s.id) {
    throw forbidden(c.heads.length ? 'Người đứng đầu Trung tâm Phục vụ hành chính công viết nhận xét.' : 'Trung tâm chưa có người đứng đầu: lãnh đạo UBND xã viết nhận xét.');
  }
  const range = periodRange(p);
  if (range.start > now) throw new Problem(422, 'PERIOD_NOT_STARTED', 'Kỳ đánh giá chưa bắt đầu.');
  if (step === 'send' && range.end > now) throw new Problem(409, 'PERIOD_NOT_OVER', 'Chỉ gửi nhận xét sau khi kỳ đánh giá kết thúc.');
  if (!row && !sec) throw new Problem(422, 'NOT_SECONDED', `${s.full_name} không được ghi nhận là công chức được cử đến làm việc tại Trung tâm trong kỳ này.`);
  const next = nextCentreStatus(row?.status ?? null, step);
  if (!next.ok) throw new Problem(409, next.code, 'Nhận xét đã gửi đơn vị chủ quản, không sửa hoặc gửi lại được.');
  const merged = {
    attitude: input.attitude ?? row?.attitude, discipline: input.discipline ?? row?.discipline, other: input.other ?? row?.other,
    proposedRating: input.proposedRating !== undefined ? input.proposedRating : row?.proposed_rating,
  };
  const errors = checkCentreContent(merged, step);
  if (errors.length) {
    throw new Problem(422, 'CENTRE_COMMENTS_INVALID', 'Nhận xét chưa đầy đủ hoặc chưa hợp lệ.', errors.map((e) => e.message).join(' '),
      errors.map((e) => ({ path: `/${e.field}`, message: e.message })));
  }
  const content = normalContent(merged);
  const id = row?.id ?? (await createCentreComment(trx, { communeId: who.communeId, staffId: s.id, homeUnitId: x.home.id, period: p, at: now })).id;
  const sent = step === 'send' ? { figures: await figuresFor(trx, who.communeId, s.id, range, now), recipient: await recipientOf(trx, who.communeId, s, x.home), by: who.id } : undefined;
  await updateCentreComment(trx, id, { content, status: next.status, homeUnitId: x.home.id, at: now, sent });
  await logCentreStep(trx, id, step, who.id, now, { ...content, ...(sent ? { figures: sent.figures, recipient: sent.recipient } : {}) });
  return viewOf(trx, who, p, { ...x, row: await findCentreComment(trx, who.communeId, s.id, p), access: 'write' }, now);
}

// ── Recording the secondments ──────────────────────────────────────────────────────────────────────────

export interface SecondmentInput { staffId: number; homeUnitId: number; startsOn: string; endsOn?: string | null; decision?: string | null }

/** The commune's secondments (the writer of the comments and the leaders). */
export async function secondmentList(db: Db, who: Principal): Promise<SecondmentRow[]> {
  if (!mayList(who, await centreOf(db, who.communeId))) throw listForbidden();
  return secondments(db, who.communeId);
}

/** Who may be recorded (officers of the centre) and from where (the commune's other units), for the form. */
export async function secondmentChoices(db: Db, who: Principal): Promise<{ officers: { id: number; name: string }[]; units: { id: number; name: string }[] }> {
  const c = await centreOf(db, who.communeId);
  const officers = (await staffOf(db, who.communeId)).filter((s) => s.unit_id !== null && c.unitIds.has(s.unit_id) && !c.heads.some((h) => h.id === s.id));
  const units = (await unitsByName(db, who.communeId)).filter((u) => !c.unitIds.has(u.id));
  return { officers: officers.map((o) => ({ id: o.id, name: o.full_name })), units };
}

/** The writer of the comments or a leader records that an officer works at the centre, seconded from their home unit,
 *  for a term (NĐ 118/2025 Đ11, Đ12 k8); the same first day again corrects it (its last day ends it). */
export async function recordSecondment(trx: Transaction<Database>, who: Principal, input: SecondmentInput, now: Date): Promise<SecondmentRow[]> {
  const c = await centreOf(trx, who.communeId);
  if (!mayList(who, c)) throw listForbidden();
  const s = (await staffOf(trx, who.communeId, { staffId: input.staffId }))[0];
  if (!s) throw new Problem(422, 'UNKNOWN_STAFF', 'Không có cán bộ này trong xã.');
  const unit = (await unitsByName(trx, who.communeId)).find((u) => u.id === input.homeUnitId);
  if (!unit) throw new Problem(422, 'UNKNOWN_UNIT', 'Đơn vị không thuộc xã.');
  if (c.unitIds.has(unit.id)) throw new Problem(422, 'HOME_UNIT_IS_CENTRE', 'Đơn vị chủ quản phải là đơn vị khác Trung tâm.');
  const endsOn = input.endsOn || null;
  const bad = checkSecondmentDates(input.startsOn, endsOn);
  if (bad) throw new Problem(422, 'INVALID_DATES', bad);
  await saveSecondment(trx, { communeId: who.communeId, staffId: s.id, homeUnitId: unit.id, startsOn: input.startsOn, endsOn, decision: input.decision?.trim() || null, by: who.id, at: now });
  return secondments(trx, who.communeId);
}
