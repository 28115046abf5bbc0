// The work list (/can-bo/ho-so). It opens on "Việc cần làm" (dossier-todo.tsx): what waits for this officer by role,
// each group under its heading with its count and first rows; `?viec=<group>` pages through one group. "Tất cả hồ
// sơ" (`?xem=tat-ca`, or any filter) keeps the full list: counts per state as links, filters, the online submissions
// awaiting receipt first (by their receipt deadline), then by due time. Everything is scoped to the caller in SQL
// (store.inbox / workCounts / countsByState apply `scoped`), in keyset pages (a "next page" link carrying the cursor
// of the last row). "Nội dung giấy tờ đã quét" keeps the dossiers whose scans hold every word typed (issue 14, through
// the blind index of their OCR text: digitisation/search.ts); each such search is access-logged.
import type { FastifyRequest } from 'fastify';
import type { App, Deps } from '../../http/deps.ts';
import type { Principal } from '../../identity/core/principal.ts';
import { cursorAfter } from '../../dossiers/cursor.ts';
import { workCalendarFor } from '../../calendar/store.ts';
import { procedureNames, searchProcedures } from '../../catalogue/store.ts';
import { listStaff, listUnits } from '../../org/store.ts';
import { STATE_CODES, stateName } from '../../dossiers/core/index.ts';
import { countsByState, inbox, workCounts, type InboxFilter } from '../../dossiers/store.ts';
import { staffOrLogin } from './guard.ts';
import { principalKey } from '../../identity/core/principal.ts';
import { logSearch, scanTextQuery } from '../../digitisation/search.ts';
import { MAX_QUERY_LENGTH, MIN_WORD } from '../../digitisation/core/terms.ts';
import { q1, staffPage } from './common.tsx';
import { ErrorSummary, type FieldError } from '../components.tsx';
import { Choice, Input, Options } from '../fields.tsx';
import { DossierTable, RECEIPT_SOON_HOURS, cursorOf, type ListNames, type ListRow } from './dossier-list.tsx';
import { TodoSection, todoBySlug, todoGroupsFor, todoHref, type TodoGroup } from './dossier-todo.tsx';

/** The work list by default: dossiers still to be received, processed or returned. */
export const OPEN_STATES = [1, 2, 4, 5, 6, 9];
const PAGE = 50;
/** Rows of each group on the "Việc cần làm" overview (the rest through the group's own pages). */
const TODO_ROWS = 10;

interface Filter {
  state: string; // '' = open states, 'all', or a state code
  procedure: string;
  mine: boolean;
  /** The words searched in the scans' text, as typed ('' = no search). */
  ocr: string;
  limit: number;
}

const ALL = '/can-bo/ho-so?xem=tat-ca';

const href = (f: Filter, cursor?: string) => {
  const q = new URLSearchParams();
  if (f.state) q.set('state', f.state);
  if (f.procedure) q.set('procedure', f.procedure);
  if (f.mine) q.set('assignee', 'me');
  if (f.ocr) q.set('ocr', f.ocr);
  if (f.limit !== PAGE) q.set('limit', String(f.limit));
  if (cursor) q.set('cursor', cursor);
  const s = q.toString();
  return s ? `/can-bo/ho-so?${s}` : ALL;
};

/** Which view the query asks for: one group of work, the overview of all groups, or every dossier. */
function viewOf(req: FastifyRequest, groups: TodoGroup[]): { kind: 'group'; g: TodoGroup } | { kind: 'todo' } | { kind: 'all' } {
  const g = todoBySlug(q1(req, 'viec'));
  if (g && groups.includes(g)) return { kind: 'group', g };
  const filtered = ['xem', 'state', 'procedure', 'assignee', 'ocr', 'limit', 'cursor'].some((k) => q1(req, k) !== '');
  return groups.length && !filtered ? { kind: 'todo' } : { kind: 'all' };
}

/** The names a list shows (procedures of the rows, the commune's units and staff). */
async function namesFor(deps: Deps, p: Principal, rows: ListRow[]): Promise<ListNames> {
  const [procedure, units, staff] = await Promise.all([
    procedureNames(deps.db, [...new Set(rows.map((r) => r.procedure_code))]),
    listUnits(deps.db, p.communeId),
    listStaff(deps.db, p.communeId),
  ]);
  return { procedure, unit: new Map(units.map((u) => [u.id, u.name])), staff: new Map(staff.map((s) => [s.id, s.fullName])) };
}

