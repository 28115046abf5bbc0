// API schemas of the dossier endpoints (TypeBox): they validate requests and generate the OpenAPI document.
import { Type, type TSchema } from '@sinclair/typebox';
import { ACTIONS, STATES, type ActionType, type PayloadField } from './core/index.ts';
import { checkApplicant, type Applicant, type ApplicantChannel } from './core/applicant.ts';
import { Problem } from '../http/problem.ts';

/** The applicant's schemas come from its rules, which the counter form and the portal apply too. */
export { ApplicantSchema, OnlineApplicantSchema } from './core/applicant.ts';

const Str = (max = 4000) => Type.String({ minLength: 1, maxLength: max });

/** One schema per payload field of the core (core/payload.ts parses and normalises them again). */
export const PAYLOAD_SCHEMAS: { [K in PayloadField]-?: TSchema } = {
  reason: Str(),
  items: Type.Array(Str(1000), { minItems: 1, maxItems: 50 }),
  unitCode: Type.String({ pattern: '^[A-Z0-9_]{1,20}$' }),
  assigneeId: Type.String({ pattern: '^[0-9]{1,12}$', description: 'Mã số cán bộ được giao xử lý' }),
  amountVnd: Type.Integer({ minimum: 0, maximum: 1e12 }),
  description: Str(),
  proposalText: Str(),
  proposalOutcome: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
  channel: Type.Union([Type.Literal('counter'), Type.Literal('post'), Type.Literal('online')]),
  newDueAt: Type.String({ format: 'date-time' }),
  applicantId: Str(100),
  signerId: Type.String({ pattern: '^[0-9]{1,12}$', description: 'Mã số cán bộ được trình ký (lãnh đạo Ủy ban hoặc trưởng đơn vị đang giải quyết hồ sơ)' }),
  note: Str(),
  revision: Type.Integer({ minimum: 1 }),
  fields: Type.Array(Str(1000), { minItems: 1, maxItems: 200 }),
  paymentMethod: Type.Union([Type.Literal('online'), Type.Literal('cash')]),
  receiptNo: Str(40),
  orderRef: Str(40),
  transactionNo: Str(40),
  timeCase: Type.String({ pattern: '^[A-Z0-9_]{1,40}$', description: 'Mã trường hợp giải quyết có thời hạn riêng của thủ tục (THONG_THUONG: thời hạn chung)' }),
  // Written by the upload and the digitisation worker (attach_file), never sent to an action endpoint.
  file: Type.Object({
    component: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }),
    fileName: Str(200),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  }, { additionalProperties: true }),
  // Written by the population-database flow (update_applicant, src/registries/use.ts), never sent to an action endpoint.
  lookupId: Type.Integer({ minimum: 1 }),
  communeId: Type.String({ pattern: '^[a-z0-9-]{1,40}$', description: 'Mã xã có thẩm quyền giải quyết (cùng tỉnh) mà hồ sơ được chuyển đến' }),
  resultAt: Type.Union([Type.Literal('receiving_centre'), Type.Literal('post'), Type.Literal('online')], { description: 'Nơi người nộp nhận kết quả: tại nơi tiếp nhận hồ sơ, qua bưu chính, trực tuyến' }),
  papers: Str(2000),
  carrier: Str(500),
};

/** Where the citizen was helped: a support point's code (the desk, a community digital-technology team, the post office). */
export const SupportPointSchema = Type.String({ pattern: '^[A-Z0-9_]{1,20}$', description: 'Mã điểm hỗ trợ người nộp (mặc định: Bộ phận Một cửa tiếp nhận khi nộp tại quầy; không có khi tự nộp trực tuyến)' });
/** The code a dossier carries in the system it came from (MaHoSoKhac). */
export const ExternalCodeSchema = Type.String({ minLength: 1, maxLength: 60, pattern: '^[0-9A-Za-z./_-]+$', description: 'Mã hồ sơ khác: mã của hồ sơ trong hệ thống đã chuyển hồ sơ đến (duy nhất trong xã)' });

/** Fields only the flows that record an action write (the declaration's correction, the payment's settlement): no
 *  action endpoint takes them. */
