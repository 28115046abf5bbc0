// Builders for the shipped catalogue: the defaults every procedure shares, so each data file lists only what
// differs. Derived values (hasFee, hour budgets) come from core/, so no rule is written twice.
import type {
  Channel,
  Component,
  Fee,
  FormField,
  LegalBasis,
  OcrFill,
  PausingState,
  ProcedureVersionInput,
  ProcessingTime,
  ProcessStep,
  TimeVariant,
} from '../core/types.ts';
import { chargesFee, isLocalCode, legalWorkingHours } from '../core/validate.ts';
import { NO_EXEMPTION_ANSWER } from '../core/fees.ts';

/** Two-tier local government (chính quyền địa phương 2 cấp) and Decree 118/2025 in force. */
export const REFORM_DATE = '2025-07-01';
export const UBND_XA = 'Ủy ban nhân dân cấp xã';
export const CHU_TICH_XA = 'Chủ tịch Ủy ban nhân dân cấp xã';

export const FIELDS = {
  hoTich: { code: 'HOTICH', name: 'Hộ tịch' },
  chungThuc: { code: 'CHUNGTHUC', name: 'Chứng thực' },
  baoTroXaHoi: { code: 'BTXH', name: 'Bảo trợ xã hội' },
  giamNgheo: { code: 'GIAMNGHEO', name: 'Giảm nghèo' },
  datDai: { code: 'DATDAI', name: 'Đất đai' },
  xayDung: { code: 'XAYDUNG', name: 'Xây dựng' },
  kinhDoanh: { code: 'DKKD', name: 'Đăng ký kinh doanh' },
  vanHoa: { code: 'VANHOA', name: 'Văn hóa' },
  tonGiao: { code: 'TONGIAO', name: 'Tín ngưỡng, tôn giáo' },
  cuTru: { code: 'CUTRU', name: 'Đăng ký, quản lý cư trú' },
} as const;

export const LAW = {
  hoTich: 'Luật Hộ tịch 60/2014/QH13',
  nd123: 'Nghị định 123/2015/NĐ-CP (sửa đổi, bổ sung bởi Nghị định 07/2025/NĐ-CP)',
  nd120: 'Nghị định 120/2025/NĐ-CP',
  nd23: 'Nghị định 23/2015/NĐ-CP',
  tt226: 'Thông tư 226/2016/TT-BTC',
  nd118: 'Nghị định 118/2025/NĐ-CP',
} as const;

/**
 * The procedure's `sources`: where its data comes from, in words the commune's staff read (the catalogue's JSON,
 * the API). The internal brief's references (domain.md §6 rows, §2.1) stay in the comments of the data files.
 */
export const SRC = {
  /** In the list of commune procedures after the July 2025 reform (domain.md §6; the row is in each file's header). */
  listed: 'Thủ tục thuộc thẩm quyền cấp xã từ ngày 01/7/2025 (chính quyền địa phương hai cấp)',
  /** Unit assignment is the commune's decision (quy chế làm việc), not a legal text (domain.md §2.1). */
  units: 'Đơn vị xử lý theo phân công dự kiến; chưa đối chiếu quy chế làm việc của UBND xã Xuân Dương',
  /** National codes found only in secondary, third-party sources ([S]): not yet checked against the national database. */
  candidate: (codes: string) =>
    `Mã thủ tục quốc gia dự kiến: ${codes} (chưa đối chiếu Cơ sở dữ liệu quốc gia về thủ tục hành chính)`,
} as const;

export const SAME_DAY: ProcessingTime = { unit: 'same_day', value: 0 };
/** "Trong ngày, kéo dài không quá n ngày làm việc" (NĐ 23/2015/NĐ-CP Đ21): due n working days after the same-day due day. */
export const sameDay = (extendedBy: number): ProcessingTime => ({ unit: 'same_day', value: extendedBy });
export const workingDays = (value: number): ProcessingTime => ({ unit: 'working_days', value });
export const calendarDays = (value: number): ProcessingTime => ({ unit: 'calendar_days', value });
export const variant = (code: string, name: string, processingTime: ProcessingTime, legalBasis?: string): TimeVariant => ({
  code,
  name,
  processingTime,
  ...(legalBasis ? { legalBasis } : {}),
});