/** The tabs: "Việc cần làm" with its total, each group with its count, "Tất cả hồ sơ". */
function WorkNav({ groups, counts, current }: { groups: TodoGroup[]; counts: Partial<Record<string, number>>; current: string }) {
  if (!groups.length) return null;
  const total = groups.reduce((a, g) => a + (counts[g.group] ?? 0), 0);
  const at = (k: string) => (k === current ? 'page' : undefined);
  return (
    <nav aria-label="Việc cần làm và danh sách hồ sơ">
      <ul class="nav-counts">
        <li><a href="/can-bo/ho-so" aria-current={at('todo')}>Việc cần làm ({total})</a></li>
        {groups.map((g) => <li><a href={todoHref(g)} aria-current={at(g.slug)}>{g.title} ({counts[g.group] ?? 0})</a></li>)}
        <li><a href={ALL} aria-current={at('all')}>Tất cả hồ sơ</a></li>
      </ul>
    </nav>
  );
}

export async function inboxPages(app: App, deps: Deps) {
  app.get('/can-bo/ho-so', { schema: { hide: true } }, async (req, reply) => {
    const p = staffOrLogin(req, reply);
    if (!p) return reply;
    const groups = todoGroupsFor(p);
    const view = viewOf(req, groups);
    const now = deps.now();
    const cursor = q1(req, 'cursor');
    const base = { states: undefined as InboxFilter['states'] };

    if (view.kind !== 'all') {
      const shown = view.kind === 'group' ? [view.g] : groups;
      const limit = view.kind === 'group' ? PAGE : TODO_ROWS;
      const after = view.kind === 'group' && cursor ? cursorOf(cursor) : undefined;
      const [counts, cal, ...lists] = await Promise.all([
        workCounts(deps.db, p, groups.map((g) => g.group)),
        workCalendarFor(deps.db, p.communeId),
        ...shown.map((g) => inbox(deps.db, p, { ...base, work: g.group, after, limit })),
      ]);
      const names = await namesFor(deps, p, lists.flat());
      if (view.kind === 'group') {
        const { g } = view;
        const rows = lists[0]!;
        const last = rows.length === limit ? rows[rows.length - 1] : undefined;
        return staffPage(reply, p, g.title, () => (
          <>
            <h1>{g.title}</h1>
            <WorkNav groups={groups} counts={counts} current={g.slug} />
            <p class="hint">{g.hint}</p>
            {rows.length === 0
              ? <p>Không có hồ sơ nào{cursor ? ' ở trang này' : ''}.</p>
              : <DossierTable rows={rows} caption={`${g.title}: ${counts[g.group] ?? 0} hồ sơ`} names={names} now={now} cal={cal} />}
            <p>
              {cursor && <a href={todoHref(g)} class="button button--secondary">Về trang đầu</a>}
              {last && <a href={todoHref(g, cursorAfter(last))} class="button button--secondary" rel="next">Trang sau</a>}
            </p>
          </>
        ));
      }
      const total = groups.reduce((a, g) => a + (counts[g.group] ?? 0), 0);
      return staffPage(reply, p, 'Việc cần làm', () => (
        <>
          <h1>Việc cần làm</h1>
          <WorkNav groups={groups} counts={counts} current="todo" />
          {total === 0 && <p>Hiện không có hồ sơ nào chờ bạn. Xem <a href={ALL}>tất cả hồ sơ</a> trong phạm vi của bạn.</p>}
          {groups.map((g, i) => (
            <TodoSection g={g} count={counts[g.group] ?? 0} rows={lists[i]!} more={(counts[g.group] ?? 0) > lists[i]!.length}
              names={names} now={now} cal={cal} />
          ))}
        </>
      ));
    }

    const stateParam = q1(req, 'state');
    const limitParam = Number(q1(req, 'limit') || PAGE);
    const f: Filter = {
      state: stateParam === 'all' || (STATE_CODES as readonly number[]).includes(Number(stateParam)) ? stateParam : '',
      procedure: /^[0-9A-Z][0-9A-Z.]{2,40}$/.test(q1(req, 'procedure')) ? q1(req, 'procedure') : '',
      mine: q1(req, 'assignee') === 'me',
      ocr: q1(req, 'ocr').slice(0, MAX_QUERY_LENGTH + 1),
      limit: Number.isInteger(limitParam) && limitParam >= 1 && limitParam <= 200 ? limitParam : PAGE,
    };
    const scan = f.ocr ? scanTextQuery(p.communeId, f.ocr) : undefined;
    const errors: FieldError[] = scan && !scan.ok ? [{ field: 'ocr', message: scan.message }] : [];
    const [rows, counts, work, cal, procedures] = await Promise.all([
      errors.length ? Promise.resolve([]) : inbox(deps.db, p, {
        scanText: scan?.ok ? scan.filter : undefined,
        states: f.state === 'all' ? undefined : f.state ? [Number(f.state)] : OPEN_STATES,
        assigneeId: f.mine ? p.id : undefined,
        procedureCode: f.procedure || undefined,
        after: cursor ? cursorOf(cursor) : undefined,
        limit: f.limit,
      }),
      countsByState(deps.db, p),
      workCounts(deps.db, p, groups.map((g) => g.group)),
      workCalendarFor(deps.db, p.communeId),
      searchProcedures(deps.db, { at: now, limit: 500 }),
    ]);
    if (scan?.ok) await logSearch(deps.db, principalKey(p), scan.words, rows);
    const names = await namesFor(deps, p, rows);
    const last = rows.length === f.limit ? rows[rows.length - 1] : undefined;
    const count = (s: number) => counts[String(s)] ?? 0;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const open = OPEN_STATES.reduce((a, s) => a + count(s), 0);
    const current = (state: string) => (f.state === state ? 'page' : undefined);

    return staffPage(reply, p, errors.length ? 'Lỗi: Hồ sơ' : 'Hồ sơ', () => (
      <>
        <ErrorSummary errors={errors} />
        <h1>Hồ sơ</h1>
        <WorkNav groups={groups} counts={work} current="all" />
        <nav aria-label="Số hồ sơ theo trạng thái">
          <ul class="nav-counts">
            <li><a href={href({ ...f, state: '' })} aria-current={current('')}>Đang mở: {open}</a></li>
            {STATE_CODES.map((s) => (
              <li><a href={href({ ...f, state: String(s) })} aria-current={current(String(s))}>{stateName(s)}: {count(s)}</a></li>
            ))}
            <li><a href={href({ ...f, state: 'all' })} aria-current={current('all')}>Tất cả: {total}</a></li>
          </ul>
        </nav>

        <form method="get" action="/can-bo/ho-so" class="filters">
          <h2>Lọc danh sách</h2>
          <input type="hidden" name="xem" value="tat-ca" />
          <Choice
            id="state" name="state" label="Trạng thái" value={f.state} empty="Đang mở (chưa trả kết quả)"
            options={[...STATE_CODES.map((s) => ({ value: String(s), label: stateName(s) })), { value: 'all', label: 'Tất cả trạng thái' }]}
          />
          <Choice
            id="procedure" name="procedure" label="Thủ tục" value={f.procedure} empty="Tất cả thủ tục"
            options={procedures.map((x) => ({ value: x.code, label: `${x.name} (${x.code})` }))}
          />
          <Options id="assignee" name="assignee" legend="Người xử lý" type="checkbox" value={f.mine ? 'me' : undefined}
            options={[{ value: 'me', label: 'Chỉ hồ sơ được giao cho tôi' }]} required />
          <Input id="ocr" name="ocr" type="search" label="Nội dung giấy tờ đã quét" value={f.ocr} error={errors[0]?.message}
            hint={`Hồ sơ có giấy tờ đã số hóa chứa tất cả các từ này (gõ có dấu hay không dấu, chữ hoa hay thường đều được; từ dưới ${MIN_WORD} chữ cái bị bỏ qua). Mỗi lần tìm được ghi vào nhật ký truy cập dữ liệu cá nhân.`} />
          <button type="submit" class="button button--secondary">Lọc</button>
        </form>

        <h2>Danh sách hồ sơ</h2>
        <p class="hint">
          Hồ sơ nộp trực tuyến chờ tiếp nhận ở đầu danh sách, theo hạn tiếp nhận: phải tiếp nhận hoặc từ chối trong 01 ngày làm
          việc kể từ khi nộp (nộp ngoài giờ thì tính từ giờ làm việc kế tiếp). Sau đó là các hồ sơ khác theo hạn trả kết quả, hạn
          sớm nhất trước; hồ sơ chưa có hạn ở cuối. “Sắp đến hạn”: còn dưới 01 ngày làm việc (hạn tiếp nhận: dưới {RECEIPT_SOON_HOURS} giờ làm việc).
        </p>
        {scan?.ok && (
          <p class="hint">
            Chỉ hồ sơ có giấy tờ đã quét chứa tất cả {scan.words} từ đã nhập{scan.ignored ? ` (bỏ qua ${scan.ignored} từ dưới ${MIN_WORD} chữ cái)` : ''}.
            Giấy tờ đang chờ số hóa chưa tìm được.
          </p>
        )}
        {errors.length ? (
          <p>Hãy sửa nội dung tìm kiếm rồi bấm “Lọc”.</p>
        ) : rows.length === 0 ? (
          <p>Không có hồ sơ nào{cursor ? ' ở trang này' : ''}.</p>
        ) : (
          <DossierTable rows={rows} caption="Hồ sơ trong phạm vi của bạn: chờ tiếp nhận trước, sau đó theo hạn trả kết quả" names={names} now={now} cal={cal} />
        )}
        <p>
          {cursor && <a href={href(f)} class="button button--secondary">Về trang đầu</a>}
          {last && <a href={href(f, cursorAfter(last))} class="button button--secondary" rel="next">Trang sau</a>}
        </p>
      </>
    ), { status: errors.length ? 400 : 200 });
  });
}
