// The PAR self-assessment workflow (domain.md §5): the coordinator opens a year's assessment (sub-criteria auto-filled
// from system data), owner units self-score with evidence, the coordinator submits, the reviewing body appraises
// each sub-criterion with an explanation, the commune responds and the reviewer may revise (the dialogue, an
// append-only log), then the reviewer finalises. Rules here; SQL in store.ts; scoring in core/.
//
// Decision (the issue is silent): the reviewing body (Sở Nội vụ / the province's appraisal council) has no account
// in a commune's system; the commune's `admin` account stands in for it (REVIEWER_ROLES), so that no officer who
// self-scores or signs the self-assessment (leader) appraises their own commune's scores.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { Problem, forbidden, notFound } from '../http/problem.ts';
import { hasRole, type Principal, type StaffRole } from '../identity/core/principal.ts';
import { yearFigures, autoValue } from './autofill.ts';
import { pointsOf, type PointsInput } from './core/rules.ts';
import { templateFor, type ScoringRule } from './core/template.ts';
import {
  communeProvince, editableItem, findAssessment, insertAssessment, insertItems, logEntry, nodesOf, provinceTemplates, setStatus, updateItem, addEvidence as insertEvidence,
  type AssessmentRow,
} from './store.ts';

type Trx = Transaction<Database>;

export const REVIEWER_ROLES: StaffRole[] = ['admin'];
export const isReviewer = (p: Principal) => hasRole(p, ...REVIEWER_ROLES);
export const isCoordinator = (p: Principal) => hasRole(p, 'cchc_coordinator');
const actor = (p: Principal) => (p.kind === 'staff' ? p.id : null);

/** Whose sub-criteria the caller self-scores: every one (CCHC coordinator), their unit's (unit staff), or none. */
export function selfScoreScope(p: Principal): { communeId: string; unitId?: number } | null {
  if (isCoordinator(p)) return { communeId: p.communeId };
  if (p.kind === 'staff' && p.unitId && hasRole(p, 'unit_head', 'specialist')) return { communeId: p.communeId, unitId: p.unitId };
  return null;
}

export const STATUS_LABEL: Record<AssessmentRow['status'], string> = {
  draft: 'Đang tự chấm', submitted: 'Đã gửi thẩm định', final: 'Đã có kết quả thẩm định',
};

async function assessmentOf(trx: Trx, p: Principal, id: string): Promise<AssessmentRow> {
  const a = await findAssessment(trx, p.communeId, { id }, true);
  if (!a) throw notFound('bộ chấm điểm chỉ số CCHC');
  return a;
}

const needStatus = (a: AssessmentRow, ...s: AssessmentRow['status'][]) => {
  if (!s.includes(a.status)) throw new Problem(409, 'PAR_WRONG_STATUS', `Không thực hiện được khi bộ chấm điểm ở trạng thái "${STATUS_LABEL[a.status]}".`);
};

async function nodeOf(trx: Trx, a: AssessmentRow, code: string) {
  const n = (await nodesOf(trx, a.template_id)).find((x) => x.code === code && x.level === 'sub');
  if (!n) throw notFound('tiêu chí thành phần');
  return n;
}

/** Opens the assessment of a year with the template in force for the commune's province, auto-filled. */
/** (The shipped templates are loaded first: templates.ts ensureTemplates.) `db` reads the system's figures outside
 *  the transaction (the indicator service keeps its own roll-ups in transactions of its own). */
export async function createAssessment(db: Kysely<Database>, trx: Trx, p: Principal, year: number, now: Date) {
  if (!isCoordinator(p)) throw forbidden('Chỉ đầu mối CCHC của xã mở kỳ tự chấm điểm.');
  const province = await communeProvince(trx, p.communeId);
  const tpl = templateFor(province ? await provinceTemplates(trx, province) : [], year);
  if (!tpl) throw new Problem(422, 'PAR_NO_TEMPLATE', `Chưa có bộ chỉ số CCHC của tỉnh áp dụng cho năm ${year}.`);
  const row = await insertAssessment(trx, p.communeId, year, tpl.id, now);
  if (!row) throw new Problem(409, 'PAR_ASSESSMENT_EXISTS', `Đã có bộ chấm điểm năm ${year}.`);
  await insertItems(trx, p.communeId, row.id, await nodesOf(trx, tpl.id));
  await logEntry(trx, { communeId: p.communeId, assessmentId: row.id, code: null, type: 'created', side: 'commune', actorId: actor(p), text: `Năm ${year}`, at: now });
  const a = (await findAssessment(trx, p.communeId, { id: row.id }))!;
  await autofill(db, trx, a, now, actor(p));
  return a;
}