export const basis = (document: string, article?: string, note?: string): LegalBasis => ({
  document,
  ...(article ? { article } : {}),
  ...(note ? { note } : {}),
});

// ——— e-form fields ———

export const field = (
  name: string,
  label: string,
  type: FormField['type'] = 'text',
  required = true,
  options?: string[],
): FormField => ({ name, label, type, required, ...(options ? { options } : {}) });

export const GENDERS = ['Nam', 'Nữ'];
type PersonPart = 'fullName' | 'dateOfBirth' | 'gender' | 'ethnicity' | 'nationality' | 'idNumber' | 'residence';
const PERSON_DEFAULT: PersonPart[] = ['fullName', 'dateOfBirth', 'ethnicity', 'nationality', 'idNumber', 'residence'];

/** A block of fields about one person, e.g. person('mother', 'của người mẹ'). */
export function person(
  prefix: string,
  who: string,
  o: { parts?: PersonPart[]; required?: boolean; idLabel?: string } = {},
): FormField[] {
  const req = o.required ?? true;
  const make: Record<PersonPart, () => FormField> = {
    fullName: () => field(`${prefix}FullName`, `Họ, chữ đệm, tên ${who}`, 'text', req),
    dateOfBirth: () => field(`${prefix}DateOfBirth`, `Ngày, tháng, năm sinh ${who}`, 'date', req),
    gender: () => field(`${prefix}Gender`, `Giới tính ${who}`, 'select', req, GENDERS),
    ethnicity: () => field(`${prefix}Ethnicity`, `Dân tộc ${who}`, 'text', req),
    nationality: () => field(`${prefix}Nationality`, `Quốc tịch ${who}`, 'text', req),
    idNumber: () => field(`${prefix}IdNumber`, o.idLabel ? `${o.idLabel} ${who}` : `Số định danh cá nhân ${who}`, 'id_number', req),
    residence: () => field(`${prefix}Residence`, `Nơi cư trú ${who}`, 'text', req),
  };
  return (o.parts ?? PERSON_DEFAULT).map((part) => make[part]());
}

/** The person filing (người yêu cầu): identity, residence, contact, and optionally the relationship. */
export function requester(relationshipLabel?: string): FormField[] {
  return [
    ...person('requester', 'của người yêu cầu', { parts: ['fullName', 'idNumber', 'residence'] }),
    field('requesterPhone', 'Số điện thoại liên hệ', 'phone', true),
    field('requesterEmail', 'Thư điện tử', 'email', false),
    ...(relationshipLabel ? [field('relationship', relationshipLabel, 'text', true)] : []),
  ];
}

// ——— dossier components ———

/** The main declaration (tờ khai / đơn) with its interactive e-form. */
export const declaration = (code: string, name: string, templateId: string, fields: FormField[], note?: string): Component => ({
  code,
  name,
  required: true,
  copies: 1,
  kind: 'original',
  form: { templateId, fields },
  ...(note ? { note } : {}),
});

export const paper = (
  code: string,
  name: string,
  o: {
    required?: boolean; copies?: number; kind?: Component['kind']; reusable?: boolean; accepts?: string[]; keepAs?: string; note?: string;
    /** E-form answers read off the paper's scan, proposed to the officer (types.ts OcrFillSchema). */
    ocrFill?: OcrFill[];
  } = {},
): Component => {
  const kind = o.kind ?? 'original';
  return {
    code,
    name,
    required: o.required ?? true,
    copies: o.copies ?? (kind === 'shown' ? 0 : 1),
    kind,
    ...(o.reusable ? { reusable: true } : {}),
    ...(o.accepts ? { accepts: o.accepts } : {}),
    ...(o.keepAs ? { keepAs: o.keepAs } : {}),
    ...(o.ocrFill ? { ocrFill: o.ocrFill } : {}),
    ...(o.note ? { note: o.note } : {}),
  };
};

