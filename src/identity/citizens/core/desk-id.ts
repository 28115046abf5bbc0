// The applicant's identification at the counter (pure). The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả,
// BM.01, TT 03/2025 Phụ lục I; domain.md §2.6) carries the applicant's số định danh cá nhân, and the status lookup
// asks for its last 4 digits; so a dossier is received at the counter with the ID number, or with the reason the
// applicant has none, recorded by the officer (our decision). Such a dossier is looked up by the last 4 digits of
// the applicant's phone number instead, so the phone is then required (and printed on the receipt's instructions).

/** Why an applicant gives no ID number at the counter, as the officer picks it. */
export const ID_WAIVER_REASONS = {
  not_issued: 'Người nộp chưa được cấp số định danh cá nhân',
  child: 'Người nộp là trẻ em chưa có thẻ Căn cước và không có giấy tờ ghi số định danh cá nhân',
  foreigner: 'Người nộp là người nước ngoài (giấy tờ tùy thân là hộ chiếu)',
  other: 'Lý do khác',
} as const;
export type IdWaiverReason = keyof typeof ID_WAIVER_REASONS;
export const ID_WAIVER_CODES = Object.keys(ID_WAIVER_REASONS) as IdWaiverReason[];

export const MAX_WAIVER_DETAIL = 500;

/** A recorded reason for the missing ID number; `detail` says more (what "other" is, the passport's number…). */
export interface IdWaiver {
  reason: IdWaiverReason;
  detail: string | null;
}

export interface DeskIdInput {
  /** The ID number as typed ('' when none); its format is the applicant rules' business. */
  idNumber: string;
  phone: string;
  /** The reason picked ('' when none). */
  waiver: string;
  waiverDetail: string;
}

export interface DeskIdError {
  field: 'idNumber' | 'idWaiver' | 'idWaiverDetail' | 'phone';
  message: string;
}

export const DESK_ID_MESSAGE = {
  missing: 'Nhập số định danh cá nhân của người nộp hồ sơ, hoặc chọn lý do người nộp không có số định danh cá nhân',
  unknownReason: 'Chọn lý do người nộp không có số định danh cá nhân trong danh sách',
  detail: 'Ghi rõ lý do người nộp không có số định danh cá nhân',
  detailTooLong: `Ghi rõ lý do không được dài quá ${MAX_WAIVER_DETAIL} ký tự`,
  phone: 'Nhập số điện thoại của người nộp: hồ sơ không có số định danh cá nhân được tra cứu bằng 4 số cuối số điện thoại',
};

/**
 * Checks the identification of a dossier received at the counter. An ID number typed wins: a reason picked as
 * well is ignored. Without one, a known reason is required ("other" with its detail), and a phone number.
 */
export function checkDeskId(i: DeskIdInput): { waiver: IdWaiver | null; errors: DeskIdError[] } {
  if (i.idNumber.trim()) return { waiver: null, errors: [] };
  const errors: DeskIdError[] = [];
  const detail = i.waiverDetail.trim();
  const reason = i.waiver.trim();
  if (!reason) return { waiver: null, errors: [{ field: 'idNumber', message: DESK_ID_MESSAGE.missing }] };
  if (!(ID_WAIVER_CODES as string[]).includes(reason)) errors.push({ field: 'idWaiver', message: DESK_ID_MESSAGE.unknownReason });
  if (reason === 'other' && !detail) errors.push({ field: 'idWaiverDetail', message: DESK_ID_MESSAGE.detail });
  if ([...detail].length > MAX_WAIVER_DETAIL) errors.push({ field: 'idWaiverDetail', message: DESK_ID_MESSAGE.detailTooLong });
  if (!i.phone.trim()) errors.push({ field: 'phone', message: DESK_ID_MESSAGE.phone });
  if (errors.length) return { waiver: null, errors };
  return { waiver: { reason: reason as IdWaiverReason, detail: detail || null }, errors };
}
