// Petitions service: filing (citizen or counter), the staff steps with their statutory clocks (domain.md §4 5.2),
// publication and reactions. Rules here; SQL in store.ts; clocks in core/petition.ts.
import type { Kysely, Transaction } from 'kysely';
import { workCalendarFor } from '../calendar/store.ts';
import { parseVnTime } from '../calendar/core/vn-time.ts';
import type { Database } from '../db/schema.ts';
import { Problem, forbidden, notFound } from '../http/problem.ts';
import { hasRole, seesWholeCommune, type Principal, type StaffRole } from '../identity/core/principal.ts';
import { refreshFacts } from '../indicators/facts.ts';
import { petitionDeadlines, petitionOnTime, type PetitionDeadlines } from './core/petition.ts';
import {
  activeInUnit, addReaction, dossierIdByCode, findPetition, insertPetition, logEvent, newReference, unitOfCommune, updatePetition,
  type PetitionRow, type Scope,
} from './store.ts';
import type { PetitionChannel, PetitionEventType, Reaction } from './tables.ts';

type Db = Kysely<Database>;

export const PETITION_STEPS = ['assign', 'refuse', 'ask_more', 'answer', 'publish', 'repeat'] as const;
export type PetitionStep = (typeof PETITION_STEPS)[number];

/** Who handles petitions: the one-stop shop, unit heads, leaders and the CCHC focal point; a specialist only answers
 *  the petitions assigned to their unit. */
const STEP_ROLES: Record<PetitionStep, StaffRole[]> = {
  assign: ['receiving_officer', 'unit_head', 'leader', 'cchc_coordinator'],
  refuse: ['receiving_officer', 'unit_head', 'leader', 'cchc_coordinator'],
  ask_more: ['receiving_officer', 'unit_head', 'leader', 'cchc_coordinator', 'specialist'],
  answer: ['receiving_officer', 'unit_head', 'leader', 'cchc_coordinator', 'specialist'],
  publish: ['receiving_officer', 'unit_head', 'leader', 'cchc_coordinator'],
  // The petitioner came back with the same matter, still dissatisfied with the answer (QĐ 766 5.3).
  repeat: ['receiving_officer', 'unit_head', 'leader', 'cchc_coordinator'],
};
export const STEP_LABEL: Record<PetitionStep, string> = {
  assign: 'Giao xử lý', refuse: 'Từ chối tiếp nhận', ask_more: 'Đề nghị bổ sung thông tin', answer: 'Trả lời', publish: 'Công khai kết quả trả lời',
  repeat: 'Ghi nhận phản ánh lại (chưa hài lòng)',
};

const EVENT_OF: Record<PetitionStep, PetitionEventType> = {
  assign: 'assigned', refuse: 'refused', ask_more: 'asked_more', answer: 'answered', publish: 'published', repeat: 'repeated',
};

export type PetitionStatus = 'open' | 'refused' | 'answered' | 'published';
export const STATUS_LABEL: Record<PetitionStatus, string> = {
  open: 'Đang xử lý', refused: 'Đã từ chối', answered: 'Đã trả lời, chờ công khai', published: 'Đã công khai',
};
export const statusOf = (p: Pick<PetitionRow, 'refused_at' | 'answered_at' | 'published_at'>): PetitionStatus =>
  p.refused_at ? 'refused' : p.published_at ? 'published' : p.answered_at ? 'answered' : 'open';

/** Steps allowed from the petition's status (one refusal or answer; one request for more information). */
export function allowedSteps(p: PetitionRow, who: Principal): PetitionStep[] {
  const s = statusOf(p);
  const byState: PetitionStep[] =
    s === 'open' ? ['assign', ...(p.asked_more_at ? [] : (['refuse', 'ask_more'] as const)), 'answer']
    : s === 'answered' ? ['publish', ...(p.repeated_dissatisfied ? [] : (['repeat'] as const))]
    : s === 'published' && !p.repeated_dissatisfied ? ['repeat']
    : [];
  return byState.filter((step) => hasRole(who, ...STEP_ROLES[step]));
}