/** One answer read off a paper's scan: the e-form field, the label printed before the value, other wordings of it. */
export const ocrField = (field: string, label: string, ...also: string[]): OcrFill => ({ field, label, ...(also.length ? { also } : {}) });

export const ID_PAPER = paper(
  'GIAY_TO_TUY_THAN',
  'Hộ chiếu, thẻ Căn cước, thẻ Căn cước công dân hoặc giấy tờ tùy thân có ảnh khác còn giá trị sử dụng',
  {
    kind: 'shown',
    reusable: true,
    note: 'Xuất trình khi nộp trực tiếp; khi nộp trực tuyến, thông tin được khai thác từ Cơ sở dữ liệu quốc gia về dân cư.',
  },
);

export const POWER_OF_ATTORNEY = paper('VAN_BAN_UY_QUYEN', 'Văn bản ủy quyền (trường hợp ủy quyền thực hiện thủ tục)', {
  required: false,
  note: 'Không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền.',
});

// ——— fees ———

type FeeOptions = { kind?: Fee['kind']; collect?: Fee['collect']; exemptions?: string[]; perUnit?: Fee['perUnit'] } &
  Pick<Fee, 'exemptionsBasis' | 'exemptWhen' | 'copiesField' | 'unitsField' | 'exemptionField' | 'channels'>;

export const fee = (code: string, name: string, amountVnd: number, legalBasis: string, o: FeeOptions = {}): Fee => ({
  code,
  name,
  kind: o.kind ?? 'charge',
  amountVnd,
  ...(o.perUnit ? { perUnit: o.perUnit } : {}),
  collect: o.collect ?? 'before',
  exemptions: o.exemptions ?? [],
  legalBasis,
  ...(o.exemptionsBasis ? { exemptionsBasis: o.exemptionsBasis } : {}),
  ...(o.exemptWhen ? { exemptWhen: o.exemptWhen } : {}),
  ...(o.copiesField ? { copiesField: o.copiesField } : {}),
  ...(o.unitsField ? { unitsField: o.unitsField } : {}),
  ...(o.exemptionField ? { exemptionField: o.exemptionField } : {}),
  ...(o.channels ? { channels: o.channels } : {}),
});

/** Paper filings (at the counter or by post) and online filings, for a rate that depends on the channel. */
export const PAPER_CHANNELS: Channel[] = ['direct', 'postal'];
export const ONLINE_CHANNEL: Channel[] = ['online'];

/** Fee lines whose amount is a plausible guess for a rate set by the HĐND tỉnh (marked uncertain automatically). */
const guessedAmounts = new WeakSet<Fee>();
/** The province's resolution on fees, whose number is not known yet: a fee citing it has its legal basis marked
 *  uncertain automatically (the number is to be checked; the published text says nothing of it). */
export const PROVINCIAL_RATE =
  'Nghị quyết của HĐND tỉnh Thái Nguyên về phí, lệ phí; Luật Phí và lệ phí 97/2015/QH13';
export function provincialFee(code: string, name: string, amountVnd: number, o: FeeOptions & { legalBasis?: string } = {}): Fee {
  const f = fee(code, name, amountVnd, o.legalBasis ?? PROVINCIAL_RATE, o);
  guessedAmounts.add(f);
  return f;
}

/** Free of charge by law: a zero line keeps "Miễn lệ phí" visible in the publication. */
export const noCharge = (code: string, name: string, legalBasis: string): Fee => fee(code, name, 0, legalBasis);

