// Validation of procedure versions (pure): the rules the catalogue must satisfy before a version is seeded,
// stored or published. Each issue names the JSON path, a stable code and a Vietnamese message.
import type { Component, Fee, ProcedureVersionInput, ProcessingTime } from './types.ts';
import { NO_EXEMPTION_ANSWER, chargesFee } from './fees.ts';
import { legalWorkingHours } from './time.ts';
import { isDocumentType } from './document-types.ts';

export { chargesFee, feeFor, isChargeable, tieredAmount, type FeeQuery } from './fees.ts';
export { describeProcessingTime, legalWorkingHours } from './time.ts';

export interface ValidationIssue {
  path: string;
  code: string;
  message: string; // Vietnamese
}

/** Commune units after the July 2025 reform (Văn phòng, two offices, the centre, police, military). */
export const COMMUNE_UNIT_CODES: readonly string[] = ['VP', 'VHXH', 'KT', 'TTPVHCC', 'CA', 'QS'];

/** National TTHC code in the CSDL quốc gia về TTHC, e.g. "1.001193", "2.000815". */
export const NATIONAL_CODE = /^\d\.\d{6}$/;
/** Locally invented placeholder until the national code is confirmed, e.g. "XD.LOCAL.001". */
export const LOCAL_CODE = /^[A-Z]{2,6}\.LOCAL\.\d{3}$/;
export const isLocalCode = (code: string): boolean => LOCAL_CODE.test(code);

export interface ValidateOptions {
  /** Unit codes that may handle a procedure or perform a step; default COMMUNE_UNIT_CODES. */
  unitCodes?: readonly string[];
}

const TIME_UNITS = ['working_days', 'working_hours', 'same_day', 'calendar_days'];
const CHANNELS = ['direct', 'online', 'postal'];
const PAUSING = ['supplement', 'financial_obligation'];
const ROLES = ['reception', 'specialist', 'unit_head', 'leader', 'clerk'];
const KINDS = ['original', 'copy', 'certified_copy', 'shown'];
const ONLINE_IDENTITY = ['eid', 'eid_or_other'];

type Add = (path: string, code: string, message: string) => void;

const blank = (v: unknown): boolean => typeof v !== 'string' || v.trim() === '';
const isNonNegativeInt = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;

