// The procedure catalogue's data model (domain.md §6, §2.10). A procedure (thủ tục hành chính, TTHC) is
// identified by its national code (mã TTHC); each legal change produces a new effective-dated version and
// a dossier keeps the version in force at receipt (domain.md §2.10).
// One TypeBox schema per type: it validates API input, generates the OpenAPI document and gives the type.
import { Type, type Static } from '@sinclair/typebox';

const lit = <T extends string>(...values: T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Text = (o: { maxLength?: number } = {}) => Type.String({ minLength: 1, maxLength: o.maxLength ?? 500 });
const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** Unit of a statutory processing time (domain.md §2.7):
 *  working_days = ngày làm việc; working_hours = giờ làm việc; calendar_days = ngày (pushed off
 *  non-working days at the end); same_day = trong ngày, received after 15:00 → next working day
 *  (Luật Hộ tịch 2014 Đ5 k3, NĐ 23/2015 Đ7). */
export const TimeUnitSchema = lit('working_days', 'working_hours', 'same_day', 'calendar_days');
export type TimeUnit = Static<typeof TimeUnitSchema>;

export const ProcessingTimeSchema = Type.Object({
  unit: TimeUnitSchema,
  /** Number of units. For same_day: 0, or n > 0 for "trong ngày, kéo dài không quá n ngày làm việc" (the result due
   *  at the end of the n-th working day after the same-day due day: NĐ 23/2015/NĐ-CP Đ21). */
  value: Type.Number({ minimum: 0, maximum: 365 }),
});
export type ProcessingTime = Static<typeof ProcessingTimeSchema>;

/** Dossier states during which the statutory clock stops (domain.md §2.7 "clock pauses"). */
export const PausingStateSchema = lit('supplement', 'financial_obligation');
export type PausingState = Static<typeof PausingStateSchema>;

export const ChannelSchema = lit('direct', 'online', 'postal'); // KenhThucHien 1 / 2 / 3
export type Channel = Static<typeof ChannelSchema>;

export const FormFieldSchema = Type.Object({
  name: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' }), // machine name, e.g. "childFullName"
  label: Text(), // Vietnamese label
  type: lit('text', 'date', 'number', 'select', 'textarea', 'id_number', 'phone', 'email'),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Text())),
  /** The answer is a code of a shipped code list (src/dossiers/core/code-lists.ts): the 54 ethnic groups
   *  (QĐ 121-TCTK/PPCĐ) or the countries (ISO 3166-1). Absent: a `…Ethnicity`/`…Nationality` field still takes its
   *  list from its name. */
  codeList: Type.Optional(lit('ethnicity', 'country')),
});
export type FormField = Static<typeof FormFieldSchema>;

/** One e-form answer read off a paper's scan: the field (of the version's e-form) and the printed label before it. */
export const OcrFillSchema = Type.Object({
  field: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' }), // e.g. "childFullName"
  label: Text({ maxLength: 120 }), // as printed, e.g. "Dự định đặt tên con là"
  /** Other wordings of the label on older or newer forms of the paper (e.g. "Số CMND" before "Số CCCD"). */
  also: Type.Optional(Type.Array(Text({ maxLength: 120 }), { minItems: 1 })),
});
export type OcrFill = Static<typeof OcrFillSchema>;

export const ComponentSchema = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }), // stable within the procedure, e.g. "TOKHAI"
  name: Text(), // Vietnamese, e.g. "Tờ khai đăng ký khai sinh"
  required: Type.Boolean(),
  copies: Type.Integer({ minimum: 0, maximum: 20 }), // số lượng bản
  kind: lit('original', 'copy', 'certified_copy', 'shown'), // "shown" = xuất trình
  /** Present when the component is an e-form the citizen fills in. */
  form: Type.Optional(Type.Object({ templateId: Text(), fields: Type.Array(FormFieldSchema) })),
  /** Can be looked up in a national database / the citizen's store instead of uploading. */
  reusable: Type.Optional(Type.Boolean()),
  /** The document types (core/document-types.ts) a valid item of the citizen's store may stand for this component
   *  with: it is offered first when filing ("Dùng giấy tờ đã có trong kho"). */
  accepts: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }), { minItems: 1 })),
  /** The document type the component's own digitised file is kept under in the applicant's store once the dossier is
   *  returned, when the component is that document itself (not "this or that paper"); absent: not kept. */
  keepAs: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]{1,40}$' })),
  /** Which e-form answers may be read off the paper's scan (its OCR text) and proposed to the officer, who confirms
   *  them (src/digitisation/core/prefill.ts): each names a field of the version's e-form and the label printed before
   *  the value on the paper. How the value is read (a date, a 12-digit number, one of the choices, text) follows the
   *  field's type. */
  ocrFill: Type.Optional(Type.Array(OcrFillSchema, { minItems: 1 })),
  note: Type.Optional(Text({ maxLength: 2000 })),
});
export type Component = Static<typeof ComponentSchema>;

const FieldName = Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' });

