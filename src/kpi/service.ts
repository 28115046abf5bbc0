// The KPI service: who may see and do what, the live view of an officer's period (figures, products, score and
// its explanation), and the workflow self-assessment → appraisal (unit head; the leader for unit heads) → approval
// (leader), each step logged; approval freezes the figures and the result (snapshot).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { vnDate } from '../calendar/core/vn-time.ts';
import { Problem, forbidden, notFound } from '../http/problem.ts';
import { hasRole, type Principal } from '../identity/core/principal.ts';
import { periodName, periodOf } from '../indicators/core/periods.ts';
import { workOf } from './actions.ts';
import { secondments } from './centre-store.ts';
import { secondmentIn } from './core/centre.ts';
import { withFindings, type Figures, type PlanTaskFigures } from './core/figures.ts';
import { checkQuota, type QuotaCheck, type Rating } from './core/rules.ts';
import { score, type ScoreResult } from './core/score.ts';
import {
  createAssessment, excellentUnitIds, findAssessment, listAssessments, logStep, ruleSetAt, setUnitRatingRow, staffOf, stepsOf, unitOfCommune, unitsByName,
  updateAssessment, type AssessmentRow, type PeriodKey, type RuleSet, type StaffRow,
} from './store.ts';
import type { AssessmentStatus } from './tables.ts';

type Db = Kysely<Database>;
export type { PeriodKey } from './store.ts';

export const STATUS_LABEL: Record<AssessmentStatus | 'not_started', string> = {
  not_started: 'Chưa tự đánh giá', self_assessed: 'Đã tự đánh giá, chờ thẩm định', appraised: 'Đã thẩm định, chờ phê duyệt', approved: 'Đã phê duyệt',
};

export const periodRange = (p: PeriodKey) => periodOf(p.kind === 'month' ? { year: p.year, month: p.no } : { year: p.year, quarter: p.no });
export const periodLabel = (p: PeriodKey) => periodName(p.kind === 'month' ? { year: p.year, month: p.no } : { year: p.year, quarter: p.no });

/** The last month that ended before `now` (Vietnam time). */
export function lastFinishedMonth(now: Date): PeriodKey {
  const [y, m] = vnDate(now).split('-').map(Number) as [number, number];
  return m === 1 ? { kind: 'month', year: y - 1, no: 12 } : { kind: 'month', year: y, no: m - 1 };
}

export function validPeriod(p: PeriodKey): PeriodKey {
  if (!Number.isInteger(p.year) || p.year < 2000 || p.year > 2100 || !Number.isInteger(p.no) || p.no < 1 || p.no > (p.kind === 'month' ? 12 : 4)) {
    throw new Problem(422, 'INVALID_PERIOD', 'Kỳ đánh giá không hợp lệ.');
  }
  return p;
}

async function rulesFor(db: Db, communeId: string, p: PeriodKey): Promise<RuleSet> {
  const r = await ruleSetAt(db, communeId, vnDate(periodRange(p).start));
  if (!r) throw new Problem(422, 'NO_KPI_RULES', 'Chưa có quy định đánh giá KPI áp dụng cho kỳ này (Nghị định 335/2025/NĐ-CP có hiệu lực từ 01/01/2026).');
  return r;
}

// ── Who may do what ────────────────────────────────────────────────────────────────────────────────────

const isHead = (s: StaffRow) => s.roles.includes('unit_head') || s.roles.includes('leader');

/** The days of a period as Vietnam dates: the first, and the first after it. */
const daysOf = (p: PeriodKey) => {
  const r = periodRange(p);
  return { firstDay: vnDate(r.start), endDay: vnDate(r.end) };
};

/** The unit whose head appraises the officer in the period: the home unit of a secondment to the one-stop centre in
 *  force (a seconded officer is rated by their home agency, Hải Phòng QĐ 212/2025 Đ3 k7), else their own unit. */