/** Exempt persons for civil-status registration charges (Luật Hộ tịch 2014 Đ11 k1 điểm a). */
export const CIVIL_STATUS_EXEMPT = [
  'Người thuộc gia đình có công với cách mạng',
  'Người thuộc hộ nghèo',
  'Người khuyết tật',
];
/** Where the civil-status exemptions are written (Luật Hộ tịch 2014 Đ11 k1: điểm a the persons, điểm b the cases). */
export const CIVIL_STATUS_EXEMPT_BASIS = 'Luật Hộ tịch 2014, Điều 11 khoản 1';
/** The e-form field in which the applicant declares an exempt group of CIVIL_STATUS_EXEMPT (the officer confirms it
 *  against the papers); named by the fee line's `exemptionField`. The exemption is for the person whose civil status
 *  is registered (Luật Hộ tịch 2014 Đ11 k1 điểm a: "đăng ký hộ tịch cho người thuộc …"). Optional, with a "none"
 *  choice first, so that a citizen who picked a group by mistake can take it back (the choices are radio buttons). */
export const EXEMPT_GROUP_FIELD = 'feeExemption';
export const exemptGroupField = (): FormField =>
  field(EXEMPT_GROUP_FIELD, 'Người được đăng ký hộ tịch thuộc đối tượng được miễn lệ phí', 'select', false, [NO_EXEMPTION_ANSWER, ...CIVIL_STATUS_EXEMPT]);
/** The paper proving a declared exempt group: optional (the officer may also find the group in the national databases
 *  of people with meritorious service, poor households and persons with disabilities), to be filed with a declaration. */
export const EXEMPTION_PROOF = paper('GIAY_TO_MIEN_LE_PHI', 'Giấy tờ chứng minh thuộc đối tượng được miễn lệ phí (nếu khai thuộc đối tượng được miễn)', {
  required: false,
  kind: 'copy',
  note: 'Ví dụ: giấy chứng nhận hộ nghèo, giấy xác nhận khuyết tật, giấy tờ chứng minh thuộc gia đình có công với cách mạng. Cán bộ kiểm tra khi tiếp nhận; nếu không đủ căn cứ miễn thì thu lệ phí theo quy định.',
});
/** Fee options of a civil-status charge: the exempt persons, with their legal basis, declared in the e-form when it
 *  has the field. */
export const civilStatusExempt = (o: { declared?: boolean; before?: string[] } = {}): FeeOptions => ({
  exemptions: [...(o.before ?? []), ...CIVIL_STATUS_EXEMPT],
  exemptionsBasis: CIVIL_STATUS_EXEMPT_BASIS,
  ...(o.declared ? { exemptionField: EXEMPT_GROUP_FIELD } : {}),
});

// ——— internal process (quy trình nội bộ) ———

/** Hours per role for a legal budget of h working hours; the specialist gets the rest. */
function allocation(h: number) {
  if (h === 8) return { reception: 2, unitHead: 0, leader: 2, clerk: 0, release: 1 }; // Hà Nội QĐ 663/2026: 2+3+2+1
  if (h <= 24) return { reception: 2, unitHead: 2, leader: 2, clerk: 1, release: 1 };
  if (h <= 40) return { reception: 4, unitHead: 4, leader: 4, clerk: 2, release: 2 };
  return { reception: 4, unitHead: 8, leader: 8, clerk: 2, release: 2 };
}

export interface ProcessOptions {
  appraisal?: string; // what the specialist does
  leader?: string; // who signs
}

/**
 * A default internal process whose budget equals the legal time in working hours (core/time.ts): receipt at
 * the centre, appraisal in the handling unit, review by its head, signature, registry, return.
 */