export const ExemptWhenSchema = Type.Object({
  /** The exempt case, exactly as listed in the fee line's `exemptions`. */
  exemption: Text(),
  /** E-form field (a date) the time limit counts from, e.g. "childDateOfBirth". */
  dateField: FieldName,
  /** Filed at most this many calendar days after that date (day 0 = the date itself). */
  withinDays: Type.Integer({ minimum: 0, maximum: 3650 }),
  /** Why, as the citizen reads it after "Miễn lệ phí: ", e.g. "đăng ký khai sinh đúng hạn". */
  reason: Text(),
  /** The legal citation shown with the reason, e.g. "Luật Hộ tịch 2014, Điều 11". */
  legalBasis: Text(),
});
export type ExemptWhen = Static<typeof ExemptWhenSchema>;

export const FeeSchema = Type.Object({
  code: Text({ maxLength: 60 }),
  name: Text(), // e.g. "Lệ phí đăng ký khai sinh"
  kind: lit('fee', 'charge'), // phí | lệ phí
  /** Amount in VND for one unit; 0 when free. */
  amountVnd: Type.Integer({ minimum: 0 }),
  /** Per-unit pricing, e.g. certified copies per page: tiers apply from the given unit number. */
  perUnit: Type.Optional(
    Type.Object({
      unit: Text(),
      tiers: Type.Array(Type.Object({ fromUnit: Type.Integer({ minimum: 1 }), amountVnd: Type.Integer({ minimum: 0 }) })),
      maxPerCopyVnd: Type.Optional(Type.Integer({ minimum: 0 })),
    }),
  ),
  collect: lit('before', 'after'), // thu trước | thu sau
  exemptions: Type.Array(Text()), // Vietnamese descriptions of exempt persons / cases
  legalBasis: Text(),
  /** Legal basis of the `exemptions` (e.g. "Luật Hộ tịch 2014, Điều 11 khoản 1"), shown with an exemption's reason. */
  exemptionsBasis: Type.Optional(Text()),
  /** Exemptions that follow from the dossier's answers, checked by the server: the case `exemption` (one of
   *  `exemptions`) applies when the dossier is filed at most `withinDays` calendar days after the date answered in
   *  `dateField` (e.g. birth registered within 60 days of the birth, Luật Hộ tịch 2014 Đ15 k1 + Đ11 k1). */
  exemptWhen: Type.Optional(Type.Array(ExemptWhenSchema)),
  /** E-form field (a number) answering how many copies are charged, e.g. "copies" ("Số bản sao"). */
  copiesField: Type.Optional(FieldName),
  /** E-form field (a number) answering how many units (pages, for per-unit fees) one copy has, e.g. "pages". */
  unitsField: Type.Optional(FieldName),
  /** E-form field (a select of `exemptions`, plus NO_EXEMPTION_ANSWER) where the applicant declares an exempt group;
   *  the officer confirms it against the papers. */
  exemptionField: Type.Optional(FieldName),
  /** The channels the line is charged for, when the rate depends on how the dossier is filed (residence registration
   *  filed online costs less: Thông tư 75/2022/TT-BTC); absent = every channel. A dossier is charged the lines of its
   *  own channel only. */
  channels: Type.Optional(Type.Array(ChannelSchema, { minItems: 1 })),
});
export type Fee = Static<typeof FeeSchema>;

export const LegalBasisSchema = Type.Object({
  document: Text(), // e.g. "Luật Hộ tịch 60/2014/QH13"
  article: Type.Optional(Text()), // e.g. "Điều 16"
  note: Type.Optional(Text({ maxLength: 2000 })),
});
export type LegalBasis = Static<typeof LegalBasisSchema>;

/** A role that performs an internal process step (quy trình nội bộ). */
export const StepRoleSchema = lit('reception', 'specialist', 'unit_head', 'leader', 'clerk');
export type StepRole = Static<typeof StepRoleSchema>;

export const ProcessStepSchema = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }), // e.g. "TIEP_NHAN"
  name: Text(), // Vietnamese
  role: StepRoleSchema,
  /** Unit code that performs the step (see org units); omitted = the procedure's handling unit. */
  unitCode: Type.Optional(Type.String({ maxLength: 20 })),
  /** Hour budget; the sum over steps must fit in the legal time (domain.md §6 design notes). */
  hours: Type.Number({ minimum: 0, maximum: 2000 }),
});
export type ProcessStep = Static<typeof ProcessStepSchema>;

/** A case (trường hợp) with its own statutory time, e.g. verification needed (kết hôn: same day → ≤ 5 working
 *  days, Luật Hộ tịch 2014 Đ18) or bulk certified copies (+≤ 2 working days, NĐ 23/2015 Đ21). The officer picks
 *  the case; the deadline engine then uses its time (domain.md §6 design notes, `truongHop`). */
export const TimeVariantSchema = Type.Object({
  code: Type.String({ pattern: '^[A-Z0-9_]{1,40}$' }), // e.g. "XAC_MINH"
  name: Text(), // Vietnamese condition
  processingTime: ProcessingTimeSchema,
  legalBasis: Type.Optional(Text()),
});
export type TimeVariant = Static<typeof TimeVariantSchema>;