export async function kpiUnitOf(db: Db, communeId: string, s: StaffRow, p: PeriodKey): Promise<{ unitId: number | null; seconded: boolean }> {
  const { firstDay, endDay } = daysOf(p);
  const sec = secondmentIn(await secondments(db, communeId, { staffId: s.id, firstDay, endDay }), s.id, firstDay, endDay);
  return sec ? { unitId: sec.homeUnitId, seconded: true } : { unitId: s.unit_id, seconded: false };
}

/** Who appraises an officer: the head of their unit (`unitId`: their KPI unit, kpiUnitOf); the leader for unit heads
 *  and for units without a head. */
export async function appraiserOf(db: Db, communeId: string, s: StaffRow, unitId = s.unit_id): Promise<'unit_head' | 'leader'> {
  if (isHead(s) || unitId === null) return 'leader';
  const heads = (await staffOf(db, communeId, { unitId })).filter((x) => x.id !== s.id && x.roles.includes('unit_head'));
  return heads.length ? 'unit_head' : 'leader';
}

/** The officer whose KPI the caller may see, read within the caller's scope IN SQL: themself, their unit (unit
 *  head) and, for the period `p`, the officers seconded from their unit to the centre; the commune (leader). Anything
 *  else does not exist for them (404). */
export async function visibleStaff(db: Db, who: Principal, staffId: number, p?: PeriodKey): Promise<StaffRow> {
  if (who.kind !== 'staff') throw notFound('cán bộ');
  const head = hasRole(who, 'unit_head') && who.unitId !== null;
  const scope = staffId === who.id || hasRole(who, 'leader') ? { staffId } : head ? { staffId, unitId: who.unitId! } : null;
  let row = scope ? (await staffOf(db, who.communeId, scope))[0] : undefined;
  if (!row && head && p && (await secondedFrom(db, who.communeId, who.unitId!, p)).includes(staffId)) row = (await staffOf(db, who.communeId, { staffId }))[0];
  if (!row) throw notFound('cán bộ');
  return row;
}

/** The officers seconded from the unit to the centre during the period. */
async function secondedFrom(db: Db, communeId: string, unitId: number, p: PeriodKey): Promise<number[]> {
  const { firstDay, endDay } = daysOf(p);
  const rows = await secondments(db, communeId, { homeUnitId: unitId, firstDay, endDay });
  return [...new Set(rows.map((r) => r.staffId))].filter((id) => secondmentIn(rows, id, firstDay, endDay)?.homeUnitId === unitId);
}

/** Officers the caller may see: the commune (leader), their unit and (for the period `p`) those seconded from it to
 *  the centre (unit head), else themself. */
export async function visibleOfficers(db: Db, who: Principal, p?: PeriodKey): Promise<StaffRow[]> {
  if (who.kind !== 'staff') return [];
  if (hasRole(who, 'leader')) return staffOf(db, who.communeId);
  if (hasRole(who, 'unit_head') && who.unitId !== null) {
    const own = await staffOf(db, who.communeId, { unitId: who.unitId });
    const away = p ? await secondedFrom(db, who.communeId, who.unitId, p) : [];
    const extra = await Promise.all(away.filter((id) => !own.some((o) => o.id === id)).map(async (id) => (await staffOf(db, who.communeId, { staffId: id }))[0]));
    return [...own, ...extra.filter((x): x is StaffRow => !!x)];
  }
  return staffOf(db, who.communeId, { staffId: who.id });
}

// ── The view of one officer's period ───────────────────────────────────────────────────────────────────