export function standardProcess(time: ProcessingTime, o: ProcessOptions = {}): ProcessStep[] {
  const h = legalWorkingHours(time);
  if (h < 8) throw new RangeError(`Thời hạn ${h} giờ quá ngắn cho quy trình mặc định`);
  const a = allocation(h);
  const specialist = h - a.reception - a.unitHead - a.leader - a.clerk - a.release;
  const steps: (ProcessStep | false)[] = [
    { code: 'TIEP_NHAN', name: 'Tiếp nhận, kiểm tra, số hóa hồ sơ và chuyển xử lý', role: 'reception', unitCode: 'TTPVHCC', hours: a.reception },
    { code: 'THAM_DINH', name: o.appraisal ?? 'Thẩm định hồ sơ, xác minh (nếu cần) và dự thảo kết quả', role: 'specialist', hours: specialist },
    a.unitHead > 0 && { code: 'XEM_XET', name: 'Lãnh đạo phòng xem xét, trình ký', role: 'unit_head', hours: a.unitHead },
    { code: 'PHE_DUYET', name: o.leader ?? 'Lãnh đạo Ủy ban nhân dân xã xem xét, ký kết quả', role: 'leader', hours: a.leader },
    a.clerk > 0 && { code: 'VAO_SO', name: 'Vào sổ, đóng dấu, phát hành kết quả', role: 'clerk', unitCode: 'VP', hours: a.clerk },
    { code: 'TRA_KET_QUA', name: 'Trả kết quả và kết thúc hồ sơ trên hệ thống', role: 'reception', unitCode: 'TTPVHCC', hours: a.release },
  ];
  return steps.filter((s): s is ProcessStep => s !== false);
}

// ——— publication text (trình tự thực hiện) ———