/** What the caller may see: the whole commune (one-stop shop, leaders, CCHC focal point), or the petitions assigned
 *  to their unit (specialists, unit heads of a unit). */
export const scopeOf = (p: Principal): Scope => (seesWholeCommune(p) ? { communeId: p.communeId } : { communeId: p.communeId, unitId: p.unitId });

export interface PetitionInput {
  procedureCode?: string;
  dossierCode?: string;
  aboutStaff?: string;
  content: string;
  name: string;
  contact?: string;
  channel: PetitionChannel;
  /** When it reached the commune, if earlier than now (forwarded by VPCP, posted). */
  receivedAt?: Date;
}

/** Files a petition; a dossier code found in the commune links it, and the dossier then counts in 766 5.4. */
export async function filePetition(trx: Transaction<Database>, communeId: string, input: PetitionInput, now: Date, actorId: number | null = null) {
  const dossierId = input.dossierCode ? await dossierIdByCode(trx, communeId, input.dossierCode) : undefined;
  const row = await insertPetition(trx, {
    commune_id: communeId, reference: newReference(now), procedure_code: input.procedureCode || null,
    dossier_code: input.dossierCode || null, dossier_id: dossierId ?? null, about_staff: input.aboutStaff || null,
    content: input.content, petitioner_name: input.name, petitioner_contact: input.contact || null, channel: input.channel,
    received_at: input.receivedAt ?? now,
  });
  await logEvent(trx, row.id, 'received', now, actorId, input.channel);
  if (dossierId) await refreshFacts(trx, dossierId); // 766 5.4: a dossier with a PAKN
  return row;
}

/** Channels an officer records a petition from (the portal files its own). */
export const STAFF_CHANNELS = ['counter', 'phone', 'mail', 'forwarded'] as const satisfies readonly PetitionChannel[];
export const CHANNEL_LABEL: Record<PetitionChannel, string> = { portal: 'Cổng dịch vụ công của xã', counter: 'Tại quầy', phone: 'Điện thoại', mail: 'Thư', forwarded: 'Chuyển đến' };

/** An officer records a petition received at the counter, by phone or mail, or forwarded by another agency; the
 *  clock starts when it reached the commune (QĐ 766 5.2), which may be before it is typed in, never after. */
export async function recordPetition(trx: Transaction<Database>, who: Principal, input: Omit<PetitionInput, 'receivedAt'> & { receivedAt?: string }, now: Date) {
  if (!hasRole(who, 'receiving_officer', 'unit_head', 'leader', 'cchc_coordinator')) throw forbidden();
  let receivedAt = now;
  try {
    if (input.receivedAt) receivedAt = parseVnTime(input.receivedAt); // a form's local time is Vietnam time
  } catch {
    receivedAt = new Date(NaN);
  }
  if (Number.isNaN(receivedAt.getTime()) || receivedAt > now) throw new Problem(422, 'RECEIVED_AT_INVALID', 'Thời điểm nhận phản ánh không hợp lệ hoặc ở tương lai.');
  return filePetition(trx, who.communeId, { ...input, dossierCode: input.dossierCode?.trim().toUpperCase(), receivedAt }, now, who.kind === 'staff' ? who.id : null);
}

export interface StepInput { unitId?: number; assigneeId?: number; text?: string }

/** Takes one step on a petition the caller may see; 404 outside their scope, 403 without the role, 409 if the
 *  petition's status does not allow it. */