const RECORDED_ONLY: readonly PayloadField[] = ['revision', 'fields', 'paymentMethod', 'receiptNo', 'orderRef', 'transactionNo', 'lookupId'];

/** Body of an action: its required fields from the action table, every other field optional. */
export function actionBody(type: ActionType) {
  const required = new Set<string>(ACTIONS[type].requires);
  const props = Object.fromEntries(
    (Object.keys(PAYLOAD_SCHEMAS) as PayloadField[]).filter((f) => required.has(f) || !RECORDED_ONLY.includes(f))
      .map((f) => [f, required.has(f) ? PAYLOAD_SCHEMAS[f] : Type.Optional(PAYLOAD_SCHEMAS[f])]),
  );
  return Type.Object(props, { additionalProperties: false });
}

/**
 * The applicant of a validated API body, normalised as the forms normalise it (core/applicant.ts: spaces out of the
 * phone and ID number, +84 as 0, names in NFC). The schema has already refused what the rules refuse; should the
 * two ever differ, the refusal here carries the forms' messages.
 */
export function applicantOf(a: Applicant, channel: ApplicantChannel): Applicant {
  const r = checkApplicant(a, channel);
  if (!r.applicant) {
    throw new Problem(400, 'VALIDATION_FAILED', 'Dữ liệu gửi lên không hợp lệ.', undefined,
      r.errors.map((e) => ({ path: `/body/applicant/${e.field}`, message: e.message })));
  }
  return r.applicant;
}

export const StateSchema = Type.Integer({ minimum: 1, maximum: 10, description: Object.entries(STATES).map(([k, v]) => `${k} = ${v.name}`).join('; ') });

const Instant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const HandoverSchema = Type.Object({
  fromUnit: Type.Union([Type.String(), Type.Null()]),
  toUnit: Type.String(),
  fromAssigneeId: Type.Union([Type.String(), Type.Null()]),
  toAssigneeId: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
  stepCode: Type.Union([Type.String(), Type.Null()]),
  stepDueAt: Instant,
  result: Type.Union([Type.Literal('early'), Type.Literal('on_time'), Type.Literal('late'), Type.Null()]),
});

export const EventSchema = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  actionName: Type.String(),
  fromState: Type.Union([StateSchema, Type.Null()]),
  toState: StateSchema,
  actorId: Type.Union([Type.String(), Type.Null()], { description: 'null: một bước của xã có thẩm quyền, xem từ nơi tiếp nhận hồ sơ' }),
  actorRole: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
  payload: Type.Record(Type.String(), Type.Unknown()),
  handover: Type.Union([HandoverSchema, Type.Null()]),
  hash: Type.String(),
});

/** What the officer is told about a scan (src/digitisation/core/quality.ts). */
export const FindingSchema = Type.Object({
  code: Type.String({ description: 'UNREADABLE, NO_PAGES, TOO_MANY_PAGES, MISSING_PAGES, EXTRA_PAGES, LOW_DPI, BELOW_RECOMMENDED_DPI, NOT_COLOUR, NO_TEXT' }),
  severity: Type.Union([Type.Literal('error'), Type.Literal('warning')], { description: 'error: cần quét lại; warning: cán bộ cân nhắc' }),
  pages: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))),
  message: Type.String(),
});

export const FileSchema = Type.Object({
  id: Type.Integer(),
  componentCode: Type.String(),
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  digitised: Type.Boolean(),
  reused: Type.Boolean(),
  fromStore: Type.Boolean(),
  uploadedAt: Type.String({ format: 'date-time' }),
  // Only in the answer to an upload of a scan (the dossier's file list does not carry it: GET …/digitisation does).
  digitisation: Type.Optional(Type.Object({
    jobId: Type.String({ description: 'Mã việc số hóa' }),
    version: Type.Integer({ minimum: 1, description: 'Phiên bản số hóa của thành phần (V1, V2 khi quét lại…)' }),
    storageFileName: Type.String({ description: 'Tên tệp bản lưu trữ PDF/A theo hướng dẫn số hóa (MA_YYYYMMDD_MoTa_Vn)' }),
    status: Type.String({ description: 'queued: chờ số hóa; running: đang số hóa; done: đã có bản lưu trữ; failed: lỗi' }),
    findings: Type.Array(FindingSchema),
  })),
});