export interface KpiView {
  staff: { id: number; name: string; title: string; unitId: number | null; unitName: string | null };
  period: PeriodKey & { label: string; start: string; end: string };
  status: AssessmentStatus | 'not_started';
  statusLabel: string;
  frozen: boolean;
  figures: Figures;
  plan: PlanTaskFigures;
  products: { ref: string; weight: number; completed: boolean; late: boolean; delays: number; qualityErrors: number; excused: boolean }[];
  generalSource: 'appraisal' | 'self' | 'none';
  general: Record<string, number>;
  selfGeneral: Record<string, number>;
  selfNote: string | null;
  appraisalNote: string | null;
  qualityErrors: string[];
  excused: string[];
  manualTask: { a: number; b: number; c: number } | null;
  disqualified: string | null;
  result: ScoreResult;
  rules: { effectiveFrom: string; legalBasis: string; general: { code: string; label: string; max: number }[]; notes: string[] };
  appraiser: 'unit_head' | 'leader';
  /** The officer is seconded to the one-stop centre in the period: their home unit appraises them. */
  secondedFrom: { unitId: number | null } | null;
  steps: { step: string; at: string; note: string | null; actorName: string }[];
  can: { selfAssess: boolean; appraise: boolean; approve: boolean };
}

type Frozen = Omit<KpiView, 'steps' | 'can' | 'status' | 'statusLabel' | 'frozen'>;

async function appraisal(db: Db, communeId: string, s: StaffRow, p: PeriodKey): Promise<Pick<KpiView, 'appraiser' | 'secondedFrom'>> {
  const unit = await kpiUnitOf(db, communeId, s, p);
  return { appraiser: await appraiserOf(db, communeId, s, unit.unitId), secondedFrom: unit.seconded ? { unitId: unit.unitId } : null };
}

async function liveView(db: Db, communeId: string, s: StaffRow, p: PeriodKey, a: AssessmentRow | undefined, now: Date): Promise<Frozen> {
  const rs = await rulesFor(db, communeId, p);
  const range = periodRange(p);
  const work = (await workOf(db, { communeId, staffId: s.id }, [s.id], range, now, rs.rules)).get(s.id)!;
  const qualityErrors = a?.quality_errors ?? [];
  const excused = a?.excused ?? [];
  const items = withFindings(work.items, qualityErrors, excused);
  const selfGeneral = a?.self_general ?? {};
  const generalSource = a?.appraisal_general ? 'appraisal' : Object.keys(selfGeneral).length ? 'self' : 'none';
  const general = a?.appraisal_general ?? selfGeneral;
  const result = score({ items, general, manual: a?.manual_task ?? null, disqualified: a?.disqualified ?? null }, rs.rules);
  const r = rs.rules;
  return {
    staff: { id: s.id, name: s.full_name, title: s.title, unitId: s.unit_id, unitName: s.unit_name },
    period: { ...p, label: periodLabel(p), start: range.start.toISOString(), end: range.end.toISOString() },
    figures: work.figures, plan: work.plan,
    products: withFindings(work.dossiers, qualityErrors, excused).map((d) => ({ ref: d.ref, weight: d.weight, completed: d.completed, late: d.late, delays: d.delays, qualityErrors: d.qualityErrors, excused: !!d.excused })),
    generalSource, general, selfGeneral, selfNote: a?.self_note ?? null, appraisalNote: a?.appraisal_note ?? null,
    qualityErrors, excused, manualTask: a?.manual_task ?? null, disqualified: a?.disqualified ?? null, result,
    rules: { effectiveFrom: rs.effectiveFrom, legalBasis: rs.legalBasis, general: r.general, notes: [r.generalBasis, r.componentsBasis, r.deductionBasis, r.bandsBasis, r.conversionBasis] },
    ...(await appraisal(db, communeId, s, p)),
  };
}

export async function kpiOf(db: Db, who: Principal, staffId: number, p: PeriodKey, now: Date): Promise<KpiView> {
  const s = await visibleStaff(db, who, staffId, validPeriod(p));
  return viewOf(db, who, s, p, now);
}

