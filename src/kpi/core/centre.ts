// The centre comments on an officer seconded to the commune's one-stop centre (pure): the secondment in force in a
// period, the centre's figures for the officer from the dossier log, the checks of the content and the states
// draft → sent.
// - Hải Phòng QĐ 212/2025 Đ3 k7 (domain.md §2.1): a seconded officer is rated by their home agency; the centre's head
//   sends comments (nhận xét) on them to that agency. NĐ 118/2025 Đ11, Đ12 k8: the secondment lasts 12–36 months.
// - Seconded in a period: a secondment (table kpi_secondments: home unit, first and last day) overlaps the period. The
//   staff table cannot tell: an officer has one unit, and one who receives dossiers must belong to the centre.
// - Figures for the period [start, end), each from the officer's own steps in the log:
//   received = dossiers they received (at the counter or online); refused = receipts they refused; supplement
//   requests = their requests, before or after receipt; returned = results they handed back; settled / on time / late
//   = the dossiers they received that count in the period by the KPI's rule (finished, or fallen due: countedAt) and
//   are on time or late by the indicator rule (isLate); ratings / dissatisfied / poor attitude = citizens' ratings
//   given in the period of the dossiers they received or returned (overall "Không hài lòng"; the criterion "Thái độ
//   của cán bộ, công chức" rated "Chưa tốt"); petitions = petitions (PAKN) received in the period about those dossiers.
import { countedAt, isLate, type DossierFacts } from './figures.ts';
import { RATING_LABEL, type Rating } from './rules.ts';

export const RECEIPT_ACTIONS = ['receive_counter', 'receive_online'] as const;
export const SUPPLEMENT_ACTIONS = ['request_supplement_before_receipt', 'request_supplement'] as const;
/** The steps of the one-stop desk an officer is judged on by the centre. */
export const DESK_ACTIONS = [...RECEIPT_ACTIONS, 'refuse_receipt', ...SUPPLEMENT_ACTIONS, 'return_result'] as const;

const RECEIPT = new Set<string>(RECEIPT_ACTIONS);
const SUPPLEMENT = new Set<string>(SUPPLEMENT_ACTIONS);

export interface Secondment {
  staffId: number;
  homeUnitId: number;
  /** First day, YYYY-MM-DD (Vietnam date). */
  startsOn: string;
  /** Last day, inclusive; null: until further notice. */
  endsOn: string | null;
}

/** The secondment of the officer in force during the days [firstDay, endDay) (endDay exclusive), the latest begun
 *  if several overlap; null if none. */
export function secondmentIn<T extends Secondment>(rows: readonly T[], staffId: number, firstDay: string, endDay: string): T | null {
  const overlapping = rows.filter((r) => r.staffId === staffId && r.startsOn < endDay && (r.endsOn === null || r.endsOn >= firstDay));
  return overlapping.sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0] ?? null;
}

/** What is wrong with a secondment's dates (YYYY-MM-DD); the term of 12–36 months has exceptions, so it is not enforced. */
export function checkSecondmentDates(startsOn: string, endsOn: string | null): string | null {
  const ok = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  if (!ok(startsOn)) return 'Ngày bắt đầu không hợp lệ.';
  if (endsOn !== null && !ok(endsOn)) return 'Ngày kết thúc không hợp lệ.';
  if (endsOn !== null && endsOn < startsOn) return 'Ngày kết thúc phải từ ngày bắt đầu trở đi.';
  return null;
}

/** One desk step of the officer. */
export interface DeskEvent {
  dossierId: string;
  action: string;
  at: Date;
}

/** A citizen's rating of a dossier the officer received or returned. */
export interface DeskRating {
  dossierId: string;
  overall: string;
  /** Points of the criterion "Thái độ của cán bộ, công chức" (2 tốt, 1 bình thường, 0 chưa tốt), if rated. */
  attitude: number | null;
  at: Date;
}

/** A petition (PAKN) about a dossier the officer received or returned. */
export interface DeskPetition {
  dossierId: string;
  at: Date;
}

export interface CentreFigures {
  received: number;
  refused: number;
  supplementRequests: number;
  returned: number;
  settled: number;
  onTime: number;
  late: number;
  ratings: number;
  dissatisfied: number;
  poorAttitude: number;
  petitions: number;
}

export interface CentreInput {
  staffId: number;
  /** The officer's desk steps (others are ignored). */
  events: readonly DeskEvent[];
  /** Dossiers with their log, among them those the officer received (others are ignored). */
  dossiers: readonly DossierFacts[];
  ratings: readonly DeskRating[];
  petitions: readonly DeskPetition[];
}

const within = (at: Date, p: { start: Date; end: Date }) => at >= p.start && at < p.end;

/** Whether the officer received the dossier (a receipt step in its log is theirs). */
export const receivedBy = (d: DossierFacts, staffId: number) => d.events.some((e) => RECEIPT.has(e.action) && e.actorId === String(staffId));