export async function takeStep(trx: Transaction<Database>, who: Principal, id: string, step: PetitionStep, input: StepInput, now: Date): Promise<PetitionRow> {
  const p = await findPetition(trx, scopeOf(who), id, true);
  if (!p) throw notFound('phản ánh, kiến nghị');
  if (!hasRole(who, ...STEP_ROLES[step])) throw forbidden();
  if (!allowedSteps(p, who).includes(step)) throw new Problem(409, 'PETITION_STEP_NOT_ALLOWED', `Không thể "${STEP_LABEL[step].toLowerCase()}" ở trạng thái "${STATUS_LABEL[statusOf(p)]}".`);
  const text = input.text?.trim() ?? '';
  if (['refuse', 'ask_more', 'answer', 'repeat'].includes(step) && !text) throw new Problem(422, 'TEXT_REQUIRED', 'Cần nhập nội dung (lý do, thông tin cần bổ sung hoặc nội dung trả lời).');
  let note: string | null = text || null;
  if (step === 'assign') {
    const unit = await unitOfCommune(trx, who.communeId, input.unitId ?? -1);
    if (!unit) throw new Problem(422, 'UNKNOWN_UNIT', 'Đơn vị được giao không thuộc xã.');
    const assigneeId = input.assigneeId && (await activeInUnit(trx, input.assigneeId, unit.id)) ? input.assigneeId : undefined;
    if (input.assigneeId && !assigneeId) throw new Problem(422, 'UNKNOWN_ASSIGNEE', 'Cán bộ được giao không thuộc đơn vị.');
    await updatePetition(trx, id, { unit_id: unit.id, assignee_id: assigneeId ?? null });
    note = unit.name;
  } else if (step === 'refuse') {
    await updatePetition(trx, id, { refused_at: now, refuse_reason: text });
  } else if (step === 'ask_more') {
    await updatePetition(trx, id, { asked_more_at: now });
  } else if (step === 'repeat') {
    await updatePetition(trx, id, { repeated_dissatisfied: true });
  } else if (step === 'answer') {
    await updatePetition(trx, id, { answered_at: now, answer: text });
  } else {
    await updatePetition(trx, id, { published_at: now });
  }
  await logEvent(trx, id, EVENT_OF[step], now, who.kind === 'staff' ? who.id : null, note); // actor: staff only (an API key is no staff member)
  return (await findPetition(trx, { communeId: who.communeId }, id))!;
}

/** A citizen's like or dislike of a published answer, once per voter. */
export async function react(db: Db, communeId: string, id: string, voterHash: string, reaction: Reaction, now: Date): Promise<'ok' | 'again'> {
  return db.transaction().execute(async (trx) => {
    const p = await findPetition(trx, { communeId }, id);
    if (!p || !p.published_at) throw notFound('câu trả lời đã công khai');
    if (!(await addReaction(trx, id, voterHash, reaction, now))) return 'again';
    await logEvent(trx, id, 'reaction', now, null, reaction);
    return 'ok';
  });
}

export type Urgency = 'late' | 'due_soon' | null;

/** The next step's deadline and whether it is late or due within a working day, for the staff list. */
export async function clockOf(db: Db, p: PetitionRow, now: Date): Promise<{ deadlines: PetitionDeadlines; next: Date | null; urgency: Urgency; onTime: boolean }> {
  const cal = await workCalendarFor(db, p.commune_id);
  const facts = { receivedAt: p.received_at, refusedAt: p.refused_at, askedMoreAt: p.asked_more_at, answeredAt: p.answered_at, publishedAt: p.published_at, likes: p.likes, dislikes: p.dislikes, repeatedDissatisfied: p.repeated_dissatisfied };
  const deadlines = petitionDeadlines(facts, cal);
  const s = statusOf(p);
  const next = s === 'open' ? deadlines.answerBy : s === 'answered' ? deadlines.publishBy : null;
  const urgency: Urgency = !next ? null : next < now ? 'late' : cal.addWorkingDays(cal.nextWorkingTime(now), 1) >= next ? 'due_soon' : null;
  return { deadlines, next, urgency, onTime: petitionOnTime(facts, cal, now) };
}