async function viewOf(db: Db, who: Principal, s: StaffRow, p: PeriodKey, now: Date): Promise<KpiView> {
  const a = await findAssessment(db, who.communeId, s.id, p);
  const frozen = a?.status === 'approved' && a.snapshot ? (a.snapshot as Frozen) : null;
  const body = frozen ?? (await liveView(db, who.communeId, s, p, a, now));
  const status = a?.status ?? 'not_started';
  const steps = a ? (await stepsOf(db, a.id)).map((x) => ({ step: x.step, at: x.at.toISOString(), note: x.note, actorName: x.actor_name })) : [];
  const periodOver = periodRange(p).end <= now;
  const unit = await kpiUnitOf(db, who.communeId, s, p);
  const can = {
    selfAssess: who.id === s.id && (status === 'not_started' || status === 'self_assessed'),
    appraise: periodOver && who.id !== s.id && (status === 'self_assessed' || status === 'appraised') && mayAppraise(who, unit.unitId, body.appraiser),
    approve: who.id !== s.id && status === 'appraised' && hasRole(who, 'leader'),
  };
  return { ...body, status, statusLabel: STATUS_LABEL[status], frozen: !!frozen, steps, can };
}

/** `unitId`: the officer's KPI unit (kpiUnitOf). */
const mayAppraise = (who: Principal, unitId: number | null, by: 'unit_head' | 'leader') =>
  by === 'leader' ? hasRole(who, 'leader') : hasRole(who, 'unit_head') && who.unitId === unitId;

// ── The workflow ───────────────────────────────────────────────────────────────────────────────────────

export interface SelfInput { note?: string; general?: Record<string, number> }
export interface AppraisalInput {
  general: Record<string, number>;
  note?: string;
  qualityErrors?: string[];
  excused?: string[];
  manual?: { a: number; b: number; c: number } | null;
  disqualified?: string | null;
}

const stepNotAllowed = (what: string, status: string) =>
  new Problem(409, 'KPI_STEP_NOT_ALLOWED', `Không thể ${what} ở trạng thái "${STATUS_LABEL[status as AssessmentStatus] ?? status}".`);

function checkGeneral(general: Record<string, number>, rs: RuleSet, all: boolean) {
  for (const g of rs.rules.general) {
    const v = general[g.code];
    if (v === undefined) {
      if (all) throw new Problem(422, 'GENERAL_SCORE_REQUIRED', `Cần chấm điểm tiêu chí "${g.label}".`);
      continue;
    }
    if (!Number.isFinite(v) || v < 0 || v > g.max) throw new Problem(422, 'GENERAL_SCORE_OUT_OF_RANGE', `Điểm tiêu chí "${g.label}" phải từ 0 đến ${g.max}.`);
  }
  const unknown = Object.keys(general).find((k) => !rs.rules.general.some((g) => g.code === k));
  if (unknown) throw new Problem(422, 'UNKNOWN_CRITERION', `Không có tiêu chí "${unknown}".`);
}

export async function selfAssess(trx: Transaction<Database>, who: Principal, p: PeriodKey, input: SelfInput, now: Date): Promise<KpiView> {
  if (who.kind !== 'staff') throw forbidden('Chỉ cán bộ tự đánh giá.');
  validPeriod(p);
  const s = await visibleStaff(trx, who, who.id);
  const rs = await rulesFor(trx, who.communeId, p);
  checkGeneral(input.general ?? {}, rs, false);
  if (periodRange(p).start > now) throw new Problem(422, 'PERIOD_NOT_STARTED', 'Kỳ đánh giá chưa bắt đầu.');
  // The first self-assessment adds the row (or finds that a simultaneous one just did), then every one locks it.
  if (!(await findAssessment(trx, who.communeId, s.id, p))) {
    const unitId = (await kpiUnitOf(trx, who.communeId, s, p)).unitId;
    await createAssessment(trx, { communeId: who.communeId, staffId: s.id, unitId, period: p, at: now });
  }
  const a = (await findAssessment(trx, who.communeId, s.id, p, true))!;
  if (a.status !== 'self_assessed') throw stepNotAllowed('tự đánh giá', a.status);
  const id = a.id;
  await updateAssessment(trx, id, { self_note: input.note?.trim() || null, self_general: input.general ?? {}, at: now });
  await logStep(trx, id, 'self_assess', who.id, now, input.note?.trim() || null, { general: input.general ?? {} });
  return viewOf(trx, who, s, p, now);
}

