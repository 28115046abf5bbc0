// Errors returned by the dossier core. `code` is stable and machine-readable (clients and tests match on it);
// `message` is Vietnamese, for the officer or citizen; `status` is the HTTP status the API should answer with:
// 403 = permission, 404 = no such dossier, 409 = conflict with the dossier's state or history, 422 = invalid input.

export interface ErrorParams {
  /** Vietnamese name of the action. */
  action?: string;
  /** Vietnamese name of the current state. */
  state?: string;
  /** Vietnamese name of the actor's role. */
  role?: string;
  /** Machine name of the offending field, and its Vietnamese label. */
  field?: string;
  label?: string;
}

interface ErrorSpec {
  readonly status: 403 | 404 | 409 | 422;
  readonly message: (p: ErrorParams) => string;
}

export const ERRORS = {
  UNKNOWN_ACTION: { status: 422, message: () => 'Thao tác không hợp lệ.' },
  DOSSIER_NOT_FOUND: { status: 404, message: () => 'Không tìm thấy hồ sơ.' },
  ACTION_NOT_ALLOWED_IN_STATE: {
    status: 409,
    message: (p) => `Không thể thực hiện thao tác “${p.action}” khi hồ sơ đang ở trạng thái “${p.state}”.`,
  },
  ROLE_NOT_ALLOWED: {
    status: 403,
    message: (p) => `Vai trò “${p.role}” không được phép thực hiện thao tác “${p.action}”.`,
  },
  NOT_AT_YOUR_UNIT: {
    status: 403,
    message: () => 'Hồ sơ hiện không ở đơn vị của bạn nên bạn không thể thực hiện thao tác này.',
  },
  NOT_YOUR_DOSSIER: { status: 403, message: () => 'Bạn không phải là người nộp hồ sơ này.' },
  SELF_APPROVAL_NOT_ALLOWED: {
    status: 403,
    message: () => 'Người đề xuất không được tự phê duyệt đề xuất của mình.',
  },
  NOT_YET_RECEIVED: {
    status: 409,
    message: (p) => `Hồ sơ chưa được tiếp nhận nên chưa thể thực hiện thao tác “${p.action}”.`,
  },
  TIME_BEFORE_LAST_ACTION: {
    status: 409,
    message: () => 'Thời điểm thực hiện sớm hơn thao tác gần nhất trên hồ sơ.',
  },
  SECOND_SUPPLEMENT_NOT_ALLOWED: {
    status: 409,
    message: () =>
      'Hồ sơ đã được yêu cầu bổ sung một lần sau khi tiếp nhận; không được yêu cầu bổ sung lần thứ hai ' +
      '(theo Bộ chỉ số 766, hồ sơ yêu cầu bổ sung quá một lần bị tính là quá hạn).',
  },
  EXTENSION_ALREADY_USED: {
    status: 409,
    message: () => 'Hồ sơ đã được hẹn lại ngày trả kết quả; việc hẹn lại chỉ được thực hiện không quá một lần.',
  },
  EXTENSION_TOO_LATE: {
    status: 409,
    message: () =>
      'Đã quá thời điểm xin lỗi và hẹn lại ngày trả kết quả: phải thực hiện chậm nhất 01 ngày trước ngày hết hạn.',
  },
  NEW_DUE_NOT_LATER: {
    status: 422,
    message: () => 'Ngày hẹn trả kết quả mới phải sau ngày hẹn trả hiện tại.',
  },
  NO_PROPOSAL: { status: 409, message: () => 'Chưa có đề xuất kết quả giải quyết để phê duyệt.' },
  ALREADY_APPROVED: {
    status: 409,
    message: () => 'Đề xuất đã được phê duyệt; không thể phê duyệt lại hoặc thay đổi đề xuất.',
  },
  NOT_SUBMITTED_FOR_SIGNATURE: {
    status: 409,
    message: () => 'Đề xuất chưa được trình ký nên chưa thể phê duyệt hoặc trả lại.',
  },
  NOT_REQUESTED_SIGNER: {
    status: 403,
    message: () => 'Đề xuất được trình cho người ký khác; chỉ người được trình ký mới được phê duyệt hoặc trả lại.',
  },
  AWAITING_SIGNATURE: {
    status: 409,
    message: () => 'Đề xuất đang chờ người ký xem xét; chỉ sửa được đề xuất sau khi người ký trả lại.',
  },
  SIGNER_IS_PROPOSER: {
    status: 422,
    message: () => 'Người ký phải khác người đã đề xuất kết quả giải quyết.',
  },
  RESULT_NOT_SIGNED: {
    status: 409,
    message: () => 'Kết quả giải quyết chưa được ký số nên chưa thể ban hành.',
  },
  ONLINE_RETURN_NEEDS_SIGNED_RESULT: {
    status: 422,
    message: () =>
      'Hồ sơ chưa có kết quả điện tử đã ký số nên không thể trả kết quả trực tuyến; ' +
      'hãy chọn trả tại Bộ phận Một cửa hoặc gửi qua dịch vụ bưu chính.',
  },
  RESULT_NOT_APPROVED: {
    status: 409,
    message: () => 'Kết quả giải quyết chưa được phê duyệt nên chưa thể ban hành.',
  },
  PROPOSAL_OUTCOME_MISMATCH: {
    status: 409,
    message: () => 'Hướng giải quyết đã được phê duyệt không khớp với kết quả định ban hành.',
  },
  DECISION_ALREADY_MADE: {
    status: 409,
    message: () => 'Hồ sơ đã có quyết định hoặc kết quả giải quyết nên không thể dừng giải quyết hoặc rút hồ sơ.',
  },
  ONLY_AT_DESK: {
    status: 403,
    message: (p) =>
      `Hồ sơ đã chuyển xử lý: thao tác “${p.action}” do chuyên viên được giao xử lý hoặc lãnh đạo đơn vị đang giải quyết hồ sơ thực hiện.`,
  },
  NOT_YET_PROCESSING: {
    status: 403,
    message: (p) => `Hồ sơ chưa chuyển xử lý: thao tác “${p.action}” do cán bộ tiếp nhận một cửa thực hiện.`,
  },
  NOT_ASSIGNED_TO_YOU: {
    status: 403,
    message: (p) => `Hồ sơ không được giao cho bạn xử lý nên bạn không thể thực hiện thao tác “${p.action}”.`,
  },
  HANDOVER_TO_SAME: {
    status: 422,
    message: () => 'Đơn vị và cán bộ nhận bàn giao trùng với đơn vị và cán bộ đang xử lý hồ sơ.',
  },
  UNKNOWN_TIME_CASE: {
    status: 422,
    message: () => 'Thủ tục hành chính này không có trường hợp giải quyết đã chọn.',
  },
  TIME_CASE_UNCHANGED: { status: 409, message: () => 'Hồ sơ đang được giải quyết theo đúng trường hợp đã chọn.' },
  TIME_CASE_AFTER_EXTENSION: {
    status: 409,
    message: () => 'Hồ sơ đã được xin lỗi và hẹn lại ngày trả kết quả nên không thể đổi trường hợp giải quyết.',
  },
  DRAFT_NOT_REQUIRED: {
    status: 409,
    message: () => 'Chỉ gửi dự thảo kết quả cho hồ sơ đăng ký hộ tịch trực tuyến có đề xuất giải quyết (cấp kết quả).',
  },
  DRAFT_ALREADY_SENT: { status: 409, message: () => 'Dự thảo kết quả đã được gửi cho người yêu cầu; đang chờ ý kiến.' },
  DRAFT_NOT_SENT: {
    status: 409,
    message: () => 'Chưa gửi dự thảo kết quả cho người yêu cầu kiểm tra, hoặc dự thảo đã được xác nhận, đề nghị sửa.',
  },
  DRAFT_AWAITING_CONFIRMATION: {
    status: 409,
    message: () =>
      'Người yêu cầu chưa xác nhận dự thảo kết quả: chỉ trình ký khi người yêu cầu đã xác nhận, ' +
      'hoặc đã hết 01 ngày làm việc kể từ khi gửi dự thảo mà không có ý kiến.',
  },
  // ── Location-independent receipt (core/transfer.ts) ──
  NOT_RECEIVABLE_ANYWHERE: {
    status: 409,
    message: () => 'Thủ tục hành chính này không thuộc danh mục tiếp nhận không phụ thuộc địa giới hành chính nên không chuyển được sang xã khác.',
  },
  TRANSFER_TO_OWN_COMMUNE: { status: 422, message: () => 'Xã có thẩm quyền giải quyết phải là một xã khác với xã đang giữ hồ sơ.' },
  ALREADY_TRANSFERRED: { status: 409, message: () => 'Hồ sơ đã được chuyển đến xã có thẩm quyền giải quyết.' },
  NOT_TRANSFERRED: { status: 409, message: () => 'Hồ sơ không được chuyển giữa hai xã nên không có hồ sơ giấy phải gửi, nhận.' },
  PAPERS_IN_TRANSIT: { status: 409, message: () => 'Hồ sơ giấy đang được chuyển; bên nhận phải xác nhận đã nhận trước khi gửi lần khác.' },
  NO_PAPERS_IN_TRANSIT: { status: 409, message: () => 'Không có hồ sơ giấy nào đang được chuyển đến.' },
  RESULT_NOT_AT_RECEIVING_CENTRE: {
    status: 409,
    message: () => 'Người nộp không chọn nhận kết quả tại nơi tiếp nhận hồ sơ; xã có thẩm quyền trả kết quả qua bưu chính hoặc trực tuyến.',
  },
  RESULT_PAPERS_ALREADY_BACK: { status: 409, message: () => 'Kết quả giấy đã được chuyển về nơi tiếp nhận hồ sơ.' },
  RESULT_PAPERS_NOT_RECEIVED: {
    status: 409,
    message: () => 'Nơi tiếp nhận chưa nhận được kết quả giấy do xã có thẩm quyền gửi về nên chưa trả kết quả được.',
  },
  RESULT_RETURNED_AT_RECEIVING_CENTRE: {
    status: 403,
    message: () => 'Người nộp chọn nhận kết quả tại nơi tiếp nhận hồ sơ: hãy gửi kết quả giấy về nơi tiếp nhận để trả cho người nộp.',
  },
  RECEIVING_COMMUNE_ONLY_FOLLOWS: {
    status: 403,
    message: () => 'Hồ sơ đã chuyển đến xã có thẩm quyền giải quyết; nơi tiếp nhận chỉ theo dõi tiến độ, gửi, nhận hồ sơ giấy và trả kết quả.',
  },
  NOT_PAPERS_SENDER: { status: 403, message: () => 'Hồ sơ giấy lúc này do xã bên kia gửi, không phải xã của bạn.' },
  NOT_PAPERS_RECIPIENT: { status: 403, message: () => 'Hồ sơ giấy đang được chuyển đến xã bên kia, không phải xã của bạn.' },
  MISSING_FIELD: { status: 422, message: (p) => `Thiếu thông tin bắt buộc: ${p.label}.` },
  INVALID_FIELD: { status: 422, message: (p) => `Thông tin không hợp lệ: ${p.label}.` },
} as const satisfies Record<string, ErrorSpec>;

export type DossierErrorCode = keyof typeof ERRORS;

export interface DossierError {
  readonly code: DossierErrorCode;
  readonly message: string;
  readonly status: 403 | 404 | 409 | 422;
  /** Machine name of the offending field, for MISSING_FIELD / INVALID_FIELD. */
  readonly field?: string;
}

export function dossierError(code: DossierErrorCode, params: ErrorParams = {}): DossierError {
  const spec: ErrorSpec = ERRORS[code];
  const error = { code, message: spec.message(params), status: spec.status };
  return params.field === undefined ? error : { ...error, field: params.field };
}
