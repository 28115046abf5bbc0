// "Việc cần làm": what waits for this officer by role, as data (which roles see which group, in which order, with
// its URL slug and wording), and the overview that lists each group's first rows under a heading with its count.
// The SQL of each group is `workWhere` in dossiers/store.ts; the keyset pages of one group are in inbox.tsx.
import type { StaffRole, Principal } from '../../identity/core/principal.ts';
import { hasRole } from '../../identity/core/principal.ts';
import type { WorkGroup } from '../../dossiers/store.ts';
import type { WorkCalendar } from '../../calendar/core/index.ts';
import { cursorAfter } from '../../dossiers/cursor.ts';
import { DossierTable, type ListNames, type ListRow } from './dossier-list.tsx';

export interface TodoGroup {
  group: WorkGroup;
  /** The value of `?viec=` that opens the group alone. */
  slug: string;
  title: string;
  /** Who has work of this kind (identity/core/principal.ts roles). */
  roles: readonly StaffRole[];
  hint: string;
}

/** The groups, in the order of the work: receive, process, sign, return. */
export const TODO_GROUPS: readonly TodoGroup[] = [
  {
    group: 'receive', slug: 'tiep-nhan', title: 'Chờ tiếp nhận', roles: ['receiving_officer'],
    hint: 'Hồ sơ nộp trực tuyến: tiếp nhận, yêu cầu bổ sung hoặc từ chối trong 01 ngày làm việc kể từ khi nộp. Hạn sớm nhất ở đầu.',
  },
  {
    group: 'process', slug: 'xu-ly', title: 'Chờ xử lý', roles: ['receiving_officer', 'specialist', 'unit_head'],
    hint: 'Hồ sơ được giao cho bạn, hoặc đang ở đơn vị của bạn mà chưa giao cho ai; cả hồ sơ bị trả lại để xử lý lại.',
  },
  {
    group: 'sign', slug: 'ky', title: 'Chờ ký', roles: ['leader', 'unit_head'],
    hint: 'Đề xuất kết quả được trình bạn ký, hoặc đang chờ phê duyệt trong phạm vi của bạn.',
  },
  {
    group: 'return', slug: 'tra-ket-qua', title: 'Chờ trả kết quả', roles: ['receiving_officer'],
    hint: 'Đã có kết quả giải quyết, chưa trả cho người nộp.',
  },
];

/** The groups of work this officer has, by their roles (none: the inbox opens on every dossier). */
export const todoGroupsFor = (p: Principal): TodoGroup[] => TODO_GROUPS.filter((g) => hasRole(p, ...g.roles));

export const todoBySlug = (slug: string): TodoGroup | undefined => TODO_GROUPS.find((g) => g.slug === slug);

export const todoHref = (g: TodoGroup, cursor?: string) => `/can-bo/ho-so?viec=${g.slug}${cursor ? `&cursor=${cursor}` : ''}`;

/** One group's rows under its heading and count; `more`: link to the group's own pages after these rows. */
export function TodoSection({ g, count, rows, more, names, now, cal }: {
  g: TodoGroup; count: number; rows: ListRow[]; more: boolean; names: ListNames; now: Date; cal: WorkCalendar;
}) {
  const last = more ? rows[rows.length - 1] : undefined;
  return (
    <section aria-labelledby={`viec-${g.slug}`} class="todo-group">
      <h2 id={`viec-${g.slug}`}>{g.title} ({count})</h2>
      <p class="hint">{g.hint}</p>
      {rows.length === 0 ? <p>Không có hồ sơ nào.</p> : <DossierTable rows={rows} caption={`${g.title}: ${count} hồ sơ`} names={names} now={now} cal={cal} />}
      {last && <p><a href={todoHref(g, cursorAfter(last))} class="button button--secondary" rel="next">Xem tiếp: {g.title}</a></p>}
    </section>
  );
}
