// The actions block of the staff dossier page: of the actions the caller can take now (allowedActions, which checks
// the preconditions), the primary one — the next step of the usual path, as ordered data below — is shown open near
// the top, with its companion (the signer's "Trả lại" next to "Phê duyệt và ký số"); every other action, and the
// ones that end the dossier early, are folded under "Thao tác khác". New actions appear by themselves (ActionForm).
import type { FieldError } from '../components.tsx';
import type { Form } from './common.tsx';
import type { Children } from '../render.tsx';
import { ActionForm, type FormContext, type PageAction } from './action-forms.tsx';

/**
 * The usual path, as the primary action's order: the first of these the caller may take now is the primary action.
 * The steps that only a precondition opens come first (allowedActions offers approve only to the requested signer,
 * issue_result only after the approval, submit_for_signature only once a proposal exists), then the general ones.
 */
export const PRIMARY_ORDER: readonly PageAction[] = [
  'receive_online',
  'return_result',
  'supplement_provided',
  'obligation_met',
  'approve',
  'issue_result',
  'reject_not_eligible',
  'send_draft', // online civil status: the applicant checks the draft before "Trình ký"
  'submit_for_signature',
  'propose_result',
  'assign',
];

/** Shown next to the primary action when allowed too: the signer approves or sends back with a comment. */
const COMPANIONS: Partial<Record<PageAction, readonly PageAction[]>> = {
  approve: ['send_back'],
};

/** Actions that end the dossier before its result: last in "Thao tác khác". */
export const ENDING: readonly PageAction[] = ['refuse_receipt', 'withdraw', 'stop_processing'];

export interface ActionPlan {
  primary: PageAction[];
  others: PageAction[];
}

/** Splits the allowed actions into the primary block and the rest (the ending ones last). */
export function planActions(allowed: readonly PageAction[]): ActionPlan {
  const first = PRIMARY_ORDER.find((t) => allowed.includes(t));
  const primary = first ? [first, ...(COMPANIONS[first] ?? []).filter((t) => allowed.includes(t))] : [];
  const rest = allowed.filter((t) => !primary.includes(t));
  return { primary, others: [...rest.filter((t) => !ENDING.includes(t)), ...rest.filter((t) => ENDING.includes(t))] };
}

/** A hint above the primary action: what to look at before taking it. */
const BEFORE: Partial<Record<PageAction, Children>> = {
  receive_online: <>Trước khi tiếp nhận, kiểm tra <a href="#declaration-title">tờ khai</a> và <a href="#components-title">thành phần hồ sơ</a> bên dưới.</>,
  approve: 'Đọc nội dung đề xuất ở trên và dự thảo kết quả trước khi phê duyệt và ký số; nếu chưa đồng ý, trả lại kèm ý kiến.',
};

export function ActionsSection({ allowed, ctx, failed, finished }: {
  allowed: readonly PageAction[];
  ctx: FormContext;
  failed?: { action: PageAction; values: Form; errors: FieldError[] };
  /** The dossier has ended (no action will ever come back). */
  finished: boolean;
}) {
  const plan = planActions(allowed);
  // A refused form of an action not offered now comes back first, with its error, whatever its kind.
  const primary = failed && !allowed.includes(failed.action) ? [failed.action, ...plan.primary] : plan.primary;
  const { others } = plan;
  const form = (t: PageAction) => (
    <ActionForm type={t} ctx={ctx} values={failed?.action === t ? failed.values : undefined} errors={failed?.action === t ? failed.errors : undefined} />
  );
  const hint = plan.primary[0] ? BEFORE[plan.primary[0]] : undefined;
  return (
    <section aria-labelledby="actions-title" class="actions">
      <h2 id="actions-title">{primary.length ? 'Việc cần làm với hồ sơ này' : 'Thao tác'}</h2>
      {primary.length + others.length === 0 && (
        <p>{finished ? 'Hồ sơ đã kết thúc, không còn thao tác nào.' : 'Bạn không có thao tác nào với hồ sơ ở trạng thái này.'}</p>
      )}
      {hint && <p class="hint">{hint}</p>}
      {primary.map(form)}
      {others.length > 0 && (
        <details class="more-actions" open={failed !== undefined && others.includes(failed.action) ? true : undefined}>
          <summary>Thao tác khác ({others.length})</summary>
          {others.map(form)}
        </details>
      )}
    </section>
  );
}