function isIsoDate(v: unknown): boolean {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Whether a dotted JSON path ("fees.0.amountVnd") names a value present in the object. */
export function pathExists(root: unknown, path: string): boolean {
  let node: unknown = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return false;
    if (Array.isArray(node) ? !/^\d+$/.test(key) || Number(key) >= node.length : !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return node !== undefined;
}

function checkRequired(p: ProcedureVersionInput, add: Add): void {
  const strings: [string, unknown][] = [
    ['code', p.code],
    ['name', p.name],
    ['field.code', p.field?.code],
    ['field.name', p.field?.name],
    ['authority', p.authority],
    ['handlingUnitCode', p.handlingUnitCode],
    ['resultType', p.resultType],
    ['effectiveFrom', p.effectiveFrom],
  ];
  for (const [path, v] of strings) if (blank(v)) add(path, 'required', 'Thiếu thông tin bắt buộc.');
  // '*' is the rollup's "every field" (indicator_rollup_commune, migration 055): never a field's own code.
  if (p.field?.code === '*') add('field.code', 'field.code_reserved', 'Mã lĩnh vực "*" không dùng được; hãy nhập mã lĩnh vực của thủ tục.');
  const lists: [string, unknown][] = [
    ['targetPersons', p.targetPersons],
    ['steps', p.steps],
    ['methods', p.methods],
    ['components', p.components],
    ['legalBasis', p.legalBasis],
    ['processSteps', p.processSteps],
    ['sources', p.sources],
  ];
  for (const [path, v] of lists) {
    if (!Array.isArray(v) || v.length === 0) add(path, 'required', 'Danh sách bắt buộc không được để trống.');
  }
  for (const [path, v] of [['targetPersons', p.targetPersons], ['steps', p.steps], ['sources', p.sources]] as const) {
    (v ?? []).forEach((s, i) => blank(s) && add(`${path}.${i}`, 'required', 'Dòng không được để trống.'));
  }
  (p.legalBasis ?? []).forEach((b, i) => {
    if (blank(b.document)) add(`legalBasis.${i}.document`, 'required', 'Thiếu tên văn bản căn cứ pháp lý.');
  });
  if (!p.processingTime) add('processingTime', 'required', 'Thiếu thời hạn giải quyết.');
  if (!p.flags) add('flags', 'required', 'Thiếu các cờ đặc tính của thủ tục.');
  // Receipt regardless of administrative boundary is decided by a legal text from a date (domain.md §2.2).
  if (p.flags?.receivableAnywhereInProvince && (!p.anywhereBasis || blank(p.anywhereBasis.legalBasis))) {
    add('anywhereBasis', 'required', 'Thủ tục tiếp nhận không phụ thuộc địa giới hành chính phải ghi căn cứ pháp lý và ngày áp dụng.');
  }
}

function checkCode(p: ProcedureVersionInput, add: Add): void {
  if (blank(p.code)) return;
  if (!NATIONAL_CODE.test(p.code) && !isLocalCode(p.code)) {
    add('code', 'code.format', `Mã thủ tục "${p.code}" không đúng dạng mã quốc gia (1.001193) hoặc mã tạm (XD.LOCAL.001).`);
  } else if (isLocalCode(p.code) && !(p.uncertain ?? []).includes('code')) {
    add('code', 'code.local_not_uncertain', 'Mã tạm (LOCAL) phải được ghi trong danh sách "uncertain" để tra cứu mã quốc gia.');
  }
}

function checkUnits(p: ProcedureVersionInput, units: readonly string[], add: Add): void {
  if (!blank(p.handlingUnitCode) && !units.includes(p.handlingUnitCode)) {
    add('handlingUnitCode', 'unit.unknown', `Đơn vị xử lý "${p.handlingUnitCode}" không thuộc danh mục đơn vị của xã.`);
  }
  (p.processSteps ?? []).forEach((s, i) => {
    if (s.unitCode !== undefined && !units.includes(s.unitCode)) {
      add(`processSteps.${i}.unitCode`, 'unit.unknown', `Đơn vị "${s.unitCode}" không thuộc danh mục đơn vị của xã.`);
    }
  });
}

function checkDates(p: ProcedureVersionInput, add: Add): void {
  const fromOk = isIsoDate(p.effectiveFrom);
  if (!blank(p.effectiveFrom) && !fromOk) add('effectiveFrom', 'date.format', 'Ngày hiệu lực phải có dạng YYYY-MM-DD hợp lệ.');
  if (p.effectiveTo === null) return;
  if (!isIsoDate(p.effectiveTo)) {
    add('effectiveTo', 'date.format', 'Ngày hết hiệu lực phải có dạng YYYY-MM-DD hợp lệ hoặc để trống (null).');
  } else if (fromOk && p.effectiveTo <= p.effectiveFrom) {
    add('effectiveTo', 'effective.order', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.');
  }
}

/** A statutory time is valid when its unit is known and its value a non-negative integer, 0 only for same_day (where
 *  a value n > 0 is the extension "kéo dài không quá n ngày làm việc", NĐ 23/2015/NĐ-CP Đ21). */
function timeIsValid(path: string, t: ProcessingTime | undefined, add: Add): boolean {
  if (!t) return false;
  if (!TIME_UNITS.includes(t.unit)) {
    add(`${path}.unit`, 'time.unit', `Đơn vị thời gian "${String(t.unit)}" không hợp lệ.`);
    return false;
  }
  if (!isNonNegativeInt(t.value)) {
    add(`${path}.value`, 'time.value', 'Thời hạn phải là số nguyên không âm.');
    return false;
  }
  if (t.unit !== 'same_day' && t.value === 0) {
    add(`${path}.value`, 'time.zero_only_same_day', 'Giá trị 0 chỉ dùng cho thời hạn "trong ngày".');
    return false;
  }
  return true;
}

function checkTimesAndBudget(p: ProcedureVersionInput, add: Add): void {
  const steps = p.processSteps ?? [];
  const codes = new Set<string>();
  steps.forEach((s, i) => {
    if (typeof s.hours !== 'number' || !Number.isFinite(s.hours) || s.hours < 0) {
      add(`processSteps.${i}.hours`, 'process.hours', 'Số giờ của bước phải là số không âm.');
    }
    if (!ROLES.includes(s.role)) add(`processSteps.${i}.role`, 'process.role', `Vai trò "${String(s.role)}" không hợp lệ.`);
    if (codes.has(s.code)) add(`processSteps.${i}.code`, 'process.duplicate_code', `Mã bước "${s.code}" bị trùng.`);
    codes.add(s.code);
  });
  const total = steps.reduce((sum, s) => sum + (Number.isFinite(s.hours) ? s.hours : 0), 0);
  // The internal process must fit in the legal time (domain.md §6 design notes; Hà Nội QĐ 663/2026: 2 + 3 + 2 + 1 h).
  const budget = (path: string, t: ProcessingTime | undefined) => {
    if (!timeIsValid(path, t, add) || !t) return;
    const legal = legalWorkingHours(t);
    if (total > legal) {
      add('processSteps', 'process.budget_exceeded', `Tổng thời gian các bước (${total} giờ) vượt thời hạn luật định (${legal} giờ làm việc).`);
    }
  };
  budget('processingTime', p.processingTime);
  if (p.onlineProcessingTime !== undefined) budget('onlineProcessingTime', p.onlineProcessingTime);
  const variantCodes = new Set<string>();
  (p.timeVariants ?? []).forEach((v, i) => {
    timeIsValid(`timeVariants.${i}.processingTime`, v.processingTime, add);
    if (blank(v.name)) add(`timeVariants.${i}.name`, 'required', 'Thiếu mô tả trường hợp.');
    if (variantCodes.has(v.code)) add(`timeVariants.${i}.code`, 'time.duplicate_variant', `Mã trường hợp "${v.code}" bị trùng.`);
    variantCodes.add(v.code);
  });
}

function checkEnums(p: ProcedureVersionInput, add: Add): void {
  const methods = p.methods ?? [];
  methods.forEach((m, i) => {
    if (!CHANNELS.includes(m)) add(`methods.${i}`, 'methods.invalid', `Cách thức "${String(m)}" không hợp lệ.`);
    else if (methods.indexOf(m) !== i) add(`methods.${i}`, 'methods.invalid', `Cách thức "${m}" bị lặp.`);
  });
  (p.pausingStates ?? []).forEach((s, i) => {
    if (!PAUSING.includes(s)) add(`pausingStates.${i}`, 'pausing.invalid', `Trạng thái dừng tính thời gian "${String(s)}" không hợp lệ.`);
  });
}

function checkForm(path: string, c: Component, add: Add): void {
  if (!c.form) return;
  if (blank(c.form.templateId)) add(`${path}.form.templateId`, 'required', 'Thiếu mã biểu mẫu điện tử.');
  if (c.form.fields.length === 0) add(`${path}.form.fields`, 'form.empty', 'Biểu mẫu điện tử phải có ít nhất một trường.');
  const names = new Set<string>();
  c.form.fields.forEach((f, j) => {
    const fp = `${path}.form.fields.${j}`;
    if (names.has(f.name)) add(`${fp}.name`, 'form.duplicate_field', `Trường "${f.name}" bị trùng trong biểu mẫu.`);
    names.add(f.name);
    if (blank(f.label)) add(`${fp}.label`, 'required', 'Thiếu nhãn tiếng Việt của trường.');
    if (f.type === 'select' && !(f.options && f.options.length > 0) && !f.codeList) {
      add(`${fp}.options`, 'form.select_options', 'Trường dạng lựa chọn phải có danh sách lựa chọn.');
    }
    // A code list (dân tộc, quốc tịch) replaces the field's own choices: a free-text or choice field, no options.
    if (f.codeList && ((f.type !== 'text' && f.type !== 'select') || f.options?.length)) {
      add(`${fp}.codeList`, 'form.code_list', 'Danh mục mã chỉ dùng cho trường nhập chữ hoặc lựa chọn không có danh sách lựa chọn riêng.');
    }
  });
}

/** A paper's OCR mapping (types.ts OcrFillSchema) names e-form fields the version asks, each once, by a printed
 *  label; a paper only shown (xuất trình) is not scanned, so it has none. */
function checkOcrFill(path: string, c: Component, formFields: ReadonlySet<string>, add: Add): void {
  if (c.ocrFill === undefined) return;
  if (c.kind === 'shown') add(`${path}.ocrFill`, 'components.ocr_fill_shown', 'Giấy tờ chỉ xuất trình không được quét nên không điền tờ khai từ bản quét.');
  const seen = new Set<string>();
  c.ocrFill.forEach((m, j) => {
    const mp = `${path}.ocrFill.${j}`;
    if (!formFields.has(m.field)) add(`${mp}.field`, 'components.ocr_fill_field', `Tờ khai của thủ tục không có mục "${m.field}".`);
    if (seen.has(m.field)) add(`${mp}.field`, 'components.ocr_fill_duplicate', `Mục "${m.field}" được đọc từ bản quét hai lần.`);
    seen.add(m.field);
    [m.label, ...(m.also ?? [])].forEach((label, k) => {
      if (blank(label) || !/[\p{L}\p{N}]/u.test(label)) {
        add(k === 0 ? `${mp}.label` : `${mp}.also.${k - 1}`, 'required', 'Thiếu nhãn in trên giấy tờ để tìm giá trị trong bản quét.');
      }
    });
  });
}

function checkComponents(p: ProcedureVersionInput, add: Add): void {
  const components = p.components ?? [];
  const formFields = new Set(components.flatMap((c) => c.form?.fields ?? []).map((f) => f.name));
  const codes = new Set<string>();
  components.forEach((c, i) => {
    const path = `components.${i}`;
    if (blank(c.code) || blank(c.name)) add(path, 'required', 'Thành phần hồ sơ phải có mã và tên.');
    if (codes.has(c.code)) add(`${path}.code`, 'components.duplicate_code', `Mã thành phần "${c.code}" bị trùng.`);
    codes.add(c.code);
    if (!KINDS.includes(c.kind)) add(`${path}.kind`, 'components.kind', `Loại giấy tờ "${String(c.kind)}" không hợp lệ.`);
    // A paper that is only shown (xuất trình) may have 0 copies; anything filed needs at least one.
    if (!isNonNegativeInt(c.copies) || (c.kind !== 'shown' && c.copies < 1)) {
      add(`${path}.copies`, 'components.copies', 'Số lượng bản phải là số nguyên, ít nhất 01 bản với giấy tờ phải nộp.');
    }
    checkForm(path, c, add);
    checkOcrFill(path, c, formFields, add);
    if (c.keepAs !== undefined && !isDocumentType(c.keepAs)) {
      add(`${path}.keepAs`, 'components.document_type', `Loại giấy tờ "${c.keepAs}" không có trong danh mục.`);
    }
    (c.accepts ?? []).forEach((t, j) => {
      if (!isDocumentType(t)) add(`${path}.accepts.${j}`, 'components.document_type', `Loại giấy tờ "${t}" không có trong danh mục.`);
    });
  });
  if (p.resultCode !== undefined && !isDocumentType(p.resultCode)) {
    add('resultCode', 'result_code', `Loại giấy tờ kết quả "${p.resultCode}" không có trong danh mục.`);
  }
  if (components.length > 0 && !components.some((c) => c.required)) {
    add('components', 'components.no_required', 'Hồ sơ phải có ít nhất một thành phần bắt buộc.');
  }
}

function checkFee(path: string, f: Fee, add: Add): void {
  if (blank(f.code) || blank(f.name) || blank(f.legalBasis)) add(path, 'required', 'Khoản phí phải có mã, tên và căn cứ pháp lý.');
  if (!isNonNegativeInt(f.amountVnd)) add(`${path}.amountVnd`, 'fee.amount', 'Mức thu phải là số nguyên đồng không âm.');
  if (!f.perUnit) return;
  const { tiers, maxPerCopyVnd } = f.perUnit;
  if (maxPerCopyVnd !== undefined && !isNonNegativeInt(maxPerCopyVnd)) {
    add(`${path}.perUnit.maxPerCopyVnd`, 'fee.amount', 'Mức thu tối đa phải là số nguyên đồng không âm.');
  }
  tiers.forEach((t, k) => {
    if (!isNonNegativeInt(t.amountVnd)) add(`${path}.perUnit.tiers.${k}.amountVnd`, 'fee.amount', 'Mức thu phải là số nguyên đồng không âm.');
  });
  const ascending = tiers.every((t, k) => Number.isSafeInteger(t.fromUnit) && t.fromUnit >= 1 && (k === 0 || t.fromUnit > tiers[k - 1]!.fromUnit));
  if (tiers.length === 0 || tiers[0]!.fromUnit !== 1 || !ascending) {
    add(`${path}.perUnit.tiers`, 'fee.tiers', 'Bậc giá phải bắt đầu từ đơn vị thứ 1 và tăng dần.');
  }
}

/** The answers a fee line reads must be e-form fields of the version, of the right type (a rule on a field the
 *  forms never ask would silently never apply). */
function checkFeeAnswers(path: string, f: Fee, p: ProcedureVersionInput, add: Add): void {
  const fields = new Map((p.components ?? []).flatMap((c) => c.form?.fields ?? []).map((x) => [x.name, x]));
  const needs = (key: string, name: string | undefined, type: string) => {
    if (name === undefined) return;
    if (fields.get(name)?.type !== type) {
      add(`${path}.${key}`, 'fee.answer_field', `Tờ khai của thủ tục không có mục "${name}" kiểu ${type === 'date' ? 'ngày' : type === 'number' ? 'số' : 'danh sách chọn'}.`);
    }
  };
  needs('copiesField', f.copiesField, 'number');
  needs('unitsField', f.unitsField, 'number');
  needs('exemptionField', f.exemptionField, 'select');
  const options = f.exemptionField === undefined ? [] : (fields.get(f.exemptionField)?.options ?? []);
  if (options.some((o) => o !== NO_EXEMPTION_ANSWER && !f.exemptions.includes(o))) {
    add(`${path}.exemptionField`, 'fee.exemption_unknown', 'Mỗi lựa chọn của mục khai trường hợp miễn phải là một trường hợp miễn của khoản phí.');
  }
  (f.exemptWhen ?? []).forEach((w, k) => {
    needs(`exemptWhen.${k}.dateField`, w.dateField, 'date');
    if (!f.exemptions.includes(w.exemption)) {
      add(`${path}.exemptWhen.${k}.exemption`, 'fee.exemption_unknown', `Trường hợp miễn "${w.exemption}" không có trong danh mục miễn của khoản phí.`);
    }
  });
}

const CHANNEL_NAMES: Record<string, string> = { direct: 'trực tiếp', online: 'trực tuyến', postal: 'qua bưu chính' };

/** A line charged per channel names channels the procedure offers, each once. */
function checkFeeChannels(path: string, f: Fee, p: ProcedureVersionInput, add: Add): void {
  if (f.channels === undefined) return;
  if (!Array.isArray(f.channels) || f.channels.length === 0) {
    add(`${path}.channels`, 'fee.channels', 'Khoản phí theo cách thức nộp phải nêu ít nhất một cách thức.');
    return;
  }
  f.channels.forEach((c, k) => {
    if (!(p.methods ?? []).includes(c)) {
      add(`${path}.channels.${k}`, 'fee.channel_not_offered', `Thủ tục không có cách thức nộp ${CHANNEL_NAMES[c] ?? `"${String(c)}"`} mà khoản phí áp dụng.`);
    }
    if (f.channels!.indexOf(c) !== k) add(`${path}.channels.${k}`, 'fee.channels', `Cách thức nộp ${CHANNEL_NAMES[c] ?? `"${String(c)}"`} bị lặp.`);
  });
}

function checkFees(p: ProcedureVersionInput, add: Add): void {
  const fees = p.fees ?? [];
  const codes = new Set<string>();
  fees.forEach((f, i) => {
    checkFee(`fees.${i}`, f, add);
    checkFeeAnswers(`fees.${i}`, f, p, add);
    checkFeeChannels(`fees.${i}`, f, p, add);
    if (codes.has(f.code)) add(`fees.${i}.code`, 'fee.duplicate_code', `Mã khoản phí "${f.code}" bị trùng.`);
    codes.add(f.code);
  });
  if (p.flags && p.flags.hasFee !== chargesFee(fees)) {
    add('flags.hasFee', 'flags.has_fee', p.flags.hasFee ? 'Thủ tục được đánh dấu có phí nhưng không có khoản thu nào lớn hơn 0.' : 'Thủ tục có khoản thu nhưng cờ "có phí, lệ phí" đang tắt.');
  }
}

function checkFlags(p: ProcedureVersionInput, add: Add): void {
  if (!p.flags?.eligibleFullOnline) return;
  if (!(p.methods ?? []).includes('online')) {
    add('methods', 'flags.online_method', 'Thủ tục đủ điều kiện dịch vụ công trực tuyến toàn trình phải có cách thức nộp trực tuyến.');
  }
  // Presence required by law is a reason to offer only a partial online service (NĐ 224/2026 Đ14).
  if (p.flags.requiresInPersonSigning) {
    add('flags.eligibleFullOnline', 'flags.in_person_full_online', 'Thủ tục bắt buộc ký trực tiếp không thể là dịch vụ công trực tuyến toàn trình.');
  }
}

/** Filing online without e-identity is an exception for a procedure offered online (types.ts OnlineIdentitySchema). */
function checkOnlineIdentity(p: ProcedureVersionInput, add: Add): void {
  const v = p.onlineIdentity;
  if (v === undefined) return;
  if (!ONLINE_IDENTITY.includes(v)) add('onlineIdentity', 'online_identity.invalid', `Cách xác định người nộp trực tuyến "${String(v)}" không hợp lệ.`);
  else if (v !== 'eid' && !(p.methods ?? []).includes('online')) {
    add('onlineIdentity', 'online_identity.not_online', 'Chỉ thủ tục có cách thức nộp trực tuyến mới đặt cách xác định người nộp trực tuyến.');
  }
}

function checkUncertain(p: ProcedureVersionInput, add: Add): void {
  (p.uncertain ?? []).forEach((path, i) => {
    if (!pathExists(p, path)) add(`uncertain.${i}`, 'uncertain.unresolved', `Đường dẫn "${path}" không trỏ tới giá trị nào của thủ tục.`);
  });
}

/** All rule violations of one procedure version; an empty list means it may be seeded or published. */
export function validateProcedure(p: ProcedureVersionInput, opts: ValidateOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add: Add = (path, code, message) => void issues.push({ path, code, message });
  checkRequired(p, add);
  checkCode(p, add);
  checkUnits(p, opts.unitCodes ?? COMMUNE_UNIT_CODES, add);
  checkDates(p, add);
  checkTimesAndBudget(p, add);
  checkEnums(p, add);
  checkComponents(p, add);
  checkFees(p, add);
  checkFlags(p, add);
  checkOnlineIdentity(p, add);
  checkUncertain(p, add);
  return issues;
}

/**
 * Versions of one code must not overlap in time: at any date at most one is in force (domain.md §2.10; a
 * dossier keeps the version in force at receipt). Intervals are [effectiveFrom, effectiveTo), null = open.
 */
export function validateVersions(all: readonly ProcedureVersionInput[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byCode = new Map<string, ProcedureVersionInput[]>();
  for (const p of all) byCode.set(p.code, [...(byCode.get(p.code) ?? []), p]);
  for (const [code, versions] of byCode) {
    const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    let reach: ProcedureVersionInput | undefined; // the earlier version whose end is the latest
    for (const v of sorted) {
      if (reach && (reach.effectiveTo === null || reach.effectiveTo > v.effectiveFrom)) {
        issues.push({
          path: `${code}@${v.effectiveFrom}`,
          code: 'versions.overlap',
          message: `Phiên bản từ ${v.effectiveFrom} của thủ tục ${code} trùng thời gian hiệu lực với phiên bản từ ${reach.effectiveFrom}.`,
        });
      }
      if (!reach || (reach.effectiveTo !== null && (v.effectiveTo === null || v.effectiveTo > reach.effectiveTo))) reach = v;
    }
  }
  return issues;
}