export const ProcedureFlagsSchema = Type.Object({
  eligibleFullOnline: Type.Boolean(), // đủ điều kiện DVCTT toàn trình
  returnsPaperResult: Type.Boolean(),
  hasFee: Type.Boolean(),
  receivableAnywhereInProvince: Type.Boolean(), // phi địa giới
  requiresInPersonSigning: Type.Boolean(),
});
export type ProcedureFlags = Static<typeof ProcedureFlagsSchema>;

/** Who may file online. 'eid': only a citizen logged in with e-identity, whose name and ID number then come from the
 *  identity (NĐ 45/2020/NĐ-CP as amended by NĐ 118/2025: the account on the national portal is the e-identity
 *  account; NĐ 69/2024/NĐ-CP on e-identity). 'eid_or_other': also without logging in, typing them, where the
 *  procedure's own law allows other means of identification. Absent = 'eid' (`onlineIdentityOf`). */
export const OnlineIdentitySchema = lit('eid', 'eid_or_other');
export type OnlineIdentity = Static<typeof OnlineIdentitySchema>;

/** One effective-dated version of a procedure, as shipped in the seed data and stored in the database. */
export const ProcedureVersionSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9A-Z][0-9A-Z.]{2,40}$' }), // mã TTHC, e.g. "1.001193"
    name: Text(), // e.g. "Đăng ký khai sinh"
    field: Type.Object({ code: Text({ maxLength: 40 }), name: Text() }), // lĩnh vực
    authority: Text(), // cơ quan có thẩm quyền, e.g. "Ủy ban nhân dân cấp xã"
    /** Unit code of the commune unit that processes it (routing target), e.g. "VHXH". */
    handlingUnitCode: Type.String({ minLength: 1, maxLength: 20 }),
    targetPersons: Type.Array(Text()),
    steps: Type.Array(Text({ maxLength: 2000 })), // trình tự thực hiện, for publication
    methods: Type.Array(ChannelSchema, { minItems: 1 }),
    components: Type.Array(ComponentSchema),
    processingTime: ProcessingTimeSchema,
    /** Separate time when filed online (ThoiGianThucHienTrucTuyen), if any. */
    onlineProcessingTime: Type.Optional(ProcessingTimeSchema),
    /** Who may file online; absent = 'eid', e-identity login required (OnlineIdentitySchema). */
    onlineIdentity: Type.Optional(OnlineIdentitySchema),
    /** Cases with their own statutory time; `processingTime` is the default case. */
    timeVariants: Type.Optional(Type.Array(TimeVariantSchema)),
    /** Listed only to guide citizens to the agency that decides it (`authority`, e.g. Công an xã for residence: Luật
     *  Cư trú 2020): the commune receives no dossier of it, gives it no dossier code, and counts it in none of its
     *  figures. Absent = a procedure the commune receives. */
    routingOnly: Type.Optional(Type.Literal(true)),
    pausingStates: Type.Array(PausingStateSchema),
    fees: Type.Array(FeeSchema),
    legalBasis: Type.Array(LegalBasisSchema, { minItems: 1 }),
    resultType: Text(), // e.g. "Giấy khai sinh (bản chính)"
    /** The document type of the result (MaKetQua, core/document-types.ts), under which it is kept in the applicant's
     *  store; absent: kept under a type of its own (`KQ_<procedure code>`), which no component accepts. */
    resultCode: Type.Optional(Type.String({ pattern: '^[A-Z0-9_]{1,40}$' })),
    processSteps: Type.Array(ProcessStepSchema),
    flags: ProcedureFlagsSchema,
    /** Why and since when the province receives this procedure regardless of administrative boundary (phi địa giới,
     *  NĐ 118/2025; provinces publish their lists, e.g. Đồng Nai QĐ 2095/QĐ-UBND; domain.md §2.2): required with the
     *  flag `receivableAnywhereInProvince`. */
    anywhereBasis: Type.Optional(Type.Object({ legalBasis: Text(), effectiveFrom: IsoDate }, { additionalProperties: false })),
    effectiveFrom: IsoDate,
    effectiveTo: Type.Union([IsoDate, Type.Null()]),
    /** JSON paths of values not verified in a legal text (domain.md tag [M]), e.g. ["processingTime", "fees.0"]. */
    uncertain: Type.Array(Type.String()),
    /** Where the data came from (domain.md §6 row, publication decision…). */
    sources: Type.Array(Type.String()),
  },
  { additionalProperties: false },
);
export type ProcedureVersionInput = Static<typeof ProcedureVersionSchema>;

/** A version as stored and read back: the published input with its version number. */
export interface StoredProcedure extends ProcedureVersionInput {
  version: number;
}

/** Who may file a version online, its default applied: e-identity required unless the version says otherwise. */
export const onlineIdentityOf = (p: { onlineIdentity?: OnlineIdentity }): OnlineIdentity => p.onlineIdentity ?? 'eid';
