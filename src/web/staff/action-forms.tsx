// One small form per lifecycle action, built from the action table (core/actions.ts): the legend is the
// action's label, the fields are those it requires (and a few optional ones), and the typed values come back
// after a failed submit. Parsing turns the form into the payload the service expects (the core validates it
// again), with field errors for the error summary.
import type { EndpointAction, Payload, PayloadField } from '../../dossiers/core/index.ts';
import { ACTIONS, PAYLOAD_FIELDS, ROLES, isEndpointAction, roleName } from '../../dossiers/core/index.ts';
import { CsrfField, type FieldError } from '../components.tsx';
import { KeyField, str, type Form } from './common.tsx';
import { Area, Choice, Input, Options, type Option, type OptionGroup } from '../fields.tsx';

/** Actions taken on an existing dossier with a form of their own: the table's endpoint actions. Not the creating
 *  ones (their own pages, the portal), nor the declaration's correction (its page "Sửa tờ khai") or the fee's payment
 *  (recorded by the payment flow: /can-bo/thu-phi, the gateway). */
export type PageAction = EndpointAction;
export const isPageAction = (t: string): t is PageAction => isEndpointAction(t);

/** The payload fields an action form may show (not those only the correction and payment flows write). */
type UiField = Exclude<PayloadField, 'applicantId' | 'revision' | 'fields' | 'paymentMethod' | 'receiptNo' | 'orderRef' | 'transactionNo' | 'file' | 'lookupId'>;

/** The fields each action's form shows, in order (required ones come from the action table). */
export const FORM_FIELDS: Record<PageAction, UiField[]> = {
  receive_online: ['timeCase'], // shown only for a procedure with cases of their own time
  set_time_case: ['timeCase', 'reason'],
  send_draft: [],
  // The applicant's own (portal): never offered to staff, listed for completeness.
  confirm_draft: [],
  request_draft_correction: ['reason'],
  refuse_receipt: ['reason'],
  request_supplement_before_receipt: ['items', 'reason'],
  assign: ['unitCode', 'assigneeId'],
  forward: ['unitCode', 'assigneeId'],
  request_supplement: ['items', 'reason'],
  supplement_provided: ['note'],
  request_financial_obligation: ['description', 'amountVnd'],
  obligation_met: [],
  propose_result: ['proposalOutcome', 'proposalText'],
  submit_for_signature: ['signerId', 'note'],
  send_back: ['reason'],
  approve: [],
  reject_not_eligible: ['reason'],
  issue_result: [],
  return_result: ['channel'],
  withdraw: ['reason'],
  stop_processing: ['reason'],
  apologize_extend: ['reason', 'newDueAt'],
  transfer_to_competent: ['communeId', 'resultAt', 'note'],
  send_papers: ['papers', 'carrier'],
  receive_papers: ['note'],
};

const WARNING: readonly PageAction[] = ['refuse_receipt', 'reject_not_eligible', 'stop_processing', 'withdraw'];

const LABELS: Record<UiField, { label: string; hint?: string }> = {
  reason: { label: 'Lý do' },
  items: { label: 'Giấy tờ, nội dung cần bổ sung', hint: 'Mỗi dòng một mục.' },
  unitCode: { label: 'Đơn vị nhận' },
  assigneeId: { label: 'Cán bộ xử lý', hint: 'Để trống nếu trưởng đơn vị sẽ phân công.' },
  amountVnd: { label: 'Số tiền (đồng)', hint: 'Chỉ nhập số, ví dụ 150000.' },
  description: { label: 'Nội dung nghĩa vụ tài chính' },
  proposalText: { label: 'Nội dung đề xuất' },
  proposalOutcome: { label: 'Hướng giải quyết đề xuất' },
  channel: { label: 'Hình thức trả kết quả' },
  newDueAt: { label: 'Ngày giờ hẹn trả kết quả mới', hint: 'Giờ Việt Nam. Chỉ được hẹn lại một lần.' },
  signerId: { label: 'Người ký', hint: 'Lãnh đạo Ủy ban nhân dân xã hoặc trưởng đơn vị đang giải quyết hồ sơ; không phải người đề xuất.' },
  note: { label: 'Ghi chú' },
  timeCase: { label: 'Trường hợp giải quyết', hint: 'Thời hạn trả kết quả tính theo thời hạn của trường hợp đã chọn.' },
  communeId: { label: 'Xã có thẩm quyền giải quyết', hint: 'Xã nơi người nộp cư trú hoặc nơi có thẩm quyền theo thủ tục; hồ sơ chuyển đến Bộ phận Một cửa của xã đó.' },
  resultAt: { label: 'Người nộp nhận kết quả' },
  papers: { label: 'Giấy tờ gửi', hint: 'Ví dụ: Bản chính Giấy chứng sinh; Tờ khai đăng ký khai sinh.' },
  carrier: { label: 'Hình thức chuyển', hint: 'Ví dụ: Bưu điện, số vận đơn …; hoặc cán bộ mang trực tiếp (ghi họ tên).' },
};

