// The proposal section of the staff dossier page: the result proposed (outcome, text, who, when), to whom it was
// submitted for signature ("Trình ký") and when, and whether it was approved and signed — or the last proposal sent
// back with the signer's comment. Read from the action log (the projection keeps the proposal but not who and when).
import type { EventRow } from '../../dossiers/store.ts';
import { roleName } from '../../dossiers/core/index.ts';
import { SummaryList } from '../components.tsx';
import { fmtDateTime } from '../../shared/format.ts';
import type { Children } from '../render.tsx';
import { OUTCOMES } from './action-forms.tsx';

interface Step {
  by: string;
  at: Date;
  payload: Record<string, unknown>;
}

export interface ProposalState {
  proposed: Step | null;
  submitted: Step | null;
  approved: Step | null;
  /** The last proposal was sent back (then `proposed` is the one sent back). */
  sentBack: Step | null;
}

/** The current proposal and its path, from the log: each propose_result starts a new one; a send_back ends it. */
export function proposalOf(events: readonly EventRow[]): ProposalState | null {
  const s: ProposalState = { proposed: null, submitted: null, approved: null, sentBack: null };
  for (const e of events) {
    const step: Step = {
      by: e.actor_name ? `${e.actor_name} (${roleName(e.actor_role)})` : roleName(e.actor_role),
      at: new Date(e.at), payload: (e.payload ?? {}) as Record<string, unknown>,
    };
    if (e.action === 'propose_result') Object.assign(s, { proposed: step, submitted: null, approved: null, sentBack: null });
    else if (e.action === 'submit_for_signature') Object.assign(s, { submitted: step, sentBack: null });
    else if (e.action === 'send_back') Object.assign(s, { submitted: null, sentBack: step });
    else if (e.action === 'approve') s.approved = step;
  }
  return s.proposed ? s : null;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function ProposalSection({ state, staffName }: { state: ProposalState; staffName: (id: unknown) => string }) {
  const { proposed, submitted, approved, sentBack } = state;
  if (!proposed) return null;
  const outcome = OUTCOMES.find((o) => o.value === proposed.payload.proposalOutcome)?.label ?? text(proposed.payload.proposalOutcome);
  const rows: { key: string; value: Children }[] = [
    { key: 'Hướng giải quyết', value: outcome },
    { key: 'Nội dung đề xuất', value: text(proposed.payload.proposalText) },
    { key: 'Người đề xuất', value: `${proposed.by}, lúc ${fmtDateTime(proposed.at)}` },
  ];
  if (submitted) {
    rows.push({ key: 'Trình ký', value: `${staffName(submitted.payload.signerId)}, trình lúc ${fmtDateTime(submitted.at)} bởi ${submitted.by}` });
    if (text(submitted.payload.note)) rows.push({ key: 'Ghi chú khi trình', value: text(submitted.payload.note) });
  }
  if (approved) rows.push({ key: 'Phê duyệt và ký số', value: `${approved.by}, lúc ${fmtDateTime(approved.at)}` });
  if (sentBack) {
    rows.push({ key: 'Đã trả lại để xử lý lại', value: `${sentBack.by}, lúc ${fmtDateTime(sentBack.at)}` });
    rows.push({ key: 'Ý kiến của người ký', value: text(sentBack.payload.reason) });
  }
  const status = approved ? 'Đã phê duyệt' : sentBack ? 'Đã bị trả lại, cần đề xuất lại' : submitted ? 'Đang chờ ký' : 'Chưa trình ký';
  return (
    <section aria-labelledby="proposal-title" class="proposal">
      <h2 id="proposal-title">{sentBack ? 'Đề xuất đã bị trả lại' : 'Đề xuất kết quả giải quyết'}</h2>
      <p><strong>{status}</strong></p>
      <SummaryList rows={rows} />
    </section>
  );
}