/** The short reference every dossier has from its creation (core/reference.ts); the code exists after receipt. */
const ReferenceSchema = Type.String({ pattern: '^HS-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$', description: 'Mã tra cứu, ví dụ HS-7K4Q-2M9P' });
const CodeSchema = Type.Union([Type.String(), Type.Null()], { description: 'Mã hồ sơ, cấp khi tiếp nhận' });

/** E-form answers in a request: per form component code, field name → answer (core/declaration.ts). */
export const AnswersSchema = Type.Record(
  Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }),
  Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]{0,80}$' }), Type.String({ maxLength: 4000 })),
  { description: 'Trả lời tờ khai điện tử: theo mã thành phần hồ sơ, tên trường → nội dung (ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy; dân tộc, quốc tịch theo mã hoặc tên trong danh mục)' },
);

export const DeclarationSchema = Type.Object({
  revision: Type.Integer({ minimum: 1 }),
  source: Type.Union([Type.Literal('online'), Type.Literal('counter'), Type.Literal('correction')]),
  procedureVersion: Type.Integer(),
  recordedAt: Type.String({ format: 'date-time' }),
  forms: Type.Array(Type.Object({
    componentCode: Type.String(),
    componentName: Type.String(),
    templateId: Type.String(),
    sections: Type.Array(Type.Object({
      title: Type.String(),
      fields: Type.Array(Type.Object({
        name: Type.String(),
        label: Type.String(),
        type: Type.String(),
        codeList: Type.Union([Type.Literal('ethnicity'), Type.Literal('country'), Type.Null()]),
        value: Type.Union([Type.String(), Type.Null()], { description: 'Như đã lưu: ngày YYYY-MM-DD, mã danh mục' }),
        text: Type.String({ description: 'Như người đọc: ngày dd/mm/yyyy, tên trong danh mục' }),
      })),
    })),
    answers: Type.Record(Type.String(), Type.String()),
  })),
}, { description: 'Tờ khai của người nộp (câu trả lời biểu mẫu điện tử), theo từng phần' });

const CommuneRef = Type.Object({ id: Type.String(), name: Type.String() });

