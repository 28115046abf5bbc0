// The procedure catalogue's data model (domain.md §6, §2.10). A procedure (thủ tục hành chính, TTHC) is
// identified by its national code (mã TTHC); each legal change produces a new effective-dated version and
// a dossier keeps the version in force at receipt (domain.md §2.10).

/** Unit of a statutory processing time (domain.md §2.7). */
export type TimeUnit =
  | 'working_days' // ngày làm việc
  | 'working_hours' // giờ làm việc
  | 'same_day' // trong ngày; received after 15:00 → next working day (Luật Hộ tịch Đ5 k3, NĐ 23/2015 Đ7)
  | 'calendar_days'; // ngày (pushed off non-working days at the end)

export interface ProcessingTime {
  unit: TimeUnit;
  /** Number of units; 0 for same_day. */
  value: number;
}

/** Dossier states during which the statutory clock stops (domain.md §2.7 "clock pauses"). */
export type PausingState = 'supplement' | 'financial_obligation';

export type Channel = 'direct' | 'online' | 'postal'; // KenhThucHien 1 / 2 / 3

export interface FormField {
  name: string; // machine name, e.g. "childFullName"
  label: string; // Vietnamese label
  type: 'text' | 'date' | 'number' | 'select' | 'textarea' | 'id_number' | 'phone' | 'email';
  required: boolean;
  options?: string[];
}

export interface Component {
  code: string; // stable within the procedure, e.g. "TOKHAI"
  name: string; // Vietnamese, e.g. "Tờ khai đăng ký khai sinh"
  required: boolean;
  copies: number; // số lượng bản
  /** "original" | "copy" | "certified_copy" | "shown" (xuất trình). */
  kind: 'original' | 'copy' | 'certified_copy' | 'shown';
  /** Present when the component is an e-form the citizen fills in. */
  form?: { templateId: string; fields: FormField[] };
  /** Can be looked up in a national database / the citizen's store instead of uploading. */
  reusable?: boolean;
  note?: string;
}

export interface Fee {
  code: string;
  name: string; // e.g. "Lệ phí đăng ký khai sinh"
  kind: 'fee' | 'charge'; // phí | lệ phí
  /** Amount in VND for one unit; 0 when free. */
  amountVnd: number;
  /** Per-unit pricing, e.g. certified copies per page: tiers apply from the given unit number. */
  perUnit?: { unit: string; tiers: { fromUnit: number; amountVnd: number }[]; maxPerCopyVnd?: number };
  collect: 'before' | 'after'; // thu trước | thu sau
  exemptions: string[]; // Vietnamese descriptions of exempt persons / cases
  legalBasis: string;
}

export interface LegalBasis {
  document: string; // e.g. "Luật Hộ tịch 60/2014/QH13"
  article?: string; // e.g. "Điều 16"
  note?: string;
}

/** A role that performs an internal process step (quy trình nội bộ). */
export type StepRole = 'reception' | 'specialist' | 'unit_head' | 'leader' | 'clerk';

export interface ProcessStep {
  code: string; // e.g. "TIEP_NHAN"
  name: string; // Vietnamese
  role: StepRole;
  /** Unit code that performs the step (see org units); omitted = the procedure's handling unit. */
  unitCode?: string;
  /** Hour budget; the sum over steps must fit in the legal time (domain.md §6 design notes). */
  hours: number;
}

export interface ProcedureFlags {
  eligibleFullOnline: boolean; // đủ điều kiện DVCTT toàn trình
  returnsPaperResult: boolean;
  hasFee: boolean;
  receivableAnywhereInProvince: boolean; // phi địa giới
  requiresInPersonSigning: boolean;
}

/** One effective-dated version of a procedure, as shipped in the seed data and stored in the database. */
export interface ProcedureVersionInput {
  code: string; // mã TTHC, e.g. "1.001193"
  name: string; // e.g. "Đăng ký khai sinh"
  field: { code: string; name: string }; // lĩnh vực, e.g. { code: "HOTICH", name: "Hộ tịch" }
  authority: string; // cơ quan có thẩm quyền, e.g. "Ủy ban nhân dân cấp xã"
  /** Unit code of the commune unit that processes it (routing target), e.g. "VHXH". */
  handlingUnitCode: string;
  targetPersons: string[];
  steps: string[]; // trình tự thực hiện, for publication
  methods: Channel[];
  components: Component[];
  processingTime: ProcessingTime;
  /** Separate time when filed online (ThoiGianThucHienTrucTuyen), if any. */
  onlineProcessingTime?: ProcessingTime;
  pausingStates: PausingState[];
  fees: Fee[];
  legalBasis: LegalBasis[];
  resultType: string; // e.g. "Giấy khai sinh (bản chính)"
  processSteps: ProcessStep[];
  flags: ProcedureFlags;
  effectiveFrom: string; // YYYY-MM-DD
  effectiveTo: string | null;
  /** JSON paths of values not verified in a legal text (domain.md tag [M]), e.g. ["processingTime", "fees.0"]. */
  uncertain: string[];
  /** Where the data came from (domain.md §6 row, publication decision…). */
  sources: string[];
}