export const RESULT_PLACES: Option[] = [
  { value: 'receiving_centre', label: 'Tại nơi tiếp nhận hồ sơ (xã này)' },
  { value: 'post', label: 'Qua dịch vụ bưu chính' },
  { value: 'online', label: 'Trực tuyến (Kho dữ liệu trên Cổng Dịch vụ công)' },
];

export const OUTCOMES: Option[] = [
  { value: 'approve', label: 'Giải quyết (cấp kết quả)' },
  { value: 'reject', label: 'Không giải quyết (từ chối, nêu rõ lý do)' },
];
export const CHANNELS: Option[] = [
  { value: 'counter', label: 'Trả tại Bộ phận Một cửa' },
  { value: 'post', label: 'Gửi qua dịch vụ bưu chính' },
  { value: 'online', label: 'Trả trực tuyến (Kho dữ liệu trên Cổng Dịch vụ công)' },
];

export const fieldId = (type: string, field: string) => `${type}-${field}`;
export const formId = (type: string) => `form-${type}`;

/** Datetime-local value (Vietnam time) ↔ instant. */
const LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;
export function fromLocal(v: string): Date | null {
  const m = LOCAL.exec(v);
  if (!m) return null;
  const d = new Date(`${m[1]}T${m[2]}:00+07:00`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The payload of an action's form, or the errors to show (required fields, numbers, dates). */
export function parseActionForm(type: PageAction, f: Form): { payload: Record<string, unknown>; errors: FieldError[] } {
  const required = new Set<string>(ACTIONS[type].requires);
  const payload: Partial<Record<keyof Payload, unknown>> = {};
  const errors: FieldError[] = [];
  const bad = (field: UiField, message: string) => errors.push({ field: fieldId(type, field), message });
  for (const field of FORM_FIELDS[type]) {
    const raw = str(f, field);
    if (!raw) {
      if (required.has(field)) bad(field, `Thiếu thông tin bắt buộc: ${PAYLOAD_FIELDS[field].label}.`);
      continue;
    }
    if (raw.length > 4000) {
      bad(field, `${LABELS[field].label} quá dài (tối đa 4000 ký tự).`);
      continue;
    }
    switch (field) {
      case 'items': {
        const items = raw.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
        if (items.length > 50) bad(field, 'Tối đa 50 mục cần bổ sung.');
        else payload.items = items;
        break;
      }
      case 'amountVnd': {
        const digits = raw.replace(/[.\s,]/g, '');
        if (!/^\d{1,13}$/.test(digits)) bad(field, 'Số tiền phải là số nguyên không âm (đồng).');
        else payload.amountVnd = Number(digits);
        break;
      }
      case 'newDueAt': {
        const d = fromLocal(raw);
        if (!d) bad(field, 'Ngày giờ hẹn trả mới không hợp lệ.');
        else payload.newDueAt = d.toISOString();
        break;
      }
      default:
        payload[field] = raw;
    }
  }
  return { payload, errors };
}

export interface FormContext {
  dossierId: string;
  csrf: string;
  units: { code: string; name: string }[];
  /** The procedure's cases with their own statutory time (the default first); empty when it has one time. */
  timeCases: { code: string; name: string; time: string }[];
  /** The case chosen now (BASE_TIME_CASE for the default). */
  timeCase: string;
  /** The commune's officers; `roles` as stored (role keys) or already named, shown next to each name. */
  staff: { id: number; fullName: string; unitCode: string | null; active: boolean; roles?: readonly string[] }[];
  /** The other communes of the province (a transfer to the competent commune). */
  communes?: { id: string; name: string }[];
}

type StaffItem = FormContext['staff'][number];

/** Who may be asked to sign a result: a leader of the commune or a unit head (the service checks the unit). */
const SIGNING_ROLES: readonly string[] = ['leader', 'unit_head', ROLES.leader, ROLES.unit_head];
const isSigner = (s: StaffItem) => (s.roles ?? []).some((r) => SIGNING_ROLES.includes(r));

/** Active officers as select options grouped by unit (in the units' order, then those without a unit), each with
 *  their roles: the assignee and signer lists. */
export function staffGroups(ctx: FormContext, keep: (s: StaffItem) => boolean = () => true): OptionGroup[] {
  const chosen = ctx.staff.filter((s) => s.active && keep(s));
  const option = (s: StaffItem): Option => {
    const roles = (s.roles ?? []).map(roleName).join(', ');
    return { value: String(s.id), label: roles ? `${s.fullName} — ${roles}` : s.fullName };
  };
  const known = new Set(ctx.units.map((u) => u.code));
  return [
    ...ctx.units.map((u) => ({ label: `${u.name} (${u.code})`, options: chosen.filter((s) => s.unitCode === u.code).map(option) })),
    { label: 'Cán bộ khác', options: chosen.filter((s) => s.unitCode === null || !known.has(s.unitCode)).map(option) },
  ].filter((g) => g.options.length > 0);
}

function FieldFor({ type, field, required, value, error, ctx }: {
  type: PageAction; field: UiField; required: boolean; value: string; error?: string; ctx: FormContext;
}) {
  const id = fieldId(type, field);
  const { label, hint } = LABELS[field];
  const common = { id, name: field, label, hint, error, required };
  switch (field) {
    case 'unitCode':
      return <Choice {...common} value={value} options={ctx.units.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }))} empty="— Chọn đơn vị —" />;
    case 'assigneeId':
      return <Choice {...common} value={value} empty="— Không chỉ định —" options={[]} groups={staffGroups(ctx)} />;
    case 'signerId':
      return <Choice {...common} value={value} empty="— Chọn người ký —" options={[]} groups={staffGroups(ctx, isSigner)} />;
    case 'proposalOutcome':
      return <Options {...common} legend={label} value={value} options={OUTCOMES} />;
    case 'channel':
      return <Options {...common} legend={label} value={value} options={CHANNELS} />;
    case 'communeId':
      return <Choice {...common} value={value} options={(ctx.communes ?? []).map((c) => ({ value: c.id, label: c.name }))} empty="— Chọn xã —" />;
    case 'resultAt':
      return <Options {...common} legend={label} value={value || 'receiving_centre'} options={RESULT_PLACES} />;
    case 'carrier':
      return <Input {...common} value={value} />;
    case 'newDueAt':
      return <Input {...common} type="datetime-local" value={value} />;
    case 'timeCase':
      if (ctx.timeCases.length === 0) return null;
      return <Options {...common} legend={label} value={value || ctx.timeCase}
        options={ctx.timeCases.map((c) => ({ value: c.code, label: `${c.name}: ${c.time}` }))} />;
    case 'amountVnd':
      return <Input {...common} inputmode="numeric" value={value} short />;
    case 'items':
      return <Area {...common} value={value} rows={5} />;
    default:
      return <Area {...common} value={value} rows={3} />;
  }
}

/** The form of one action; `values`/`errors` after a failed submit of this form. */
export function ActionForm({ type, ctx, values, errors }: { type: PageAction; ctx: FormContext; values?: Form; errors?: FieldError[] }) {
  const rule = ACTIONS[type];
  const required = new Set<string>(rule.requires);
  const err = (field: string) => errors?.find((e) => e.field === fieldId(type, field))?.message;
  return (
    <form id={formId(type)} method="post" action={`/can-bo/ho-so/${ctx.dossierId}/thao-tac/${type}`} class="action-form" novalidate>
      <CsrfField token={ctx.csrf} />
      <KeyField />
      <fieldset>
        <legend>{rule.label}</legend>
        {FORM_FIELDS[type].map((field) => (
          <FieldFor type={type} field={field} required={required.has(field)} value={values ? str(values, field) : ''} error={err(field)} ctx={ctx} />
        ))}
        <button type="submit" class={`button button--${WARNING.includes(type) ? 'warning' : 'primary'}`}>{rule.label}</button>
      </fieldset>
    </form>
  );
}