/** The centre's figures for the officer in the period (see the rules above). */
export function centreFigures(input: CentreInput, period: { start: Date; end: Date }, now: Date): CentreFigures {
  const steps = input.events.filter((e) => within(e.at, period));
  const distinct = (pred: (e: DeskEvent) => boolean) => new Set(steps.filter(pred).map((e) => e.dossierId)).size;
  const settled = input.dossiers.filter((d) => {
    if (!receivedBy(d, input.staffId)) return false;
    const at = countedAt(d, now);
    return !!at && within(at, period);
  });
  const late = settled.filter((d) => isLate(d, period, now)).length;
  const ratings = input.ratings.filter((r) => within(r.at, period));
  return {
    received: distinct((e) => RECEIPT.has(e.action)),
    refused: distinct((e) => e.action === 'refuse_receipt'),
    supplementRequests: steps.filter((e) => SUPPLEMENT.has(e.action)).length,
    returned: distinct((e) => e.action === 'return_result'),
    settled: settled.length,
    onTime: settled.length - late,
    late,
    ratings: ratings.length,
    dissatisfied: ratings.filter((r) => r.overall === 'dissatisfied').length,
    poorAttitude: ratings.filter((r) => r.attitude === 0).length,
    petitions: input.petitions.filter((x) => within(x.at, period)).length,
  };
}

/** Each figure with its Vietnamese label, in the order shown. */
export const CENTRE_FIGURE_LABEL: Record<keyof CentreFigures, string> = {
  received: 'Hồ sơ tiếp nhận',
  refused: 'Hồ sơ từ chối tiếp nhận',
  supplementRequests: 'Lần yêu cầu bổ sung hồ sơ',
  returned: 'Hồ sơ trả kết quả',
  settled: 'Hồ sơ đã tiếp nhận, hoàn thành hoặc đến hạn trong kỳ',
  onTime: 'trong đó đúng hạn',
  late: 'trong đó trễ hạn',
  ratings: 'Lượt đánh giá của người dân',
  dissatisfied: 'trong đó “Không hài lòng”',
  poorAttitude: 'trong đó thái độ cán bộ “Chưa tốt”',
  petitions: 'Phản ánh, kiến nghị về hồ sơ',
};

// ── The content and the states ─────────────────────────────────────────────────────────────────────────

export type CentreStatus = 'draft' | 'sent';
export type CentreStep = 'save' | 'send';

export interface CentreContent {
  attitude: string;
  discipline: string;
  other: string;
  proposedRating: Rating | null;
}

export const CENTRE_TEXT_MAX = 4000;
export type CentreField = keyof CentreContent;
export interface CentreFieldError {
  field: CentreField;
  message: string;
}

export const isRating = (x: unknown): x is Rating => typeof x === 'string' && Object.hasOwn(RATING_LABEL, x);

/** What is wrong with the content for the step: a draft may be incomplete; what is sent needs the comments on
 *  attitude and on discipline and a proposed level (the home unit rates on them, QĐ 212/2025 Đ3 k7). */
export function checkCentreContent(c: { attitude?: string; discipline?: string; other?: string; proposedRating?: string | null }, step: CentreStep): CentreFieldError[] {
  const out: CentreFieldError[] = [];
  const text = (field: 'attitude' | 'discipline' | 'other', name: string, required: boolean) => {
    const v = (c[field] ?? '').trim();
    if (required && !v) out.push({ field, message: `Nhập nhận xét về ${name}.` });
    else if (v.length > CENTRE_TEXT_MAX) out.push({ field, message: `Nhận xét về ${name} dài quá ${CENTRE_TEXT_MAX} ký tự.` });
  };
  text('attitude', 'thái độ phục vụ người dân, doanh nghiệp', step === 'send');
  text('discipline', 'ý thức tổ chức kỷ luật', step === 'send');
  text('other', 'nội dung khác', false);
  const r = c.proposedRating ?? null;
  if (r !== null && r !== '' && !isRating(r)) out.push({ field: 'proposedRating', message: 'Mức đề xuất không hợp lệ.' });
  else if (step === 'send' && !r) out.push({ field: 'proposedRating', message: 'Chọn mức xếp loại đề xuất.' });
  return out;
}

/** The status after a step, or why the step is refused: what was sent is final (the home unit rates on it). */
export function nextCentreStatus(current: CentreStatus | null, step: CentreStep): { ok: true; status: CentreStatus } | { ok: false; code: 'CENTRE_COMMENTS_SENT' } {
  if (current === 'sent') return { ok: false, code: 'CENTRE_COMMENTS_SENT' };
  return { ok: true, status: step === 'send' ? 'sent' : 'draft' };
}

/** The content as stored: trimmed, empty level as null. */
export function normalContent(c: { attitude?: string; discipline?: string; other?: string; proposedRating?: string | null }): CentreContent {
  const r = c.proposedRating;
  return { attitude: (c.attitude ?? '').trim(), discipline: (c.discipline ?? '').trim(), other: (c.other ?? '').trim(), proposedRating: isRating(r) ? r : null };
}
