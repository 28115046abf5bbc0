// Shared bits of the staff plan pages (/can-bo/cchc/...): paths, the commune's current plan, status tags.
import type { Deps } from '../../../http/deps.ts';
import type { ShownStatus } from '../../../reform/core/task-rules.ts';
import { STATUS_LABEL } from '../../../reform/core/task-rules.ts';
import { communePlans } from '../../../reform/store.ts';

export const HUB = '/can-bo/cchc';
export const PLAN = `${HUB}/ke-hoach`;
export const TASKS = `${HUB}/nhiem-vu`;
export const PROGRESS = `${HUB}/tien-do`;
export const HUB_BACK = { href: HUB, label: 'Cải cách hành chính' };

/** The commune's current plan (the latest imported five-year plan). */
export const currentPlan = async (db: Deps['db'], communeId: string) => (await communePlans(db, communeId))[0];

const TAG: Record<ShownStatus, string> = { not_started: 'tag--grey', in_progress: 'tag--blue', awaiting_approval: 'tag--yellow', overdue: 'tag--red', done: 'tag--green' };
export const StatusTag = ({ status }: { status: ShownStatus }) => <strong class={`tag ${TAG[status]}`}>{STATUS_LABEL[status]}</strong>;

/** Where an item comes from in the plan document (its sections): folded under "Nguồn", for staff who look for it,
 *  never in the item's title or text. */
export const PlanSource = ({ refs }: { refs: string[] }) => (
  <details class="plan-source"><summary>Nguồn</summary><p>Kế hoạch cải cách hành chính của xã: {refs.join('; ')}.</p></details>
);

export const short = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
export const fmtDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
export const pct = (x: number) => `${x.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}`;