export async function appraise(trx: Transaction<Database>, who: Principal, staffId: number, p: PeriodKey, input: AppraisalInput, now: Date): Promise<KpiView> {
  validPeriod(p);
  const s = await visibleStaff(trx, who, staffId, p);
  const unit = await kpiUnitOf(trx, who.communeId, s, p);
  const by = await appraiserOf(trx, who.communeId, s, unit.unitId);
  if (who.id === s.id || !mayAppraise(who, unit.unitId, by)) throw forbidden(by === 'leader' ? 'Lãnh đạo UBND xã thẩm định cán bộ này.' : 'Trưởng đơn vị của cán bộ thẩm định.');
  if (periodRange(p).end > now) throw new Problem(409, 'PERIOD_NOT_OVER', 'Chỉ thẩm định sau khi kỳ đánh giá kết thúc.');
  const a = await findAssessment(trx, who.communeId, s.id, p, true);
  if (!a) throw stepNotAllowed('thẩm định khi cán bộ chưa tự đánh giá', 'not_started');
  if (a.status === 'approved') throw stepNotAllowed('thẩm định', a.status);
  const rs = await rulesFor(trx, who.communeId, p);
  checkGeneral(input.general, rs, true);
  const view = await liveView(trx, who.communeId, s, p, a, now);
  const refs = new Set(view.products.map((x) => x.ref));
  const bad = [...(input.qualityErrors ?? []), ...(input.excused ?? [])].find((c) => !refs.has(c));
  if (bad) throw new Problem(422, 'UNKNOWN_PRODUCT', `Hồ sơ "${bad}" không thuộc sản phẩm của cán bộ trong kỳ.`);
  for (const k of ['a', 'b', 'c'] as const) {
    const v = input.manual?.[k];
    if (v !== undefined && (!Number.isFinite(v) || v < 0 || v > 100)) throw new Problem(422, 'MANUAL_OUT_OF_RANGE', 'Điểm a, b, c phải từ 0 đến 100 (%).');
  }
  await updateAssessment(trx, a.id, {
    status: 'appraised', appraisal_general: input.general, appraisal_note: input.note?.trim() || null,
    quality_errors: input.qualityErrors ?? [], excused: input.excused ?? [], manual_task: input.manual ?? null,
    disqualified: input.disqualified?.trim() || null, at: now,
  });
  const after = (await findAssessment(trx, who.communeId, s.id, p))!;
  const v = await liveView(trx, who.communeId, s, p, after, now);
  await updateAssessment(trx, a.id, { total: v.result.total, rating: v.result.rating, at: now });
  await logStep(trx, a.id, 'appraise', who.id, now, input.note?.trim() || null, { ...input, total: v.result.total, rating: v.result.rating });
  return viewOf(trx, who, s, p, now);
}

export async function approve(trx: Transaction<Database>, who: Principal, staffId: number, p: PeriodKey, note: string | undefined, now: Date): Promise<{ view: KpiView; quota: QuotaReport }> {
  validPeriod(p);
  const s = await visibleStaff(trx, who, staffId);
  if (!hasRole(who, 'leader') || who.id === s.id) throw forbidden('Chỉ lãnh đạo UBND xã phê duyệt kết quả đánh giá.');
  const a = await findAssessment(trx, who.communeId, s.id, p, true);
  if (!a || a.status !== 'appraised') throw stepNotAllowed('phê duyệt', a?.status ?? 'not_started');
  const snapshot = await liveView(trx, who.communeId, s, p, a, now);
  await updateAssessment(trx, a.id, { status: 'approved', snapshot, total: snapshot.result.total, rating: snapshot.result.rating, at: now });
  await logStep(trx, a.id, 'approve', who.id, now, note?.trim() || null, { total: snapshot.result.total, rating: snapshot.result.rating });
  return { view: await viewOf(trx, who, s, p, now), quota: await quotaOf(trx, who.communeId, p) };
}