export const DossierSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: CodeSchema,
  reference: ReferenceSchema,
  state: StateSchema,
  stateName: Type.String(),
  procedure: Type.Object({ code: Type.String(), version: Type.Integer(), name: Type.String() }),
  channel: Type.String(),
  applicant: Type.Object({
    name: Type.String(),
    idNumber: Type.Union([Type.String(), Type.Null()], { description: 'Chỉ hiện cho cán bộ có thẩm quyền; mỗi lần xem được ghi nhật ký' }),
    address: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
  }),
  competentAuthority: Type.String(),
  transfer: Type.Union([Type.Object({
    receivingCommune: CommuneRef,
    competentCommune: CommuneRef,
    transferredAt: Instant,
    resultAt: Type.Union([Type.Literal('receiving_centre'), Type.Literal('post'), Type.Literal('online'), Type.Null()]),
    papersInTransit: Type.Union([Type.Literal('to_competent'), Type.Literal('to_receiving'), Type.Null()]),
    resultPapersReceivedAt: Instant,
    papers: Type.Array(Type.Object({
      kind: Type.Union([Type.Literal('originals'), Type.Literal('result')]),
      from: CommuneRef, to: CommuneRef, papers: Type.String(), carrier: Type.String(),
      sentAt: Instant, sentBy: Type.String(), receivedAt: Instant, receivedBy: Type.Union([Type.String(), Type.Null()]),
    })),
  }), Type.Null()], {
    description: 'Tiếp nhận không phụ thuộc địa giới hành chính: xã tiếp nhận, xã có thẩm quyền giải quyết, nơi nhận kết quả, hồ sơ giấy đã gửi, nhận; null nếu hồ sơ không chuyển xã',
  }),
  receivingUnit: Type.Union([Type.String(), Type.Null()]),
  supportPoint: Type.Union([Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }), Type.Null()], {
    description: 'Nơi hỗ trợ người nộp (Bộ phận Một cửa, Tổ công nghệ số cộng đồng, bưu điện); null khi tự nộp trực tuyến',
  }),
  externalCode: Type.Union([Type.String(), Type.Null()], { description: 'Mã hồ sơ khác (mã trong hệ thống đã chuyển hồ sơ đến)' }),
  currentUnit: Type.Union([Type.String(), Type.Null()]),
  assigneeId: Type.Union([Type.Integer(), Type.Null()]),
  submittedAt: Instant,
  receiptDueAt: Instant,
  receivedAt: Instant,
  dueAt: Instant,
  originalDueAt: Instant,
  extendedDueAt: Instant,
  draft: Type.Union([Type.Object({ sentAt: Instant, confirmedAt: Instant }), Type.Null()], {
    description: 'Dự thảo kết quả gửi người yêu cầu kiểm tra (đăng ký hộ tịch trực tuyến): thời điểm gửi, thời điểm xác nhận; null nếu hồ sơ không cần',
  }),
  timeCase: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()], {
    description: 'Trường hợp giải quyết có thời hạn riêng đã chọn (null: thời hạn chung của thủ tục)',
  }),
  timeCases: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), time: Type.String() }), {
    description: 'Các trường hợp giải quyết của thủ tục (phiên bản áp dụng cho hồ sơ), trường hợp đầu là thời hạn chung; rỗng nếu thủ tục chỉ có một thời hạn',
  }),
  pausedAt: Instant,
  finishedAt: Instant,
  returnedAt: Instant,
  supplementCount: Type.Integer(),
  extensionCount: Type.Integer(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  lateBySupplementRule: Type.Boolean(),
  authenticatedWithEid: Type.Boolean(),
  idWaiver: Type.Union([
    Type.Object({ reason: Type.String(), label: Type.String(), detail: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ], { description: 'Lý do người nộp không có số định danh cá nhân, do cán bộ tiếp nhận ghi khi tiếp nhận tại quầy' }),
  authorisedPerson: Type.Union([
    Type.Object({
      name: Type.String(),
      idNumber: Type.Union([Type.String(), Type.Null()], { description: 'Chỉ hiện cho cán bộ có thẩm quyền' }),
    }),
    Type.Null(),
  ], { description: 'Người được ủy quyền đã nộp hồ sơ thay người nộp (nộp trực tuyến, xác thực bằng định danh điện tử)' }),
  allowedActions: Type.Array(Type.String()),
  declaration: Type.Union([DeclarationSchema, Type.Null()]),
  archivedLog: Type.Union([
    Type.Object({ month: Type.String({ description: 'YYYY-MM' }), archivedAt: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ], { description: 'Nhật ký xử lý của hồ sơ đã được chuyển sang lưu trữ (tháng, thời điểm); khi đó events rỗng' }),
  events: Type.Array(EventSchema),
  files: Type.Array(FileSchema),
});

export const InboxItemSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: CodeSchema,
  reference: ReferenceSchema,
  state: StateSchema,
  stateName: Type.String(),
  procedureCode: Type.String(),
  applicantName: Type.String(),
  channel: Type.String(),
  currentUnitId: Type.Union([Type.Integer(), Type.Null()]),
  assigneeId: Type.Union([Type.Integer(), Type.Null()]),
  submittedAt: Instant,
  receiptDueAt: Instant,
  receivedAt: Instant,
  dueAt: Instant,
  originalDueAt: Instant,
});

export const PublicStatusSchema = Type.Object({
  code: CodeSchema,
  reference: ReferenceSchema,
  procedureName: Type.String(),
  state: StateSchema,
  stateName: Type.String(),
  submittedAt: Instant,
  receiptDueAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Hạn tiếp nhận hoặc từ chối hồ sơ nộp trực tuyến (trạng thái 1)' }),
  receivedAt: Instant,
  dueAt: Instant,
  finishedAt: Instant,
  returnedAt: Instant,
  timeline: Type.Array(Type.Object({ at: Type.String({ format: 'date-time' }), text: Type.String() })),
  archivedLog: Type.Union([
    Type.Object({ month: Type.String({ description: 'YYYY-MM' }), archivedAt: Type.String({ format: 'date-time' }) }),
    Type.Null(),
  ], { description: 'Quá trình xử lý đã được nộp vào lưu trữ (tháng, thời điểm); khi đó timeline rỗng' }),
});