const joinOr = (parts: string[]) => (parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} hoặc ${parts.at(-1)}`);

/** Submission, receipt check, the procedure's own steps, return — numbered "Bước n: …". */
export function publicationSteps(methods: Channel[], processing: string[]): string[] {
  const submit: Record<Channel, string> = {
    direct: 'trực tiếp tại Trung tâm Phục vụ hành chính công xã hoặc điểm tiếp nhận của Trung tâm',
    postal: 'qua dịch vụ bưu chính công ích',
    online: 'trực tuyến trên Cổng Dịch vụ công quốc gia',
  };
  const giveBack: Record<Channel, string> = {
    direct: 'trực tiếp tại Trung tâm Phục vụ hành chính công xã',
    postal: 'qua dịch vụ bưu chính công ích',
    online: 'bản điện tử vào Kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Cổng Dịch vụ công quốc gia',
  };
  return [
    `Người yêu cầu nộp hồ sơ ${joinOr(methods.map((m) => submit[m]))}.`,
    'Công chức tiếp nhận kiểm tra tính đầy đủ, hợp lệ của hồ sơ: hồ sơ đầy đủ thì cấp Giấy tiếp nhận hồ sơ và hẹn trả kết quả; chưa đầy đủ thì hướng dẫn bổ sung, hoàn thiện một lần; không đủ điều kiện thì từ chối tiếp nhận, nêu rõ lý do.',
    ...processing,
    `Trả kết quả ${joinOr(methods.map((m) => giveBack[m]))}.`,
  ].map((s, i) => `Bước ${i + 1}: ${s}`);
}

// ——— the procedure ———

export interface ProcedureSpec {
  code: string;
  name: string;
  field: { code: string; name: string };
  authority?: string;
  handlingUnitCode: string;
  targetPersons: string[];
  /** The procedure's own steps between receipt and return, for publication. */
  steps: string[];
  methods?: Channel[];
  components: Component[];
  processingTime: ProcessingTime;
  onlineProcessingTime?: ProcessingTime;
  timeVariants?: TimeVariant[];
  /** Listed for guidance and routing only: another agency decides it (ProcedureVersionSchema `routingOnly`). */
  routingOnly?: true;
  pausingStates?: PausingState[];
  fees?: Fee[];
  legalBasis: LegalBasis[];
  resultType: string;
  /** The result's document type in the store (ProcedureVersionSchema `resultCode`). */
  resultCode?: string;
  processSteps?: ProcessStep[];
  process?: ProcessOptions;
  flags: { fullOnline: boolean; paperResult?: boolean; anywhere?: boolean; inPerson?: boolean };
  /** With `flags.anywhere`: its legal basis and date, when not the default (anywhereBasisOf). */
  anywhereBasis?: { legalBasis: string; effectiveFrom: string };
  effectiveFrom?: string;
  effectiveTo?: string | null;
  uncertain?: string[];
  sources: string[];
}

/** The default basis of receipt regardless of administrative boundary, from the two-tier reform (1 July 2025): NĐ
 *  118/2025 for every procedure the province lists; for civil status, NĐ 120/2025 lets a person choose any commune. */
export function anywhereBasisOf(fieldCode: string): { legalBasis: string; effectiveFrom: string } {
  return fieldCode === 'HOTICH'
    ? { legalBasis: 'NĐ 120/2025/NĐ-CP (người yêu cầu đăng ký hộ tịch được lựa chọn Ủy ban nhân dân cấp xã bất kỳ); NĐ 118/2025/NĐ-CP', effectiveFrom: REFORM_DATE }
    : { legalBasis: 'NĐ 118/2025/NĐ-CP (tiếp nhận hồ sơ không phụ thuộc vào địa giới hành chính trong phạm vi cấp tỉnh); danh mục do Ủy ban nhân dân tỉnh công bố', effectiveFrom: REFORM_DATE };
}

/**
 * Fills the shared defaults. Marks as uncertain, on top of `uncertain`: a local code, guessed provincial fee
 * amounts and the unnumbered provincial resolution they cite, and a generated internal process (not yet approved by
 * the commune).
 */
export function procedure(s: ProcedureSpec): ProcedureVersionInput {
  const methods = s.methods ?? (s.flags.fullOnline ? ['direct', 'postal', 'online'] : ['direct', 'postal']);
  const fees = s.fees ?? [];
  const uncertain = [
    ...(isLocalCode(s.code) ? ['code'] : []),
    ...fees.flatMap((f, i) => (guessedAmounts.has(f) ? [`fees.${i}.amountVnd`] : [])),
    ...fees.flatMap((f, i) => (f.legalBasis === PROVINCIAL_RATE ? [`fees.${i}.legalBasis`] : [])),
    ...(s.processSteps ? [] : ['processSteps']),
    ...(s.uncertain ?? []),
  ];
  return {
    code: s.code,
    name: s.name,
    field: { ...s.field },
    authority: s.authority ?? UBND_XA,
    handlingUnitCode: s.handlingUnitCode,
    targetPersons: s.targetPersons,
    steps: publicationSteps(methods, s.steps),
    methods,
    components: s.components,
    processingTime: s.processingTime,
    ...(s.onlineProcessingTime ? { onlineProcessingTime: s.onlineProcessingTime } : {}),
    ...(s.timeVariants ? { timeVariants: s.timeVariants } : {}),
    ...(s.routingOnly ? { routingOnly: true as const } : {}),
    pausingStates: s.pausingStates ?? ['supplement'],
    fees,
    legalBasis: s.legalBasis,
    resultType: s.resultType,
    ...(s.resultCode ? { resultCode: s.resultCode } : {}),
    processSteps: s.processSteps ?? standardProcess(s.processingTime, s.process),
    flags: {
      eligibleFullOnline: s.flags.fullOnline,
      returnsPaperResult: s.flags.paperResult ?? true,
      hasFee: chargesFee(fees),
      receivableAnywhereInProvince: s.flags.anywhere ?? false,
      requiresInPersonSigning: s.flags.inPerson ?? false,
    },
    ...(s.flags.anywhere ? { anywhereBasis: s.anywhereBasis ?? anywhereBasisOf(s.field.code) } : {}),
    effectiveFrom: s.effectiveFrom ?? REFORM_DATE,
    effectiveTo: s.effectiveTo ?? null,
    uncertain: [...new Set(uncertain)],
    sources: [...s.sources, SRC.units],
  };
}