/** The quota as the caller may see it: the leader every unit, a unit head their own (and the agency's total). */
export async function quotaFor(db: Db, who: Principal, p: PeriodKey): Promise<QuotaReport> {
  if (!hasRole(who, 'leader', 'unit_head')) throw forbidden();
  return quotaOf(db, who.communeId, validPeriod(p), hasRole(who, 'leader') ? undefined : who.unitId);
}

// ── Quota of "excellent" ratings ───────────────────────────────────────────────────────────────────────

export interface QuotaReport {
  commune: QuotaCheck; communeExcellent: boolean;
  units: (QuotaCheck & { unitId: number | null; unitName: string; unitExcellent: boolean })[]; basis: string;
}

/** The quota in the agency (the commune's People's Committee) and in each unit, over the appraised and approved
 *  ratings of the period (so the leader sees it before approving); a unit head sees the agency's and their unit's. */
export async function quotaOf(db: Db, communeId: string, p: PeriodKey, onlyUnit?: number | null): Promise<QuotaReport> {
  const rs = await rulesFor(db, communeId, p);
  const rows = (await listAssessments(db, communeId, p)).filter((r) => r.rating && r.status !== 'self_assessed');
  const units = await unitsByName(db, communeId);
  const excellent = await excellentUnits(db, communeId, p.year);
  const byUnit = new Map<number | null, Rating[]>();
  for (const r of rows) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r.rating as Rating]);
  return {
    commune: checkQuota(rows.map((r) => r.rating as Rating), rs.rules, excellent.has(null)),
    units: [...byUnit.entries()].filter(([unitId]) => onlyUnit === undefined || unitId === onlyUnit).map(([unitId, ratings]) => ({
      unitId, unitName: units.find((u) => u.id === unitId)?.name ?? 'Không thuộc đơn vị', unitExcellent: unitId !== null && excellent.has(unitId),
      ...checkQuota(ratings, rs.rules, unitId !== null && excellent.has(unitId)),
    })),
    communeExcellent: excellent.has(null),
    basis: rs.rules.quotaBasis,
  };
}

// ── Units' own ratings (the 25 % quota) ─────────────────────────────────────────────────────────────────

/** The units (null: the People's Committee itself) rated "Hoàn thành xuất sắc nhiệm vụ" for the year. */
async function excellentUnits(db: Db, communeId: string, year: number): Promise<Set<number | null>> {
  return new Set(await excellentUnitIds(db, communeId, year));
}

/** The leader records a unit's (unitId null: the People's Committee's) own rating for a year, as decided by the body
 *  that rates it; "excellent" lifts its staff's quota of excellent ratings to 25 % (NĐ 335/2025, domain.md §8.1). */
export async function setUnitRating(trx: Transaction<Database>, who: Principal, input: { unitId: number | null; year: number; excellent: boolean }, now: Date) {
  if (!hasRole(who, 'leader') || who.kind !== 'staff') throw forbidden('Chỉ lãnh đạo UBND xã ghi nhận kết quả xếp loại của đơn vị.');
  if (input.year < 2020 || input.year > 2100) throw new Problem(422, 'BAD_YEAR', 'Năm không hợp lệ.');
  if (input.unitId !== null) {
    const unit = await unitOfCommune(trx, who.communeId, input.unitId);
    if (!unit) throw new Problem(422, 'UNKNOWN_UNIT', 'Đơn vị không thuộc xã.');
  }
  await setUnitRatingRow(trx, { communeId: who.communeId, unitId: input.unitId, year: input.year, excellent: input.excellent, setBy: who.id, at: now });
  return { unitId: input.unitId, year: input.year, excellent: input.excellent };
}

export { rulesFor };