/** Recomputes every auto-filled sub-criterion from the system's data (only while self-scoring). */
export async function autofill(db: Kysely<Database>, trx: Trx, a: AssessmentRow, now: Date, actorId: number | null): Promise<number> {
  needStatus(a, 'draft');
  const figures = yearFigures(db, a.commune_id, a.year, now);
  let n = 0;
  for (const node of await nodesOf(trx, a.template_id)) {
    if (node.level !== 'sub' || !node.auto) continue;
    const v = await autoValue(figures, node);
    await updateItem(trx, a.commune_id, a.id, node.code, { auto_points: v.points, auto_figures: v.figures, auto_at: now }, now);
    n++;
  }
  await logEntry(trx, { communeId: a.commune_id, assessmentId: a.id, code: null, type: 'autofilled', side: 'system', actorId, text: `Cập nhật ${n} tiêu chí tự động từ số liệu của hệ thống`, at: now });
  return n;
}

export async function refreshAuto(db: Kysely<Database>, trx: Trx, p: Principal, id: string, now: Date) {
  if (!isCoordinator(p)) throw forbidden();
  return autofill(db, trx, await assessmentOf(trx, p, id), now, actor(p));
}

/** The item the caller may self-score: 404 outside the commune, 403 for another unit's sub-criterion. */
async function ownItem(trx: Trx, p: Principal, a: AssessmentRow, code: string) {
  const scope = selfScoreScope(p);
  if (!scope) throw forbidden('Chỉ đơn vị được giao và đầu mối CCHC tự chấm điểm.');
  const item = await editableItem(trx, scope, a.id, code);
  if (item) return item;
  if (await editableItem(trx, { communeId: p.communeId }, a.id, code)) throw forbidden('Tiêu chí này do đơn vị khác tự chấm.');
  throw notFound('tiêu chí thành phần');
}

export interface SelfScoreInput { points?: number; rate?: number; note?: string; reason?: string }

const toInput = (i: { points?: number; rate?: number }): PointsInput => {
  if (i.rate !== undefined) return { rate: i.rate };
  if (i.points !== undefined) return { points: i.points };
  throw new Problem(422, 'PAR_SCORE_REQUIRED', 'Cần nhập điểm (hoặc tỷ lệ).');
};

function checked(rule: ScoringRule, max: number, input: PointsInput): number {
  const r = pointsOf(rule, max, input);
  if ('error' in r) throw new Problem(422, 'PAR_SCORE_INVALID', r.error);
  return r.points;
}

/** The owner unit's self-score; replacing an auto-filled value needs a written reason, kept in the item and log. */
export async function selfScore(trx: Trx, p: Principal, id: string, code: string, input: SelfScoreInput, now: Date) {
  const a = await assessmentOf(trx, p, id);
  const item = await ownItem(trx, p, a, code);
  needStatus(a, 'draft');
  const node = await nodeOf(trx, a, code);
  const points = checked(node.rule as ScoringRule, node.max_points, toInput(input));
  const reason = input.reason?.trim() || null;
  const overrides = !!node.auto && item.auto_points !== null && points !== item.auto_points;
  if (overrides && !reason) throw new Problem(422, 'PAR_OVERRIDE_REASON_REQUIRED', 'Điểm khác giá trị tự động từ hệ thống: cần ghi rõ lý do.');
  await updateItem(trx, a.commune_id, a.id, code, { self_points: points, self_note: input.note?.trim() || null, override_reason: overrides ? reason : null }, now);
  await logEntry(trx, { communeId: a.commune_id, assessmentId: a.id, code, type: overrides ? 'overridden' : 'self_scored', side: 'commune', actorId: actor(p), points, text: overrides ? reason : input.note?.trim() || null, at: now });
  return { points };
}

