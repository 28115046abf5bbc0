// What a citizen rates after the result is returned (domain.md §2.9). Pure: labels and the stored encoding.
//
// - Overall satisfaction: rất hài lòng / hài lòng / không hài lòng, the three answers the 766 index and the
//   provincial portals count (domain.md §2.9, "Satisfaction is shown as % Rất hài lòng / Hài lòng / Không hài lòng").
// - The nine criteria of the legacy framework (Nghị định 61/2018 + Thông tư 01/2018, [S] Thanh Hóa report): each
//   is optional and stored as points, 2 = tốt, 1 = bình thường, 0 = chưa tốt, so that reports can add them up to
//   the 18-point scale of the legacy form (`scored`: the quarterly score and band, core/scores.ts). UNCERTAIN: TT
//   01/2018 scores each criterion 0–2 but words the levels per criterion; the three generic levels are our decision.
// - The provincial portals' per-dossier evaluation rates 12 criteria: the nine, the overall service, the convenience
//   of the online service and timeliness (domain.md §2.9 "Per-dossier online evaluation", [S] Thừa Thiên Huế
//   dichvucong.thuathienhue.gov.vn/thongke, its criteria 1–3). The overall service is OVERALL; the last two are
//   rated on the same three levels but are not part of the 18-point scale. Convenience of the online service is
//   asked only about a dossier filed online (`onlineOnly`).
// The answers are stored as JSON in ratings.criteria (jsonb, migration 002), keyed by `key`: a new criterion needs
// no migration, and ratings given before it simply lack its key.

export const OVERALL = ['very_satisfied', 'satisfied', 'dissatisfied'] as const;
export type Overall = (typeof OVERALL)[number];

export const OVERALL_LABEL: Record<Overall, string> = {
  very_satisfied: 'Rất hài lòng',
  satisfied: 'Hài lòng',
  dissatisfied: 'Không hài lòng',
};

export const CRITERIA = [
  { key: 'totalTime', label: 'Tổng thời gian giải quyết so với thời hạn quy định', scored: true, onlineOnly: false },
  { key: 'agencyTime', label: 'Thời gian thực hiện của từng cơ quan, đơn vị tham gia giải quyết (kể cả phối hợp)', scored: true, onlineOnly: false },
  { key: 'contacts', label: 'Số lần phải liên hệ với nơi tiếp nhận để hoàn thiện hồ sơ (kể cả trực tuyến)', scored: true, onlineOnly: false },
  { key: 'agencies', label: 'Số lượng cơ quan, đơn vị, tổ chức phải liên hệ', scored: true, onlineOnly: false },
  { key: 'oneStop', label: 'Việc tiếp nhận, giải quyết, trả kết quả tại Bộ phận Một cửa', scored: true, onlineOnly: false },
  { key: 'publication', label: 'Việc công khai thủ tục hành chính', scored: true, onlineOnly: false },
  { key: 'attitude', label: 'Thái độ của cán bộ, công chức', scored: true, onlineOnly: false },
  { key: 'feedbackHandling', label: 'Việc tiếp thu, giải trình ý kiến phản ánh, kiến nghị', scored: true, onlineOnly: false },
  { key: 'onlineService', label: 'Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến', scored: true, onlineOnly: false },
  // The provincial portals' criteria 2 and 3 (Thừa Thiên Huế), outside the 18-point scale.
  { key: 'onlineConvenience', label: 'Mức độ thuận tiện khi sử dụng dịch vụ công trực tuyến (dễ sử dụng, thời gian đáp ứng)', scored: false, onlineOnly: true },
  { key: 'timeliness', label: 'Mức độ đúng hạn trong xử lý, trả kết quả', scored: false, onlineOnly: false },
] as const;
export type CriterionKey = (typeof CRITERIA)[number]['key'];

/** The nine criteria of the legacy 18-point form (2 points each). */
export const SCORED_CRITERIA = CRITERIA.filter((c) => c.scored);
/** Points of a full legacy form: 9 criteria × 2 points. */
export const MAX_FORM_POINTS = 18;

/** The criteria asked about a dossier filed through `channel` (convenience of the online service: online only). */
export const criteriaFor = (channel: string) => CRITERIA.filter((c) => !c.onlineOnly || channel === 'online');

/** Points per level (legacy 2-point criteria). */
export const LEVELS = [
  { points: 2, label: 'Tốt' },
  { points: 1, label: 'Bình thường' },
  { points: 0, label: 'Chưa tốt' },
] as const;
export type Points = (typeof LEVELS)[number]['points'];

export type Criteria = Partial<Record<CriterionKey, Points>>;

export interface RatingInput {
  overall: Overall;
  criteria: Criteria;
  comment: string | null;
}

/** A rating can be changed for this many days after it was first given; then it is final (our decision: long
 *  enough to correct a slip, short enough that the quarterly figures do not move after they are read). */
export const EDIT_WINDOW_DAYS = 7;

/** Only dossiers with a result (9 Đã xử lý xong) or a delivered result (10 Đã trả kết quả) can be rated. */
export const RATABLE_STATES: readonly number[] = [9, 10];

export const isOverall = (v: unknown): v is Overall => typeof v === 'string' && (OVERALL as readonly string[]).includes(v);

/** Parses submitted form values (or the stored JSON); unknown keys and empty answers are dropped, and so are the
 *  criteria not asked through `channel` (when given: a form posted for a counter dossier cannot rate the online
 *  service's convenience). */
export function parseCriteria(raw: Record<string, unknown>, channel?: string): Criteria {
  const out: Criteria = {};
  for (const c of channel === undefined ? CRITERIA : criteriaFor(channel)) {
    const v = raw[c.key];
    const n = typeof v === 'string' && /^[012]$/.test(v) ? Number(v) : typeof v === 'number' ? v : NaN;
    if (n === 0 || n === 1 || n === 2) out[c.key] = n;
  }
  return out;
}