/** Evidence (tài liệu kiểm chứng): a file already stored (sha256) or a reference note, by the owner unit. */
export async function addEvidence(trx: Trx, p: Principal, id: string, code: string, e: { note?: string; sha256?: string; fileName?: string }, now: Date) {
  const a = await assessmentOf(trx, p, id);
  await ownItem(trx, p, a, code);
  needStatus(a, 'draft', 'submitted');
  const note = e.note?.trim() || undefined;
  if (!note && !e.sha256) throw new Problem(422, 'PAR_EVIDENCE_REQUIRED', 'Cần đính kèm tệp hoặc ghi số, ký hiệu, tên tài liệu kiểm chứng.');
  const row = await insertEvidence(trx, { communeId: a.commune_id, assessmentId: a.id, code, sha256: e.sha256, fileName: e.fileName, note, by: actor(p), at: now });
  await logEntry(trx, { communeId: a.commune_id, assessmentId: a.id, code, type: 'evidence', side: 'commune', actorId: actor(p), text: e.fileName ?? note ?? null, at: now });
  return row;
}

export async function submit(trx: Trx, p: Principal, id: string, now: Date) {
  if (!isCoordinator(p)) throw forbidden('Chỉ đầu mối CCHC gửi kết quả tự chấm điểm.');
  const a = await assessmentOf(trx, p, id);
  needStatus(a, 'draft');
  await setStatus(trx, a.commune_id, a.id, 'submitted', now);
  await logEntry(trx, { communeId: a.commune_id, assessmentId: a.id, code: null, type: 'submitted', side: 'commune', actorId: actor(p), at: now });
}

/** The reviewer's appraised score with its explanation (required); a second one is a revision. */
export async function appraise(trx: Trx, p: Principal, id: string, code: string, input: { points?: number; rate?: number; note?: string }, now: Date) {
  if (!isReviewer(p)) throw forbidden('Chỉ cơ quan thẩm định chấm điểm thẩm định.');
  const a = await assessmentOf(trx, p, id);
  const item = await editableItem(trx, { communeId: p.communeId }, a.id, code);
  if (!item) throw notFound('tiêu chí thành phần');
  needStatus(a, 'submitted');
  const node = await nodeOf(trx, a, code);
  const points = checked(node.rule as ScoringRule, node.max_points, toInput(input));
  const note = input.note?.trim();
  if (!note) throw new Problem(422, 'PAR_EXPLANATION_REQUIRED', 'Cần giải trình điểm thẩm định.');
  await updateItem(trx, a.commune_id, a.id, code, { review_points: points, review_note: note }, now);
  await logEntry(trx, { communeId: a.commune_id, assessmentId: a.id, code, type: item.review_points === null ? 'appraised' : 'revised', side: 'reviewer', actorId: actor(p), points, text: note, at: now });
  return { points };
}

/** The commune's response in the dialogue on one sub-criterion (owner unit or coordinator). */
export async function respond(trx: Trx, p: Principal, id: string, code: string, text: string, now: Date) {
  const a = await assessmentOf(trx, p, id);
  await ownItem(trx, p, a, code);
  needStatus(a, 'submitted');
  if (!text.trim()) throw new Problem(422, 'PAR_TEXT_REQUIRED', 'Cần nhập nội dung giải trình.');
  await logEntry(trx, { communeId: a.commune_id, assessmentId: a.id, code, type: 'response', side: 'commune', actorId: actor(p), text: text.trim(), at: now });
}

/** Closes the appraisal: sub-criteria not appraised keep their self-score as final. */
export async function finalize(trx: Trx, p: Principal, id: string, now: Date) {
  if (!isReviewer(p)) throw forbidden('Chỉ cơ quan thẩm định công bố kết quả.');
  const a = await assessmentOf(trx, p, id);
  needStatus(a, 'submitted');
  await setStatus(trx, a.commune_id, a.id, 'final', now);
  await logEntry(trx, { communeId: a.commune_id, assessmentId: a.id, code: null, type: 'finalized', side: 'reviewer', actorId: actor(p), at: now });
}

